//! The `sentences` stage: news-aware sentence splitting.

use newsnlp_model::{Document, Layer, Span};

use crate::{Stage, StageError};

/// Splits `text` into sentences with [`newsnlp_sentences::split_sentences`].
#[derive(Debug, Default, Clone, Copy)]
pub struct SentencesStage;

impl Stage for SentencesStage {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn produces(&self) -> Layer {
        Layer::Sentences
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let map = doc.offsets();
        let spans = newsnlp_sentences::split_sentences(&doc.text)
            .into_iter()
            .map(|bytes| {
                let chars = map.chars_of_bytes(bytes);
                Span::new(chars.start, chars.end)
            })
            .collect();
        doc.sentences = Some(spans);
        Ok(())
    }
}
