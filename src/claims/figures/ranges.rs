//! Ranges of values: "from X to Y", "between X and Y", "X-Y" in a unit, a currency or years of
//! age; and the change verbs that make "from X to Y" two figures instead.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::counts::NOT_COUNTED;
use super::units::{UNITS, currency, time_unit, unit_follows};
use super::{Ctx, Found, fig, fig_group};
use crate::claims::numbers;
use crate::model::{Figure, FigureKind, Scalar};

static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?|decreasing|grew|grow|growing|dropped|drop|jumped|climbed|slashed|cut|declined?|surged|soared|plunged|up|down|went|changed|raised|lowered|reduced|boosted)\s+(?:\w+\s+)?$")
        .expect("change regex")
});

/// A change verb in the same clause shortly before "from X to Y" ("rose by 37 percent, from
/// 0.90 percent to 1.23 percent"; "increase the efficiency of devices from 23% to 35%").
pub(super) fn is_change(before: &str) -> bool {
    static CHANGE_NEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|increased?|increases|increasing|decreased?|decreases|decreasing|grew|grow|grows|growing|dropped|drops?|jumped|jumps?|climbed|climbs?|slashed|slash|cut|cuts|declined?|declines|surged|soared|plunged|went|gone|changed|raised|raise|lowered|lower|reduced?|boosted|boost|expanded|shrank|shrunk|doubled|tripled|improved?|widened|narrowed|moved|swung|slipped|slid|tumbled|sank|edged|upgraded|downgraded)\b")
            .expect("change regex")
    });
    if CHANGE.is_match(before) {
        return true;
    }
    let mut from = before.len().saturating_sub(90);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    // Stay inside the sentence.
    let tail = tail.rsplit(['.', ';', '!', '?']).next().unwrap_or(tail);
    CHANGE_NEAR.is_match(tail)
}

/// Reads one side of a value range: (number, unit or currency).
fn side(text: &str) -> Option<(f64, Option<String>)> {
    let t = text.trim();
    let (cur, rest) = if let Some(r) = t.strip_prefix("US$") {
        (Some("USD"), r)
    } else if let Some(r) = t.strip_prefix('$') {
        (Some("USD"), r)
    } else if let Some(r) = t.strip_prefix('£') {
        (Some("GBP"), r)
    } else if let Some(r) = t.strip_prefix('€') {
        (Some("EUR"), r)
    } else {
        (None, t)
    };
    let lower = rest.to_ascii_lowercase();
    let (num_part, unit) = if let Some(p) = lower
        .strip_suffix('%')
        .or_else(|| lower.strip_suffix("per cent"))
        .or_else(|| lower.strip_suffix("percent"))
        .or_else(|| lower.strip_suffix("percentage points"))
    {
        (p.trim().to_string(), Some("%".to_string()))
    } else {
        let mut np = lower.clone();
        let mut unit = cur.map(str::to_string);
        // A unit of several words ("28 degrees Celsius", "5 square kilometres"), longest first.
        let mut words: Vec<&(&str, &str)> = UNITS.iter().filter(|(w, _)| w.contains(' ')).collect();
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let multi = words.into_iter().find_map(|(w, sym)| {
            let head = lower.strip_suffix(&w.to_ascii_lowercase())?;
            head.ends_with(' ')
                .then(|| (head.trim_end().to_string(), *sym))
        });
        if let Some((head, sym)) = multi {
            np = head;
            unit = Some(sym.to_string());
        } else if let Some((head, last)) = rest.rsplit_once(' ') {
            if let Some(u) = time_unit(last) {
                np = head.to_ascii_lowercase();
                unit = Some(u.to_string());
            } else if let Some((_, sym)) = UNITS.iter().find(|(w, _)| w.eq_ignore_ascii_case(last))
            {
                np = head.to_ascii_lowercase();
                unit = Some(sym.to_string());
            }
        }
        (np, unit)
    };
    Some((numbers::parse(&num_part)?, unit))
}

pub(super) fn value_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let start = c.get(0)?.start();
    // "aged between 14 and 16" is a range of ages, the age rule's.
    if matches!(ctx.prev_word(start).as_str(), "aged" | "ages" | "age") {
        return None;
    }
    let (a, ua) = side(&c["a"])?;
    let (b, ub) = side(&c["b"])?;
    if c["kw"].eq_ignore_ascii_case("from") && is_change(ctx.before(start)) {
        // A change is two figures; "from 7.5 to 17.3 percent" says the first in the second's
        // unit. The second is read on its own.
        if ua.is_none() && ub.as_deref() == Some("%") {
            let mut f = fig_group(c, "a", FigureKind::Percent)?;
            f.value = Some(Scalar::Num(a));
            return Some(Found::Figure(f));
        }
        return None;
    }
    let unit = ub.or(ua).or_else(|| {
        let w = ctx.next_word(c.get(0)?.end());
        (!w.is_empty() && w.chars().all(|ch| ch.is_ascii_lowercase())).then(|| w.to_string())
    });
    // "on a scale from 1 to 5".
    let unit = unit.or_else(|| (ctx.prev_word(start) == "scale").then(|| "scale".to_string()));
    // "filmmakers, between six and 10": the counted noun just before.
    let unit = unit.or_else(|| {
        let before = ctx.before(start).trim_end();
        let joined =
            before.ends_with(|ch: char| ch.is_alphabetic() || matches!(ch, '—' | '–' | ','));
        let prev = before
            .trim_end_matches(['—', '–', ','])
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        (c["kw"].eq_ignore_ascii_case("between")
            && joined
            && prev.len() > 3
            && prev.ends_with('s')
            && !NOT_COUNTED.contains(&prev.as_str()))
        .then_some(prev)
    });
    // "from two to six" with nothing counted is two figures, not a range.
    let unit = unit?;
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Num(a));
    f.to = Some(Scalar::Num(b));
    f.unit = Some(unit);
    Some(Found::Figure(f))
}

/// One amount of a money range: (value, ISO currency).
fn money_side(text: &str) -> Option<(f64, &'static str)> {
    let t = text.trim();
    let at = t.find(|c: char| c.is_ascii_digit())?;
    let (code, _) = currency(&t[..at])?;
    Some((numbers::parse(&t[at..])?, code))
}

pub(super) fn money_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let kw = c.name("kw").map(|m| m.as_str().to_ascii_lowercase());
    if c["sep"].eq_ignore_ascii_case("and") && kw.as_deref() != Some("between") {
        return None;
    }
    let start = c.get(0)?.start();
    // "rose from $1.2 billion to $1.5 billion" is two amounts; so is "cut $5 to $7".
    let before = ctx.before(start);
    let changed = match kw.as_deref() {
        Some("from") => is_change(before),
        Some(_) => false,
        None => CHANGE.is_match(before),
    };
    if changed {
        return None;
    }
    let (mut a, ca) = money_side(&c["a"])?;
    // "INR 18,000 – 36,300": the second amount may leave its currency to the first, after a
    // dash or "between"; "$5 to 7 percent" is no range of money.
    let bare_b = c["b"]
        .trim_start()
        .starts_with(|ch: char| ch.is_ascii_digit());
    if bare_b {
        let dash = matches!(c["sep"].trim(), "-" | "–" | "—");
        if !(dash || kw.as_deref() == Some("between")) || unit_follows(ctx, c.get(0)?.end()) {
            return None;
        }
    }
    let (b, cb) = if bare_b {
        (numbers::parse(c["b"].trim())?, ca)
    } else {
        money_side(&c["b"])?
    };
    // "$5 to $7 billion": the first amount takes the scale of the second.
    if a < 1000.0 && b >= 1e6 && b / a > 1e5 {
        a *= 10f64.powi((b / a).log10().floor() as i32 / 3 * 3);
    }
    if ca != cb || b <= a {
        return None;
    }
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Num(a));
    f.to = Some(Scalar::Num(b));
    f.unit = Some(ca.to_string());
    Some(Found::Figure(f))
}

pub(super) fn unit_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let start = c.get(0)?.start();
    let before = ctx.before(start);
    // "from 7.5 to 17.3 percent" is the "from" rule's; "rose 5 to 7%" is two figures.
    if before.trim_end().to_ascii_lowercase().ends_with("from") || CHANGE.is_match(before) {
        return None;
    }
    let (b, unit) = side(&format!("{}{}", &c["b"], &c["u"]))?;
    let a = numbers::parse(&c["a"])?;
    if b <= a {
        return None;
    }
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Num(a));
    f.to = Some(Scalar::Num(b));
    f.unit = Some(unit?);
    Some(Found::Figure(f))
}

pub(super) fn age_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let (a, b, mut f) = match c.name("pre") {
        Some(_) => (&c["a"], &c["b"], fig(c, FigureKind::Range)),
        None => {
            let (a, b) = (c.name("a2")?, c.name("b2")?);
            // "aged 10 and 13" names two ages; "aged between 10 and 13" one range.
            if c.name("and").is_some() && c.name("bw").is_none() {
                return None;
            }
            // The span opens at "between" when it is there and closes after "-years-old".
            let s = c.name("bw").map_or(a.start(), |m| m.start());
            let e = c.name("yo").map_or(b.end(), |m| m.end());
            (
                a.as_str(),
                b.as_str(),
                Figure::new(&ctx.text[s..e], [s, e], FigureKind::Range),
            )
        }
    };
    let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
    if b <= a || b > 120.0 {
        return None;
    }
    f.from = Some(Scalar::Num(a));
    f.to = Some(Scalar::Num(b));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}

pub(super) fn dash_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let mut a = numbers::parse(&c["a"])?;
    let mut b = numbers::parse(&c["b"])?;
    if let Some(sc) = c.name("sc") {
        let k = numbers::scale_value(sc.as_str())?;
        a *= k;
        b *= k;
    }
    if b <= a {
        return None;
    }
    let u = c.name("u").map(|u| u.as_str().to_ascii_lowercase());
    let unit = match (c.name("cur").or_else(|| c.name("tc")), u.as_deref()) {
        // "$5-7", and "265 – 535 US$" with the currency written after.
        (Some(cur), _) => currency(cur.as_str())?.0.to_string(),
        (None, Some("x")) => "times".to_string(),
        (None, Some(u)) if u.contains('%') || u.contains("cent") => "%".to_string(),
        (None, Some(u)) => time_unit(u)?.to_string(),
        // "350–375 million people": a scale makes it a range of the noun that follows.
        (None, None) if c.name("sc").is_some() => {
            let w = ctx.next_word(c.get(0)?.end());
            if w.chars().all(|ch| ch.is_ascii_lowercase()) {
                w.to_string()
            } else {
                String::new()
            }
        }
        (None, None) => return None,
    };
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Num(a));
    f.to = Some(Scalar::Num(b));
    f.unit = (!unit.is_empty()).then_some(unit);
    Some(Found::Figure(f))
}
