//! The one gate every Vietnamese sentence passes, whoever wrote it (a model, a translation
//! server, the rules, an editor): it must state this claim's figures and no other numbers, name
//! this claim's names and no others, keep or leave out a negation as the English does, and be
//! Vietnamese. Pure.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::Datelike;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::claims::vietnamese;
use crate::glossary::Glossary;
use crate::model::{Figure, FigureKind, Scalar};

/// What a claim's Vietnamese must carry, read once from its English.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The claim's figures.
    pub figures: Vec<Figure>,
    /// Each figure's other readings (a date without its year: the last or the next one).
    readings: Vec<Vec<Figure>>,
    /// The dates of the figures and their readings: (day, month, year).
    dates: Vec<(u32, u32, Option<i32>)>,
    /// The claim's names: each as written, with the Vietnamese forms that may stand for it.
    pub names: Vec<Name>,
    /// How many times the English says "not", "no", "never", "without"... (at most 2).
    pub negations: usize,
    /// The English negates by a word's prefix or suffix ("unchanged", "unclear"): Vietnamese
    /// may or may not say it with "không", "chưa".
    negative_words: bool,
    /// Every number the Vietnamese may state.
    allowed: Vec<f64>,
    /// Years given as apart from another ("two years earlier") with the years they may be.
    years_apart: Vec<(String, Vec<f64>)>,
    /// Capitalised words and acronyms of the English: a Vietnamese name among them is the
    /// claim's own.
    english_caps: Vec<String>,
    /// The English.
    text: String,
    /// Its words, lower case: a term the Vietnamese keeps in English must be one of them.
    english_words: std::collections::HashSet<String>,
}

/// A name of the claim and the texts that may stand for it in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// As written in the English.
    pub en: String,
    /// As written, or its glossary Vietnamese.
    pub forms: Vec<String>,
    /// A nationality that only describes the name after it ("Vietnamese conglomerate
    /// Vingroup", "Japan's Rakuten"): the Vietnamese may leave it out.
    pub describes: bool,
}

/// Why a Vietnamese sentence does not pass: which check, and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// `figures`, `names`, `negation`, `language`, `degenerate` or `empty`.
    pub check: &'static str,
    /// What the check found, for the editor.
    pub detail: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.check, self.detail)
    }
}

fn reject(check: &'static str, detail: String) -> Rejection {
    Rejection { check, detail }
}

/// The same word this many times in a row is a decoding loop, not Vietnamese.
const REPEATS_IN_A_ROW: usize = 3;
/// A word at least this many times...
const MIN_REPEATS: usize = 4;
/// ...and more than this share of the words is one too.
const MAX_WORD_SHARE: f64 = 0.25;
/// Vietnamese words (syllables) per English word beyond which a sentence says more than the
/// English; plus a slack for very short sentences.
const MAX_LENGTH_RATIO: usize = 3;
const LENGTH_SLACK: usize = 6;

static NEGATION_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|unable)\b|n[’']t\b|\bfail(?:s|ed|ing)?\s+to\b")
        .expect("negation regex")
});

/// "không" that is a negation, not part of "hàng không" (aviation), "không gian" (space)...
static NEGATION_VI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:chưa|chẳng|chả|đừng|chớ|thất bại|không)\b").expect("vi negation regex")
});

const NOT_NEGATION_VI: &[&str] = &[
    "hàng không",
    "phòng không",
    "không gian",
    "không khí",
    "không quân",
    "không lưu",
    "không phận",
    "không kích",
    "không vận",
    "không chiến",
    "không ảnh",
    "không trung",
];

/// The claim's dates as (day, month, year), a year missing where the English gives none to
/// place it ("on 4 March" in an undated text).
fn day_months<'a>(figures: impl Iterator<Item = &'a Figure>) -> Vec<(u32, u32, Option<i32>)> {
    figures
        .filter_map(|f| match &f.value {
            Some(Scalar::Text(t)) => {
                let p: Vec<&str> = t.split('-').collect();
                match p.as_slice() {
                    [y, m, d] => Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok())),
                    _ => None,
                }
            }
            None if f.kind == FigureKind::Date => {
                let day = f
                    .text
                    .split(|c: char| !c.is_ascii_digit())
                    .find_map(|d| d.parse::<u32>().ok())?;
                let month = f
                    .text
                    .split_whitespace()
                    .find_map(vietnamese::month_number)?;
                Some((day, month, None))
            }
            _ => None,
        })
        .collect()
}

/// A date the English gives without its year ("on Saturday", "from July 1") may be read as
/// the last or the next one ("effective from Saturday" is the coming one): the Vietnamese may
/// state either.
fn other_readings(f: &Figure) -> Vec<Figure> {
    if f.kind != FigureKind::Date || f.text.chars().filter(char::is_ascii_digit).count() >= 4 {
        return Vec::new();
    }
    let Some(Scalar::Text(t)) = &f.value else {
        return Vec::new();
    };
    let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") else {
        return Vec::new();
    };
    let weekday = f
        .text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| crate::lang::en::weekday(w.trim_end_matches("s")).is_some());
    let others: Vec<chrono::NaiveDate> = if weekday {
        vec![d + chrono::Duration::days(7), d - chrono::Duration::days(7)]
    } else {
        [d.with_year(d.year() + 1), d.with_year(d.year() - 1)]
            .into_iter()
            .flatten()
            .collect()
    };
    others
        .into_iter()
        .map(|o| {
            let mut g = f.clone();
            g.value = Some(Scalar::Text(o.format("%Y-%m-%d").to_string()));
            g
        })
        .collect()
}

/// A word that negates by its form ("unchanged", "unclear", "countless") or a comparison that
/// Vietnamese says with a negation ("as persuasive as" = "không kém").
fn negative_words(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    words.iter().any(|w| {
        w.strip_prefix("un")
            .is_some_and(|rest| rest.len() >= 4 && crate::glossary::is_english_word(rest))
            || (w.len() > 6 && w.ends_with("less") && *w != "unless")
    }) || words.windows(3).any(|t| t[0] == "as" && t[2] == "as")
        || lower.contains("no less")
}

/// A Vietnamese day/month[/year] or a ratio: "2/9/2025", "52/63"; not "tháng 4/2025".
static VI_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/,.])(\d{1,3})/(\d{1,3})(?:/(\d{4}))?(?:$|[^\d/])")
        .expect("vi date regex")
});

/// "triệu", "tỷ" and "nghìn" quantify a number ("5 triệu", "hàng triệu"), unless they are part
/// of another word ("tỷ lệ", "triệu chứng").
fn scale_words(vi: &str) -> Result<(), Rejection> {
    let words: Vec<&str> = vi.split_whitespace().collect();
    for (k, w) in words.iter().enumerate() {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !matches!(w.as_str(), "triệu" | "tỷ" | "nghìn" | "ngàn") {
            continue;
        }
        let next = words
            .get(k + 1)
            .map(|n| {
                n.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .unwrap_or_default();
        let compound = match w.as_str() {
            "tỷ" => matches!(next.as_str(), "lệ" | "giá" | "số" | "phú" | "trọng"),
            "triệu" => matches!(next.as_str(), "phú" | "chứng" | "tập" | "hồi"),
            _ => matches!(next.as_str(), "năm" | "xưa"),
        };
        if compound {
            continue;
        }
        let prev = k
            .checked_sub(1)
            .map(|p| words[p].to_lowercase())
            .unwrap_or_default();
        let quantifies = prev.chars().any(|c| c.is_ascii_digit())
            || matches!(
                prev.as_str(),
                "hàng" | "vài" | "nhiều" | "mấy" | "chục" | "trăm" | "nghìn" | "tỷ" | "triệu"
            );
        if !quantifies {
            return Err(reject(
                "figures",
                format!("\"{w}\" quantifies no number of the claim"),
            ));
        }
    }
    Ok(())
}

static ENGLISH_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)?").expect("number regex"));

/// A quotation in a Vietnamese sentence: it must be the English source's words.
/// A year given as years apart from another of the sentence: "two years earlier".
static YEARS_APART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years? (earlier|before|prior|later|after)\b")
        .expect("years-apart regex")
});

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[“"]([^”"]{3,})[”"]"#).expect("quote regex"));

impl Facts {
    /// What `text` (the English the engine was given) with its `figures` commits its
    /// Vietnamese to.
    pub fn new(text: &str, figures: Vec<Figure>, glossary: &Glossary) -> Self {
        let readings: Vec<Vec<Figure>> = figures.iter().map(other_readings).collect();
        let mut allowed: Vec<f64> = figures
            .iter()
            .chain(readings.iter().flatten())
            .flat_map(vietnamese::values)
            .collect();
        // Numbers the figure rules leave alone ("G7", "Boeing 737") may be said as written.
        allowed.extend(
            ENGLISH_NUMBER
                .find_iter(&text.replace(',', ""))
                .filter_map(|m| m.as_str().parse::<f64>().ok()),
        );
        // "up from 55% two years earlier", after "in 2025": the year is 2023.
        let years: Vec<f64> = allowed
            .iter()
            .copied()
            .filter(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(v))
            .collect();
        let mut years_apart = Vec::new();
        for c in YEARS_APART.captures_iter(text) {
            let n = match &c[1].to_lowercase()[..] {
                "a" | "an" | "one" => Some(1.0),
                w => w.parse::<f64>().ok().or_else(|| english_number_word(w)),
            };
            let sign = if matches!(&c[2], "later" | "after") {
                1.0
            } else {
                -1.0
            };
            let resolved: Vec<f64> = n
                .into_iter()
                .flat_map(|n| years.iter().map(move |y| y + sign * n))
                .collect();
            allowed.extend(&resolved);
            years_apart.push((c[0].to_lowercase(), resolved));
        }
        // "a one-year truce" may be "1 năm".
        allowed.extend(
            text.split(|c: char| !c.is_alphabetic())
                .filter_map(|w| english_number_word(&w.to_lowercase())),
        );
        Facts {
            names: names(text, glossary)
                .into_iter()
                // "on Tuesday" is a figure, said as a date.
                .filter(|n| !figures.iter().any(|f| f.text.contains(&n.en)))
                .collect(),
            negations: NEGATION_EN.find_iter(text).count().min(2),
            negative_words: negative_words(text),
            allowed,
            english_caps: english_caps(text),
            years_apart,
            dates: day_months(figures.iter().chain(readings.iter().flatten())),
            figures,
            readings,
            english_words: text
                .split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .collect(),
            text: text.to_string(),
        }
    }

    /// The gate: `Ok` when `vi` may be published for this claim.
    pub fn check(&self, vi: &str) -> Result<(), Rejection> {
        let vi: String = vi.nfc().collect();
        let vi = vi.trim();
        if vi.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return Err(reject("empty", "no Vietnamese text".into()));
        }
        self.language(vi)?;
        self.degenerate(vi)?;
        self.figures(vi)?;
        self.names(vi)?;
        self.negation(vi)?;
        Ok(())
    }

    fn figures(&self, vi: &str) -> Result<(), Rejection> {
        self.dates_and_ratios(vi)?;
        scale_words(vi)?;
        let said = vietnamese::parse_numbers(vi);
        for v in &said {
            if !self.allowed.iter().any(|a| close(*a, *v)) {
                return Err(reject(
                    "figures",
                    format!("{} is not a figure of the claim", vietnamese::number(*v)),
                ));
            }
        }
        let words = vi.to_lowercase();
        for (f, others) in self.figures.iter().zip(&self.readings) {
            let mut values = vietnamese::values(f);
            values.extend(others.iter().flat_map(vietnamese::values));
            if values.is_empty() {
                continue;
            }
            let in_digits = values.iter().any(|a| said.iter().any(|v| close(*a, *v)));
            let spelled = !f.text.chars().any(|c| c.is_ascii_digit());
            let in_words = spelled
                && values.iter().any(|a| {
                    number_word(*a)
                        .is_some_and(|w| words.split(|c: char| !c.is_alphabetic()).any(|t| t == w))
                        || (f.kind == FigureKind::Ordinal
                            && *a == 1.0
                            && (words.contains("đầu tiên") || words.contains("thứ nhất")))
                });
            // "a year earlier" is "cùng kỳ năm trước": a spelled-out one may go unsaid; "two
            // years earlier" may be the year it comes to.
            let implied = (spelled && values.iter().all(|a| *a == 1.0))
                || self.years_apart.iter().any(|(apart, years)| {
                    apart.contains(&f.text.to_lowercase())
                        && years.iter().any(|y| said.iter().any(|v| close(*y, *v)))
                });
            if !in_digits && !in_words && !implied {
                return Err(reject(
                    "figures",
                    format!("\"{}\" of the claim is missing", f.text),
                ));
            }
            if f.kind == FigureKind::Percent {
                let points = f.text.to_lowercase().contains("point");
                if points && !words.contains("điểm phần trăm") && !words.contains("điểm %")
                {
                    return Err(reject(
                        "figures",
                        format!("\"{}\" are percentage points, not per cent", f.text),
                    ));
                }
            }
        }
        let any_points = self
            .figures
            .iter()
            .any(|f| f.kind == FigureKind::Percent && f.text.to_lowercase().contains("point"));
        if !any_points && words.contains("điểm phần trăm") {
            return Err(reject(
                "figures",
                "percentage points where the claim says per cent".into(),
            ));
        }
        Ok(())
    }

    /// "10/11/2025" must be a date of the claim as a whole (its day, month and year each
    /// being some figure's is not enough), "52/63" a ratio or a day and month of the claim.
    fn dates_and_ratios(&self, vi: &str) -> Result<(), Rejection> {
        for c in VI_DATE.captures_iter(vi) {
            let d: u32 = c[1].parse().unwrap_or(0);
            let m: u32 = c[2].parse().unwrap_or(0);
            match c.get(3).and_then(|y| y.as_str().parse::<i32>().ok()) {
                Some(y) => {
                    if !self
                        .dates
                        .iter()
                        .any(|&(dd, mm, yy)| dd == d && mm == m && yy.is_none_or(|yy| yy == y))
                    {
                        return Err(reject(
                            "figures",
                            format!("the date {} is not the claim's", &c[0]),
                        ));
                    }
                }
                None => {
                    let ratio = self.figures.iter().any(|f| {
                        f.numerator == Some(f64::from(d)) && f.denominator == Some(f64::from(m))
                    });
                    let date = self.dates.iter().any(|&(dd, mm, _)| dd == d && mm == m);
                    // "tháng 4/2025" and "quý 3/2025" are read as month and year above.
                    if !ratio && !date && m <= 12 {
                        return Err(reject(
                            "figures",
                            format!("{} is not a figure of the claim", &c[0]),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn names(&self, vi: &str) -> Result<(), Rejection> {
        let plain = |t: &str| fold(&t.replace("'s", "").replace("’s", ""));
        let lower = plain(vi);
        for n in self.names.iter().filter(|n| !n.describes) {
            if !n.forms.iter().any(|f| lower.contains(&plain(f))) {
                return Err(reject("names", format!("\"{}\" is missing", n.en)));
            }
        }
        // A name that is not the claim's: a capitalised word that is not Vietnamese and is not
        // in the English.
        for w in vi.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '&') {
            let Some(first) = w.chars().next() else {
                continue;
            };
            if !first.is_uppercase() || w.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let known = self.english_caps.iter().any(|e| base(e) == base(w))
                || self.names.iter().any(|n| {
                    n.forms
                        .iter()
                        .any(|f| f.split_whitespace().any(|p| base(p) == base(w)))
                })
                || is_vietnamese_syllable(w)
                || w.contains('Đ')
                || added_acronym(vi, w)
                || CURRENCIES.contains(&w)
                || UNITS.contains(&w);
            if !known {
                return Err(reject(
                    "names",
                    format!("\"{w}\" is not a name of the claim"),
                ));
            }
        }
        Ok(())
    }

    fn negation(&self, vi: &str) -> Result<(), Rejection> {
        let lower = vi.to_lowercase();
        let mut masked = lower.clone();
        for compound in NOT_NEGATION_VI {
            masked = masked.replace(compound, "_");
        }
        let has = NEGATION_VI.find_iter(&masked).count();
        if has < self.negations {
            return Err(reject(
                "negation",
                "the English has a negation the Vietnamese lacks".into(),
            ));
        }
        if has > self.negations && !self.negative_words {
            return Err(reject(
                "negation",
                "the Vietnamese has a negation the English lacks".into(),
            ));
        }
        Ok(())
    }

    /// The failure of translation models that no other check names: a word said over and over
    /// (a decoding loop), or far more Vietnamese than the English holds (a run-on). In the
    /// editor-written references of the Vietnamese bench the most frequent word is at most 14%
    /// of a sentence and no sentence has 2.1 times the English's words.
    fn degenerate(&self, vi: &str) -> Result<(), Rejection> {
        let words: Vec<String> = vi
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if let Some(w) = words
            .windows(REPEATS_IN_A_ROW)
            .find(|w| w.iter().all(|x| *x == w[0]))
        {
            return Err(reject(
                "degenerate",
                format!("\"{}\" {REPEATS_IN_A_ROW} times in a row", w[0]),
            ));
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for w in &words {
            *counts.entry(w).or_default() += 1;
        }
        if let Some((w, n)) = counts.into_iter().max_by_key(|(_, n)| *n)
            && n >= MIN_REPEATS
            && n as f64 > MAX_WORD_SHARE * words.len() as f64
        {
            return Err(reject(
                "degenerate",
                format!("\"{w}\" is {n} of {} words", words.len()),
            ));
        }
        let english = self.text.split_whitespace().count();
        let said = vi.split_whitespace().count();
        if said > english * MAX_LENGTH_RATIO + LENGTH_SLACK {
            return Err(reject(
                "degenerate",
                format!("{said} words for {english} English words"),
            ));
        }
        Ok(())
    }

    fn language(&self, vi: &str) -> Result<(), Rejection> {
        let english_words = &self.english_words;
        // A quotation renders the claim's own: one the English does not have is invented.
        let english_quotes = self.text.contains(['“', '"', '”']);
        if let Some(q) = QUOTED.captures(vi) {
            let quoted = q[1].trim_end_matches([',', '.']);
            if !english_quotes && !self.text.contains(quoted) {
                return Err(reject(
                    "language",
                    format!("a quotation (\"{quoted}\") cannot be traced to the source's words"),
                ));
            }
        }
        let mut run: Vec<&str> = Vec::new();
        let (mut lower, mut foreign) = (0usize, 0usize);
        for w in vi.split(|c: char| !c.is_alphabetic()) {
            if w.is_empty() {
                continue;
            }
            let is_lower = w.chars().next().is_some_and(char::is_lowercase);
            if !is_lower {
                run.clear();
                continue;
            }
            lower += 1;
            let in_name = self
                .names
                .iter()
                .any(|n| n.forms.iter().any(|f| f.split_whitespace().any(|p| p == w)));
            if is_vietnamese_syllable(w) || in_name {
                run.clear();
                continue;
            }
            foreign += 1;
            run.push(w);
            // A term kept in English ("video deepfake", "logistics") is said so in Vietnamese
            // news; three English words in a row are English.
            let terms = run.iter().all(|r| {
                let r = r.to_lowercase();
                english_words.contains(&r) || english_words.contains(&format!("{r}s"))
            });
            if run.len() >= 3 || (run.len() >= 2 && !terms) {
                return Err(reject(
                    "language",
                    format!("English left in the Vietnamese: \"{}\"", run.join(" ")),
                ));
            }
        }
        if vi.contains("()") || vi.contains("( )") {
            return Err(reject(
                "language",
                "empty brackets: something was left out".into(),
            ));
        }
        if lower == 0 || foreign * 5 > lower {
            return Err(reject(
                "language",
                format!("{foreign} of {lower} words are not Vietnamese"),
            ));
        }
        Ok(())
    }
}

/// An acronym the Vietnamese adds in brackets after a name it translated ("Ngân hàng Trung
/// ương Nhật Bản (BOJ)"), or a Roman numeral ("quý III").
fn added_acronym(vi: &str, w: &str) -> bool {
    let roman = w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let short =
        (2..=5).contains(&w.chars().count()) && w.chars().filter(|c| c.is_uppercase()).count() >= 1;
    roman || (short && vi.contains(&format!("({w})")))
}

/// Units a Vietnamese text writes as symbols where the English spells them out.
const UNITS: &[&str] = &[
    "GW", "MW", "kW", "TW", "GWh", "MWh", "kWh", "TWh", "MeV", "GeV", "TeV", "GB", "TB", "MB",
    "Mbps", "Gbps", "GHz", "MHz", "CO2", "GDP", "CEO",
];

const CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "VND", "SGD", "AUD", "CAD", "CHF", "HKD", "INR", "KRW",
    "THB", "MYR", "IDR", "PHP", "TWD", "NZD", "RUB", "BRL",
];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// A number written as an English word ("one", "dozen"), or a span of years ("decade").
fn english_number_word(w: &str) -> Option<f64> {
    match w {
        "decade" | "decades" => Some(10.0),
        "century" => Some(100.0),
        // "a" is 1 only inside a figure ("a year"), where the figure says so.
        "a" | "an" => None,
        _ => crate::claims::numbers::word_value(w),
    }
}

/// A small number as a Vietnamese word ("two" may be "hai").
fn number_word(v: f64) -> Option<&'static str> {
    const WORDS: [&str; 11] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    (v.fract() == 0.0 && (1.0..=10.0).contains(&v)).then(|| WORDS[v as usize])
}

/// The capitalised words of the English and the initials of its runs of them ("World Health
/// Organization" may be "WHO" in Vietnamese).
fn english_caps(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for w in words.iter().chain(std::iter::once(&"")) {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if capital {
            out.push(base(w).to_string());
            run.push(w);
        } else if matches!(*w, "of" | "for" | "and" | "&") && !run.is_empty() {
            // "Bank of Japan" may be "BOJ" as well as "BJ".
            out.extend(acronym(&run).map(|a| format!("{a}{}", w[..1].to_uppercase())));
            continue;
        } else {
            out.extend(acronyms(&run));
            run.clear();
        }
    }
    out
}

/// Lower case without diacritics: "Long Thành" is the "Long Thanh" of an English text.
fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace('đ', "d")
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// A word without its possessive: "King's" -> "King".
fn base(word: &str) -> &str {
    word.trim_end_matches("'s").trim_end_matches("’s")
}

/// The initials of a name of several words: "European Space Agency" -> "ESA".
fn acronym(words: &[&str]) -> Option<String> {
    let caps: String = words
        .iter()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    (caps.chars().count() >= 2 && words.len() >= 2).then_some(caps)
}

/// The initials of a run and of each of its tails ("The International Energy Agency": TIEA,
/// IEA, EA).
fn acronyms(words: &[&str]) -> Vec<String> {
    (0..words.len())
        .filter_map(|k| acronym(&words[k..]))
        .collect()
}

/// Whether a word is a common English word or too short to be a name on its own.
fn common(word: &str) -> bool {
    word.chars().count() <= 2 || crate::glossary::is_english_word(word)
}

/// The claim's names: runs of capitalised words (split at a possessive: "Google DeepMind's
/// AlphaGeometry2" is two), each read through the glossary (a country, an institution, a
/// nationality: their Vietnamese stands for them) or kept as written without the common words
/// at its edges ("Rakuten Group" is "Rakuten"; "The", "Separately" are no names).
fn names(text: &str, glossary: &Glossary) -> Vec<Name> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let words: Vec<&str> = tokens
        .iter()
        .map(|token| {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
            if word.ends_with("'s") || word.ends_with("’s") || token.ends_with("s'") {
                base(word)
            } else {
                word
            }
        })
        .collect();
    let capital = |i: usize| {
        let word = words[i];
        // "AI-enabled", "US-based": an adjective, not a name.
        let compound = word
            .split_once('-')
            .is_some_and(|(_, rest)| rest.starts_with(char::is_lowercase));
        word.chars().next().is_some_and(char::is_uppercase) && !compound
    };
    // A possessive or punctuation ends a name.
    let ends = |i: usize| {
        let token = tokens[i];
        token.ends_with(|c: char| !c.is_alphanumeric())
            || token.ends_with("'s")
            || token.ends_with("’s")
    };
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut described: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // A glossary name with lower-case words inside ("State Bank of Vietnam") is one name.
        if capital(i)
            && let Some((n, _)) = glossary
                .lookup_cased(&words[i..], false)
                .filter(|(n, e)| *n > 1 && e.iter().any(|e| e.entity.is_some()))
                .filter(|(n, _)| (i..i + n - 1).all(|k| !ends(k)))
        {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            runs.push(words[i..i + n].to_vec());
            i += n;
            continue;
        }
        if capital(i) {
            run.push(words[i]);
            if run.len() == 1 && describes(&words, &tokens, i, glossary) {
                described.push(words[i]);
            }
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
        if ends(i) && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
        i += 1;
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let mut out: Vec<Name> = Vec::new();
    let mut push = |n: Name| {
        if !out.iter().any(|x| x.en == n.en) {
            out.push(n);
        }
    };
    let first = runs_first(text);
    for run in runs {
        let whole = acronyms(&run);
        let translatable = |w: &str| {
            (w.chars().count() <= 2 && !w.chars().any(|c| c.is_ascii_digit()))
                || glossary.lookup_all(&[w]).is_some()
                || (Some(w) == first && crate::glossary::is_english_word(w))
        };
        let mut unknown: Vec<&str> = Vec::new();
        let mut j = 0;
        while j < run.len() {
            let known = glossary.lookup_all(&run[j..]).filter(|(n, entries)| {
                entries.iter().any(|e| e.entity.is_some())
                    || !run[j..j + n].iter().all(|w| common(w))
            });
            match known {
                Some((n, entries)) => {
                    flush(&mut unknown, &whole, &translatable, &mut push);
                    let en = run[j..j + n].join(" ");
                    let mut forms = vec![en.trim_start_matches("the ").to_string()];
                    for e in entries {
                        forms.push(e.vi.clone());
                        forms.extend(e.vi_also.iter().cloned());
                        if let Some((_, canonical)) = &e.entity {
                            forms.push(canonical.clone());
                        }
                    }
                    forms.extend(acronym(&run[j..j + n]));
                    forms.extend(whole.iter().cloned());
                    let uses = |list: &[&str]| list.iter().filter(|w| **w == en).count();
                    let describes = n == 1 && uses(&described) == uses(&words);
                    push(Name {
                        en,
                        forms,
                        describes,
                    });
                    j += n;
                }
                None => {
                    unknown.push(run[j]);
                    j += 1;
                }
            }
        }
        flush(&mut unknown, &whole, &translatable, &mut push);
    }
    out
}

/// The first word of a text, without punctuation.
fn runs_first(text: &str) -> Option<&str> {
    text.split_whitespace()
        .next()
        .map(|t| base(t.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// A run of capitalised words the glossary does not know as a phrase, as a name without the
/// words at its edges that are translated ("Rakuten Group" may be "Tập đoàn Rakuten");
/// nothing when nothing else is left. The initials of the whole run may stand for it.
fn flush(
    unknown: &mut Vec<&str>,
    whole: &[String],
    translatable: &dyn Fn(&str) -> bool,
    push: &mut impl FnMut(Name),
) {
    let words = std::mem::take(unknown);
    let start = words.iter().position(|w| !translatable(w));
    let end = words.iter().rposition(|w| !translatable(w));
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    let core = words[start..=end].join(" ");
    let mut forms = vec![core.clone(), words.join(" ")];
    forms.extend(acronyms(&words));
    forms.extend(whole.iter().cloned());
    push(Name {
        en: core,
        forms,
        describes: false,
    });
}

/// Whether the nationality at `i` only describes the name that follows: "Vietnamese
/// conglomerate Vingroup" (one or two nouns between, no verb, no preposition). A place
/// ("London advisory firm X") and a country ("Japan's Rakuten") are names the Vietnamese keeps.
fn describes(words: &[&str], tokens: &[&str], i: usize, glossary: &Glossary) -> bool {
    use crate::glossary::Pos;
    let nationality = glossary
        .lookup_cased(&words[i..=i], false)
        .is_some_and(|(_, entries)| {
            entries
                .iter()
                .any(|e| e.pos == Pos::Adj && e.entity.is_none())
        });
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if !nationality || i + 1 >= words.len() {
        return false;
    }
    if tokens[i].ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    for j in i + 1..words.len().min(i + 4) {
        if capital(words[j]) {
            return j > i + 1;
        }
        let ends = tokens[j].ends_with(|c: char| !c.is_alphanumeric());
        let function = crate::lang::en::FUNCTION_WORDS.contains(&words[j].to_lowercase().as_str());
        let noun = !function
            && glossary
                .lookup_all(&words[j..=j])
                .is_none_or(|(_, entries)| {
                    entries
                        .iter()
                        .any(|e| matches!(e.pos, Pos::Noun | Pos::Adj))
                        && !entries.iter().any(|e| {
                            matches!(
                                e.pos,
                                Pos::Prep
                                    | Pos::Det
                                    | Pos::Conj
                                    | Pos::Pron
                                    | Pos::Aux
                                    | Pos::Be
                                    | Pos::Rel
                                    | Pos::Neg
                            )
                        })
                });
        if ends || !noun || j == i + 3 {
            return false;
        }
    }
    false
}

/// Whether `word` is one Vietnamese syllable: an initial consonant, a vowel nucleus and a
/// final consonant Vietnamese allows ("the" is, "said", "Lyon" and "trade" are not).
pub fn is_vietnamese_syllable(word: &str) -> bool {
    // Tone marks off; the vowel letters' own marks (ă â ê ô ơ ư) stay.
    let bare: String = word
        .to_lowercase()
        .nfd()
        .filter(|c| {
            !matches!(
                *c,
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
            )
        })
        .nfc()
        .collect();
    const INITIALS: &[&str] = &[
        "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const FINALS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
    const NUCLEI: &[&str] = &[
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu",
        "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "ua", "uâ", "uê",
        "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "oai", "oay", "oeo", "uây",
        "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "oo",
    ];
    INITIALS.iter().any(|i| {
        bare.strip_prefix(i).is_some_and(|rest| {
            FINALS.iter().any(|f| {
                rest.strip_suffix(f)
                    .is_some_and(|n| NUCLEI.contains(&n) || (i == &"gi" && n.is_empty()))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::figures;
    use chrono::NaiveDate;

    fn facts(en: &str) -> Facts {
        let figures = figures::find(en, NaiveDate::from_ymd_opt(2025, 9, 3));
        Facts::new(en, figures, &Glossary::built_in())
    }

    #[test]
    fn vietnamese_syllables_are_told_from_english_words() {
        for w in [
            "người", "nghiêng", "Trung", "Quốc", "khuyến", "giữ", "gì", "tháng", "the",
        ] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        for w in [
            "said",
            "Lyon",
            "trade",
            "Norvale",
            "Lindqvist",
            "with",
            "Petra",
        ] {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
    }

    #[test]
    fn a_decoding_loop_or_a_run_on_is_refused_as_degenerate() {
        let f = facts("Despite the cost, the researchers believe their investment has paid off.");
        for vi in [
            "Một các một một một một một một một một.",
            "Các nhà nghiên cứu tin các các các khoản đầu tư đã có lãi.",
            &"nhà nghiên cứu tin rằng khoản đầu tư đã mang lại kết quả tốt ".repeat(4),
        ] {
            assert_eq!(f.check(vi).unwrap_err().check, "degenerate", "{vi}");
        }
        f.check("Dù tốn kém, các nhà nghiên cứu tin rằng khoản đầu tư của họ đã được đền đáp.")
            .unwrap();
    }

    #[test]
    fn a_faithful_rendering_passes() {
        let f = facts("China led in 57 of 64 technologies from 2019 to 2023, said Ethan Kessler.");
        f.check("Theo Ethan Kessler, Trung Quốc dẫn đầu 57/64 công nghệ giai đoạn 2019–2023.")
            .unwrap();
    }

    #[test]
    fn a_changed_missing_or_borrowed_figure_is_refused() {
        let f = facts("Exports rose 12.5% to $1.8 billion on Tuesday.");
        f.check("Xuất khẩu tăng 12,5% lên 1,8 tỷ USD ngày 2/9/2025.")
            .unwrap();
        let e = f.check("Xuất khẩu tăng 12,5% lên 1,8 triệu USD ngày 2/9/2025.");
        assert_eq!(e.unwrap_err().check, "figures");
        let e = f.check("Xuất khẩu tăng 12,6% lên 1,8 tỷ USD ngày 2/9/2025.");
        assert_eq!(e.unwrap_err().check, "figures");
        let e = f.check("Xuất khẩu tăng lên 1,8 tỷ USD ngày 2/9/2025.");
        assert!(e.unwrap_err().detail.contains("12.5%"));
        let e = f.check("Xuất khẩu tăng 12,5% lên 1,8 tỷ USD ngày 2/9/1987.");
        assert_eq!(e.unwrap_err().check, "figures");
    }

    #[test]
    fn percentage_points_are_not_per_cent() {
        let f = facts("The bank raised rates by 0.5 percentage points.");
        f.check("Ngân hàng tăng lãi suất 0,5 điểm phần trăm.")
            .unwrap();
        assert!(f.check("Ngân hàng tăng lãi suất 0,5%.").is_err());
    }

    #[test]
    fn a_swapped_dropped_or_foreign_name_is_refused() {
        let f = facts("Havenlink cut 300 jobs in Germany, chief executive Maria Lopez said.");
        f.check("Giám đốc điều hành Maria Lopez cho biết Havenlink cắt giảm 300 việc làm tại Đức.")
            .unwrap();
        let e = f.check(
            "Giám đốc điều hành Maria Lopez cho biết công ty cắt giảm 300 việc làm tại Đức.",
        );
        assert!(e.unwrap_err().detail.contains("Havenlink"));
        let e = f.check(
            "Giám đốc điều hành Petra Lindqvist cho biết Havenlink cắt giảm 300 việc làm tại Đức.",
        );
        assert_eq!(e.unwrap_err().check, "names");
    }

    #[test]
    fn a_glossary_name_with_lower_case_words_is_one_name_with_its_vietnamese_forms() {
        let f = facts("The State Bank of Vietnam said credit grew 5.2% by the end of April.");
        f.check("Ngân hàng Nhà nước cho biết tín dụng tăng 5,2% tính đến cuối tháng 4.")
            .unwrap();
        f.check("Theo NHNN, tín dụng tăng 5,2% tính đến cuối tháng 4.")
            .unwrap();
        let e = f.check("Tín dụng tăng 5,2% tính đến cuối tháng 4.");
        assert!(e.unwrap_err().detail.contains("State Bank of Vietnam"));
    }

    #[test]
    fn a_nationality_describing_a_name_may_be_left_out_but_no_other_name() {
        let f = facts("Shares of Vietnamese conglomerate Vingroup rose 5% on Monday.");
        f.check("Cổ phiếu của tập đoàn Vingroup tăng 5% vào ngày 1/9/2025.")
            .unwrap();
        let e = f.check("Cổ phiếu của tập đoàn tăng 5% vào ngày 1/9/2025.");
        assert!(e.unwrap_err().detail.contains("Vingroup"));
        // A nationality that is the subject's own is a name the Vietnamese keeps.
        let f = facts("Vietnamese exports to Japan rose 5%.");
        let e = f.check("Xuất khẩu sang Nhật Bản tăng 5%.");
        assert!(e.unwrap_err().detail.contains("Vietnamese"));
        // So is a place.
        let f = facts("Economists at London advisory firm Calder & Finch expect a cut.");
        let e = f.check("Các nhà kinh tế của công ty tư vấn Calder & Finch dự báo sẽ giảm.");
        assert!(e.unwrap_err().detail.contains("London"));
    }

    #[test]
    fn a_year_given_as_years_apart_may_be_said_as_that_year() {
        let f = facts("78% of companies used AI in 2025, up from 55% two years earlier.");
        f.check("78% doanh nghiệp sử dụng AI vào năm 2025, tăng từ 55% năm 2023.")
            .unwrap();
        f.check("78% doanh nghiệp sử dụng AI vào năm 2025, tăng từ 55% của hai năm trước.")
            .unwrap();
        let e = f.check("78% doanh nghiệp sử dụng AI vào năm 2025, tăng từ 55% năm 2022.");
        assert_eq!(e.unwrap_err().check, "figures");
    }

    #[test]
    fn a_negation_must_be_kept_and_never_added() {
        let f = facts("The ministry did not approve the plan.");
        f.check("Bộ không phê duyệt kế hoạch.").unwrap();
        assert_eq!(
            f.check("Bộ phê duyệt kế hoạch.").unwrap_err().check,
            "negation"
        );
        let f = facts("The airline added 12 routes.");
        f.check("Hãng hàng không bổ sung 12 đường bay.").unwrap();
        assert_eq!(
            f.check("Hãng hàng không không bổ sung 12 đường bay.")
                .unwrap_err()
                .check,
            "negation"
        );
    }

    #[test]
    fn english_is_not_vietnamese() {
        let text = "The ministry approved 57 of 64 projects.";
        let f = facts(text);
        assert_eq!(f.check(text).unwrap_err().check, "language");
        assert_eq!(f.check("").unwrap_err().check, "empty");
    }
}
