//! Chains newsnlp's stages over the shared document model.
//!
//! * [`Stage`] is the one trait every annotation stage implements: take a
//!   document, add one layer, or return a [`StageError`].
//! * [`registry`] knows every stage by its CLI name (`ingest`, `sentences`,
//!   `ner`, `dates`, `claims`) with what it needs and produces.
//! * [`Pipeline`] is a validated list of stages; [`Runner`] feeds raw
//!   records or saved documents through it in parallel batches, keeps input
//!   order, turns every failure — including a panic — into a per-document
//!   error record, and never stops for one bad document.
#![warn(missing_docs)]

mod annotated;
pub mod faults;
mod languages;
pub mod registry;
mod resume;
mod runner;
mod stage;
mod stages;

pub use annotated::read_annotated;
pub use languages::Languages;
pub use registry::StageConfig;
pub use registry::{StageInfo, STAGE_NAMES};
pub use resume::prepare_resume;
pub use runner::{DoneIds, Pipeline, PipelineError, RunSummary, Runner};
pub use stage::{Stage, StageError};
pub use stages::{ClaimsStage, DatesStage, NerStage, SentencesStage};
