//! The `ner` stage: transformer entity tagging over every sentence of a
//! batch of documents at once (with its neighbouring sentences, for a
//! model trained that way; whole documents for a joint model).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use newsnlp_model::{Document, Entity, Layer, OffsetMap};
use newsnlp_ner::{NerOptions, NerTagger};

use super::transformer::{sentence_bytes, SharedTagger};
use crate::{Stage, StageError};

/// Tags `entities` with a token-classification model. One model serves the
/// whole process; libtorch parallelises inside each forward pass.
pub struct NerStage {
    tagger: Arc<SharedTagger>,
    /// Keep a joint model's attribution spans for the `claims` stage that
    /// shares [`NerStage::tagger`].
    keep_attribution: bool,
}

impl NerStage {
    /// Loads the model in `dir`.
    pub fn load(dir: &Path, options: NerOptions) -> Result<Self, newsnlp_ner::NerError> {
        Ok(Self {
            tagger: Arc::new(SharedTagger::new(NerTagger::load(dir, options)?)),
            keep_attribution: false,
        })
    }

    /// A stage on a joint model that the `claims` stage also uses: each
    /// batch's attribution spans are kept for it.
    pub(crate) fn sharing(tagger: Arc<SharedTagger>) -> Self {
        Self {
            tagger,
            keep_attribution: true,
        }
    }
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    /// The entity model was trained on English news.
    fn reads_only_english(&self) -> bool {
        true
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn produces(&self) -> Layer {
        Layer::Entities
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.annotate_batch(&mut [doc]).pop().unwrap_or(Ok(()))
    }

    fn batched(&self) -> bool {
        true
    }

    fn annotate_batch(&self, docs: &mut [&mut Document]) -> Vec<Result<(), StageError>> {
        let maps: Vec<OffsetMap> = docs.iter().map(|d| d.offsets()).collect();
        let sentences: Vec<Vec<Range<usize>>> =
            docs.iter().map(|doc| sentence_bytes(doc)).collect();
        let inputs: Vec<(&str, &[Range<usize>])> = docs
            .iter()
            .zip(&sentences)
            .map(|(doc, sentences)| (doc.text.as_str(), sentences.as_slice()))
            .collect();
        let tagged = self.tagger.entities(&inputs, self.keep_attribution);
        let tagged = match tagged {
            Ok(tagged) => tagged,
            Err(err) => {
                return docs
                    .iter()
                    .map(|_| Err(StageError::Failed(err.to_string())))
                    .collect()
            }
        };
        for ((doc, map), spans) in docs.iter_mut().zip(&maps).zip(tagged) {
            let entities = spans
                .into_iter()
                .map(|span| {
                    let chars = map.chars_of_bytes(span.bytes.clone());
                    Entity {
                        start: chars.start,
                        end: chars.end,
                        text: doc.text[span.bytes].to_string(),
                        label: span.label,
                        score: (span.score * 10_000.0).round() / 10_000.0,
                    }
                })
                .collect();
            doc.entities = Some(entities);
        }
        docs.iter().map(|_| Ok(())).collect()
    }
}
