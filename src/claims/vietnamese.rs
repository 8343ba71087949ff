//! Figures written the Vietnamese way, and read back: the inverse of the English parser.
//!
//! 5/6/2025, tháng 6/2025, 57/64, 2019–2023, 12,5%, 1.800 tỷ USD, 300 triệu USD, 40 triệu,
//! chưa đầy 2 năm. `parse_numbers` reads these back so the faithfulness check can compare
//! a Vietnamese bullet's figures with the source's.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Figure, FigureKind, Scalar};

/// A number with Vietnamese separators: thousands `.`, decimal `,` (1.800; 12,5).
pub fn number(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let rounded = (v * 100.0).round() / 100.0;
    let int = rounded.trunc() as u64;
    let frac = ((rounded - rounded.trunc()) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    if frac > 0 {
        let f = format!("{frac:02}");
        grouped.push(',');
        grouped.push_str(f.trim_end_matches('0'));
    }
    if neg { format!("-{grouped}") } else { grouped }
}

/// A large amount with a Vietnamese scale word: 1.8e12 -> "1.800 tỷ", 3e8 -> "300 triệu".
pub fn amount(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{} tỷ", number(v / 1e9))
    } else if a >= 1e6 {
        format!("{} triệu", number(v / 1e6))
    } else {
        number(v)
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
            let value = match f.value.as_ref()? {
                Scalar::Text(t) => t.clone(),
                Scalar::Num(n) => format!("{}", *n as i64),
            };
            date(&value, f.precision.as_deref())?
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

/// Every number a figure stands for, for checking a bullet against its source.
pub fn values(f: &Figure) -> Vec<f64> {
    let mut out = Vec::new();
    if let Some(v) = f.value.as_ref().and_then(Scalar::num) {
        out.push(v);
        out.push(v / 1e9);
        out.push(v / 1e6);
    }
    if let Some(Scalar::Text(t)) = &f.value {
        out.extend(t.split('-').filter_map(|p| p.parse::<f64>().ok()));
    }
    out.extend(f.numerator);
    out.extend(f.denominator);
    for s in [&f.from, &f.to].into_iter().flatten() {
        match s {
            Scalar::Num(n) => {
                out.push(*n);
                out.push(n / 1e9);
                out.push(n / 1e6);
            }
            Scalar::Text(t) => out.extend(t.split('-').filter_map(|p| p.parse::<f64>().ok())),
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
    fn vietnamese_numbers_parse_back_to_the_same_values() {
        for v in [12.5, 1800.0, 100000.0, 57.0, 0.25, 2019.0] {
            assert_eq!(parse_numbers(&number(v)), vec![v], "{v}");
        }
        assert_eq!(parse_numbers("1.800 tỷ USD"), vec![1.8e12]);
        assert_eq!(parse_numbers("300 triệu USD"), vec![3e8]);
    }
}
