//! The faults real web pages cause in annotated output, counted.
//!
//! `newsnlp eval pages DIR` runs the pipeline on a folder of saved pages and
//! prints these counts; `tests/web_pages.rs` asserts that each stays at
//! zero on the project's development pages. Each count is a fault a reader
//! of the output would notice at once:
//!
//! - **character references**: `&#39;`, `&nbsp;`, `&amp;` left in the text,
//!   the title, an entity or a claim;
//! - **repeated sentences**: a sentence of 8+ words that the document holds
//!   more than once (the article carried twice, a pull quote);
//! - **glued blocks**: a sentence end run into the next block with no
//!   space (`his concerns.Morrison`), unless the page itself writes it so;
//! - **other-language annotations**: entities or claims on a document whose
//!   detected language is not English;
//! - **MONEY without its sign**: a MONEY entity right after a currency sign
//!   it leaves out (`$` + `44,000`);
//! - **lone determiners**: an entity that is only `the`, `a`, a quote mark;
//! - **possessive names**: a PERSON entity ending in `'s`, or an ORG one
//!   with a word after it (`Apple's board`; `Moody's says` is a name).

use std::collections::HashMap;
use std::sync::LazyLock;

use newsnlp_ingest::language::DETECTED_KEY;
use newsnlp_model::Document;
use regex::Regex;

/// A character reference: named, decimal or hexadecimal.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
        .expect("valid regex")
});
/// A sentence end glued to the next capitalised word: `concerns.Morrison`.
static GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2}[.!?][”\x22’]?\p{Lu}\p{Ll}{2}").expect("valid regex"));

/// Words of a sentence worth counting as repeated.
const MIN_REPEATED_WORDS: usize = 8;

/// Fault counts over a set of documents; every field should be zero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultCounts {
    /// Documents looked at.
    pub documents: usize,
    /// Character references in text, titles, entities and claims.
    pub character_references: usize,
    /// Sentences (8+ words) beyond their first copy in the same document.
    pub repeated_sentences: usize,
    /// Sentence ends run into the next block.
    pub glued_blocks: usize,
    /// Entities and claims on documents not detected as English.
    pub other_language_annotations: usize,
    /// MONEY entities right after a currency sign they leave out.
    pub money_without_sign: usize,
    /// Entities that are only a determiner or punctuation.
    pub lone_determiners: usize,
    /// PERSON and ORG entities ending in a possessive.
    pub possessive_names: usize,
}

impl FaultCounts {
    /// The counts as (name, value) rows, in the order printed.
    pub fn rows(&self) -> [(&'static str, usize); 7] {
        [
            ("character references", self.character_references),
            ("repeated sentences", self.repeated_sentences),
            ("glued blocks", self.glued_blocks),
            (
                "other-language entities and claims",
                self.other_language_annotations,
            ),
            ("MONEY without its sign", self.money_without_sign),
            ("lone-determiner entities", self.lone_determiners),
            ("possessive PERSON/ORG spans", self.possessive_names),
        ]
    }

    /// Adds one document's faults.
    pub fn add(&mut self, doc: &Document) {
        self.add_with_page(doc, None);
    }

    /// Adds one document's faults, given the page it was read from: a
    /// sentence end glued to the next word that the page itself writes so
    /// (`...tonight.When reached...` inside a page's own JSON, a site called
    /// `Football.London`) is the page's text, not a fault.
    pub fn add_with_page(&mut self, doc: &Document, page: Option<&str>) {
        self.documents += 1;
        self.character_references += character_references(doc);
        self.repeated_sentences += repeated_sentences(doc);
        self.glued_blocks += GLUED
            .find_iter(&doc.text)
            .filter(|m| page.is_none_or(|page| !page.contains(m.as_str())))
            .count();
        self.other_language_annotations += other_language_annotations(doc);
        let chars: Vec<char> = doc.text.chars().collect();
        for entity in doc.entities.iter().flatten() {
            let before = entity.start.checked_sub(1).and_then(|i| chars.get(i));
            if entity.label == "MONEY" && before.is_some_and(|c| "$£€¥₹".contains(*c)) {
                self.money_without_sign += 1;
            }
            let words: Vec<&str> = entity
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let determiner =
                |w: &&str| ["the", "a", "an"].iter().any(|d| d.eq_ignore_ascii_case(w));
            if words.iter().all(determiner) {
                self.lone_determiners += 1;
            }
            // A business name may end in 's (`Moody's says`, `at Christie's,`);
            // a person's name never does.
            let possessive = entity.text.ends_with("'s") || entity.text.ends_with("’s");
            let word_follows = chars
                .get(entity.end..)
                .and_then(|rest| rest.iter().find(|c| !c.is_whitespace()))
                .is_some_and(|c| c.is_alphanumeric());
            let person = matches!(entity.label.as_str(), "PERSON" | "PER");
            if possessive && (person || (entity.label == "ORG" && word_follows)) {
                self.possessive_names += 1;
            }
        }
    }
}

fn character_references(doc: &Document) -> usize {
    let mut count = REFERENCE.find_iter(&doc.text).count();
    count += doc
        .title
        .as_deref()
        .map_or(0, |t| REFERENCE.find_iter(t).count());
    count += doc
        .entities
        .iter()
        .flatten()
        .filter(|e| REFERENCE.is_match(&e.text))
        .count();
    count += doc
        .claims
        .iter()
        .flatten()
        .filter(|c| {
            REFERENCE.is_match(&c.content.text)
                || c.speaker.as_deref().is_some_and(|s| REFERENCE.is_match(s))
        })
        .count();
    count
}

fn repeated_sentences(doc: &Document) -> usize {
    let Some(sentences) = &doc.sentences else {
        return 0;
    };
    let map = doc.offsets();
    let mut copies: HashMap<String, usize> = HashMap::new();
    for sentence in sentences {
        let text = sentence.slice(&doc.text, &map);
        if text.split_whitespace().count() < MIN_REPEATED_WORDS {
            continue;
        }
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        *copies.entry(key).or_insert(0) += 1;
    }
    copies.values().map(|n| n - 1).sum()
}

fn other_language_annotations(doc: &Document) -> usize {
    let detected = doc.meta.get(DETECTED_KEY).and_then(|v| v.as_str());
    if matches!(detected, None | Some("en") | Some("und")) {
        return 0;
    }
    doc.entities.as_ref().map_or(0, Vec::len) + doc.claims.as_ref().map_or(0, Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_model::{Entity, Span};

    fn entity(text: &str, whole: &str, label: &str) -> Entity {
        let start = whole.find(text).unwrap();
        let start = whole[..start].chars().count();
        Entity {
            start,
            end: start + text.chars().count(),
            text: text.into(),
            label: label.into(),
            score: 0.9,
        }
    }

    #[test]
    fn each_fault_is_counted() {
        let text =
            "It cost $44,000 and Morrison's team said it&#39;s fine.Next day the board met.\n\n\
                    The board met again on Monday to discuss the matter in full.\n\n\
                    The board met again on Monday to discuss the matter in full.";
        let mut doc = Document::new("d", text);
        let second = text.find("The board").unwrap();
        let third = text.rfind("The board").unwrap();
        doc.sentences = Some(vec![
            Span::new(0, text[..second].trim_end().chars().count()),
            Span::new(second, text[..third].trim_end().chars().count()),
            Span::new(third, text.chars().count()),
        ]);
        doc.entities = Some(vec![
            entity("44,000", text, "MONEY"),
            entity("Morrison's", text, "PERSON"),
            entity("the", text, "ORG"),
        ]);
        let mut counts = FaultCounts::default();
        counts.add(&doc);
        assert_eq!(
            counts,
            FaultCounts {
                documents: 1,
                character_references: 1,
                repeated_sentences: 1,
                glued_blocks: 1,
                other_language_annotations: 0,
                money_without_sign: 1,
                lone_determiners: 1,
                possessive_names: 1,
            }
        );
        let mut counts = FaultCounts::default();
        counts.add_with_page(&doc, Some("<p>it&#39;s fine.Next day</p>"));
        assert_eq!(counts.glued_blocks, 0);
        doc.meta.insert(DETECTED_KEY.into(), "de".into());
        let mut counts = FaultCounts::default();
        counts.add(&doc);
        assert_eq!(counts.other_language_annotations, 3);
    }
}
