//! Measures: percentages, quantities in a unit, inches and temperatures written short, and the
//! numbers of a list that share the unit after its last.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::units::{TIME_UNIT, UNITS, time_unit, unit_alternation};
use super::{Ctx, Found, fig};
use crate::claims::numbers;
use crate::model::{Figure, FigureKind, Scalar};

pub(super) fn percent(_: &Ctx, c: &Captures) -> Option<Found> {
    let raw = c.name("num").or_else(|| c.name("num2"))?.as_str();
    let mut v = numbers::parse(raw)?;
    if c.name("bp").is_some() {
        v /= 100.0;
    }
    let mut f = fig(c, FigureKind::Percent);
    f.value = Some(Scalar::Num(v));
    Some(Found::Figure(f))
}

pub(super) fn quantity(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let v = numbers::parse(&c["num"])?;
    let u = &c["u"];
    let m = c.get(0)?;
    // "the 16-inch MacBook Pro": a size in a product's name.
    if m.as_str().contains('-')
        && u.eq_ignore_ascii_case("inch")
        && ctx.next_word(m.end()).starts_with(char::is_uppercase)
    {
        return Some(Found::Block);
    }
    let sym = UNITS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(u))
        .map(|(_, s)| *s)?;
    let mut f = fig(c, FigureKind::Quantity);
    f.value = Some(Scalar::Num(v));
    f.unit = Some(sym.to_string());
    Some(Found::Figure(f))
}

pub(super) fn listed(ctx: &Ctx, c: &Captures) -> Option<Found> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?:,\s\d+(?:\.\d+)?)*,?\s(?:or|and)\s\d+(?:\.\d+)?\s(?P<u>{TIME_UNIT}|{})\b",
            unit_alternation()
        ))
        .expect("list regex")
    });
    let n = c.name("num")?;
    let t = TAIL.captures(&ctx.text[n.end()..])?;
    let v = numbers::parse(n.as_str())?;
    let u = &t["u"];
    let mut f = Figure::new(n.as_str(), [n.start(), n.end()], FigureKind::Duration);
    if let Some(tu) = time_unit(u) {
        // "in 2001, 2002 and 2003 years" is no list of durations.
        if v >= 1500.0 {
            return None;
        }
        f.unit = Some(tu.to_string());
    } else {
        f.kind = FigureKind::Quantity;
        f.unit = Some(
            UNITS
                .iter()
                .find(|(w, _)| w.eq_ignore_ascii_case(u))
                .map(|(_, s)| s.to_string())?,
        );
    }
    f.value = Some(Scalar::Num(v));
    Some(Found::Figure(f))
}

pub(super) fn inches(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let m = c.get(0)?;
    // A mark after a number is an inch only in a measurement ("12.87\" x 5.55\""), not a
    // closing quote.
    if c.name("mark").is_some() {
        let after = ctx.after(m.end()).trim_start();
        let before = ctx.before(m.start()).trim_end();
        if !(after.starts_with(['x', '×']) || before.ends_with(['x', '×'])) {
            return None;
        }
    }
    let mut f = fig(c, FigureKind::Quantity);
    f.value = Some(Scalar::Num(numbers::parse(&c["num"])?));
    f.unit = Some("in".into());
    Some(Found::Figure(f))
}

pub(super) fn temperature(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Quantity);
    f.value = Some(Scalar::Num(c["num"].parse().ok()?));
    f.unit = Some(if &c["u"] == "C" { "°C" } else { "°F" }.to_string());
    Some(Found::Figure(f))
}
