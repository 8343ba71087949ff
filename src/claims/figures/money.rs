//! Money: amounts after a currency symbol or code, before a currency word, in pence, "half a
//! million dollars".

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::units::currency;
use super::{Ctx, Found, fig};
use crate::claims::numbers;
use crate::model::{FigureKind, Scalar};

pub(super) fn money_symbol(_: &Ctx, c: &Captures) -> Option<Found> {
    let (code, factor) = currency(c["cur"].trim())?;
    let mut v = numbers::parse(&c["num"])?;
    if let Some(sc) = c.name("sc") {
        for part in sc.as_str().split_whitespace() {
            v *= numbers::scale_value(part)?;
        }
    }
    let mut f = fig(c, FigureKind::Money);
    f.value = Some(Scalar::Num(v * factor));
    f.currency = Some(code.to_string());
    Some(Found::Figure(f))
}

pub(super) fn money_word(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let (code, factor) = currency(&c["cw"])?;
    let v = numbers::parse(&c["num"])?;
    // "weighs 5.5 pounds", "4.9 pounds of trash": a weight, not money.
    if c["cw"].eq_ignore_ascii_case("pounds") {
        static WEIGHT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)\b(?:weigh\w*|heav\w*|lost|lose|losing|gained?|gaining)\b[^.;,]{0,40}$",
            )
            .expect("weight regex")
        });
        let m = c.get(0)?;
        if WEIGHT.is_match(ctx.before(m.start()))
            || (ctx.after(m.end()).trim_start().starts_with("of ")
                || ctx.after(m.end()).trim_start().starts_with("per "))
                && numbers::scale_value(&c["num"]).is_none()
        {
            let mut f = fig(c, FigureKind::Quantity);
            f.value = Some(Scalar::Num(v));
            f.unit = Some("lb".into());
            return Some(Found::Figure(f));
        }
    }
    let mut f = fig(c, FigureKind::Money);
    f.value = Some(Scalar::Num(v * factor));
    f.currency = Some(code.to_string());
    Some(Found::Figure(f))
}

pub(super) fn pence(_: &Ctx, c: &Captures) -> Option<Found> {
    let v = numbers::parse(&c["num"])?;
    let mut f = fig(c, FigureKind::Money);
    f.value = Some(Scalar::Num(v / 100.0));
    f.currency = Some("GBP".into());
    Some(Found::Figure(f))
}

pub(super) fn half_money(_: &Ctx, c: &Captures) -> Option<Found> {
    let (code, _) = currency(&c["cw"])?;
    let mut f = fig(c, FigureKind::Money);
    f.value = Some(Scalar::Num(0.5 * numbers::scale_value(&c["sc"])?));
    f.currency = Some(code.to_string());
    Some(Found::Figure(f))
}
