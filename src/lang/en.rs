//! English calendar words: month and weekday names with the abbreviations news writes, as
//! lists, as lookups and as regular-expression alternations. Claims (figures, dates), the
//! Vietnamese date words and the translator all read them here.

use std::sync::LazyLock;

use chrono::Weekday;

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviated month names news writes ("Jan.", "Sept."), with their month.
const ABBREVIATED: [(&str, u32); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sept", 9),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// The month (1-12) of a month name or abbreviation, in any case, with or without its stop.
pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w))
        .map(|i| i as u32 + 1)
        .or_else(|| {
            ABBREVIATED
                .iter()
                .find(|(a, _)| a.eq_ignore_ascii_case(w))
                .map(|(_, m)| *m)
        })
}

/// The month's name (1-12).
pub fn month_name(m: u32) -> Option<&'static str> {
    MONTHS.get((m as usize).checked_sub(1)?).copied()
}

/// The weekday of a day name, in any case.
pub fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(word))
        .map(|(_, d)| *d)
}

/// `(?:January|...|December|Jan|...|Dec)`: a month as written, for regular expressions.
pub static MONTH_PATTERN: LazyLock<String> = LazyLock::new(|| {
    let names = MONTHS.iter().chain(ABBREVIATED.iter().map(|(a, _)| a));
    format!("(?:{})", names.copied().collect::<Vec<_>>().join("|"))
});

/// `(?:January|...|December)`: a month written in full.
pub static FULL_MONTH_PATTERN: LazyLock<String> =
    LazyLock::new(|| format!("(?:{})", MONTHS.join("|")));

/// `(?:Monday|...|Sunday)`.
pub static WEEKDAY_PATTERN: LazyLock<String> = LazyLock::new(|| {
    let names: Vec<&str> = WEEKDAYS.iter().map(|(n, _)| *n).collect();
    format!("(?:{})", names.join("|"))
});

/// Verbs of saying, in the forms that introduce who said something ("said", "told", "warns",
/// "according to" aside): attribution finds sources by them.
pub const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "warned",
    "warns",
    "urged",
    "urges",
    "found",
    "finds",
    "showed",
    "shows",
    "estimated",
    "estimates",
    "predicted",
    "predicts",
    "forecast",
    "forecasts",
    "announced",
    "announces",
    "reported",
    "reports",
    "argued",
    "argues",
    "claimed",
    "claims",
    "stated",
    "states",
    "explained",
    "explains",
    "concluded",
    "concludes",
    "acknowledged",
    "insisted",
    "suggested",
    "suggests",
    "revealed",
    "confirmed",
    "confirms",
    "believes",
    "believe",
    "reveals",
    "reveal",
    "cautioned",
    "admitted",
    "asserted",
    "observed",
    "projected",
    "projects",
    "expects",
    "expected",
    "promised",
    "promises",
    "saying",
    "suggesting",
    "noting",
    "adding",
    "warning",
    "arguing",
    "claiming",
    "predicting",
    "estimating",
    "insisting",
    "explaining",
    "show",
    "named",
    "identified",
    "described",
    "describes",
    "indicated",
    "indicates",
    "restated",
    "reiterated",
    "vowed",
    "vowing",
    "suggest",
    "indicate",
    "estimate",
    "predict",
    "warn",
    "find",
    "conclude",
    "allege",
    "alleges",
    "alleged",
];

/// `said|says|...`: [`SAYING`] as a regular-expression alternation (ungrouped).
pub static SAYING_PATTERN: LazyLock<String> = LazyLock::new(|| SAYING.join("|"));

/// Whether a word (any case) is a verb of saying, or the "according" of "according to".
pub fn is_saying(word: &str) -> bool {
    let w = word.to_lowercase();
    w == "according" || SAYING.contains(&w.as_str())
}

/// The Vietnamese verb for an English cue of saying.
pub fn saying_vi(cue: &str) -> &'static str {
    match cue.to_ascii_lowercase().as_str() {
        "according to" | "per" => "theo",
        "found" | "finds" | "showed" | "shows" | "revealed" | "reveals" | "reveal" => "cho thấy",
        "warned" | "warns" | "cautioned" => "cảnh báo",
        "urged" | "urges" => "kêu gọi",
        "estimated" | "estimates" => "ước tính",
        "predicted" | "predicts" | "forecast" | "forecasts" | "projected" | "projects" => "dự báo",
        "announced" | "announces" => "công bố",
        "wrote" | "writes" => "viết",
        "argued" | "argues" | "claimed" | "claims" | "asserted" | "insisted" => "khẳng định",
        "noted" | "notes" | "observed" => "lưu ý",
        "reported" | "reports" => "cho biết",
        "believes" | "believe" => "tin rằng",
        "concluded" | "concludes" => "kết luận",
        "suggested" | "suggests" => "gợi ý",
        "confirmed" | "confirms" => "xác nhận",
        _ => "cho biết",
    }
}

/// Connectives that open a sentence and carry no fact ("However,", "In addition,"): a bullet
/// loses them, and the translator may drop the phrase they open.
pub const CONNECTIVES: &[&str] = &[
    "however",
    "but",
    "and",
    "still",
    "meanwhile",
    "moreover",
    "furthermore",
    "in addition",
    "also",
    "yet",
    "indeed",
    "instead",
    "nonetheless",
    "nevertheless",
    "by comparison",
    "in fact",
    "separately",
    "additionally",
];

/// Whether a word (any case) is a one-word connective of [`CONNECTIVES`].
pub fn is_connective(word: &str) -> bool {
    let w = word.to_lowercase();
    CONNECTIVES.contains(&w.as_str())
}

/// English function words (and "said", "says"): what ranking and the gate do not count as
/// content.
pub const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "this", "that", "these", "those", "he", "she", "they", "we", "i", "his", "her", "their",
    "said", "says", "will", "would", "can", "could", "also", "not", "more", "than", "which", "who",
    "what", "when", "there", "after", "about", "into", "over", "such", "other", "some",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_in_full_abbreviated_and_in_any_case() {
        assert_eq!(month("January"), Some(1));
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("SEP"), Some(9));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("Janu"), None);
        assert_eq!(month_name(12), Some("December"));
        assert_eq!(month_name(0), None);
        assert_eq!(weekday("thursday"), Some(Weekday::Thu));
        assert!(MONTH_PATTERN.contains("|Sept|Sep|"));
    }
}
