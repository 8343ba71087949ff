//! Figures written the Vietnamese way, and read back: the inverse of the English parser.
//!
//! 5/6/2025, tháng 6/2025, 57/64, 2019–2023, 12,5%, 1.800 tỷ USD, 300 triệu USD, 40 triệu,
//! chưa đầy 2 năm. `parse_numbers` reads these back so the faithfulness check can compare
//! a Vietnamese bullet's figures with the source's.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers;
use crate::model::{Figure, FigureKind, Scalar};

/// A number with Vietnamese separators: thousands `.`, decimal `,` (1.800; 12,5).
pub fn number(v: f64) -> String {
    numbers::format(v, '.', ',')
}

/// A large amount with a Vietnamese scale word: 1.8e12 -> "1.800 tỷ", 3e8 -> "300 triệu".
/// A scale is used only when the amount stays exact in at most three decimals of it
/// (1,021,000 is "1,021 triệu"; 1,021,500 is "1.021.500").
pub fn amount(v: f64) -> String {
    match numbers::scaled(v, &[(1e9, "tỷ"), (1e6, "triệu")]) {
        Some((x, word)) => format!("{} {word}", number(x)),
        None => number(v),
    }
}

fn hedge(q: Option<&str>, kind: FigureKind) -> &'static str {
    match (q, kind) {
        (Some("less than"), FigureKind::Duration) => "chưa đầy ",
        (Some("less than"), _) => "dưới ",
        (Some("more than"), _) => "hơn ",
        (Some("about"), _) => "khoảng ",
        (Some("at least"), _) => "ít nhất ",
        (Some("up to"), _) => "tới ",
        _ => "",
    }
}

fn time_unit(u: &str) -> Option<&'static str> {
    Some(match u {
        "second" => "giây",
        "minute" => "phút",
        "hour" => "giờ",
        "day" => "ngày",
        "week" => "tuần",
        "month" => "tháng",
        "year" => "năm",
        "decade" => "thập kỷ",
        "century" => "thế kỷ",
        _ => return None,
    })
}

/// A date value (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) the Vietnamese way, with its lead word.
pub fn date(value: &str, precision: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    Some(match (parts.as_slice(), precision) {
        ([y, m, d], Some("week")) => format!("tuần từ ngày {}/{}/{y}", num(d)?, num(m)?),
        ([y, m, d], _) => format!("ngày {}/{}/{y}", num(d)?, num(m)?),
        ([y, m], _) => format!("tháng {}/{y}", num(m)?),
        ([y], _) => format!("năm {y}"),
        _ => return None,
    })
}

/// A weekday the Vietnamese way.
fn weekday_vi(d: chrono::Weekday) -> &'static str {
    match d {
        chrono::Weekday::Mon => "thứ Hai",
        chrono::Weekday::Tue => "thứ Ba",
        chrono::Weekday::Wed => "thứ Tư",
        chrono::Weekday::Thu => "thứ Năm",
        chrono::Weekday::Fri => "thứ Sáu",
        chrono::Weekday::Sat => "thứ Bảy",
        chrono::Weekday::Sun => "Chủ nhật",
    }
}

/// The month a month name stands for ("January" -> 1).
pub fn month_number(word: &str) -> Option<u32> {
    crate::lang::en::month(word)
}

/// A date the sentence states but no publication date resolves ("Monday", "last year",
/// "in January"), said the way the source says it: "thứ Hai", "năm ngoái", "tháng 1".
fn unresolved_date(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    let t = t
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_start_matches("on ")
        .trim_start_matches("in ")
        .trim_end_matches(['.', ','])
        .trim();
    let relative = [
        ("today", "hôm nay"),
        ("yesterday", "hôm qua"),
        ("tomorrow", "ngày mai"),
        ("this week", "tuần này"),
        ("last week", "tuần trước"),
        ("next week", "tuần tới"),
        ("this month", "tháng này"),
        ("last month", "tháng trước"),
        ("next month", "tháng tới"),
        ("this year", "năm nay"),
        ("last year", "năm ngoái"),
        ("next year", "năm tới"),
    ];
    if let Some((_, vi)) = relative.iter().find(|(en, _)| *en == t) {
        return Some((*vi).to_string());
    }
    let (first, rest) = t.split_once(' ').unwrap_or((t, ""));
    // "March 31" or "31 March" with no year to place it: "ngày 31/3".
    let month_day = match (
        month_number(first),
        rest.trim_end_matches(',').parse::<u32>(),
    ) {
        (Some(m), Ok(d)) => Some((m, d)),
        _ => match (
            first
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse::<u32>(),
            month_number(rest),
        ) {
            (Ok(d), Some(m)) if !rest.is_empty() => Some((m, d)),
            _ => None,
        },
    };
    if let Some((m, d)) = month_day
        && (1..=31).contains(&d)
    {
        return Some(format!("ngày {d}/{m}"));
    }
    let part = match rest {
        "" => "",
        "morning" => "sáng ",
        "afternoon" => "chiều ",
        "evening" | "night" => "tối ",
        _ => return None,
    };
    if let Some(d) = crate::lang::en::weekday(first) {
        return Some(format!("{part}{}", weekday_vi(d)));
    }
    if part.is_empty()
        && let Some(m) = month_number(first)
    {
        return Some(format!("tháng {m}"));
    }
    None
}

/// Renders a figure in Vietnamese, or `None` when it has no value to render.
pub fn render(f: &Figure) -> Option<String> {
    let h = hedge(f.qualifier.as_deref(), f.kind);
    let v = f.value.as_ref().and_then(Scalar::num);
    Some(match f.kind {
        FigureKind::Count => {
            // Counted nouns are translated with the sentence; the figure is the number.
            let v = v?;
            if v >= 1e6 {
                format!("{h}{}", amount(v))
            } else {
                format!("{h}{}", number(v))
            }
        }
        // "0.5 percentage points", "25 basis points": a change in a rate, not a share.
        FigureKind::Percent if f.text.to_lowercase().contains("point") => {
            format!("{h}{} điểm phần trăm", number(v?))
        }
        FigureKind::Percent => format!("{h}{}%", number(v?)),
        FigureKind::Money => {
            let code = f.currency.as_deref()?;
            let code = if code == "VND" { "đồng" } else { code };
            format!("{h}{} {code}", amount(v?))
        }
        FigureKind::Ratio => format!("{}/{}", number(f.numerator?), number(f.denominator?)),
        FigureKind::Range => {
            let from = f.from.as_ref()?;
            let to = f.to.as_ref()?;
            match (from, to, f.unit.as_deref()) {
                (Scalar::Num(a), Scalar::Num(b), Some("year")) => {
                    format!("giai đoạn {}–{}", *a as i64, *b as i64)
                }
                (Scalar::Num(a), Scalar::Num(b), Some("%")) => {
                    format!("{}–{}%", number(*a), number(*b))
                }
                (Scalar::Num(a), Scalar::Num(b), Some(u)) => match time_unit(u) {
                    Some(vu) => format!("{}–{} {vu}", number(*a), number(*b)),
                    None if u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()) => {
                        format!("{}–{} {u}", amount(*a), amount(*b))
                    }
                    None => return None,
                },
                _ => return None,
            }
        }
        FigureKind::Date => {
            let value = match f.value.as_ref() {
                Some(Scalar::Text(t)) => t.clone(),
                Some(Scalar::Num(n)) => format!("{}", *n as i64),
                // No publication date to resolve it against: say it as the source does.
                None => return unresolved_date(&f.text),
            };
            // "the second quarter of 2004" = "quý 2/2004", not its first month.
            let lower = f.text.to_lowercase();
            let quarter = lower.contains("quarter")
                || (lower.starts_with('q') && lower[1..].starts_with(|c: char| c.is_ascii_digit()));
            match value.split_once('-') {
                Some((y, m)) if quarter || lower.contains("half") => {
                    let m: u32 = m.parse().ok()?;
                    if quarter {
                        format!("quý {}/{y}", (m - 1) / 3 + 1)
                    } else if m == 1 {
                        format!("nửa đầu năm {y}")
                    } else {
                        format!("nửa cuối năm {y}")
                    }
                }
                _ => date(&value, f.precision.as_deref())?,
            }
        }
        FigureKind::Duration => {
            let unit = time_unit(f.unit.as_deref()?)?;
            let v = v?;
            if f.text.ends_with("-old") {
                format!("{h}{} tuổi", number(v))
            } else {
                format!("{h}{} {unit}", number(v))
            }
        }
        FigureKind::Quantity => format!("{h}{} {}", number(v?), f.unit.as_deref()?),
        FigureKind::Ordinal => format!("thứ {}", number(v?)),
    })
}

static VI_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?").expect("vi number regex")
});

/// Every number written in Vietnamese text, with the scale word after it applied
/// ("1.800 tỷ" -> 1.8e12, "12,5" -> 12.5).
pub fn parse_numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for m in VI_NUMBER.find_iter(text) {
        let raw = m.as_str().replace('.', "").replace(',', ".");
        let Ok(mut v) = raw.parse::<f64>() else {
            continue;
        };
        let after = text[m.end()..].trim_start();
        if after.starts_with("nghìn tỷ") {
            v *= 1e12;
        } else if after.starts_with("tỷ") {
            v *= 1e9;
        } else if after.starts_with("triệu") {
            v *= 1e6;
        } else if after.starts_with("nghìn") {
            v *= 1e3;
        }
        out.push(v);
    }
    out
}

/// Every number a figure stands for, at its own scale ("$1.8 billion" is 1.8e9, never 1.8),
/// for checking a Vietnamese sentence against its claim.
pub fn values(f: &Figure) -> Vec<f64> {
    let mut out = Vec::new();
    let parts =
        |t: &str| -> Vec<f64> { t.split('-').filter_map(|p| p.parse::<f64>().ok()).collect() };
    match &f.value {
        Some(Scalar::Num(v)) => out.push(*v),
        Some(Scalar::Text(t)) => out.extend(parts(t)),
        // "in January" with no year to place it: "tháng 1".
        None if f.kind == FigureKind::Date => out.extend(
            f.text
                .split_whitespace()
                .filter_map(month_number)
                .map(f64::from),
        ),
        None => {}
    }
    out.extend(f.numerator);
    out.extend(f.denominator);
    for s in [&f.from, &f.to].into_iter().flatten() {
        match s {
            Scalar::Num(n) => out.push(*n),
            Scalar::Text(t) => out.extend(parts(t)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::figures;
    use chrono::NaiveDate;

    fn vi(text: &str) -> String {
        let p = NaiveDate::from_ymd_opt(2025, 6, 6);
        let f = figures::find(text, p);
        render(&f[0]).unwrap()
    }

    #[test]
    fn a_quarter_is_said_as_a_quarter_not_its_first_month() {
        assert_eq!(vi("in the second quarter of 2004"), "quý 2/2004");
        assert_eq!(vi("profits in Q3 2024 rose"), "quý 3/2024");
    }

    #[test]
    fn a_day_and_month_with_no_year_to_place_it_is_said_as_written() {
        let f = figures::find("on 4 March", None);
        assert_eq!(render(&f[0]).as_deref(), Some("ngày 4/3"));
    }

    #[test]
    fn formats_figures_the_vietnamese_way() {
        assert_eq!(vi("on Thursday"), "ngày 5/6/2025");
        assert_eq!(vi("57 of 64 technologies"), "57/64");
        assert_eq!(vi("from 2019 to 2023"), "giai đoạn 2019–2023");
        assert_eq!(vi("a rise of 12.5%"), "12,5%");
        assert_eq!(vi("it spent $1.8 trillion"), "1.800 tỷ USD");
        assert_eq!(vi("it spent US$300m"), "300 triệu USD");
        assert_eq!(vi("in less than two years"), "chưa đầy 2 năm");
        assert_eq!(vi("In January"), "tháng 1/2025");
        assert_eq!(number(100000.0), "100.000");
    }

    #[test]
    fn a_date_with_no_publication_date_is_said_as_the_source_says_it() {
        let said = |text: &str| render(&figures::find(text, None)[0]);
        assert_eq!(said("on Monday").as_deref(), Some("thứ Hai"));
        assert_eq!(said("died on Sunday").as_deref(), Some("Chủ nhật"));
        assert_eq!(said("last year").as_deref(), Some("năm ngoái"));
        assert_eq!(said("in January").as_deref(), Some("tháng 1"));
        assert_eq!(said("before March 31").as_deref(), Some("ngày 31/3"));
        assert_eq!(said("Wednesday's shooting").as_deref(), Some("thứ Tư"));
    }

    #[test]
    fn vietnamese_numbers_parse_back_to_the_same_values() {
        for v in [12.5, 1800.0, 100000.0, 57.0, 0.25, 2019.0] {
            assert_eq!(parse_numbers(&number(v)), vec![v], "{v}");
        }
        assert_eq!(parse_numbers("1.800 tỷ USD"), vec![1.8e12]);
        assert_eq!(parse_numbers("300 triệu USD"), vec![3e8]);
    }

    /// A figure's value as the number its Vietnamese rendering must carry.
    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    proptest::proptest! {
        #[test]
        fn every_figure_rendered_in_vietnamese_parses_back_to_its_value(
            kind in 0usize..6,
            whole in 0u32..1_000_000,
            cents in 0u32..100,
            scale in 0usize..4,
            qualifier in proptest::option::of(proptest::sample::select(vec!["about", "more than", "less than", "at least", "up to"])),
        ) {
            let v = f64::from(whole) + f64::from(cents) / 100.0;
            let mut f = Figure::new("x", [0, 1], crate::model::FigureKind::Count);
            f.qualifier = qualifier.map(str::to_string);
            let expect: Vec<f64> = match kind {
                0 => { f.value = Some(Scalar::Num(v)); vec![v] }
                1 => { f.kind = crate::model::FigureKind::Percent; f.value = Some(Scalar::Num(v)); vec![v] }
                2 => {
                    let m = [1.0, 1e3, 1e6, 1e9][scale];
                    f.kind = crate::model::FigureKind::Money;
                    f.currency = Some("USD".into());
                    let amount = f64::from(whole) * m;
                    f.value = Some(Scalar::Num(amount));
                    vec![amount]
                }
                3 => {
                    f.kind = crate::model::FigureKind::Ratio;
                    f.numerator = Some(f64::from(whole % 1000));
                    f.denominator = Some(f64::from(whole % 1000 + 1 + cents));
                    vec![f64::from(whole % 1000), f64::from(whole % 1000 + 1 + cents)]
                }
                4 => {
                    f.kind = crate::model::FigureKind::Range;
                    f.unit = Some("year".into());
                    let a = f64::from(1900 + whole % 120);
                    f.from = Some(Scalar::Num(a));
                    f.to = Some(Scalar::Num(a + 1.0 + f64::from(cents % 10)));
                    vec![a, a + 1.0 + f64::from(cents % 10)]
                }
                _ => {
                    f.kind = crate::model::FigureKind::Duration;
                    f.unit = Some(["day", "week", "month", "year"][scale].into());
                    let n = f64::from(1 + whole % 500);
                    f.value = Some(Scalar::Num(n));
                    vec![n]
                }
            };
            let Some(text) = render(&f) else {
                return Err(proptest::test_runner::TestCaseError::fail(format!("no rendering for {f:?}")));
            };
            let got = parse_numbers(&text);
            proptest::prop_assert_eq!(got.len(), expect.len(), "{} from {:?}", text, f);
            for (g, e) in got.iter().zip(&expect) {
                proptest::prop_assert!(close(*g, *e), "{} parsed as {} not {}", text, g, e);
            }
        }
    }
}
