//! The rule families: one regex and one handler per rule.
//!
//! A handler both *recognises* (returns `None` to reject a regex match whose
//! context guard fails, e.g. "May" as a modal verb) and *resolves* (turns the
//! match into TIMEX3 values against the publication date or the narrative
//! anchor held in [`Env`]). The orchestrator in `lib.rs` calls it once with no
//! narrative anchor to collect candidates and once more, in text order, to
//! resolve the candidates that won the overlap selection.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Captures, Regex};

use crate::calendar::*;

/// What a handler may look at besides its captures.
pub(crate) struct Env<'t> {
    /// The whole document text (captures index into it).
    pub text: &'t str,
    /// The publication date, when known and sane.
    pub dct: Option<NaiveDate>,
    /// The sentence's tense, for underspecified dates.
    pub tense: Tense,
    /// The last day-precise date resolved earlier in the text.
    pub narrative: Option<NaiveDate>,
    /// The last quarter resolved earlier in the text.
    pub last_quarter: Option<(i32, u32)>,
    /// The match overlaps a DATE/TIME hint from the entity tagger: context
    /// guards (bare years, "May", lowercase months) are relaxed.
    pub hinted: bool,
}

/// Tense of a sentence as far as date resolution cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// A past-tense verb next to the expression ("ended on Monday"): resolve
    /// backward (not after publication).
    Past,
    /// A past-tense sentence with no past verb next to the expression, as in
    /// reported speech ("said the vote would be held on March 12"): backward,
    /// unless that is more than 180 days back and the next occurrence is at
    /// most 90 days ahead.
    Reported,
    /// A forward cue ("will", "scheduled for" in a non-past sentence): resolve forward.
    Future,
    /// No marker either way (headlines, present tense): the nearest occurrence.
    Unknown,
}

/// What a value was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// Absolute expression, or no anchor was known (value has `X`s).
    None,
    /// The publication date.
    Published(NaiveDate),
    /// An earlier date in the text (narrative anchoring).
    Text(NaiveDate),
}

/// One resolved temporal expression.
#[derive(Debug, Clone)]
pub(crate) struct Res {
    pub kind: &'static str,
    pub value: String,
    pub grain: &'static str,
    pub anchor: Anchor,
    pub modifier: Option<&'static str>,
    /// Absolute byte range when it differs from the whole match (ranges, trimmed matches).
    pub span: Option<Range<usize>>,
    /// Whether a quarter value becomes the text's current quarter (false for
    /// "the year-ago quarter", which only looks back from it).
    pub focus: bool,
    /// The year was guessed from the publication date and tense (a month, a
    /// month and day): a later mention of the same date reuses the first
    /// mention's year.
    pub guessed_year: bool,
}

type Handler = fn(&Captures<'_>, &Env<'_>) -> Option<Vec<Res>>;

/// A rule: name (the Timex `rule` field), regex, handler.
pub(crate) struct Rule {
    pub name: &'static str,
    pub re: Regex,
    pub f: Handler,
}

fn res(kind: &'static str, value: String, grain: &'static str, anchor: Anchor) -> Res {
    Res {
        kind,
        value,
        grain,
        anchor,
        modifier: None,
        span: None,
        focus: true,
        guessed_year: false,
    }
}

fn one(r: Res) -> Option<Vec<Res>> {
    Some(vec![r])
}

fn with_mod(mut r: Res, m: Option<&'static str>) -> Res {
    r.modifier = m;
    r
}

// ---------------------------------------------------------------- patterns

const MONTHS_FULL: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";
const MONTHS_ABBR: &str = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const YEAR: &str = r"(?:1[5-9]\d\d|20\d\d)";
const NUM: &str = r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a few|a couple of|a couple|couple of|a dozen|a half|several|few|many|some|an|a)";
/// A year in words: "nineteen ninety-six", "nineteen oh-five", "two thousand (and) one".
const SPELLED: &str = r"(?:(?:eighteen|nineteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)";
const UNIT: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))";
const POD: &str = "morning|afternoon|evening|night";
const ZONES: &str = "UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|IST|PKT|JST|AEST|AEDT|MSK|SGT|HKT|Z";
const PREFIX_MOD: &str = r"early|late|mid-|mid|the end of|the beginning of|the start of|the middle of|end of|end-|beginning of|start of";

fn mon(name: &str) -> String {
    format!(r"\b(?P<{name}>(?:{MONTHS_FULL})\b|(?:{MONTHS_ABBR})\b\.?)")
}

fn day(name: &str) -> String {
    format!(r"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b")
}

fn build() -> Vec<Rule> {
    let m = mon("mon");
    let d = day("d");
    let wd = format!(r"(?:\b(?P<wd>{WEEKDAYS})\b,?\s+)?");
    let y = format!(r"(?:,?\s+(?P<y>{YEAR})\b)?");
    let day_time = format!(r"(?:\s+(?P<day>today|yesterday|tomorrow|tonight|{WEEKDAYS})\b)?");
    let specs: Vec<(&'static str, String, Handler)> = vec![
        (
            "iso_date",
            r"\b(?P<y>\d{4})[-/](?P<m>\d{2})[-/](?P<d>\d{2})(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?P<z>Z|[+-]\d{2}:?\d{2})?)?\b".into(),
            h_iso,
        ),
        (
            "numeric_date",
            r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b".into(),
            h_numeric,
        ),
        (
            "part_of_day",
            format!(r"\b(?:the\s+)?(?P<pod>{POD})\s+of\s+{wd}{m}\s+{d}{y}"),
            h_month_day,
        ),
        (
            "month_day",
            format!(r"(?:\b(?P<wk>the\s+week\s+of)\s+)?(?:\b(?P<rel>last|next)\s+)?{wd}{m}\s+{d}{y}"),
            h_month_day,
        ),
        (
            "month_day",
            format!(r"{wd}\b(?:the\s+)?{d}\s+(?:of\s+)?{m}{y}"),
            h_month_day,
        ),
        (
            "range",
            format!(
                r"\b(?:from|between)\s+{}(?:\s+{})?\s+(?:to|and|until|till|through)\s+{}(?:\s+{})?(?:,?\s+(?P<y>{YEAR})\b)?",
                mon("m1"),
                day("d1"),
                mon("m2"),
                day("d2")
            ),
            h_month_range,
        ),
        (
            "range",
            format!(r"{m}\s+{}\s*(?:-|–|to|through)\s*{}(?:,?\s+(?P<y>{YEAR})\b)?", day("d1"), day("d2")),
            h_day_range,
        ),
        (
            "range",
            format!(r"\b(?:(?P<pre>from|between)\s+)?(?P<y1>{YEAR})\s*(?:-|–|to|and|through|until)\s*(?P<y2>(?:1[5-9]|20)?\d\d)\b"),
            h_year_range,
        ),
        (
            "month_year",
            format!(r"(?:\b(?P<mod>{PREFIX_MOD})\s*)?{m},?\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<ys>{SPELLED}))\b"),
            h_month_year,
        ),
        (
            "month",
            format!(r"(?:\b(?P<rel>last|this|next|(?:{PREFIX_MOD}))\s*)?{m}"),
            h_month,
        ),
        (
            "decade",
            String::from(r"(?:\b(?P<mod>early|late|mid)[\s-]+)?(?:\bthe\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?:\b(?P<dec>(?:1[5-9]|20)\d0)|(?:'|’)(?P<d2>[0-9]0)|\b(?P<d3>[2-9]0))'?s\b|\bthe\s+(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
            h_decade,
        ),
        (
            "year",
            format!(r"(?:\b(?P<mod>{PREFIX_MOD}|the first half of|the second half of|first half of|second half of|fiscal year|fiscal|the year|calendar year|calendar|FY)\s*)?\b(?P<y>{YEAR})\b"),
            h_year,
        ),
        (
            "year",
            format!(r"(?:\b(?P<the>the\s+year)\s+)?\b(?P<ys>{SPELLED})\b"),
            h_spelled_year,
        ),
        (
            "deictic_day",
            format!(r"\b(?:(?P<mod>early|late)\s+)?(?P<w>yesterday|today|tomorrow|tonight|this|last)\b(?:\s+(?P<pod>{POD})\b)?"),
            h_deictic,
        ),
        (
            "weekday",
            format!(r"\b(?:(?P<rel>last|next|this|this past|this coming|past|coming|previous)\s+)?(?P<wd>{WEEKDAYS})(?P<pl>s)?\b(?:\s+(?P<pod>{POD})\b)?"),
            h_weekday,
        ),
        (
            "relative_unit",
            format!(r"\b(?:(?P<pre>earlier|later|{PREFIX_MOD})\s+)?(?P<rel>last|this|next|past|previous|coming|current|the current|the past|the previous|the coming|the following|the next|the same|that|the last)\s+(?P<u>week|weekend|month|year|quarter|decade|century|day|{POD})\b"),
            h_rel_unit,
        ),
        (
            "relative_unit",
            r"\bthe\s+(?P<u>day|week|month|year)\s+(?P<dir>before|after|earlier|later)\b".into(),
            h_unit_before,
        ),
        ("weekend", r"\bthe\s+weekend\b".into(), h_weekend),
        (
            "the_year",
            r"\b(?:for|in|of|during|through|throughout)\s+(?P<t>the\s+(?:full\s+)?(?:fiscal\s+)?year)\b".into(),
            h_the_year,
        ),
        (
            "offset",
            format!(r"\b(?:(?P<mod>about|around|approximately|nearly|almost|more than|less than|over|at least|some|roughly|just over|just under)\s+)?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|from now|hence|previously)\b"),
            h_offset,
        ),
        (
            "duration",
            format!(r"\b(?:(?P<mod>about|around|approximately|nearly|almost|more than|less than|over|at least|roughly|up to|just over|just under)\s+)?(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|first|final|latest|initial|following|same|further|additional|remaining|full)\s+)?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})\b(?P<half>\s+and\s+a\s+half\b)?"),
            h_duration,
        ),
        (
            "offset",
            r"\b(?P<adj>year-earlier|year-ago|year earlier)\b".into(),
            h_year_ago,
        ),
        (
            "vague_duration",
            r"\b(?:(?P<pre>for|in|over|within|during)\s+(?P<u>years|months|weeks|decades|days|hours)|(?P<recent>recent)\s+(?P<u2>years|decades|months|weeks|days))\b".into(),
            h_vague_duration,
        ),
        (
            "quarter",
            format!(r"\b(?:(?P<own>this year's|last year's|next year's)\s+)?(?P<the>the\s+)?(?:(?P<y0>{YEAR})[\s-]+)?(?:(?P<ya>year-earlier|year-ago|year earlier)\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)|(?P<rel>latest|last|current|past|previous|prior|year-earlier|year-ago|comparable|same|recent|most recent|just-ended|final))?(?:[\s-]+fiscal)?[\s-]*\bquarter\b(?:\s+of\s+(?:(?P<y>{YEAR})\b|(?P<yrel>this year|last year|next year)\b)|\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year)\b)?"),
            h_quarter,
        ),
        (
            "quarter",
            r"\bthe\s+(?P<rel>year-ago|year-earlier|latest|comparable|corresponding)\s+period\b(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year)\b)?".into(),
            h_quarter,
        ),
        (
            "quarter",
            format!(r"\b(?P<qq>Q[1-4])(?:\s+(?P<y>{YEAR}))?\b"),
            h_quarter,
        ),
        (
            "half",
            format!(r"\b(?:the\s+)?(?P<h>first|second|last)\s+half(?:\s+of\s+(?:(?P<y>{YEAR})\b|(?P<yrel>this year|last year|next year)\b))?\b"),
            h_half,
        ),
        (
            "season",
            format!(r"\b(?:(?P<rel>last|this|next|early|late|the|this past|this coming|mid)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<ys>{SPELLED}))\b)?"),
            h_season,
        ),
        (
            "set",
            format!(r"\b(?:every|each)\s+(?P<u>day|week|month|year|quarter|hour|weekend|{POD}|{WEEKDAYS})\b|\b(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly)\b|\b(?:once|twice|three times|four times|\d+ times)\s+(?:a|per|each|every)\s+(?P<u2>day|week|month|year)\b"),
            h_set,
        ),
        (
            "reference",
            r"\b(?P<present>right now|now|currently|at present|presently|nowadays|these days)\b|\b(?P<past>recently|lately)\b|\bin\s+(?P<thepast>the\s+past)\b|\b(?P<future>the\s+(?:near\s+|distant\s+|foreseeable\s+)?future)\b".into(),
            h_ref,
        ),
        (
            "time",
            format!(r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b)(?:\s+(?P<z>{ZONES})\b)?{day_time}"),
            h_time,
        ),
        (
            "time",
            format!(r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<z>{ZONES})\b|\s+(?:hrs|hours|h)\b){day_time}"),
            h_time,
        ),
        ("time", format!(r"\b(?P<nm>noon|midnight)\b{day_time}"), h_time),
        (
            "holiday",
            format!(r"\b(?P<hol>christmas eve|christmas day|christmas|new year's eve|new year's day|independence day|halloween|valentine's day|thanksgiving day|thanksgiving|labor day|memorial day|boxing day)\b{y}"),
            h_holiday,
        ),
    ];
    specs
        .into_iter()
        .map(|(name, pat, f)| Rule {
            name,
            re: Regex::new(&format!("(?i){}", ascii_word_boundaries(&pat)))
                .unwrap_or_else(|e| panic!("rule {name}: {e}")),
            f,
        })
        .collect()
}

/// `pattern` with every `\b` made an ASCII word boundary. A Unicode `\b`
/// stops the regex engine's fast DFA on any non-ASCII text (curly quotes,
/// `£`), which made the rules several times slower; date words are ASCII.
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// All rules, compiled once, in priority order (earlier wins ties on length).
pub(crate) fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(build)
}

// ---------------------------------------------------------------- helpers

fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn lower(c: &Captures<'_>, name: &str) -> Option<String> {
    g(c, name).map(|s| {
        s.to_ascii_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The word just before byte `pos`, lowercased.
fn prev_word(text: &str, pos: usize) -> String {
    let before = text[..pos].trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    before[start..].to_lowercase()
}

/// The text right after byte `pos`.
fn after(text: &str, pos: usize) -> &str {
    &text[pos..]
}

fn mod_of(prefix: &str) -> Option<&'static str> {
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

fn pod_code(p: &str) -> &'static str {
    match p.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

fn pub_anchor(env: &Env<'_>) -> Anchor {
    env.dct.map_or(Anchor::None, Anchor::Published)
}

/// The narrative anchor (an earlier day in the text), else the publication date.
fn narrative_anchor(env: &Env<'_>) -> (Option<NaiveDate>, Anchor) {
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
fn pick_year(
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

fn parse_year(s: &str) -> Option<i32> {
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
fn resolve_md(
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
fn number(s: &str) -> Option<Option<f64>> {
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
fn duration_value(n: Option<f64>, unit: &str) -> String {
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

fn unit_grain(u: &str) -> &'static str {
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
fn shifted(d: NaiveDate, grain: &str, n: i32) -> Option<String> {
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

fn unknown_at(grain: &str) -> String {
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

// ---------------------------------------------------------------- handlers

fn h_iso(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
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
fn h_numeric(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_month_day(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_month_range(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_day_range(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_year_range(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_month_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_month(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_decade(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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
fn spelled_year(s: &str) -> Option<i32> {
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
fn h_spelled_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_deictic(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_weekday(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_rel_unit(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_unit_before(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_weekend(_c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

/// "for the year ended Aug. 31" (a year-long period: `P1Y`), "a high for
/// the year", "for the full year" (the publication year). "the year-ago",
/// "the year before", "the year two thousand" are left to other rules.
fn h_the_year(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_offset(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_duration(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_year_ago(_c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_vague_duration(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_quarter(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_half(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_season(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_set(c: &Captures<'_>, _env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_ref(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_time(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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

fn h_holiday(c: &Captures<'_>, env: &Env<'_>) -> Option<Vec<Res>> {
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
