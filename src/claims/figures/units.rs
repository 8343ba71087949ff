//! The words figures are read with: number words and patterns, units of measure and their
//! symbols, currencies, time units.

use super::Ctx;
use crate::claims::numbers;
use crate::lang::en;

const NUMWORD: &str = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?";
pub(super) const DIG: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
pub(super) const TIME_UNIT: &str =
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)";

/// `NUM`: digits or number words, with an optional scale word.
pub(super) fn num() -> String {
    format!(
        r"(?:{DIG}|(?:{NUMWORD}|a dozen|a hundred)\b)(?:\s(?:hundred|thousand|million|billion|trillion|lakh)(?:\s crore)?)?"
    )
}

/// Unit words and symbols for quantities, with the symbol SPEC.md wants.
pub(super) const UNITS: &[(&str, &str)] = &[
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
pub(super) fn currency(word: &str) -> Option<(&'static str, f64)> {
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

pub(super) fn unit_alternation() -> String {
    let mut units: Vec<&str> = UNITS.iter().map(|(w, _)| *w).collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    units
        .iter()
        .map(|u| regex::escape(u))
        .collect::<Vec<_>>()
        .join("|")
}

pub(super) fn time_unit(w: &str) -> Option<&'static str> {
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

/// Whether a number ending at `end` measures something: a unit, a time unit, a percent or a scale
/// follows it.
pub(super) fn unit_follows(ctx: &Ctx, end: usize) -> bool {
    let after = ctx.after(end).trim_start();
    let next = ctx.next_word(end);
    after.starts_with('%')
        || measures(next)
        || matches!(next.to_ascii_lowercase().as_str(), "percent" | "per")
}

/// Words after a number that make "N-M" a span of something rather than a score.
pub(super) fn measures(word: &str) -> bool {
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
