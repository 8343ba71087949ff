//! Figures written the English way, the inverse of the parser in [`super::figures`]: what
//! `render` writes, `figures::find` reads back to the same value (a property test holds it).
//!
//! 1,200; 12.5%; $1.8 trillion; €40 billion; HKD 5 billion; 57 of 64; 2019–2023; 5–7%;
//! June 5, 2025; June 2025; less than 2 years; 43-year-old; 300 km; 21st.

use crate::model::{Figure, FigureKind, Scalar};

/// A number with thousands commas and at most six decimals, never rounded away.
pub fn number(v: f64) -> String {
    super::numbers::format(v, ',', '.')
}

/// A large amount with its scale word when it stays exact in three decimals of it:
/// 1.8e12 -> "1.8 trillion", 3e8 -> "300 million", 1,021,500 -> "1,021,500".
pub fn amount(v: f64) -> String {
    match super::numbers::scaled(v, &[(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]) {
        Some((x, word)) => format!("{} {word}", number(x)),
        None => number(v),
    }
}

fn hedge(q: Option<&str>) -> &'static str {
    match q {
        Some("less than") => "less than ",
        Some("more than") => "more than ",
        Some("about") => "about ",
        Some("at least") => "at least ",
        Some("up to") => "up to ",
        _ => "",
    }
}

fn plural(unit: &str, v: f64) -> String {
    if v == 1.0 {
        unit.to_string()
    } else if unit == "century" {
        "centuries".into()
    } else {
        format!("{unit}s")
    }
}

fn money(v: f64, code: &str) -> String {
    let symbol = match code {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        _ => None,
    };
    match symbol {
        Some(s) => format!("{s}{}", amount(v)),
        None => format!("{code} {}", amount(v)),
    }
}

/// A date value (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) the English way.
pub fn date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    let month = |m: &str| crate::lang::en::month_name(m.parse().ok()?);
    Some(match parts.as_slice() {
        [y, m, d] => format!("{} {}, {y}", month(m)?, d.parse::<u32>().ok()?),
        [y, m] => format!("{} {y}", month(m)?),
        [y] => (*y).to_string(),
        _ => return None,
    })
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Renders a figure in English, or `None` when it has no value to render.
pub fn render(f: &Figure) -> Option<String> {
    let h = hedge(f.qualifier.as_deref());
    let v = f.value.as_ref().and_then(Scalar::num);
    Some(match f.kind {
        FigureKind::Count => format!("{h}{}", amount(v?)),
        FigureKind::Percent => format!("{h}{}%", number(v?)),
        FigureKind::Money => format!("{h}{}", money(v?, f.currency.as_deref()?)),
        FigureKind::Ratio => format!("{} of {}", number(f.numerator?), number(f.denominator?)),
        FigureKind::Range => {
            let (Some(Scalar::Num(a)), Some(Scalar::Num(b))) = (&f.from, &f.to) else {
                return None;
            };
            match f.unit.as_deref()? {
                "year" => format!("{}–{}", *a as i64, *b as i64),
                "%" => format!("{}–{}%", number(*a), number(*b)),
                u if u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()) => {
                    format!("{}–{}", money(*a, u), money(*b, u))
                }
                u => format!("{}–{} {}", number(*a), number(*b), plural(u, *b)),
            }
        }
        FigureKind::Date => match f.value.as_ref()? {
            Scalar::Text(t) => date(t)?,
            Scalar::Num(n) => format!("{}", *n as i64),
        },
        FigureKind::Duration => {
            let unit = f.unit.as_deref()?;
            let v = v?;
            if f.text.ends_with("-old") {
                format!("{}-{unit}-old", number(v))
            } else {
                format!("{h}{} {}", number(v), plural(unit, v))
            }
        }
        FigureKind::Quantity => {
            let unit = f.unit.as_deref()?;
            format!(
                "{h}{} {}",
                number(v?),
                super::figures::unit_word(unit).unwrap_or(unit)
            )
        }
        FigureKind::Ordinal => ordinal(v? as i64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::figures;
    use chrono::NaiveDate;

    fn en(text: &str) -> String {
        let f = figures::find(text, NaiveDate::from_ymd_opt(2025, 6, 6));
        render(&f[0]).unwrap()
    }

    #[test]
    fn formats_figures_the_english_way() {
        assert_eq!(en("on Thursday"), "June 5, 2025");
        assert_eq!(en("57 out of 64 technologies"), "57 of 64");
        assert_eq!(en("from 2019 to 2023"), "2019–2023");
        assert_eq!(en("a rise of 12.5 per cent"), "12.5%");
        assert_eq!(en("it spent US$1.8tn"), "$1.8 trillion");
        assert_eq!(en("in less than two years"), "less than 2 years");
        assert_eq!(en("the 21st"), "21st");
        assert_eq!(number(1200.5), "1,200.5");
    }

    proptest::proptest! {
        #[test]
        fn every_figure_rendered_in_english_is_read_back_to_its_value(
            kind in 0usize..9,
            whole in 1u32..1_000_000,
            cents in 0u32..100,
            pick in 0usize..4,
        ) {
            let v = f64::from(whole) + f64::from(cents) / 100.0;
            let mut f = Figure::new("x", [0, 1], FigureKind::Count);
            match kind {
                0 => { f.value = Some(Scalar::Num(f64::from(whole))); }
                1 => { f.kind = FigureKind::Percent; f.value = Some(Scalar::Num(v.min(999.0))); }
                2 => {
                    f.kind = FigureKind::Money;
                    f.currency = Some(["USD", "EUR", "GBP", "HKD"][pick].into());
                    f.value = Some(Scalar::Num(f64::from(whole) * [1.0, 1e3, 1e6, 1e9][pick]));
                }
                3 => {
                    f.kind = FigureKind::Ratio;
                    f.numerator = Some(f64::from(whole % 100));
                    f.denominator = Some(f64::from(whole % 100 + 1 + cents));
                }
                4 => {
                    f.kind = FigureKind::Range;
                    let a = f64::from(1950 + whole % 70);
                    f.from = Some(Scalar::Num(a));
                    f.to = Some(Scalar::Num(a + 1.0 + f64::from(cents % 20)));
                    f.unit = Some("year".into());
                }
                5 => {
                    f.kind = FigureKind::Date;
                    let d = NaiveDate::from_ymd_opt(1996 + (whole % 30) as i32, 1 + whole % 12, 1 + cents % 28).unwrap();
                    f.value = Some(Scalar::Text(match pick {
                        0 => d.format("%Y").to_string(),
                        1 => d.format("%Y-%m").to_string(),
                        _ => d.format("%Y-%m-%d").to_string(),
                    }));
                }
                6 => {
                    f.kind = FigureKind::Duration;
                    f.unit = Some(["day", "week", "month", "year"][pick].into());
                    f.value = Some(Scalar::Num(f64::from(2 + whole % 90)));
                }
                7 => {
                    f.kind = FigureKind::Quantity;
                    f.unit = Some(["km", "GW", "kg", "t"][pick].into());
                    f.value = Some(Scalar::Num(f64::from(2 + whole % 5000)));
                }
                _ => {
                    f.kind = FigureKind::Ordinal;
                    f.value = Some(Scalar::Num(f64::from(1 + whole % 200)));
                }
            }
            let text = render(&f).unwrap();
            let found = figures::find(&format!("It was {text} in the end."), None);
            proptest::prop_assert_eq!(found.len(), 1, "{} read as {:?}", text, found);
            let (got, want) = (serde_json::to_value(&found[0]).unwrap(), serde_json::to_value(&f).unwrap());
            proptest::prop_assert!(
                crate::eval::figures::values_agree(&got, &want),
                "{} read as {} not {}", text, got, want
            );
        }
    }
}
