//! Who said it: the attribution split off a sentence ("according to X", "X said", "a report
//! released by X") and put the Vietnamese way ("theo X", "X cho biết"), and what the speaker's
//! own "it" stands for.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::chunk::Chunk;
use super::{Rules, Untranslatable};
use crate::claims::attribution::occurrences;
use crate::glossary::Pos;
use crate::model::Attribution;

/// Who said a sentence, for what its opening "it" stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Speaker {
    Unknown,
    Country,
    Organisation,
}

impl Speaker {
    /// Leaves out an organisation's opening "it", as Vietnamese does ("The company said it
    /// would cut" = "Công ty cho biết sẽ cắt giảm"), and says whether it did; any other "it"
    /// for an organisation that spoke needs an editor.
    pub(super) fn leave_out_it(self, chunks: &mut Vec<Chunk>) -> Result<bool, Untranslatable> {
        // Not before "be": "it would be provided" is a thing, not the speaker.
        let at = chunks
            .iter()
            .position(|f| f.en == "it" && f.pos == Pos::Pron);
        let drop_it = self == Speaker::Organisation
            && at.is_some_and(|k| {
                k == 0
                    && chunks
                        .get(k + 1)
                        .is_some_and(|n| matches!(n.pos, Pos::Aux | Pos::Verb))
                    && !chunks[k + 1..]
                        .iter()
                        .take_while(|n| matches!(n.pos, Pos::Aux | Pos::Be | Pos::Adv | Pos::Neg))
                        .any(|n| {
                            n.pos == Pos::Be || n.en.ends_with(" been") || n.en.ends_with(" be")
                        })
            });
        if drop_it && let Some(k) = at {
            chunks.remove(k);
        } else if self == Speaker::Organisation && at.is_some() {
            // "nó" is not how Vietnamese news refers back to a ministry or a company.
            return Err(Untranslatable(
                "\"it\" for the organisation that spoke needs an editor".into(),
            ));
        }
        Ok(drop_it)
    }
}

/// Nouns for bodies that speak of themselves as "it": "the company said it would".
pub(super) const ORGANISATIONS: &[&str] = &[
    "company",
    "firm",
    "group",
    "government",
    "ministry",
    "army",
    "military",
    "agency",
    "bank",
    "council",
    "court",
    "department",
    "party",
    "union",
    "organisation",
    "organization",
    "airline",
    "carmaker",
    "automaker",
    "manufacturer",
    "retailer",
    "club",
    "board",
    "committee",
    "authority",
    "network",
    "newspaper",
    "university",
    "hospital",
    "regulator",
    "commission",
    "institute",
    "foundation",
    "charity",
    "embassy",
    "administration",
    "coalition",
    "alliance",
    "league",
    "federation",
    "association",
    "studio",
    "publisher",
    "broadcaster",
    "maker",
    "developer",
    "provider",
    "lender",
    "insurer",
    "operator",
    "startup",
    "business",
    "ministry",
    "parliament",
    "senate",
    "campaign",
    "team",
    "think tank",
];

static DOCUMENT_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<doc>.+?)\s+(?:released|published|issued|compiled|produced)?\s*(?P<when>(?:on|in|last)\s+\S+(?:\s\d{1,2},?\s\d{4})?)?\s*by\s+(?P<org>.+)$")
        .expect("document regex")
});

impl Rules {
    /// Who a source is, for what the "it" of what it said stands for: a country speaking of
    /// itself is "nước này" ("China said it ..."); an organisation is the "it" of what it said
    /// ("The company said it would"); a person never is ("He said it would be provided").
    pub(super) fn speaker(&self, source: &str) -> Speaker {
        let words: Vec<&str> = source.split_whitespace().collect();
        let entity = self
            .glossary
            .lookup(&words)
            .filter(|(n, _)| *n == words.len())
            .and_then(|(_, e)| e.entity.as_ref().map(|(kind, _)| *kind));
        let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        match entity {
            Some(crate::model::EntityKind::Country) => Speaker::Country,
            Some(crate::model::EntityKind::Organisation) => Speaker::Organisation,
            _ if ORGANISATIONS.contains(&head.as_str()) => Speaker::Organisation,
            _ => Speaker::Unknown,
        }
    }

    /// "a report released on Thursday by Harvard University" -> "báo cáo ngày 5/6/2025 của ĐH Harvard".
    pub(super) fn source_phrase(
        &self,
        s: &str,
        published: Option<NaiveDate>,
    ) -> Result<String, Untranslatable> {
        if let Some(c) = DOCUMENT_BY.captures(s) {
            let doc = self.phrase(&c["doc"], published)?;
            let org = self.phrase(&c["org"], published)?;
            let when = match c.name("when") {
                Some(w) => format!(" {}", self.phrase(w.as_str(), published)?),
                None => String::new(),
            };
            return Ok(format!("{doc}{when} của {org}"));
        }
        self.phrase(s, published)
    }
}

/// A sentence with its attribution clause taken out.
pub(super) struct Split {
    pub(super) source: Option<String>,
    pub(super) cue: Option<String>,
    pub(super) body: String,
}

static ACCORDING_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:according to)\s+(?P<src>[^,]+),\s*(?P<body>.+)$").expect("regex")
});
static ACCORDING_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<body>.+?),?\s+(?i:according to)\s+(?P<src>[^,]+)$").expect("regex")
});

/// A lead-in that is a time: "This year", "On Monday", "In 2025", "Last week".
static TIME_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = &*crate::lang::en::WEEKDAY_PATTERN;
    Regex::new(&format!(r"(?i)\b(?:year|month|week|day|today|yesterday|morning|afternoon|evening|night|{weekday}|\d{{4}})$"))
        .expect("time lead regex")
});

pub(super) fn split_attribution(text: &str, attribution: Option<&Attribution>) -> Split {
    let plain = |body: &str| Split {
        source: None,
        cue: None,
        body: body.to_string(),
    };
    let Some(a) = attribution else {
        return plain(text);
    };
    // A bullet that moved its source after the fact ("..., according to NASA") whatever the
    // sentence's own cue was ("NASA said ...").
    if let Some(c) = ACCORDING_TAIL.captures(text)
        && c["src"].trim().eq_ignore_ascii_case(a.source.trim())
    {
        return Split {
            source: Some(a.source.clone()),
            cue: Some("according to".into()),
            body: c["body"].trim().to_string(),
        };
    }
    if a.cue.eq_ignore_ascii_case("according to") {
        for re in [&*ACCORDING_LEAD, &*ACCORDING_TAIL] {
            if let Some(c) = re.captures(text) {
                return Split {
                    source: Some(c["src"].trim().to_string()),
                    cue: Some("according to".into()),
                    body: c["body"].trim().to_string(),
                };
            }
        }
        return plain(text);
    }
    if let Some(split) = said_at_end(text, a).or_else(|| said_at_start(text, a)) {
        return split;
    }
    plain(text)
}

/// What may follow an attribution at the end: a time ("on Thursday") and another clause.
static AFTER_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = &*crate::lang::en::WEEKDAY_PATTERN;
    Regex::new(&format!(
        r"^(?:\s+(?:on\s+)?(?:{weekday}|today|yesterday|last\s+week|this\s+week))?(?:,.*)?$"
    ))
    .expect("after tail regex")
});

/// The text before `end` with its trailing space, and the space's start, when there is some.
fn spaced_before(text: &str, end: usize) -> Option<usize> {
    let before = &text[..end];
    let start = before.trim_end().len();
    (start < end).then_some(start)
}

/// The place after `start` past its leading space, when there is some.
fn spaced_after(text: &str, start: usize) -> Option<usize> {
    let after = &text[start..];
    let skip = after.len() - after.trim_start().len();
    (skip > 0).then_some(start + skip)
}

/// "..., X said" / "..., said X, role" at the end (a time and a further clause may follow).
fn said_at_end(text: &str, a: &Attribution) -> Option<Split> {
    for cue in occurrences(text, &a.cue) {
        // "X (also) said" or "said X".
        let before_cue = spaced_before(text, cue[0]).map(|end| {
            let t = text[..end]
                .strip_suffix("also")
                .filter(|t| t.ends_with(char::is_whitespace));
            t.map_or(end, |t| t.trim_end().len())
        });
        let source_first = before_cue
            .filter(|&end| text[..end].ends_with(a.source.as_str()))
            .map(|end| [end - a.source.len(), cue[1]]);
        let cue_first = spaced_after(text, cue[1])
            .filter(|&start| text[start..].starts_with(a.source.as_str()))
            .map(|start| [cue[0], start + a.source.len()]);
        for [first, last] in [source_first, cue_first].into_iter().flatten() {
            let Some(end) = spaced_before(text, first) else {
                continue;
            };
            let Some(body) = text[..end].strip_suffix(',') else {
                continue;
            };
            // As the regular expressions had it: neither part runs over a line break.
            if !body.is_empty() && !body.contains('\n') && AFTER_TAIL.is_match(&text[last..]) {
                return Some(Split {
                    source: Some(a.source.clone()),
                    cue: Some(a.cue.clone()),
                    body: body.to_string(),
                });
            }
        }
    }
    None
}

/// "X said (that) ..." at the start, possibly after a lead-in set off by a comma or a time
/// ("This year the index showed"); any other word before the source is part of it ("CBS" of
/// "CBS Sports NFL Insider X has reported").
fn said_at_start(text: &str, a: &Attribution) -> Option<Split> {
    // "warned against proposed changes": not what was said but what it was about.
    const NOT_A_CLAUSE: &[&str] = &[
        "against", "of", "about", "on", "for", "in", "to", "with", "from", "over", "by",
    ];
    const BETWEEN: &[&str] = &["also", "previously", "has", "have"];
    for cue in occurrences(text, &a.cue) {
        let Some(mut end) = spaced_before(text, cue[0]) else {
            continue;
        };
        if let Some(w) = BETWEEN.iter().find(|w| {
            text[..end]
                .strip_suffix(*w)
                .is_some_and(|t| t.ends_with(char::is_whitespace))
        }) {
            end = text[..end - w.len()].trim_end().len();
        }
        let Some(head) = text[..end].strip_suffix(a.source.as_str()) else {
            continue;
        };
        // What comes before the source: nothing, or a lead-in without a comma inside.
        let pre = if head.is_empty() {
            None
        } else {
            let Some(pre_end) = spaced_before(text, head.len()) else {
                continue;
            };
            let pre = &text[..pre_end];
            let (pre, comma) = match pre.strip_suffix(',') {
                Some(p) => (p, true),
                None => (pre, false),
            };
            if pre.is_empty() || pre.contains(',') {
                continue;
            }
            Some((pre, comma))
        };
        let Some(start) = spaced_after(text, cue[1]) else {
            continue;
        };
        let rest = &text[start..];
        let body = rest
            .strip_prefix("that")
            .and_then(|b| b.strip_prefix(char::is_whitespace))
            .map(str::trim_start)
            .filter(|b| !b.is_empty())
            .unwrap_or(rest);
        if body.is_empty() || body.contains('\n') {
            continue;
        }
        // The first place the layout fits decides: what it says is not a clause, or a lead-in
        // that is neither set off nor a time, and there is no split.
        if body
            .split_whitespace()
            .next()
            .is_some_and(|w| NOT_A_CLAUSE.contains(&w.to_lowercase().as_str()))
        {
            return None;
        }
        let body = match pre {
            Some((p, comma)) if comma || TIME_LEAD.is_match(p) => format!("{p}, {body}"),
            Some(_) => return None,
            None => body.to_string(),
        };
        return Some(Split {
            source: Some(a.source.clone()),
            cue: Some(a.cue.clone()),
            body,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (Option<String>, String) {
        let a = crate::claims::attribution::find(text).expect("attributed");
        // As the rules pass it: without its full stop.
        let s = split_attribution(text.trim_end_matches('.'), Some(&a));
        (s.source, s.body)
    }

    #[test]
    fn the_attribution_is_taken_out_where_the_sentence_places_it() {
        let said = |src: &str, body: &str| (Some(src.to_string()), body.to_string());
        assert_eq!(
            split("Prices rose 5% in May, the ministry also said on Thursday."),
            said("the ministry", "Prices rose 5% in May")
        );
        assert_eq!(
            split("Sales fell 3%, said Ethan Kessler, a researcher at Belfer."),
            said("Ethan Kessler", "Sales fell 3%")
        );
        assert_eq!(
            split("The ministry has said that prices rose 5% in May."),
            said("The ministry", "prices rose 5% in May")
        );
        assert_eq!(
            split("This year the index showed that 57 of 64 schools improved."),
            said("the index", "This year, 57 of 64 schools improved")
        );
        assert_eq!(
            split("On Monday, the company said it would hire 300 workers."),
            said("the company", "On Monday, it would hire 300 workers")
        );
        // "warned against": what the warning was about, not what was said.
        assert_eq!(
            split("The union warned against proposed changes to 40 schools.").0,
            None
        );
    }
}
