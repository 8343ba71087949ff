//! Resolving date words against a publication date (SPEC.md, "date").
//!
//! Pure calendar arithmetic with chrono; "today" is always the publication date passed in.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The most recent `day` strictly before `published`.
pub fn last_weekday(published: NaiveDate, day: Weekday) -> NaiveDate {
    let mut d = published - Duration::days(1);
    while d.weekday() != day {
        d -= Duration::days(1);
    }
    d
}

/// The first `day` strictly after `published`.
pub fn next_weekday(published: NaiveDate, day: Weekday) -> NaiveDate {
    let mut d = published + Duration::days(1);
    while d.weekday() != day {
        d += Duration::days(1);
    }
    d
}

/// The most recent occurrence of a month (and day) on or before `published`: its year.
pub fn year_of_recent(published: NaiveDate, month: u32, day: Option<u32>) -> i32 {
    let y = published.year();
    let this = NaiveDate::from_ymd_opt(y, month, day.unwrap_or(1));
    match this {
        Some(d) if d <= published => y,
        _ => y - 1,
    }
}

/// The year of a month (and day) as a sentence in the future tense means it: the next
/// occurrence on or after `published` ("will take effect on January 1").
pub fn year_of_coming(published: NaiveDate, month: u32, day: Option<u32>) -> i32 {
    let y = published.year();
    match NaiveDate::from_ymd_opt(y, month, day.unwrap_or(1)) {
        Some(d) if d >= published || (day.is_none() && month == published.month()) => y,
        _ => y + 1,
    }
}

/// Monday of the ISO week that contains `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// Shifts a (year, month) by `delta` months.
pub fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year * 12 + month as i32 - 1 + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_thursday_against_a_friday_publication() {
        let friday = NaiveDate::from_ymd_opt(2025, 6, 6).unwrap();
        assert_eq!(
            last_weekday(friday, Weekday::Thu),
            NaiveDate::from_ymd_opt(2025, 6, 5).unwrap()
        );
        assert_eq!(
            last_weekday(friday, Weekday::Fri),
            NaiveDate::from_ymd_opt(2025, 5, 30).unwrap()
        );
    }

    #[test]
    fn a_month_after_publication_is_last_year() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 6).unwrap();
        assert_eq!(year_of_recent(d, 12, None), 2024);
        assert_eq!(year_of_recent(d, 1, None), 2025);
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
    }
}
