//! Corpus identity: one key per real person or organisation across all
//! documents.
//!
//! Each document first resolves its own names ([`crate::mentions`]); keys
//! it settles are already corpus keys (`PERSON:khawaja asif`,
//! `ORG:timewarner`). The corpus then settles the *bare* ones from what
//! all documents together say:
//! - a lone surname joins the full name that carries it when the corpus has
//!   exactly one such person, or one that holds at least [`DOMINANCE`] of
//!   the articles naming anyone of that surname; otherwise all lone uses of
//!   the surname share one key of their own (`PERSON:brown`), never a full
//!   name's;
//! - an acronym joins the organisation other articles spell it out as, when
//!   they agree (the same share), else the organisation whose initials it
//!   is, when the articles naming organisations with those initials agree
//!   (`IMF`, `International Monetary Fund`); otherwise it keeps its own key
//!   (`ORG:imf`).
//!
//! Memory grows with the number of distinct names, not documents.

use std::collections::HashMap;

use crate::mentions::{DocKey, DocNames};

/// The share of articles one full name must hold among those naming anyone
/// with a surname (or spelling out an acronym) for the lone form to join it.
pub const DOMINANCE: f64 = 0.9;

/// What the corpus says about names, gathered one document at a time.
#[derive(Debug, Default)]
pub struct NameRegistry {
    /// Surname → full-name key → articles.
    by_last: HashMap<String, HashMap<String, u32>>,
    /// First name → full-name key → articles.
    by_first: HashMap<String, HashMap<String, u32>>,
    /// Acronym key → organisation key → articles spelling it out so.
    acronyms: HashMap<String, HashMap<String, u32>>,
    /// Initials (lowercase) → organisation key → articles naming it.
    initials: HashMap<String, HashMap<String, u32>>,
}

impl NameRegistry {
    /// Adds one document's names.
    pub fn add(&mut self, names: &DocNames) {
        let mut people: Vec<&str> = names
            .entities
            .iter()
            .chain(names.speakers.iter().flatten())
            .filter(|m| m.key.kind == "PERSON" && !m.key.bare && m.key.key.contains(' '))
            .map(|m| m.key.key.as_str())
            .collect();
        people.sort_unstable();
        people.dedup();
        for key in people {
            let first = key.split(' ').next().unwrap_or(key);
            let last = key.rsplit(' ').next().unwrap_or(key);
            *self
                .by_last
                .entry(last.to_string())
                .or_default()
                .entry(key.to_string())
                .or_default() += 1;
            *self
                .by_first
                .entry(first.to_string())
                .or_default()
                .entry(key.to_string())
                .or_default() += 1;
        }
        for (acronym, org) in &names.acronyms {
            *self
                .acronyms
                .entry(acronym.clone())
                .or_default()
                .entry(org.clone())
                .or_default() += 1;
        }
        for (initials, org) in &names.initials {
            *self
                .initials
                .entry(initials.clone())
                .or_default()
                .entry(org.clone())
                .or_default() += 1;
        }
    }

    /// Settles the bare keys: the corpus identity.
    pub fn resolve(self) -> Identity {
        let mut alias = HashMap::new();
        for (last, fulls) in &self.by_last {
            if let Some(full) = dominant(fulls) {
                alias.insert(format!("PERSON~:{last}"), format!("PERSON:{full}"));
            }
        }
        for (first, fulls) in &self.by_first {
            let key = format!("PERSON~:{first}");
            if alias.contains_key(&key) || self.by_last.contains_key(first) {
                continue;
            }
            if let Some(full) = dominant(fulls) {
                alias.insert(key, format!("PERSON:{full}"));
            }
        }
        for (acronym, orgs) in &self.acronyms {
            if let Some(org) = dominant(orgs) {
                alias.insert(format!("ORG~:{acronym}"), format!("ORG:{org}"));
            }
        }
        for (initials, orgs) in &self.initials {
            let key = format!("ORG~:{initials}");
            if self.acronyms.contains_key(initials) {
                continue;
            }
            if let Some(org) = dominant(orgs) {
                alias.insert(key, format!("ORG:{org}"));
            }
        }
        Identity { alias }
    }
}

/// The key holding at least [`DOMINANCE`] of the articles, if any.
fn dominant(counts: &HashMap<String, u32>) -> Option<&str> {
    let total: u32 = counts.values().sum();
    let (best, n) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
    (f64::from(*n) >= DOMINANCE * f64::from(total)).then_some(best.as_str())
}

/// The corpus identity: every document key's corpus key.
#[derive(Debug, Default)]
pub struct Identity {
    alias: HashMap<String, String>,
}

impl Identity {
    /// The corpus key of a document key, `KIND:key`.
    pub fn key(&self, key: &DocKey) -> String {
        if key.bare {
            if let Some(full) = self.alias.get(&key.id()) {
                return full.clone();
            }
        }
        format!("{}:{}", key.kind, key.key)
    }

    /// Whether a document key is bare and the corpus left it so.
    pub fn is_open(&self, key: &DocKey) -> bool {
        key.bare && !self.alias.contains_key(&key.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::{resolve_in_document, RawName};

    fn doc(names: &[(&str, &str)]) -> DocNames {
        let text = names.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(". ");
        let raws: Vec<RawName> = names
            .iter()
            .map(|(k, s)| RawName {
                kind: (*k).into(),
                surface: (*s).into(),
                span: None,
            })
            .collect();
        resolve_in_document(&text, &raws, &[])
    }

    fn keys(identity: &Identity, names: &DocNames) -> Vec<String> {
        names
            .entities
            .iter()
            .map(|m| identity.key(&m.key))
            .collect()
    }

    #[test]
    fn a_lone_surname_joins_the_one_person_the_corpus_names_so() {
        let mut registry = NameRegistry::default();
        let a = doc(&[("PERSON", "Khawaja Asif")]);
        let b = doc(&[("PERSON", "Asif")]);
        let c = doc(&[("PERSON", "Gordon Brown")]);
        let d = doc(&[("PERSON", "Nick Brown")]);
        let e = doc(&[("PERSON", "Brown")]);
        for names in [&a, &b, &c, &d, &e] {
            registry.add(names);
        }
        let identity = registry.resolve();
        assert_eq!(keys(&identity, &b), ["PERSON:khawaja asif"]);
        assert!(!identity.is_open(&b.entities[0].key));
        assert!(identity.is_open(&e.entities[0].key));
        assert_eq!(keys(&identity, &e), ["PERSON:brown"]);
        assert_eq!(keys(&identity, &c), ["PERSON:gordon brown"]);
    }

    #[test]
    fn an_acronym_joins_what_other_articles_spell_it_out_as() {
        let mut registry = NameRegistry::default();
        let spelled = resolve_in_document(
            "The Council of Mortgage Lenders (CML) said so.",
            &[RawName {
                kind: "ORG".into(),
                surface: "Council of Mortgage Lenders".into(),
                span: Some((4, 31)),
            }],
            &[],
        );
        let bare = doc(&[("ORG", "CML"), ("ORG", "IMF"), ("ORG", "BA")]);
        let imf = doc(&[("ORG", "International Monetary Fund")]);
        let ba = doc(&[("ORG", "British Airways")]);
        let boa = doc(&[("ORG", "Bank of America")]);
        for names in [&spelled, &bare, &imf, &ba, &boa] {
            registry.add(names);
        }
        let identity = registry.resolve();
        assert_eq!(
            keys(&identity, &bare),
            [
                "ORG:councilmortgagelenders",
                "ORG:internationalmonetaryfund",
                "ORG:ba"
            ],
            "BA stays itself: two organisations have those initials"
        );
    }
}
