//! The `claims` stage: who said what, how and when.

use newsnlp_model::{Document, Layer};

use crate::{Stage, StageError};

/// Attributes statements with [`newsnlp_claims::attribute`]. Needs
/// sentences; uses `entities` (speaker names) and `dates` (when a claim was
/// made) when earlier stages produced them.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClaimsStage;

impl Stage for ClaimsStage {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn produces(&self) -> Layer {
        Layer::Claims
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.claims = Some(newsnlp_claims::attribute(doc));
        Ok(())
    }
}
