//! Who a sentence's claim comes from: "X said", "said X, a role", "according to X", "the report found".
//!
//! Sentence in, `Option<Attribution>` out; pure. The source is the shortest span naming who:
//! a person, an organisation, a document or a pronoun as written.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Attribution;

const CUES: &str = "said|says|say|told|tells|added|adds|noted|notes|wrote|writes|warned|warns|urged|urges|found|finds|showed|shows|estimated|estimates|predicted|predicts|forecast|forecasts|announced|announces|reported|reports|argued|argues|claimed|claims|stated|states|explained|explains|concluded|concludes|acknowledged|insisted|suggested|suggests|revealed|confirmed|confirms|believes|cautioned|admitted|asserted|observed|projected|projects";

const NAME: &str = r"(?:[A-Z][\p{L}.'’-]*|of|de|van|von|al|bin)(?:\s(?:[A-Z][\p{L}.'’-]*|of|the|de|van|von|al|bin|for|and))*";

static INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[,”\x22]\s*(?P<cue>{CUES})\s+(?P<src>(?:the\s+)?{NAME}|he|she|they|we|it|the\s+\p{{Ll}}+(?:\s\p{{Ll}}+)?)(?:,\s+(?P<role>[^,.]+))?(?:,|\.|$|\s+(?:on|who|during|after|when|while|pointing|in\s+(?:a|an|the)\s)\b)"
    ))
    .expect("attribution regex")
});

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<cue>according to|per)\s+(?P<src>[^,;:.”\x22]+)")
        .expect("according regex")
});

static FORWARD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?P<cue>{CUES})\b")).expect("cue regex"));

/// Words that may stand in a source noun phrase before the cue.
const SOURCE_NOUNS: &[&str] = &[
    "report",
    "reports",
    "team",
    "authors",
    "author",
    "statement",
    "study",
    "survey",
    "data",
    "company",
    "government",
    "ministry",
    "officials",
    "official",
    "analysts",
    "analyst",
    "researchers",
    "researcher",
    "police",
    "experts",
    "expert",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "president",
    "index",
    "tracker",
    "agency",
    "court",
    "filings",
    "documents",
    "memo",
    "minutes",
    "paper",
    "scientists",
    "department",
    "board",
    "firm",
    "group",
    "committee",
    "union",
    "bank",
    "economists",
    "economist",
    "sources",
    "source",
    "he",
    "she",
    "they",
    "we",
    "it",
    "i",
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "new",
    "latest",
    "leaked",
    "annual",
    "joint",
    "federal",
    "state",
    "white",
    "house",
];

const SKIPPED_BEFORE_CUE: &[&str] = &[
    "also",
    "previously",
    "recently",
    "later",
    "earlier",
    "has",
    "have",
    "had",
    "then",
    "further",
    "separately",
    "once",
    "repeatedly",
    "publicly",
    "reportedly",
    "had",
];

/// Finds the attribution of one sentence.
pub fn find(sentence: &str) -> Option<Attribution> {
    inverted(sentence)
        .or_else(|| according(sentence))
        .or_else(|| forward(sentence))
}

/// "..., said Ethan Kessler, a researcher at the Belfer Centre." and "..., the report said."
fn inverted(s: &str) -> Option<Attribution> {
    let c = INVERTED.captures(s)?;
    let src = c["src"].trim();
    if src.eq_ignore_ascii_case("the") || src.split_whitespace().count() > 6 {
        return None;
    }
    Some(Attribution {
        source: src.to_string(),
        role: c.name("role").map(|r| strip_article(r.as_str().trim())),
        cue: c["cue"].to_string(),
    })
}

fn according(s: &str) -> Option<Attribution> {
    let c = ACCORDING.captures(s)?;
    let cue = c["cue"].to_ascii_lowercase();
    if cue == "per" && !c["src"].starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    let raw = c["src"].trim();
    // "a report released on Thursday by Harvard University": the organisation names it best.
    let by = Regex::new(r"\bby\s+(?P<org>(?:the\s+)?[A-Z][\p{L}'’-]*(?:\s[A-Z][\p{L}'’-]*)*)")
        .expect("by regex");
    let source = if let Some(b) = by.captures(raw) {
        b["org"].to_string()
    } else {
        cut_at_modifier(raw)
    };
    if source.is_empty() {
        return None;
    }
    Some(Attribution {
        source,
        role: None,
        cue: cue.to_string(),
    })
}

/// "Kessler said ...", "The team also said ...", "the report found ...".
fn forward(s: &str) -> Option<Attribution> {
    for m in FORWARD.find_iter(s) {
        let before = &s[..m.start()];
        let words: Vec<&str> = before.split_whitespace().collect();
        let mut picked: Vec<&str> = Vec::new();
        let mut idx = words.len();
        while idx > 0 && SKIPPED_BEFORE_CUE.contains(&words[idx - 1].to_lowercase().as_str()) {
            idx -= 1;
        }
        while idx > 0 && picked.len() < 6 {
            let w = words[idx - 1];
            let bare = w
                .trim_end_matches(['’', '\''])
                .trim_end_matches("’s")
                .trim_end_matches("'s");
            let lower = bare.to_lowercase();
            let ends_clause = w.ends_with([',', ';', ':', '”', '"', '.']);
            if ends_clause {
                break;
            }
            let capital = bare.starts_with(|c: char| c.is_uppercase());
            if capital || SOURCE_NOUNS.contains(&lower.as_str()) {
                picked.push(w);
                idx -= 1;
            } else {
                break;
            }
        }
        picked.reverse();
        // A bare determiner is no source; a conjunction-led capital ("But") is dropped.
        while let Some(first) = picked.first() {
            let f = first.to_lowercase();
            if matches!(
                f.as_str(),
                "but" | "and" | "however" | "still" | "so" | "yet" | "meanwhile"
            ) {
                picked.remove(0);
            } else {
                break;
            }
        }
        let source = picked.join(" ");
        let meaningful = picked.iter().any(|w| {
            let l = w.to_lowercase();
            !matches!(
                l.as_str(),
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "new" | "latest"
            )
        });
        if meaningful {
            return Some(Attribution {
                source,
                role: None,
                cue: m.as_str().to_string(),
            });
        }
    }
    None
}

fn strip_article(s: &str) -> String {
    for a in ["a ", "an ", "the "] {
        if let Some(r) = s.strip_prefix(a) {
            return r.to_string();
        }
    }
    s.to_string()
}

/// "the authors of the report released on Thursday" -> "the authors of the report".
fn cut_at_modifier(s: &str) -> String {
    let stops = [
        " released",
        " published",
        " issued",
        " on ",
        " in ",
        " at ",
        " which",
        " who",
        " that",
        " from ",
        " last ",
        " this ",
    ];
    let mut end = s.len();
    for stop in stops {
        if let Some(i) = s.find(stop) {
            end = end.min(i);
        }
    }
    s[..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(s: &str) -> Option<String> {
        find(s).map(|a| a.source)
    }

    #[test]
    fn finds_an_inverted_speaker_with_role() {
        let a = find("“It is costly,” said Ethan Kessler, a researcher at the Belfer Centre and co-author of the latest report.").unwrap();
        assert_eq!(a.source, "Ethan Kessler");
        assert_eq!(a.cue, "said");
        assert!(
            a.role
                .unwrap()
                .starts_with("researcher at the Belfer Centre")
        );
    }

    #[test]
    fn finds_according_to_and_the_report_said() {
        assert_eq!(
            source(
                "According to the Australian think tank tracker, China led in 57 of 64 technologies."
            ),
            Some("the Australian think tank tracker".into())
        );
        assert_eq!(
            source(
                "The US led China, according to a report released on Thursday by Harvard University."
            ),
            Some("Harvard University".into())
        );
        assert_eq!(
            source("“China lags in chips,” the report said."),
            Some("the report".into())
        );
    }

    #[test]
    fn finds_a_subject_before_the_cue() {
        assert_eq!(
            source("The team also said the US stands to lose talent."),
            Some("The team".into())
        );
        assert_eq!(
            source("Aside from biotech, Kessler said China was a threat."),
            Some("Kessler".into())
        );
        assert_eq!(source("The rain fell all day."), None);
    }
}
