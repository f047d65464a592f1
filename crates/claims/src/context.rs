//! The shared token context of one document: its characters, tokens,
//! sentences, quotations and dates, with the span helpers both claim
//! paths (the rules in `rules.rs`, the model's roles in `assemble.rs`) and
//! speaker resolution (`speaker.rs`) read it through.

use newsnlp_model::{Document, TextSpan, Timex};

use crate::entities::Entities;
use crate::text::{self, Tok};

/// Text order of claims: by where the claim starts (its cue or its content).
pub(crate) fn sort_frames(frames: &mut [Frame]) {
    frames.sort_by_key(|f| {
        (
            f.content.0.min(f.cue.map_or(usize::MAX, |c| c.0)),
            f.content.0,
        )
    });
}

/// A claim before speaker resolution, in token and character terms.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// Speaker mention, tokens `[s, e)`.
    pub(crate) source: Option<(usize, usize)>,
    /// The speaker is the one of the previous claim (coordination, participle).
    pub(crate) inherit: bool,
    pub(crate) cue: Option<(usize, usize)>,
    /// Content characters `[s, e)`.
    pub(crate) content: (usize, usize),
    pub(crate) according: bool,
    pub(crate) headline: bool,
    pub(crate) sentence: usize,
}

pub(crate) struct Ctx<'d> {
    pub doc: &'d Document,
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    pub(crate) sents: Vec<(usize, usize)>,
    pub(crate) quotes: Vec<(usize, usize)>,
    /// The document's DATE and TIME expressions, by start.
    pub dates: Vec<&'d Timex>,
    /// The document's entities, indexed by position.
    pub(crate) ents: Entities<'d>,
}

/// Most characters between two quotes that can still continue one another
/// (`“…,” he said, “…”`); the gap may also hold at most six words.
pub(crate) const MAX_QUOTE_GAP: usize = 200;

/// Longest date expression looked back for: a date expression is far
/// shorter.
pub(crate) const MAX_DATE_CHARS: usize = 256;

impl<'d> Ctx<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        let chars: Vec<char> = doc.text.chars().collect();
        let toks = text::tokenize(&chars);
        let sents = text::sentence_tokens(doc, &toks);
        let quotes = text::quotations(&chars);
        let mut dates: Vec<&Timex> = doc
            .dates
            .iter()
            .flatten()
            .filter(|t| matches!(t.kind.as_str(), "DATE" | "TIME"))
            .collect();
        dates.sort_by_key(|t| t.start);
        Self {
            doc,
            chars,
            toks,
            sents,
            quotes,
            dates,
            ents: Entities::new(doc.entities.as_deref().unwrap_or(&[])),
        }
    }

    pub fn slice(&self, s: usize, e: usize) -> String {
        let e = e.min(self.chars.len());
        self.chars[s.min(e)..e].iter().collect()
    }

    pub(crate) fn span(&self, s: usize, e: usize) -> TextSpan {
        TextSpan {
            start: s,
            end: e,
            text: self.slice(s, e),
        }
    }
    /// Whether a DATE or TIME expression shares a character with `[s, e)`.
    pub(crate) fn dates_overlapping(&self, s: usize, e: usize) -> bool {
        let first = self.dates.partition_point(|t| t.start + MAX_DATE_CHARS < s);
        self.dates[first..]
            .iter()
            .take_while(|t| t.start < e)
            .any(|t| s < t.end)
    }

    /// The sentence holding character `ch` (sentences are in text order).
    pub(crate) fn sentence_of(&self, ch: usize) -> Option<usize> {
        let sentences = self.doc.sentences.as_ref()?;
        let i = sentences.partition_point(|s| s.end <= ch);
        sentences
            .get(i)
            .filter(|s| s.start <= ch && ch < s.end)
            .map(|_| i)
    }

    /// The quotations inside `[s, e)` (quotations are disjoint and in
    /// text order, so this is a binary search).
    pub(crate) fn quotes_within(&self, s: usize, e: usize) -> &[(usize, usize)] {
        let first = self.quotes.partition_point(|q| q.0 < s);
        let last = first + self.quotes[first..].partition_point(|q| q.1 <= e);
        &self.quotes[first..last]
    }

    /// The first quotation starting at or after `c`.
    pub(crate) fn quote_from(&self, c: usize) -> Option<(usize, usize)> {
        let i = self.quotes.partition_point(|q| q.0 < c);
        self.quotes.get(i).copied()
    }

    pub(crate) fn quote_starting_at(&self, s: usize) -> Option<(usize, usize)> {
        self.quote_from(s).filter(|q| q.0 == s)
    }

    pub(crate) fn quote_ending_at(&self, e: usize) -> Option<(usize, usize)> {
        let i = self.quotes.partition_point(|q| q.1 < e);
        self.quotes.get(i).copied().filter(|q| q.1 == e)
    }

    pub(crate) fn quote_containing(&self, c: usize) -> Option<(usize, usize)> {
        let i = self.quotes.partition_point(|q| q.1 <= c);
        self.quotes.get(i).copied().filter(|q| q.0 <= c && c < q.1)
    }

    /// `“A,” he said, “B.”`: content `[s, e)` opens and closes with quotes
    /// and only a short attribution (six words at most) stands between them.
    pub(crate) fn is_split_quote(&self, s: usize, e: usize) -> bool {
        let inside = self.quotes_within(s, e);
        let (Some(first), Some(last)) = (inside.first(), inside.last()) else {
            return false;
        };
        if first.0 != s || last.1 != e || inside.len() < 2 {
            return false;
        }
        inside
            .windows(2)
            .all(|pair| self.words_between(pair[0], pair[1]) <= 6)
    }

    /// `direct`, `indirect` or `mixed` for content `[s, e)`.
    pub(crate) fn speech_kind(&self, s: usize, e: usize) -> &'static str {
        let around = self
            .quote_containing(s.saturating_sub(1))
            .into_iter()
            .chain(self.quote_containing(s));
        if around
            .into_iter()
            .any(|q| q.0 <= s && e <= q.1 && (q.1 - e) <= 1 && s - q.0 <= 1)
        {
            "direct"
        } else if !self.quotes_within(s, e).is_empty() {
            if self.quote_starting_at(s).is_some_and(|q| q.1 == e) || self.is_split_quote(s, e) {
                "direct"
            } else {
                "mixed"
            }
        } else {
            "indirect"
        }
    }
}
