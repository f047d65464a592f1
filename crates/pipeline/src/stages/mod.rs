//! Adapters that expose each stage library as a [`crate::Stage`].

mod claims;
mod dates;
mod ner;
mod sentences;
mod transformer;

pub use claims::ClaimsStage;
pub use dates::DatesStage;
pub use ner::NerStage;
pub use sentences::SentencesStage;
pub(crate) use transformer::SharedTagger;
