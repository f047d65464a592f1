//! `The president`, `the sheriff`, `the actress`: a definite role noun
//! stands for the person the article gave that role, the one named last
//! before the mention with the role written beside the name (`President
//! Barack Obama`, `Morton County sheriff Kyle Kirchmeier`, `Nancy
//! Silvestri, the agency spokesperson`). A role the article writes beside
//! no name (`the actress`, `the host`) stands for the person named last
//! before it, when the noun's gender does not rule them out. With none, the
//! mention stays the speaker (`the president` of a company never named).

use crate::entities::speaker_rank;
use crate::lexicon;

use super::organisations::LOOKBACK_CHARS;
use super::Resolver;

/// Tokens before or after a name a role written beside it may take.
const ROLE_REACH: usize = 5;

/// Occupations a news story calls a person by once named (`the actress`,
/// `the singer`), which are no titles.
fn is_occupation(word: &str) -> bool {
    matches!(
        word,
        "actor"
            | "actress"
            | "singer"
            | "rapper"
            | "star"
            | "comedian"
            | "musician"
            | "player"
            | "coach"
            | "quarterback"
            | "pitcher"
            | "striker"
            | "designer"
            | "chef"
            | "writer"
            | "novelist"
            | "filmmaker"
            | "entrepreneur"
            | "model"
            | "doctor"
    )
}

/// Role nouns a story writes beside a name (`Sheriff Kyle Kirchmeier`).
fn is_titled(noun: &str) -> bool {
    (lexicon::is_role_noun(noun) && !noun.ends_with('s'))
        || matches!(
            noun,
            "sheriff" | "prosecutor" | "lady" | "coroner" | "sergeant"
        )
}

impl Resolver<'_, '_> {
    /// The person entity the mention in tokens `[s, e)` stands for when it
    /// is `the`, lowercase words and a role noun (`the president`, `the
    /// 47-year-old actress`, `The first lady`).
    pub(super) fn definite_person(&self, s: usize, e: usize) -> Option<usize> {
        let toks = &self.ctx.toks;
        if e <= s + 1 || e - s > 5 || toks[s].lower != "the" {
            return None;
        }
        if !toks[s + 1..e].iter().all(|t| t.word && !t.cap) && e - s > 2 {
            return None;
        }
        let noun = toks[e - 1].lower.as_str();
        let titled = is_titled(noun);
        if !titled && !is_occupation(noun) {
            return None;
        }
        let at = toks[s].s;
        let wanted = lexicon::gendered_noun(noun);
        let people: Vec<usize> = self
            .ctx
            .ents
            .starting_in(at.saturating_sub(LOOKBACK_CHARS), at)
            .filter(|&i| {
                let x = &self.ctx.ents.all[i];
                speaker_rank(&x.label) == Some(0) && x.end <= at
            })
            .collect();
        let found = people.iter().rev().find(|&&i| {
            let beside = self.role_beside(i, noun);
            let fits = wanted.is_none_or(|g| self.gender_of_entity(i).is_none_or(|h| h == g));
            fits && (beside || !titled)
        })?;
        Some(self.fullest.of(*found))
    }

    /// Whether `noun` is written within a few words of entity `i` (`first
    /// lady Michelle Obama`, `Kyle Kirchmeier, the sheriff`), in its sentence.
    fn role_beside(&self, i: usize, noun: &str) -> bool {
        let toks = &self.ctx.toks;
        let x = &self.ctx.ents.all[i];
        let first = toks.partition_point(|t| t.s < x.start);
        let last = toks.partition_point(|t| t.s < x.end);
        let before = toks[first.saturating_sub(ROLE_REACH)..first].iter();
        let after = toks[last..(last + ROLE_REACH).min(toks.len())].iter();
        before.chain(after).any(|t| t.lower == noun)
    }

    /// The gender entity `i`'s fullest name shows, if any.
    fn gender_of_entity(&self, i: usize) -> Option<lexicon::Gender> {
        let full = &self.ctx.ents.all[self.fullest.of(i)].text;
        let who = super::Who::named(full, Some(i));
        super::gender::gender_of(&who, &self.genders)
    }
}
