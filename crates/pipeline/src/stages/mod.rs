//! Adapters that expose each stage library as a [`crate::Stage`].

mod dates;
mod ner;
mod sentences;

pub use dates::DatesStage;
pub use ner::NerStage;
pub use sentences::SentencesStage;
