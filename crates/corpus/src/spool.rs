//! The slim copy of each document a report keeps on disk between its
//! passes: what the tables need, without the article text.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use newsnlp_model::Document;
use serde::{Deserialize, Serialize};

use crate::mentions::{doc_names, DocKey, DocNames};
use crate::CorpusError;

/// One document as the report's later passes read it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// Position in the input (the review page's document number).
    pub index: usize,
    /// The document's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet ([`outlet`]).
    pub outlet: String,
    /// Its publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub published: Option<String>,
    /// Name mentions: document key and text as written.
    pub entities: Vec<(DocKey, String)>,
    /// Claims, in document order.
    pub claims: Vec<ClaimRecord>,
}

/// One claim as the report needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// The claim's number in its document.
    pub index: usize,
    /// The speaker's document key and name as written.
    pub speaker: Option<(DocKey, String)>,
    /// The speaker's role.
    pub role: Option<String>,
    /// `quote`, `indirect`, `according_to`, ...
    pub kind: String,
    /// The cue's text.
    pub cue: Option<String>,
    /// What was said.
    pub content: String,
    /// When it was said, as resolved (`date` of the claim).
    pub date: Option<String>,
}

impl ArticleRecord {
    /// The record of one annotated document and its names.
    pub fn new(index: usize, doc: &Document, names: &DocNames) -> Self {
        let claims = doc
            .claims
            .iter()
            .flatten()
            .zip(&names.speakers)
            .enumerate()
            .map(|(i, (c, speaker))| ClaimRecord {
                index: i,
                speaker: speaker
                    .as_ref()
                    .map(|m| (m.key.clone(), c.speaker.clone().unwrap_or_default())),
                role: c.speaker_role.clone(),
                kind: c.kind.clone(),
                cue: c.cue.as_ref().map(|s| s.text.clone()),
                content: c.content.text.clone(),
                date: c.date.clone(),
            })
            .collect();
        Self {
            index,
            id: doc.id.clone(),
            title: doc.title.clone(),
            outlet: outlet(doc),
            published: doc.published.as_deref().and_then(calendar_prefix),
            entities: names
                .entities
                .iter()
                .map(|m| (m.key.clone(), m.surface.clone()))
                .collect(),
            claims,
        }
    }
}

/// Reads a document and its names into a record.
pub fn record_of(index: usize, doc: &Document) -> (ArticleRecord, DocNames) {
    let names = doc_names(doc);
    (ArticleRecord::new(index, doc, &names), names)
}

/// The outlet of a document: `meta.outlet` (or `site_name`, `publisher`,
/// `site`), else the host of its URL (`source` or `meta.url`, without
/// `www.`), else the file it came from.
pub fn outlet(doc: &Document) -> String {
    for key in ["outlet", "site_name", "publisher", "site"] {
        if let Some(name) = doc
            .meta
            .get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
        {
            return name.trim().to_string();
        }
    }
    let url = doc
        .meta
        .get("url")
        .and_then(|v| v.as_str())
        .or(doc.source.as_deref())
        .unwrap_or("");
    if let Some((_, rest)) = url.split_once("://") {
        let host = rest.split(['/', '?', '#', ':']).next().unwrap_or(rest);
        return host.trim_start_matches("www.").to_lowercase();
    }
    match doc.source.as_deref() {
        Some(path) if !path.is_empty() => Path::new(path)
            .file_name()
            .map_or(path.to_string(), |f| f.to_string_lossy().into_owned()),
        _ => "(unknown)".to_string(),
    }
}

/// The calendar part of a date value: `2025-10-11TNI` → `2025-10-11`,
/// `2005-W01` → `2005`; `None` without a year (`PRESENT_REF`).
pub fn calendar_prefix(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    let mut end = 4;
    if b.get(4) == Some(&b'-') && digits(5..7) {
        end = 7;
        if b.get(7) == Some(&b'-') && digits(8..10) {
            end = 10;
        }
    }
    Some(value[..end].to_string())
}

/// A temporary file of records, written once and read again as often as
/// needed.
pub struct Spool {
    file: BufWriter<File>,
    path: tempfile::TempPath,
}

impl Spool {
    /// A new, empty spool in the system's temporary folder.
    pub fn new() -> Result<Self, CorpusError> {
        let named =
            tempfile::NamedTempFile::new().map_err(|e| CorpusError::io(Path::new("(temp)"), e))?;
        let (file, path) = named.into_parts();
        Ok(Self {
            file: BufWriter::new(file),
            path,
        })
    }

    /// Adds one record.
    pub fn push(&mut self, record: &ArticleRecord) -> Result<(), CorpusError> {
        let line = serde_json::to_string(record).expect("records serialise");
        writeln!(self.file, "{line}").map_err(|e| CorpusError::io(&self.path, e))
    }

    /// Reads every record, in order.
    pub fn records(&mut self) -> Result<impl Iterator<Item = ArticleRecord>, CorpusError> {
        self.file
            .flush()
            .map_err(|e| CorpusError::io(&self.path, e))?;
        let mut file = File::open(&self.path).map_err(|e| CorpusError::io(&self.path, e))?;
        file.seek(SeekFrom::Start(0))
            .map_err(|e| CorpusError::io(&self.path, e))?;
        Ok(BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .map(|line| {
                serde_json::from_str::<ArticleRecord>(&line).expect("the spool holds what it wrote")
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_from_meta_urls_or_files() {
        let mut doc = Document::new("a", "text");
        doc.source = Some("https://www.bbc.co.uk/news/business-123".into());
        assert_eq!(outlet(&doc), "bbc.co.uk");
        doc.meta.insert("site_name".into(), "BBC News".into());
        assert_eq!(outlet(&doc), "BBC News");
        let mut doc = Document::new("b", "text");
        doc.source = Some("data/bbc-fulltext.jsonl".into());
        assert_eq!(outlet(&doc), "bbc-fulltext.jsonl");
    }

    #[test]
    fn calendar_prefixes() {
        assert_eq!(
            calendar_prefix("2025-10-11TNI").as_deref(),
            Some("2025-10-11")
        );
        assert_eq!(calendar_prefix("2005-W01").as_deref(), Some("2005"));
        assert_eq!(calendar_prefix("2005-03").as_deref(), Some("2005-03"));
        assert_eq!(calendar_prefix("PRESENT_REF"), None);
    }
}
