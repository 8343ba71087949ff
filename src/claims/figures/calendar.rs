//! Dates and periods of the calendar: full and partial dates, quarters, fiscal years, relative
//! days, weeks, months and years, ranges of years, days and months, decades.

use chrono::{Datelike, Duration, NaiveDate};
use regex::Captures;

use super::ranges::is_change;
use super::{Ctx, Found, date_value, fig, ymd};
use crate::claims::dates;
use crate::lang::en;
use crate::model::{FigureKind, Scalar};

pub(super) fn full_date(_: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let d = NaiveDate::from_ymd_opt(c["year"].parse().ok()?, m, c["day"].parse().ok()?)?;
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, ymd(d), "day");
    Some(Found::Figure(f))
}

pub(super) fn iso_date(_: &Ctx, c: &Captures) -> Option<Found> {
    let d = NaiveDate::from_ymd_opt(
        c["year"].parse().ok()?,
        c["m"].parse().ok()?,
        c["day"].parse().ok()?,
    )?;
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, ymd(d), "day");
    Some(Found::Figure(f))
}

pub(super) fn month_year(_: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, format!("{}-{m:02}", &c["year"]), "month");
    Some(Found::Figure(f))
}

pub(super) fn quarter(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let n = match c["ord"].to_ascii_lowercase().as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "front" => 1,
        "latter" | "back" => 2,
        _ => 4,
    };
    let is_half = c["qh"].eq_ignore_ascii_case("half");
    // "the latter quarter" is no period.
    if !is_half
        && matches!(
            &c["ord"].to_ascii_lowercase()[..],
            "front" | "latter" | "back"
        )
    {
        return None;
    }
    if is_half && n > 2 {
        return None;
    }
    let months = if is_half { 6 } else { 3 };
    let first_month = (n - 1) * months + 1;
    let year = match c.name("yr").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(y) if y.starts_with("this") => ctx.published?.year(),
        Some(y) if y.starts_with("last") => ctx.published?.year() - 1,
        Some(y) if y.starts_with("next") => ctx.published?.year() + 1,
        Some(y) => y.parse().ok()?,
        // "the first half" alone is a match period, not a date.
        None if is_half => return None,
        None => {
            let p = ctx.published?;
            if NaiveDate::from_ymd_opt(p.year(), first_month, 1)? <= p {
                p.year()
            } else {
                p.year() - 1
            }
        }
    };
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, format!("{year}-{first_month:02}"), "month");
    Some(Found::Figure(f))
}

pub(super) fn quarter_code(_: &Ctx, c: &Captures) -> Option<Found> {
    let q: u32 = c["q"].parse().ok()?;
    let mut f = fig(c, FigureKind::Date);
    date_value(
        &mut f,
        format!("{}-{:02}", &c["yr"], (q - 1) * 3 + 1),
        "month",
    );
    Some(Found::Figure(f))
}

pub(super) fn year_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let sep = c["sep"].to_ascii_lowercase();
    let kw = c.name("kw").map(|m| m.as_str().to_ascii_lowercase());
    // "in 2001 and 2002" is two dates; "between 2010 and 2015" is a range.
    if sep == "and" && kw.as_deref() != Some("between") {
        return None;
    }
    if kw.as_deref() == Some("from") && is_change(ctx.before(c.get(0)?.start())) {
        return None;
    }
    let a: i32 = c["a"].parse().ok()?;
    let b_text = &c["b"];
    let b: i32 = if b_text.len() == 2 {
        a / 100 * 100 + b_text.parse::<i32>().ok()?
    } else {
        b_text.parse().ok()?
    };
    if b <= a || b - a > 200 {
        return None;
    }
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Num(a as f64));
    f.to = Some(Scalar::Num(b as f64));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}

pub(super) fn decade(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let d = &c["dec"];
    // "the 1300s" is a century; "1120s" in a list of forms is a code in the plural. A decade
    // before 1500 needs a word that dates it.
    if d.len() == 4 && d < "1500" {
        let prev = ctx.prev_word(c.get(0)?.start());
        if !matches!(
            prev.as_str(),
            "the" | "in" | "since" | "by" | "early" | "mid" | "late" | "of" | "during" | "until"
        ) {
            return Some(Found::Block);
        }
    }
    let (from, span) = if let Some(two) = d.strip_prefix('\'') {
        let v: i32 = two.parse().ok()?;
        (if v == 0 { 2000 } else { 1900 + v }, 9)
    } else if d.len() == 2 {
        (1900 + d.parse::<i32>().ok()?, 9)
    } else if d.ends_with("00") && d != "2000" {
        // "the 1800s" is a century; "the 2000s" the decade news means.
        (d.parse::<i32>().ok()?, 99)
    } else {
        (d.parse::<i32>().ok()?, 9)
    };
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Num(from as f64));
    f.to = Some(Scalar::Num((from + span) as f64));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}

pub(super) fn weekday_date(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let wd = en::weekday(&c["wd"])?;
    let start = c.get(0)?.start();
    if ctx.prev_word(start) == "a" {
        return None;
    }
    let mut f = fig(c, FigureKind::Date);
    f.relative = Some(f.text.clone());
    if let Some(p) = ctx.published {
        let rel = c.name("rel").map(|m| m.as_str().to_ascii_lowercase());
        let d = match rel.as_deref() {
            Some("next") => dates::next_weekday(p, wd),
            Some("last") => dates::last_weekday(p, wd),
            _ if ctx.future(start) => dates::next_weekday(p, wd),
            _ => dates::last_weekday(p, wd),
        };
        date_value(&mut f, ymd(d), "day");
    } else {
        f.precision = Some("day".into());
    }
    Some(Found::Figure(f))
}

pub(super) fn day_word(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let w = c.get(0)?.as_str().to_ascii_lowercase();
    let offset = match w.as_str() {
        "yesterday" | "last night" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    let mut f = fig(c, FigureKind::Date);
    f.relative = Some(f.text.clone());
    f.precision = Some("day".into());
    if let Some(p) = ctx.published {
        date_value(&mut f, ymd(p + Duration::days(offset)), "day");
    }
    Some(Found::Figure(f))
}

pub(super) fn relative_period(ctx: &Ctx, c: &Captures) -> Option<Found> {
    // "the next year", "in the last year": anaphoric or a span, not a date.
    if ctx.prev_word(c.get(0)?.start()) == "the" {
        return Some(Found::Block);
    }
    let delta = match c["rel"].to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let unit = c["u"].to_ascii_lowercase();
    let mut f = fig(c, FigureKind::Date);
    f.relative = Some(f.text.clone());
    let Some(p) = ctx.published else {
        f.precision = Some(unit);
        return Some(Found::Figure(f));
    };
    match unit.as_str() {
        "week" => {
            let monday = dates::monday_of(p) + Duration::weeks(delta);
            date_value(&mut f, ymd(monday), "week");
        }
        "month" => {
            let (y, m) = dates::add_months(p.year(), p.month(), delta as i32);
            date_value(&mut f, format!("{y}-{m:02}"), "month");
        }
        _ => date_value(&mut f, format!("{}", p.year() + delta as i32), "year"),
    }
    Some(Found::Figure(f))
}

pub(super) fn month_day(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let day: u32 = c["day"].parse().ok()?;
    if day == 0 || day > 31 {
        return None;
    }
    // "the September 11 attacks" names an event.
    if matches!(
        ctx.next_word(c.get(0)?.end()).to_ascii_lowercase().as_str(),
        "attacks" | "attack" | "bombings" | "bombing" | "massacre" | "uprising" | "movement"
    ) {
        return Some(Found::Block);
    }
    // "May 5" could be the verb; require a capital M and nothing glued after.
    let mut f = fig(c, FigureKind::Date);
    match ctx.published {
        Some(p) => {
            let y = ctx.year_of(p, c.get(0)?.start(), m, Some(day));
            let d = NaiveDate::from_ymd_opt(y, m, day)?;
            f.relative = Some(f.text.clone());
            date_value(&mut f, ymd(d), "day");
        }
        None => f.precision = Some("day".into()),
    }
    Some(Found::Figure(f))
}

pub(super) fn month_only(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let name = &c["mon"];
    let m = en::month(name)?;
    let start = c.get(0)?.start();
    let prev = ctx.prev_word(start);
    // "May" is usually the verb: only take it after a preposition.
    if name == "May"
        && !matches!(
            prev.as_str(),
            "in" | "since"
                | "by"
                | "until"
                | "of"
                | "early"
                | "mid"
                | "late"
                | "last"
                | "this"
                | "next"
        )
    {
        return None;
    }
    let mut f = fig(c, FigureKind::Date);
    f.relative = Some(f.text.clone());
    match ctx.published {
        Some(p) => {
            let y = match prev.as_str() {
                "next" => p.year() + 1,
                "last" if m >= p.month() => p.year() - 1,
                _ => ctx.year_of(p, c.get(0)?.start(), m, None),
            };
            date_value(&mut f, format!("{y}-{m:02}"), "month");
        }
        None => f.precision = Some("month".into()),
    }
    Some(Found::Figure(f))
}

pub(super) fn year_only(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let end = c.get(0)?.end();
    let next = ctx.next_word(end);
    // "in 1723", "the Civil Rights Act of 1964": after these a number is a year; an earlier
    // year than 1900 needs one.
    let dated = matches!(
        ctx.prev_word(c.get(0)?.start()).as_str(),
        "in" | "since" | "of" | "by" | "until" | "before" | "after" | "during" | "from" | "circa"
    );
    if !dated && c["yr"].starts_with('1') && !c["yr"].starts_with("19") {
        return None;
    }
    // "2000 people" counts people.
    if !dated
        && next.len() > 2
        && next.ends_with('s')
        && next.chars().all(|ch| ch.is_ascii_lowercase())
    {
        return None;
    }
    if ctx.after(end).starts_with(['%', ','])
        && ctx.after(end).len() > 1
        && ctx.after(end)[1..].starts_with(|ch: char| ch.is_ascii_digit())
    {
        return None;
    }
    if ctx.after(end).starts_with(": ") && ctx.next_word(end + 1).starts_with(char::is_uppercase) {
        return Some(Found::Block);
    }
    // "a 1995 Honda Civic": a year after "a" and before a name is a model year; an event
    // named by its year takes "the" ("the 2003 Southeast Asian Games").
    if matches!(ctx.prev_word(c.get(0)?.start()).as_str(), "a" | "an")
        && next.starts_with(char::is_uppercase)
    {
        return Some(Found::Block);
    }
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, c["yr"].to_string(), "year");
    Some(Found::Figure(f))
}

pub(super) fn month_of_relative_year(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let p = ctx.published?;
    let y = p.year()
        + match &c["rel"] {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
    let mut f = fig(c, FigureKind::Date);
    f.relative = Some(f.text.clone());
    match c.name("day") {
        Some(d) => {
            let d = NaiveDate::from_ymd_opt(y, m, d.as_str().parse().ok()?)?;
            date_value(&mut f, ymd(d), "day");
        }
        None => date_value(&mut f, format!("{y}-{m:02}"), "month"),
    }
    Some(Found::Figure(f))
}

pub(super) fn fiscal_code(_: &Ctx, c: &Captures) -> Option<Found> {
    let yr = &c["yr"];
    let year = if yr.len() == 2 {
        format!("20{yr}")
    } else {
        yr.to_string()
    };
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, year, "year");
    Some(Found::Figure(f))
}

pub(super) fn fiscal_year(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, c["yr"].to_string(), "year");
    Some(Found::Figure(f))
}

pub(super) fn month_range(_: &Ctx, c: &Captures) -> Option<Found> {
    let m1 = en::month(&c["m1"])?;
    let m2 = en::month(&c["m2"])?;
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Text(format!("{}-{m1:02}", &c["y1"])));
    f.to = Some(Scalar::Text(format!("{}-{m2:02}", &c["y2"])));
    f.unit = Some("month".into());
    Some(Found::Figure(f))
}

pub(super) fn day_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let a: u32 = c["a"].parse().ok()?;
    let b: u32 = c["b"].parse().ok()?;
    if a == 0 || b <= a || b > 31 {
        return None;
    }
    let y = match c.name("yr") {
        Some(y) => y.as_str().parse().ok()?,
        None => ctx.year_of(ctx.published?, c.get(0)?.start(), m, Some(a)),
    };
    let from = NaiveDate::from_ymd_opt(y, m, a)?;
    let to = NaiveDate::from_ymd_opt(y, m, b)?;
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Text(ymd(from)));
    f.to = Some(Scalar::Text(ymd(to)));
    f.unit = Some("day".into());
    Some(Found::Figure(f))
}
