//! Adapters that expose each stage library as a [`crate::Stage`].

mod claims;
mod dates;
mod ner;
mod sentences;

pub use claims::ClaimsStage;
pub use dates::DatesStage;
pub use ner::NerStage;
pub use sentences::SentencesStage;
