//! The `ner` stage: transformer entity tagging over every sentence of a
//! batch of documents at once.

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
        // Every sentence of every document, as (document, byte range).
        let mut sentences = Vec::new();
        for (index, (doc, map)) in docs.iter().zip(&maps).enumerate() {
            for span in doc.sentences.iter().flatten() {
                sentences.push((index, map.bytes_of_chars(span.start..span.end)));
            }
        }
        let texts: Vec<&str> = sentences
            .iter()
            .map(|(d, bytes)| &docs[*d].text[bytes.clone()])
            .collect();
        let tagged = {
            let tagger = match self.tagger.lock() {
                Ok(tagger) => tagger,
                Err(poisoned) => poisoned.into_inner(),
            };
            tagger.tag(&texts)
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
        let mut entities: Vec<Vec<Entity>> = vec![Vec::new(); docs.len()];
        for ((index, sentence), spans) in sentences.iter().zip(tagged) {
            let text = &docs[*index].text;
            for span in spans {
                let bytes = sentence.start + span.bytes.start..sentence.start + span.bytes.end;
                let chars = maps[*index].chars_of_bytes(bytes.clone());
                entities[*index].push(Entity {
                    start: chars.start,
                    end: chars.end,
                    text: text[bytes].to_string(),
                    label: span.label,
                    score: (span.score * 10_000.0).round() / 10_000.0,
                });
            }
        }
        for (doc, found) in docs.iter_mut().zip(entities) {
            doc.entities = Some(found);
        }
        docs.iter().map(|_| Ok(())).collect()
    }
}
