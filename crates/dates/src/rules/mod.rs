//! The rule families: one regex and one handler per rule.
//!
//! A handler both *recognises* (returns `None` to reject a regex match whose
//! context guard fails, e.g. "May" as a modal verb) and *resolves* (turns the
//! match into TIMEX3 values against the publication date or the narrative
//! anchor held in [`Env`]). The orchestrator in `lib.rs` calls it once with no
//! narrative anchor to collect candidates and once more, in text order, to
//! resolve the candidates that won the overlap selection.
//!
//! This module holds the types, the rule table ([`rules`]) and its order; the
//! pattern pieces are in `patterns`, the shared helpers in `helpers`, and the
//! handlers in one file per family: `calendar_dates`, `years`, `relative`,
//! `durations`, `parts` (quarters, halves, seasons) and `times`.

mod calendar_dates;
mod durations;
mod helpers;
mod parts;
mod patterns;
mod relative;
mod times;
mod years;

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use calendar_dates::{
    h_day_range, h_holiday, h_iso, h_month, h_month_day, h_month_range, h_month_year, h_numeric,
    h_year_range,
};
use durations::{h_duration, h_set, h_vague_duration};
use parts::{h_half, h_quarter, h_season};
use patterns::{day, mon, NUM, POD, PREFIX_MOD, SPELLED, UNIT, WEEKDAYS, YEAR, ZONES};
use relative::{
    h_deictic, h_offset, h_ref, h_rel_unit, h_unit_before, h_weekday, h_weekend, h_year_ago,
};
use times::h_time;
use years::{h_decade, h_spelled_year, h_the_year, h_year};

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
