//! Plain counts: a number and what it counts ("12 people", "two dozen", "5m users").

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Ctx, Found, fig};
use crate::claims::numbers;
use crate::model::{FigureKind, Scalar};

pub(super) fn dozens(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Count);
    f.value = Some(Scalar::Num(numbers::parse(&c["num"])? * 12.0));
    let next = ctx.next_word(c.get(0)?.end());
    if next.chars().all(|ch| ch.is_ascii_lowercase()) && !next.is_empty() {
        f.unit = Some(next.to_string());
    }
    Some(Found::Figure(f))
}

pub(super) const NOT_COUNTED: &[&str] = &[
    "of",
    "another",
    "day",
    "who",
    "that",
    "which",
    "is",
    "was",
    "has",
    "had",
    "more",
    "thing",
    "way",
    "side",
    "hand",
    "another",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "the",
    "a",
    "for",
    "by",
    "with",
    "as",
    "but",
    "if",
    "can",
    "could",
    "would",
    "will",
    "should",
    "may",
    "might",
    "must",
    "time",
    "point",
    "place",
    "another's",
    "s",
    "less",
    "than",
    "too",
    "such",
    "else",
];

pub(super) fn count(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let raw = &c["num"];
    let m = c.get(0)?;
    let lower = raw.to_ascii_lowercase();
    let v = numbers::parse(raw)?;
    let next = ctx.next_word(m.end()).to_ascii_lowercase();
    let prev = ctx.prev_word(m.start());
    if lower == "one" {
        // "one" counts only when something countable follows ("one league game").
        // "one study found", "one day" mean "a certain"; a count needs a word that counts.
        let ok = !next.is_empty()
            && next.chars().all(|ch| ch.is_ascii_lowercase())
            && !NOT_COUNTED.contains(&next.as_str())
            && matches!(
                prev.as_str(),
                "only"
                    | "just"
                    | "than"
                    | "least"
                    | "exactly"
                    | "with"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "by"
                    | "to"
                    | "from"
                    | "had"
                    | "has"
                    | "have"
                    | "won"
                    | "scored"
            );
        if !ok {
            return None;
        }
    }
    // A capitalised number word inside a sentence before another capital is a name ("the RBS
    // Six Nations", "Five Children and It").
    let sentence_start = ctx.before(m.start()).trim_end().is_empty()
        || ctx
            .before(m.start())
            .trim_end()
            .ends_with(['.', '!', '?', '“', '"', ':']);
    if raw.starts_with(char::is_uppercase)
        && !raw.starts_with(|ch: char| ch.is_ascii_digit())
        && !sentence_start
        && ctx.next_word(m.end()).starts_with(char::is_uppercase)
    {
        return Some(Found::Block);
    }
    let after = ctx.after(m.end());
    // "10 of which were new": a part of a number already counted.
    static PARTITIVE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s+of\s+(?:which|whom)\b").expect("partitive regex"));
    if PARTITIVE.is_match(after) {
        return None;
    }
    // "7 On Your Side", "24 Hours Of Fame": a number before capitalised function words is part
    // of a title.
    let next_raw = ctx.next_word(m.end());
    let digits = raw.starts_with(|ch: char| ch.is_ascii_digit());
    if (digits || !sentence_start)
        && matches!(
            next_raw,
            "On" | "In"
                | "Of"
                | "The"
                | "And"
                | "For"
                | "At"
                | "To"
                | "Your"
                | "My"
                | "Our"
                | "From"
                | "With"
                | "By"
        )
    {
        return Some(Found::Block);
    }
    // "7-Eleven": a number joined to a capitalised word is a name.
    if c.name("cw")
        .is_some_and(|cw| cw.as_str().starts_with(char::is_uppercase))
        && !sentence_start
    {
        return Some(Found::Block);
    }
    // "zero-trust", "zero-waste", "zero-emission": an adjective, not a count of nothing.
    if lower.starts_with("zero") && c.name("cw").is_some() {
        return Some(Found::Block);
    }
    // Five digits or more with no separator ("3456789", "90069") is a code or a number of
    // record, not a count: news writes counts that large with commas.
    if raw.len() >= 5 && raw.chars().all(|ch| ch.is_ascii_digit()) {
        return Some(Found::Block);
    }
    // Footnote markers "(8)" and list numbers "3." at the start are not figures.
    if ctx.before(m.start()).ends_with('(') && ctx.after(m.end()).starts_with(')') {
        return None;
    }
    if ctx.before(m.start()).ends_with('#') {
        return None;
    }
    // "two-thirds", "one-quarter": fraction words are no figures.
    if c.name("cw").is_some_and(|cw| {
        matches!(
            cw.as_str().to_ascii_lowercase().as_str(),
            "half"
                | "halves"
                | "third"
                | "thirds"
                | "quarter"
                | "quarters"
                | "fifth"
                | "fifths"
                | "tenth"
                | "tenths"
        )
    }) {
        return Some(Found::Block);
    }
    let mut f = fig(c, FigureKind::Count);
    f.value = Some(Scalar::Num(v));
    if let Some(cw) = c.name("cw") {
        f.unit = Some(cw.as_str().to_string());
    } else if !next.is_empty()
        && next.chars().all(|ch| ch.is_ascii_lowercase())
        && !NOT_COUNTED.contains(&next.as_str())
    {
        f.unit = Some(next);
    }
    Some(Found::Figure(f))
}
