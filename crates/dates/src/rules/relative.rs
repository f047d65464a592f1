//! Relative-date handlers: "today"/"last night", weekdays, "next week", "the day before",
//! weekends, offsets ("three years ago"), "year-ago", and references ("now", "recently").

use chrono::{Datelike, Weekday};
use regex::Captures;

use super::helpers::{
    after, duration_value, g, lower, mod_of, narrative_anchor, number, pod_code, prev_word,
    pub_anchor, shifted, unit_grain, unknown_at,
};
use super::{one, res, with_mod, Anchor, Env, Res, Tense};
use crate::calendar::{
    add_days, fmt_day, fmt_week, nearest_weekday, weekday_after, weekday_before, weekday_of,
};

pub(super) fn h_deictic(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let w = lower(c, "w")?;
    let pod = g(c, "pod");
    let offset = match (w.as_str(), pod) {
        ("yesterday", _) => -1,
        ("today" | "tonight", _) => 0,
        ("tomorrow", _) => 1,
        ("this", Some(_)) => 0,
        ("last", Some(p)) if matches!(p.to_ascii_lowercase().as_str(), "night" | "evening") => -1,
        _ => return None,
    };
    let pod = match (w.as_str(), pod) {
        ("tonight", None) => Some("NI"),
        (_, p) => p.map(pod_code),
    };
    let (date, anchor) = match env.dct {
        Some(p) => (fmt_day(add_days(p, offset)?), Anchor::Published(p)),
        None => ("XXXX-XX-XX".to_string(), Anchor::None),
    };
    let r = match pod {
        Some(code) => res("TIME", format!("{date}T{code}"), "part_of_day", anchor),
        None => res("DATE", date, "day", anchor),
    };
    one(with_mod(r, g(c, "mod").and_then(mod_of)))
}

pub(super) fn h_weekday(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let wd = weekday_of(g(c, "wd")?)?;
    let n = wd.num_days_from_monday() + 1;
    if g(c, "pl").is_some() {
        if g(c, "rel").is_some() || g(c, "pod").is_some() {
            return None;
        }
        return one(res("SET", format!("XXXX-WXX-{n}"), "set", Anchor::None));
    }
    let rel = lower(c, "rel");
    // "the previous Friday": anaphoric, the Friday before the narrative date
    let whole = c.get(0)?;
    if rel.as_deref() == Some("previous") && prev_word(env.text, whole.start()) == "the" {
        if let Some(nd) = env.narrative {
            let date = weekday_before(nd, wd, true);
            let mut r = res("DATE", fmt_day(date), "day", Anchor::Text(nd));
            if let Some(pod) = g(c, "pod") {
                r = res(
                    "TIME",
                    format!("{}T{}", fmt_day(date), pod_code(pod)),
                    "part_of_day",
                    Anchor::Text(nd),
                );
            }
            return one(r);
        }
    }
    let (value, anchor) = match env.dct {
        None => (format!("XXXX-WXX-{n}"), Anchor::None),
        Some(p) => {
            let date = match rel.as_deref() {
                Some("last" | "past" | "previous" | "this past") => weekday_before(p, wd, true),
                Some("next" | "coming" | "this coming") => weekday_after(p, wd, true),
                Some(_) => {
                    // "this Friday": the Friday of the publication week
                    p - chrono::Duration::days(p.weekday().num_days_from_monday() as i64)
                        + chrono::Duration::days(wd.num_days_from_monday() as i64)
                }
                None => match env.tense {
                    Tense::Future => weekday_after(p, wd, false),
                    Tense::Past | Tense::Reported => weekday_before(p, wd, false),
                    Tense::Unknown => nearest_weekday(p, wd),
                },
            };
            (fmt_day(date), Anchor::Published(p))
        }
    };
    let r = match g(c, "pod") {
        Some(pod) => res(
            "TIME",
            format!("{value}T{}", pod_code(pod)),
            "part_of_day",
            anchor,
        ),
        None => res("DATE", value, "day", anchor),
    };
    one(r)
}

pub(super) fn h_rel_unit(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let rel = lower(c, "rel")?;
    let u = lower(c, "u")?;
    let modifier = g(c, "pre").and_then(mod_of);
    let is_pod = matches!(u.as_str(), "morning" | "afternoon" | "evening" | "night");
    enum Base {
        Pub,
        Narr,
    }
    let (base, off) = match rel.as_str() {
        "the past" | "the last" => {
            if is_pod || u == "weekend" {
                return None;
            }
            let r = res(
                "DURATION",
                duration_value(Some(1.0), &u),
                "duration",
                Anchor::None,
            );
            return one(with_mod(r, modifier));
        }
        "last" | "previous" | "past" => (Base::Pub, -1),
        "this" | "current" | "the current" => (Base::Pub, 0),
        "next" if u == "day" || is_pod => (Base::Narr, 1),
        "next" | "coming" | "the coming" => (Base::Pub, 1),
        "the following" | "the next" => (Base::Narr, 1),
        "the previous" => (Base::Narr, -1),
        _ => (Base::Narr, 0), // that, the same
    };
    if is_pod && matches!(base, Base::Pub) {
        return None; // "this morning", "last night": the deictic rule
    }
    if u == "day" && matches!(base, Base::Pub) {
        return None;
    }
    let (date, anchor) = match base {
        Base::Pub => (env.dct, pub_anchor(env)),
        Base::Narr => narrative_anchor(env),
    };
    let grain = match u.as_str() {
        "weekend" => "week",
        "day" | "morning" | "afternoon" | "evening" | "night" => "day",
        other => unit_grain(other),
    };
    let mut value = match date {
        Some(d) => shifted(d, grain, off)?,
        None => unknown_at(grain),
    };
    let mut kind = "DATE";
    let mut out_grain = grain;
    if u == "weekend" {
        value.push_str("-WE");
    } else if is_pod {
        value = format!("{value}T{}", pod_code(&u));
        kind = "TIME";
        out_grain = "part_of_day";
    }
    one(with_mod(res(kind, value, out_grain, anchor), modifier))
}

pub(super) fn h_unit_before(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let u = lower(c, "u")?;
    let dir = lower(c, "dir")?;
    let off = if dir == "before" || dir == "earlier" {
        -1
    } else {
        1
    };
    let (date, anchor) = narrative_anchor(env);
    let grain = unit_grain(&u);
    let value = match date {
        Some(d) => shifted(d, grain, off)?,
        None => unknown_at(grain),
    };
    one(res("DATE", value, grain, anchor))
}

pub(super) fn h_weekend(_c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let (value, anchor) = match env.dct {
        Some(p) => {
            let sat = if env.tense == Tense::Future {
                weekday_after(p, Weekday::Sat, false)
            } else if p.weekday() == Weekday::Sun {
                p - chrono::Duration::days(1)
            } else {
                weekday_before(p, Weekday::Sat, false)
            };
            (format!("{}-WE", fmt_week(sat)), Anchor::Published(p))
        }
        None => ("XXXX-WXX-WE".to_string(), Anchor::None),
    };
    one(res("DATE", value, "week", anchor))
}

pub(super) fn h_offset(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let dir = lower(c, "dir")?;
    let whole = c.get(0)?;
    if matches!(dir.as_str(), "before" | "after") {
        // "two years after the war": a preposition, not a narrative offset.
        let rest = after(env.text, whole.end()).trim_start();
        if rest.starts_with(|ch: char| ch.is_alphanumeric()) {
            return None;
        }
    }
    let n = number(g(c, "n")?)?;
    let u = lower(c, "u")?;
    let mut grain = unit_grain(&u);
    if grain == "minute" {
        grain = "day";
    }
    let backward = matches!(dir.as_str(), "ago" | "earlier" | "before" | "previously");
    let (date, anchor) = if matches!(dir.as_str(), "ago" | "from now" | "hence") {
        (env.dct, pub_anchor(env))
    } else {
        narrative_anchor(env)
    };
    let modifier = g(c, "mod").and_then(|m| match mod_of(m) {
        Some("MORE_THAN") => Some(if backward { "BEFORE" } else { "AFTER" }),
        Some("LESS_THAN") => Some(if backward { "AFTER" } else { "BEFORE" }),
        other => other,
    });
    let Some(k) = n else {
        let v = if backward { "PAST_REF" } else { "FUTURE_REF" };
        return one(with_mod(
            res("DATE", v.into(), "reference", anchor),
            modifier,
        ));
    };
    if k.fract() != 0.0 {
        return None;
    }
    let mut steps = k as i32 * if backward { -1 } else { 1 };
    let value = match date {
        None => unknown_at(grain),
        Some(d) => {
            // "a year ago" in an earnings story: the same quarter a year before.
            if grain == "year" && k == 1.0 && backward {
                if let (Some((y, q)), true) = (env.last_quarter, u.starts_with("year")) {
                    let v = format!("{:04}-Q{q}", y - 1);
                    let mut r = with_mod(res("DATE", v, "quarter", anchor), modifier);
                    r.focus = false;
                    return one(r);
                }
            }
            if grain == "decade" {
                grain = "year";
                steps *= 10;
            } else if grain == "century" {
                grain = "year";
                steps *= 100;
            }
            shifted(d, grain, steps)?
        }
    };
    one(with_mod(res("DATE", value, grain, anchor), modifier))
}

pub(super) fn h_year_ago(_c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let Some(p) = env.dct else {
        return one(res("DATE", "XXXX".into(), "year", Anchor::None));
    };
    let mut r = match env.last_quarter {
        Some((y, q)) => res(
            "DATE",
            format!("{:04}-Q{q}", y - 1),
            "quarter",
            Anchor::Published(p),
        ),
        None => res(
            "DATE",
            format!("{:04}", p.year() - 1),
            "year",
            Anchor::Published(p),
        ),
    };
    r.focus = false;
    one(r)
}

pub(super) fn h_ref(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let anchor = pub_anchor(env);
    let mut r = if c.name("present").is_some() {
        res("DATE", "PRESENT_REF".into(), "reference", anchor)
    } else if c.name("past").is_some() {
        res("DATE", "PAST_REF".into(), "reference", anchor)
    } else if let Some(m) = c.name("thepast") {
        let rest = after(env.text, m.end()).trim_start();
        if rest.starts_with(|ch: char| ch.is_alphanumeric())
            && !rest.starts_with("and")
            && !rest.starts_with("or")
        {
            return None;
        }
        let mut r = res("DATE", "PAST_REF".into(), "reference", anchor);
        r.span = Some(m.range());
        r
    } else {
        res("DATE", "FUTURE_REF".into(), "reference", anchor)
    };
    if r.span.is_none() {
        r.span = None;
    }
    one(r)
}
