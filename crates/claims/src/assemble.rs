//! Claims from attribution roles tagged by a model: source, cue and content
//! spans (PolNeAR's three roles) are linked into claims, then speakers,
//! kinds and dates are resolved as for the rules.
//!
//! - A content is cut at paragraph breaks outside quotation marks.
//! - Every content goes to the nearest cue (fewest sentences apart, at most
//!   one, then fewest characters). A cue keeps its nearest content (in its
//!   own sentence, a quotation first) and joins the others only across a
//!   short gap: six words between two parts of a quote (`“A,” he said,
//!   “B.”`), three otherwise.
//! - Sources and cues with content pair one to one, closest pairs first.
//!   A speaker mention loses a trailing participle phrase (`a joint
//!   statement issued on October 31` -> `a joint statement`), so the date
//!   dates the claim. A cue without a source takes the speaker of the
//!   previous claim of its sentence (`..., adding that`), never one from an
//!   earlier sentence; where it continues that claim (`A and said B`, `A,
//!   noting B`), it takes its source mention too, as PolNeAR marks it, and
//!   a participle opening the sentence takes the subject after its content
//!   (`Bemoaning A, Trump accused B`). A
//!   subject the tagger missed before a parenthetical clause (`Andrabi,
//!   responding to a query ..., said`) comes from the rules.
//! - A content no cue took, right next to a source no cue took, is a claim
//!   without a cue. A quotation signed with a dash (`“...” ― Jane Doe`) is
//!   Jane Doe's, with the dash as its cue (`signed.rs`).
//! - Negated cues (`did not say`, `neither confirmed nor denied`) give no
//!   claim (but a reporting verb after `but` before the content does:
//!   `neither confirmed nor denied but maintained that ...`), nor do contents of function words alone (`to`, `the`, `which`),
//!   embedded questions (`responding to a query regarding whether ...`),
//!   or speakerless cues that are only a preposition (`regarding ...`).
//! - From the rules: coordinated cues inside a model content split it
//!   (`Kabul claimed A and alleged B` is two claims), and headline
//!   attributions (`...: FO`) the model missed are added.

use std::ops::Range;

use newsnlp_model::{Claim, Document};

use crate::{lexicon, sort_frames, speaker, Counting, Ctx, Frame};

/// Characters `[start, end)` of the document text.
type Chars = (usize, usize);

/// How far before a span linking looks for the start of a cue or source
/// to pair it with, beyond the gap itself: a cue or source longer than
/// this that starts earlier is not considered.
const MAX_LINKED_SPAN: usize = 2_000;

/// Most sentences between a cue and the content or source it takes.
const MAX_LINK_SENTENCES: usize = 1;

/// Most characters between a cue and the content it takes.
const MAX_CONTENT_GAP: usize = 300;

/// Most characters between a cue and the source it takes.
const MAX_SOURCE_GAP: usize = 200;

/// Most characters between a content and a source with no cue between
/// them (`“...” ― Jane Doe`).
const MAX_UNCUED_GAP: usize = 8;

/// Most words between two parts of a quote that still make one statement
/// (`“A,” he said, “B.”`).
const MAX_WORDS_BETWEEN_PARTS: usize = 6;

/// Most words between a quotation and a cue for the quotation to be the
/// cue's main content ahead of a nearer unquoted one (`“A,” Chairman Jason
/// Chaffetz (R-Utah) said after B`).
const MAX_WORDS_BEFORE_QUOTE: usize = 8;

/// Most words between two unquoted contents of one cue (`A, he said, B`).
const MAX_WORDS_BETWEEN_UNQUOTED: usize = 3;

/// An attribution role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Who: the speaker mention.
    Source,
    /// How: the reporting words (`said`, `according to`, `:`).
    Cue,
    /// What: the statement.
    Content,
}

impl Role {
    /// The role a tagger label names (`SOURCE`, `CUE`, `CONTENT`, any case),
    /// if any.
    pub fn from_label(label: &str) -> Option<Self> {
        match label.to_ascii_uppercase().as_str() {
            "SOURCE" => Some(Self::Source),
            "CUE" => Some(Self::Cue),
            "CONTENT" => Some(Self::Content),
            _ => None,
        }
    }
}

/// One tagged role: characters `[start, end)` of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSpan {
    /// Which role.
    pub role: Role,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The claims of `doc` built from tagged roles, in text order. Uses
/// `sentences`, `entities` and `dates` as [`crate::attribute`] does.
pub fn attribute_with_roles(doc: &Document, roles: &[RoleSpan]) -> Vec<Claim> {
    attribute_with_roles_counting(doc, roles, Counting::Newsroom)
}

/// [`attribute_with_roles`] with the given [`Counting`].
pub fn attribute_with_roles_counting(
    doc: &Document,
    roles: &[RoleSpan],
    counting: Counting,
) -> Vec<Claim> {
    let ctx = Ctx::new(doc);
    let mut frames = ctx.role_frames(roles);
    let rule_frames = ctx.rule_frames();
    ctx.split_coordinated(&mut frames, &rule_frames);
    let rule_sources = ctx.parenthetical_subjects(&rule_frames);
    add_missed_headlines(&mut frames, rule_frames);
    ctx.sign_quotes(&mut frames);
    // A quotation the tagger left out, after a claim (`“A,” said X, a
    // former ambassador. “B.”`), goes on in the last speaker's voice: a
    // claim of its own for a newsroom; PolNeAR makes it a second fragment
    // of the first relation's content, which a claim cannot hold.
    if counting == Counting::Newsroom {
        ctx.add_uncued_quotes(&mut frames);
        ctx.add_listed_points(&mut frames);
    }
    sort_frames(&mut frames);
    ctx.share_coordinated_sources(&mut frames);
    ctx.share_preposed_participle_sources(&mut frames);
    inherit_within_sentences(&mut frames);
    take_rule_sources(&mut frames, &rule_sources);
    speaker::resolve(&ctx, &frames, counting)
}

fn overlaps(a: Chars, b: Chars) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A cue left with no speaker, mention or inherited, takes the subject the
/// rules found before a parenthetical clause (`Andrabi, responding to a
/// query ..., said`).
fn take_rule_sources(frames: &mut [Frame], rule_sources: &[(Chars, (usize, usize))]) {
    for frame in frames
        .iter_mut()
        .filter(|f| f.source.is_none() && !f.inherit)
    {
        let Some(cue) = frame.cue else {
            continue;
        };
        if let Some(&(_, source)) = rule_sources.iter().find(|(c, _)| overlaps(*c, cue)) {
            frame.source = Some(source);
        }
    }
}

/// A cue left with no speaker mention takes the previous claim's speaker
/// only when that claim is in its sentence (`..., adding that ...`); a
/// speaker from further back is more often wrong than right, so it stays
/// unknown. A quotation with no cue keeps the nearest speaker before it.
/// `frames` are in text order.
fn inherit_within_sentences(frames: &mut [Frame]) {
    for i in 0..frames.len() {
        if frames[i].source.is_some() || frames[i].cue.is_none() {
            continue;
        }
        let same_sentence = i > 0 && frames[i - 1].sentence == frames[i].sentence;
        frames[i].inherit = same_sentence;
    }
}

/// Adds the headline attributions (`...: FO`) the rules find where the
/// model found nothing.
fn add_missed_headlines(frames: &mut Vec<Frame>, rule_frames: Vec<Frame>) {
    let missed: Vec<Frame> = rule_frames
        .into_iter()
        .filter(|r| r.headline)
        .filter(|r| {
            !frames.iter().any(|m| {
                overlaps(r.content, m.content)
                    || matches!((r.cue, m.cue), (Some(a), Some(b)) if overlaps(a, b))
            })
        })
        .collect();
    frames.extend(missed);
}

fn frames_overlap_cue(frames: &[Frame], cue: Chars) -> bool {
    frames
        .iter()
        .any(|f| f.cue.is_some_and(|c| overlaps(c, cue)))
}

/// Indices of the spans (sorted by start) that can lie within `max_gap`
/// characters of `span`: those starting at most [`MAX_LINKED_SPAN`] +
/// `max_gap` before it and `max_gap` after its end. Keeps linking linear
/// in the length of the document.
fn near(spans: &[Chars], span: Chars, max_gap: usize) -> Range<usize> {
    let from = spans.partition_point(|s| s.0 + MAX_LINKED_SPAN + max_gap < span.0);
    let to = spans.partition_point(|s| s.0 <= span.1 + max_gap);
    from..to.max(from)
}

/// Characters between two spans (0 when they touch or overlap).
fn gap(a: Chars, b: Chars) -> usize {
    if a.0 < b.1 && b.0 < a.1 {
        0
    } else {
        a.0.max(b.0) - a.1.min(b.1)
    }
}

mod linking;
mod sharing;
mod spans;
#[cfg(test)]
mod tests;
