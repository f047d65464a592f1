//! Year handlers: decades, numeric years, years in words, and "the year".

use chrono::Datelike;
use regex::Captures;

use super::helpers::{after, g, lower, mod_of, number, prev_word};
use super::{one, res, with_mod, Anchor, Env, Res};

pub(super) fn h_decade(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let decade: i32 = if let Some(d) = g(c, "dec") {
        d.parse::<i32>().ok()? / 10
    } else if let Some(d) = g(c, "d2").or(g(c, "d3")) {
        if g(c, "d3").is_some() && !c.get(0)?.as_str().to_ascii_lowercase().starts_with("the") {
            return None; // "90s" alone is usually an age or temperature
        }
        190 + d.parse::<i32>().ok()? / 10
    } else {
        let w = lower(c, "w")?;
        let tens = [
            "",
            "",
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ]
        .iter()
        .position(|x| *x == w)?;
        190 + tens as i32
    };
    let _ = env;
    let m = g(c, "mod").or(g(c, "mod2")).and_then(mod_of);
    one(with_mod(
        res("DATE", format!("{decade:03}"), "decade", Anchor::None),
        m,
    ))
}

const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "by",
    "of",
    "until",
    "till",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "between",
    "and",
    "or",
    "for",
    "early",
    "late",
    "mid",
    "circa",
    "around",
    "year",
    "fiscal",
    "the",
    "end",
    "since",
    "as",
    "at",
    "on",
    "than",
    "throughout",
    "into",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "season",
    "election",
    "'s",
];

pub(super) fn h_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let ym = c.name("y")?;
    let y: i32 = ym.as_str().parse().ok()?;
    let pre = lower(c, "mod");
    let text = env.text;
    let before = text[..ym.start()].chars().next_back();
    let rest = after(text, ym.end());
    if before.is_some_and(|ch| "$#£€¥".contains(ch) || ch.is_ascii_digit()) {
        return None;
    }
    if rest.starts_with('%')
        || rest.starts_with(" percent")
        || rest.starts_with(|ch: char| ch.is_ascii_digit())
        || (rest.starts_with([',', '.']) && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return None;
    }
    if pre.is_none() && !env.hinted {
        // "2000 people": a count, not a year.
        let next_word: String = rest
            .trim_start()
            .chars()
            .take_while(|ch| ch.is_alphabetic() || *ch == '-')
            .collect();
        let prev = prev_word(text, ym.start());
        let counted = next_word.len() > 2
            && next_word.chars().all(|ch| ch.is_lowercase())
            && next_word.ends_with('s')
            && !matches!(
                next_word.as_str(),
                "was" | "is" | "has" | "as" | "levels" | "s"
            );
        if counted && !YEAR_CONTEXT.contains(&prev.as_str()) {
            return None;
        }
        if prev == "about" || prev == "some" || prev == "nearly" || prev == "than" && counted {
            return None;
        }
    }
    let (value, grain) = match pre.as_deref() {
        Some("the first half of" | "first half of") => (format!("{y:04}-H1"), "half"),
        Some("the second half of" | "second half of") => (format!("{y:04}-H2"), "half"),
        _ => (format!("{y:04}"), "year"),
    };
    let m = pre.as_deref().and_then(mod_of);
    one(with_mod(res("DATE", value, grain, Anchor::None), m))
}

/// "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001.
pub(super) fn spelled_year(s: &str) -> Option<i32> {
    let s = s.to_ascii_lowercase().replace('-', " ");
    let words: Vec<&str> = s.split_whitespace().collect();
    let rest = |ws: &[&str]| -> Option<i32> {
        match ws {
            [] => Some(0),
            ["hundred"] => Some(0),
            ["oh", w] => number(w)?.map(|v| v as i32),
            _ => number(&ws.join(" "))?.map(|v| v as i32),
        }
    };
    match words.as_slice() {
        ["two", "thousand", "and", more @ ..] | ["two", "thousand", more @ ..] => {
            Some(2000 + rest(more)?)
        }
        [century, more @ ..] => {
            let c = number(century)??;
            let r = rest(more)?;
            (r < 100).then_some(c as i32 * 100 + r)
        }
        _ => None,
    }
}

/// A year in words. "two thousand" alone is a count unless "the year" or a
/// preposition comes before it.
pub(super) fn h_spelled_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let ys = c.name("ys")?;
    let y = spelled_year(ys.as_str())?;
    if y >= 2000 && g(c, "the").is_none() {
        let prev = prev_word(env.text, ys.start());
        if !matches!(
            prev.as_str(),
            "in" | "since" | "by" | "until" | "of" | "before" | "after"
        ) {
            return None;
        }
    }
    one(res("DATE", format!("{y:04}"), "year", Anchor::None))
}

/// "for the year ended Aug. 31" (a year-long period: `P1Y`), "a high for
/// the year", "for the full year" (the publication year). "the year-ago",
/// "the year before", "the year two thousand" are left to other rules.
pub(super) fn h_the_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
    let t = c.name("t")?;
    let rest = after(env.text, t.end());
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|ch| ch.is_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if rest.starts_with(['-', '\'', '’'])
        || matches!(
            next.as_str(),
            "ago"
                | "earlier"
                | "before"
                | "after"
                | "later"
                | "two"
                | "to"
                | "when"
                | "that"
                | "in"
        )
    {
        return None;
    }
    let mut r = if matches!(next.as_str(), "ended" | "ending" | "ends") {
        res("DURATION", "P1Y".into(), "duration", Anchor::None)
    } else {
        match env.dct {
            Some(p) => res(
                "DATE",
                format!("{:04}", p.year()),
                "year",
                Anchor::Published(p),
            ),
            None => res("DATE", "XXXX".into(), "year", Anchor::None),
        }
    };
    r.span = Some(t.range());
    one(r)
}
