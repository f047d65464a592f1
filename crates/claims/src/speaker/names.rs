//! Name expansion, computed once per document: each entity's fullest
//! mention (a surname's full name, an acronym's expansion) and the fullest
//! run of capitalised words a rule-found name or acronym grows into.
//!
//! Both are tables built in one pass over the entities or tokens, so a
//! lookup costs a hash probe however long the document is.

use std::collections::HashMap;
use std::hash::Hash;

use newsnlp_model::Entity;

use crate::entities::speaker_rank;
use crate::names::{initials, is_acronym, strip_possessive};
use crate::{lexicon, Ctx};

/// The longest candidate per key: most characters, the earliest on a tie.
#[derive(Default)]
struct Longest<K> {
    best: HashMap<K, (usize, usize)>,
}

impl<K: Eq + Hash> Longest<K> {
    fn offer(&mut self, key: K, index: usize, chars: usize) {
        let slot = self.best.entry(key).or_insert((index, chars));
        if chars > slot.1 || (chars == slot.1 && index < slot.0) {
            *slot = (index, chars);
        }
    }

    fn get<Q>(&self, key: &Q) -> Option<(usize, usize)>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.best.get(key).copied()
    }
}

/// Every way a name can end after a space (`Donald Trump` gives `Trump`).
fn word_suffixes(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices(' ').map(move |(at, _)| &text[at + 1..])
}

/// The fullest mention of every entity of the document.
pub(super) struct Fullest {
    of: Vec<usize>,
}

impl Fullest {
    /// For each entity, the longest entity of the same label that equals
    /// it, ends with it (a surname; people and organisations only) or
    /// expands its acronym; an acronym may also grow into a speaking entity
    /// of another label. A place or group does not grow (`Americans` is not
    /// `Lithuanian Americans`, nor `Korea` `North Korea`).
    pub(super) fn new(ents: &[Entity]) -> Self {
        let chars: Vec<usize> = ents.iter().map(|x| x.text.chars().count()).collect();
        let mut same_text: Longest<(&str, &str)> = Longest::default();
        let mut same_suffix: Longest<(&str, &str)> = Longest::default();
        let mut any_text: Longest<&str> = Longest::default();
        let mut any_suffix: Longest<&str> = Longest::default();
        let mut any_initials: Longest<String> = Longest::default();
        for (i, x) in ents.iter().enumerate() {
            same_text.offer((x.label.as_str(), x.text.as_str()), i, chars[i]);
            for suffix in word_suffixes(&x.text) {
                same_suffix.offer((x.label.as_str(), suffix), i, chars[i]);
            }
            if speaker_rank(&x.label).is_some() {
                any_text.offer(x.text.as_str(), i, chars[i]);
                for suffix in word_suffixes(&x.text) {
                    any_suffix.offer(suffix, i, chars[i]);
                }
                any_initials.offer(initials(&x.text), i, chars[i]);
            }
        }
        let family = Family::new(ents);
        let of = ents
            .iter()
            .enumerate()
            .map(|(i, me)| {
                if let Some(nearest) = family.nearest(me) {
                    return nearest;
                }
                let grows = matches!(speaker_rank(&me.label), Some(0 | 1));
                let key = (me.label.as_str(), me.text.as_str());
                let mut found = vec![same_text.get(&key)];
                if grows {
                    found.push(same_suffix.get(&key));
                }
                if is_acronym(&me.text) {
                    found.push(any_text.get(me.text.as_str()));
                    if grows {
                        found.push(any_suffix.get(me.text.as_str()));
                    }
                    found.push(any_initials.get(me.text.as_str()));
                }
                found
                    .into_iter()
                    .flatten()
                    .fold((i, chars[i]), |best, cand| {
                        if cand.1 > best.1 || (cand.1 == best.1 && cand.0 < best.0) {
                            cand
                        } else {
                            best
                        }
                    })
                    .0
            })
            .collect();
        Self { of }
    }

    /// The index of entity `idx`'s fullest mention.
    pub(super) fn of(&self, idx: usize) -> usize {
        self.of.get(idx).copied().unwrap_or(idx)
    }
}

/// Surnames several people of a document share (`Alexander Stodden`,
/// `Brigitta Stodden`): their full names by position, so that a surname
/// stands for the one named last before it, not the longest.
struct Family<'e> {
    ents: &'e [Entity],
    by_surname: HashMap<&'e str, Vec<usize>>,
}

impl<'e> Family<'e> {
    fn new(ents: &'e [Entity]) -> Self {
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, x) in ents.iter().enumerate() {
            if speaker_rank(&x.label) == Some(0) {
                if let Some(surname) = word_suffixes(&x.text).last() {
                    by_surname.entry(surname).or_default().push(i);
                }
            }
        }
        by_surname.retain(|_, people| {
            people.sort_by_key(|&i| ents[i].start);
            let first = &ents[people[0]].text;
            people.iter().any(|&i| ents[i].text != *first)
        });
        Self { ents, by_surname }
    }

    /// For a person mentioned by a surname several full names share, the
    /// full name mentioned last before it (else the first after it).
    fn nearest(&self, me: &Entity) -> Option<usize> {
        if speaker_rank(&me.label) != Some(0) || me.text.contains(' ') {
            return None;
        }
        let people = self.by_surname.get(me.text.as_str())?;
        let before = people.partition_point(|&i| self.ents[i].start <= me.start);
        Some(if before > 0 {
            people[before - 1]
        } else {
            people[0]
        })
    }
}

/// Runs of two to four capitalised words in the text (titles stripped):
/// the full names a surname or acronym found by the rules grows into.
pub(super) struct NameRuns {
    by_suffix: Longest<String>,
    by_initials: Longest<String>,
    runs: Vec<String>,
}

impl NameRuns {
    pub(super) fn new(ctx: &Ctx<'_>) -> Self {
        let runs = name_runs(ctx);
        let mut by_suffix = Longest::default();
        let mut by_initials = Longest::default();
        for (i, run) in runs.iter().enumerate() {
            let chars = run.chars().count();
            for suffix in word_suffixes(run) {
                by_suffix.offer(suffix.to_string(), i, chars);
            }
            by_initials.offer(initials(run), i, chars);
        }
        Self {
            by_suffix,
            by_initials,
            runs,
        }
    }

    /// A surname or acronym expanded to the fullest name seen in the
    /// document (the name itself when none is longer).
    pub(super) fn expand(&self, name: &str) -> String {
        let name = strip_possessive(name);
        let own = name.chars().count();
        let mut found = vec![self.by_suffix.get(name)];
        if is_acronym(name) {
            found.push(self.by_initials.get(name));
        }
        let best = found
            .into_iter()
            .flatten()
            .filter(|&(_, chars)| chars > own)
            .min_by_key(|&(index, chars)| (usize::MAX - chars, index));
        match best {
            Some((index, _)) => self.runs[index].clone(),
            None => name.to_string(),
        }
    }
}

fn name_runs(ctx: &Ctx<'_>) -> Vec<String> {
    let toks = &ctx.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].cap && toks[i].word) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && toks[j].cap && toks[j].word {
            j += 1;
        }
        let mut s = i;
        while s < j && (lexicon::is_title(&toks[s].text) || lexicon::is_honorific(&toks[s].text)) {
            s += 1;
        }
        if let Some(p) = toks[s..j].iter().rposition(|w| lexicon::is_title(&w.text)) {
            s += p + 1;
        }
        if j - s >= 2 && j - s <= 4 {
            out.push(strip_possessive(&ctx.slice(toks[s].s, toks[j - 1].e)).to_string());
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(label: &str, text: &str) -> Entity {
        Entity {
            label: label.into(),
            start: 0,
            end: 0,
            text: text.into(),
            score: 0.9,
        }
    }

    #[test]
    fn surnames_and_acronyms_grow_into_the_fullest_name() {
        let ents = vec![
            ent("PERSON", "Trump"),
            ent("PERSON", "Donald Trump"),
            ent("ORG", "International Monetary Fund"),
            ent("ORG", "IMF"),
            ent("NORP", "Americans"),
            ent("NORP", "Lithuanian Americans"),
            ent("GPE", "Trump"),
        ];
        let fullest = Fullest::new(&ents);
        assert_eq!(fullest.of(0), 1);
        assert_eq!(fullest.of(3), 2);
        assert_eq!(fullest.of(4), 4, "a group does not grow");
        assert_eq!(fullest.of(6), 6, "another label is another name");
    }

    #[test]
    fn a_surname_family_members_share_is_the_one_named_last() {
        let at = |label: &str, text: &str, start: usize| Entity {
            start,
            end: start + text.len(),
            ..ent(label, text)
        };
        let ents = vec![
            at("PERSON", "Brigitta Stodden", 0),
            at("PERSON", "Stodden", 50),
            at("PERSON", "Alexander Stodden", 100),
            at("PERSON", "Stodden", 150),
        ];
        let fullest = Fullest::new(&ents);
        assert_eq!(fullest.of(1), 0);
        assert_eq!(fullest.of(3), 2);
    }
}
