//! Reading numbers written in English: digits with separators, number words, scale words.
//!
//! Used by the figure parser; knows nothing about what a number means.

/// Value of a single number word ("seven", "twenty", "dozen"), if it is one.
pub fn word_value(w: &str) -> Option<f64> {
    let v = match w.to_ascii_lowercase().as_str() {
        "zero" => 0.0,
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" | "a dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" | "a hundred" => 100.0,
        _ => return None,
    };
    Some(v)
}

/// Multiplier of a scale word or suffix ("million", "bn", "k"), if it is one.
pub fn scale_value(w: &str) -> Option<f64> {
    let v = match w.trim().trim_end_matches('.').to_ascii_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "lakh" => 1e5,
        "million" | "mn" | "m" | "mln" => 1e6,
        "crore" => 1e7,
        "billion" | "bn" | "b" | "bln" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    };
    Some(v)
}

/// Parses a number expression: "1,200", "12.5", "twenty-five", "a dozen", "1.2 million", "300m".
pub fn parse(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // Split off trailing scale words ("1.2 million", "5bn", "4.2 lakh crore").
    let mut value: Option<f64> = None;
    let mut multiplier = 1.0;
    let mut rest = t;
    loop {
        let lower = rest.to_ascii_lowercase();
        let mut found = false;
        for scale in [
            "trillion", "billion", "million", "thousand", "hundred", "crore", "lakh", "mln", "bln",
            "trn", "bn", "mn", "tn", "m", "b", "k",
        ] {
            if lower.ends_with(scale) {
                let head = &rest[..rest.len() - scale.len()];
                let head_trim = head.trim_end();
                // A letter suffix follows a digit ("5bn", or "2.9 mn" for the two-letter ones),
                // a word follows a space.
                let ok = if scale.len() <= 3 {
                    head.ends_with(|c: char| c.is_ascii_digit())
                        || (scale.len() >= 2
                            && head.ends_with(' ')
                            && head_trim.ends_with(|c: char| c.is_ascii_digit()))
                } else {
                    head.len() > head_trim.len() || head.ends_with('-')
                };
                if ok && !head_trim.is_empty() {
                    multiplier *= scale_value(scale).unwrap_or(1.0);
                    rest = head_trim.trim_end_matches('-');
                    found = true;
                    break;
                }
            }
        }
        if !found {
            break;
        }
    }
    let core = rest.trim();
    if let Some(v) = parse_digits(core) {
        value = Some(v);
    } else if let Some(v) = parse_words(core) {
        value = Some(v);
    }
    value.map(|v| v * multiplier)
}

/// Digits with comma thousands separators and an optional decimal point.
pub fn parse_digits(t: &str) -> Option<f64> {
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let cleaned: String = t.chars().filter(|&c| c != ',').collect();
    cleaned.parse::<f64>().ok()
}

/// Number words: "twenty-five", "Fifty-one", "a dozen", "two hundred".
pub fn parse_words(t: &str) -> Option<f64> {
    let lower = t.to_ascii_lowercase();
    if let Some(v) = word_value(&lower) {
        return Some(v);
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    for part in lower
        .split(['-', ' '])
        .filter(|p| !p.is_empty() && *p != "and")
    {
        if part == "hundred" {
            current = if current == 0.0 {
                100.0
            } else {
                current * 100.0
            };
        } else if let Some(s) = scale_value(part).filter(|_| part.len() > 3) {
            total += if current == 0.0 { 1.0 } else { current } * s;
            current = 0.0;
        } else if let Some(v) = word_value(part) {
            current += v;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(total + current)
}

/// `v` exact to six decimals (figures come from text, so they have few: no stated digit is
/// rounded away), thousands grouped by `group`, decimals after `point`.
pub fn format(v: f64, group: char, point: char) -> String {
    let text = format!("{:.6}", v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if v < 0.0 {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// The largest of `scales` (value, word) that writes `v` exactly in at most three decimals,
/// with `v` in that scale: 1.8e12 -> (1.8, "trillion"); 1,021,500 -> none.
pub fn scaled<'a>(v: f64, scales: &[(f64, &'a str)]) -> Option<(f64, &'a str)> {
    let a = v.abs();
    scales.iter().find_map(|&(scale, word)| {
        let x = a / scale * 1000.0;
        (a >= scale && (x - x.round()).abs() < 1e-6 * x.max(1.0)).then(|| (v / scale, word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_digits_words_and_scales() {
        assert_eq!(parse("1,200"), Some(1200.0));
        assert_eq!(parse("12.5"), Some(12.5));
        assert_eq!(parse("twenty-five"), Some(25.0));
        assert_eq!(parse("Fifty-one"), Some(51.0));
        assert_eq!(parse("a dozen"), Some(12.0));
        assert_eq!(parse("1.2 million"), Some(1_200_000.0));
        assert_eq!(parse("300m"), Some(3e8));
        assert_eq!(parse("5bn"), Some(5e9));
        assert_eq!(parse("4.2 lakh crore"), Some(4.2e12));
        assert_eq!(parse("two hundred"), Some(200.0));
        assert_eq!(parse("Qwen"), None);
    }
}
