//! Handlers for parts of a year: quarters, halves, seasons.

use chrono::{Datelike, NaiveDate};
use regex::Captures;

use super::helpers::{after, g, lower, pick_year, prev_word};
use super::years::spelled_year;
use super::{one, res, with_mod, Anchor, Env, Res, Tense};
use crate::calendar::{add_days, add_months, add_quarters, days_in_month, quarter_of};

pub(super) fn h_quarter(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let ord = lower(c, "ord").or_else(|| lower(c, "qq").map(|q| q[1..].to_string()));
    let rel = lower(c, "rel");
    let q: Option<u32> = ord.as_deref().map(|o| match o {
        "first" | "1st" | "1" => 1,
        "second" | "2nd" | "2" => 2,
        "third" | "3rd" | "3" => 3,
        _ => 4,
    });
    if let Some(qq) = g(c, "qq") {
        if !qq.starts_with('Q') && !env.hinted {
            return None;
        }
    }
    // "the 1988 quarter": the text's current quarter in that year
    if let (None, None, Some(y)) = (
        q,
        rel.as_deref(),
        g(c, "y0").and_then(|s| s.parse::<i32>().ok()),
    ) {
        let cur = env.last_quarter.or_else(|| {
            env.dct
                .map(|p| add_quarters(p.year(), quarter_of(p.month()), -1))
        });
        let (value, anchor) = match (cur, env.dct) {
            (Some((_, q)), Some(p)) => (format!("{y:04}-Q{q}"), Anchor::Published(p)),
            _ => (format!("{y:04}-QX"), Anchor::None),
        };
        let mut r = res("DATE", value, "quarter", anchor);
        r.focus = false;
        return one(r);
    }
    if q.is_none() && rel.is_none() && g(c, "the").is_none() && g(c, "own").is_none() {
        return None; // bare "quarter"
    }
    // "last year's quarter", "the quarter a year ago", "the corresponding
    // period last year": the text's current quarter, a year back
    let ago = g(c, "ago").is_some() || rel.as_deref() == Some("corresponding");
    if q.is_none() && (ago || lower(c, "own").as_deref() == Some("last year's")) {
        let (value, anchor) = match env.dct {
            Some(p) => {
                let pq = (p.year(), quarter_of(p.month()));
                let (y, q) = env
                    .last_quarter
                    .unwrap_or_else(|| add_quarters(pq.0, pq.1, -1));
                (format!("{:04}-Q{q}", y - 1), Anchor::Published(p))
            }
            None => ("XXXX-QX".to_string(), Anchor::None),
        };
        let mut r = res("DATE", value, "quarter", anchor);
        r.focus = false;
        return one(r);
    }
    let year_off = match lower(c, "yrel").or_else(|| lower(c, "own")).as_deref() {
        Some(s) if s.starts_with("last") => Some(-1),
        Some(s) if s.starts_with("this") => Some(0),
        Some(s) if s.starts_with("next") => Some(1),
        _ => None,
    };
    let explicit: Option<i32> = g(c, "y").or(g(c, "y0")).and_then(|s| s.parse().ok());

    let back = if g(c, "ya").is_some() { 1 } else { 0 };
    if let (Some(q), Some(y)) = (q, explicit) {
        let mut r = res(
            "DATE",
            format!("{:04}-Q{q}", y - back),
            "quarter",
            Anchor::None,
        );
        r.focus = back == 0;
        return one(r);
    }
    let Some(p) = env.dct else {
        let v = q.map_or("XXXX-QX".to_string(), |q| format!("XXXX-Q{q}"));
        return one(res("DATE", v, "quarter", Anchor::None));
    };
    let anchor = Anchor::Published(p);
    let pq = (p.year(), quarter_of(p.month()));
    let (y, q) = match (q, year_off) {
        (Some(q), Some(off)) => (p.year() + off, q),
        (Some(q), None) => {
            let span = |y: i32| {
                let s = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
                let e = NaiveDate::from_ymd_opt(y, q * 3, days_in_month(y, q * 3))?;
                Some((s, e))
            };
            // completed or current quarter: reports look back even in future tense
            (pick_year(p, Tense::Past, span)?, q)
        }
        (None, _) => match rel.as_deref() {
            Some("current") => pq,
            Some("year-earlier" | "year-ago" | "comparable" | "same") => {
                let (y, q) = env
                    .last_quarter
                    .unwrap_or_else(|| add_quarters(pq.0, pq.1, -1));
                (y - 1, q)
            }
            None => env
                .last_quarter
                .unwrap_or_else(|| add_quarters(pq.0, pq.1, -1)),
            _ => add_quarters(pq.0, pq.1, -1),
        },
    };
    let year_ago = back == 1
        || matches!(
            rel.as_deref(),
            Some("year-earlier" | "year-ago" | "comparable" | "same")
        );
    let mut r = res("DATE", format!("{:04}-Q{q}", y - back), "quarter", anchor);
    r.focus = !year_ago;
    one(r)
}

pub(super) fn h_half(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let hw = lower(c, "h")?;
    if hw == "last" && g(c, "y").is_none() && g(c, "yrel").is_none() {
        return None; // "the last half hour"; only "the last half of 1989"
    }
    let h = if hw == "first" { 1 } else { 2 };
    if let Some(y) = g(c, "y") {
        return one(res("DATE", format!("{y}-H{h}"), "half", Anchor::None));
    }
    let p = env.dct;
    let off = match lower(c, "yrel").as_deref() {
        Some("last year") => Some(-1),
        Some("this year") => Some(0),
        Some("next year") => Some(1),
        _ => None,
    };
    let (y, anchor) = match (p, off) {
        (None, _) => return one(res("DATE", format!("XXXX-H{h}"), "half", Anchor::None)),
        (Some(p), Some(off)) => (p.year() + off, Anchor::Published(p)),
        (Some(p), None) => {
            // Only "the first half" in a sentence about a year: resolve like a quarter pair.
            let span = |y: i32| {
                let s = NaiveDate::from_ymd_opt(y, if h == 1 { 1 } else { 7 }, 1)?;
                let e = NaiveDate::from_ymd_opt(
                    y,
                    if h == 1 { 6 } else { 12 },
                    if h == 1 { 30 } else { 31 },
                )?;
                Some((s, e))
            };
            (pick_year(p, env.tense, span)?, Anchor::Published(p))
        }
    };
    one(res("DATE", format!("{y:04}-H{h}"), "half", anchor))
}

pub(super) fn h_season(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let s = lower(c, "s")?;
    let rel = lower(c, "rel");
    let whole = c.get(0)?;
    let (code, start_month) = match s.as_str() {
        "spring" => ("SP", 3),
        "summer" => ("SU", 6),
        "fall" | "autumn" => ("FA", 9),
        _ => ("WI", 12),
    };
    let year: Option<i32> = g(c, "y")
        .and_then(|y| y.parse().ok())
        .or_else(|| g(c, "ys").and_then(spelled_year));
    if year.is_none() && !env.hinted {
        let prev = prev_word(env.text, whole.start());
        let ctx = rel.is_some()
            || matches!(
                prev.as_str(),
                "in" | "during" | "by" | "until" | "since" | "through" | "over"
            );
        // "fall" is a verb unless determined: "last fall", "the fall" (not "the fall of Rome")
        let fall_ok = s != "fall"
            || match rel.as_deref() {
                None => false,
                Some("the") => !after(env.text, whole.end()).trim_start().starts_with("of"),
                Some(_) => true,
            };
        if !ctx || !fall_ok {
            return None;
        }
    }
    let modifier = match rel.as_deref() {
        Some("early") => Some("START"),
        Some("late") => Some("END"),
        Some("mid") => Some("MID"),
        _ => None,
    };
    if let Some(y) = year {
        return one(with_mod(
            res("DATE", format!("{y:04}-{code}"), "season", Anchor::None),
            modifier,
        ));
    }
    let Some(p) = env.dct else {
        return one(with_mod(
            res("DATE", format!("XXXX-{code}"), "season", Anchor::None),
            modifier,
        ));
    };
    let span = |y: i32| {
        let s = NaiveDate::from_ymd_opt(y, start_month, 1)?;
        let e = add_days(add_months(s, 3)?, -1)?;
        Some((s, e))
    };
    let py = p.year();
    let y = match rel.as_deref() {
        Some("last" | "this past") => (py - 2..=py)
            .rev()
            .find(|&y| span(y).is_some_and(|(_, e)| e < p))?,
        Some("next" | "this coming") => {
            (py..=py + 1).find(|&y| span(y).is_some_and(|(s, _)| s > p))?
        }
        Some("this") => {
            if code == "WI" && p.month() <= 2 {
                py - 1
            } else {
                py
            }
        }
        _ => pick_year(p, env.tense, span)?,
    };
    one(with_mod(
        res(
            "DATE",
            format!("{y:04}-{code}"),
            "season",
            Anchor::Published(p),
        ),
        modifier,
    ))
}
