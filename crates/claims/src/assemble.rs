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

use crate::{lexicon, sort_frames, speaker, Ctx, Frame};

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
    let ctx = Ctx::new(doc);
    let mut frames = ctx.role_frames(roles);
    let rule_frames = ctx.rule_frames();
    ctx.split_coordinated(&mut frames, &rule_frames);
    let rule_sources = ctx.parenthetical_subjects(&rule_frames);
    add_missed_headlines(&mut frames, rule_frames);
    ctx.sign_quotes(&mut frames);
    sort_frames(&mut frames);
    ctx.share_coordinated_sources(&mut frames);
    ctx.share_preposed_participle_sources(&mut frames);
    inherit_within_sentences(&mut frames);
    take_rule_sources(&mut frames, &rule_sources);
    speaker::resolve(&ctx, &frames)
}

fn overlaps(a: Chars, b: Chars) -> bool {
    a.0 < b.1 && b.0 < a.1
}

impl Ctx<'_> {
    /// The rules' cues whose speaker mention stands before a parenthetical
    /// clause (`Andrabi, responding to a query ..., said`): (cue, source
    /// tokens). The tagger often misses a subject that far from its cue.
    fn parenthetical_subjects(&self, rule_frames: &[Frame]) -> Vec<(Chars, (usize, usize))> {
        rule_frames
            .iter()
            .filter(|r| !r.inherit)
            .filter_map(|r| Some((r.cue?, r.source?)))
            .filter(|&(cue, (_, source_end))| {
                let cue_start = self.tokens_in(cue).start;
                cue_start > source_end + 2
                    && self.toks[source_end].text == ","
                    && self.toks[cue_start - 1].text == ","
            })
            .collect()
    }
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

impl Ctx<'_> {
    /// Frames from tagged roles (see the module docs).
    fn role_frames(&self, roles: &[RoleSpan]) -> Vec<Frame> {
        let of = |role: Role| -> Vec<Chars> {
            let mut spans: Vec<Chars> = roles
                .iter()
                .filter(|r| r.role == role && r.start < r.end)
                .map(|r| (r.start, r.end.min(self.chars.len())))
                .filter(|r| r.0 < r.1)
                .collect();
            spans.sort_unstable();
            spans
        };
        let (sources, cues) = (of(Role::Source), of(Role::Cue));
        let contents: Vec<Chars> = of(Role::Content)
            .into_iter()
            .flat_map(|c| self.paragraphs_of(c))
            .filter(|&c| !self.is_question(c))
            .collect();
        let mut cue_contents: Vec<Vec<Chars>> = vec![Vec::new(); cues.len()];
        let mut uncued = Vec::new();
        for &content in &contents {
            match self.nearest_cue(&cues, content, MAX_CONTENT_GAP) {
                Some(c) => cue_contents[c].push(content),
                None => uncued.push(content),
            }
        }
        let mut joined: Vec<Option<Chars>> = Vec::with_capacity(cues.len());
        for (&cue, contents) in cues.iter().zip(&cue_contents) {
            let (content, left) = self.join_contents(cue, contents);
            joined.push(content);
            uncued.extend(left);
        }
        let cue_source = self.pair_sources(&sources, &cues, &cue_contents);
        let mut frames = Vec::new();
        for ((&cue, content), source) in cues.iter().zip(joined).zip(cue_source) {
            let Some((start, end)) = content else {
                continue;
            };
            let cue = self.past_negated_contrast(cue, start);
            let cue_tokens = self.tokens_in(cue);
            if cue_tokens.is_empty()
                || !self.says_something((start, end))
                || self.is_negated(cue_tokens.clone())
                || (source.is_none() && self.is_bare_preposition(cue))
            {
                continue;
            }
            let source_tokens = source
                .map(|s| self.without_participle(self.tokens_in(s)))
                .filter(|t| !t.is_empty())
                .map(|t| (t.start, t.end));
            let cue_text = self.slice(cue.0, cue.1).to_lowercase();
            frames.push(Frame {
                source: source_tokens,
                inherit: source_tokens.is_none(),
                cue: Some(cue),
                content: (start, end),
                according: cue_text.starts_with("according"),
                headline: false,
                sentence: self.sentence_at(cue.0),
            });
        }
        let used: Vec<Chars> = frames
            .iter()
            .filter_map(|f: &Frame| f.source)
            .map(|(s, e)| (self.toks[s].s, self.toks[e - 1].e))
            .collect();
        let free: Vec<Chars> = sources
            .into_iter()
            .filter(|s| !used.iter().any(|u| u.0 < s.1 && s.0 < u.1))
            .collect();
        frames.extend(self.uncued_frames(&uncued, &free));
        frames
    }

    /// `Kabul claimed A and alleged B`: where the rules find a coordinated
    /// cue (`and alleged`, speaker taken from the claim before) inside a
    /// model content, that content ends before the `and` and the rules'
    /// claim is added.
    fn split_coordinated(&self, frames: &mut Vec<Frame>, rule_frames: &[Frame]) {
        let mut added = Vec::new();
        for rule in rule_frames
            .iter()
            .filter(|r| r.inherit && r.source.is_none())
        {
            let Some(cue) = rule.cue else {
                continue;
            };
            let first = self.tokens_in(cue).start;
            if first < 2 || !matches!(self.toks[first - 1].lower.as_str(), "and" | "but") {
                continue;
            }
            let cut = self.toks[first - 2].e;
            let Some(model) = frames.iter_mut().find(|m| {
                m.content.0 < cut
                    && cue.1 <= m.content.1
                    && m.cue.is_some_and(|c| c.1 <= m.content.0 || c.1 <= cut)
            }) else {
                continue;
            };
            if frames_overlap_cue(&added, cue) {
                continue;
            }
            model.content.1 = cut;
            added.push(rule.clone());
        }
        frames.extend(added);
    }

    /// A cue with no source that continues the previous claim of its
    /// sentence takes that claim's speaker mention: coordinated (`Merrill
    /// says A and said B`, `X urged A, but warned B`) or a participle after a
    /// comma (`Trump is questioning A, encouraging B`, `He emphasised that A
    /// remains “very strong,” noting B`). PolNeAR marks the one mention as
    /// the source of both. `frames` are in text order.
    pub(crate) fn share_coordinated_sources(&self, frames: &mut [Frame]) {
        for i in 1..frames.len() {
            let (before, rest) = frames.split_at_mut(i);
            let frame = &mut rest[0];
            let Some(cue) = frame.cue.filter(|_| frame.source.is_none()) else {
                continue;
            };
            // Frames are in text order: look back within the sentence only.
            let previous = before
                .iter()
                .rev()
                .take_while(|p| p.sentence == frame.sentence)
                .find(|p| p.source.is_some() && p.cue.is_some_and(|c| c.1 <= cue.0));
            let Some((previous, previous_cue)) =
                previous.and_then(|p| p.cue.map(|c| (p, self.tokens_in(c).end)))
            else {
                continue;
            };
            if self.continues_a_claim(previous_cue, self.tokens_in(cue).start) {
                frame.source = previous.source;
            }
        }
    }

    /// A participle cue that opens its sentence, alone or after `after`,
    /// `while`, `before` or `when` (`Bemoaning the “phony system,” Trump
    /// accused ...`, `After saying A, she ...`), takes the speaker mention
    /// of the clause its content leads into: the source of the next claim
    /// of the sentence, if it follows the content and a comma. PolNeAR marks that
    /// subject as the source of both. `frames` are in text order.
    pub(crate) fn share_preposed_participle_sources(&self, frames: &mut [Frame]) {
        for i in 0..frames.len() {
            let (frame, after) = (&frames[i], &frames[i + 1..]);
            let Some(cue) = frame.cue.filter(|_| frame.source.is_none()) else {
                continue;
            };
            if !self.opens_sentence_with_participle(self.tokens_in(cue).start, frame.sentence) {
                continue;
            }
            let subject = after
                .iter()
                .take_while(|next| next.sentence == frame.sentence)
                .filter(|next| next.cue.is_some())
                .find_map(|next| next.source)
                .filter(|&(first, _)| {
                    self.toks[first].s >= frame.content.1 && self.follows_comma(first)
                });
            if subject.is_some() {
                frames[i].source = subject;
            }
        }
    }

    /// Whether token `cue` is an `-ing` word with nothing before it in
    /// sentence `sentence` but quote marks and at most one of `after`,
    /// `while`, `before`, `when`.
    fn opens_sentence_with_participle(&self, cue: usize, sentence: usize) -> bool {
        if !self.is_participle(cue) {
            return false;
        }
        let starts_at = self
            .doc
            .sentences
            .as_deref()
            .and_then(|sentences| sentences.get(sentence))
            .map_or(0, |s| s.start);
        let before: Vec<&str> = self.toks[..cue]
            .iter()
            .rev()
            .take_while(|t| t.s >= starts_at)
            .filter(|t| !t.is_quote())
            .map(|t| t.lower.as_str())
            .collect();
        match before[..] {
            [] => true,
            [word] => matches!(word, "after" | "while" | "before" | "when"),
            _ => false,
        }
    }

    /// Whether token `at` is an `-ing` word.
    fn is_participle(&self, at: usize) -> bool {
        self.toks
            .get(at)
            .is_some_and(|t| t.word && t.lower.ends_with("ing"))
    }

    /// Whether the token before token `first` (quote marks aside) is a
    /// comma.
    fn follows_comma(&self, first: usize) -> bool {
        self.toks[..first]
            .iter()
            .rev()
            .find(|t| !t.is_quote())
            .is_some_and(|t| t.lower == ",")
    }

    /// Whether the words before token `cue` (after token `from`, quote
    /// marks aside) end the way a second predicate of one subject starts:
    /// `and` / `but`, or a comma (`, even`) before an `-ing` cue.
    fn continues_a_claim(&self, from: usize, cue: usize) -> bool {
        let before: Vec<&str> = self.toks[from.min(cue)..cue]
            .iter()
            .filter(|t| !t.is_quote())
            .map(|t| t.lower.as_str())
            .collect();
        let last = |back: usize| before.len().checked_sub(back).map(|i| before[i]);
        if matches!(last(1), Some("and" | "but")) {
            return true;
        }
        self.is_participle(cue)
            && (last(1) == Some(",")
                || (last(2) == Some(",") && matches!(last(1), Some("even" | "also" | "again"))))
    }

    /// One content for a cue: the first of its contents by sentences apart,
    /// then a quotation before unquoted text (`“A,” X said after B` quotes
    /// A), then characters apart; joined with the others only where at most
    /// six words stand between them (`“A,” he said, “B.”`). Returns it and
    /// the contents left out.
    fn join_contents(&self, cue: Chars, contents: &[Chars]) -> (Option<Chars>, Vec<Chars>) {
        let mut by_distance = contents.to_vec();
        by_distance.sort_by_key(|&c| {
            let apart = self
                .distance(c, cue, usize::MAX)
                .map_or(usize::MAX, |d| d.0);
            let quote_beside =
                self.touches_quote(c) && self.words_between(c, cue) <= MAX_WORDS_BEFORE_QUOTE;
            (apart, !quote_beside, gap(c, cue), c)
        });
        let Some((&first, rest)) = by_distance.split_first() else {
            return (None, Vec::new());
        };
        let mut joined = first;
        let mut left = Vec::new();
        for &next in rest {
            let between = self.between(joined, next);
            let words = self.words_between(joined, next);
            let quoted = self.touches_quote(joined) && self.touches_quote(next);
            if (quoted || words <= MAX_WORDS_BETWEEN_UNQUOTED)
                && words <= MAX_WORDS_BETWEEN_PARTS
                && !between.contains('\n')
            {
                joined = (joined.0.min(next.0), joined.1.max(next.1));
            } else {
                left.push(next);
            }
        }
        (Some(joined), left)
    }

    /// The text between two spans that do not overlap.
    fn between(&self, a: Chars, b: Chars) -> String {
        if b.0 >= a.1 {
            self.slice(a.1, b.0)
        } else {
            self.slice(b.1, a.0)
        }
    }

    /// Words (with a letter or digit) between two spans.
    pub(crate) fn words_between(&self, a: Chars, b: Chars) -> usize {
        self.between(a, b)
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    /// Whether a content holds a word that can carry a statement (not only
    /// `to`, `the`, `which` or a quotation mark).
    fn says_something(&self, content: Chars) -> bool {
        self.toks[self.tokens_in(content)]
            .iter()
            .any(|t| t.word && !lexicon::is_function_word(&t.lower))
    }

    /// Whether a content is an embedded question (`a query regarding
    /// whether Tehran was working to ...`, `asked whether ...`): what was
    /// asked, which the source did not claim. Such contents are dropped
    /// before linking, so their cue does not take the speaker from the
    /// cue of the answer (`X, responding to ..., said ...`).
    fn is_question(&self, content: Chars) -> bool {
        self.toks[self.tokens_in(content)]
            .iter()
            .find(|t| t.word)
            .is_some_and(|t| t.lower == "whether")
    }

    /// A content cut at each paragraph break outside quotations: the tagger
    /// sometimes runs a content into the next paragraph, which then links
    /// it to that paragraph's cue. A quote running over paragraphs (`“A` /
    /// `“B.”`) is one quotation (see `text::quotations`) and stays whole.
    fn paragraphs_of(&self, content: Chars) -> Vec<Chars> {
        let mut parts = Vec::new();
        let mut start = content.0;
        for i in content.0..content.1 {
            if self.chars[i] == '\n' && self.quote_containing(i).is_none() {
                parts.push((start, i));
                start = i + 1;
            }
        }
        parts.push((start, content.1));
        parts
            .into_iter()
            .filter_map(|(s, e)| self.trimmed(s, e))
            .collect()
    }

    /// `[start, end)` without surrounding whitespace; `None` when nothing
    /// else is left.
    fn trimmed(&self, mut start: usize, mut end: usize) -> Option<Chars> {
        while start < end && self.chars[start].is_whitespace() {
            start += 1;
        }
        while end > start && self.chars[end - 1].is_whitespace() {
            end -= 1;
        }
        (start < end).then_some((start, end))
    }

    /// A speaker mention without its trailing participle phrase: `a joint
    /// statement issued on October 31` -> `a joint statement` (the date
    /// then dates the claim).
    fn without_participle(&self, tokens: Range<usize>) -> Range<usize> {
        let toks = &self.toks;
        let cut = (tokens.start + 1..tokens.end.saturating_sub(1)).find(|&k| {
            let w = &toks[k];
            w.word
                && !w.cap
                && w.lower.len() > 3
                && w.lower.ends_with("ed")
                && matches!(
                    toks[k + 1].lower.as_str(),
                    "on" | "by" | "in" | "at" | "last" | "earlier" | "this" | "late"
                )
        });
        tokens.start..cut.unwrap_or(tokens.end)
    }

    /// A span that starts or ends at a quotation mark (or one character
    /// from it: `“very strong,”`).
    fn touches_quote(&self, span: Chars) -> bool {
        let is_quote = |i: usize| {
            self.chars
                .get(i)
                .is_some_and(|c| matches!(c, '“' | '”' | '"' | '„' | '«' | '»'))
        };
        (span.0..(span.0 + 2).min(span.1)).any(is_quote)
            || (span.1.saturating_sub(2).max(span.0)..span.1).any(is_quote)
    }

    /// A cue that is only a preposition (`regarding`, `about`, `for`): the
    /// topic of a question or request, not a statement.
    fn is_bare_preposition(&self, cue: Chars) -> bool {
        let text = self.slice(cue.0, cue.1).to_lowercase();
        matches!(
            text.trim(),
            "regarding"
                | "about"
                | "for"
                | "on"
                | "in"
                | "by"
                | "of"
                | "with"
                | "over"
                | "at"
                | "from"
                | "to"
                | "concerning"
        )
    }

    /// `“...” ― Jane Doe`: a content no cue took, next to a source no cue
    /// took, is a claim without a cue.
    fn uncued_frames(&self, contents: &[Chars], sources: &[Chars]) -> Vec<Frame> {
        let mut used = vec![false; sources.len()];
        let mut frames = Vec::new();
        for &content in contents {
            let nearest = near(sources, content, MAX_UNCUED_GAP)
                .filter(|&i| !used[i])
                .filter_map(|i| {
                    self.distance(sources[i], content, MAX_UNCUED_GAP)
                        .map(|d| (d, i))
                })
                .min();
            let Some((_, i)) = nearest else {
                continue;
            };
            let tokens = self.tokens_in(sources[i]);
            if tokens.is_empty() {
                continue;
            }
            used[i] = true;
            frames.push(Frame {
                source: Some((tokens.start, tokens.end)),
                inherit: false,
                cue: None,
                content,
                according: false,
                headline: false,
                sentence: self.sentence_at(content.0),
            });
        }
        frames
    }

    /// One source per cue with content, one cue per source: the closest
    /// pairs first (fewest sentences apart, then fewest characters).
    fn pair_sources(
        &self,
        sources: &[Chars],
        cues: &[Chars],
        cue_contents: &[Vec<Chars>],
    ) -> Vec<Option<Chars>> {
        let mut pairs = Vec::new();
        for (s, &source) in sources.iter().enumerate() {
            for c in near(cues, source, MAX_SOURCE_GAP) {
                let cue = cues[c];
                if cue_contents[c].is_empty() {
                    continue;
                }
                if let Some(distance) = self.distance(source, cue, MAX_SOURCE_GAP) {
                    pairs.push((distance, s, c));
                }
            }
        }
        pairs.sort_unstable();
        let mut cue_source = vec![None; cues.len()];
        let mut used = vec![false; sources.len()];
        for (_, s, c) in pairs {
            if !used[s] && cue_source[c].is_none() {
                used[s] = true;
                cue_source[c] = Some(sources[s]);
            }
        }
        cue_source
    }

    /// How far `span` is from `cue`: sentences apart (at most
    /// [`MAX_LINK_SENTENCES`]), then characters (at most `max_gap`).
    fn distance(&self, span: Chars, cue: Chars, max_gap: usize) -> Option<Chars> {
        let first = self.sentence_at(span.0);
        let last = self.sentence_at(span.1.saturating_sub(1).max(span.0));
        let sentence = self.sentence_at(cue.0);
        let apart = if sentence < first {
            first - sentence
        } else {
            sentence.saturating_sub(last)
        };
        let chars = gap(span, cue);
        (apart <= MAX_LINK_SENTENCES && chars <= max_gap).then_some((apart, chars))
    }

    /// Index of the cue nearest to `span`: fewest sentences apart (at most
    /// [`MAX_LINK_SENTENCES`]), then fewest characters (at most `max_gap`).
    fn nearest_cue(&self, cues: &[Chars], span: Chars, max_gap: usize) -> Option<usize> {
        near(cues, span, max_gap)
            .filter_map(|i| self.distance(span, cues[i], max_gap).map(|d| (d, i)))
            .min()
            .map(|(_, i)| i)
    }

    /// Index of the sentence holding character `ch` (0 without sentences).
    pub(crate) fn sentence_at(&self, ch: usize) -> usize {
        let Some(sentences) = self.doc.sentences.as_deref() else {
            return 0;
        };
        sentences
            .partition_point(|s| s.end <= ch)
            .min(sentences.len().saturating_sub(1))
    }

    /// Tokens overlapping characters `[span.0, span.1)`.
    fn tokens_in(&self, span: Chars) -> Range<usize> {
        let first = self.toks.partition_point(|t| t.e <= span.0);
        let end = self.toks.partition_point(|t| t.s < span.1);
        first..end.max(first)
    }

    /// For a negated cue followed by `but` and a reporting verb
    /// before its content at character `content` (`neither confirmed nor
    /// denied but maintained that ...`), that verb: what the source did
    /// say. The cue itself otherwise.
    fn past_negated_contrast(&self, cue: Chars, content: usize) -> Chars {
        let tokens = self.tokens_in(cue);
        if tokens.is_empty() || !self.is_negated(tokens.clone()) || content < cue.1 {
            return cue;
        }
        let upto = self.tokens_in((cue.0, content)).end;
        let after = &self.toks[tokens.start..upto];
        // `but`, not `yet` (`has not yet said`) nor `cannot help but`.
        let Some(contrast) = (1..after.len())
            .rev()
            .find(|&i| after[i].lower == "but" && after[i - 1].lower != "help")
        else {
            return cue;
        };
        match after.get(contrast + 1) {
            Some(verb) if lexicon::cue_verb(&verb.lower).is_some() => (verb.s, verb.e),
            _ => cue,
        }
    }

    /// A cue with a negation in it or just before it (`did not say`,
    /// `neither confirmed nor denied`, `declined to comment`).
    fn is_negated(&self, cue: Range<usize>) -> bool {
        let toks = &self.toks;
        if toks[cue.clone()]
            .iter()
            .any(|t| lexicon::is_negation(&t.lower))
        {
            return true;
        }
        let mut k = cue.start;
        let mut looked = 0;
        while k > 0 && looked < 3 {
            let w = toks[k - 1].lower.as_str();
            if lexicon::is_negation(w) {
                return true;
            }
            if !(lexicon::is_verb_filler(w) || lexicon::is_be(w) || w == "to") {
                return false;
            }
            k -= 1;
            looked += 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let mut doc = Document::new("t", text);
        doc.sentences = Some(vec![newsnlp_model::Span::new(0, text.chars().count())]);
        doc
    }

    /// A document whose sentences end at each `. `.
    fn doc_of_sentences(text: &str) -> Document {
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        let mut start = 0;
        for i in 1..chars.len() {
            if chars[i] == ' ' && chars[i - 1] == '.' {
                spans.push(newsnlp_model::Span::new(start, i));
                start = i + 1;
            }
        }
        spans.push(newsnlp_model::Span::new(start, chars.len()));
        let mut doc = Document::new("t", text);
        doc.sentences = Some(spans);
        doc
    }

    fn role(text: &str, role: Role, piece: &str) -> RoleSpan {
        let byte = text.find(piece).expect(piece);
        let start = text[..byte].chars().count();
        RoleSpan {
            role,
            start,
            end: start + piece.chars().count(),
        }
    }

    #[test]
    fn links_roles_into_one_claim() {
        let text = "The minister said that talks would resume.";
        let roles = [
            role(text, Role::Source, "The minister"),
            role(text, Role::Cue, "said"),
            role(text, Role::Content, "talks would resume"),
        ];
        let claims = attribute_with_roles(&doc(text), &roles);
        assert_eq!(claims.len(), 1);
        let c = &claims[0];
        assert_eq!(
            c.source.as_ref().map(|s| s.text.as_str()),
            Some("The minister")
        );
        assert_eq!(c.cue.as_ref().map(|s| s.text.as_str()), Some("said"));
        assert_eq!(c.content.text, "talks would resume");
        assert_eq!(c.kind, "indirect");
    }

    /// Sources of `text`'s claims, given source, cue and content pieces.
    fn sources_of(text: &str, pieces: &[(Role, &str)]) -> Vec<Option<String>> {
        let roles: Vec<RoleSpan> = pieces.iter().map(|&(r, p)| role(text, r, p)).collect();
        attribute_with_roles(&doc_of_sentences(text), &roles)
            .into_iter()
            .map(|c| c.source.map(|s| s.text))
            .collect()
    }

    #[test]
    fn a_continuing_cue_shares_the_source_of_its_clause() {
        use Role::{Content, Cue, Source};
        let text = "Merrill says Machado will campaign and said she would stand firm.";
        let pieces = [
            (Source, "Merrill"),
            (Cue, "says"),
            (Content, "Machado will campaign"),
            (Cue, "said"),
            (Content, "she would stand firm"),
        ];
        let both = Some("Merrill".to_string());
        assert_eq!(sources_of(text, &pieces), [both.clone(), both.clone()]);
        let text = "He called it “very strong,” noting that talks failed.";
        let pieces = [
            (Source, "He"),
            (Cue, "called"),
            (Content, "it “very strong,”"),
            (Cue, "noting"),
            (Content, "that talks failed"),
        ];
        let both = Some("He".to_string());
        assert_eq!(sources_of(text, &pieces), [both.clone(), both]);
    }

    #[test]
    fn a_participle_opening_its_sentence_shares_the_subject_after_it() {
        use Role::{Content, Cue, Source};
        let text = "Bemoaning the “phony system,” Trump accused Holt of bias.";
        let pieces = [
            (Cue, "Bemoaning"),
            (Content, "the “phony system,”"),
            (Source, "Trump"),
            (Cue, "accused"),
            (Content, "Holt of bias"),
        ];
        let both = Some("Trump".to_string());
        assert_eq!(sources_of(text, &pieces), [both.clone(), both.clone()]);
        let text = "After saying her foot was swollen, she was rushed to a doctor.";
        let pieces = [
            (Cue, "saying"),
            (Content, "her foot was swollen"),
            (Source, "she"),
            (Cue, "was rushed to"),
            (Content, "a doctor"),
        ];
        let both = Some("she".to_string());
        assert_eq!(sources_of(text, &pieces), [both.clone(), both]);
        // Not a participle, or not opening the sentence: no source.
        for (text, cue) in [
            (
                "Reports on the “phony system,” Trump accused Holt of bias.",
                "Reports",
            ),
            (
                "Yesterday saying the “phony system,” Trump accused Holt of bias.",
                "saying",
            ),
        ] {
            let pieces = [
                (Cue, cue),
                (Content, "the “phony system,”"),
                (Source, "Trump"),
                (Cue, "accused"),
                (Content, "Holt of bias"),
            ];
            assert_eq!(
                sources_of(text, &pieces),
                [None, Some("Trump".to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn a_negated_cue_gives_way_to_the_verb_after_but() {
        use Role::{Content, Cue, Source};
        let text = "Islamabad neither confirmed nor denied but maintained that talks failed.";
        let roles: Vec<RoleSpan> = [
            (Source, "Islamabad"),
            (Cue, "neither confirmed"),
            (Content, "that talks failed"),
        ]
        .iter()
        .map(|&(r, p)| role(text, r, p))
        .collect();
        let claims = attribute_with_roles(&doc(text), &roles);
        let cues: Vec<Option<&str>> = claims
            .iter()
            .map(|c| c.cue.as_ref().map(|s| s.text.as_str()))
            .collect();
        assert_eq!(cues, [Some("maintained")]);
        assert_eq!(claims[0].speaker.as_deref(), Some("Islamabad"));
        // `not yet` and `cannot help but` are no contrast: no claim.
        for (text, cue) in [
            ("Trump has not yet responded to the remarks.", "has not yet"),
            (
                "People cannot help but worry about the vote.",
                "cannot help",
            ),
        ] {
            let content = if text.starts_with("Trump") {
                "to the remarks"
            } else {
                "about the vote"
            };
            let roles = [role(text, Cue, cue), role(text, Content, content)];
            assert!(
                attribute_with_roles(&doc(text), &roles).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_speaker_is_inherited_within_a_sentence_only() {
        use Role::{Content, Cue, Source};
        let text = "The minister said talks would resume. The weather was cold. \
                    Officials were told to prepare.";
        let roles: Vec<RoleSpan> = [
            (Source, "The minister"),
            (Cue, "said"),
            (Content, "talks would resume"),
            (Cue, "were told"),
            (Content, "to prepare"),
        ]
        .iter()
        .map(|&(r, p)| role(text, r, p))
        .collect();
        let claims = attribute_with_roles(&doc_of_sentences(text), &roles);
        let speakers: Vec<Option<&str>> = claims.iter().map(|c| c.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("minister"), None]);
    }

    #[test]
    fn a_subject_before_a_parenthetical_clause_is_the_source() {
        use Role::{Content, Cue};
        let text = "Andrabi, responding to a question on the talks, said Islamabad would help.";
        assert_eq!(
            sources_of(text, &[(Cue, "said"), (Content, "Islamabad would help")]),
            [Some("Andrabi".to_string())]
        );
    }

    #[test]
    fn a_cue_that_does_not_continue_a_clause_keeps_no_source() {
        use Role::{Content, Cue, Source};
        // A finite verb after a comma, and a cue in the next sentence.
        let text =
            "Merrill says Machado will campaign, believed the aides. Stated then was a plan.";
        let pieces = [
            (Source, "Merrill"),
            (Cue, "says"),
            (Content, "Machado will campaign"),
            (Cue, "believed"),
            (Content, "the aides"),
            (Cue, "Stated"),
            (Content, "was a plan"),
        ];
        assert_eq!(
            sources_of(text, &pieces),
            [Some("Merrill".to_string()), None, None]
        );
    }

    #[test]
    fn every_claim_of_a_long_document_is_linked() {
        let sentence = "Officials said talks resumed. ";
        let count = 20_000;
        let text = sentence.repeat(count);
        let mut doc = Document::new("long", text.as_str());
        let len = sentence.chars().count();
        doc.sentences = Some(
            (0..count)
                .map(|i| newsnlp_model::Span::new(i * len, (i + 1) * len - 1))
                .collect(),
        );
        let roles: Vec<RoleSpan> = (0..count)
            .flat_map(|i| {
                let at = i * len;
                [
                    (Role::Source, 0, 9),
                    (Role::Cue, 10, 14),
                    (Role::Content, 15, 28),
                ]
                .map(|(role, s, e)| RoleSpan {
                    role,
                    start: at + s,
                    end: at + e,
                })
            })
            .collect();
        let claims = attribute_with_roles(&doc, &roles);
        assert_eq!(claims.len(), count);
        assert!(claims.iter().enumerate().all(|(i, c)| c.sentence == i
            && c.content.text == "talks resumed"
            && c.source.as_ref().is_some_and(|s| s.start == i * len)));
    }

    #[test]
    fn coordinated_cue_splits_the_content() {
        let text =
            "Kabul claimed the attack was retaliatory and alleged airspace violations by Pakistan.";
        let roles = [
            role(text, Role::Source, "Kabul"),
            role(text, Role::Cue, "claimed"),
            role(
                text,
                Role::Content,
                "the attack was retaliatory and alleged airspace violations by Pakistan",
            ),
        ];
        let claims = attribute_with_roles(&doc(text), &roles);
        let rows: Vec<(&str, &str, &str)> = claims
            .iter()
            .map(|c| {
                (
                    c.speaker.as_deref().unwrap_or(""),
                    c.cue.as_ref().map_or("", |s| s.text.as_str()),
                    c.content.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("Kabul", "claimed", "the attack was retaliatory"),
                ("Kabul", "alleged", "airspace violations by Pakistan"),
            ]
        );
    }

    #[test]
    fn uncued_quote_beside_a_name_and_participle_phrases_leave_the_speaker() {
        let text =
            "“We will win.” ― Jane Doe. A statement issued on Monday announced that talks ended.";
        let roles = [
            role(text, Role::Content, "“We will win.”"),
            role(text, Role::Source, "Jane Doe"),
            role(text, Role::Source, "A statement issued on Monday"),
            role(text, Role::Cue, "announced"),
            role(text, Role::Content, "that talks ended"),
        ];
        let claims = attribute_with_roles(&doc_of_sentences(text), &roles);
        assert_eq!(claims.len(), 2, "{claims:#?}");
        assert_eq!(claims[0].speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(claims[0].cue.as_ref().map(|c| c.text.as_str()), Some("―"));
        assert_eq!(claims[0].kind, "direct");
        assert_eq!(
            claims[1].source.as_ref().map(|s| s.text.as_str()),
            Some("A statement")
        );
    }

    #[test]
    fn split_quote_is_one_content_and_negated_cue_is_dropped() {
        let text = "“We will win,” she said, “and soon.” He neither confirmed nor denied it.";
        let roles = [
            role(text, Role::Content, "“We will win,”"),
            role(text, Role::Source, "she"),
            role(text, Role::Cue, "said"),
            role(text, Role::Content, "“and soon.”"),
            role(text, Role::Source, "He"),
            role(text, Role::Cue, "confirmed"),
            role(text, Role::Cue, "denied"),
            role(text, Role::Content, "it"),
        ];
        let claims = attribute_with_roles(&doc(text), &roles);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        assert_eq!(
            claims[0].content.text,
            "“We will win,” she said, “and soon.”"
        );
        assert_eq!(claims[0].kind, "direct");
    }

    #[test]
    fn a_quote_beside_its_speaker_wins_over_a_nearer_clause() {
        let text = "“Subpoenas are not optional,” Chairman Jason Chaffetz said after the aide failed to appear.";
        let roles = [
            role(text, Role::Content, "“Subpoenas are not optional,”"),
            role(text, Role::Source, "Chairman Jason Chaffetz"),
            role(text, Role::Cue, "said"),
            role(text, Role::Content, "the aide failed to appear"),
        ];
        let claims = attribute_with_roles(&doc(text), &roles);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        assert_eq!(claims[0].content.text, "“Subpoenas are not optional,”");
        assert_eq!(claims[0].kind, "direct");
    }

    #[test]
    fn content_run_into_the_next_paragraph_is_cut_but_a_running_quote_is_not() {
        let text = "“Know the past,” she said. “We have no context.”\nAs it stands, prisons are full, according to the bureau.\n“The first part\n“and the second.”";
        let roles = [
            role(text, Role::Content, "“Know the past,”"),
            role(text, Role::Source, "she"),
            role(text, Role::Cue, "said"),
            role(text, Role::Content, "“We have no context.”\nAs it stands,"),
            role(text, Role::Content, "prisons are full,"),
            role(text, Role::Cue, "according to"),
            role(text, Role::Source, "the bureau"),
        ];
        let claims = attribute_with_roles(&doc(text), &roles);
        let contents: Vec<&str> = claims.iter().map(|c| c.content.text.as_str()).collect();
        assert_eq!(
            contents,
            [
                "“Know the past,” she said. “We have no context.”",
                "As it stands, prisons are full,"
            ]
        );
        let doc = doc(text);
        let ctx = Ctx::new(&doc);
        let quote_start = text[..text.find("“The first").unwrap()].chars().count();
        let whole = (quote_start, text.chars().count());
        assert_eq!(ctx.paragraphs_of(whole), vec![whole]);
    }

    #[test]
    fn contents_of_function_words_alone_are_not_claims() {
        let text = "The minister pledged to. Officials said the talks failed.";
        let roles = [
            role(text, Role::Source, "The minister"),
            role(text, Role::Cue, "pledged"),
            role(text, Role::Content, "to"),
            role(text, Role::Source, "Officials"),
            role(text, Role::Cue, "said"),
            role(text, Role::Content, "the talks failed"),
        ];
        let claims = attribute_with_roles(&doc_of_sentences(text), &roles);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        assert_eq!(claims[0].content.text, "the talks failed");
    }

    #[test]
    fn an_embedded_question_is_not_a_claim() {
        let text = "Andrabi, responding to a query regarding whether Tehran would host talks, said Islamabad supports dialogue.";
        let roles = [
            role(text, Role::Source, "Andrabi"),
            role(text, Role::Cue, "responding to a query regarding"),
            role(text, Role::Content, "whether Tehran would host talks"),
            role(text, Role::Cue, "said"),
            role(text, Role::Content, "Islamabad supports dialogue"),
        ];
        let claims = attribute_with_roles(&doc_of_sentences(text), &roles);
        let found: Vec<(&str, &str)> = claims
            .iter()
            .map(|c| {
                (
                    c.cue.as_ref().unwrap().text.as_str(),
                    c.content.text.as_str(),
                )
            })
            .collect();
        assert_eq!(found, [("said", "Islamabad supports dialogue")]);
        assert_eq!(claims[0].speaker.as_deref(), Some("Andrabi"));
    }

    #[test]
    fn a_headline_speaker_before_the_colon_must_be_a_name() {
        let entity = |text: &str, piece: &str, label: &str| {
            let start = text[..text.find(piece).unwrap()].chars().count();
            newsnlp_model::Entity {
                start,
                end: start + piece.chars().count(),
                text: piece.into(),
                label: label.into(),
                score: 1.0,
            }
        };
        let with_entities = |text: &str, entities: Vec<newsnlp_model::Entity>| {
            let mut doc = doc(text);
            doc.entities = Some(entities);
            doc
        };
        let title = "The Latest: Trump visits Ohio to meet voters";
        let ohio = entity(title, "Ohio", "GPE");
        assert!(attribute_with_roles(&with_entities(title, vec![ohio]), &[]).is_empty());

        let quoted = "Pat Caddell: Democrat voters worried about her health";
        let caddell = entity(quoted, "Pat Caddell", "PERSON");
        let claims = attribute_with_roles(&with_entities(quoted, vec![caddell]), &[]);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        assert_eq!(claims[0].speaker.as_deref(), Some("Pat Caddell"));
        assert_eq!(claims[0].kind, "headline");
    }
}
