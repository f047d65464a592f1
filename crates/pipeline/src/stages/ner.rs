//! The `ner` stage: transformer entity tagging over every sentence of a
//! batch of documents at once (with its neighbouring sentences, for a
//! model trained that way).

use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;

use newsnlp_model::{Document, Entity, Layer, OffsetMap};
use newsnlp_ner::{NerOptions, NerTagger};

use crate::{Stage, StageError};

/// Tags `entities` with a token-classification model. One model serves the
/// whole process; libtorch parallelises inside each forward pass.
pub struct NerStage {
    tagger: Mutex<NerTagger>,
}

impl NerStage {
    /// Loads the model in `dir`.
    pub fn load(dir: &Path, options: NerOptions) -> Result<Self, newsnlp_ner::NerError> {
        Ok(Self {
            tagger: Mutex::new(NerTagger::load(dir, options)?),
        })
    }
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
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
        let sentences: Vec<Vec<Range<usize>>> = docs
            .iter()
            .zip(&maps)
            .map(|(doc, map)| {
                doc.sentences
                    .iter()
                    .flatten()
                    .map(|span| map.bytes_of_chars(span.start..span.end))
                    .collect()
            })
            .collect();
        let inputs: Vec<(&str, &[Range<usize>])> = docs
            .iter()
            .zip(&sentences)
            .map(|(doc, sentences)| (doc.text.as_str(), sentences.as_slice()))
            .collect();
        let tagged = {
            let tagger = match self.tagger.lock() {
                Ok(tagger) => tagger,
                Err(poisoned) => poisoned.into_inner(),
            };
            tagger.tag_sentences(&inputs)
        };
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
