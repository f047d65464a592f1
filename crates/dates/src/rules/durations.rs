//! Duration handlers: counted durations, vague durations ("for years"), and sets ("every week").

use regex::Captures;

use super::helpers::{after, duration_value, g, lower, mod_of, number, pod_code, prev_word};
use super::{one, res, with_mod, Anchor, Env, Res};
use crate::calendar::weekday_of;

pub(super) fn h_duration(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let mut n = number(g(c, "n")?)?;
    let u = lower(c, "u")?;
    let ns = lower(c, "n")?;
    let whole = c.get(0)?;
    // "the 1988 second quarter": a year and an ordinal, not 1988 seconds
    // "the 1988 quarter": a year before a singular unit is not a count
    if ns.len() == 4 && ns.bytes().all(|b| b.is_ascii_digit()) && !u.ends_with('s') {
        return None;
    }
    if g(c, "half").is_some() {
        // "a minute and a half", "two years and a half"
        n = n.map(|v| v + 0.5);
    }
    let rest = after(env.text, whole.end());
    // "one day" / "a day" opening a clause is a date-ish idiom; "a second" is an ordinal.
    if u == "second" && (ns == "a" || ns == "one") {
        return None;
    }
    // "5 1/2 years" handled; "a year" in "$5 a year" is a rate, not a duration
    let prev = prev_word(env.text, whole.start());
    if (ns == "a" || ns == "an" || ns == "per")
        && (prev.ends_with(|ch: char| ch.is_ascii_digit())
            || prev == "times"
            || prev == "twice"
            || prev == "once")
    {
        return None;
    }
    // "two years old" is an age, still a duration in TimeML: keep.
    if ns == "some" || ns == "many" {
        // "some days" / "many years": too vague to be useful unless pluralised
        if !u.ends_with('s') {
            return None;
        }
    }
    if ns == "a" && u.ends_with('s') {
        return None;
    }
    // ages ("a 52-year-old"), fractions ("three-quarters", "a quarter of")
    if rest.starts_with("-old") || rest.starts_with(" old") {
        return None;
    }
    if u.starts_with("quarter") && (whole.as_str().contains('-') || ns == "a") {
        return None;
    }
    let _ = rest;
    let mut r = res("DURATION", duration_value(n, &u), "duration", Anchor::None);
    // "over the past three years": "over" is a preposition there, not a modifier
    if let Some(m) = c.name("mod") {
        let rest = env.text[m.end()..whole.end()].trim_start();
        if rest.to_ascii_lowercase().starts_with("the ") {
            r.span = Some(whole.end() - rest.len()..whole.end());
            return one(r);
        }
    }
    one(with_mod(r, g(c, "mod").and_then(mod_of)))
}

pub(super) fn h_vague_duration(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
    if let Some(u) = lower(c, "u") {
        let mut r = res(
            "DURATION",
            duration_value(None, &u),
            "duration",
            Anchor::None,
        );
        r.span = Some(c.name("u")?.range());
        return one(r);
    }
    let u = lower(c, "u2")?;
    if u == "years" || u == "decades" {
        one(res("DATE", "PAST_REF".into(), "reference", Anchor::None))
    } else {
        one(res(
            "DURATION",
            duration_value(None, &u),
            "duration",
            Anchor::None,
        ))
    }
}

pub(super) fn h_set(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
    let v = if let Some(u) = lower(c, "u").or_else(|| lower(c, "u2")) {
        if let Some(wd) = weekday_of(&u) {
            format!("XXXX-WXX-{}", wd.num_days_from_monday() + 1)
        } else {
            match u.as_str() {
                "day" => "P1D".into(),
                "week" => "P1W".into(),
                "month" => "P1M".into(),
                "quarter" => "P3M".into(),
                "hour" => "PT1H".into(),
                "weekend" => "XXXX-WXX-WE".into(),
                "morning" | "afternoon" | "evening" | "night" => {
                    format!("XXXX-XX-XXT{}", pod_code(&u))
                }
                _ => "P1Y".into(),
            }
        }
    } else {
        match lower(c, "adv")?.as_str() {
            "daily" => "P1D".into(),
            "weekly" => "P1W".into(),
            "monthly" => "P1M".into(),
            "quarterly" => "P3M".into(),
            "hourly" => "PT1H".into(),
            "nightly" => "XXXX-XX-XXTNI".into(),
            _ => "P1Y".into(),
        }
    };
    one(res("SET", v, "set", Anchor::None))
}
