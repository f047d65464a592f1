//! Publication-date normalisation to ISO 8601.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat};
use regex::Regex;
use std::sync::LazyLock;

/// Date-times with an offset, tried after RFC 3339 itself.
const OFFSET_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
    // ISO 8601 basic format, as some pages write JSON-LD dates.
    "%Y%m%dT%H%M%S%z",
];

/// Date-times without an offset (kept as local ISO date-times).
const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Plain dates. `%B` and `%b` both accept full and abbreviated month names.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%d-%b-%Y",
    "%Y %B %d",
];

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+").expect("valid regex")
});
static ABBREV_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([A-Za-z]{3,9})\.").expect("valid regex"));
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})(st|nd|rd|th)\b").expect("valid regex"));

/// Normalises a publication date to ISO 8601: `2025-11-08` for dates,
/// RFC 3339 (`2025-11-08T10:30:00+01:00`, `...Z` for UTC) for date-times
/// with a zone, `2025-11-08T10:30:00` for date-times without one.
///
/// Accepts ISO 8601 / RFC 3339, RFC 2822 (`Sat, 08 Nov 2025 10:30:00 +0100`),
/// `November 8, 2025`, `Nov. 8 2025`, `8 Nov 2025`, `8th November 2025`,
/// `2025/11/08`, with or without a leading weekday. Returns `None` for
/// anything else (and for years outside 1000–9999).
///
/// ```
/// use newsnlp_ingest::normalize_date;
/// assert_eq!(normalize_date("November 8, 2025").as_deref(), Some("2025-11-08"));
/// assert_eq!(normalize_date("2025-11-08T10:30:00Z").as_deref(), Some("2025-11-08T10:30:00Z"));
/// assert_eq!(normalize_date("soon"), None);
/// ```
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(&s) {
        return offset_iso(dt);
    }
    for format in OFFSET_FORMATS {
        if let Ok(dt) = DateTime::parse_from_str(&s, format) {
            return offset_iso(dt);
        }
    }
    for format in NAIVE_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&s, format) {
            return plausible(dt.date()).then(|| dt.format("%Y-%m-%dT%H:%M:%S%.f").to_string());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(&s) {
        return offset_iso(dt);
    }
    let simplified = WEEKDAY.replace(&s, "");
    let simplified = ABBREV_DOT.replace_all(&simplified, "$1");
    let simplified = ORDINAL.replace_all(&simplified, "$1");
    let simplified = simplified.replace("Sept ", "Sep ").replace("sept ", "sep ");
    for format in DATE_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(&simplified, format) {
            return plausible(date).then(|| date.format("%Y-%m-%d").to_string());
        }
    }
    general_date(&s)
}

/// Time-zone names pages write after a time, with their UTC offsets in
/// seconds (`UTC`, `GMT` and `Z` dtparse knows itself).
const ZONE_NAMES: &[(&str, i32)] = &[
    ("EST", -5 * 3600),
    ("EDT", -4 * 3600),
    ("CST", -6 * 3600),
    ("CDT", -5 * 3600),
    ("MST", -7 * 3600),
    ("MDT", -6 * 3600),
    ("PST", -8 * 3600),
    ("PDT", -7 * 3600),
    ("BST", 3600),
    ("CET", 3600),
    ("CEST", 2 * 3600),
    ("EET", 2 * 3600),
    ("EEST", 3 * 3600),
    ("JST", 9 * 3600),
    ("KST", 9 * 3600),
    ("AEST", 10 * 3600),
    ("AEDT", 11 * 3600),
];

static FULL_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|\D)(1\d{3}|2\d{3})").expect("valid regex"));
static CLOCK_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,2}:\d{2}").expect("valid regex"));
static ZONE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = ZONE_NAMES.iter().map(|(name, _)| *name).collect();
    Regex::new(&format!(
        r"\b(UTC|GMT|Z|{})\b|[+-]\d{{2}}:?\d{{2}}$",
        names.join("|")
    ))
    .expect("valid regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));

/// The formats no rule above knows (`2019-11-19 02:24:00 UTC`,
/// `November 19, 2019, 07:47`, `19 Nov 2019 07:09 GMT`, `20191119`), read
/// by dtparse, a port of Python's `dateutil` parser. A string without a
/// four-digit year is refused (dtparse would fill the rest in from today).
fn general_date(s: &str) -> Option<String> {
    use chrono::Datelike;
    let compact = s.len() == 8 && s.chars().all(|c| c.is_ascii_digit());
    if !(FULL_YEAR.is_match(s) || compact) {
        return None;
    }
    let zones: std::collections::HashMap<String, i32> = ZONE_NAMES
        .iter()
        .map(|(name, offset)| (name.to_string(), *offset))
        .collect();
    let parser = dtparse::Parser::default();
    let cleaned = s.replace(" at ", " ").replace(" | ", " ");
    // dtparse is a port with arithmetic of its own on every number it
    // reads: whatever an input holds, a panic in it is no date, not a crash.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(&cleaned, None, None, false, false, None, false, &zones)
    }));
    let (naive, offset, _) = parsed.ok()?.ok()?;
    // dtparse reads a day it cannot place (`32 Nov 2025`) as something
    // else: the day must be written in the string.
    let day = naive.day();
    let day_written = s.len() == 8 || NUMBER.find_iter(s).any(|n| n.as_str().parse() == Ok(day));
    if !plausible(naive.date()) || !day_written {
        return None;
    }
    if !CLOCK_TIME.is_match(s) {
        return Some(naive.date().format("%Y-%m-%d").to_string());
    }
    match offset.filter(|_| ZONE_WORD.is_match(s)) {
        Some(offset) => {
            let dt = naive.and_local_timezone(offset).single()?;
            offset_iso(dt)
        }
        None => Some(naive.format("%Y-%m-%dT%H:%M:%S%.f").to_string()),
    }
}

/// True for a date that stands for "no date": year 0 or 1 (`0001-01-01`,
/// `0000-00-00`, what HTML extractors and databases write for none) and
/// the Unix epoch itself (`1970-01-01T00:00:00Z`, a zero timestamp). Such a
/// date is no publication date, and no error either.
pub fn is_placeholder_date(raw: &str) -> bool {
    let s = raw.trim();
    let year = s.split(['-', '/', '.', 'T', ' ']).next().unwrap_or("");
    if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && year <= "0001" {
        return true;
    }
    let epoch = s.strip_prefix("1970-01-01").map(|rest| {
        rest.trim_start_matches(['T', ' '])
            .trim_end_matches(['Z', 'z'])
            .trim_end_matches("+00:00")
    });
    matches!(epoch, Some("" | "00:00" | "00:00:00" | "00:00:00.000"))
        && s.len() > "1970-01-01".len()
}

fn offset_iso(dt: DateTime<FixedOffset>) -> Option<String> {
    plausible(dt.date_naive()).then(|| dt.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn plausible(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (1000..=9999).contains(&date.year())
}

#[cfg(test)]
mod tests {
    use super::is_placeholder_date;
    use super::normalize_date as n;
    use super::normalize_date;

    #[test]
    fn placeholders_are_no_dates() {
        for raw in [
            "0001-01-01",
            "0001-01-01T00:00:00Z",
            "0000-00-00",
            "1970-01-01T00:00:00Z",
            "1970-01-01 00:00:00",
        ] {
            assert!(is_placeholder_date(raw), "{raw}");
        }
        for raw in [
            "1970-01-01",
            "2025-11-08",
            "1001-01-01",
            "1970-01-01T10:00:00Z",
            "soon",
        ] {
            assert!(!is_placeholder_date(raw), "{raw}");
        }
    }

    #[test]
    fn iso_forms() {
        assert_eq!(n("2025-11-08").as_deref(), Some("2025-11-08"));
        assert_eq!(n(" 2025-11-08\n").as_deref(), Some("2025-11-08"));
        assert_eq!(n("2025/11/08").as_deref(), Some("2025-11-08"));
        assert_eq!(
            n("2025-11-08T10:30:00Z").as_deref(),
            Some("2025-11-08T10:30:00Z")
        );
        assert_eq!(
            n("2025-11-08T10:30:00+00:00").as_deref(),
            Some("2025-11-08T10:30:00Z")
        );
        assert_eq!(
            n("2025-11-08T10:30:00.250+05:30").as_deref(),
            Some("2025-11-08T10:30:00.250+05:30")
        );
        assert_eq!(
            n("2025-11-08T10:30:00+0100").as_deref(),
            Some("2025-11-08T10:30:00+01:00")
        );
        assert_eq!(
            n("2025-11-08 10:30:00").as_deref(),
            Some("2025-11-08T10:30:00")
        );
        assert_eq!(
            n("2025-11-08T10:30").as_deref(),
            Some("2025-11-08T10:30:00")
        );
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            n("Sat, 08 Nov 2025 10:30:00 +0100").as_deref(),
            Some("2025-11-08T10:30:00+01:00")
        );
        assert_eq!(
            n("Sat, 8 Nov 2025 10:30:00 GMT").as_deref(),
            Some("2025-11-08T10:30:00Z")
        );
    }

    #[test]
    fn written_dates() {
        for raw in [
            "November 8, 2025",
            "Nov 8, 2025",
            "Nov. 8, 2025",
            "nov 8 2025",
            "8 Nov 2025",
            "8 November 2025",
            "08 November, 2025",
            "8th November 2025",
            "November 8th, 2025",
            "Saturday, November 8, 2025",
            "Sat 8 Nov 2025",
            "8-Nov-2025",
        ] {
            assert_eq!(n(raw).as_deref(), Some("2025-11-08"), "{raw}");
        }
        assert_eq!(n("Sept 3, 2025").as_deref(), Some("2025-09-03"));
    }

    #[test]
    fn garbage_is_none() {
        for raw in [
            "",
            "yesterday",
            "2025-13-45",
            "32 Nov 2025",
            "November 2025x",
            "0001-01-01",
        ] {
            assert_eq!(n(raw), None, "{raw}");
        }
    }

    #[test]
    fn formats_real_pages_write() {
        for (raw, expected) in [
            ("2019-11-19 02:24:00 UTC", "2019-11-19T02:24:00Z"),
            ("November 19, 2019, 07:47", "2019-11-19T07:47:00"),
            ("Mon, 18 Nov 2019 16:07:38", "2019-11-18T16:07:38"),
            ("19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00Z"),
            ("Nov 19, 2019 at 7:47 AM EST", "2019-11-19T07:47:00-05:00"),
            ("20191119", "2019-11-19"),
            ("20180619T055000+0900", "2018-06-19T05:50:00+09:00"),
            ("19.11.2019", "2019-11-19"),
        ] {
            assert_eq!(normalize_date(raw).as_deref(), Some(expected), "{raw}");
        }
        for junk in ["5", "Monday", "soon", "12:30", "page 3"] {
            assert_eq!(normalize_date(junk), None, "{junk}");
        }
        // Whatever dtparse makes of these, it is no crash.
        for hostile in [
            "99999999999999999999999 Nov 2019",
            "2019-11-19 99:99:99",
            "Nov 2019 31 31 31 31",
            "2019 +99999999",
            "0.000000000000000000000001 2019",
        ] {
            let _ = normalize_date(hostile);
        }
    }
}
