//! Figures in English text: typed, normalised, with exact byte spans (SPEC.md).
//!
//! Text and an optional publication date in, `Vec<Figure>` out, sorted and non-overlapping.
//! Pure: relative dates resolve against the date passed in, never the clock. Candidates from
//! every rule compete; the rule of higher priority, then the longer span, wins an overlap.
//! "Blockers" (clock times, phone numbers, numbers inside names) win and are then dropped.
//!
//! The rules are a table (`rules`): a pattern, a priority and a handler each. The handlers
//! live one module per kind of figure (`calendar`, `money`, `measures`, `durations`, `ranges`,
//! `ratios`, `ordinals`, `counts`, and `blockers` for what is no figure); the words they read
//! with (number words, units, currencies) in `units`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::dates;
use crate::model::{Figure, FigureKind, Scalar};

mod blockers;
mod calendar;
mod counts;
mod durations;
mod measures;
mod money;
mod ordinals;
mod ranges;
mod ratios;
mod rules;
mod units;

use rules::RULES;
pub use units::{is_unit_symbol, unit_word};

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

#[cfg(test)]
mod tests;
