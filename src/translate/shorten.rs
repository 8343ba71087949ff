//! Shorter renderings: what a sentence may lose and still say nothing it does not.

use chrono::NaiveDate;

use super::{MAX_WORDS, Rules};
use crate::claims::figures;
use crate::glossary::Pos;

/// Words that open a clause or aside that can leave a sentence without changing what the
/// rest of it says: participles, relative and time clauses, contrasts, examples.
const DETACHABLE: &[&str] = &[
    "which",
    "who",
    "whose",
    "where",
    "when",
    "while",
    "after",
    "before",
    "as",
    "but",
    "although",
    "though",
    "because",
    "since",
    "following",
    "including",
    "with",
    "amid",
    "despite",
    "even",
    "then",
    "now",
    "once",
    "until",
    "whereas",
    "so",
    "adding",
    "saying",
    "citing",
    "according",
];

/// Words whose clause the rest depends on: never cut ("X will happen if Y" is not "X will
/// happen").
const BINDING: &[&str] = &[
    "if",
    "unless",
    "provided",
    "only",
    "whether",
    "not",
    "nor",
    "or",
    "than",
    "except",
    "depending",
];

/// Shorter versions of a sentence that still say nothing it does not, longest first: trailing
/// clauses and asides cut at a comma or dash, when they carry no figure, open with a word of
/// [`DETACHABLE`] (or a participle), and the part kept is a main clause. A Vietnamese bullet may
/// say less than the English one, never something else; every figure stays.
pub fn shorter(text: &str, published: Option<NaiveDate>) -> Vec<String> {
    if text.split_whitespace().nth(MAX_WORDS).is_some() {
        return Vec::new();
    }
    let figs = figures::find(text, published);
    let first_word = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase()
    };
    if BINDING.contains(&first_word(text).as_str())
        || matches!(
            first_word(text).as_str(),
            "when" | "while" | "as" | "after" | "before" | "although" | "though" | "because"
        )
    {
        return Vec::new();
    }
    // Cut points: ", " or a dash, not inside parentheses or quotes.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | ';' if depth == 0 => cuts.push((i, i + 1)),
            '—' | '–' if depth == 0 => cuts.push((i, i + c.len_utf8())),
            '-' if depth == 0 && text[i..].starts_with("--") => cuts.push((i, i + 2)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for &(at, after) in &cuts {
        let kept = text[..at].trim();
        let tail = text[after..].trim_start_matches('-').trim();
        if kept.split_whitespace().count() < 4 || tail.is_empty() {
            continue;
        }
        // Nothing cut may carry a figure, or bind the rest.
        if figs.iter().any(|f| f.span[1] > at) {
            continue;
        }
        let binds = text[after..]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| BINDING.contains(&w.to_lowercase().as_str()) && w != "or");
        if binds {
            continue;
        }
        let w = first_word(tail);
        // "transfer technology, training capability and content": "training" is a list item.
        // "occurring on a stage ... and spanning" is a clause: a preposition or determiner
        // follows the participle.
        let first_segment = tail.split([',', ';']).next().unwrap_or("");
        let second = first_segment
            .split_whitespace()
            .nth(1)
            .unwrap_or("")
            .to_lowercase();
        let clause_like = matches!(
            second.as_str(),
            "on" | "in"
                | "at"
                | "to"
                | "the"
                | "a"
                | "an"
                | "from"
                | "with"
                | "by"
                | "for"
                | "of"
                | "as"
                | "into"
                | "over"
                | "up"
                | "out"
                | "its"
                | "their"
                | "his"
                | "her"
        );
        let participle = is_participle(&w)
            && (clause_like
                || (!first_segment.contains(" and ") && !first_segment.contains(" or ")));
        if !(DETACHABLE.contains(&w.as_str()) || participle) {
            continue;
        }
        // A list cut in two is not a shorter sentence ("in AI, space and energy").
        let opened_list = tail.split([',', ';']).next().is_some_and(|seg| {
            seg.split_whitespace().count() <= 3 && !DETACHABLE.contains(&w.as_str())
        });
        if opened_list {
            continue;
        }
        out.push(kept.to_string());
    }
    out.reverse();
    out
}

/// Words that open a leading phrase a sentence can lose ("In a statement, ...", "Tasked with
/// ..., ..."), besides connectives (`lang::en::CONNECTIVES`), [`DETACHABLE`] words and participles.
const LEAD_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "for",
    "by",
    "like",
    "unlike",
    "under",
    "over",
    "across",
    "throughout",
    "earlier",
    "later",
    "last",
    "this",
    "today",
    "yesterday",
    "speaking",
    "asked",
    "writing",
];

/// Words that open an aside between commas ("X, who ..., said"), besides participles.
const ASIDE_OPENERS: &[&str] = &["who", "which", "whose", "where", "the", "a", "an", "now"];

impl Rules {
    /// Versions of a sentence that say less and nothing else, longest first: without a leading
    /// phrase set off by a comma, without asides between commas, and the cuts of [`shorter`].
    /// Nothing cut carries a figure or binds the rest ("if", "unless", "not", ...).
    pub fn leaner(&self, text: &str, published: Option<NaiveDate>) -> Vec<String> {
        let figs = figures::find(text, published);
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let free = |from: usize, to: usize| {
            !figs.iter().any(|f| f.span[0] < to && f.span[1] > from)
                && !words(&text[from..to])
                    .iter()
                    .any(|w| BINDING.contains(&w.as_str()) || w == "without")
        };
        // Commas at depth 0, outside quotation marks.
        let mut commas: Vec<usize> = Vec::new();
        let (mut depth, mut quoted) = (0i32, false);
        for (i, c) in text.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                '"' | '“' | '”' => quoted = !quoted,
                ',' if depth == 0 && !quoted => commas.push(i),
                _ => {}
            }
        }
        // A leading phrase: up to the first comma.
        let lead = commas.first().copied().filter(|&at| {
            let w = words(&text[..at]);
            let first = w.first().map(String::as_str).unwrap_or("");
            let rest_first = words(&text[at + 1..])
                .into_iter()
                .next()
                .unwrap_or_default();
            // "This week," is a time; "This no doubt will have the purists," is a clause.
            let time_word = matches!(
                first,
                "this" | "last" | "later" | "earlier" | "today" | "yesterday"
            );
            (1..=12).contains(&w.len())
                && (!time_word || w.len() <= 3)
                && !matches!(rest_first.as_str(), "and" | "but" | "or" | "so" | "then")
                && (LEAD_OPENERS.contains(&first)
                    || crate::lang::en::is_connective(first)
                    || DETACHABLE.contains(&first)
                    || is_participle(first))
                && !matches!(
                    first,
                    "when"
                        | "while"
                        | "as"
                        | "after"
                        | "before"
                        | "because"
                        | "since"
                        | "though"
                        | "although"
                )
                && free(0, at)
                && text[at + 1..].split_whitespace().count() >= 4
        });
        // Asides: between two commas, after a name or noun, with no finite verb of their own
        // unless they are relative clauses.
        let mut asides: Vec<(usize, usize)> = Vec::new();
        for pair in commas.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let w = words(&text[a + 1..b]);
            let first = w.first().map(String::as_str).unwrap_or("");
            if w.is_empty() || w.len() > 14 || !free(a + 1, b) {
                continue;
            }
            let relative = matches!(first, "who" | "which" | "whose" | "where");
            // "Kinshasa, the capital of ..., to cover": an appositive follows a name, not a
            // lead-in ("Meanwhile, the firm, which ...": "the firm" is the subject).
            let before: Vec<&str> = text[..a].split_whitespace().collect();
            let after_name = before.len() > 1
                && before
                    .last()
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
            let opener = (relative || is_participle(first) || after_name)
                && (ASIDE_OPENERS.contains(&first) || is_participle(first));
            // "In the US, the number rose, analysts said": "the number rose" is a clause.
            let has_verb = w.iter().skip(1).any(|x| {
                self.glossary
                    .lookup_all(&[x.as_str()])
                    .is_some_and(|(_, es)| {
                        es.iter()
                            .any(|e| matches!(e.pos, Pos::Verb | Pos::Be | Pos::Aux))
                            && !es.iter().any(|e| matches!(e.pos, Pos::Noun | Pos::Adj))
                    })
            });
            // A list item ("the US, the UK and France") is not an aside.
            let after = text[b + 1..].trim_start();
            let list = after.starts_with("and ") || after.starts_with("or ");
            if opener && (relative || !has_verb) && !list {
                asides.push((a, b));
            }
        }
        let cut = |t: &str, lead: bool, asides: &[(usize, usize)]| -> String {
            let mut out = String::new();
            let mut at = if lead { commas[0] + 1 } else { 0 };
            for &(a, b) in asides {
                if a < at {
                    continue;
                }
                out.push_str(&t[at..a]);
                at = b + 1;
            }
            out.push_str(&t[at..]);
            out.trim().trim_start_matches(',').trim().to_string()
        };
        let mut bases: Vec<String> = Vec::new();
        for use_lead in [false, true] {
            if use_lead && lead.is_none() {
                continue;
            }
            let mut sets: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
            sets.extend(asides.iter().map(|&x| vec![x]));
            if asides.len() > 1 {
                sets.push(asides.clone());
            }
            for set in sets {
                if !use_lead && set.is_empty() {
                    continue;
                }
                bases.push(cut(text, use_lead, &set));
            }
        }
        let mut out: Vec<String> = shorter(text, published);
        for b in &bases {
            out.push(b.clone());
            out.extend(shorter(b, published));
        }
        out.retain(|s| s.split_whitespace().count() >= 4);
        out.sort_by_key(|s| std::cmp::Reverse(s.len()));
        out.dedup();
        out
    }
}

/// "citing", "located": a word that opens a participle clause.
fn is_participle(w: &str) -> bool {
    w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"))
}
