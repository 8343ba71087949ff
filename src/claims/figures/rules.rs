//! The rule table: each rule a pattern, a priority (lower wins an overlap) and the handler that
//! reads its match. Order matters only among equals; keep it.

use std::sync::LazyLock;

use regex::Regex;

use super::blockers::{glued_letters, name_number, score};
use super::calendar::{
    day_range, day_word, decade, fiscal_code, fiscal_year, full_date, iso_date, month_day,
    month_of_relative_year, month_only, month_range, month_year, quarter, quarter_code,
    relative_period, weekday_date, year_only, year_range,
};
use super::counts::{count, dozens};
use super::durations::{age, age_apposition, duration, half_duration, quarter_century};
use super::measures::{inches, listed, percent, quantity, temperature};
use super::money::{half_money, money_symbol, money_word, pence};
use super::ordinals::{ordinal_digits, ordinal_number, ordinal_word, placing};
use super::ranges::{age_range, dash_range, money_range, unit_range, value_range};
use super::ratios::{margin_ratio, ratio, slash_ratio};
use super::units::{DIG, TIME_UNIT, num, unit_alternation};
use super::{Found, Handler, Rule};
use crate::lang::en;

pub(super) static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
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
            r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\[\d+\]|\b[A-Za-z]*[A-Z][A-Za-z]*-\d+[A-Za-z]*\b|\+\d{1,3}[\s\d()\-]{6,}\d|(?i:\b(?:call(?:ed|ing|s)?|dial(?:ed|led|ing|s)?|Porsche)\s+911\b|\b911\s+(?:calls?|callers?|dispatch\w*|operators?|cent(?:er|re)s?|emergenc\w*|lines?|system|services?)\b)|\bP\.?\s?O\.?\s?Box\s\d+|\b\d+\(k\)|\b\d+[a-z]\d+\b".into(),
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
