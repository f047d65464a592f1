//! The one document model every newsnlp stage reads and writes.
//!
//! A [`Document`] is the cleaned article text plus metadata and annotation
//! layers. Every span in every layer is a pair of offsets into
//! [`Document::text`] counted in Unicode scalar values (what Python's `str`
//! indexes and what review tools use), `end` exclusive. Rust code slices by
//! bytes, so [`OffsetMap`] converts between the two and is the only place
//! where that conversion happens.
//!
//! Layers a stage has not run yet are `None` and absent from the JSON; layers
//! this crate does not know (added by newer versions or by users) are kept
//! untouched in [`Document::extra`], so a round trip never loses data.
#![warn(missing_docs)]

mod document;
mod metrics;
mod offsets;
mod spreadsheet;
pub mod stages;

pub use document::{
    content_id, Claim, CueClass, DocError, Document, Entity, Layer, SkippedStage, Span, TextSpan,
    Timex, SCHEMA_VERSION,
};
pub use metrics::{prf, Counts};
pub use offsets::OffsetMap;
pub use spreadsheet::spreadsheet_safe;
