//! Figures in English text: typed, normalised, with exact byte spans (SPEC.md).
//!
//! Text and an optional publication date in, `Vec<Figure>` out, sorted and non-overlapping.
//! Pure: relative dates resolve against the date passed in, never the clock. Candidates from
//! every rule compete; the rule of higher priority, then the longer span, wins an overlap.
//! "Blockers" (clock times, phone numbers, numbers inside names) win and are then dropped.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::{Captures, Regex};

use super::{dates, numbers};
use crate::lang::en;
use crate::model::{Figure, FigureKind, Scalar};

const NUMWORD: &str = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?";
const DIG: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
const TIME_UNIT: &str =
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)";

/// `NUM`: digits or number words, with an optional scale word.
fn num() -> String {
    format!(
        r"(?:{DIG}|(?:{NUMWORD}|a dozen|a hundred)\b)(?:\s(?:hundred|thousand|million|billion|trillion|lakh)(?:\s crore)?)?"
    )
}

/// Unit words and symbols for quantities, with the symbol SPEC.md wants.
const UNITS: &[(&str, &str)] = &[
    ("square kilometres", "km2"),
    ("square kilometers", "km2"),
    ("square feet", "ft2"),
    ("sq ft", "ft2"),
    ("kilometres per hour", "km/h"),
    ("kilometers per hour", "km/h"),
    ("miles per hour", "mph"),
    ("metric tons", "t"),
    ("kilometres", "km"),
    ("kilometers", "km"),
    ("kilometre", "km"),
    ("kilometer", "km"),
    ("km/h", "km/h"),
    ("kph", "km/h"),
    ("mph", "mph"),
    ("km", "km"),
    ("miles", "mi"),
    ("mile", "mi"),
    ("metres", "m"),
    ("meters", "m"),
    ("metre", "m"),
    ("meter", "m"),
    ("centimetres", "cm"),
    ("centimeters", "cm"),
    ("cm", "cm"),
    ("millimetres", "mm"),
    ("millimeters", "mm"),
    ("mm", "mm"),
    ("feet", "ft"),
    ("foot", "ft"),
    ("ft", "ft"),
    ("inches", "in"),
    ("inch", "in"),
    ("hectares", "ha"),
    ("hectare", "ha"),
    ("acres", "acre"),
    ("acre", "acre"),
    ("kilograms", "kg"),
    ("kilogram", "kg"),
    ("kg", "kg"),
    ("grams", "g"),
    ("tonnes", "t"),
    ("tonne", "t"),
    ("tons", "ton"),
    ("lbs", "lb"),
    ("lb", "lb"),
    ("litres", "L"),
    ("liters", "L"),
    ("litre", "L"),
    ("liter", "L"),
    ("gallons", "gal"),
    ("barrels per day", "bbl/d"),
    ("barrels", "bbl"),
    ("gigawatts", "GW"),
    ("gigawatt", "GW"),
    ("megawatts", "MW"),
    ("megawatt", "MW"),
    ("kilowatts", "kW"),
    ("GW", "GW"),
    ("MW", "MW"),
    ("kW", "kW"),
    ("kWh", "kWh"),
    ("MWh", "MWh"),
    ("GWh", "GWh"),
    ("TWh", "TWh"),
    ("horsepower", "hp"),
    ("hp", "hp"),
    ("lb-ft", "lb-ft"),
    ("GB", "GB"),
    ("TB", "TB"),
    ("MB", "MB"),
    ("Mbps", "Mbps"),
    ("GHz", "GHz"),
    ("teraflops", "TFLOPS"),
    ("teraflop", "TFLOPS"),
    ("degrees Celsius", "°C"),
    ("degrees Fahrenheit", "°F"),
    ("Celsius", "°C"),
    ("Fahrenheit", "°F"),
    ("°C", "°C"),
    ("°F", "°F"),
    ("microns", "µm"),
    ("megabytes per second", "MB/s"),
    ("MB/s", "MB/s"),
    ("megabytes", "MB"),
    ("gigabytes", "GB"),
    ("gigabyte", "GB"),
    ("terabytes", "TB"),
    ("terabyte", "TB"),
    ("ounces", "oz"),
    ("ounce", "oz"),
    ("oz", "oz"),
    ("ml", "ml"),
    ("millilitres", "ml"),
    ("milliliters", "ml"),
    ("gallon", "gal"),
    ("fps", "fps"),
    ("PS", "PS"),
    ("Nm", "Nm"),
    ("kilowatt-hours", "kWh"),
    ("kilowatt hours", "kWh"),
    ("pounds-feet", "lb-ft"),
];

/// The English word the parser reads for a unit symbol ("t" -> "metric tons").
pub fn unit_word(symbol: &str) -> Option<&'static str> {
    UNITS.iter().find(|(_, s)| *s == symbol).map(|(w, _)| *w)
}

/// Whether `u` is a unit symbol bantin writes for quantities ("km", "GW", "°C").
pub fn is_unit_symbol(u: &str) -> bool {
    UNITS.iter().any(|(_, sym)| *sym == u)
}

/// Currency words and symbols with their ISO code (and a factor for pence).
fn currency(word: &str) -> Option<(&'static str, f64)> {
    let w = word.trim().to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    Some(match w {
        "$" | "us$" | "usd" | "dollars" | "dollar" | "us dollars" => ("USD", 1.0),
        "hk$" | "hkd" | "hong kong dollars" => ("HKD", 1.0),
        "s$" | "sgd" | "singapore dollars" => ("SGD", 1.0),
        "a$" | "aud" | "australian dollars" => ("AUD", 1.0),
        "c$" | "cad" | "canadian dollars" => ("CAD", 1.0),
        "nz$" | "nzd" => ("NZD", 1.0),
        "£" | "gbp" | "pounds" | "pound" | "pounds sterling" => ("GBP", 1.0),
        "p" | "pence" => ("GBP", 0.01),
        "€" | "eur" | "euros" | "euro" => ("EUR", 1.0),
        "¥" | "jpy" | "yen" => ("JPY", 1.0),
        "yuan" | "rmb" | "cny" | "renminbi" => ("CNY", 1.0),
        "₫" | "vnd" | "dong" => ("VND", 1.0),
        "rs" | "₹" | "inr" | "rupees" | "rupee" => ("INR", 1.0),
        "won" | "krw" => ("KRW", 1.0),
        "baht" | "thb" => ("THB", 1.0),
        "ringgit" | "myr" => ("MYR", 1.0),
        "taka" | "tk" | "bdt" => ("BDT", 1.0),
        _ => return None,
    })
}

type Handler = fn(&Ctx, &Captures) -> Option<Found>;

/// What a rule found: a figure, or a span that must not become one.
#[allow(clippy::large_enum_variant)] // built and consumed in place, never stored
enum Found {
    Figure(Figure),
    Block,
}

struct Rule {
    re: Regex,
    priority: u8,
    handler: Handler,
}

struct Ctx<'a> {
    text: &'a str,
    published: Option<NaiveDate>,
}

/// How far back a rule looks for its context: words around a figure, never the whole text
/// (an article is searched whole, and a look at every prefix would make that quadratic).
const LOOKBACK: usize = 240;

/// The last `LOOKBACK` bytes of `text[..pos]`, cut at a character boundary.
fn near_before(text: &str, pos: usize) -> &str {
    &text[text.floor_char_boundary(pos.saturating_sub(LOOKBACK))..pos]
}

impl Ctx<'_> {
    fn before(&self, pos: usize) -> &str {
        near_before(self.text, pos)
    }
    fn after(&self, pos: usize) -> &str {
        &self.text[pos..]
    }
    /// Whether the clause before `pos` speaks of the future ("will", "would", "is due to",
    /// "plans to"): a month or weekday there is the coming one, not the last.
    fn future(&self, pos: usize) -> bool {
        static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:will|would|shall|won't|wouldn't|'ll|’ll|due to|scheduled|set to|plans? to|planning to|upcoming|(?:is|are) (?:now )?(?:expected|forecast) to|expects? to)\b")
                .expect("future regex")
        });
        let before = self.before(pos);
        // The clause: back to the last sentence or clause break.
        let clause = before
            .rfind(['.', ';', '!', '?', ',', '“', '”', '"'])
            .map_or(before, |i| {
                &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
            });
        FUTURE.is_match(clause)
    }
    /// The year of a month (and day) named at `pos`: the coming one in a clause in the future
    /// tense, the most recent otherwise.
    fn year_of(&self, published: NaiveDate, pos: usize, month: u32, day: Option<u32>) -> i32 {
        if self.future(pos) {
            dates::year_of_coming(published, month, day)
        } else {
            dates::year_of_recent(published, month, day)
        }
    }
    /// The previous word (letters only), lower-cased.
    fn prev_word(&self, pos: usize) -> String {
        let b = self.before(pos).trim_end();
        b.rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    }
    /// The next word (letters, digits and hyphens), as written.
    fn next_word(&self, pos: usize) -> &str {
        let a = self.after(pos).trim_start();
        let end = a
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(a.len());
        &a[..end]
    }
}

fn fig(c: &Captures, kind: FigureKind) -> Figure {
    let m = c.get(0).expect("group 0 always exists");
    Figure::new(m.as_str(), [m.start(), m.end()], kind)
}

/// A figure over a sub-span of the match (a named group).
fn fig_group(c: &Captures, group: &str, kind: FigureKind) -> Option<Figure> {
    let m = c.name(group)?;
    Some(Figure::new(m.as_str(), [m.start(), m.end()], kind))
}

fn date_value(f: &mut Figure, value: String, precision: &str) {
    f.value = Some(Scalar::Text(value));
    f.precision = Some(precision.to_string());
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let (month, weekday) = (&*en::MONTH_PATTERN, &*en::WEEKDAY_PATTERN);
    let n = num();
    let r = |pattern: String, priority: u8, handler: Handler| Rule {
        re: Regex::new(&pattern).unwrap_or_else(|e| panic!("built-in figure rule: {e}")),
        priority,
        handler,
    };
    vec![
        // Blockers: clock times, phone numbers, codes with letters.
        r(
            r"(?i)\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\b\d{4}\s?GMT\b".into(),
            0,
            |_, _| Some(Found::Block),
        ),
        r(
            r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\[\d+\]|\b[A-Za-z]*[A-Z][A-Za-z]*-\d+[A-Za-z]*\b|\+\d{1,3}[\s\d()\-]{6,}\d|(?:^|[^$\d.,])\b911(?:$|[^\d,.]|[,.](?:$|[^\d]))|\bP\.?\s?O\.?\s?Box\s\d+|\b\d+\(k\)|\b\d+[a-z]\d+\b".into(),
            0,
            |_, _| Some(Found::Block),
        ),
        // Domain names ("TODAY.com") and version numbers ("update 4.92", "the 1.0 release",
        // "macOS 10.5", "v2.1.3") are names, not figures.
        r(
            r"(?i)\b[a-z0-9-]+\.(?:com|org|net|co\.uk|gov|edu|io|ai|news)\b|\b(?:version|update|release|v)\s?\d+(?:\.\d+)+\b|\b\d+(?:\.\d+)+\s(?:release|update|version|beta)\b|\b\d+\.\d+\.\d+\b|\b(?:[a-z]+OS|Android|iOS|Python|Java|Windows|Linux|Ubuntu)\s\(?\d+(?:\.\d+)*(?:\s?(?:to|through|and|or|-|–)\s?\d+(?:\.\d+)*)?\)?".into(),
            0,
            |_, _| Some(Found::Block),
        ),
        // Scores and win-loss records ("beat Thailand 3-2", "(6-5, 3-4)").
        r(r"\b(?P<a>\d{1,3})-(?P<b>\d{1,3})\b".into(), 0, score),
        // Numbers glued to letters that are no unit or scale: model names ("5300M", "2B").
        r(r"\b\d+(?P<suf>[A-Za-z]+)\b".into(), 0, glued_letters),
        // Full dates.
        r(
            format!(r"\b(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<year>(?:1[5-9]|20)\d\d)\b"),
            1,
            full_date,
        ),
        r(
            format!(r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{month})\.?,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b"),
            1,
            full_date,
        ),
        r(
            r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<day>\d\d)\b".into(),
            1,
            iso_date,
        ),
        r(
            format!(r"\b(?P<mon>{month})\.?,?\s+(?:of\s+)?(?P<year>(?:1[5-9]|20)\d\d)\b"),
            1,
            month_year,
        ),
        r(
            r"(?i)\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latter|back|front)[\s-]+(?P<qh>quarter|half)(?:\s+of\s+(?P<yr>(?:19|20)\d\d|this year|last year|next year))?\b".to_string(),
            1,
            quarter,
        ),
        r(r"\bQ(?P<q>[1-4])\s*(?:of\s+|FY\s?)?(?P<yr>(?:19|20)\d\d)\b".into(), 1, quarter_code),
        // "FY12", "FY 2024": a fiscal year.
        r(r"\bFY\s?'?(?P<yr>(?:19|20)\d\d|\d\d)\b".into(), 1, fiscal_code),
        r(
            format!(r"\b(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month})\.?\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+|of\s+)?(?P<rel>this|last|next) year\b"),
            1,
            month_of_relative_year,
        ),
        r(
            format!(r"\b(?P<wd>{weekday}),?\s+(?P<mon>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"),
            1,
            month_day,
        ),
        r(
            r"(?i)\bfiscal(?: year)?\s+(?P<yr>(?:19|20)\d\d)\b".into(),
            1,
            fiscal_year,
        ),
        r(
            format!(r"\b(?P<m1>{month})\.?\s+(?P<y1>(?:19|20)\d\d)\s*(?:[-–—]|\bto\b|\bthrough\b|\buntil\b)\s*(?P<m2>{month})\.?\s+(?P<y2>(?:19|20)\d\d)\b"),
            1,
            month_range,
        ),
        r(
            format!(r"\b(?P<a>\d{{1,2}})\s*[-–]\s*(?P<b>\d{{1,2}})\s+(?P<mon>{month})\b(?:,?\s+(?P<yr>(?:19|20)\d\d)\b)?"),
            1,
            day_range,
        ),
        // Ranges.
        r(
            r"(?i)\b(?:(?P<kw>from|between)\s+)?(?:FY\s?)?(?P<a>(?:1[5-9]|20)\d\d)\s*(?P<sep>-|–|—|\bto\b|\buntil\b|\bthrough\b|\band\b)\s*(?P<b>(?:1[5-9]|20)\d\d|\d\d)\b".into(),
            1,
            year_range,
        ),
        r(
            r"(?P<dec>\b\d{3}0|\b\d\d00|'\d0|\b[1-9]0)s\b".into(),
            1,
            decade,
        ),
        r(
            format!(r"(?i)\b(?P<kw>from|between)\s+(?P<a>(?:US\$|\$|£|€)?(?:{n})(?:\s?(?:%|per\s?cent\b|percent\b|{TIME_UNIT}\b|{units}\b))?)\s+(?:to|and)\s+(?P<b>(?:US\$|\$|£|€)?(?:{n})(?:\s?(?:bn|m|billion|million|trillion)\b)?(?:\s?(?:%|per\s?cent\b|percent\b|{TIME_UNIT}\b|{units}\b))?)", units = unit_alternation()),
            1,
            value_range,
        ),
        // "$6.95 to $7.03", "between £190m and £265m", "$70,000-$90,000".
        r(
            format!(r"(?i)(?:\b(?P<kw>from|between)\s+)?(?P<a>(?:US\$|S\$|HK\$|A\$|C\$|NZ\$|\$|£|€|\b(?:USD|EUR|GBP|INR|CNY|JPY|HKD|SGD|AUD|CAD|KRW|VND|BDT)\s)\s?(?:{DIG})(?:\s?(?:trillion|billion|million|bn|mn|m|k)\b)?)\s*(?P<sep>[-–—]|\bto\b|\band\b)\s*(?P<b>(?:US\$|S\$|HK\$|A\$|C\$|NZ\$|\$|£|€|\b(?:USD|EUR|GBP|INR|CNY|JPY|HKD|SGD|AUD|CAD|KRW|VND|BDT)\s)?\s?(?:{DIG})(?:\s?(?:trillion|billion|million|bn|mn|m|k)\b)?)"),
            1,
            money_range,
        ),
        // "10 to 15%", "3,000 to 3,500 feet": the unit after the second number is both's.
        r(
            format!(r"(?i)\b(?P<a>{n})\s+to\s+(?P<b>{n})(?P<u>\s?%|\s?per\s?cent\b|\s?percent\b|\s(?:{TIME_UNIT}|{units})\b)", units = unit_alternation()),
            1,
            unit_range,
        ),
        // Ages: "aged 10 to 13", "ages 20 to 64", "between the ages of 22 and 25".
        r(
            r"(?i)\b(?:(?P<pre>between\s+the\s+ages\s+of)\s+(?P<a>\d{1,3})\s+and\s+(?P<b>\d{1,3})|(?:aged?|ages)\s+(?P<bw>between\s+)?(?P<a2>\d{1,3})\s*(?:to|-|–|(?P<and>and))\s*(?P<b2>\d{1,3})(?P<yo>-years?-old)?)\b".into(),
            1,
            age_range,
        ),
        r(
            format!(r"(?i)(?P<cur>US\$|\$|£|€)?\b(?P<a>{DIG})\s?[-–]\s?(?P<b>{DIG})(?:\s?(?P<sc>million|billion|trillion|bn|m)\b)?(?:\s?(?P<tc>US\$|(?:USD|EUR|GBP|INR|CNY|JPY|AUD|CAD|SGD|HKD)\b)|\s?(?P<u>%|per\s?cent\b|percent\b|{TIME_UNIT}\b|x\b))?"),
            1,
            dash_range,
        ),
        // Money.
        r(
            format!(r"(?i)(?P<cur>US\$|HK\$|S\$|A\$|C\$|NZ\$|\$|£|€|¥|₹|\bRs\.?\s?|₫|\b(?:USD|EUR|GBP|JPY|CNY|VND|HKD|INR|SGD|AUD|KRW|BDT)\s?|\b(?:Taka|Tk\.?)\s)(?P<num>{DIG})(?:\s?(?P<sc>(?:trillion|billion|million|thousand|lakh crore|lakh|crore|tn|bn|mn|m|k|b)\b))?(?:\s(?P<cw>dollars|euros|pounds))?"),
            2,
            money_symbol,
        ),
        r(
            format!(r"(?i)\b(?P<num>{n}|{DIG}(?:bn|m|mn|k|tn))\s+(?P<cw>(?:US |Hong Kong |Singapore |Australian |Canadian )?dollars|euros?|pounds(?: sterling)?|yuan|renminbi|rmb|yen|won|rupees|dong|baht|ringgit|pence|USD|EUR|GBP|JPY|CNY|VND|HKD|INR)\b"),
            2,
            money_word,
        ),
        r(format!(r"\b(?P<num>{DIG})p\b"), 2, pence),
        r(r"(?i)\ba quarter(?:\s+of\s+a)?[\s-]century\b".into(), 2, quarter_century),
        // "two dozen people": 24.
        r(format!(r"(?i)\b(?P<num>{n})\s+dozen\b"), 7, dozens),
        r(
            r"(?i)\bhalf an? (?P<sc>million|billion|trillion) (?P<cw>dollars|euros|pounds)\b".into(),
            2,
            half_money,
        ),
        // "half a million years": a number of time units, like "half a million dollars".
        r(
            format!(r"(?i)\bhalf an? (?P<sc>thousand|million|billion) (?P<u>{TIME_UNIT})\b"),
            2,
            half_duration,
        ),
        // Percent.
        r(
            format!(r"(?i)\b(?P<num>{n})(?:\s?%|-?\s?per\s?cent\b|-?\s?percent\b|\s?percentage points?\b|\s(?P<bp>basis points?)\b)|(?P<num2>\d+(?:\.\d+)?)%"),
            2,
            percent,
        ),
        // Names with numbers ("Made in China 2025", "Windows 11", "Boeing 737").
        r(r"\b(?P<w>[A-Za-z]*[A-Z][A-Za-z]*)\s(?P<n>\d+[A-Za-z]*)\b".into(), 3, name_number),
        // Ratios.
        r(
            format!(r"(?i)\b(?P<a>{n})\s+(?:(?P<noun>[a-z]+)\s+)?(?P<conn>out\s+of|of|in)\s+(?:(?:the|its|their|his|her|every|our)\s+)?(?P<b>{n})\b"),
            4,
            ratio,
        ),
        r(r"\b(?P<a>\d{1,4})/(?P<b>\d{1,4})\b".into(), 4, slash_ratio),
        // "backed it by two to one", "by a margin of three to one": a ratio, not two counts.
        r(
            format!(r"(?i)\bby\s+(?:a\s+(?:margin|ratio)\s+of\s+)?(?P<a>{n})\s+to\s+(?P<b>{n})\b"),
            1,
            margin_ratio,
        ),
        // "came in at 39", "ranked at 12": a place in a list.
        r(
            r"(?i)\b(?:came|comes|come|coming|ranked|ranks|placed|finished|debuted|landed|charted|peaked)\s+(?:in\s+)?at\s+(?:No\.?\s?|number\s)?(?P<n>\d{1,3})\b".into(),
            5,
            placing,
        ),
        // Durations and quantities.
        r(
            format!(r"(?i)\b(?P<num>{n}(?:[\s-]and[\s-]a[\s-]half)?|a|an)[\s-](?P<u>{TIME_UNIT})(?P<old>-old)?\b"),
            5,
            duration,
        ),
        r(
            format!(r"(?i)\b(?P<num>{n})(?:\s?|-)(?P<u>{})(?:\b|$)", unit_alternation()),
            5,
            quantity,
        ),
        // Ages: "Webb, 51, of ...", "since I was 17", "age 59 and a half".
        r(r",\s(?P<n>\d{1,3})(?:,\s|\.$|\.\s)".into(), 5, age_apposition),
        // "Rossi, at 34, ..." and "Rossi, at 34 the oldest, ...": an age in an aside.
        r(r"(?:,|\()\s*at\s(?P<n>\d{1,3})(?:[,)]|\s(?:a|an|the|he|she|they|was|is|and|one)\b)".into(), 5, age),
        // "for 7, 14 or 21 days": each number of a list takes the unit after its last.
        r(r"\b(?P<num>\d+(?:\.\d+)?)(?:,\s|,?\s(?:or|and)\s)".into(), 5, listed),
        // Inches written short: "42in", "12.87\" x 5.55\"".
        r(r#"\b(?P<num>\d+(?:\.\d+)?)(?:in\b|(?P<mark>["″]))"#.into(), 5, inches),
        // Temperatures written short: "41C", "-5 °F".
        r(r"(?P<num>-?\b\d{1,3}(?:\.\d)?)\s?°?(?P<u>[CF])\b".into(), 5, temperature),
        r(r"(?i)\b(?:since|when|until)\s(?:i|he|she|they|we|you)\s(?:was|were)\s(?P<n>\d{1,2})\b".into(), 5, age),
        r(r"(?i)\b(?:aged?|ages|age\sof)\s(?P<n>\d{1,3}(?:\sand\sa\shalf)?)\b".into(), 5, age),
        // "adults over 50", "children under five", "those over 19": ages.
        r(r"(?i)\b(?:those|adults|children|kids|people|anyone|everyone|men|women|drivers|patients|players)\s+(?:aged\s+)?(?:over|under|above|below)\s+(?P<n>\d{1,3})\b".into(), 5, age),
        // Ordinals.
        r(r"\b(?P<n>\d+)(?:st|nd|rd|th)\b".into(), 6, ordinal_digits),
        r(
            r"(?i)\b(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|fiftieth|hundredth)\b".into(),
            6,
            ordinal_word,
        ),
        r(r"\b(?:No\.?\s?(?P<d>\d+)|[Nn]umber\s(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten))\b|(?:^|[\s(])#(?P<h>\d{1,3})\b".into(), 6, ordinal_number),
        // Relative dates.
        r(
            format!(r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{weekday})(?:'s)?\b"),
            6,
            weekday_date,
        ),
        r(
            r"(?i)\b(?:yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b".into(),
            6,
            day_word,
        ),
        r(
            r"(?i)\b(?P<rel>last|this|next)\s+(?P<u>week|month|year)(?:'s)?\b".into(),
            6,
            relative_period,
        ),
        r(
            format!(r"\b(?P<mon>{month})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"),
            6,
            month_day,
        ),
        // "on 27 January", the British order.
        r(
            format!(r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{month})\b"),
            6,
            month_day,
        ),
        r(
            r"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\b".into(),
            7,
            month_only,
        ),
        r(r"\b(?P<yr>(?:1[5-9]|20)\d\d)\b".into(), 7, year_only),
        // Plain counts.
        r(
            format!(r"(?i)\b(?P<num>(?:{DIG})(?:k|m|b|bn|mn|tn|\s(?:mn|bn|tn))\b|{n})(?:-(?P<cw>[a-z]+))?"),
            8,
            count,
        ),
    ]
});

fn unit_alternation() -> String {
    let mut units: Vec<&str> = UNITS.iter().map(|(w, _)| *w).collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    units
        .iter()
        .map(|u| regex::escape(u))
        .collect::<Vec<_>>()
        .join("|")
}

/// Finds every figure in `text`; relative dates resolve against `published`.
pub fn find(text: &str, published: Option<NaiveDate>) -> Vec<Figure> {
    let ctx = Ctx { text, published };
    let mut cands: Vec<(u8, usize, usize, Found)> = Vec::new();
    for rule in RULES.iter() {
        for c in rule.re.captures_iter(text) {
            let m = c.get(0).expect("group 0 always exists");
            if m.as_str().starts_with(char::is_alphanumeric) && !boundary_ok(text, m.start()) {
                continue;
            }
            if let Some(found) = (rule.handler)(&ctx, &c) {
                let (s, e) = match &found {
                    Found::Figure(f) => (f.span[0], f.span[1]),
                    Found::Block => (m.start(), m.end()),
                };
                cands.push((rule.priority, s, e, found));
            }
        }
    }
    cands.sort_by(|a, b| a.0.cmp(&b.0).then((b.2 - b.1).cmp(&(a.2 - a.1))));
    // Taken spans by start; they never overlap, so only the last one starting before `e` can.
    let mut taken: BTreeMap<usize, (usize, Option<Figure>)> = BTreeMap::new();
    for (_, s, e, found) in cands {
        if taken
            .range(..e)
            .next_back()
            .is_some_and(|(_, (te, _))| s < *te)
        {
            continue;
        }
        let figure = match found {
            Found::Figure(f) => Some(f),
            Found::Block => None,
        };
        taken.insert(s, (e, figure));
    }
    let mut out: Vec<Figure> = taken.into_values().filter_map(|t| t.1).collect();
    for f in &mut out {
        if f.qualifier.is_none() {
            f.qualifier = qualifier(near_before(text, f.span[0]));
        }
    }
    out
}

/// A number glued to a letter or a code ("Qwen3", "COVID-19", "v2.5") is not a figure.
fn boundary_ok(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let mut rev = before.chars().rev();
    match rev.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some(',') => !matches!(rev.next(), Some(c) if c.is_ascii_digit()),
        Some('.') | Some('-') | Some('/') | Some('+') => {
            !matches!(rev.next(), Some(c) if c.is_alphanumeric())
        }
        _ => true,
    }
}

static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(less than|fewer than|more than|at least|up to|a maximum of|just over|just under|just short of|nearly|almost|about|around|roughly|approximately|some|an estimated|over|under|below|exceeded|exceeding)\s+$")
        .expect("qualifier regex")
});

fn qualifier(before: &str) -> Option<String> {
    let c = QUALIFIER.captures(before)?;
    let q = c[1].to_ascii_lowercase();
    Some(
        match q.as_str() {
            "less than" | "fewer than" | "just under" | "just short of" | "under" | "below" => {
                "less than"
            }
            "more than" | "just over" | "over" | "exceeded" | "exceeding" => "more than",
            "at least" => "at least",
            "up to" | "a maximum of" => "up to",
            _ => "about",
        }
        .to_string(),
    )
}

fn full_date(_: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let d = NaiveDate::from_ymd_opt(c["year"].parse().ok()?, m, c["day"].parse().ok()?)?;
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, ymd(d), "day");
    Some(Found::Figure(f))
}

fn iso_date(_: &Ctx, c: &Captures) -> Option<Found> {
    let d = NaiveDate::from_ymd_opt(
        c["year"].parse().ok()?,
        c["m"].parse().ok()?,
        c["day"].parse().ok()?,
    )?;
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, ymd(d), "day");
    Some(Found::Figure(f))
}

fn month_year(_: &Ctx, c: &Captures) -> Option<Found> {
    let m = en::month(&c["mon"])?;
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, format!("{}-{m:02}", &c["year"]), "month");
    Some(Found::Figure(f))
}

fn quarter(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn quarter_code(_: &Ctx, c: &Captures) -> Option<Found> {
    let q: u32 = c["q"].parse().ok()?;
    let mut f = fig(c, FigureKind::Date);
    date_value(
        &mut f,
        format!("{}-{:02}", &c["yr"], (q - 1) * 3 + 1),
        "month",
    );
    Some(Found::Figure(f))
}

fn year_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn decade(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(rose|rise|rising|risen|fell|fall|falling|fallen|increased?|increasing|decreased?|decreasing|grew|grow|growing|dropped|drop|jumped|climbed|slashed|cut|declined?|surged|soared|plunged|up|down|went|changed|raised|lowered|reduced|boosted)\s+(?:\w+\s+)?$")
        .expect("change regex")
});

/// A change verb in the same clause shortly before "from X to Y" ("rose by 37 percent, from
/// 0.90 percent to 1.23 percent"; "increase the efficiency of devices from 23% to 35%").
fn is_change(before: &str) -> bool {
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

fn value_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn money_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn unit_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn age_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn time_unit(w: &str) -> Option<&'static str> {
    let w = w.to_ascii_lowercase();
    Some(match w.trim_end_matches('s') {
        "second" => "second",
        "minute" => "minute",
        "hour" => "hour",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        "decade" => "decade",
        "century" | "centurie" => "century",
        _ => return None,
    })
}

fn dash_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn money_symbol(_: &Ctx, c: &Captures) -> Option<Found> {
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

fn money_word(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn pence(_: &Ctx, c: &Captures) -> Option<Found> {
    let v = numbers::parse(&c["num"])?;
    let mut f = fig(c, FigureKind::Money);
    f.value = Some(Scalar::Num(v / 100.0));
    f.currency = Some("GBP".into());
    Some(Found::Figure(f))
}

fn percent(_: &Ctx, c: &Captures) -> Option<Found> {
    let raw = c.name("num").or_else(|| c.name("num2"))?.as_str();
    let mut v = numbers::parse(raw)?;
    if c.name("bp").is_some() {
        v /= 100.0;
    }
    let mut f = fig(c, FigureKind::Percent);
    f.value = Some(Scalar::Num(v));
    Some(Found::Figure(f))
}

const NAME_STARTERS: &[&str] = &[
    "No",
    "In",
    "By",
    "Since",
    "On",
    "At",
    "From",
    "Until",
    "Of",
    "The",
    "And",
    "But",
    "About",
    "Over",
    "Under",
    "Some",
    "Just",
    "Only",
    "Nearly",
    "Almost",
    "All",
    "For",
    "With",
    "To",
    "After",
    "Before",
    "Around",
    "Between",
    "USD",
    "EUR",
    "GBP",
    "Rs",
    "Q",
    "H",
    "Number",
    "Another",
    "Roughly",
    "Approximately",
    "Exactly",
    "Fewer",
    "More",
    "Less",
    "Than",
    "Those",
    "These",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "Up",
    "Down",
    "Last",
    "Top",
];

fn name_number(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let w = &c["w"];
    if en::month(w).is_some() || en::weekday(w).is_some() || NAME_STARTERS.contains(&w) {
        return None;
    }
    // "with Mark 10 years ago": a number that measures is no part of a name.
    let next = ctx.next_word(c.get(0)?.end());
    if time_unit(next).is_some() || UNITS.iter().any(|(u, _)| *u == next) {
        return None;
    }
    // "Part 2", "Season 4", "Article 5", "Category 4": labels, wherever they stand.
    if matches!(
        w,
        "Part"
            | "Chapter"
            | "Season"
            | "Episode"
            | "Phase"
            | "Stage"
            | "Level"
            | "Volume"
            | "Vol"
            | "Book"
            | "Round"
            | "Week"
            | "Article"
            | "Title"
            | "Category"
            | "Section"
            | "Tier"
            | "Grade"
    ) {
        return Some(Found::Block);
    }
    let start = c.get(0)?.start();
    let before = ctx.before(start).trim_end();
    // A capitalised word opening a sentence is not a name on that evidence alone, unless it
    // has capitals inside ("AirPods 2").
    let inner_caps = w.chars().skip(1).any(char::is_uppercase);
    if !inner_caps && before.is_empty() || before.ends_with(['.', '!', '?', '“', '"', ':']) {
        // "Django 6 just shipped": with nothing counted after it, the number is the name's.
        let verb_after = matches!(
            next,
            "just"
                | "is"
                | "was"
                | "has"
                | "had"
                | "will"
                | "can"
                | "now"
                | "also"
                | "still"
                | "already"
                | "finally"
                | "brings"
                | "adds"
                | "arrives"
                | "launched"
                | "shipped"
                | "introduces"
                | "supports"
        );
        return verb_after.then_some(Found::Block);
    }
    Some(Found::Block)
}

fn ratio(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

/// Whether a number ending at `end` measures something: a unit, a time unit, a percent or a scale
/// follows it.
fn unit_follows(ctx: &Ctx, end: usize) -> bool {
    let after = ctx.after(end).trim_start();
    let next = ctx.next_word(end);
    after.starts_with('%')
        || measures(next)
        || matches!(next.to_ascii_lowercase().as_str(), "percent" | "per")
}

fn margin_ratio(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn placing(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn slash_ratio(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn duration(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let raw = c["num"].to_ascii_lowercase();
    let unit = time_unit(&c["u"])?;
    let start = c.get(0)?.start();
    let end = c.get(0)?.end();
    let plural_unit = c["u"].to_ascii_lowercase().ends_with('s');
    let indefinite = raw == "a" || raw == "an" || (raw == "one" && !plural_unit);
    if (raw == "a" || raw == "an") && (plural_unit || c.name("old").is_some()) {
        // "a decades-old" is vague, not one decade.
        return None;
    }
    let value = if indefinite && c.name("old").is_none() {
        // "a decade" is a figure; "a year" only when it measures time ("a year ago").
        let next = ctx.next_word(end).to_ascii_lowercase();
        let prev = ctx.prev_word(start);
        let measuring = matches!(
            next.as_str(),
            "ago" | "earlier" | "later" | "before" | "after" | "older" | "younger" | "longer"
        ) || matches!(
            prev.as_str(),
            "for" | "than" | "within" | "nearly" | "almost" | "about" | "over" | "just" | "only"
        );
        if !(matches!(unit, "decade" | "century") || measuring) {
            return None;
        }
        let before = ctx.before(start).trim_end();
        // "$60,000 a year" is a rate; "at 34 a year older" still measures.
        if before.ends_with(|ch: char| ch.is_ascii_digit())
            && !matches!(next.as_str(), "older" | "younger")
        {
            return None;
        }
        1.0
    } else if let Some(head) = raw
        .strip_suffix("-and-a-half")
        .or_else(|| raw.strip_suffix(" and a half"))
    {
        numbers::parse(head)? + 0.5
    } else {
        numbers::parse(&raw)?
    };
    // "the first two years" and "2019 years" are other things.
    if value >= 1500.0 && unit == "year" && !raw.contains(',') {
        return None;
    }
    let mut f = fig(c, FigureKind::Duration);
    f.value = Some(Scalar::Num(value));
    f.unit = Some(unit.to_string());
    Some(Found::Figure(f))
}

fn quantity(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn ordinal_digits(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn ordinal_word(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn ordinal_number(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn weekday_date(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn day_word(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn relative_period(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn month_day(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn month_only(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn year_only(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

/// Words after a number that make "N-M" a span of something rather than a score.
fn measures(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    time_unit(&w).is_some()
        || en::month(word).is_some()
        || numbers::scale_value(&w).is_some()
        || matches!(
            w.as_str(),
            "percent" | "per" | "x" | "year-old" | "years-old" | "times" | "fold"
        )
        || UNITS.iter().any(|(u, _)| u.eq_ignore_ascii_case(&w))
}

fn score(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let m = c.get(0)?;
    let before = ctx.before(m.start());
    let after = ctx.after(m.end());
    if before.ends_with(['$', '£', '€', '¥', '-', '–', '/', '.'])
        || after.starts_with(['%', '-', '/', '.'])
        || after.starts_with(char::is_alphanumeric)
        || measures(ctx.next_word(m.end()))
    {
        return None;
    }
    let prev = ctx.prev_word(m.start());
    if matches!(prev.as_str(), "from" | "between" | "ages" | "aged" | "age") {
        // "from 114-3 to 216-3": the smaller after the dash makes it a score still.
        let (a, b): (u32, u32) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
        if b >= a {
            return None;
        }
    }
    Some(Found::Block)
}

fn glued_letters(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let suf = &c["suf"];
    let lower = suf.to_ascii_lowercase();
    let start = c.get(0)?.start();
    let after_currency = ctx.before(start).ends_with(['$', '£', '€', '¥', '₹']);
    let digits = &c.get(0)?.as_str()[..c.get(0)?.as_str().len() - suf.len()];
    // "1041s", "747s": a code or model in the plural; only a round number makes a decade.
    if suf == "s" && !digits.ends_with('0') {
        return Some(Found::Block);
    }
    // "4K resolution", "at 4k and 60fps": a single digit and a K is a screen resolution, unless
    // it counts something ("5k runners").
    if lower == "k" && digits.len() == 1 && !after_currency {
        let next = ctx.next_word(c.get(0)?.end());
        let counted =
            next.len() > 3 && next.ends_with('s') && next.chars().all(|ch| ch.is_ascii_lowercase());
        if !counted {
            return Some(Found::Block);
        }
    }
    let known = matches!(
        lower.as_str(),
        "st" | "nd"
            | "rd"
            | "th"
            | "in"
            | "s"
            | "p"
            | "x"
            | "am"
            | "pm"
            | "k"
            | "bn"
            | "mn"
            | "tn"
            | "c"
            | "f"
    ) || (suf == "m" || after_currency && numbers::scale_value(&lower).is_some())
        // "9.8B tokens"; "Llama 3.1 405B" is a model's name.
        || (suf == "B"
            && ctx.next_word(c.get(0)?.end()).starts_with(|ch: char| ch.is_ascii_lowercase())
            && !ctx.prev_word(start).is_empty()
            && !ctx.before(start).trim_end().ends_with(|ch: char| ch.is_ascii_digit() || ch.is_uppercase()))
        || UNITS
            .iter()
            .any(|(u, _)| *u == suf || u.eq_ignore_ascii_case(suf) && suf.len() > 2);
    (!known).then_some(Found::Block)
}

fn month_of_relative_year(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn fiscal_code(_: &Ctx, c: &Captures) -> Option<Found> {
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

fn fiscal_year(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Date);
    date_value(&mut f, c["yr"].to_string(), "year");
    Some(Found::Figure(f))
}

fn month_range(_: &Ctx, c: &Captures) -> Option<Found> {
    let m1 = en::month(&c["m1"])?;
    let m2 = en::month(&c["m2"])?;
    let mut f = fig(c, FigureKind::Range);
    f.from = Some(Scalar::Text(format!("{}-{m1:02}", &c["y1"])));
    f.to = Some(Scalar::Text(format!("{}-{m2:02}", &c["y2"])));
    f.unit = Some("month".into());
    Some(Found::Figure(f))
}

fn day_range(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn dozens(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Count);
    f.value = Some(Scalar::Num(numbers::parse(&c["num"])? * 12.0));
    let next = ctx.next_word(c.get(0)?.end());
    if next.chars().all(|ch| ch.is_ascii_lowercase()) && !next.is_empty() {
        f.unit = Some(next.to_string());
    }
    Some(Found::Figure(f))
}

fn quarter_century(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Duration);
    f.value = Some(Scalar::Num(25.0));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}

fn half_money(_: &Ctx, c: &Captures) -> Option<Found> {
    let (code, _) = currency(&c["cw"])?;
    let mut f = fig(c, FigureKind::Money);
    f.value = Some(Scalar::Num(0.5 * numbers::scale_value(&c["sc"])?));
    f.currency = Some(code.to_string());
    Some(Found::Figure(f))
}

fn listed(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn inches(ctx: &Ctx, c: &Captures) -> Option<Found> {
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

fn half_duration(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Duration);
    f.value = Some(Scalar::Num(0.5 * numbers::scale_value(&c["sc"])?));
    f.unit = Some(time_unit(&c["u"])?.to_string());
    Some(Found::Figure(f))
}

fn temperature(_: &Ctx, c: &Captures) -> Option<Found> {
    let mut f = fig(c, FigureKind::Quantity);
    f.value = Some(Scalar::Num(c["num"].parse().ok()?));
    f.unit = Some(if &c["u"] == "C" { "°C" } else { "°F" }.to_string());
    Some(Found::Figure(f))
}

/// ", 51," after a name or a noun ("Webb, 51, of", "the star, 42, was") is an age.
fn age_apposition(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let before = ctx.before(c.get(0)?.start()).trim_end();
    if !before.ends_with(|ch: char| ch.is_alphabetic() || matches!(ch, '”' | '’' | ')' | '"')) {
        return None;
    }
    age(ctx, c)
}

fn age(_: &Ctx, c: &Captures) -> Option<Found> {
    let raw = &c["n"];
    let (head, half) = match raw.strip_suffix(" and a half") {
        Some(h) => (h, 0.5),
        None => (raw, 0.0),
    };
    let v: f64 = head.parse().ok()?;
    if !(1.0..=120.0).contains(&v) {
        return None;
    }
    let mut f = fig_group(c, "n", FigureKind::Duration)?;
    f.value = Some(Scalar::Num(v + half));
    f.unit = Some("year".into());
    Some(Found::Figure(f))
}

const NOT_COUNTED: &[&str] = &[
    "of",
    "another",
    "day",
    "who",
    "that",
    "which",
    "is",
    "was",
    "has",
    "had",
    "more",
    "thing",
    "way",
    "side",
    "hand",
    "another",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "the",
    "a",
    "for",
    "by",
    "with",
    "as",
    "but",
    "if",
    "can",
    "could",
    "would",
    "will",
    "should",
    "may",
    "might",
    "must",
    "time",
    "point",
    "place",
    "another's",
    "s",
    "less",
    "than",
    "too",
    "such",
    "else",
];

fn count(ctx: &Ctx, c: &Captures) -> Option<Found> {
    let raw = &c["num"];
    let m = c.get(0)?;
    let lower = raw.to_ascii_lowercase();
    let v = numbers::parse(raw)?;
    let next = ctx.next_word(m.end()).to_ascii_lowercase();
    let prev = ctx.prev_word(m.start());
    if lower == "one" {
        // "one" counts only when something countable follows ("one league game").
        // "one study found", "one day" mean "a certain"; a count needs a word that counts.
        let ok = !next.is_empty()
            && next.chars().all(|ch| ch.is_ascii_lowercase())
            && !NOT_COUNTED.contains(&next.as_str())
            && matches!(
                prev.as_str(),
                "only"
                    | "just"
                    | "than"
                    | "least"
                    | "exactly"
                    | "with"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "by"
                    | "to"
                    | "from"
                    | "had"
                    | "has"
                    | "have"
                    | "won"
                    | "scored"
            );
        if !ok {
            return None;
        }
    }
    // A capitalised number word inside a sentence before another capital is a name ("the RBS
    // Six Nations", "Five Children and It").
    let sentence_start = ctx.before(m.start()).trim_end().is_empty()
        || ctx
            .before(m.start())
            .trim_end()
            .ends_with(['.', '!', '?', '“', '"', ':']);
    if raw.starts_with(char::is_uppercase)
        && !raw.starts_with(|ch: char| ch.is_ascii_digit())
        && !sentence_start
        && ctx.next_word(m.end()).starts_with(char::is_uppercase)
    {
        return Some(Found::Block);
    }
    let after = ctx.after(m.end());
    // "10 of which were new": a part of a number already counted.
    static PARTITIVE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s+of\s+(?:which|whom)\b").expect("partitive regex"));
    if PARTITIVE.is_match(after) {
        return None;
    }
    // "7 On Your Side", "24 Hours Of Fame": a number before capitalised function words is part
    // of a title.
    let next_raw = ctx.next_word(m.end());
    let digits = raw.starts_with(|ch: char| ch.is_ascii_digit());
    if (digits || !sentence_start)
        && matches!(
            next_raw,
            "On" | "In"
                | "Of"
                | "The"
                | "And"
                | "For"
                | "At"
                | "To"
                | "Your"
                | "My"
                | "Our"
                | "From"
                | "With"
                | "By"
        )
    {
        return Some(Found::Block);
    }
    // "7-Eleven": a number joined to a capitalised word is a name.
    if c.name("cw")
        .is_some_and(|cw| cw.as_str().starts_with(char::is_uppercase))
        && !sentence_start
    {
        return Some(Found::Block);
    }
    // "zero-trust", "zero-waste", "zero-emission": an adjective, not a count of nothing.
    if lower.starts_with("zero") && c.name("cw").is_some() {
        return Some(Found::Block);
    }
    // Five digits or more with no separator ("3456789", "90069") is a code or a number of
    // record, not a count: news writes counts that large with commas.
    if raw.len() >= 5 && raw.chars().all(|ch| ch.is_ascii_digit()) {
        return Some(Found::Block);
    }
    // Footnote markers "(8)" and list numbers "3." at the start are not figures.
    if ctx.before(m.start()).ends_with('(') && ctx.after(m.end()).starts_with(')') {
        return None;
    }
    if ctx.before(m.start()).ends_with('#') {
        return None;
    }
    // "two-thirds", "one-quarter": fraction words are no figures.
    if c.name("cw").is_some_and(|cw| {
        matches!(
            cw.as_str().to_ascii_lowercase().as_str(),
            "half"
                | "halves"
                | "third"
                | "thirds"
                | "quarter"
                | "quarters"
                | "fifth"
                | "fifths"
                | "tenth"
                | "tenths"
        )
    }) {
        return Some(Found::Block);
    }
    let mut f = fig(c, FigureKind::Count);
    f.value = Some(Scalar::Num(v));
    if let Some(cw) = c.name("cw") {
        f.unit = Some(cw.as_str().to_string());
    } else if !next.is_empty()
        && next.chars().all(|ch| ch.is_ascii_lowercase())
        && !NOT_COUNTED.contains(&next.as_str())
    {
        f.unit = Some(next);
    }
    Some(Found::Figure(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_eleven_is_a_phone_number_only_when_it_stands_alone() {
        assert!(kinds("She called 911.", "2025-06-06").is_empty());
        assert_eq!(
            kinds("It cost $911,000.", "2025-06-06"),
            vec![("$911,000".to_string(), FigureKind::Money)]
        );
    }

    fn kinds(text: &str, published: &str) -> Vec<(String, FigureKind)> {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        find(text, p)
            .into_iter()
            .map(|f| (f.text, f.kind))
            .collect()
    }

    fn one(text: &str, published: &str) -> Figure {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let all = find(text, p);
        assert_eq!(all.len(), 1, "{all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn reads_money_unit_and_age_ranges_as_one_range() {
        for (t, from, to, unit) in [
            (
                "Zoom projects $1.68 billion to $1.72 billion.",
                1.68e9,
                1.72e9,
                "USD",
            ),
            (
                "It aims to save between £190m and £265m a year.",
                1.9e8,
                2.65e8,
                "GBP",
            ),
            ("They earn $70,000-$90,000 a year.", 7e4, 9e4, "USD"),
            (
                "A rise on the order of 10 to 15% is realistic.",
                10.0,
                15.0,
                "%",
            ),
            (
                "Aimed at children aged 10 to 13, it is a contest.",
                10.0,
                13.0,
                "year",
            ),
        ] {
            let f = one(t, "2025-06-06");
            assert_eq!(f.kind, FigureKind::Range, "{t}");
            assert_eq!(
                (f.from, f.to, f.unit.as_deref()),
                (Some(Scalar::Num(from)), Some(Scalar::Num(to)), Some(unit)),
                "{t}"
            );
        }
        // A change is two figures, the first in the second's unit.
        let figs = find("Use more than doubled, from 7.5 to 17.3 percent.", None);
        assert_eq!(
            figs.iter().map(|f| f.kind).collect::<Vec<_>>(),
            vec![FigureKind::Percent, FigureKind::Percent]
        );
    }

    #[test]
    fn reads_old_years_word_ranges_ages_dozens_and_weights() {
        let f = one(
            "In 1723, a naval officer obtained a seedling.",
            "2025-06-06",
        );
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Date, Some(Scalar::Text("1723".into())))
        );
        let f = one(
            "The installation usually takes one to three days.",
            "2025-06-06",
        );
        assert_eq!(
            (f.kind, f.unit.as_deref()),
            (FigureKind::Range, Some("day"))
        );
        let f = one(
            "Fees range from S$200 to S$500 at most venues.",
            "2025-06-06",
        );
        assert_eq!(
            (f.kind, f.unit.as_deref()),
            (FigureKind::Range, Some("SGD"))
        );
        let f = one("Some companies permit those over 19 to rent.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Duration, Some(Scalar::Num(19.0)))
        );
        let f = one("More than two dozen people were hurt.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Num(24.0)));
        let f = one("The keyboard weighs 5.5 pounds.", "2025-06-06");
        assert_eq!(
            (f.kind, f.unit.as_deref()),
            (FigureKind::Quantity, Some("lb"))
        );
        let f = one("He was fined 500 pounds.", "2025-06-06");
        assert_eq!(f.kind, FigureKind::Money);
    }

    #[test]
    fn reads_periods_scales_and_ranks_written_short() {
        let f = one("Sales peaked in Q4 of 2024.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2024-10".into())));
        let f = one("Growth slowed in the latter half of 2022.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2022-07".into())));
        let f = one("It was in his FY12 budget.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2012".into())));
        let f = one("In the 2000s he designed a probe.", "2025-06-06");
        assert_eq!(
            (f.from, f.to),
            (Some(Scalar::Num(2000.0)), Some(Scalar::Num(2009.0)))
        );
        let f = one("The industry employed 2.9 mn people.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Num(2.9e6)));
        let f = one("It needs only 9.8B tokens to learn.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Num(9.8e9)));
        let f = one("Python is ranked #1 in the index.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Ordinal, Some(Scalar::Num(1.0)))
        );
        // Fractions, versions and domains are no figures.
        for t in [
            "Notably, two-thirds of firms agree.",
            "Sony released system software update 4.92 for owners.",
            "A representative told TODAY.com about it.",
            "Part 2 builds on that with hand lettering.",
        ] {
            assert!(find(t, None).is_empty(), "{t}: {:?}", find(t, None));
        }
    }

    #[test]
    fn reads_a_ratio_and_a_year_range() {
        let t = "China led in 57 of 64 technologies from 2019 to 2023, the tracker said.";
        let figs = find(t, None);
        assert_eq!(figs.len(), 2, "{figs:?}");
        assert_eq!(figs[0].kind, FigureKind::Ratio);
        assert_eq!(figs[0].text, "57 of 64");
        assert_eq!(figs[0].numerator, Some(57.0));
        assert_eq!(figs[0].unit.as_deref(), Some("technologies"));
        assert_eq!(figs[1].kind, FigureKind::Range);
        assert_eq!(figs[1].text, "from 2019 to 2023");
        assert_eq!(&t[figs[1].span[0]..figs[1].span[1]], "from 2019 to 2023");
    }

    #[test]
    fn a_date_in_the_future_tense_is_the_coming_one() {
        let f = one("The new law will take effect on January 1.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2026-01-01".into())));
        let f = one("The minister will visit Hanoi on Thursday.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2025-06-12".into())));
        let f = one("The vote is due to take place in March.", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2026-03".into())));
        let f = one("The summit will be held on 3-5 March.", "2025-06-06");
        assert_eq!(f.from, Some(Scalar::Text("2026-03-03".into())));
        // Past tense, or a future word in another clause: the last one, as before.
        let f = one(
            "He said he would resign, after a vote on Thursday.",
            "2025-06-06",
        );
        assert_eq!(f.value, Some(Scalar::Text("2025-06-05".into())));
    }

    #[test]
    fn resolves_thursday_against_publication_date() {
        let f = one(
            "according to a report released on Thursday by Harvard",
            "2025-06-06",
        );
        assert_eq!(f.value, Some(Scalar::Text("2025-06-05".into())));
        assert_eq!(f.relative.as_deref(), Some("Thursday"));
    }

    #[test]
    fn a_long_text_has_the_figures_of_each_of_its_sentences() {
        let sentence = "Sales rose by about 12% to $5 billion in March, said Kessler. ";
        let one = find(sentence, None);
        let text = sentence.repeat(2000);
        let all = find(&text, None);
        assert_eq!(all.len(), one.len() * 2000);
        for (k, f) in all.iter().enumerate() {
            let g = &one[k % one.len()];
            let at = (k / one.len()) * sentence.len();
            assert_eq!(
                (f.kind, &f.text, &f.qualifier),
                (g.kind, &g.text, &g.qualifier)
            );
            assert_eq!(f.span, [g.span[0] + at, g.span[1] + at]);
        }
    }

    #[test]
    fn keeps_the_hedge_of_less_than_two_years() {
        let f = one(
            "had overtaken Stanford in less than two years.",
            "2025-06-06",
        );
        assert_eq!(f.kind, FigureKind::Duration);
        assert_eq!(f.text, "two years");
        assert_eq!(f.value, Some(Scalar::Num(2.0)));
        assert_eq!(f.qualifier.as_deref(), Some("less than"));
    }

    #[test]
    fn numbers_inside_names_are_not_figures() {
        assert!(
            kinds(
                "Alibaba's Qwen3 family and OpenAI-o1 and COVID-19",
                "2025-06-06"
            )
            .is_empty()
        );
        assert!(kinds("as part of the Made in China 2025 initiative", "2025-06-06").is_empty());
        assert!(
            kinds(
                "The G7 met at 10:45 a.m. near the Boeing 737 hangar.",
                "2025-06-06"
            )
            .is_empty()
        );
    }

    #[test]
    fn reads_money_percent_and_months() {
        let f = one("It raised $1.8 trillion.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value.clone()),
            (FigureKind::Money, Some(Scalar::Num(1.8e12)))
        );
        let f = one("about US$300m in", "2025-06-06");
        assert_eq!(f.currency.as_deref(), Some("USD"));
        assert_eq!(f.value, Some(Scalar::Num(3e8)));
        let f = one("a rise of 12.5 per cent", "2025-06-06");
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Percent, Some(Scalar::Num(12.5)))
        );
        let f = one("In January, Nature Index showed", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2025-01".into())));
        let f = one("in December the firm", "2025-06-06");
        assert_eq!(f.value, Some(Scalar::Text("2024-12".into())));
    }

    proptest::proptest! {
        // The fuzz target's short form: any text, figures whose spans are the text's own bytes,
        // sorted and apart; attribution never panics either.
        #[test]
        fn any_text_gives_figures_that_are_its_own_spans(
            text in "([0-9]{1,5}|[,.%$£€/:()'’“”-]|[A-Z][a-z]{0,8}|(one|two|dozen|million|percent|of|out|to|from|between|and|last|next|year|May|Monday|said|according|No|the|aged) | ){0,40}",
        ) {
            let figs = find(&text, NaiveDate::from_ymd_opt(2025, 6, 6));
            let mut end = 0;
            for f in &figs {
                proptest::prop_assert_eq!(&text[f.span[0]..f.span[1]], f.text.as_str());
                proptest::prop_assert!(f.span[0] >= end, "{:?}", figs);
                end = f.span[1];
            }
            let _ = super::super::attribution::find(&text);
        }
    }

    #[test]
    fn a_change_from_one_value_to_another_is_two_figures() {
        let k = kinds("Sales rose from 23% to 35% last year.", "2025-06-06");
        assert_eq!(k.len(), 3, "{k:?}");
        assert_eq!(k[0].1, FigureKind::Percent);
    }

    #[test]
    fn a_number_in_a_title_or_a_code_is_no_count() {
        for t in [
            "She spoke to 9 In Your Corner about the refund.",
            "The kit runs on Windows (8 to 10) only.",
            "The carrier's DOT number 2718281 was revoked.",
            "Clerks sorted the 1099s, 1065s and 1120s by hand.",
            "The firm sells zero-emission vans.",
            "The screen shows 8K video.",
            "A 2019 Toyota Camry was parked there.",
            "Rails 8 is out now.",
            "The diner is open 24/7 all year.",
            "She stopped at a 7-Eleven nearby.",
        ] {
            assert!(find(t, None).is_empty(), "{t}: {:?}", find(t, None));
        }
        // A count with a separator, or glued to "k" and a counted noun, is still one.
        assert_eq!(
            one("It has 5k subscribers.", "2025-06-06").kind,
            FigureKind::Count
        );
        assert_eq!(
            one("Another 40 were hurt.", "2025-06-06").kind,
            FigureKind::Count
        );
        let f = one("The sea stays between 18 and 21 Celsius.", "2025-06-06");
        assert_eq!(f.unit.as_deref(), Some("°C"));
    }

    #[test]
    fn a_range_of_ages_or_of_a_unit_in_words_is_one_range() {
        let f = one("Teens aged between 13 to 15 were asked.", "2025-06-06");
        assert_eq!(f.text, "between 13 to 15");
        assert_eq!(
            (f.from, f.to, f.unit.as_deref()),
            (
                Some(Scalar::Num(13.0)),
                Some(Scalar::Num(15.0)),
                Some("year")
            )
        );
        let f = one(
            "Water stays between 18 and 21 degrees Celsius.",
            "2025-06-06",
        );
        assert_eq!((f.kind, f.unit.as_deref()), (FigureKind::Range, Some("°C")));
    }

    #[test]
    fn a_margin_a_partitive_an_age_and_a_placing_are_read_as_such() {
        let f = one("Voters rejected it by three to one.", "2025-06-06");
        assert_eq!(
            (f.kind, f.numerator, f.denominator),
            (FigureKind::Ratio, Some(3.0), Some(1.0))
        );
        let k = kinds(
            "They built 30 schools, 12 of which are closed.",
            "2025-06-06",
        );
        assert_eq!(k, vec![("30".to_string(), FigureKind::Count)]);
        let f = one("The striker, at 31, signed again.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Duration, Some(Scalar::Num(31.0)))
        );
        let k = kinds("Jones, at 29 a year younger than Smith, won.", "2025-06-06");
        assert_eq!(k.len(), 2, "{k:?}");
        assert_eq!(k[1], ("a year".to_string(), FigureKind::Duration));
        let f = one("The single came in at 14 on the chart.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Ordinal, Some(Scalar::Num(14.0)))
        );
    }

    #[test]
    fn a_long_span_of_years_a_score_after_from_and_weights_per_head_are_read() {
        let f = one("The walls stood for the last 2,500 years.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value),
            (FigureKind::Duration, Some(Scalar::Num(2500.0)))
        );
        assert!(kinds("They moved from 98-4 at lunch.", "2025-06-06").is_empty());
        let f = one("Each adult throws away 3.1 pounds per day.", "2025-06-06");
        assert_eq!(f.kind, FigureKind::Quantity);
        let f = one("He farmed one hectare of rice.", "2025-06-06");
        assert_eq!(f.unit.as_deref(), Some("ha"));
    }

    #[test]
    fn a_money_range_with_a_code_a_list_with_one_unit_and_inch_marks_are_read() {
        let f = one("Tickets cost between EUR 40 – 75 each.", "2025-06-06");
        assert_eq!(
            (f.kind, f.from, f.to, f.unit.as_deref()),
            (
                FigureKind::Range,
                Some(Scalar::Num(40.0)),
                Some(Scalar::Num(75.0)),
                Some("EUR")
            )
        );
        let f = one("She earned Taka 9,200 last season.", "");
        assert_eq!(
            (f.kind, f.currency.as_deref()),
            (FigureKind::Money, Some("BDT"))
        );
        let k = kinds("Passes last 3, 5 or 10 days.", "2025-06-06");
        assert_eq!(
            k.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![FigureKind::Duration; 3]
        );
        let k = kinds(
            "The board measures 11.5\" x 4.2\" and a 50in screen.",
            "2025-06-06",
        );
        assert_eq!(
            k.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![FigureKind::Quantity; 3],
            "{k:?}"
        );
        let f = one("Rooms cost (90 – 140 US$) a night.", "2025-06-06");
        assert_eq!(
            (f.kind, f.unit.as_deref()),
            (FigureKind::Range, Some("USD"))
        );
        let f = one("Ice sheets grew for half a million years.", "2025-06-06");
        assert_eq!(
            (f.kind, f.value, f.unit.as_deref()),
            (FigureKind::Duration, Some(Scalar::Num(5e5)), Some("year"))
        );
        // A closing quote after a number is no inch.
        let k = kinds("He said \"give me 5\" and left.", "2025-06-06");
        assert_eq!(k, vec![("5".to_string(), FigureKind::Count)]);
    }
}
