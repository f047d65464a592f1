//! CoNLL token-per-line BIO tags for entities, for retraining a tagger.
//!
//! ```text
//! -DOCSTART- O
//!
//! Pakistan B-GPE
//! welcomed O
//! ```
//! Tokens are runs of letters and digits; every other non-space character
//! is a token of its own. Sentences (from the `sentences` layer, else line
//! breaks) are separated by a blank line, documents by a `-DOCSTART-` line.
//! A token takes the label of the entity it overlaps; of overlapping
//! entities the first (by start, longest first) is kept.

use std::path::Path;

use newsnlp_model::Document;

use crate::text::CharText;
use crate::{target_file, write_file, ExportError, ExportSummary, Exporter, Layers};

/// Name of the output file in an output directory.
pub const CONLL_FILE: &str = "entities.conll";

/// The CoNLL exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Conll;

impl Exporter for Conll {
    fn name(&self) -> &'static str {
        "conll"
    }

    fn export(
        &self,
        docs: &[Document],
        layers: &Layers,
        out: &Path,
    ) -> Result<ExportSummary, ExportError> {
        let path = target_file(out, CONLL_FILE, &["conll", "bio", "txt"])?;
        let mut summary = ExportSummary {
            format: self.name(),
            documents: docs.len(),
            ..Default::default()
        };
        let body: String = docs
            .iter()
            .map(|d| conll_doc(d, layers, &mut summary))
            .collect();
        write_file(&path, body.as_bytes())?;
        summary.files.push(path);
        Ok(summary)
    }
}

/// Character spans of the tokens of `text`.
pub fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            word.get_or_insert(i);
            continue;
        }
        if let Some(w) = word.take() {
            out.push((w, i));
        }
        if !c.is_whitespace() {
            out.push((i, i + 1));
        }
    }
    if let Some(w) = word {
        out.push((w, text.chars().count()));
    }
    out
}

/// The CoNLL block of one document.
pub fn conll_doc(doc: &Document, layers: &Layers, summary: &mut ExportSummary) -> String {
    let text = CharText::new(&doc.text);
    let mut entities: Vec<(usize, usize, String)> = Vec::new();
    if layers.entities {
        for e in doc.entities.iter().flatten() {
            match text.check(e.start, e.end) {
                Some((s, t)) => entities.push((
                    s,
                    t,
                    e.label.split_whitespace().collect::<Vec<_>>().join("_"),
                )),
                None => summary.skipped += 1,
            }
        }
    }
    entities.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    // Keep the first of overlapping entities: BIO cannot nest.
    let mut kept: Vec<(usize, usize, String)> = Vec::new();
    for e in entities {
        if !kept.iter().any(|k| k.0 < e.1 && e.0 < k.1) {
            kept.push(e);
        }
    }
    let sentences: Vec<(usize, usize)> = doc
        .sentences
        .iter()
        .flatten()
        .map(|s| (s.start, s.end))
        .collect();

    let mut out = String::from("-DOCSTART- O\n\n");
    let mut prev_entity: Option<usize> = None;
    let mut prev_sentence: Option<usize> = None;
    let mut prev_end = 0;
    let mut used = vec![false; kept.len()];
    let mut first = true;
    for (s, e) in tokens(&doc.text) {
        let new_sentence = if sentences.is_empty() {
            text.slice(prev_end, s).contains('\n')
        } else {
            let idx = sentences.iter().position(|&(a, b)| a <= s && s < b);
            let changed = idx.is_some() && idx != prev_sentence;
            if idx.is_some() {
                prev_sentence = idx;
            }
            changed
        };
        if new_sentence && !first {
            out.push('\n');
            prev_entity = None;
        }
        first = false;
        prev_end = e;
        let hit = kept.iter().position(|&(a, b, _)| a < e && s < b);
        let tag = match hit {
            Some(i) => {
                let label = &kept[i].2;
                let tag = if prev_entity == Some(i) {
                    format!("I-{label}")
                } else {
                    format!("B-{label}")
                };
                if !used[i] {
                    used[i] = true;
                    summary.annotations += 1;
                }
                tag
            }
            None => "O".to_string(),
        };
        prev_entity = hit;
        out.push_str(text.slice(s, e));
        out.push(' ');
        out.push_str(&tag);
        out.push('\n');
    }
    if !first {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{broken_documents, entity, seed_document};
    use newsnlp_model::Span;

    #[test]
    fn tokens_split_punctuation() {
        let t = "Iran’s offer, 23 soldiers.";
        let words: Vec<String> = tokens(t)
            .into_iter()
            .map(|(s, e)| t.chars().skip(s).take(e - s).collect())
            .collect();
        assert_eq!(
            words,
            ["Iran", "’", "s", "offer", ",", "23", "soldiers", "."]
        );
    }

    #[test]
    fn exact_bio_with_sentences() {
        let text = "Khawaja Asif said talks ended. Kabul disagreed.";
        let mut doc = Document::new("d", text);
        doc.sentences = Some(vec![Span::new(0, 30), Span::new(31, 47)]);
        doc.entities = Some(vec![
            entity(text, "Khawaja Asif", 0, "PERSON", 0.9),
            entity(text, "Kabul", 0, "GPE", 0.9),
        ]);
        let got = conll_doc(&doc, &Layers::ALL, &mut ExportSummary::default());
        assert_eq!(
            got,
            "-DOCSTART- O\n\nKhawaja B-PERSON\nAsif I-PERSON\nsaid O\ntalks O\nended O\n. O\n\nKabul B-GPE\ndisagreed O\n. O\n\n"
        );
        let none = conll_doc(
            &doc,
            &"dates".parse().unwrap(),
            &mut ExportSummary::default(),
        );
        assert!(!none.contains("B-"));
    }

    #[test]
    fn adjacent_and_overlapping_entities() {
        let text = "New York Times";
        let mut doc = Document::new("d", text);
        doc.entities = Some(vec![
            entity(text, "New York", 0, "GPE", 1.0),
            entity(text, "Times", 0, "GPE", 1.0),
            entity(text, "York Times", 0, "ORG", 1.0),
        ]);
        let mut s = ExportSummary::default();
        let got = conll_doc(&doc, &Layers::ALL, &mut s);
        assert_eq!(
            got,
            "-DOCSTART- O\n\nNew B-GPE\nYork I-GPE\nTimes B-GPE\n\n"
        );
        assert_eq!(s.annotations, 2);
    }

    #[test]
    fn seed_article_export() {
        let dir = tempfile::tempdir().unwrap();
        let docs = [seed_document(), seed_document()];
        let s = Conll.export(&docs, &Layers::ALL, dir.path()).unwrap();
        let got = std::fs::read_to_string(dir.path().join(CONLL_FILE)).unwrap();
        assert_eq!(got.matches("-DOCSTART-").count(), 2);
        assert!(got.contains("\nTahir B-PERSON\nHussain I-PERSON\nAndrabi I-PERSON\n"));
        assert!(got.contains("\nForeign B-ORG\nOffice I-ORG\nspokesperson O\n"));
        assert!(
            got.starts_with("-DOCSTART- O\n\nPakistan B-GPE\nWelcomes O\nIran B-GPE\n’ O\ns O\n")
        );
        // Every sentence of the seed article is one block.
        let sentences = docs[0].sentences.as_ref().unwrap().len();
        assert_eq!(got.matches("\n\n").count(), 2 * (sentences + 1));
        assert_eq!(s.annotations, 2 * 9);
    }

    #[test]
    fn broken_documents_export() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.bio");
        let s = Conll.export(&broken_documents(), &Layers::ALL, &p).unwrap();
        assert_eq!((s.skipped, s.annotations), (2, 1));
        let got = std::fs::read_to_string(p).unwrap();
        assert!(got.starts_with("-DOCSTART- O\n\n-DOCSTART- O\n\nNothing O\n"));
        assert!(got.contains("\n< B-ODD_LABEL/x\nb I-ODD_LABEL/x\n> I-ODD_LABEL/x\n"));
    }
}
