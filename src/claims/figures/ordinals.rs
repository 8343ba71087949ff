//! Ordinals and places: "3rd", "fifth", "No 1", "#1", "came in at 39".

use regex::Captures;

use super::units::unit_follows;
use super::{Ctx, Found, fig};
use crate::claims::numbers;
use crate::model::{Figure, FigureKind, Scalar};

pub(super) fn placing(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let n = c.name("n")?;
    if unit_follows(ctx, n.end())
        || ctx.after(n.end()).starts_with(['.', ','])
            && ctx.after(n.end())[1..].starts_with(|ch: char| ch.is_ascii_digit())
    {
        return None;
    }
    let mut f = fig(c, FigureKind::Ordinal);
    let s = c.get(0)?.as_str();
    // The span is the place alone ("39", "No 39").
    let at = s.to_ascii_lowercase().rfind(" at ")? + 4;
    let start = c.get(0)?.start() + at;
    f = Figure::new(&ctx.text[start..n.end()], [start, n.end()], f.kind);
    f.value = Some(Scalar::Num(n.as_str().parse().ok()?));
    Some(Found::Figure(f))
}

pub(super) fn ordinal_digits(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let next = ctx.next_word(c.get(0)?.end());
    if matches!(
        next,
        "Avenue"
            | "Ave"
            | "Street"
            | "St"
            | "Road"
            | "Anniversary"
            | "Amendment"
            | "Precinct"
            | "District"
            | "Division"
            | "Regiment"
            | "Fleet"
            | "Congress"
            | "Circuit"
    ) {
        return Some(Found::Block);
    }
    let mut f = fig(c, FigureKind::Ordinal);
    f.value = Some(Scalar::Num(c["n"].parse().ok()?));
    Some(Found::Figure(f))
}

pub(super) fn ordinal_word(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let w = c["w"].to_ascii_lowercase();
    let v = match w.as_str() {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "twentieth" => 20.0,
        "fiftieth" => 50.0,
        _ => 100.0,
    };
    let m = c.get(0)?;
    let prev = ctx.prev_word(m.start());
    let after = ctx.after(m.end());
    let next = ctx.next_word(m.end()).to_ascii_lowercase();
    let compound = after.starts_with('-');
    let before = ctx.before(m.start()).trim_end();
    // "a third of", "one fifth of": fractions, not ranks.
    if next == "of" && matches!(prev.as_str(), "a" | "one" | "than") {
        return None;
    }
    let determined = matches!(
        prev.as_str(),
        "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "a"
            | "my"
            | "your"
            | "came"
            | "finished"
            | "placed"
            | "ranked"
            | "ranks"
            | "come"
            | "finish"
            | "finishing"
    ) || before.ends_with("'s")
        || before.ends_with("’s")
        || before.ends_with("s’")
        || before.ends_with("s'")
        || prev.ends_with("breaking")
        || matches!(
            next.as_str(),
            "place"
                | "straight"
                | "consecutive"
                | "successive"
                | "round"
                | "term"
                | "quarter"
                | "half"
                | "minute"
                | "time"
                | "listing"
        );
    // "first six albums": only the six is a figure; "second" as a time unit is not an ordinal.
    if numbers::parse(next.split('-').next().unwrap_or("")).is_some()
        || (w == "second" && (next == "s" || prev.parse::<f64>().is_ok()))
    {
        return None;
    }
    if !(compound || determined) {
        return None;
    }
    let mut f = fig(c, FigureKind::Ordinal);
    f.value = Some(Scalar::Num(v));
    Some(Found::Figure(f))
}

pub(super) fn ordinal_number(ctx: &Ctx, c: &Captures) -> Option<Found> {
    // "ranking #1 in the index": a rank written with a hash.
    if let Some(h) = c.name("h") {
        let mut f = Figure::new(
            &ctx.text[h.start() - 1..h.end()],
            [h.start() - 1, h.end()],
            FigureKind::Ordinal,
        );
        f.value = Some(Scalar::Num(h.as_str().parse().ok()?));
        return Some(Found::Figure(f));
    }
    let n = c.name("d").or_else(|| c.name("n"))?.as_str();
    // "DOT number 3456789": a number of record, not a rank.
    if n.len() >= 5 {
        return Some(Found::Block);
    }
    // "the number eight" names a symbol; "the No 20 shirt" is a squad number.
    let prev = ctx.prev_word(c.get(0)?.start());
    if prev == "the" {
        return Some(Found::Block);
    }
    let mut f = fig(c, FigureKind::Ordinal);
    f.value = Some(Scalar::Num(numbers::parse(n)?));
    Some(Found::Figure(f))
}
