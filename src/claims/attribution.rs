//! Who a sentence's claim comes from: "X said", "said X, a role", "according to X", "the report found".
//!
//! Sentence in, `Option<Attribution>` out; pure. The source is the shortest span naming who:
//! a person, an organisation, a document or a pronoun as written.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Attribution;

const CUES: &str = "said|says|say|told|tells|added|adds|noted|notes|wrote|writes|warned|warns|urged|urges|found|finds|showed|shows|estimated|estimates|predicted|predicts|forecast|forecasts|announced|announces|reported|reports|argued|argues|claimed|claims|stated|states|explained|explains|concluded|concludes|acknowledged|insisted|suggested|suggests|revealed|confirmed|confirms|believes|believe|reveals|reveal|cautioned|admitted|asserted|observed|projected|projects|expects|expected|promised|promises|saying|suggesting|noting|adding|warning|arguing|claiming|predicting|estimating|insisting|explaining";

const NAME: &str = r"(?:[A-Z][\p{L}.'’-]*|of|de|van|von|al|bin)(?:\s(?:[A-Z][\p{L}.'’-]*|of|the|de|van|von|al|bin|for|and))*";

/// People named by what they do, in the plural: "authorities", "nutritionists", "organizers".
const AGENTS: &str = r"\p{Ll}+(?:ists|ers|ors|ians|ities|ials|ants|ents)\b";

/// Whether a word names people by what they do, in the plural ("experts", "organizers").
fn agents(word: &str) -> bool {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("^{AGENTS}$")).expect("agents regex"));
    RE.is_match(word) || matches!(word, "experts" | "police" | "doctors" | "scientists")
}

static INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[,”\x22]\s*(?P<cue>{CUES})\s+(?:\d+-year-old\s+)?(?P<src>(?:the\s+)?{NAME}|he|she|they|we|it|the\s+\p{{Ll}}+(?:\s\p{{Ll}}+)?|{AGENTS})(?:,\s+(?P<role>[^,.]+))?(?:,|\.|$|\s+(?:on|who|during|after|when|while|pointing|in\s+(?:a|an|the)\s)\b)"
    ))
    .expect("attribution regex")
});

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<cue>according to|per)\s+(?P<src>(?:(?:[A-Z]\.){2,}|[^,;:.”\x22])+)")
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
    // "Headlines suggested X, but the songwriter said Y": the clause after "but" governs.
    if let Some(i) = sentence.find(", but ") {
        let (first, second) = sentence.split_at(i + 2);
        if forward(first).is_some()
            && let Some(a) = forward(second)
        {
            return Some(a);
        }
    }
    inverted(sentence)
        .or_else(|| according(sentence))
        .or_else(|| appositive(sentence))
        .or_else(|| forward(sentence))
        // "That said, ...": an idiom; a demonstrative alone names nobody.
        .filter(|a| !matches!(a.source.as_str(), "That" | "This"))
}

/// Byte ranges inside quotation marks: a cue there belongs to the quoted speaker's words.
fn quoted(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, ch) in s.char_indices() {
        match (ch, open) {
            ('“', _) => open = Some(i),
            ('”', Some(o)) => {
                out.push((o, i));
                open = None;
            }
            ('"', None) => open = Some(i),
            ('"', Some(o)) => {
                out.push((o, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Articles and possessives that open a noun phrase and name nobody by themselves.
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our"];

/// Words that show a stretch of text is a clause, not a noun phrase naming a source.
const NOT_IN_SOURCE: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "do", "does", "did", "not", "to", "that", "which",
    "who", "what", "if", "when", "because", "than", "as", "it's", "there", "this", "these",
    "those", "i", "me", "my", "you", "your", "also", "so", "then",
];

/// Leading words of a clause that are not part of its subject.
const CLAUSE_OPENERS: &[&str] = &[
    "but",
    "and",
    "however",
    "still",
    "so",
    "yet",
    "meanwhile",
    "with",
    "while",
    "as",
    "when",
    "although",
    "though",
    "because",
    "since",
    "after",
    "before",
    "now",
    "instead",
    "separately",
    "(",
];

/// Titles in front of a name ("Interim Police Chief Ed Alvarez" is "Ed Alvarez").
const TITLES: &[&str] = &[
    "chief",
    "police",
    "interim",
    "president",
    "prime",
    "minister",
    "secretary",
    "director",
    "ceo",
    "chairman",
    "chairwoman",
    "sgt",
    "sgt.",
    "sergeant",
    "officer",
    "lt.",
    "capt.",
    "captain",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "mayor",
    "judge",
    "general",
    "gen.",
    "coach",
    "manager",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commissioner",
    "inspector",
    "detective",
    "deputy",
    "executive",
    "founder",
    "analyst",
    "economist",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "leader",
    // British police ranks written short: "Det Ch Insp Richard Campbell".
    "det",
    "det.",
    "ch",
    "insp",
    "insp.",
    "supt",
    "supt.",
];

/// Drops titles before a capitalised name.
fn strip_titles(src: &str) -> String {
    let words: Vec<&str> = src.split_whitespace().collect();
    if words.len() < 3 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return src.to_string();
    }
    let last_title = words
        .iter()
        .rposition(|w| TITLES.contains(&w.to_lowercase().as_str()));
    match last_title {
        Some(i) if words.len() - i > 1 => words[i + 1..].join(" "),
        _ => src.to_string(),
    }
}

/// A noun phrase naming a source, or `None` when the words read as a clause.
fn source_phrase(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    // "In a statement Google said": the occasion is no part of who.
    if words.len() >= 4
        && matches!(words[0].to_lowercase().as_str(), "in" | "on")
        && matches!(
            words[1].to_lowercase().as_str(),
            "a" | "an" | "its" | "their" | "his" | "her"
        )
        && words[3].starts_with(char::is_uppercase)
    {
        words.drain(..3);
    }
    while let Some(first) = words.first() {
        let f = first.trim_start_matches('(').to_lowercase();
        if CLAUSE_OPENERS.contains(&f.as_str()) || f.is_empty() {
            words.remove(0);
        } else {
            break;
        }
    }
    // Time phrases between subject and verb: "Alden on Tuesday announced".
    while words.len() >= 2 {
        let n = words.len();
        let last = words[n - 1].to_lowercase();
        let prev = words[n - 2].to_lowercase();
        let weekday = super::dates::weekday(&last).is_some();
        if (prev == "on" && weekday)
            || (prev == "last" && matches!(last.as_str(), "week" | "month" | "year" | "night"))
        {
            words.truncate(n - 2);
        } else if matches!(
            last.as_str(),
            "yesterday"
                | "today"
                | "also"
                | "previously"
                | "recently"
                | "earlier"
                | "later"
                | "reportedly"
                | "publicly"
                | "repeatedly"
                | "separately"
                | "once"
                | "further"
                | "then"
        ) {
            words.truncate(n - 1);
        } else {
            break;
        }
    }
    if words.is_empty() || words.len() > 7 {
        return None;
    }
    if words.iter().any(|w| {
        let l = w.to_lowercase();
        let l = l.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        NOT_IN_SOURCE.contains(&l)
    }) {
        return None;
    }
    let first = words[0];
    let last = words[words.len() - 1].to_lowercase();
    let opener = (words.len() <= 3 && agents(&last))
        || first.starts_with(char::is_uppercase)
        || DETERMINERS.contains(&first.to_lowercase().as_str())
        || matches!(
            first.to_lowercase().as_str(),
            "one" | "two" | "three" | "he" | "she" | "they" | "we" | "it"
        );
    if !opener {
        return None;
    }
    // "one study in 24 older adults": the study, not its sample.
    let mut cut = words.len();
    for (i, w) in words.iter().enumerate().skip(1) {
        if matches!(*w, "in" | "of" | "among" | "with")
            && words
                .get(i + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        {
            cut = i;
            break;
        }
    }
    // A share of people ("Fifty-one percent say") is a poll result, not a source.
    if words.iter().any(|w| {
        let l = w.to_lowercase();
        l.contains('%') || l.contains("percent") || l == "cent"
    }) {
        return None;
    }
    let phrase = words[..cut].join(" ");
    let phrase = phrase.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '“' | '”' | '"'));
    (!phrase.is_empty()).then(|| strip_titles(phrase))
}

/// "Andrew Stoddart, chief scientist at 2d3, said that ..." and "A dissident group, widely
/// referred to as the new IRA, said ...".
fn appositive(s: &str) -> Option<Attribution> {
    static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:^|,\s)(?P<src>[^,“”\x22]{{2,60}}),\s(?P<role>[^,“”\x22]{{3,90}}),\s(?:also\s|previously\s|later\s)?(?P<cue>{CUES})\b"
        ))
        .expect("appositive regex")
    });
    let c = APPOSITIVE.captures(s)?;
    // "in Munich, Germany, and co-author of the study, said": a place in a list, not a name
    // and its role.
    if c["role"].starts_with("and ") || c["role"].starts_with("or ") {
        return None;
    }
    // "Council chief executive, Michel Saminaden, said": the role first, then the name.
    let role = c["role"].trim();
    let named = (2..=3).contains(&role.split_whitespace().count())
        && role
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
    if named
        && c["src"]
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase))
    {
        return Some(Attribution {
            source: role.to_string(),
            role: Some(strip_article(c["src"].trim())),
            cue: c["cue"].to_string(),
        });
    }
    let source = source_phrase(&c["src"])?;
    Some(Attribution {
        source,
        role: Some(strip_article(c["role"].trim())),
        cue: c["cue"].to_string(),
    })
}

/// "..., said Ethan Kessler, a researcher at the Belfer Centre." and "..., the report said."
fn inverted(s: &str) -> Option<Attribution> {
    let c = INVERTED.captures(s)?;
    let mut src = c["src"].trim().trim_end_matches('.');
    let mut role = c.name("role").map(|r| strip_article(r.as_str().trim()));
    // "Sgt. Michael Verlich of the Los Angeles County Sheriff's Department": a name, then where
    // the person works.
    if src.split_whitespace().count() > 4
        && let Some(i) = src.find(" of ")
    {
        role = role.or_else(|| Some(src[i + 1..].to_string()));
        src = &src[..i];
    }
    if src.eq_ignore_ascii_case("the") || src.split_whitespace().count() > 6 {
        return None;
    }
    Some(Attribution {
        source: strip_titles(src),
        role,
        cue: c["cue"].to_string(),
    })
}

fn according(s: &str) -> Option<Attribution> {
    let c = ACCORDING.captures(s)?;
    let cue = c["cue"].to_ascii_lowercase();
    let src_text = c["src"].strip_prefix("the ").unwrap_or(&c["src"]);
    if cue == "per" && !src_text.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    let raw = c["src"].trim();
    // "a report released on Thursday by Harvard University": the organisation names it best.
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\bby\s+(?P<org>(?:the\s+)?[A-Z][\p{L}'’-]*(?:\s(?:[A-Z][\p{L}'’-]*|\p{Ll}+-\p{Ll}+))*)",
        )
        .expect("by regex")
    });
    let source = if let Some(b) = BY.captures(raw) {
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
    let quotes = quoted(s);
    for m in FORWARD.find_iter(s) {
        if quotes.iter().any(|&(a, b)| a < m.start() && m.start() < b) {
            continue;
        }
        let before = &s[..m.start()];
        let last = before
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        // "the reported pricing": an adjective, not a cue.
        if matches!(
            last.as_str(),
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "as"
                | "be"
                | "been"
                | "being"
                | "is"
                | "was"
                | "were"
                | "are"
        ) || (last.contains('-') && last.contains(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        // The clause that ends at the cue, when it is a noun phrase ("A doctor on the scene
        // told", "but Europe's biggest drugmaker says").
        let clause_start = before
            .rfind([',', ';', ':', '“', '”', '"', '(', '—', '–'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let clause = &before[clause_start..];
        // "as police believe": a belief the writer leans on, not a source of the claim.
        if matches!(m.as_str(), "believe" | "believes")
            && clause.trim_start().to_lowercase().starts_with("as ")
        {
            continue;
        }
        let preceded_by_what = before[..clause_start]
            .trim_end()
            .to_lowercase()
            .ends_with(" what");
        if !preceded_by_what
            && let Some(source) = source_phrase(clause)
            && !matches!(source.to_lowercase().as_str(), "i" | "me")
        {
            return Some(Attribution {
                source,
                role: None,
                cue: m.as_str().to_string(),
            });
        }
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
        let before_run = words[..idx]
            .last()
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        if matches!(before_run.as_str(), "what" | "than" | "whom") {
            continue;
        }
        while let Some(first) = picked.first() {
            let f = first.to_lowercase();
            if matches!(
                f.as_str(),
                "at" | "in"
                    | "on"
                    | "for"
                    | "by"
                    | "from"
                    | "to"
                    | "after"
                    | "before"
                    | "under"
                    | "over"
                    | "as"
                    | "if"
                    | "when"
                    | "while"
                    | "prior"
            ) {
                picked.remove(0);
            } else {
                break;
            }
        }
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
            !DETERMINERS.contains(&l.as_str()) && !matches!(l.as_str(), "new" | "latest" | "i")
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
        " cited",
        " quoted",
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
    fn an_occasion_an_idiom_or_a_role_first_is_read_for_who() {
        assert_eq!(
            source("In a statement Google said the feature was in beta.").as_deref(),
            Some("Google")
        );
        assert_eq!(
            source("That said, it does have a handy drip-stop function."),
            None
        );
        assert_eq!(
            source("Council chief executive, Michel Saminaden, said the lake was full.").as_deref(),
            Some("Michel Saminaden")
        );
    }

    #[test]
    fn the_clause_after_but_governs_the_claim() {
        assert_eq!(
            source("Headlines suggested he would sue, but in an interview, the songwriter said the publisher settled.")
                .as_deref(),
            Some("the songwriter")
        );
    }

    #[test]
    fn people_named_by_what_they_do_are_sources() {
        assert_eq!(
            source("There are new diet trends, and nutritionists say they are good.").as_deref(),
            Some("nutritionists")
        );
        assert_eq!(
            source("He was heavily armed, authorities said.").as_deref(),
            Some("authorities")
        );
        assert_eq!(
            source("According to U.S. Navy documents, planes scored 10 hits.").as_deref(),
            Some("U.S. Navy documents")
        );
        assert_eq!(
            source("Tasked with it, Jennifer Jao, head of the commission, said 92 crews came.")
                .as_deref(),
            Some("Jennifer Jao")
        );
        assert_eq!(
            source("Det Ch Insp Richard Campbell said it was a difficult day.").as_deref(),
            Some("Richard Campbell")
        );
        // "as police believe" leans on a belief; it names no source of the claim.
        assert_eq!(source("It happened at 10pm, as police believe."), None);
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
