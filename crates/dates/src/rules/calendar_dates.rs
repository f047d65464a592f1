//! Calendar-date handlers: ISO and numeric dates, month and day, day/month/year ranges, month and
//! year, a bare month, holidays.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::helpers::{
    capitalised, g, lower, mod_of, parse_year, pick_year, pod_code, prev_word, pub_anchor,
    resolve_md,
};
use super::years::spelled_year;
use super::{one, res, with_mod, Anchor, Env, Res, Tense};
use crate::calendar::{
    days_in_month, fmt_day, fmt_month, fmt_week, month_of, weekday_after, weekday_before,
    weekday_of,
};

pub(super) fn h_iso(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
    let y: i32 = g(c, "y")?.parse().ok()?;
    let m: u32 = g(c, "m")?.parse().ok()?;
    let d: u32 = g(c, "d")?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    match (g(c, "H"), g(c, "M")) {
        (Some(h), Some(mi)) => {
            let zone = match g(c, "z") {
                None => String::new(),
                Some(z) if z.eq_ignore_ascii_case("z") => "Z".into(),
                Some(z) if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
                Some(z) => z.to_string(),
            };
            one(res(
                "TIME",
                format!("{}T{h}:{mi}{zone}", fmt_day(date)),
                "minute",
                Anchor::None,
            ))
        }
        _ => one(res("DATE", fmt_day(date), "day", Anchor::None)),
    }
}

/// `a/b/yyyy`: day/month when `a > 12`, month/day when `b > 12`; when both are
/// at most 12 the US order month/day is used. `a.b.yyyy` is always day.month
/// (the European convention that writes dots).
pub(super) fn h_numeric(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let a: u32 = g(c, "a")?.parse().ok()?;
    let b: u32 = g(c, "b")?.parse().ok()?;
    let ys = g(c, "y")?;
    let dot = g(c, "sep")? == ".";
    if dot && ys.len() != 4 {
        return None;
    }
    // fractions, scores and versions: "1/2/3" preceded by a digit or dot
    let start = c.get(0)?.start();
    if env.text[..start].ends_with(|ch: char| ch.is_ascii_digit() || ch == '.' || ch == '/') {
        return None;
    }
    let y = parse_year(ys)?;
    let (m, d) = if dot || a > 12 { (b, a) } else { (a, b) };
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    one(res("DATE", fmt_day(date), "day", Anchor::None))
}

fn month_ok(c: &Captures<'_>, env: &Env<'_>, name: &str, has_context: bool) -> Option<u32> {
    let s = g(c, name)?;
    let m = month_of(s)?;
    if env.hinted {
        return Some(m);
    }
    if !capitalised(s) {
        return None;
    }
    let word = s.trim_end_matches('.').to_ascii_lowercase();
    let abbrev_no_dot =
        word.len() <= 4 && !s.ends_with('.') && word != "june" && word != "july" && word != "may";
    if (word == "may" || word == "march" || abbrev_no_dot) && !has_context {
        return None;
    }
    Some(m)
}

pub(super) fn h_month_day(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let m = month_ok(c, env, "mon", true)?;
    let d: u32 = g(c, "d")?.parse().ok()?;
    // "May 5" after a modal-like context is rare; "may 5" lowercase was rejected above.
    let mut y = g(c, "y").and_then(parse_year);
    // "last Oct. 23" / "next March 6": strictly before / after publication
    let tense = match lower(c, "rel").as_deref() {
        Some("last") => Tense::Past,
        Some("next") => Tense::Future,
        _ => env.tense,
    };
    let env = &Env { tense, ..*env };
    // "Saturday, April 25": the year (around publication) whose April 25 is a Saturday
    if let (None, Some(wd), Some(p)) = (y, g(c, "wd").and_then(weekday_of), env.dct) {
        let fits: Vec<i32> = (p.year() - 1..=p.year() + 1)
            .filter(|&yy| NaiveDate::from_ymd_opt(yy, m, d).is_some_and(|x| x.weekday() == wd))
            .collect();
        if let [only] = fits.as_slice() {
            let (v, _, _) = resolve_md(env, m, Some(d), Some(*only))?;
            let mut r = res("DATE", v, "day", Anchor::Published(p));
            if g(c, "wk").is_some() {
                r.value = fmt_week(NaiveDate::from_ymd_opt(*only, m, d)?);
                r.grain = "week";
            }
            return one(r);
        }
        y = None;
    }
    let (mut value, anchor, date) = resolve_md(env, m, Some(d), y)?;
    let mut r = res("DATE", String::new(), "day", anchor);
    r.guessed_year = y.is_none() && env.dct.is_some() && g(c, "rel").is_none();
    if g(c, "wk").is_some() {
        // "the week of March 6": the ISO week containing that day
        value = match date {
            Some(x) => fmt_week(x),
            None => "XXXX-WXX".to_string(),
        };
        r.grain = "week";
        r.guessed_year = false;
    } else if let Some(pod) = g(c, "pod") {
        value = format!("{value}T{}", pod_code(pod));
        r.kind = "TIME";
        r.grain = "part_of_day";
    }
    r.value = value;
    one(r)
}

pub(super) fn h_month_range(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let m1 = month_ok(c, env, "m1", true)?;
    let m2 = month_ok(c, env, "m2", true)?;
    let d1: Option<u32> = g(c, "d1").and_then(|s| s.parse().ok());
    let d2: Option<u32> = g(c, "d2").and_then(|s| s.parse().ok());
    let y = g(c, "y").and_then(parse_year);
    let (v2, a2, _) = resolve_md(env, m2, d2, y)?;
    let y2: Option<i32> = v2.get(..4).and_then(|s| s.parse().ok());
    // The first end lies in the same year as the second, or the year before
    // when the months wrap ("from November to March").
    let y1 = y2.map(|y| {
        if (m1, d1.unwrap_or(0)) > (m2, d2.unwrap_or(0)) {
            y - 1
        } else {
            y
        }
    });
    let (v1, _, _) = match y1 {
        Some(y) => resolve_md(env, m1, d1, Some(y))?,
        None => resolve_md(env, m1, d1, None)?,
    };
    let end1 = c.name("d1").or(c.name("m1"))?.end();
    let end2 = c.name("y").or(c.name("d2")).or(c.name("m2"))?.end();
    let grain = |d: Option<u32>| if d.is_some() { "day" } else { "month" };
    let mut r1 = res("DATE", v1, grain(d1), a2);
    r1.span = Some(c.name("m1")?.start()..end1);
    let mut r2 = res("DATE", v2, grain(d2), a2);
    r2.span = Some(c.name("m2")?.start()..end2);
    Some(vec![r1, r2])
}

pub(super) fn h_day_range(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let m = month_ok(c, env, "mon", true)?;
    let d1: u32 = g(c, "d1")?.parse().ok()?;
    let d2: u32 = g(c, "d2")?.parse().ok()?;
    if d2 <= d1 {
        return None;
    }
    let y = g(c, "y").and_then(parse_year);
    let (v2, a, _) = resolve_md(env, m, Some(d2), y)?;
    let y2: Option<i32> = v2.get(..4).and_then(|s| s.parse().ok());
    let (v1, _, _) = resolve_md(env, m, Some(d1), y2)?;
    let mut r1 = res("DATE", v1, "day", a);
    r1.span = Some(c.name("mon")?.start()..c.name("d1")?.end());
    let mut r2 = res("DATE", v2, "day", a);
    r2.span = Some(c.name("d2")?.start()..c.name("y").or(c.name("d2"))?.end());
    Some(vec![r1, r2])
}

pub(super) fn h_year_range(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
    let y1: i32 = g(c, "y1")?.parse().ok()?;
    let s2 = g(c, "y2")?;
    let full = c.get(0)?.as_str().to_ascii_lowercase();
    let pre = lower(c, "pre");
    if full.contains(" and ") && pre.as_deref() != Some("between") {
        return None;
    }
    if (full.contains(" to ") || full.contains("until") || full.contains("through"))
        && pre.is_none()
        && s2.len() == 2
    {
        return None;
    }
    let y2 = if s2.len() == 2 {
        (y1 / 100) * 100 + s2.parse::<i32>().ok()?
    } else if s2.len() == 4 {
        s2.parse().ok()?
    } else {
        return None;
    };
    if y2 <= y1 || y2 - y1 > 100 {
        return None;
    }
    let mut r1 = res("DATE", format!("{y1:04}"), "year", Anchor::None);
    r1.span = Some(c.name("y1")?.range());
    let mut r2 = res("DATE", format!("{y2:04}"), "year", Anchor::None);
    r2.span = Some(c.name("y2")?.range());
    Some(vec![r1, r2])
}

pub(super) fn h_month_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let m = month_ok(c, env, "mon", true)?;
    let y: i32 = match g(c, "y") {
        Some(y) => y.parse().ok()?,
        None => spelled_year(g(c, "ys")?)?,
    };
    let r = res("DATE", fmt_month(y, m), "month", Anchor::None);
    one(with_mod(r, g(c, "mod").and_then(mod_of)))
}

const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "this",
    "next",
    "and",
    "or",
    "between",
    "for",
    "on",
    "that",
    "each",
    "every",
    "until",
    "throughout",
];

/// The year offset of "of last/this/next year" right after a month name.
fn year_after_month(text: &str, end: usize) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)^\s+of\s+(last|this|next)\s+year\b").expect("valid regex")
    });
    let c = re.captures(text.get(end..)?)?;
    Some(match c[1].to_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    })
}

pub(super) fn h_month(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let rel = lower(c, "rel");
    let start = c.get(0)?.start();
    let context = rel.is_some() || MONTH_CONTEXT.contains(&prev_word(env.text, start).as_str());
    let m = month_ok(c, env, "mon", context)?;
    // "May" also starts many sentences as a verb; require it to be followed by
    // something other than a pronoun/name-like word when no context.
    let anchor = pub_anchor(env);
    let year_phrase = year_after_month(env.text, c.get(0)?.end());
    let (value, anchor) = match (rel.as_deref(), env.dct) {
        (Some("last"), Some(p)) => {
            // the month just before publication would be "last month"
            let y = if m + 1 < p.month() {
                p.year()
            } else {
                p.year() - 1
            };
            (fmt_month(y, m), anchor)
        }
        (Some("next"), Some(p)) => {
            let y = if m > p.month() {
                p.year()
            } else {
                p.year() + 1
            };
            (fmt_month(y, m), anchor)
        }
        (Some("this"), Some(p)) => (fmt_month(p.year(), m), anchor),
        // "after October of next year": the year phrase after the month
        // (tagged on its own) fixes the year
        (None, Some(p)) if year_phrase.is_some() => (fmt_month(p.year() + year_phrase?, m), anchor),
        _ => {
            let (v, a, _) = resolve_md(env, m, None, None)?;
            (v, a)
        }
    };
    let mut r = res("DATE", value, "month", anchor);
    r.guessed_year = env.dct.is_some()
        && year_phrase.is_none()
        && !matches!(rel.as_deref(), Some("last" | "next" | "this"));
    one(with_mod(r, rel.as_deref().and_then(mod_of)))
}

pub(super) fn h_holiday(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let hol = lower(c, "hol")?;
    let whole = c.get(0)?.as_str();
    if !capitalised(whole) && !env.hinted {
        return None;
    }
    // fixed dates; floating ones computed per year
    let fixed = |m: u32, d: u32| move |y: i32| NaiveDate::from_ymd_opt(y, m, d);
    let nth = |m: u32, wd: Weekday, n: i32| {
        move |y: i32| -> Option<NaiveDate> {
            if n > 0 {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                Some(weekday_after(first, wd, false) + chrono::Duration::days(7 * (n as i64 - 1)))
            } else {
                let last = NaiveDate::from_ymd_opt(y, m, days_in_month(y, m))?;
                Some(weekday_before(last, wd, false))
            }
        }
    };
    let f: Box<dyn Fn(i32) -> Option<NaiveDate>> = match hol.as_str() {
        "christmas eve" => Box::new(fixed(12, 24)),
        "christmas" | "christmas day" => Box::new(fixed(12, 25)),
        "boxing day" => Box::new(fixed(12, 26)),
        "new year's eve" => Box::new(fixed(12, 31)),
        "new year's day" => Box::new(fixed(1, 1)),
        "independence day" => Box::new(fixed(7, 4)),
        "halloween" => Box::new(fixed(10, 31)),
        "valentine's day" => Box::new(fixed(2, 14)),
        "thanksgiving" | "thanksgiving day" => Box::new(nth(11, Weekday::Thu, 4)),
        "labor day" => Box::new(nth(9, Weekday::Mon, 1)),
        "memorial day" => Box::new(nth(5, Weekday::Mon, -1)),
        _ => return None,
    };
    if let Some(y) = g(c, "y").and_then(|s| s.parse::<i32>().ok()) {
        return one(res("DATE", fmt_day(f(y)?), "day", Anchor::None));
    }
    let Some(p) = env.dct else {
        let v = match hol.as_str() {
            h if h.starts_with("christmas")
                || h == "boxing day"
                || h.starts_with("new year")
                || h == "independence day"
                || h == "halloween"
                || h.starts_with("valentine") =>
            {
                let d = f(2024)?;
                format!("XXXX-{:02}-{:02}", d.month(), d.day())
            }
            _ => "XXXX-XX-XX".into(),
        };
        return one(res("DATE", v, "day", Anchor::None));
    };
    let y = pick_year(p, env.tense, |y| f(y).map(|d| (d, d)))?;
    one(res("DATE", fmt_day(f(y)?), "day", Anchor::Published(p)))
}
