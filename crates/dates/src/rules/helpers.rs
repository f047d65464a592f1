//! Helpers shared by the handlers: capture access, context words, anchors, year picking, number
//! parsing, duration values, shifting.

use chrono::{Datelike, NaiveDate};
use regex::Captures;

use super::{Anchor, Env, Tense};
use crate::calendar::{
    add_days, add_months, add_quarters, days_in_month, fmt_day, fmt_month, fmt_week, quarter_of,
};

pub(super) fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

pub(super) fn lower(c: &Captures<'_>, name: &str) -> Option<String> {
    g(c, name).map(|s| {
        s.to_ascii_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

pub(super) fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The word just before byte `pos`, lowercased.
pub(super) fn prev_word(text: &str, pos: usize) -> String {
    let before = text[..pos].trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    before[start..].to_lowercase()
}

/// The text right after byte `pos`.
pub(super) fn after(text: &str, pos: usize) -> &str {
    &text[pos..]
}

pub(super) fn mod_of(prefix: &str) -> Option<&'static str> {
    let p = prefix.trim().trim_end_matches('-').to_ascii_lowercase();
    Some(match p.as_str() {
        "early" | "the beginning of" | "the start of" | "beginning of" | "start of" => "START",
        "late" | "the end of" | "end of" | "end" => "END",
        "mid" | "the middle of" => "MID",
        "about" | "around" | "approximately" | "some" | "roughly" => "APPROX",
        "more than" | "over" | "just over" => "MORE_THAN",
        "less than" | "nearly" | "almost" | "just under" => "LESS_THAN",
        "at least" => "EQUAL_OR_MORE",
        "up to" => "EQUAL_OR_LESS",
        _ => return None,
    })
}

pub(super) fn pod_code(p: &str) -> &'static str {
    match p.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

pub(super) fn pub_anchor(env: &Env<'_>) -> Anchor {
    env.dct.map_or(Anchor::None, Anchor::Published)
}

/// The narrative anchor (an earlier day in the text), else the publication date.
pub(super) fn narrative_anchor(env: &Env<'_>) -> (Option<NaiveDate>, Anchor) {
    match (env.narrative, env.dct) {
        (Some(n), _) => (Some(n), Anchor::Text(n)),
        (None, Some(p)) => (Some(p), Anchor::Published(p)),
        _ => (None, Anchor::None),
    }
}

/// Days before publication that a forward-pointing date may still fall on.
const FUTURE_GRACE_DAYS: i64 = 7;

/// News-mode year choice for an underspecified date. `span(y)` is the first
/// and last day of the expression in year `y`. Past: the latest occurrence
/// that starts on or before publication. Reported: the same, unless that is
/// more than 180 days back while the next occurrence is at most 90 days ahead. Forward:
/// the earliest that ends on or after publication minus [`FUTURE_GRACE_DAYS`].
/// Unknown: the nearest occurrence, the past one unless the future one is
/// more than twice as close.
pub(super) fn pick_year(
    p: NaiveDate,
    tense: Tense,
    span: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
) -> Option<i32> {
    let py = p.year();
    let grace = p - chrono::Duration::days(FUTURE_GRACE_DAYS);
    // the latest occurrence starting on or before publication, and the first ending after it
    let back = (py - 2..=py)
        .rev()
        .find(|&y| span(y).is_some_and(|(s, _)| s <= p));
    let fwd = (py - 1..=py + 1).find(|&y| span(y).is_some_and(|(_, e)| e > p));
    let dist = |y: Option<i32>, backward: bool| -> Option<i64> {
        let (s, e) = span(y?)?;
        Some(if backward {
            (p - e).num_days().max(0)
        } else {
            (s - p).num_days().max(0)
        })
    };
    let (db, df) = (dist(back, true), dist(fwd, false));
    match tense {
        Tense::Future => (py - 1..=py + 1).find(|&y| span(y).is_some_and(|(_, e)| e >= grace)),
        Tense::Past => back.or(fwd),
        Tense::Reported => match (db, df) {
            (Some(b), Some(f)) if b > 180 && f <= 90 => fwd,
            _ => back.or(fwd),
        },
        Tense::Unknown => match (db, df) {
            (Some(b), Some(f)) if 2 * f < b => fwd,
            _ => back.or(fwd),
        },
    }
}

fn month_span(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, m, 1)?,
        NaiveDate::from_ymd_opt(y, m, days_in_month(y, m))?,
    ))
}

pub(super) fn parse_year(s: &str) -> Option<i32> {
    let v: i32 = s.parse().ok()?;
    Some(match s.len() {
        2 => {
            if v >= 50 {
                1900 + v
            } else {
                2000 + v
            }
        }
        _ => v,
    })
}

/// Resolves month (+ day) with an optional explicit year.
pub(super) fn resolve_md(
    env: &Env<'_>,
    m: u32,
    d: Option<u32>,
    y: Option<i32>,
) -> Option<(String, Anchor, Option<NaiveDate>)> {
    if let Some(day) = d {
        if day == 0 || day > days_in_month(y.unwrap_or(2024), m) {
            return None;
        }
    }
    let fmt = |y: i32| match d {
        Some(day) => {
            let date = NaiveDate::from_ymd_opt(y, m, day);
            (
                date.map_or_else(|| format!("{y:04}-{m:02}-{day:02}"), fmt_day),
                date,
            )
        }
        None => (fmt_month(y, m), None),
    };
    if let Some(y) = y {
        let (v, date) = fmt(y);
        return Some((v, Anchor::None, date));
    }
    let Some(p) = env.dct else {
        let v = match d {
            Some(day) => format!("XXXX-{m:02}-{day:02}"),
            None => format!("XXXX-{m:02}"),
        };
        return Some((v, Anchor::None, None));
    };
    let year = pick_year(p, env.tense, |y| match d {
        Some(day) => NaiveDate::from_ymd_opt(y, m, day).map(|x| (x, x)),
        None => month_span(y, m),
    })?;
    let (v, date) = fmt(year);
    Some((v, Anchor::Published(p), date))
}

/// Parses a count word or number; `None` inside means vague (`X`).
pub(super) fn number(s: &str) -> Option<Option<f64>> {
    let s = s.trim().to_ascii_lowercase();
    let s = s.replace('-', " ");
    let words: Vec<&str> = s.split_whitespace().collect();
    let unit = |w: &str| -> Option<f64> {
        Some(match w {
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
            "twelve" => 12.0,
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
            "dozen" => 12.0,
            "half" => 0.5,
            _ => return None,
        })
    };
    match words.as_slice() {
        ["a", "few"] | ["few"] | ["several"] | ["many"] | ["some"] => Some(None),
        ["a", "couple", ..] | ["couple", ..] => Some(Some(2.0)),
        ["a", "dozen"] => Some(Some(12.0)),
        ["a", "half"] => Some(Some(0.5)),
        [n, "1/2"] => n.parse::<f64>().ok().map(|v| Some(v + 0.5)),
        [tens, ones] => Some(Some(unit(tens)? + unit(ones)?)),
        [w] => match w.parse::<f64>() {
            Ok(v) => Some(Some(v)),
            Err(_) => unit(w).map(Some),
        },
        _ => None,
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// TIMEX3 duration value for `n` units.
pub(super) fn duration_value(n: Option<f64>, unit: &str) -> String {
    let u = unit.to_ascii_lowercase();
    let u = u.trim_end_matches('s');
    let (scale, letter, time) = match u {
        "second" => (1.0, "S", true),
        "minute" => (1.0, "M", true),
        "hour" => (1.0, "H", true),
        "day" => (1.0, "D", false),
        "week" => (1.0, "W", false),
        "fortnight" => (2.0, "W", false),
        "month" => (1.0, "M", false),
        "quarter" => (3.0, "M", false),
        "decade" => (10.0, "Y", false),
        u if u.starts_with("centur") => (100.0, "Y", false),
        _ => (1.0, "Y", false),
    };
    let t = if time { "T" } else { "" };
    // a fraction goes to the next smaller unit when that makes it whole:
    // 2 1/2 years -> P2Y6M, a minute and a half -> PT1M30S, 1.5 days -> P1DT12H
    let lower_unit = match (letter, time) {
        ("Y", false) if scale == 1.0 => Some((12.0, "M", "")),
        ("D", false) => Some((24.0, "H", "T")),
        ("M", true) => Some((60.0, "S", "")),
        _ => None,
    };
    match n {
        // half a day -> PT12H; 1.5 hours -> PT1H30M
        Some(v) if v.fract() != 0.0 && (letter == "H" && time) => {
            let mins = (v * 60.0).round() as i64;
            format!("PT{}H{}M", mins / 60, mins % 60)
        }
        Some(v)
            if v.fract() != 0.0
                && lower_unit.is_some_and(|(k, _, _)| (v.fract() * k).fract() == 0.0) =>
        {
            let (k, small, sep) = lower_unit.unwrap_or((1.0, "", ""));
            let whole = v.trunc() as i64;
            let part = (v.fract() * k) as i64;
            if whole == 0 {
                format!("P{t}{sep}{part}{small}")
            } else {
                format!("P{t}{whole}{letter}{sep}{part}{small}")
            }
        }
        Some(v) => format!("P{t}{}{letter}", fmt_num(v * scale)),
        None if scale == 10.0 => "PXDE".to_string(),
        None if scale == 100.0 => "PXCE".to_string(),
        None => format!("P{t}X{letter}"),
    }
}

pub(super) fn unit_grain(u: &str) -> &'static str {
    let u = u.to_ascii_lowercase();
    match u.trim_end_matches('s') {
        "second" | "minute" | "hour" => "minute",
        "day" => "day",
        "week" | "fortnight" => "week",
        "month" => "month",
        "quarter" => "quarter",
        "decade" => "decade",
        u if u.starts_with("centur") => "century",
        _ => "year",
    }
}

/// A value at `grain` for date `d` shifted by `n` units of `grain`.
pub(super) fn shifted(d: NaiveDate, grain: &str, n: i32) -> Option<String> {
    Some(match grain {
        "day" => fmt_day(add_days(d, n as i64)?),
        "week" => fmt_week(add_days(d, 7 * n as i64)?),
        "month" => {
            let x = add_months(d, n)?;
            fmt_month(x.year(), x.month())
        }
        "quarter" => {
            let (y, q) = add_quarters(d.year(), quarter_of(d.month()), n);
            format!("{y:04}-Q{q}")
        }
        "decade" => format!("{:03}", (d.year() / 10) + n),
        "century" => format!("{:02}", (d.year() / 100) + n),
        _ => format!("{:04}", d.year() + n),
    })
}

pub(super) fn unknown_at(grain: &str) -> String {
    match grain {
        "day" => "XXXX-XX-XX",
        "week" => "XXXX-WXX",
        "month" => "XXXX-XX",
        "quarter" => "XXXX-QX",
        "decade" => "XXX",
        "century" => "XX",
        _ => "XXXX",
    }
    .to_string()
}
