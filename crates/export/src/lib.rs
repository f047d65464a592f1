//! Review exports for newsnlp: the last stage, after the annotated JSON.
//!
//! Annotated [`Document`]s go out in formats that people and tools review
//! and retrain on, and reviewed annotations come back as documents:
//!
//! | format (`--format`) | writes | re-import |
//! |---|---|---|
//! | `label-studio` | `tasks.json` + `labeling_config.xml` | [`import_label_studio`] |
//! | `brat` | `<doc>.txt` + `<doc>.ann` per document, `annotation.conf`, `visual.conf`, `documents.json` | [`import_brat`] |
//! | `conll` | `entities.conll` (token-per-line BIO) | – |
//! | `csv` | `entities.csv`, `dates.csv`, `claims.csv` | – |
//! | `html` | `review.html`, one self-contained review page | – |
//!
//! Every format is one [`Exporter`]; [`exporter`] finds one by name.
//! [`compare`] scores predicted documents against reviewed (gold) ones.
//!
//! Offsets in [`Document`] are characters; each format converts to its own
//! convention (Label Studio: UTF-16 code units; brat: characters).
//! Exports never fail because of one document: spans that are empty,
//! reversed or outside the text are skipped and counted.
#![warn(missing_docs)]

mod compare;
mod error;
pub mod formats;
mod layers;
mod text;

#[cfg(test)]
mod testutil;

use std::path::{Path, PathBuf};

use newsnlp_model::Document;

pub use compare::{compare, Prf, Report, TypeScores};
pub use error::ExportError;
pub use formats::brat::import_brat;
pub use formats::label_studio::import_label_studio;
pub use layers::Layers;

/// Names of every export format, as [`exporter`] accepts them.
pub const FORMATS: &[&str] = &["label-studio", "brat", "conll", "csv", "html"];

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// The format's name.
    pub format: &'static str,
    /// Documents written.
    pub documents: usize,
    /// Annotations written (entities, dates, claim parts...).
    pub annotations: usize,
    /// Annotations skipped because their span was empty or out of range.
    pub skipped: usize,
    /// Files written, in the order they were written.
    pub files: Vec<PathBuf>,
}

/// One output format.
pub trait Exporter {
    /// The format's name (`brat`, `html`, ...).
    fn name(&self) -> &'static str;

    /// Writes `docs` with the chosen `layers` under `out`: a directory
    /// (created when missing), or for single-file formats a file path with
    /// the format's extension.
    fn export(
        &self,
        docs: &[Document],
        layers: &Layers,
        out: &Path,
    ) -> Result<ExportSummary, ExportError>;
}

/// The exporter called `name` (one of [`FORMATS`]; `labelstudio`, `ls` and
/// `bio` are accepted too).
pub fn exporter(name: &str) -> Result<Box<dyn Exporter>, ExportError> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "label-studio" | "labelstudio" | "label_studio" | "ls" => {
            Box::new(formats::label_studio::LabelStudio)
        }
        "brat" => Box::new(formats::brat::Brat),
        "conll" | "bio" => Box::new(formats::conll::Conll),
        "csv" => Box::new(formats::csv::Csv),
        "html" => Box::new(formats::html::Html),
        _ => return Err(ExportError::UnknownFormat(name.to_string())),
    })
}

/// Exports `docs` in the format called `format` (see [`exporter`]).
pub fn export(
    format: &str,
    docs: &[Document],
    layers: &Layers,
    out: &Path,
) -> Result<ExportSummary, ExportError> {
    exporter(format)?.export(docs, layers, out)
}

/// The file to write: `out` itself when it ends with one of `exts`, else
/// `out/default_name`. Creates the parent directory.
pub(crate) fn target_file(
    out: &Path,
    default_name: &str,
    exts: &[&str],
) -> Result<PathBuf, ExportError> {
    let is_file = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)));
    let path = if is_file {
        out.to_path_buf()
    } else {
        out.join(default_name)
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    Ok(path)
}

pub(crate) fn create_dir(dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))
}

pub(crate) fn write_file(path: &Path, content: &[u8]) -> Result<(), ExportError> {
    std::fs::write(path, content).map_err(|e| ExportError::io(path, e))
}

pub(crate) fn read_file(path: &Path) -> Result<String, ExportError> {
    std::fs::read_to_string(path).map_err(|e| ExportError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_format_by_name() {
        for name in FORMATS {
            assert_eq!(exporter(name).unwrap().name(), *name);
        }
        assert!(matches!(
            exporter("xml"),
            Err(ExportError::UnknownFormat(_))
        ));
    }

    #[test]
    fn target_file_picks_file_or_directory() {
        let dir = tempfile::tempdir().unwrap();
        let f = target_file(&dir.path().join("a/x.html"), "review.html", &["html"]).unwrap();
        assert_eq!(f, dir.path().join("a/x.html"));
        assert!(dir.path().join("a").is_dir());
        let f = target_file(&dir.path().join("b"), "review.html", &["html"]).unwrap();
        assert_eq!(f, dir.path().join("b/review.html"));
    }
}
