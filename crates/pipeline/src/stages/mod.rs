//! Adapters that expose each stage library as a [`crate::Stage`].

mod sentences;

pub use sentences::SentencesStage;
