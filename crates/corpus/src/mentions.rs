//! One document's names: its entities and its claims' speakers, each with
//! a key that already joins the variants the document itself explains.
//!
//! Inside one article a bare surname stands for the one full name that ends
//! (or starts) with it, and an acronym for the one organisation whose
//! initials it is or that it follows in brackets. What the article leaves
//! open (a surname two people share, an acronym never spelled out) keeps a
//! *bare* key for the corpus to settle ([`crate::identity`]).

use newsnlp_model::Document;

use crate::names::{
    initials, is_acronym, is_capitalised, is_knight_first_name, org_key, org_words,
    org_words_for_initials, other_key, person_key, person_words, words, NameKind,
};
use crate::roles::person_with_role;

/// Entity labels that name something, so that identity applies to them.
pub const NAME_LABELS: &[&str] = &[
    "PERSON",
    "PER",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "MISC",
];

/// A name's key inside one document.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct DocKey {
    /// `PERSON`, `ORG`, `OTHER` or another entity label.
    pub kind: String,
    /// The normalised name ([`crate::names`]).
    pub key: String,
    /// The document could not settle it: a lone surname or first name, or an
    /// acronym it never spells out.
    pub bare: bool,
}

impl DocKey {
    /// A key the document settled.
    fn settled(kind: &str, key: String) -> Self {
        Self {
            kind: kind.to_string(),
            key,
            bare: false,
        }
    }

    /// A person's full name when the document gave one, else the lone name
    /// as a bare key.
    fn person_or_bare(full: Option<String>, lone: String) -> Self {
        match full {
            Some(full) => Self::settled("PERSON", full),
            None => Self {
                kind: "PERSON".into(),
                key: lone,
                bare: true,
            },
        }
    }

    /// The key as one string, `KIND:key` (bare keys `KIND~:key`).
    pub fn id(&self) -> String {
        format!(
            "{}{}:{}",
            self.kind,
            if self.bare { "~" } else { "" },
            self.key
        )
    }
}

/// One mention of a name in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The text as written (an entity's text, a claim's `speaker`).
    pub surface: String,
    /// Character offsets of the mention in the document text, where known.
    pub span: Option<(usize, usize)>,
    /// Its key in this document.
    pub key: DocKey,
}

/// A document's names: entity mentions and, per claim, its speaker.
#[derive(Debug, Clone, Default)]
pub struct DocNames {
    /// Entity mentions of name types, in document order.
    pub entities: Vec<Mention>,
    /// For each claim, its speaker's mention (`None` without a speaker).
    pub speakers: Vec<Option<Mention>>,
    /// Acronyms the document spells out: (acronym key, organisation key).
    pub acronyms: Vec<(String, String)>,
    /// Its organisations of two words or more by initials: (initials
    /// lowercase, organisation key).
    pub initials: Vec<(String, String)>,
}

/// A name to resolve: its kind, as written, and where.
#[derive(Debug, Clone)]
pub struct RawName {
    /// `PERSON`, `ORG`, `OTHER` or another entity label.
    pub kind: String,
    /// The text as written.
    pub surface: String,
    /// Character offsets, where known.
    pub span: Option<(usize, usize)>,
}

/// The names of a document, resolved inside it.
pub fn doc_names(doc: &Document) -> DocNames {
    let entities = entity_names(doc);
    let speakers: Vec<Option<RawName>> = doc
        .claims
        .iter()
        .flatten()
        .map(|c| {
            let name = c.speaker.as_ref()?;
            let from_entity = c
                .speaker_entity
                .and_then(|i| doc.entities.as_ref()?.get(i))
                .and_then(|e| NameKind::of_label(&e.label));
            let span = c.source.as_ref().map(|s| (s.start, s.end));
            let kind = match from_entity {
                Some(kind) => kind.label().to_string(),
                None => speaker_kind(name, &entities),
            };
            let mention = c.source.as_ref().map_or("", |s| s.text.as_str());
            if kind == "OTHER" {
                if let Some(person) = person_with_role(doc, name, mention) {
                    return Some(RawName {
                        kind: "PERSON".into(),
                        surface: person,
                        span,
                    });
                }
            }
            Some(RawName {
                kind,
                surface: name.clone(),
                span,
            })
        })
        .collect();
    resolve_in_document(&doc.text, &entities, &speakers)
}

/// A document's entities of name types, as names to resolve.
pub fn entity_names(doc: &Document) -> Vec<RawName> {
    doc.entities
        .iter()
        .flatten()
        .filter(|e| NAME_LABELS.contains(&e.label.as_str()))
        .map(|e| RawName {
            kind: canonical_label(&e.label).to_string(),
            surface: e.text.clone(),
            span: Some((e.start, e.end)),
        })
        .collect()
}

/// Resolves names inside one document given as text and raw names (the
/// evaluation resolves gold mentions this way).
pub fn resolve_in_document(
    text: &str,
    entities: &[RawName],
    speakers: &[Option<RawName>],
) -> DocNames {
    let context = DocContext::new(text, entities.iter().chain(speakers.iter().flatten()));
    let mentions: Vec<Mention> = entities.iter().map(|n| context.mention(n)).collect();
    DocNames {
        entities: mentions,
        speakers: speakers
            .iter()
            .map(|s| s.as_ref().map(|n| context.mention(n)))
            .collect(),
        acronyms: context.acronyms.clone(),
        initials: context
            .long_orgs
            .iter()
            .map(|(i, k, _)| (i.to_lowercase(), k.clone()))
            .collect(),
    }
}

fn canonical_label(label: &str) -> &str {
    match label {
        "PER" => "PERSON",
        other => other,
    }
}

/// A speaker without an entity: a person or organisation when its key is
/// one the document's entities have, an organisation when it is an
/// acronym, a person when its last word is a person's surname in the
/// document, the label of another entity it names (`Tories`: `NORP`), else
/// `OTHER`.
fn speaker_kind(name: &str, entities: &[RawName]) -> String {
    let pk = person_key(&person_words(name));
    let ok = org_key(&org_words(name));
    for e in entities {
        if e.kind == "PERSON" && person_key(&person_words(&e.surface)) == pk {
            return "PERSON".into();
        }
        if e.kind == "ORG" && org_key(&org_words(&e.surface)) == ok {
            return "ORG".into();
        }
    }
    let w = words(name);
    if w.len() == 1 && is_acronym(&w[0]) {
        return "ORG".into();
    }
    let pw = person_words(name);
    let last_is_known = pw.last().filter(|l| is_capitalised(l)).is_some_and(|last| {
        entities.iter().any(|e| {
            e.kind == "PERSON"
                && person_words(&e.surface)
                    .last()
                    .is_some_and(|l| l.eq_ignore_ascii_case(last))
        })
    });
    if last_is_known {
        return "PERSON".into();
    }
    let key = other_key(name);
    entities
        .iter()
        .find(|e| e.kind != "PERSON" && e.kind != "ORG" && other_key(&e.surface) == key)
        .map_or_else(|| "OTHER".into(), |e| e.kind.clone())
}

/// What a document says about its own names.
struct DocContext {
    /// Full person names (two words or more): (first word, last word, key).
    full_people: Vec<(String, String, String)>,
    /// Organisations of two words or more: (initials, key, surface).
    long_orgs: Vec<(String, String, String)>,
    /// Organisations: (lowercase words, key, first character where named).
    orgs: Vec<(Vec<String>, String, Option<usize>)>,
    /// Acronyms spelled out in brackets after a name, or matching the
    /// initials of one organisation: (acronym key, organisation key).
    acronyms: Vec<(String, String)>,
}

impl DocContext {
    fn new<'a>(text: &str, names: impl Iterator<Item = &'a RawName>) -> Self {
        let names: Vec<&RawName> = names.collect();
        let mut full_people = Vec::new();
        let mut long_orgs = Vec::new();
        let mut orgs: Vec<(Vec<String>, String, Option<usize>)> = Vec::new();
        for n in &names {
            match n.kind.as_str() {
                "PERSON" => {
                    let w = person_words(&n.surface);
                    if w.len() >= 2 && w.iter().all(|w| is_capitalised(w)) {
                        let entry = (
                            w[0].to_lowercase(),
                            w[w.len() - 1].to_lowercase(),
                            person_key(&w),
                        );
                        if !full_people.contains(&entry) {
                            full_people.push(entry);
                        }
                    }
                }
                "ORG" => {
                    let w = org_words(&n.surface);
                    let key = org_key(&w);
                    if let Some(init) = initials(&org_words_for_initials(&n.surface)) {
                        if !long_orgs.iter().any(|(_, k, _)| k == &key) {
                            long_orgs.push((init, key.clone(), n.surface.clone()));
                        }
                    }
                    let start = n.span.map(|(s, _)| s);
                    match orgs.iter_mut().find(|(_, k, _)| *k == key) {
                        Some(entry) => entry.2 = entry.2.min(start).or(entry.2).or(start),
                        None => {
                            orgs.push((w.iter().map(|w| w.to_lowercase()).collect(), key, start))
                        }
                    }
                }
                _ => {}
            }
        }
        let mut context = Self {
            full_people,
            long_orgs,
            orgs,
            acronyms: Vec::new(),
        };
        context.acronyms = context.spelled_out_acronyms(text, &names);
        context
    }

    /// Acronyms the document explains: `Council of Mortgage Lenders (CML)`,
    /// or an acronym that is the initials of exactly one of its organisations.
    fn spelled_out_acronyms(&self, text: &str, names: &[&RawName]) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = Vec::new();
        let mut push = |acronym: String, key: String| {
            if !found.iter().any(|(a, _)| a == &acronym) {
                found.push((acronym, key));
            }
        };
        for n in names.iter().filter(|n| n.kind == "ORG") {
            let Some((_, end)) = n.span else { continue };
            if let Some(acronym) = bracketed_acronym_after(text, end) {
                let w = org_words(&n.surface);
                if w.len() >= 2 {
                    push(acronym_key(&acronym), org_key(&w));
                }
            }
        }
        for n in names.iter().filter(|n| n.kind == "ORG") {
            let w = words(&n.surface);
            if w.len() == 1 && is_acronym(&w[0]) {
                let acronym = acronym_key(&w[0]);
                let matching: Vec<&String> = self
                    .long_orgs
                    .iter()
                    .filter(|(init, _, _)| init.to_lowercase() == acronym)
                    .map(|(_, k, _)| k)
                    .collect();
                if let [only] = matching.as_slice() {
                    push(acronym, (*only).clone());
                }
            }
        }
        found
    }

    fn mention(&self, name: &RawName) -> Mention {
        Mention {
            surface: name.surface.clone(),
            span: name.span,
            key: self.key(name),
        }
    }

    fn key(&self, name: &RawName) -> DocKey {
        match name.kind.as_str() {
            "PERSON" => self.person(&name.surface),
            "ORG" => self.org(&name.surface, name.span.map(|(s, _)| s)),
            "OTHER" => DocKey::settled("OTHER", other_key(&name.surface)),
            label => DocKey::settled(label, other_key(&name.surface).replace('.', "")),
        }
    }

    fn person(&self, surface: &str) -> DocKey {
        // `Sir Alan`: a first name only.
        if is_knight_first_name(surface) {
            let first = words(surface)[1].to_lowercase();
            return DocKey::person_or_bare(self.full_name_by(|(f, _)| f == &first), first);
        }
        let w = person_words(surface);
        let key = person_key(&w);
        if w.len() != 1 {
            return DocKey::settled("PERSON", key);
        }
        let lone = w[0].to_lowercase();
        let full = self
            .full_name_by(|(_, last)| last == &lone)
            .or_else(|| self.full_name_by(|(first, _)| first == &lone));
        DocKey::person_or_bare(full, key)
    }

    /// The one full name of the document whose (first, last) word fits.
    fn full_name_by(&self, fits: impl Fn((&String, &String)) -> bool) -> Option<String> {
        unique(
            self.full_people
                .iter()
                .filter(|(first, last, _)| fits((first, last)))
                .map(|(_, _, k)| k),
        )
    }

    fn org(&self, surface: &str, start: Option<usize>) -> DocKey {
        let w = org_words(surface);
        if w.len() == 1 && is_acronym(&w[0]) {
            let acronym = acronym_key(&w[0]);
            return match self.acronyms.iter().find(|(a, _)| *a == acronym) {
                Some((_, full)) => DocKey::settled("ORG", full.clone()),
                None => DocKey {
                    kind: "ORG".into(),
                    key: acronym,
                    bare: true,
                },
            };
        }
        let key = org_key(&w);
        let key = self.longer_form(&w, &key, start).unwrap_or(key);
        DocKey::settled("ORG", key)
    }

    /// The one longer organisation name of this document that holds a short
    /// form's words in a row and was named before it (`Allied Domecq` ...
    /// `Allied`; `House of Commons` ... `Commons`).
    fn longer_form(&self, short: &[String], key: &str, start: Option<usize>) -> Option<String> {
        if short.is_empty()
            || !short
                .iter()
                .all(|w| is_capitalised(w) || w.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let lower: Vec<String> = short.iter().map(|w| w.to_lowercase()).collect();
        unique(
            self.orgs
                .iter()
                .filter(|(words, k, first)| {
                    k != key
                        && words.len() > lower.len()
                        && words
                            .windows(lower.len())
                            .any(|run| run == lower.as_slice())
                        && match (first, start) {
                            (Some(first), Some(start)) => first < &start,
                            _ => true,
                        }
                })
                .map(|(_, k, _)| k),
        )
    }
}

/// The one distinct value, or `None` when there are none or several.
fn unique<'a>(mut keys: impl Iterator<Item = &'a String>) -> Option<String> {
    let first = keys.next()?;
    keys.all(|k| k == first).then(|| first.clone())
}

/// An acronym's key: lowercase letters and digits (`U.N.` → `un`,
/// `AT&T` → `att`).
pub fn acronym_key(acronym: &str) -> String {
    acronym
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}

/// `(CML)` right after a name ending at character `end`.
fn bracketed_acronym_after(text: &str, end: usize) -> Option<String> {
    let rest: String = text.chars().skip(end).take(16).collect();
    let inner = rest.trim_start().strip_prefix('(')?;
    let close = inner.find(')')?;
    let acronym = inner[..close].trim();
    is_acronym(acronym).then(|| acronym.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: &str, surface: &str, text: &str) -> RawName {
        raw_at(kind, surface, text, text.find(surface))
    }

    fn raw_at(kind: &str, surface: &str, text: &str, byte: Option<usize>) -> RawName {
        let start = byte.map(|b| text[..b].chars().count());
        RawName {
            kind: kind.into(),
            surface: surface.into(),
            span: start.map(|s| (s, s + surface.chars().count())),
        }
    }

    fn ids(text: &str, names: &[(&str, &str)]) -> Vec<String> {
        let raws: Vec<RawName> = names.iter().map(|(k, s)| raw(k, s, text)).collect();
        resolve_in_document(text, &raws, &[])
            .entities
            .iter()
            .map(|m| m.key.id())
            .collect()
    }

    #[test]
    fn a_surname_after_a_full_name_is_that_person() {
        let text = "Defence Minister Khawaja Asif spoke. Asif said talks failed.";
        assert_eq!(
            ids(text, &[("PERSON", "Khawaja Asif"), ("PERSON", "Asif")]),
            ["PERSON:khawaja asif", "PERSON:khawaja asif"]
        );
    }

    #[test]
    fn a_surname_two_people_share_stays_bare() {
        let text = "Gordon Brown and Nick Brown met. Brown said no.";
        assert_eq!(
            ids(
                text,
                &[
                    ("PERSON", "Gordon Brown"),
                    ("PERSON", "Nick Brown"),
                    ("PERSON", "Brown")
                ]
            ),
            ["PERSON:gordon brown", "PERSON:nick brown", "PERSON~:brown"]
        );
    }

    #[test]
    fn an_acronym_in_brackets_or_by_initials_is_its_organisation() {
        let text =
            "The Council of Mortgage Lenders (CML) said prices rose. The CML added that the \
                    Building Societies Association agreed, the BSA said.";
        assert_eq!(
            ids(
                text,
                &[
                    ("ORG", "Council of Mortgage Lenders"),
                    ("ORG", "CML"),
                    ("ORG", "Building Societies Association"),
                    ("ORG", "BSA"),
                    ("ORG", "IMF"),
                ]
            ),
            [
                "ORG:councilmortgagelenders",
                "ORG:councilmortgagelenders",
                "ORG:buildingsocietiesassociation",
                "ORG:buildingsocietiesassociation",
                "ORG~:imf"
            ]
        );
    }

    #[test]
    fn a_short_form_after_the_full_name_is_that_organisation() {
        let text = "Allied Domecq agreed. Allied said the House of Commons and AOL Europe would wait. AOL said \
                    Commons votes matter.";
        let last = |names: &[(&str, &str)]| -> Vec<String> {
            let raws: Vec<RawName> = names
                .iter()
                .map(|(k, s)| raw_at(k, s, text, text.rfind(s)))
                .collect();
            resolve_in_document(text, &raws, &[])
                .entities
                .iter()
                .map(|m| m.key.id())
                .collect()
        };
        assert_eq!(
            last(&[
                ("ORG", "Allied Domecq"),
                ("ORG", "Allied"),
                ("ORG", "House of Commons"),
                ("ORG", "AOL Europe"),
                ("ORG", "AOL"),
                ("ORG", "Commons"),
            ],),
            [
                "ORG:allieddomecq",
                "ORG:allieddomecq",
                "ORG:housecommons",
                "ORG:aoleurope",
                "ORG~:aol",
                "ORG:housecommons"
            ]
        );
    }

    #[test]
    fn speakers_take_the_kind_of_their_entity_or_their_name() {
        let text = "Time Warner said profits rose. Analysts said so too. Mr Parsons said more.";
        let ents = [
            raw("ORG", "Time Warner", text),
            raw("PERSON", "Richard Parsons", text),
        ];
        let speakers = [
            Some(raw("OTHER", "Time Warner", text)),
            Some(raw("OTHER", "analysts", text)),
            Some(raw("OTHER", "Parsons", text)),
        ];
        let kinds: Vec<RawName> = speakers
            .iter()
            .flatten()
            .map(|s| RawName {
                kind: speaker_kind(&s.surface, &ents),
                ..s.clone()
            })
            .collect();
        assert_eq!(
            kinds.iter().map(|k| k.kind.as_str()).collect::<Vec<_>>(),
            ["ORG", "OTHER", "PERSON"]
        );
        let mut speakers: Vec<Option<RawName>> = kinds.into_iter().map(Some).collect();
        speakers.push(None);
        let names = resolve_in_document(text, &ents, &speakers);
        let ids: Vec<Option<String>> = names
            .speakers
            .iter()
            .map(|s| s.as_ref().map(|m| m.key.id()))
            .collect();
        assert_eq!(
            ids,
            [
                Some("ORG:timewarner".into()),
                Some("OTHER:analysts".into()),
                Some("PERSON:richard parsons".into()),
                None
            ]
        );
    }
}
