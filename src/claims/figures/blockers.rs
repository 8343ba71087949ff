//! Numbers that are no figures: scores and records, numbers glued to letters, numbers in names.

use regex::Captures;

use super::units::{UNITS, measures, time_unit};
use super::{Ctx, Found};
use crate::claims::numbers;
use crate::lang::en;

const NAME_STARTERS: &[&str] = &[
    "No",
    "In",
    "By",
    "Since",
    "On",
    "At",
    "From",
    "Until",
    "Of",
    "The",
    "And",
    "But",
    "About",
    "Over",
    "Under",
    "Some",
    "Just",
    "Only",
    "Nearly",
    "Almost",
    "All",
    "For",
    "With",
    "To",
    "After",
    "Before",
    "Around",
    "Between",
    "USD",
    "EUR",
    "GBP",
    "Rs",
    "Q",
    "H",
    "Number",
    "Another",
    "Roughly",
    "Approximately",
    "Exactly",
    "Fewer",
    "More",
    "Less",
    "Than",
    "Those",
    "These",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Up",
    "Down",
    "Last",
    "Top",
];

pub(super) fn name_number(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let w = &c["w"];
    if en::month(w).is_some() || en::weekday(w).is_some() || NAME_STARTERS.contains(&w) {
        return None;
    }
    // "with Mark 10 years ago": a number that measures is no part of a name.
    let next = ctx.next_word(c.get(0)?.end());
    if time_unit(next).is_some() || UNITS.iter().any(|(u, _)| *u == next) {
        return None;
    }
    // "Part 2", "Season 4", "Article 5", "Category 4": labels, wherever they stand.
    if matches!(
        w,
        "Part"
            | "Chapter"
            | "Season"
            | "Episode"
            | "Phase"
            | "Stage"
            | "Level"
            | "Volume"
            | "Vol"
            | "Book"
            | "Round"
            | "Week"
            | "Article"
            | "Title"
            | "Category"
            | "Section"
            | "Tier"
            | "Grade"
    ) {
        return Some(Found::Block);
    }
    let start = c.get(0)?.start();
    let before = ctx.before(start).trim_end();
    // A capitalised word opening a sentence is not a name on that evidence alone, unless it
    // has capitals inside ("AirPods 2").
    let inner_caps = w.chars().skip(1).any(char::is_uppercase);
    if !inner_caps && before.is_empty() || before.ends_with(['.', '!', '?', '“', '"', ':']) {
        // "Django 6 just shipped": with nothing counted after it, the number is the name's.
        let verb_after = matches!(
            next,
            "just"
                | "is"
                | "was"
                | "has"
                | "had"
                | "will"
                | "can"
                | "now"
                | "also"
                | "still"
                | "already"
                | "finally"
                | "brings"
                | "adds"
                | "arrives"
                | "launched"
                | "shipped"
                | "introduces"
                | "supports"
        );
        return verb_after.then_some(Found::Block);
    }
    Some(Found::Block)
}

pub(super) fn score(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let m = c.get(0)?;
    let before = ctx.before(m.start());
    let after = ctx.after(m.end());
    if before.ends_with(['$', '£', '€', '¥', '-', '–', '/', '.'])
        || after.starts_with(['%', '-', '/', '.'])
        || after.starts_with(char::is_alphanumeric)
        || measures(ctx.next_word(m.end()))
    {
        return None;
    }
    let prev = ctx.prev_word(m.start());
    if matches!(prev.as_str(), "from" | "between" | "ages" | "aged" | "age") {
        // "from 114-3 to 216-3": the smaller after the dash makes it a score still.
        let (a, b): (u32, u32) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
        if b >= a {
            return None;
        }
    }
    Some(Found::Block)
}

pub(super) fn glued_letters(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let suf = &c["suf"];
    let lower = suf.to_ascii_lowercase();
    let start = c.get(0)?.start();
    let after_currency = ctx.before(start).ends_with(['$', '£', '€', '¥', '₹']);
    let digits = &c.get(0)?.as_str()[..c.get(0)?.as_str().len() - suf.len()];
    // "1041s", "747s": a code or model in the plural; only a round number makes a decade.
    if suf == "s" && !digits.ends_with('0') {
        return Some(Found::Block);
    }
    // "4K resolution", "at 4k and 60fps": a single digit and a K is a screen resolution, unless
    // it counts something ("5k runners").
    if lower == "k" && digits.len() == 1 && !after_currency {
        let next = ctx.next_word(c.get(0)?.end());
        let counted =
            next.len() > 3 && next.ends_with('s') && next.chars().all(|ch| ch.is_ascii_lowercase());
        if !counted {
            return Some(Found::Block);
        }
    }
    let known = matches!(
        lower.as_str(),
        "st" | "nd"
            | "rd"
            | "th"
            | "in"
            | "s"
            | "p"
            | "x"
            | "am"
            | "pm"
            | "k"
            | "bn"
            | "mn"
            | "tn"
            | "c"
            | "f"
    ) || (suf == "m" || after_currency && numbers::scale_value(&lower).is_some())
        // "9.8B tokens"; "Llama 3.1 405B" is a model's name.
        || (suf == "B"
            && ctx.next_word(c.get(0)?.end()).starts_with(|ch: char| ch.is_ascii_lowercase())
            && !ctx.prev_word(start).is_empty()
            && !ctx.before(start).trim_end().ends_with(|ch: char| ch.is_ascii_digit() || ch.is_uppercase()))
        || UNITS
            .iter()
            .any(|(u, _)| *u == suf || u.eq_ignore_ascii_case(suf) && suf.len() > 2);
    (!known).then_some(Found::Block)
}
