//! News-aware sentence splitting, the `sentences` stage of newsnlp.
//!
//! [`split_sentences`] turns cleaned article text into sentence byte ranges;
//! [`sentence_spans`] gives the same sentences as character [`Span`]s for the
//! document model. The splitter is rule-based and runs in one linear pass:
//!
//! - blank lines are hard paragraph boundaries, and a one-line paragraph
//!   without final punctuation (a headline) is one sentence;
//! - list items (`-`, `•`, `⁃`, `1.`, `2)`, `3.)`, `a.`, `b)`, `• 9.`) are
//!   sentences of their own, on separate lines or run together on one line
//!   (`1. Rail 2. Roads`; see `lists.rs`);
//! - `.`, `?`, `!`, `...`, `…` and spaced `. . .`, with any closing quotes
//!   or brackets, end a sentence only when followed by whitespace and a word
//!   that does not start lowercase (`"Why?" she asked.` and `The report (It
//!   was out on Monday.) drew criticism.` stay whole; `3.5%`, `bbc.co.uk`
//!   and `10.30am` are never split; see `quotes.rs`, `ellipsis.rs`);
//! - titles (`Dr.`, `Lt. Col.`) never end a sentence, months, `No.` and
//!   `N°.` do not before a number, and ambiguous abbreviations (`U.S.`,
//!   `Inc.`, `p.m.`, initials like `W.`) end one only where a new sentence
//!   clearly starts: a typical opener (`The`, `He`, `In` ...), or after a
//!   time or company suffix a title and a name (`at 5 P.M. Mr. Jones left`),
//!   never after a short opening phrase (`At 7 a.m. Mr. Jones arrived.`; see
//!   `abbreviations.rs`);
//! - no sentence is made of punctuation alone: such a piece joins its
//!   neighbour.
//!
//! [`eval`] scores any splitter against CoNLL-U gold (GUM, UD EWT);
//! [`hard_cases`] against files of hard cases with their exact sentences
//! (the crate's own: `tests/hard_cases.tsv`).
#![warn(missing_docs)]

use std::ops::Range;

use newsnlp_model::{OffsetMap, Span};

mod abbreviations;
mod ellipsis;
pub mod eval;
pub mod hard_cases;
mod lexicon;
mod lists;
mod quotes;
mod split;

/// Sentence byte ranges of `text`, in order, trimmed of surrounding
/// whitespace, never crossing a paragraph break ("\n\n"), covering every
/// non-blank part of the text.
///
/// ```
/// let text = "Dr. Smith earned $1.5m in the U.S. last year. “Not enough,” he said.";
/// let sentences: Vec<&str> = newsnlp_sentences::split_sentences(text)
///     .into_iter()
///     .map(|r| &text[r])
///     .collect();
/// assert_eq!(
///     sentences,
///     ["Dr. Smith earned $1.5m in the U.S. last year.", "“Not enough,” he said."]
/// );
/// ```
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    split::split(text)
}

/// The sentences of `text` as character spans (the document model's unit).
pub fn sentence_spans(text: &str) -> Vec<Span> {
    let map = OffsetMap::new(text);
    split_sentences(text)
        .into_iter()
        .map(|r| {
            let chars = map.chars_of_bytes(r);
            Span::new(chars.start, chars.end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_characters() {
        let text = "Türkiye won. “Qatar” lost.";
        let map = OffsetMap::new(text);
        let spans = sentence_spans(text);
        assert_eq!(spans, vec![Span::new(0, 12), Span::new(13, 26)]);
        assert_eq!(spans[1].slice(text, &map), "“Qatar” lost.");
    }
}
