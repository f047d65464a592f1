//! When a claim was made: the date of its cue or clause (`said on November
//! 7`, `on October 29, X stated`), never a date its content talks about.

use newsnlp_model::Timex;

use crate::context::MAX_DATE_CHARS;
use crate::{lexicon, Ctx};

/// Most characters between a cue or clause and the date it is dated by
/// (`said on November 7`): room for "on"/"in", spaces and a comma.
const MAX_DATE_GAP: usize = 16;

/// TIMEX3 value of when the claim was made: a date right after the cue
/// (`said on November 7`), between speaker and cue (`issued on October 31
/// announced`), or opening the clause (`on October 29, X stated`). A date
/// inside the content is what the claim talks about, never when it was made
/// (`hopes 2005 sales will ...`), unless it opens the content before its
/// `that` (`point out earlier this week that ...`: the content was tagged
/// too wide).
pub(crate) fn claim_date(
    ctx: &Ctx<'_>,
    source: Option<(usize, usize)>,
    cue: Option<(usize, usize)>,
    content: (usize, usize),
) -> Option<String> {
    ctx.doc.dates.as_ref()?;
    let (cs, ce) = cue?;
    let clause_start = source.map_or(cs, |s| s.0.min(cs));
    // Only dates starting near the clause can qualify (a date expression
    // is far shorter than MAX_DATE_CHARS).
    let first = ctx
        .dates
        .partition_point(|t| t.start + MAX_DATE_CHARS < clause_start);
    let last = ctx.dates.partition_point(|t| t.start <= ce + MAX_DATE_GAP);
    for t in ctx.dates.get(first..last).unwrap_or_default() {
        // Gaps are looked at only when short: "on", "in", spaces, commas.
        let after = t.start >= ce && t.start - ce <= MAX_DATE_GAP && {
            let gap = ctx.slice(ce, t.start);
            let gap = gap.trim();
            gap.is_empty() || gap == "on" || gap == "in"
        };
        let between = source.is_some_and(|(_, se)| se <= t.start && t.end <= cs && se < cs);
        let before = t.end <= clause_start && clause_start - t.end <= MAX_DATE_GAP && {
            let gap = ctx.slice(t.end, clause_start);
            gap.chars().all(|c| c.is_whitespace() || c == ',')
                && (t.text.to_lowercase().starts_with("on ")
                    || ctx.slice(t.start.saturating_sub(3), t.start).to_lowercase() == "on ")
        };
        if (after || between || before) && !dates_content(ctx, t, content, (cs, ce)) {
            return Some(t.value.clone());
        }
    }
    None
}

/// Whether date `t` is part of what content `[s, e)` says: inside it, not
/// outside quotation marks in an attribution the content holds with its
/// `cue` (`“A,” X said Friday. “B.”`) and not opening it before `that`, an article or a
/// pronoun (`point out earlier this week that ...`, `revealed Tuesday the
/// drug ...`: the content was tagged too wide), where a date before a noun
/// (`2005 sales`, `next week's report`) is the content's.
fn dates_content(ctx: &Ctx<'_>, t: &Timex, (s, e): (usize, usize), cue: (usize, usize)) -> bool {
    let inside = t.start < e && s < t.end;
    let between_quotes = s <= cue.0
        && cue.1 <= e
        && ctx.speech_kind(s, e) != "indirect"
        && ctx.quote_containing(t.start).is_none();
    let next = ctx.slice(t.end, e);
    let next = next.split_whitespace().next().unwrap_or("").to_lowercase();
    let opens_clause = ctx.slice(s, t.start).trim().is_empty()
        && (matches!(next.as_str(), "that" | "the" | "a" | "an")
            || (lexicon::is_pronoun(&next) && next != "who"));
    inside && !between_quotes && !opens_clause
}
