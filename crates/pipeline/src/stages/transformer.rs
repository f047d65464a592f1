//! The transformer behind the `ner` and `claims` stages, loaded once and
//! shared between them when one joint model serves both.
//!
//! A joint model (`newsnlp_claims_id2label` in its `config.json`) has one
//! encoder and two heads, entities and attribution roles, and reads whole
//! documents in windows. When the `ner` and `claims` stages of one pipeline
//! use the same joint model, the `ner` stage runs the one encoder pass per
//! window and leaves each document's attribution spans here; the `claims`
//! stage takes them instead of running the encoder again. Run on its own
//! (`newsnlp stage claims`), the `claims` stage makes the same pass over
//! the same documents itself, so the staged chain gives what `run` gives.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, MutexGuard};

use newsnlp_ner::{HeadKind, NerError, NerTagger, TaggedSpan};

/// A loaded tagger and, for a joint model shared by `ner` and `claims`, the
/// attribution spans of the documents the `ner` stage tagged last.
pub struct SharedTagger {
    tagger: Mutex<NerTagger>,
    /// Attribution spans by document text, from the `ner` stage's last
    /// batch (replaced with each batch, so it never holds more than one).
    pending: Mutex<HashMap<String, Vec<TaggedSpan>>>,
}

impl SharedTagger {
    /// Wraps a loaded tagger.
    pub(crate) fn new(tagger: NerTagger) -> Self {
        Self {
            tagger: Mutex::new(tagger),
            pending: Mutex::new(HashMap::new()),
        }
    }

    /// The tagger (never poisoned for good: its weights are read-only).
    pub(crate) fn tagger(&self) -> MutexGuard<'_, NerTagger> {
        self.tagger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn pending(&self) -> MutexGuard<'_, HashMap<String, Vec<TaggedSpan>>> {
        self.pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Entity spans per document (text and sentence byte ranges). A joint
    /// model reads whole documents with both heads; with
    /// `keep_attribution` their attribution spans stay here for
    /// [`SharedTagger::attribution`].
    pub(crate) fn entities(
        &self,
        documents: &[(&str, &[Range<usize>])],
        keep_attribution: bool,
    ) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        let tagger = self.tagger();
        if !tagger.is_joint() {
            return tagger.tag_sentences(documents);
        }
        let tagged = tagger.tag_documents(documents)?;
        drop(tagger);
        let mut pending = self.pending();
        pending.clear();
        let mut entities = Vec::with_capacity(tagged.len());
        for ((text, _), spans) in documents.iter().zip(tagged) {
            if keep_attribution {
                pending.insert((*text).to_string(), spans.attribution);
            }
            entities.push(spans.entities);
        }
        Ok(entities)
    }

    /// Attribution spans per document text: those the `ner` stage left for
    /// it, and one pass of the model over the rest (a one-head attribution
    /// model reads every text itself).
    pub(crate) fn attribution(&self, texts: &[&str]) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        let mut found: Vec<Option<Vec<TaggedSpan>>> = {
            let pending = self.pending();
            texts
                .iter()
                .map(|text| pending.get(*text).cloned())
                .collect()
        };
        let missing: Vec<usize> = (0..texts.len()).filter(|&i| found[i].is_none()).collect();
        if !missing.is_empty() {
            let tagger = self.tagger();
            let head = if tagger.is_joint() {
                HeadKind::Attribution
            } else {
                HeadKind::Entities
            };
            let rest: Vec<&str> = missing.iter().map(|&i| texts[i]).collect();
            for (index, spans) in missing.into_iter().zip(tagger.tag_with_head(&rest, head)?) {
                found[index] = Some(spans);
            }
        }
        Ok(found.into_iter().map(Option::unwrap_or_default).collect())
    }

    /// The attribution labels: a joint model's second head's, else the
    /// model's own.
    pub(crate) fn attribution_labels(&self) -> Vec<String> {
        let tagger = self.tagger();
        tagger
            .attribution_labels()
            .unwrap_or(tagger.labels())
            .to_vec()
    }
}
