//! The corpus view of newsnlp: who said what, about whom and when, across
//! thousands of annotated articles.
//!
//! - [`names`] and [`mentions`]: one key per name inside one document
//!   (titles, spacing, a surname after a full name, an acronym spelled out);
//! - [`roles`]: a speaker that is only a role (`the prime minister`)
//!   counts as the one person the article gives that role;
//! - [`identity`]: one key per real person or organisation across the
//!   corpus;
//! - [`statements`]: claims by one speaker with (nearly) the same content
//!   form one group;
//! - [`report()`]: reads annotated JSONL in a stream and writes the tables
//!   (CSV and Parquet, [`tables`]) and one self-contained `report.html`;
//! - [`eval`]: precision and recall of "same" on a hand-built gold set of
//!   name pairs.
//!
//! Memory grows with the number of distinct names, speaker-entity pairs and
//! distinct statements, not with documents: documents stream through a
//! temporary file that is read again once identity is settled.
#![warn(missing_docs)]

pub mod eval;
pub mod identity;
pub mod mentions;
pub mod names;
mod page;
mod report;
pub mod roles;
mod spool;
pub mod statements;
pub mod tables;

use std::path::{Path, PathBuf};

pub use report::{report, ReportOptions, ReportSummary};

/// What can stop a report or an evaluation (bad documents do not: they are
/// counted and named on stderr).
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A Parquet table could not be written.
    #[error("parquet table {0}: {1}")]
    Parquet(String, String),
    /// The gold file of an evaluation is malformed.
    #[error("{0}")]
    Gold(String),
}

impl CorpusError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
