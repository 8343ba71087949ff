//! Sentence segmentation that keeps byte spans, for English and Vietnamese.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after it) followed
//! by space and a capital letter, a digit or an opening quote; abbreviations, initials and
//! decimals do not end a sentence.

use crate::model::Span;
use regex::Regex;
use std::sync::LazyLock;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "inc", "ltd", "co", "corp", "no", "nos", "vs", "etc", "e.g", "i.e", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "a.m", "p.m", "approx", "dept", "est", "fig", "vol", "pp", "rev", "hon", "mt", "ft", "tp",
    "th.s", "pgs", "ts", "gs", "ths", "ks", "bs", "ls", "u.s.a", "d.c", "n.y", "l.a",
];

/// Sentence spans of `text[span]`, as byte spans into `text`, trimmed of surrounding space.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let base = span[0];
    let part = &text[span[0]..span[1]];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow runs of terminators and closing quotes or brackets.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ']'
                )
            {
                j += 1;
            }
            let end = if j < chars.len() {
                chars[j].0
            } else {
                part.len()
            };
            let next_is_space = j < chars.len() && chars[j].1.is_whitespace();
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = k < chars.len() && {
                let n = chars[k].1;
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[')
            };
            if (j >= chars.len() || (next_is_space && next_starts))
                && (!is_abbreviation(&part[..pos], c)
                    || place_ends_sentence(
                        &part[..pos],
                        chars.get(k).map_or("", |&(p, _)| &part[p..]),
                    ))
            {
                push(&mut out, part, base, start, end);
                start = if k < chars.len() {
                    chars[k].0
                } else {
                    part.len()
                };
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, part, base, start, part.len());
    out
}

fn push(out: &mut Vec<Span>, part: &str, base: usize, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let s = &part[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().is_empty() {
        return;
    }
    out.push([base + start + lead, base + end - trail]);
}

/// Whether the word before a `.` makes it an abbreviation or an initial, not a full stop.
fn is_abbreviation(before: &str, terminator: char) -> bool {
    if terminator != '.' {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials ("J. K. Rowling") and dotted acronyms ("U.S").
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2)
}

/// Dotted names of places, which end a sentence as often as they open a name ("sales in the
/// U.S. The company ..." against "the U.S. Army").
const DOTTED_PLACES: &[&str] = &["u.s", "u.k", "u.n", "u.s.a", "d.c", "n.y", "l.a"];

/// Words a sentence opens with that never follow a place name inside a name: "... in the
/// U.S. The company" ends a sentence, "the U.S. Army" does not.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "by",
    "from",
    "with",
    "after",
    "before",
    "since",
    "as",
    "this",
    "that",
    "these",
    "those",
    "there",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "some",
    "many",
    "most",
    "other",
    "such",
    "what",
    "when",
    "while",
    "which",
    "who",
    "if",
    "although",
    "however",
    "meanwhile",
    "still",
    "also",
];

/// Whether the `.` after a dotted place name ends the sentence: the next word is one a
/// sentence opens with ("The", "It", "In"), not a name the place qualifies ("Army"), and no
/// article before the place asks for a noun after it ("a U.S. ...").
fn place_ends_sentence(before: &str, after: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let word = words
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"', '“', '‘', '\'']);
    if !DOTTED_PLACES.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    if words
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
    {
        return false;
    }
    let next: String = after
        .trim_start_matches(['"', '“', '‘', '\''])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    next.starts_with(char::is_uppercase) && SENTENCE_OPENERS.contains(&next.to_lowercase().as_str())
}

/// Why a sentence cannot stand as one, when it is the piece of a sentence split in the wrong
/// place (by the page's markup or a source's own cut): it starts in lowercase ("population,
/// reported a ...", a name such as "iPhone" aside), or it ends on an abbreviation that a noun
/// must follow: after "a" or "an" ("... shot down a U.S."), or closing a clause opened by
/// "while", "because" and the like that has no main clause ("While the dollar was supported
/// by recent U.S."). Such a sentence is never a bullet on its own and is never translated.
pub fn fragment(sentence: &str) -> Option<String> {
    static CUT_AT_ABBREVIATION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:a|an)\s+(?:[A-Z]\.){2,}$").expect("abbreviation regex"));
    static ENDS_ON_ABBREVIATION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s(?:[A-Z]\.){2,}$").expect("abbreviation regex"));
    let s = sentence.trim();
    if s.starts_with(char::is_lowercase) && !s.starts_with("iP") {
        return Some("a sentence that starts in lowercase is a fragment".into());
    }
    if CUT_AT_ABBREVIATION.is_match(s) {
        return Some("a sentence cut after an abbreviation is a fragment".into());
    }
    if let Some(opener) = subordinate_opener(s)
        && !s.contains(',')
        && ENDS_ON_ABBREVIATION.is_match(s)
    {
        return Some(format!(
            "a clause opened by \"{opener}\" and cut after an abbreviation is a fragment"
        ));
    }
    None
}

/// The conjunction a sentence opens with when it opens with a subordinate clause ("while",
/// "because", "if" ...), lower-cased.
pub fn subordinate_opener(sentence: &str) -> Option<String> {
    let first = sentence.split_whitespace().next()?.to_lowercase();
    matches!(
        first.as_str(),
        "while" | "when" | "although" | "though" | "because" | "if" | "unless" | "whereas"
    )
    .then_some(first)
}

/// Whether [`fragment`] finds a reason.
pub fn is_fragment(sentence: &str) -> bool {
    fragment(sentence).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t, [0, t.len()])
            .into_iter()
            .map(|s| &t[s[0]..s[1]])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_and_decimals_inside_sentences() {
        let t = "Dr. Smith of the U.S. Army said growth was 2.5 per cent. It rose in Jan. 2020, e.g. in Texas. Next!";
        assert_eq!(
            split(t),
            vec![
                "Dr. Smith of the U.S. Army said growth was 2.5 per cent.",
                "It rose in Jan. 2020, e.g. in Texas.",
                "Next!"
            ]
        );
    }

    #[test]
    fn a_dotted_place_ends_a_sentence_when_a_sentence_opens_after_it() {
        let t = "Sales rose in the U.S. The company said a U.S. Army unit and the U.K. Treasury agreed. Exports to the U.K. In May fell (in the U.S. It said).";
        assert_eq!(
            split(t),
            vec![
                "Sales rose in the U.S.",
                "The company said a U.S. Army unit and the U.K. Treasury agreed.",
                "Exports to the U.K.",
                "In May fell (in the U.S.",
                "It said)."
            ]
        );
    }

    #[test]
    fn pieces_of_a_sentence_split_in_the_wrong_place_are_fragments() {
        for piece in [
            "population, reported a rise of 5%.",
            "Iran claims to have shot down a U.S.",
            "While the dollar was supported by recent U.S.",
        ] {
            assert!(is_fragment(piece), "{piece}");
        }
        for sentence in [
            "iPhone sales rose 5%.",
            "While prices rose, wages fell.",
            "The drone belonged to the U.S.",
            "When asked about the deal he declined to comment.",
            "If approved the plan would cost $5bn.",
        ] {
            assert_eq!(fragment(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn ends_a_quoted_sentence_after_the_closing_quote() {
        let t = "“We will win,” he said. “It is done.” The end.";
        assert_eq!(
            split(t),
            vec!["“We will win,” he said.", "“It is done.”", "The end."]
        );
    }

    #[test]
    fn splits_vietnamese_with_its_abbreviations() {
        let t = "PGS. Nguyễn Văn A cho biết tăng 12,5%. TP. HCM dẫn đầu.";
        assert_eq!(
            split(t),
            vec!["PGS. Nguyễn Văn A cho biết tăng 12,5%.", "TP. HCM dẫn đầu."]
        );
    }
}
