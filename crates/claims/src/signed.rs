//! Signed quotes: a quotation that opens its line, followed by a dash and
//! a name that ends the line (`“We need law and order.” ― Jane Doe`), the
//! form of pull quotes, epigraphs and vox pops. The name is the speaker
//! and the dash the cue, as PolNeAR marks them; the claim replaces any
//! that gave the quotation to someone outside it (the nearest speaker
//! before it, for a quote with no cue).

use crate::{Ctx, Frame};

/// Most words in a signature (`Christina N Luis Olidem`).
const MAX_SIGNATURE_WORDS: usize = 6;

impl Ctx<'_> {
    /// Adds the signed quotes of the document to `frames`, dropping the
    /// frames that attributed those quotations from outside them.
    pub(crate) fn sign_quotes(&self, frames: &mut Vec<Frame>) {
        let signed = self.signed_quotes();
        if signed.is_empty() {
            return;
        }
        frames.retain(|f| !signed.iter().any(|s| self.attributes_from_outside(f, s)));
        frames.extend(signed);
        crate::sort_frames(frames);
    }

    /// Frames for every `quotation dash name` in the text.
    fn signed_quotes(&self) -> Vec<Frame> {
        let mut frames = Vec::new();
        for i in 1..self.toks.len() {
            let Some(after_dash) = self.dash_at(i) else {
                continue;
            };
            let Some(content) = self.quotation_closed_at(i - 1) else {
                continue;
            };
            let Some(name) = self.signature_from(after_dash) else {
                continue;
            };
            if self.line_breaks(self.toks[i - 1].e, self.toks[name.0].s) {
                continue;
            }
            frames.push(Frame {
                source: Some(name),
                inherit: false,
                cue: Some((self.toks[i].s, self.toks[after_dash - 1].e)),
                content,
                according: false,
                headline: false,
                sentence: self.sentence_at(content.0),
            });
        }
        frames
    }

    /// `f` gives (part of) the quotation of `signed` to a speaker outside
    /// it: its content overlaps the quotation and its cue, if any, is not
    /// inside it (speech reported within the quote stays).
    fn attributes_from_outside(&self, f: &Frame, signed: &Frame) -> bool {
        let (qs, qe) = signed.content;
        let overlaps = f.content.0 < qe && qs < f.content.1;
        let cue_inside = f.cue.is_some_and(|c| qs <= c.0 && c.1 <= qe);
        overlaps && !cue_inside
    }

    /// A line break among characters `[s, e)`.
    fn line_breaks(&self, s: usize, e: usize) -> bool {
        self.chars[s..e].contains(&'\n')
    }

    /// The token after the dash when token `i` is a dash (`―`, `—`, `–`
    /// or `--`) standing on its own.
    fn dash_at(&self, i: usize) -> Option<usize> {
        let t = &self.toks;
        match t[i].text.as_str() {
            "―" | "—" | "–" => Some(i + 1),
            "-" if t.get(i + 1).is_some_and(|n| n.text == "-" && n.s == t[i].e) => Some(i + 2),
            _ => None,
        }
    }

    /// The quotation whose closing mark is token `i`, when it opens its
    /// line (a quote inside a sentence, `... insisted his party was “still
    /// the No. 1 force.”--Kim Hjelmgaard`, is signed by a byline, not by
    /// its speaker).
    fn quotation_closed_at(&self, i: usize) -> Option<(usize, usize)> {
        let close = &self.toks[i];
        if !close.is_quote() {
            return None;
        }
        let quote = self.quote_ending_at(close.e)?;
        let opens_line = self.chars[..quote.0]
            .iter()
            .rev()
            .take_while(|&&c| c != '\n')
            .all(|c| c.is_whitespace());
        opens_line.then_some(quote)
    }

    /// Tokens of the name starting at token `j` when it ends its line or
    /// sentence (`― Jane Doe`, `― Jane Doe.`, `― Jane Doe, 34, teacher`):
    /// capitalised words and initials, on the dash's line.
    fn signature_from(&self, j: usize) -> Option<(usize, usize)> {
        let t = &self.toks;
        let same_line = |k: usize| k == j || !self.line_breaks(t[k - 1].e, t[k].s);
        let mut k = j;
        while k < t.len() && k - j <= MAX_SIGNATURE_WORDS && t[k].word && t[k].cap && same_line(k) {
            k += 1;
        }
        if k == j || k - j > MAX_SIGNATURE_WORDS {
            return None;
        }
        let ends_line = match t.get(k) {
            None => true,
            Some(next) => !same_line(k) || matches!(next.text.as_str(), "," | "."),
        };
        ends_line.then_some((j, k))
    }
}
