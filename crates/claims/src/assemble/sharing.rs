//! Sources shared between claims of one clause: coordinated and
//! continuing cues (`A and said B`, `A, noting B`), participles opening a
//! sentence, and subjects before a parenthetical clause from the rules.

use super::*;

impl Ctx<'_> {
    /// The rules' cues whose speaker mention stands before a parenthetical
    /// clause (`Andrabi, responding to a query ..., said`): (cue, source
    /// tokens). The tagger often misses a subject that far from its cue.
    pub(super) fn parenthetical_subjects(
        &self,
        rule_frames: &[Frame],
    ) -> Vec<(Chars, (usize, usize))> {
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
    pub(super) fn opens_sentence_with_participle(&self, cue: usize, sentence: usize) -> bool {
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
    pub(super) fn is_participle(&self, at: usize) -> bool {
        self.toks
            .get(at)
            .is_some_and(|t| t.word && t.lower.ends_with("ing"))
    }

    /// Whether the token before token `first` (quote marks aside) is a
    /// comma.
    pub(super) fn follows_comma(&self, first: usize) -> bool {
        self.toks[..first]
            .iter()
            .rev()
            .find(|t| !t.is_quote())
            .is_some_and(|t| t.lower == ",")
    }

    /// Whether the words before token `cue` (after token `from`, quote
    /// marks aside) end the way a second predicate of one subject starts:
    /// `and` / `but`, or a comma (`, even`) before an `-ing` cue.
    pub(super) fn continues_a_claim(&self, from: usize, cue: usize) -> bool {
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
}
