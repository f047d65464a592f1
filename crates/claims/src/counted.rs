//! Whether a frame is a claim a newsroom would count, beyond having a
//! reporting cue ([`crate::cue_class`]): what was said must be a statement
//! made by an actual source.
//!
//! Not counted:
//! - a cue ending in a preposition, whose content is a noun phrase, not a
//!   statement (`long criticized for wasteful spending`, `apologized for
//!   his actions`, `comments on the election`; but `expressed concern about
//!   how ...` and `said about it: “...”` count);
//! - speech not (yet) made: a cue after a modal or `to` (`will announce`,
//!   `would argue`, `to say`);
//! - a passive cue with no source (`it was said that`, `parents have been
//!   told`, `was suspected of`);
//! - a question (`“What do we do?”`, `asked whether`);
//! - content with no cue that is not a quotation, or is one in title case
//!   (`“Once Upon A Time in Hollywood,”`: a title);
//! - footage, videos and photos as sources (`a video shows`): perception;
//! - a negated or generic nobody as the source (`Nobody laments`, `Few
//!   would argue`, `anyone`).

use crate::{lexicon, Ctx, Frame};

/// Prepositions that end a cue before a noun-phrase content.
fn is_trailing_preposition(word: &str) -> bool {
    matches!(
        word,
        "for" | "on" | "about" | "of" | "against" | "with" | "over" | "at" | "into" | "in"
    )
}

fn is_modal(word: &str) -> bool {
    matches!(
        word,
        "will" | "would" | "could" | "might" | "may" | "shall" | "should" | "can" | "must" | "to"
    ) || word.ends_with("'ll")
        || word.ends_with("’ll")
}

/// Sources that record events rather than say anything (`footage later
/// emerged showing`, `a video shows`): perception, not a claim.
fn is_recording(source: &str) -> bool {
    let head = source
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        head.trim_matches(|c: char| !c.is_alphanumeric()),
        "footage"
            | "video"
            | "videos"
            | "photo"
            | "photos"
            | "image"
            | "images"
            | "picture"
            | "pictures"
            | "camera"
    )
}

/// Sources that name nobody (`Nobody`, `Few`, `anyone`).
fn is_nobody(source: &str) -> bool {
    matches!(
        source.trim().to_lowercase().as_str(),
        "nobody" | "no one" | "none" | "few" | "anyone" | "anybody" | "everyone" | "everybody"
    )
}

impl Ctx<'_> {
    /// Whether frame `f` is a claim a newsroom would count (module docs).
    pub(crate) fn is_counted(&self, f: &Frame) -> bool {
        if f.headline || f.according {
            return !self.asks(f.content);
        }
        let source = f
            .source
            .map(|(s, e)| self.slice(self.toks[s].s, self.toks[e - 1].e));
        if source
            .as_deref()
            .is_some_and(|s| is_nobody(s) || is_recording(s))
        {
            return false;
        }
        let Some((cs, ce)) = f.cue else {
            return self.speech_kind(f.content.0, f.content.1) == "direct"
                && !self.asks(f.content)
                && !self.is_title_case(f.content);
        };
        let first = self.toks.partition_point(|t| t.s < cs);
        let cue: Vec<&str> = self.toks[first..]
            .iter()
            .take_while(|t| t.e <= ce)
            .filter(|t| t.word)
            .map(|t| t.lower.as_str())
            .collect();
        // A capitalised word is a name, not a modal (`Mrs May said`, `Will
        // Smith said`).
        let before = first
            .checked_sub(1)
            .map(|i| &self.toks[i])
            .filter(|t| !t.cap)
            .map_or("", |t| t.lower.as_str());
        let ends_in_preposition = cue.len() >= 2
            && cue.last().is_some_and(|w| is_trailing_preposition(w))
            && !self.opens_a_statement(f.content);
        let not_yet = is_modal(before) || cue.first().is_some_and(|w| is_modal(w));
        !ends_in_preposition && !not_yet && !is_passive(&cue) && !self.asks(f.content)
    }

    /// Content that opens as a statement or a question about one, not a
    /// noun phrase: a quotation, `that`, `how`, `what`, `whether` ...
    fn opens_a_statement(&self, (s, e): (usize, usize)) -> bool {
        let first = self.toks.partition_point(|t| t.s < s);
        let Some(t) = self.toks.get(first).filter(|t| t.s < e) else {
            return false;
        };
        t.is_quote()
            || matches!(
                t.lower.as_str(),
                "that" | "how" | "what" | "why" | "whether" | "when" | "where" | "who" | "if"
            )
    }

    /// A quotation in title case (`“Once Upon A Time in Hollywood,”`): the
    /// name of a work, not words someone said.
    fn is_title_case(&self, (s, e): (usize, usize)) -> bool {
        let first = self.toks.partition_point(|t| t.s < s);
        let words: Vec<&crate::text::Tok> = self.toks[first..]
            .iter()
            .take_while(|t| t.e <= e)
            .filter(|t| t.word && t.text.chars().any(char::is_alphabetic))
            .collect();
        let capitalised = words.iter().filter(|t| t.cap).count();
        !words.is_empty() && capitalised * 10 >= words.len() * 6
    }

    /// Content that asks rather than states: it ends with a question mark.
    fn asks(&self, (s, e): (usize, usize)) -> bool {
        let content = self.slice(s, e);
        let trimmed = content.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')')
        });
        // A quote that states first and asks last (`“A. B?”`) states.
        let states_first = trimmed.char_indices().any(|(i, c)| {
            matches!(c, '.' | '!') && trimmed[i + 1..].starts_with([' ', '"', '”', '\n'])
        });
        trimmed.ends_with('?') && !states_first
    }
}

/// A passive cue: a form of `be` then a past participle (`was said`, `have
/// been told`, `is suspected of`).
fn is_passive(cue: &[&str]) -> bool {
    cue.windows(2).any(|pair| {
        lexicon::is_be(pair[0])
            && !is_stance_adjective(pair[1])
            && (pair[1].ends_with("ed")
                || matches!(
                    pair[1],
                    "said" | "told" | "thought" | "known" | "shown" | "written"
                ))
    })
}

/// Participles that state a position rather than a passive (`is
/// concerned`, `are worried`, `was opposed`).
fn is_stance_adjective(word: &str) -> bool {
    matches!(
        word,
        "concerned"
            | "worried"
            | "convinced"
            | "determined"
            | "committed"
            | "opposed"
            | "disappointed"
            | "pleased"
            | "satisfied"
            | "alarmed"
            | "encouraged"
            | "interested"
            | "prepared"
            | "adamant"
    )
}

#[cfg(test)]
mod tests {
    use super::is_passive;

    #[test]
    fn passives_are_be_and_a_participle() {
        assert!(is_passive(&["was", "said"]));
        assert!(is_passive(&["have", "been", "told"]));
        assert!(is_passive(&["was", "suspected", "of"]));
        assert!(!is_passive(&["is", "hoping"]));
        assert!(!is_passive(&["is", "concerned"]));
        assert!(!is_passive(&["said"]));
    }
}
