//! Pronoun focus: the speakers so far, for `he`, `she`, `it`, `they` and
//! inherited speakers to refer to.

use std::collections::HashMap;

use crate::lexicon::Gender;
use crate::Ctx;

use super::gender::{can_be, is_person};
use super::Who;

/// How many speakers back `he` / `she` (named ones) and `it` may look for
/// one that fits; a `he` / `she` that none fits has no speaker.
const PRONOUN_LOOKBACK: usize = 4;

/// The speakers so far.
#[derive(Default)]
pub(super) struct Focus {
    /// Every speaker, most recent last (`it`, `they`, inherited speakers).
    recent: Vec<Who>,
    /// Speakers from names, most recent last (`he`, `she`, `who`).
    named: Vec<Who>,
}

impl Focus {
    /// The speaker the pronoun `word` stands for.
    pub(super) fn pronoun(
        &self,
        ctx: &Ctx<'_>,
        word: &str,
        genders: &HashMap<String, Gender>,
    ) -> Who {
        let last = || self.recent.last().cloned();
        let found = match word {
            "he" | "she" => {
                let wanted = if word == "he" {
                    Gender::Male
                } else {
                    Gender::Female
                };
                self.named
                    .iter()
                    .rev()
                    .take(PRONOUN_LOOKBACK)
                    .find(|w| can_be(ctx, w, wanted, genders))
                    .cloned()
            }
            "it" => self
                .recent
                .iter()
                .rev()
                .take(PRONOUN_LOOKBACK)
                .find(|w| !is_person(ctx, w))
                .cloned()
                .or_else(last),
            "they" => last(),
            _ => None,
        };
        found.unwrap_or_default()
    }

    /// The speaker of the previous claim.
    pub(super) fn last(&self) -> Who {
        self.recent.last().cloned().unwrap_or_default()
    }

    /// Records a claim's speaker (a relative `who` does not move the focus).
    pub(super) fn note(&mut self, who: &Who, relative: bool) {
        if who.speaker.is_none() || relative {
            return;
        }
        if who.named {
            self.named.push(who.clone());
        }
        self.recent.push(who.clone());
    }
}
