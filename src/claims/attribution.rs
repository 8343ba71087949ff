//! Who a sentence's claim comes from: "X said", "said X, a role", "according to X", "the report found".
//!
//! Sentence in, `Option<Attribution>` out; pure. The source is the shortest span naming who:
//! a person, an organisation, a document or a pronoun as written.

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::en;

use crate::model::{Attribution, Span};

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
    let cues = &*en::SAYING_PATTERN;
    Regex::new(&format!(
        r"[,”\x22]\s*(?P<cue>{cues})\s+(?:\d+-year-old\s+)?(?P<src>(?:the\s+)?{NAME}|he|she|they|we|it|the\s+\p{{Ll}}+(?:\s\p{{Ll}}+)?|the\s+(?:[\p{{L}}-]+\s){{1,3}}\p{{Ll}}[\p{{Ll}}-]*|{AGENTS})(?:,\s+(?P<role>[^,.]+))?(?:,|\.|$|\s+(?:on|who|during|after|when|while|pointing|in\s+(?:a|an|the)\s)\b)"
    ))
    .expect("attribution regex")
});

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<cue>according to|per)\s+(?P<src>(?:(?:[A-Z]\.){2,}|[^,;:.”\x22])+)")
        .expect("according regex")
});

static FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    let cues = &*en::SAYING_PATTERN;
    Regex::new(&format!(r"\b(?P<cue>{cues})\b")).expect("cue regex")
});

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

/// Finds the attribution of one sentence, with the spans of its source and cue in it.
pub fn find(sentence: &str) -> Option<Attribution> {
    let mut a = unplaced(sentence)?;
    if let Some((source, cue)) = locate(sentence, &a.source, &a.cue) {
        a.source_span = Some(source);
        a.cue_span = Some(cue);
    }
    Some(a)
}

/// Where a source and its cue are written in `text`: the byte spans of the closest pair of
/// whole-word occurrences (a cue can be written twice, once inside a quotation), or None when
/// either is not written as is (a source whose title the record drops: "Dr.").
pub fn locate(text: &str, source: &str, cue: &str) -> Option<(Span, Span)> {
    // As written, or opening the sentence ("According to ...", "The ministry said").
    let cased = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .filter(|u| u != w)
    };
    let spans = |w: &str| {
        let mut out: Vec<Span> = occurrences(text, w).collect();
        if let Some(u) = cased(w) {
            out.extend(occurrences(text, &u));
        }
        out
    };
    let sources = spans(source);
    spans(cue)
        .into_iter()
        .flat_map(|c| sources.iter().map(move |&s| (s, c)))
        .filter(|(s, c)| s[1] <= c[0] || c[1] <= s[0])
        .min_by_key(|(s, c)| (s[0].max(c[0]) - s[1].min(c[1]), s[0].min(c[0])))
}

/// Byte spans of the whole-word occurrences of `needle` in `text`, in order.
pub fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = Span> + Clone + 'a {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle)
        .filter(move |(i, _)| {
            !needle.is_empty()
                && !word(text[..*i].chars().next_back())
                && !word(text[i + needle.len()..].chars().next())
        })
        .map(move |(i, _)| [i, i + needle.len()])
}

fn unplaced(sentence: &str) -> Option<Attribution> {
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
    if words.len() < 3 {
        return src.to_string();
    }
    if !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        // "Liberal Democrat leader Charles Kennedy": a title in lower case, then a full name.
        let last_title = words.iter().rposition(|w| {
            w.starts_with(char::is_lowercase) && TITLES.contains(&w.to_lowercase().as_str())
        });
        return match last_title {
            Some(i)
                if words.len() - i > 2
                    && words[i + 1..]
                        .iter()
                        .all(|w| w.starts_with(char::is_uppercase)) =>
            {
                words[i + 1..].join(" ")
            }
            _ => src.to_string(),
        };
    }
    let last_title = words
        .iter()
        .rposition(|w| TITLES.contains(&w.to_lowercase().as_str()));
    match last_title {
        Some(i) if words.len() - i > 1 => words[i + 1..].join(" "),
        _ => src.to_string(),
    }
}

/// Nouns naming a document or a piece of research: what follows them ("in the Lancet", "of 65
/// people", "posing the question") says where or about what, not who.
const DOCUMENTS: &[&str] = &[
    "study",
    "studies",
    "report",
    "reports",
    "survey",
    "surveys",
    "poll",
    "polls",
    "review",
    "analysis",
    "research",
    "paper",
    "audit",
    "investigation",
    "records",
    "data",
    "figures",
    "statistics",
    "filings",
    "documents",
    "memo",
];

/// Cuts a document's noun phrase after its head noun ("A recent study in the Lancet" -> "A
/// recent study", "a poll posing the question" -> "a poll"); "by" and "from" name who made it
/// and stay ("a report by Demos").
fn cut_after_document(words: &mut Vec<&str>) {
    for i in 0..words.len().saturating_sub(1) {
        let head = words[i].to_lowercase();
        if !DOCUMENTS.contains(&head.as_str()) {
            continue;
        }
        let next = words[i + 1].to_lowercase();
        if matches!(
            next.as_str(),
            "in" | "of" | "among" | "with" | "on" | "into" | "for" | "about"
        ) || (next.len() > 4 && (next.ends_with("ing") || next.ends_with("ed")))
        {
            words.truncate(i + 1);
            return;
        }
    }
}

/// A noun phrase naming a source, or `None` when the words read as a clause.
fn source_phrase(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    // "(CNN)French striker ...": a dateline glued to the first word.
    if let Some(first) = words.first().copied()
        && first.starts_with('(')
        && let Some(i) = first.find(')')
    {
        let rest = &first[i + 1..];
        if rest.is_empty() {
            words.remove(0);
        } else {
            words[0] = rest;
        }
    }
    cut_after_document(&mut words);
    // "Last week a judge described", "Yesterday the board said": the time is no part of who.
    loop {
        let lower: Vec<String> = words.iter().take(2).map(|w| w.to_lowercase()).collect();
        let opens_with_time = match lower.as_slice() {
            [a, b, ..]
                if a == "last" && matches!(b.as_str(), "week" | "month" | "year" | "night") =>
            {
                2
            }
            [a, b, ..] if a == "on" && crate::lang::en::weekday(b).is_some() => 2,
            [a, ..] if matches!(a.as_str(), "yesterday" | "today" | "earlier" | "later") => 1,
            _ => 0,
        };
        if opens_with_time == 0 || words.len() <= opens_with_time {
            break;
        }
        words.drain(..opens_with_time);
    }
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
        let weekday = crate::lang::en::weekday(&last).is_some();
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
    let last = words[words.len() - 1].to_lowercase();
    let document = DOCUMENTS.contains(&last.as_str());
    if words.iter().enumerate().any(|(i, w)| {
        let l = w.to_lowercase();
        let l = l.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        // "a source close to the family"; "my research" names a document of the writer's.
        let close_to = l == "to" && i > 0 && words[i - 1].eq_ignore_ascii_case("close");
        let my_document = l == "my" && i == 0 && document && words.len() <= 3;
        NOT_IN_SOURCE.contains(&l) && !close_to && !my_document
    }) {
        return None;
    }
    let first = words[0];
    // "16 of the 22 studies reported": a counted group of documents or people.
    let counted_group = first.starts_with(|c: char| c.is_ascii_digit())
        && words.len() <= 5
        && (document || agents(&last));
    let opener = counted_group
        || (words.len() <= 3 && agents(&last))
        || first.starts_with(char::is_uppercase)
        || DETERMINERS.contains(&first.to_lowercase().as_str())
        || matches!(
            first.to_lowercase().as_str(),
            "one" | "two" | "three" | "he" | "she" | "they" | "we" | "it" | "my"
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
        let cues = &*en::SAYING_PATTERN;
        Regex::new(&format!(
            r"(?:^|,\s|[”\x22]\s)(?P<src>(?:[^,“”\x22]|,\d){{2,60}}),\s(?P<role>(?:[^,“”\x22]|,\d){{2,90}}),\s(?:also\s|previously\s|later\s)?(?P<cue>{cues})\b"
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
            source_span: None,
            cue_span: None,
        });
    }
    let source = source_phrase(&c["src"])?;
    Some(Attribution {
        source,
        role: Some(strip_article(c["role"].trim())),
        cue: c["cue"].to_string(),
        source_span: None,
        cue_span: None,
    })
}

/// "..., said Ethan Kessler, a researcher at the Belfer Centre." and "..., the report said."
fn inverted(s: &str) -> Option<Attribution> {
    let c = INVERTED.captures(s)?;
    // "..., told Reuters": the one told is the hearer, not the source.
    if matches!(&c["cue"], "told" | "tells") {
        return None;
    }
    // "..., said the lake was full": a clause after the cue, not who said it.
    if c["src"]
        .split_whitespace()
        .any(|w| NOT_IN_SOURCE.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
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
        source_span: None,
        cue_span: None,
    })
}

fn according(s: &str) -> Option<Attribution> {
    // "£31 per person ..., according to the ONS": a rate is passed over for the source after.
    let c = ACCORDING.captures_iter(s).find(|c| {
        let cue = c["cue"].to_ascii_lowercase();
        // "An official, who according to policy spoke anonymously, says": inside a relative
        // clause it qualifies someone else's words.
        let lead = s[..c.get(0).map_or(0, |m| m.start())]
            .trim_end()
            .to_lowercase();
        let src_text = c["src"].strip_prefix("the ").unwrap_or(&c["src"]);
        !(lead.ends_with(" who")
            || lead.ends_with(" which")
            || cue == "per" && !src_text.starts_with(|ch: char| ch.is_uppercase()))
    })?;
    let cue = c["cue"].to_ascii_lowercase();
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
        source_span: None,
        cue_span: None,
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
        // "was named by police as": a passive cue names its source after "by".
        if matches!(
            last.as_str(),
            "was" | "were" | "is" | "are" | "been" | "being"
        ) && let Some(a) = passive_agent(&s[m.end()..], m.as_str())
        {
            return Some(a);
        }
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
        let after = s[m.end()..].trim_start();
        let next = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // "member states of", "solar projects, the": a plural noun that reads like a cue.
        if matches!(
            m.as_str(),
            "states"
                | "projects"
                | "reports"
                | "claims"
                | "notes"
                | "estimates"
                | "forecasts"
                | "shows"
                | "rules"
                | "finds"
                | "promises"
        ) && (after.starts_with([',', ';'])
            || next == "of"
            || next == "and"
            || FORWARD.is_match(&next))
        {
            continue;
        }
        // "a man named John", "found it difficult", "shows that are": not said.
        if m.as_str() == "named"
            && !matches!(
                next.as_str(),
                "the" | "him" | "her" | "them" | "his" | "their"
            )
        {
            continue;
        }
        if matches!(m.as_str(), "found" | "finds")
            && matches!(
                next.as_str(),
                "it" | "itself" | "themselves" | "himself" | "herself"
            )
        {
            continue;
        }
        // The clause that ends at the cue, when it is a noun phrase ("A doctor on the scene
        // told", "but Europe's biggest drugmaker says").
        let clause_start = clause_break(before).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let clause = &before[clause_start..];
        // "as police believe": a belief the writer leans on, not a source of the claim.
        // "as Farkhunda's killing shows" likewise.
        if matches!(
            m.as_str(),
            "believe" | "believes" | "show" | "shows" | "showed"
        ) && clause.trim_start().to_lowercase().starts_with("as ")
        {
            continue;
        }
        let preceded_by_what = before[..clause_start]
            .trim_end()
            .to_lowercase()
            .ends_with(" what");
        // "...alone,” nickfree wrote": a quote, then a speaker of one word as written.
        let speaker = clause.trim();
        if before[..clause_start].ends_with(['”', '"'])
            && !speaker.is_empty()
            && !speaker.contains(char::is_whitespace)
            && speaker.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !NOT_IN_SOURCE.contains(&speaker.to_lowercase().as_str())
        {
            return Some(Attribution {
                source: speaker.to_string(),
                role: None,
                cue: m.as_str().to_string(),
                source_span: None,
                cue_span: None,
            });
        }
        // "Callan Spicher, vice president of X told us": a name, then a role with no comma
        // after it.
        if let Some(a) = name_before_role(before, clause_start, clause, m.as_str()) {
            return Some(a);
        }
        if !preceded_by_what
            && let Some(source) = source_phrase(clause)
            && !matches!(source.to_lowercase().as_str(), "i" | "me")
        {
            return Some(Attribution {
                source,
                role: None,
                cue: m.as_str().to_string(),
                source_span: None,
                cue_span: None,
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
        // "disqualified after the race when officials ruled": a cue in a clause of time or
        // cause inside the writer's sentence tells what happened, not who claims it.
        if matches!(
            before_run.as_str(),
            "what" | "than" | "whom" | "when" | "after" | "because" | "until" | "unless"
        ) && idx > 1
        {
            continue;
        }
        // "he designed a probe and found ...": the subject of the first verb found it too.
        if before_run == "and"
            && picked.is_empty()
            && let Some(a) = coordinated_subject(clause, m.as_str())
        {
            return Some(a);
        }
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
                source_span: None,
                cue_span: None,
            });
        }
    }
    None
}

/// "[was identified] by police as John Ray": the agent after a passive cue.
fn passive_agent(after: &str, cue: &str) -> Option<Attribution> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s+by\s+(?P<src>(?:the\s+)?[\p{L}'’.-]+(?:\s[\p{L}'’.-]+){0,5}?)(?:\s+(?:as|on|in|at|to|after|that|last|this)\b|[,.;]|$)")
            .expect("passive regex")
    });
    let c = BY.captures(after)?;
    let src = c["src"].trim();
    if src
        .split_whitespace()
        .any(|w| NOT_IN_SOURCE.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    Some(Attribution {
        source: src.to_string(),
        role: None,
        cue: cue.to_string(),
        source_span: None,
        cue_span: None,
    })
}

/// The last mark in `before` that ends a clause; a comma inside a number ("2,000") is none.
fn clause_break(before: &str) -> Option<usize> {
    before.char_indices().rev().find_map(|(i, ch)| {
        let breaks = matches!(ch, ',' | ';' | ':' | '“' | '”' | '"' | '(' | '—' | '–');
        let in_number = ch == ','
            && before[i + 1..].starts_with(|c: char| c.is_ascii_digit())
            && before[..i].ends_with(|c: char| c.is_ascii_digit());
        (breaks && !in_number).then_some(i)
    })
}

/// "In the 2000s he designed a probe and found": the pronoun that is the clause's subject.
fn coordinated_subject(clause: &str, cue: &str) -> Option<Attribution> {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let i = words.iter().position(|w| {
        matches!(
            *w,
            "he" | "she" | "they" | "we" | "He" | "She" | "They" | "We"
        )
    })?;
    // The pronoun must be followed by its verb, not stand as an object ("told he").
    let verb = words.get(i + 1)?;
    if !verb.starts_with(char::is_lowercase) || verb.len() < 3 {
        return None;
    }
    Some(Attribution {
        source: words[i].to_string(),
        role: None,
        cue: cue.to_string(),
        source_span: None,
        cue_span: None,
    })
}

/// The name before a role clause that runs up to the cue without a closing comma.
fn name_before_role(
    before: &str,
    clause_start: usize,
    clause: &str,
    cue: &str,
) -> Option<Attribution> {
    let role = clause.trim();
    let first = role.split_whitespace().next()?.to_lowercase();
    let role_word = TITLES.contains(&first.as_str())
        || matches!(
            first.as_str(),
            "vice" | "head" | "co-founder" | "owner" | "partner"
        );
    if !role_word || !before[..clause_start].ends_with(',') {
        return None;
    }
    let head = &before[..clause_start - 1];
    let from = head
        .rfind([',', ';', ':', '“', '”', '"', '(', '—', '–'])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let name = head[from..].trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    Some(Attribution {
        source: name.to_string(),
        role: Some(role.to_string()),
        cue: cue.to_string(),
        source_span: None,
        cue_span: None,
    })
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
    // "IDC estimations it will reach": a clause with no comma starts at its subject pronoun.
    // "figures for April 2023 to March 2024": the period they cover.
    static CLAUSE_OR_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
        let month = &*crate::lang::en::FULL_MONTH_PATTERN;
        Regex::new(&format!(r"\s(?:(?:it|he|she|they|we|there)\s|for\s+(?:the\s+)?(?:\d|{month}|year|quarter|month|week|period|first|second|third|fourth|last|past))"))
            .expect("clause regex")
    });
    if let Some(m) = CLAUSE_OR_PERIOD.find(s) {
        end = end.min(m.start());
    }
    s[..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(s: &str) -> Option<String> {
        find(s).map(|a| a.source)
    }

    /// Asserts who `sentence` is attributed to.
    fn said_by(sentence: &str, who: Option<&str>) {
        assert_eq!(source(sentence).as_deref(), who, "{sentence}");
    }

    #[test]
    fn an_occasion_an_idiom_or_a_role_first_is_read_for_who() {
        said_by(
            "In a statement Google said the feature was in beta.",
            Some("Google"),
        );
        assert_eq!(
            source("That said, it does have a handy drip-stop function."),
            None
        );
        said_by(
            "Council chief executive, Michel Saminaden, said the lake was full.",
            Some("Michel Saminaden"),
        );
    }

    #[test]
    fn the_clause_after_but_governs_the_claim() {
        said_by(
            "Headlines suggested he would sue, but in an interview, the songwriter said the publisher settled.",
            Some("the songwriter"),
        );
    }

    #[test]
    fn people_named_by_what_they_do_are_sources() {
        said_by(
            "There are new diet trends, and nutritionists say they are good.",
            Some("nutritionists"),
        );
        said_by(
            "He was heavily armed, authorities said.",
            Some("authorities"),
        );
        said_by(
            "According to U.S. Navy documents, planes scored 10 hits.",
            Some("U.S. Navy documents"),
        );
        said_by(
            "Tasked with it, Jennifer Jao, head of the commission, said 92 crews came.",
            Some("Jennifer Jao"),
        );
        said_by(
            "Det Ch Insp Richard Campbell said it was a difficult day.",
            Some("Richard Campbell"),
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

    #[test]
    fn a_subject_with_a_verb_of_naming_describing_or_showing_is_a_source() {
        said_by(
            "On Sunday, the county coroner's office named the victim as John Ray.",
            Some("the county coroner's office"),
        );
        said_by(
            "Last week a judge described the contract as void.",
            Some("a judge"),
        );
        said_by(
            "Court records show the firm paid $2 million.",
            Some("Court records"),
        );
        // "projects." at the end is still a cue after a comma.
        said_by(
            "Costs will climb 5% next year, a new survey projects.",
            Some("a new survey"),
        );
        // A man named in passing, and a plural noun that reads like a cue, are no sources.
        assert_eq!(source("A man named Joe Park runs the shop."), None);
        assert_eq!(
            source("For large office projects, the wiring takes two weeks."),
            None
        );
        assert_eq!(source("The chain has found it hard to hire cooks."), None);
        assert_eq!(source("Prices fell, as the survey shows."), None);
        said_by(
            "Forecasts from the OECD suggest growth of 2%.",
            Some("Forecasts from the OECD"),
        );
        said_by(
            "Prosecutors allege that he took $3 million.",
            Some("Prosecutors"),
        );
    }

    #[test]
    fn a_document_is_named_without_where_it_appeared_or_what_it_asked() {
        said_by(
            "A new study in the BMJ estimated that sales fell.",
            Some("A new study"),
        );
        said_by(
            "A 2019 survey of 900 nurses with long shifts found most were tired.",
            Some("A 2019 survey"),
        );
        said_by(
            "Nine of the 12 reports found a gain.",
            Some("Nine of the 12 reports"),
        );
        said_by(
            "In a review of trials, 9 of the 12 studies reported a gain.",
            Some("9 of the 12 studies"),
        );
        said_by("My analysis shows this is typical.", Some("My analysis"));
    }

    #[test]
    fn a_passive_cue_takes_its_agent_and_an_age_is_an_aside() {
        said_by(
            "The driver was identified by state police as Ann Lee, 30.",
            Some("state police"),
        );
        said_by(
            "Moreno, 61, said the mill would reopen in 2027.",
            Some("Moreno"),
        );
    }

    #[test]
    fn a_comma_inside_a_number_does_not_end_the_source() {
        said_by(
            "The poll of 1,500 voters, run by Ipsos, found most were undecided.",
            Some("The poll"),
        );
        said_by("A study of 12,000 twins found a link.", Some("A study"));
    }

    #[test]
    fn a_speaker_is_found_past_datelines_relative_clauses_and_hearers() {
        said_by(
            "The band is on a break, a source close to the singer said Monday.",
            Some("a source close to the singer"),
        );
        said_by(
            "(AP)Veteran coach Ana Silva, who has won twice, said she would stay.",
            Some("Ana Silva"),
        );
        said_by(
            "“It will be hard,” Mia Lund, an analyst with Nordea, told Bloomberg.",
            Some("Mia Lund"),
        );
        said_by(
            "“It is done,” Mia Lund, head of sales at Acme Foods told us.",
            Some("Mia Lund"),
        );
        said_by("“Leave it alone,” quietfox wrote.", Some("quietfox"));
        said_by(
            "Green Party leader Anna Berg told the BBC it was unfair.",
            Some("Anna Berg"),
        );
        said_by(
            "“We will win,” said the reigning world sprint champion.",
            Some("the reigning world sprint champion"),
        );
    }

    #[test]
    fn an_according_to_source_stops_at_its_clause_or_its_period() {
        said_by(
            "Meals cost £4 per head in Leeds, according to council data.",
            Some("council data"),
        );
        said_by(
            "According to Gartner forecasts it will grow 8%.",
            Some("Gartner forecasts"),
        );
        said_by(
            "Rents rose 4%, according to city figures for June 2024 to May 2025.",
            Some("city figures"),
        );
        said_by(
            "A manager, who according to custom spoke anonymously, says pay is low.",
            Some("A manager"),
        );
    }

    #[test]
    fn the_source_and_the_cue_come_with_their_spans_in_the_sentence() {
        let s = "\u{201c}We said no,\u{201d} Ethan Kessler said on Thursday.";
        let a = find(s).expect("attributed");
        let at = |span: Option<Span>| span.map(|[a, b]| &s[a..b]);
        assert_eq!(at(a.source_span), Some("Ethan Kessler"));
        assert_eq!(at(a.cue_span), Some("said"));
        // The cue inside the quotation is farther from the source than the speaker's own.
        assert_eq!(a.cue_span.map(|c| c[0]), s.rfind("said"));
        // A source not written as is has no span.
        assert_eq!(locate("Dr. Kessler said so.", "Kessler Jr", "said"), None);
        assert_eq!(occurrences("unsaid, said", "said").count(), 1);
        // A cue opening the sentence is found in its capital.
        let opening = "According to the tracker, China led in 57 of 64.";
        let a = find(opening).expect("attributed");
        assert_eq!(
            a.cue_span.map(|[a, b]| &opening[a..b]),
            Some("According to")
        );
    }
}
