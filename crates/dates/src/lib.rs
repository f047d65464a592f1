//! The `dates` stage of newsnlp: finds temporal expressions in article text and
//! resolves them to TimeML TIMEX3 values (the `dates` layer).
//!
//! [`tag_dates`] runs a set of rule families (regex + handler, see
//! `src/rules/`) over the text, keeps the longest non-overlapping matches,
//! and resolves each in text order:
//!
//! * **absolute** expressions (`October 11, 2025`, `2025-10-11`, `1990`,
//!   `the 1990s`) need no anchor (`anchor_source = "none"`);
//! * **deictic** expressions (`yesterday`, `last week`, `Friday`, `October 11`,
//!   `the third quarter`) are resolved against the publication date
//!   (`anchor_source = "published"`);
//! * **narrative** expressions (`the following morning`, `two days later`,
//!   `that week`) are resolved against the last day-precise date mentioned
//!   before them (`anchor_source = "text"`), falling back to the publication
//!   date.
//!
//! News mode: an underspecified date (a weekday, a month and day, a month, a
//! quarter, a season) resolves to the nearest matching date **not after**
//! publication, unless the wording points forward. The tense comes first from
//! the words right around the expression (the nearest of five words before /
//! three after: `will`, `scheduled`, `expected`, `due`, `by` point forward; a
//! past verb such as `said`, `ended`, `met` points back, passives like `will be
//! held` are skipped), else from the sentence (`will`, `'ll`, `going to`
//! forward; `was`, `had`, `would`, `said`, `-ed` verbs back; `scheduled`,
//! `plans to` forward only without past markers). Forward resolution takes the
//! first occurrence ending at most 7 days before publication, so "a meeting
//! scheduled for November 6" reported on 2025-11-08 stays 2025-11-06. Two
//! measured refinements (TBAQ value F1 +1.6 points): in a past-tense sentence
//! with no past verb next to the date (reported speech: "said the vote would
//! be held on March 12"), a date more than 180 days back whose next occurrence
//! is at most 90 days ahead is read forward; in a sentence with no tense
//! marker at all (headlines, present tense) the nearer occurrence wins, the
//! past one unless the future one is more than twice as close. Quarters named
//! by ordinal ("the third quarter") always take the latest one begun by
//! publication (earnings reports look back even in future tense).
//!
//! More local cues (TBAQ value F1 0.772 -> 0.800): `by` counts only right
//! before the date ("by Jan. 14", not "laid down by the Feb. 23 accord");
//! `planned`, `planning`, `payable`, `expire(s)`, `soon`, "holders of record
//! Nov. 16" and a deferral ("extended (its deadline) to/until Nov. 16") point
//! forward; a forward word right after `had`/`was`/`were`/`been`/`previously`
//! ("had been scheduled to expire Friday") gives the nearer occurrence;
//! capitalised `-ed` words ("United States"), `-ed` adjectives after a
//! determiner ("a still unspecified date", "its preferred shares") and
//! `succeed`-like words are no past verbs. A clock time with a weekday and no
//! tense cue ("until 9 a.m. Tuesday") takes the nearer day, as a bare weekday.
//! `should` and "set to" ("is set to begin on Wednesday") point forward; a
//! month followed by "of last/this/next year" takes that year; a clock time
//! followed by a month and day ("16:15 UTC, June 1st") takes that date
//! (MEANTIME value F1 0.785 -> 0.803, TBAQ 0.800 -> 0.801).
//!
//! Document consistency: a month or month and day whose year was guessed
//! takes the year of the first mention of the same date ("by Jan. 14" ...
//! "the Jan. 14 deadline"). A weekday with a month and day ("Saturday, April
//! 25") takes the year around publication where they agree. "last/next Oct.
//! 23" is strictly before/after publication; "the week of March 6" is that
//! ISO week; "the previous Friday" is the Friday before the narrative date.
//!
//! Earnings texts: "the 1988 third quarter" is `1988-Q3`; "the 1988 quarter",
//! "last year's quarter", "the quarter a year ago" and "the corresponding
//! period last year" are the text's current quarter in that (or the previous)
//! year. "for/in/of the year" is `P1Y` before "ended/ending" ("for the year
//! ended Aug. 31") and the publication year otherwise ("a high for the
//! year"). After a longer period ("the (first) nine months", "six months",
//! "for the year"), "a year earlier" is the year, not the quarter.
//!
//! Durations: a fraction goes to the next smaller unit when that makes it
//! whole (`2 1/2 years` -> `P2Y6M`, "a minute and a half" -> `PT1M30S`, 1.5
//! days -> `P1DT12H`). Years in words ("nineteen ninety-six", "the year two
//! thousand"; bare "two thousand" only after a preposition) are years, also
//! in "January nineteen ninety-seven" and "the winter of nineteen
//! ninety-four".
//!
//! Known gaps (mostly gold conventions that are not consistent across
//! TimeBank/AQUAINT, left alone): `YYYY-WXX` vs a week number for "last
//! week", DATE day vs TIME `TNI` for "Wednesday night", `198X` vs `198` for
//! decades, "N days later" (kept as a narrative DATE, TimeBank writes a
//! DURATION), time zones (kept in the value, the gold drops them), "two to
//! three weeks", "now" false positives.
//!
//! Numeric dates: `2025-10-11` (ISO) is unambiguous. `a/b/yyyy` is day/month
//! when `a > 12`, month/day when `b > 12`, and the US order month/day when both
//! are at most 12. `a.b.yyyy` (dots) is always day.month.
//!
//! No or bad publication date (unparsable, or a year outside 1900..=2100):
//! relative expressions get `X` placeholders (`XXXX-10-11`, `XXXX-WXX-5`,
//! `XXXX-XX-XX`) and `anchor_source = "none"`; no year is ever guessed.
//! Narrative expressions still resolve against a full date in the text.
//!
//! Hints (DATE/TIME entity spans from the transformer) only *relax* context
//! guards for matches that overlap them (a bare `1990` before a plural noun,
//! a lowercase month name, a bare `May`). A hint that no rule matches at all
//! cannot be normalised and is skipped: the layer never carries values it
//! cannot justify.
//!
//! [`eval`] reads TimeML and MEANTIME gold files and scores the tagger
//! TempEval-3 style.
#![warn(missing_docs)]

mod calendar;
pub mod eval;
mod rules;

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use newsnlp_model::{OffsetMap, Timex};
use regex::{Captures, Regex};

pub use rules::Tense;
use rules::{rules, Anchor, Env, Res};

/// What [`tag_dates`] needs besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext<'a> {
    /// Publication date or date-time (ISO 8601, e.g. `2025-11-08` or
    /// `2025-11-08T09:30:00Z`). Invalid or `None`: relative values get `X`s.
    pub published: Option<&'a str>,
    /// Sentence byte ranges in `text` (used for tense). Empty: the text is
    /// split on line breaks and sentence-final punctuation.
    pub sentences: &'a [Range<usize>],
    /// Byte ranges of DATE/TIME entities from the entity tagger; may be empty.
    pub hints: &'a [Range<usize>],
}

struct Cand<'t> {
    start: usize,
    end: usize,
    rule: usize,
    caps: Captures<'t>,
}

/// Every temporal expression in `text`, in order, non-overlapping, resolved.
///
/// Offsets in the returned [`Timex`]es are character offsets (Unicode scalar
/// values). Output is deterministic for a given input.
pub fn tag_dates(text: &str, ctx: &DateContext<'_>) -> Vec<Timex> {
    let dct = ctx.published.and_then(calendar::parse_published);
    let sentences: Vec<Range<usize>> = if ctx.sentences.is_empty() {
        simple_sentences(text)
    } else {
        ctx.sentences.to_vec()
    };
    let tenses: Vec<Tense> = sentences
        .iter()
        .map(|r| text.get(r.clone()).map_or(Tense::Unknown, sentence_tense))
        .collect();
    let tense_at = |pos: usize, end: usize| -> Tense {
        match sentences.iter().position(|r| r.start <= pos && pos < r.end) {
            Some(i) => {
                local_tense(text, sentences[i].clone(), pos, end).unwrap_or(match tenses[i] {
                    Tense::Past => Tense::Reported,
                    t => t,
                })
            }
            None => Tense::Unknown,
        }
    };
    let hinted = |r: &Range<usize>| ctx.hints.iter().any(|h| h.start < r.end && r.start < h.end);

    // 1. candidates: every match whose handler accepts it
    let mut cands: Vec<Cand<'_>> = Vec::new();
    for (ri, rule) in rules().iter().enumerate() {
        // the DFA finds matches; captures are computed only where one starts
        for found in rule.re.find_iter(text) {
            let Some(caps) = rule.re.captures_at(text, found.start()) else {
                continue;
            };
            let Some(m) = caps.get(0) else { continue };
            if m.as_str().contains("\n\n") || m.as_str().contains("\r\n\r\n") {
                continue;
            }
            let env = Env {
                text,
                dct,
                tense: tense_at(m.start(), m.end()),
                narrative: None,
                last_quarter: None,
                hinted: hinted(&m.range()),
            };
            if (rule.f)(&caps, &env).is_some() {
                cands.push(Cand {
                    start: m.start(),
                    end: m.end(),
                    rule: ri,
                    caps,
                });
            }
        }
    }

    // 2. longest match wins; ties go to the earlier rule, then the earlier start
    cands.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.rule, c.start));
    let mut chosen: Vec<Cand<'_>> = Vec::new();
    for c in cands {
        if chosen.iter().all(|k| k.end <= c.start || c.end <= k.start) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.start);

    // 3. resolve in text order, carrying the narrative anchor
    let map = OffsetMap::new(text);
    let mut out = Vec::new();
    let mut narrative: Option<NaiveDate> = None;
    let mut last_quarter: Option<(i32, u32)> = None;
    let mut years: Vec<(String, String)> = Vec::new();
    for c in &chosen {
        let rule = &rules()[c.rule];
        let env = Env {
            text,
            dct,
            tense: tense_at(c.start, c.end),
            narrative,
            last_quarter,
            hinted: hinted(&(c.start..c.end)),
        };
        let Some(pieces) = (rule.f)(&c.caps, &env) else {
            continue;
        };
        for mut r in pieces {
            let span = r.span.clone().unwrap_or(c.start..c.end);
            if r.guessed_year {
                same_date_year(&mut years, &mut r.value);
            }
            if let Some(d) = day_of(&r) {
                narrative = Some(d);
            }
            if let Some(q) = quarter_of_value(&r.value).filter(|_| r.focus) {
                last_quarter = Some(q);
            }
            // "the first nine months", "for the year": an earnings text moves
            // from the quarter to a longer period, so "a year earlier" after
            // it means the year, not the quarter
            if (r.kind == "DURATION" && matches!(r.value.as_str(), "P6M" | "P9M"))
                || rule.name == "the_year"
            {
                last_quarter = None;
            }
            out.push(to_timex(text, &map, span, rule.name, r));
        }
    }
    out
}

fn to_timex(text: &str, map: &OffsetMap, span: Range<usize>, rule: &str, r: Res) -> Timex {
    let chars = map.chars_of_bytes(span.clone());
    let (anchor, source) = match r.anchor {
        Anchor::None => (None, "none"),
        Anchor::Published(d) => (Some(calendar::fmt_day(d)), "published"),
        Anchor::Text(d) => (Some(calendar::fmt_day(d)), "text"),
    };
    Timex {
        start: chars.start,
        end: chars.end,
        text: text[span].to_string(),
        kind: r.kind.to_string(),
        value: r.value,
        anchor,
        anchor_source: source.to_string(),
        rule: rule.to_string(),
        grain: r.grain.to_string(),
        modifier: r.modifier.map(str::to_string),
    }
}

/// Document consistency: a month or month and day whose year was guessed
/// takes the year of the first such mention of the same date ("by Jan. 14"
/// ... "the Jan. 14 deadline"). `years` holds (`-MM[-DD]`, year) pairs.
fn same_date_year(years: &mut Vec<(String, String)>, value: &mut String) {
    let (Some(y), Some(rest)) = (value.get(..4), value.get(4..)) else {
        return;
    };
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let key = rest.split('T').next().unwrap_or(rest).to_string();
    match years.iter().find(|(k, _)| *k == key) {
        Some((_, first)) => *value = format!("{first}{rest}"),
        None => years.push((key, y.to_string())),
    }
}

/// The day a resolved DATE/TIME value pins down (`2025-10-11`, `2025-10-11TNI`).
fn day_of(r: &Res) -> Option<NaiveDate> {
    if r.kind != "DATE" && r.kind != "TIME" {
        return None;
    }
    let v = r.value.get(..10)?;
    NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()
}

fn quarter_of_value(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// The tense of a sentence for date resolution (see the crate docs).
pub fn sentence_tense(sentence: &str) -> Tense {
    static RES: OnceLock<[Regex; 3]> = OnceLock::new();
    let [strong, weak, past] = RES.get_or_init(|| {
        [
            r"(?i)\b(?:will|won't|shall|going to|is to|are to|upcoming)\b|\w'll\b|\w’ll\b",
            r"(?i)\b(?:scheduled|expected to|plans? to|planned|set to|slated|intends? to|is due|are due)\b",
            // regular "-ed" verbs are lower case ("United States" is a name)
            r"(?i:\b(?:would|was|were|had|did|said|told)\b)|\b[a-z]\w+ed\b",
        ]
        .map(|pattern| {
            Regex::new(&rules::ascii_word_boundaries(pattern)).expect("valid regex")
        })
    });
    if strong.is_match(sentence) {
        return Tense::Future;
    }
    let rest = weak.replace_all(sentence, " ");
    let past = past.is_match(&rest);
    if weak.is_match(sentence) && !past {
        Tense::Future
    } else if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "left", "met", "rose", "fell", "came", "went", "took", "made", "saw", "began",
    "won", "lost", "held", "sent", "gave", "got", "paid", "sold", "bought", "struck", "spoke",
    "wrote", "ran", "became", "brought", "fought", "found", "kept", "led", "thought", "felt",
    "heard", "knew", "drew", "flew", "grew", "threw", "broke", "chose", "stood", "meant", "shot",
    "sank", "sought", "caught", "spent", "built", "withdrew", "was", "were", "had", "did", "ago",
    "since",
];
const FORWARD_WORDS: &[&str] = &[
    "will",
    "shall",
    "scheduled",
    "expected",
    "slated",
    "due",
    "upcoming",
    "ll",
    "planned",
    "payable",
    "expire",
    "expires",
    "planning",
    "soon",
    "should",
];
/// Words ending in `-ed` that are not past verbs ("will succeed", "preferred
/// shares").
const NOT_PAST_ED: &[&str] = &[
    "succeed",
    "proceed",
    "exceed",
    "indeed",
    "speed",
    "need",
    "feed",
    "breed",
    "bleed",
    "hundred",
    "preferred",
];
/// Verbs that move an event to a later date: "extended to Nov. 16",
/// "postponed until March".
const DEFERRAL: &[&str] = &[
    "extended",
    "extend",
    "postponed",
    "postpone",
    "delayed",
    "delay",
    "deferred",
    "defer",
    "pushed",
    "adjourned",
];

/// Tense from the words right around an expression ("announced Wednesday",
/// "will meet on Friday"): the nearest tense-bearing word within five words
/// before or three after, in the same sentence, decides.
fn local_tense(text: &str, sentence: Range<usize>, start: usize, end: usize) -> Option<Tense> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let before: Vec<&str> = text[sentence.start..start]
        .split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .rev()
        .take(5)
        .collect();
    let after: Vec<&str> = text[end.min(sentence.end)..sentence.end]
        .split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let norm = |w: &str| -> String {
        let w = w.to_lowercase();
        let w = w.trim_start_matches(['\'', '’']);
        w.rsplit(['\'', '’']).next().unwrap_or(w).to_string()
    };
    // the word before `before[i]` / `after[i]` in text order
    let preceding = |i: usize, is_before: bool| -> Option<String> {
        if is_before {
            before.get(i + 1).map(|w| norm(w))
        } else if i == 0 {
            before.first().map(|w| norm(w))
        } else {
            after.get(i - 1).map(|w| norm(w))
        }
    };
    let order = (0..5).flat_map(|i| {
        [
            before.get(i).map(|w| (i, w, true)),
            after.get(i).map(|w| (i, w, false)),
        ]
    });
    // "payable Jan. 3 to holders of record Nov. 16", "extended (its deadline) to Nov. 16"
    let first = before.first().map(|w| norm(w));
    let second = before.get(1).map(|w| norm(w));
    match (first.as_deref(), second.as_deref()) {
        (Some("record"), Some("of")) => return Some(Tense::Future),
        (Some("to" | "until" | "till"), _)
            if before[1..]
                .iter()
                .any(|w| DEFERRAL.contains(&norm(w).as_str())) =>
        {
            return Some(Tense::Future)
        }
        _ => {}
    }
    for (i, w, is_before) in order.flatten() {
        let w = norm(w);
        let w = w.as_str();
        // "by" marks a deadline only right before the date ("by Jan. 14"),
        // not an agent ("laid down by the Feb. 23 accord")
        // "is set to begin on Wednesday": "set to" is a plan, like "slated to"
        let set_to = is_before && w == "set" && i > 0 && norm(before[i - 1]) == "to";
        if FORWARD_WORDS.contains(&w) || (is_before && i == 0 && w == "by") || set_to {
            // "had been scheduled to expire Friday", "as previously planned":
            // a plan reported in the past may lie on either side of
            // publication, so the nearer occurrence wins
            let planned_before = is_before
                && before[i + 1..(i + 4).min(before.len())].iter().any(|p| {
                    matches!(
                        norm(p).as_str(),
                        "had" | "was" | "were" | "been" | "previously" | "originally"
                    )
                });
            return Some(if planned_before {
                Tense::Unknown
            } else {
                Tense::Future
            });
        }
        // a capitalised "-ed" word is a name ("United States"), not a verb
        let lower_case = {
            let raw = if is_before { before[i] } else { after[i] };
            raw.starts_with(|ch: char| ch.is_lowercase())
        };
        let regular_past = lower_case
            && w.len() > 4
            && w.ends_with("ed")
            && w.is_ascii()
            && !NOT_PAST_ED.contains(&w);
        if IRREGULAR_PAST.contains(&w) || regular_past {
            // "will be held": a passive participle says nothing; look further.
            // "a still unspecified date", "the planned merger": an "-ed"
            // adjective after a determiner is no verb either
            let passive = preceding(i, is_before).is_some_and(|p| {
                matches!(p.as_str(), "be" | "been" | "being" | "is" | "are")
                    || (regular_past
                        && matches!(
                            p.as_str(),
                            "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "still"
                        ))
            });
            if !passive {
                return Some(Tense::Past);
            }
        }
    }
    None
}

/// Whether the `.` at byte `dot` ends an abbreviation ("vs.", "Mr.", "Jan.",
/// "U.S.") or is followed by a lowercase word or a digit.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    const ABBR: &[&str] = &[
        "vs", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "co", "corp", "inc", "ltd", "gen", "gov",
        "sen", "rep", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "prof", "lt", "col", "sgt", "capt", "e.g", "i.e", "etc", "approx", "dept",
        "est", "fig", "mt", "ft",
    ];
    let word: String = text[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let next = text[dot + 1..].trim_start().chars().next();
    ABBR.contains(&word.to_lowercase().as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || word.contains('.')
        || next.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// A simple sentence splitter (line breaks and `.`/`!`/`?` before white
/// space), used when the caller passes no sentences. Byte ranges.
pub fn simple_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'\n' => Some(i + 1),
            b'!' | b'?' if bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) => Some(i + 1),
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
                && !abbreviation_before(text, i) =>
            {
                Some(i + 1)
            }
            _ => None,
        };
        if let Some(e) = end {
            if e > start {
                out.push(start..e);
            }
            start = e;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests;
