//! Questions about character spans and their tokens: the text and words
//! between two spans, sentences, paragraphs, quotes, negation and what a
//! content must hold to be a claim.

use super::*;

impl Ctx<'_> {
    /// The text between two spans that do not overlap.
    pub(super) fn between(&self, a: Chars, b: Chars) -> String {
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
    pub(super) fn says_something(&self, content: Chars) -> bool {
        self.toks[self.tokens_in(content)]
            .iter()
            .any(|t| t.word && !lexicon::is_function_word(&t.lower))
    }

    /// Whether a content is an embedded question (`a query regarding
    /// whether Tehran was working to ...`, `asked whether ...`): what was
    /// asked, which the source did not claim. Such contents are dropped
    /// before linking, so their cue does not take the speaker from the
    /// cue of the answer (`X, responding to ..., said ...`).
    pub(super) fn is_question(&self, content: Chars) -> bool {
        self.toks[self.tokens_in(content)]
            .iter()
            .find(|t| t.word)
            .is_some_and(|t| t.lower == "whether")
    }

    /// A content cut at each paragraph break outside quotations: the tagger
    /// sometimes runs a content into the next paragraph, which then links
    /// it to that paragraph's cue. A quote running over paragraphs (`“A` /
    /// `“B.”`) is one quotation (see `text::quotations`) and stays whole.
    pub(super) fn paragraphs_of(&self, content: Chars) -> Vec<Chars> {
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
    pub(super) fn trimmed(&self, mut start: usize, mut end: usize) -> Option<Chars> {
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
    pub(super) fn without_participle(&self, tokens: Range<usize>) -> Range<usize> {
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

    /// A speaker mention without words that cannot end a noun phrase, which
    /// a tagger sometimes takes from the verb phrase after it: `Islamabad
    /// neither` (`... neither confirmed nor denied but maintained`) ->
    /// `Islamabad`, `the minister, however,` -> `the minister`.
    pub(super) fn without_trailing_adverbs(&self, tokens: Range<usize>) -> Range<usize> {
        let mut end = tokens.end;
        while end > tokens.start + 1 {
            let last = &self.toks[end - 1].lower;
            if !(is_verb_phrase_adverb(last) || last == ",") {
                break;
            }
            end -= 1;
        }
        tokens.start..end
    }

    /// A span that starts or ends at a quotation mark (or one character
    /// from it: `“very strong,”`).
    pub(super) fn touches_quote(&self, span: Chars) -> bool {
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
    pub(super) fn is_bare_preposition(&self, cue: Chars) -> bool {
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
    pub(super) fn tokens_in(&self, span: Chars) -> Range<usize> {
        let first = self.toks.partition_point(|t| t.e <= span.0);
        let end = self.toks.partition_point(|t| t.s < span.1);
        first..end.max(first)
    }

    /// For a negated cue followed by `but` and a reporting verb
    /// before its content at character `content` (`neither confirmed nor
    /// denied but maintained that ...`), that verb: what the source did
    /// say. The cue itself otherwise.
    pub(super) fn past_negated_contrast(&self, cue: Chars, content: usize) -> Chars {
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
    pub(super) fn is_negated(&self, cue: Range<usize>) -> bool {
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

/// Words that open a verb phrase and never end a speaker mention.
fn is_verb_phrase_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "neither"
            | "nor"
            | "not"
            | "never"
            | "also"
            | "later"
            | "then"
            | "reportedly"
            | "repeatedly"
            | "previously"
            | "recently"
            | "publicly"
            | "separately"
            | "again"
            | "further"
            | "however"
    )
}
