//! Statements listed under a colon (`President Obama also said:` then one
//! short paragraph per point, as a bulleted list reads once its bullets are
//! gone): each point is a claim of the same speaker and cue.

use crate::{Ctx, Frame};

/// Most words a listed point may have; a longer paragraph is prose again.
const MAX_POINT_WORDS: usize = 30;

impl Ctx<'_> {
    /// Adds a claim for each short paragraph after a claim whose cue ends
    /// with a colon and whose content ends its paragraph, up to the first
    /// paragraph that ends like a sentence or runs long.
    pub(crate) fn add_listed_points(&self, frames: &mut Vec<Frame>) {
        let mut points = Vec::new();
        for f in frames.iter() {
            let Some((cs, ce)) = f.cue else {
                continue;
            };
            if !self.slice(cs, ce).trim_end().ends_with(':') {
                continue;
            }
            let mut at = f.content.1;
            while let Some((ps, pe)) = self.next_paragraph(at) {
                let text = self.slice(ps, pe);
                let words = text.split_whitespace().count();
                let ends_sentence = text.trim_end().ends_with(['.', '?', '!', ':', '"', '”']);
                if words == 0 || words > MAX_POINT_WORDS || ends_sentence {
                    break;
                }
                points.push(Frame {
                    content: (ps, pe),
                    sentence: self.sentence_of(ps).unwrap_or(f.sentence),
                    ..f.clone()
                });
                at = pe;
            }
        }
        frames.extend(points);
    }

    /// The paragraph right after character `at`, when only the end of a
    /// paragraph stands between: `[start, end)` without its line break.
    fn next_paragraph(&self, at: usize) -> Option<(usize, usize)> {
        let chars = &self.chars;
        let mut k = at;
        while k < chars.len() && chars[k] != '\n' {
            if !chars[k].is_whitespace() {
                return None;
            }
            k += 1;
        }
        while k < chars.len() && chars[k].is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            return None;
        }
        let end = chars[k..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| k + p);
        Some((k, end))
    }
}
