//! Adapters that expose each stage library as a [`crate::Stage`].

mod ner;
mod sentences;

pub use ner::NerStage;
pub use sentences::SentencesStage;
