//! Clock-time handlers: times of day, time-zone offsets, a date right after a time.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::helpers::{g, lower, resolve_md};
use super::{one, res, Anchor, Env, Res, Tense};
use crate::calendar::{
    add_days, fmt_day, month_of, nearest_weekday, weekday_after, weekday_before, weekday_of,
};

fn zone_offset(z: &str) -> &'static str {
    match z.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" => "Z",
        "EST" | "CDT" => "-05:00",
        "EDT" => "-04:00",
        "CST" | "MDT" => "-06:00",
        "MST" | "PDT" => "-07:00",
        "PST" => "-08:00",
        "BST" | "CET" => "+01:00",
        "CEST" | "EET" => "+02:00",
        "EEST" | "MSK" => "+03:00",
        "IST" => "+05:30",
        "PKT" => "+05:00",
        "SGT" | "HKT" => "+08:00",
        "WIB" => "+07:00",
        "JST" => "+09:00",
        "AEST" => "+10:00",
        "AEDT" => "+11:00",
        _ => "",
    }
}

/// A month and day right after a clock time ("16:15 UTC, June 1st",
/// "10 a.m. on March 3"), resolved as that date would be on its own.
fn date_after_time(env: &Env<'_>, end: usize) -> Option<(String, Anchor)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\s*,?\s*(?:on\s+)?([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?\b")
            .expect("valid regex")
    });
    let c = re.captures(env.text.get(end..)?)?;
    let m = month_of(&c[1])?;
    let d: u32 = c[2].parse().ok()?;
    // a year after the day ("June 1, 2009") belongs to the date
    let rest = env.text.get(end + c.get(0)?.end()..).unwrap_or("");
    let y = rest
        .strip_prefix(',')
        .unwrap_or(rest)
        .trim_start()
        .get(..4)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse().ok());
    let (v, a, _) = resolve_md(env, m, Some(d), y)?;
    Some((v, a))
}

pub(super) fn h_time(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let (h, mi) = if let Some(nm) = lower(c, "nm") {
        if nm == "noon" {
            (12, 0)
        } else {
            (24, 0)
        }
    } else {
        let mut h: u32 = g(c, "h")?.parse().ok()?;
        let mi: u32 = g(c, "mi").map_or(Some(0), |s| s.parse().ok())?;
        if let Some(ap) = lower(c, "ap") {
            let pm = ap.starts_with('p');
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        } else if g(c, "z").is_some_and(|z| z.len() <= 1) && g(c, "mi").is_none() {
            return None;
        }
        (h, mi)
    };
    if let Some(z) = g(c, "z") {
        // zones are upper case; "est" or "ist" lower case are words
        if !z.chars().all(|ch| ch.is_ascii_uppercase()) && !env.hinted {
            return None;
        }
    }
    let zone = g(c, "z").map_or("", zone_offset);
    // the day: an attached day word, else the publication date
    let (date, anchor) = match (lower(c, "day"), env.dct) {
        (_, None) => ("XXXX-XX-XX".to_string(), Anchor::None),
        (Some(dw), Some(p)) => {
            let d = match dw.as_str() {
                "yesterday" => add_days(p, -1)?,
                "tomorrow" => add_days(p, 1)?,
                "today" | "tonight" => p,
                other => {
                    let wd = weekday_of(other)?;
                    match env.tense {
                        Tense::Future => weekday_after(p, wd, false),
                        Tense::Past | Tense::Reported => weekday_before(p, wd, false),
                        // no tense marker: the nearer one, as for a bare weekday
                        Tense::Unknown => nearest_weekday(p, wd),
                    }
                }
            };
            (fmt_day(d), Anchor::Published(p))
        }
        (None, Some(p)) => match date_after_time(env, c.get(0)?.end()) {
            // "at 16:15 UTC, June 1st": the date right after the clock time
            Some((v, a)) => (v, a),
            None => (fmt_day(p), Anchor::Published(p)),
        },
    };
    one(res(
        "TIME",
        format!("{date}T{h:02}:{mi:02}{zone}"),
        "minute",
        anchor,
    ))
}
