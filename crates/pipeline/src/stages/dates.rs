//! The `dates` stage: temporal expressions resolved to TIMEX3 values.

use newsnlp_dates::{tag_dates, DateContext};
use newsnlp_model::{Document, Layer};

use crate::{Stage, StageError};

/// Finds and normalises dates with [`newsnlp_dates::tag_dates`], anchored on
/// the publication date. When the `ner` stage ran first, its DATE and TIME
/// mentions are passed as hints; the rules work without them.
#[derive(Debug, Default, Clone, Copy)]
pub struct DatesStage;

/// Entity labels whose spans are offered to the date rules as hints.
const TEMPORAL_LABELS: &[&str] = &["DATE", "TIME"];

impl Stage for DatesStage {
    fn name(&self) -> &'static str {
        "dates"
    }
    /// The date rules know English words only.
    fn reads_only_english(&self) -> bool {
        true
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn produces(&self) -> Layer {
        Layer::Dates
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        let map = doc.offsets();
        let sentences: Vec<_> = doc
            .sentences
            .iter()
            .flatten()
            .map(|s| map.bytes_of_chars(s.start..s.end))
            .collect();
        let hints: Vec<_> = doc
            .entities
            .iter()
            .flatten()
            .filter(|e| TEMPORAL_LABELS.contains(&e.label.as_str()))
            .map(|e| map.bytes_of_chars(e.start..e.end))
            .collect();
        let context = DateContext {
            published: doc.published.as_deref(),
            sentences: &sentences,
            hints: &hints,
        };
        doc.dates = Some(tag_dates(&doc.text, &context));
        Ok(())
    }
}
