//! Which person `he` or `she` can stand for: genders from honorifics in the
//! document (`Mr Howard`), given names (`Hillary Clinton`) and roles (`his
//! wife`, `a spokeswoman`).

use std::collections::HashMap;

use crate::entities::speaker_rank;
use crate::lexicon::{self, Gender};
use crate::names::strip_possessive;
use crate::{forenames, Ctx};

use super::Who;

/// Surnames (lowercase) with the gender their honorifics give them in the
/// document (`Mr Howard`, `Ms Robinson`, `Sir Digby Jones`); a surname seen
/// with both is left out.
pub(super) fn honorific_genders(ctx: &Ctx<'_>) -> HashMap<String, Gender> {
    let toks = &ctx.toks;
    let mut seen: HashMap<String, Option<Gender>> = HashMap::new();
    for (i, t) in toks.iter().enumerate() {
        let gender = match t.text.trim_end_matches('.') {
            "Mr" | "Sir" | "Lord" => Gender::Male,
            "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Baroness" => Gender::Female,
            _ => continue,
        };
        let run = toks[i + 1..].iter().take_while(|w| w.cap && w.word).last();
        let Some(surname) = run.map(|w| surname_key(&w.text)) else {
            continue;
        };
        seen.entry(surname)
            .and_modify(|g| {
                if *g != Some(gender) {
                    *g = None;
                }
            })
            .or_insert(Some(gender));
    }
    seen.into_iter()
        .filter_map(|(name, g)| g.map(|g| (name, g)))
        .collect()
}

/// A surname as the gender table keys it: lowercase, no possessive.
fn surname_key(word: &str) -> String {
    strip_possessive(word).to_lowercase()
}

/// Whether `he` / `she` can stand for `who`: a person whose honorifics,
/// given name or role do not say otherwise.
pub(super) fn can_be(
    ctx: &Ctx<'_>,
    who: &Who,
    wanted: Gender,
    genders: &HashMap<String, Gender>,
) -> bool {
    // A person, a name the rules found, or someone speaking for an
    // organisation (`A spokeswoman for Human Rights Watch`).
    let person = who.role.is_some()
        || who
            .entity
            .and_then(|i| ctx.ents.all.get(i))
            .is_none_or(|x| speaker_rank(&x.label) == Some(0));
    person && gender_of(who, genders).is_none_or(|g| g == wanted)
}

/// The gender the document says `who` has: from honorifics before the
/// surname (`Mr Howard`), else from the given name (`Hillary Clinton`),
/// else from the role (`his wife`, `a spokeswoman`).
pub(super) fn gender_of(who: &Who, genders: &HashMap<String, Gender>) -> Option<Gender> {
    let words: Vec<&str> = who
        .speaker
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let by_honorific = words
        .last()
        .and_then(|w| genders.get(&surname_key(w)))
        .copied();
    let by_given_name = || {
        (words.len() >= 2)
            .then(|| forenames::gender_of(words[0]))
            .flatten()
    };
    let by_role = || {
        who.role
            .as_deref()
            .into_iter()
            .flat_map(str::split_whitespace)
            .find_map(|w| lexicon::gendered_noun(&w.to_lowercase()))
    };
    by_honorific.or_else(by_given_name).or_else(by_role)
}

/// A speaker tagged as a person (its entity's label).
pub(super) fn is_person(ctx: &Ctx<'_>, who: &Who) -> bool {
    who.entity
        .and_then(|i| ctx.ents.all.get(i))
        .is_some_and(|x| speaker_rank(&x.label) == Some(0))
}
