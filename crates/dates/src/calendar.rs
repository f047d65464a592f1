//! Small calendar helpers on top of `chrono::NaiveDate`, and TIMEX3 value formatting.

use chrono::{Datelike, Months, NaiveDate, Weekday};

/// Parses a publication date: `YYYY-MM-DD`, `YYYYMMDD`, or either followed by a
/// time (`T10:00:00Z`, ` 10:00`). Years outside 1900..=2100 are treated as bad
/// (crawlers write `0001-01-01` or `1970-01-01`-like placeholders far more often
/// than news is really that old or new), so they give `None`.
pub(crate) fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date = if s.len() >= 10 && s.as_bytes().get(4) == Some(&b'-') {
        NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?
    } else if s.len() >= 8 && s.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        NaiveDate::parse_from_str(s.get(..8)?, "%Y%m%d").ok()?
    } else {
        return None;
    };
    let rest = &s[if s.as_bytes().get(4) == Some(&b'-') {
        10
    } else {
        8
    }..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    (1900..=2100).contains(&date.year()).then_some(date)
}

/// `2025-11-08`.
pub(crate) fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `2025-11`.
pub(crate) fn fmt_month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// ISO week of a date: `2025-W45`.
pub(crate) fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Shifts a date by whole months (clamping the day), `None` when out of range.
pub(crate) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// Shifts a date by days.
pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(chrono::Duration::days(n))
}

/// Quarter (1..=4) of a month.
pub(crate) fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// Shifts a (year, quarter) pair by `n` quarters.
pub(crate) fn add_quarters(y: i32, q: u32, n: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + n;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

/// Weekday from its English name (full or common abbreviation).
pub(crate) fn weekday_of(name: &str) -> Option<Weekday> {
    let n = name.to_ascii_lowercase();
    let n = n.trim_end_matches('.');
    Some(match n {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Month number from an English name or abbreviation (`Sept.`, `oct`).
pub(crate) fn month_of(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let n = n.trim_end_matches('.');
    if n.len() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if n == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|full| *full == n || (n.len() == 3 && full.starts_with(n)))
        .map(|i| i as u32 + 1)
}

/// Number of days in a month.
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(y, m, 1);
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 31,
    }
}

/// The most recent `wd` on or before `d` (`strict`: strictly before).
/// The occurrence of `wd` nearest to `d` (the earlier one on a tie), for a
/// weekday with no tense to say which way to look.
pub(crate) fn nearest_weekday(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let (before, after) = (weekday_before(d, wd, false), weekday_after(d, wd, true));
    if (after - d) < (d - before) {
        after
    } else {
        before
    }
}

pub(crate) fn weekday_before(d: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut back = (d.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64)
        .rem_euclid(7);
    if strict && back == 0 {
        back = 7;
    }
    d - chrono::Duration::days(back)
}

/// The next `wd` on or after `d` (`strict`: strictly after).
pub(crate) fn weekday_after(d: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut fwd = (wd.num_days_from_monday() as i64 - d.weekday().num_days_from_monday() as i64)
        .rem_euclid(7);
    if strict && fwd == 0 {
        fwd = 7;
    }
    d + chrono::Duration::days(fwd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates_parse_or_degrade() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 8).unwrap();
        assert_eq!(parse_published("2025-11-08"), Some(d));
        assert_eq!(parse_published("2025-11-08T10:00:00Z"), Some(d));
        assert_eq!(parse_published("20251108"), Some(d));
        assert_eq!(parse_published("2025-13-08"), None);
        assert_eq!(parse_published("0001-01-01"), None);
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("2025-11-08x"), None);
    }

    #[test]
    fn weeks_quarters_and_weekdays() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 8).unwrap(); // a Saturday
        assert_eq!(fmt_week(d), "2025-W45");
        assert_eq!(add_quarters(2025, 1, -1), (2024, 4));
        assert_eq!(add_quarters(2025, 4, 1), (2026, 1));
        assert_eq!(
            fmt_day(weekday_before(d, Weekday::Mon, false)),
            "2025-11-03"
        );
        assert_eq!(fmt_day(weekday_before(d, Weekday::Sat, true)), "2025-11-01");
        assert_eq!(fmt_day(weekday_after(d, Weekday::Mon, false)), "2025-11-10");
        assert_eq!(month_of("Sept."), Some(9));
        assert_eq!(month_of("oct"), Some(10));
        assert_eq!(month_of("ma"), None);
        assert_eq!(days_in_month(2024, 2), 29);
    }
}
