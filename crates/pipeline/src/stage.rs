//! The Stage trait.

use newsnlp_model::{Document, Layer};

/// Why a stage could not annotate one document. The runner records it in the
/// document's `errors` and carries on with the next document.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// A layer the stage needs is absent.
    #[error("stage '{stage}' needs the '{layer}' layer, produced by stage '{producer}': run '{producer}' first")]
    MissingLayer {
        /// The stage that was asked to run.
        stage: &'static str,
        /// The missing layer.
        layer: newsnlp_model::Layer,
        /// The stage that produces it.
        producer: &'static str,
    },
    /// The stage ran and failed on this document.
    #[error("{0}")]
    Failed(String),
    /// The stage panicked on this document (a bug: please report it).
    #[error("internal error (panic): {0}")]
    Panicked(String),
}

/// One annotation stage: reads some layers of a document, adds one.
pub trait Stage: Send + Sync {
    /// CLI name of the stage (`sentences`, `ner`, ...).
    fn name(&self) -> &'static str;
    /// Layers that must be present before the stage runs.
    fn requires(&self) -> &'static [Layer];
    /// The layer the stage adds (replacing any previous one).
    fn produces(&self) -> Layer;
    /// Annotates one document.
    fn annotate(&self, doc: &mut Document) -> Result<(), StageError>;
    /// True when the stage's model or rules read English only: the runner
    /// then runs it only on documents whose detected language the run's
    /// [`crate::Languages`] accepts, and records the others as skipped.
    fn reads_only_english(&self) -> bool {
        false
    }
    /// True when the stage gains from seeing many documents at once (the
    /// transformer): the runner then calls [`Stage::annotate_batch`] once per
    /// batch instead of [`Stage::annotate`] per document on the thread pool.
    fn batched(&self) -> bool {
        false
    }
    /// Annotates a batch of documents; results are per document, in order.
    fn annotate_batch(&self, docs: &mut [&mut Document]) -> Vec<Result<(), StageError>> {
        docs.iter_mut().map(|doc| self.annotate(doc)).collect()
    }
}
