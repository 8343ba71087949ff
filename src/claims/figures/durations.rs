//! Durations and ages: a number of time units, "half a million years", "a quarter century",
//! a person's age.

use regex::Captures;

use super::units::time_unit;
use super::{Ctx, Found, fig, fig_group};
use crate::claims::numbers;
use crate::model::{FigureKind, Scalar};

pub(super) fn duration(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let raw = c["num"].to_ascii_lowercase();
    let unit = time_unit(&c["u"])?;
    let start = c.get(0)?.start();
    let end = c.get(0)?.end();
    let plural_unit = c["u"].to_ascii_lowercase().ends_with('s');
    let indefinite = raw == "a" || raw == "an" || (raw == "one" && !plural_unit);
    if (raw == "a" || raw == "an") && (plural_unit || c.name("old").is_some()) {
        // "a decades-old" is vague, not one decade.
        return None;
    }
    let value = if indefinite && c.name("old").is_none() {
        // "a decade" is a figure; "a year" only when it measures time ("a year ago").
        let next = ctx.next_word(end).to_ascii_lowercase();
        let prev = ctx.prev_word(start);
        let measuring = matches!(
            next.as_str(),
            "ago" | "earlier" | "later" | "before" | "after" | "older" | "younger" | "longer"
        ) || matches!(
            prev.as_str(),
            "for" | "than" | "within" | "nearly" | "almost" | "about" | "over" | "just" | "only"
        );
        if !(matches!(unit, "decade" | "century") || measuring) {
            return None;
        }
        let before = ctx.before(start).trim_end();
        // "$60,000 a year" is a rate; "at 34 a year older" still measures.
        if before.ends_with(|ch: char| ch.is_ascii_digit())
            && !matches!(next.as_str(), "older" | "younger")
        {
            return None;
        }
        1.0
    } else if let Some(head) = raw
        .strip_suffix("-and-a-half")
        .or_else(|| raw.strip_suffix(" and a half"))
    {
        numbers::parse(head)? + 0.5
    } else {
        numbers::parse(&raw)?
    };
    // "the first two years" and "2019 years" are other things.
    if value >= 1500.0 && unit == "year" && !raw.contains(',') {
        return None;
    }
    let mut f = fig(c, FigureKind::Duration);
    f.value = Some(Scalar::Num(value));
    f.unit = Some(unit.to_string());
    Some(Found::Figure(f))
}

pub(super) fn quarter_century(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Duration);
    f.value = Some(Scalar::Num(25.0));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}

pub(super) fn half_duration(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Duration);
    f.value = Some(Scalar::Num(0.5 * numbers::scale_value(&c["sc"])?));
    f.unit = Some(time_unit(&c["u"])?.to_string());
    Some(Found::Figure(f))
}

/// ", 51," after a name or a noun ("Webb, 51, of", "the star, 42, was") is an age.
pub(super) fn age_apposition(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let before = ctx.before(c.get(0)?.start()).trim_end();
    if !before.ends_with(|ch: char| ch.is_alphabetic() || matches!(ch, '”' | '’' | ')' | '"')) {
        return None;
    }
    age(ctx, c)
}

pub(super) fn age(_: &Ctx, c: &Captures) -> Option<Found> {
    let raw = &c["n"];
    let (head, half) = match raw.strip_suffix(" and a half") {
        Some(h) => (h, 0.5),
        None => (raw, 0.0),
    };
    let v: f64 = head.parse().ok()?;
    if !(1.0..=120.0).contains(&v) {
        return None;
    }
    let mut f = fig_group(c, "n", FigureKind::Duration)?;
    f.value = Some(Scalar::Num(v + half));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}
