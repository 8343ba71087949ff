//! Ratios: "one in five", "3/4", "by two to one".

use regex::Captures;

use super::units::unit_follows;
use super::{Ctx, Found, fig, fig_group};
use crate::claims::numbers;
use crate::model::{Figure, FigureKind, Scalar};

pub(super) fn ratio(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let a_text = &c["a"];
    let b_text = &c["b"];
    let a = numbers::parse(a_text)?;
    let b = numbers::parse(b_text)?;
    let conn = c["conn"].to_ascii_lowercase();
    let mut noun = c.name("noun").map(|n| n.as_str().to_string());
    let conn = if noun
        .as_deref()
        .is_some_and(|n| n.eq_ignore_ascii_case("out"))
    {
        noun = None;
        "out of".to_string()
    } else {
        conn
    };
    // A noun between the numbers only in "one night out of 17".
    if noun.is_some() && !conn.starts_with("out") {
        return None;
    }
    let b_is_year = b_text.len() == 4 && (1500.0..2100.0).contains(&b);
    if b_is_year || a > b || b == 0.0 {
        return None;
    }
    let end = c.get(0)?.end();
    let unit = noun.or_else(|| {
        let w = ctx.next_word(end);
        (!w.is_empty() && w.chars().all(|ch| ch.is_ascii_lowercase())).then(|| w.to_string())
    });
    // "one of only three managers" counts three: "one of" picks one out of N things.
    if a == 1.0 && conn == "of" && a_text.eq_ignore_ascii_case("one") {
        let mut f = fig_group(c, "b", FigureKind::Count)?;
        f.value = Some(Scalar::Num(b));
        f.unit = unit;
        return Some(Found::Figure(f));
    }
    let mut f = fig(c, FigureKind::Ratio);
    f.numerator = Some(a);
    f.denominator = Some(b);
    f.unit = unit;
    Some(Found::Figure(f))
}

pub(super) fn margin_ratio(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let (a_m, b_m) = (c.name("a")?, c.name("b")?);
    let a = numbers::parse(a_m.as_str())?;
    let b = numbers::parse(b_m.as_str())?;
    // "rose by two to three percent" is a range of change; a margin puts the larger first.
    if a <= b || b < 1.0 || unit_follows(ctx, b_m.end()) {
        return None;
    }
    let (s, e) = (a_m.start(), b_m.end());
    let mut f = Figure::new(&ctx.text[s..e], [s, e], FigureKind::Ratio);
    f.numerator = Some(a);
    f.denominator = Some(b);
    Some(Found::Figure(f))
}

pub(super) fn slash_ratio(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let end = c.get(0)?.end();
    if ctx.after(end).starts_with('/') || ctx.before(c.get(0)?.start()).ends_with('/') {
        return None;
    }
    let (a, b): (f64, f64) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
    // "open 24/7": more parts than the whole is an idiom or a date, not a share.
    if a > b {
        return Some(Found::Block);
    }
    let mut f = fig(c, FigureKind::Ratio);
    f.numerator = Some(a);
    f.denominator = Some(b);
    Some(Found::Figure(f))
}
