//! Who said it: the attribution split off a sentence ("according to X", "X said", "a report
//! released by X") and put the Vietnamese way ("theo X", "X cho biết"), and what the speaker's
//! own "it" stands for.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{Rules, Untranslatable};
use crate::model::Attribution;

/// Who said a sentence, for what its opening "it" stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Speaker {
    Unknown,
    Country,
    Organisation,
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
    let src = regex::escape(&a.source);
    let cue = regex::escape(&a.cue);
    let weekday = &*crate::lang::en::WEEKDAY_PATTERN;
    // "..., X said" / "..., said X, role" at the end.
    let tail = Regex::new(&format!(
        r"^(?P<body>.+?),\s+(?:{src}\s+(?:also\s+)?{cue}|{cue}\s+{src})(?:\s+(?:on\s+)?(?:{weekday}|today|yesterday|last\s+week|this\s+week))?(?:,.*)?$"
    ));
    if let Ok(re) = tail
        && let Some(c) = re.captures(text)
    {
        return Split {
            source: Some(a.source.clone()),
            cue: Some(a.cue.clone()),
            body: c["body"].to_string(),
        };
    }
    // "X said (that) ..." at the start, possibly after a lead-in set off by a comma or a time
    // ("This year the index showed"); any other word before the source is part of it ("CBS"
    // of "CBS Sports NFL Insider X has reported").
    let lead = Regex::new(&format!(
        r"^(?:(?P<pre>[^,]+?)(?P<comma>,)?\s+)?{src}\s+(?:also\s+|previously\s+|has\s+|have\s+)?{cue}\s+(?:that\s+)?(?P<body>.+)$"
    ));
    // "warned against proposed changes": not what was said but what it was about.
    const NOT_A_CLAUSE: &[&str] = &[
        "against", "of", "about", "on", "for", "in", "to", "with", "from", "over", "by",
    ];
    if let Ok(re) = lead
        && let Some(c) = re.captures(text)
        && !c["body"]
            .split_whitespace()
            .next()
            .is_some_and(|w| NOT_A_CLAUSE.contains(&w.to_lowercase().as_str()))
        && c.name("pre")
            .is_none_or(|p| c.name("comma").is_some() || TIME_LEAD.is_match(p.as_str()))
    {
        let body = match c.name("pre") {
            Some(p) => format!("{}, {}", p.as_str(), &c["body"]),
            None => c["body"].to_string(),
        };
        return Split {
            source: Some(a.source.clone()),
            cue: Some(a.cue.clone()),
            body,
        };
    }
    plain(text)
}
