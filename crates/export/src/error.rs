//! The one error type of the export crate.

use std::path::PathBuf;

/// What can go wrong while exporting or importing annotations.
///
/// Problems inside one document (a span out of range, a reversed span) are
/// never errors: exporters skip the annotation and count it in
/// [`crate::ExportSummary::skipped`]. Errors are about files and formats.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A JSON file could not be read or written.
    #[error("{path}: invalid JSON: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A CSV file could not be written.
    #[error("{path}: {source}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },
    /// A file was read but its content does not follow the format.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A layer list named a layer that cannot be exported.
    #[error("unknown layer `{0}` (expected entities, dates, claims, sentences or all)")]
    UnknownLayer(String),
    /// No exporter has this name.
    #[error("unknown export format `{0}` (expected one of: {formats})", formats = crate::FORMATS.join(", "))]
    UnknownFormat(String),
}

impl ExportError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn format(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self::Format {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
