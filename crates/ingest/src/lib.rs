//! Ingestion: the first stage of the newsnlp pipeline.
//!
//! Turns raw news articles (plain text, JSON / JSONL, HTML pages and
//! Common Crawl style WARC archives) into cleaned [`Document`]s whose `text`
//! every later stage annotates.
//!
//! Ingestion is split in two steps so that a runner can read sequentially and
//! clean in parallel:
//!
//! 1. [`read_paths`] / [`read_jsonl`] lazily read files, directories or a
//!    stream and yield one [`RawRecord`] per article (decoded to UTF-8, but
//!    otherwise untouched). A file or line that cannot be read becomes a
//!    record whose body is [`RawBody::Error`]; reading never stops early.
//! 2. [`ingest`] turns one record into a [`Document`]: HTML extraction,
//!    junk-line removal and whitespace normalisation (see [`clean`]), date
//!    normalisation (see [`normalize_date`]) and id assignment. Problems are
//!    recorded in [`Document::errors`] with stage `"ingest"`; it never panics.
//!
//! ```
//! use newsnlp_ingest::{ingest, read_jsonl, IngestOptions};
//!
//! let input = "{\"id\": \"a1\", \"title\": \"Hello\", \"text\": \"World  news.\\nScroll to Top\"}\n";
//! let opts = IngestOptions { published: Some("2025-11-08".into()) };
//! let docs: Vec<_> = read_jsonl(std::io::Cursor::new(input), "-")
//!     .map(|record| ingest(record, &opts))
//!     .collect();
//! assert_eq!(docs[0].id, "a1");
//! assert_eq!(docs[0].text, "Hello\n\nWorld news.");
//! assert_eq!(docs[0].published.as_deref(), Some("2025-11-08"));
//! ```
#![warn(missing_docs)]

pub mod clean;
mod date;
mod decode;
pub mod eval;
mod furniture;
mod html;
pub mod language;
mod page_date;
mod page_text;
mod read;
mod repeats;
mod warc_input;
mod widgets;

use newsnlp_model::{content_id, Document};
use serde_json::{Map, Value};

pub use date::normalize_date;
pub use language::detect_language;
pub use read::{read_jsonl, read_paths};

/// Stage name used in [`Document::errors`].
pub const STAGE: &str = "ingest";

/// Errors met while reading or cleaning one article. They never abort a run:
/// each one ends up as a [`RawBody::Error`] record or a document error.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The input looks like binary data, not text.
    #[error("binary file")]
    Binary,
    /// Nothing is left once the input is cleaned.
    #[error("empty document")]
    Empty,
    /// The HTML page has no main article text.
    #[error("no article text found")]
    NoArticleText,
    /// A JSONL, JSON-array or WARC file with no article in it at all.
    #[error("the file holds no documents")]
    NoDocuments,
    /// A file named explicitly has an extension no reader handles.
    #[error(
        "unsupported file type: {0} (expected .txt, .json, .jsonl, .html, .htm, .warc or .warc.gz)"
    )]
    UnsupportedFormat(String),
    /// A JSON document or JSONL line does not parse.
    #[error("invalid JSON{}: {message}", line.map(|n| format!(" at line {n}")).unwrap_or_default())]
    Json {
        /// 1-based line number in a JSONL input.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
    /// A JSON value is not an article object (`{"text": ...}` or `{"html": ...}`).
    #[error("invalid record{}: {message}", line.map(|n| format!(" at line {n}")).unwrap_or_default())]
    Record {
        /// 1-based line number in a JSONL input.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A WARC archive is malformed; reading the archive stops there.
    #[error("WARC read error after {records} record(s): {message}")]
    Warc {
        /// Records read successfully before the error.
        records: usize,
        /// What the WARC parser said.
        message: String,
    },
    /// The HTML extractor failed.
    #[error("HTML extraction failed: {0}")]
    Html(String),
    /// A published date that none of the known formats matches.
    #[error("unparseable published date {0:?}")]
    UnparseableDate(String),
}

/// Options for [`ingest`].
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Publication date used when the input gives none (the CLI's
    /// `--published`), e.g. `2025-11-08`. Normalised like input dates.
    pub published: Option<String>,
}

/// One input article before cleaning, or a record that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRecord {
    /// Id given by the input (JSON `id`, WARC-Record-ID), if any.
    pub id: Option<String>,
    /// File path or URL the article came from.
    pub source: Option<String>,
    /// Headline given by the input (JSON `title`, the first line of a `.txt`).
    pub title: Option<String>,
    /// Publication date as given by the input, not yet normalised.
    pub published: Option<String>,
    /// Metadata: `format`, `line`, `encoding`, WARC fields, extra JSON keys.
    pub meta: Map<String, Value>,
    /// The article body, or why it could not be read.
    pub body: RawBody,
    /// Id to use when the input has none: the path, `path:LINE` for JSONL
    /// lines. Empty means "use the content hash" (stdin lines without id).
    pub fallback_id: String,
}

/// The body of a [`RawRecord`].
#[derive(Debug, Clone, PartialEq)]
pub enum RawBody {
    /// Plain text (paragraphs separated by blank lines).
    Text(String),
    /// An HTML page; the main article text is extracted by [`ingest`].
    Html(String),
    /// The record could not be read; the message says why.
    Error(String),
}

impl RawRecord {
    /// A record for input that could not be read.
    pub fn error(
        fallback_id: impl Into<String>,
        source: Option<String>,
        format: &str,
        error: &IngestError,
    ) -> Self {
        let mut meta = Map::new();
        meta.insert("format".into(), Value::from(format));
        Self {
            id: None,
            source,
            title: None,
            published: None,
            meta,
            body: RawBody::Error(error.to_string()),
            fallback_id: fallback_id.into(),
        }
    }
}

/// Cleans one record into a [`Document`]: extracts HTML, drops junk lines,
/// normalises whitespace and dates, and assigns the id.
///
/// `text` is the headline paragraph (when known) followed by the body
/// paragraphs, separated by one blank line. Failures (unreadable record,
/// empty text, HTML without article) are recorded in `doc.errors` with stage
/// `"ingest"` and leave `text` empty; an unparseable date is recorded too but
/// keeps the text. Never panics on any input.
pub fn ingest(record: RawRecord, opts: &IngestOptions) -> Document {
    let RawRecord {
        id,
        source,
        title,
        published,
        mut meta,
        body,
        fallback_id,
    } = record;

    let mut errors: Vec<String> = Vec::new();
    let mut title = title;
    let mut page_date: Option<String> = None;
    let mut page_date_source: &'static str = "page";
    let mut hash_input = String::new();

    // A page repeats its headline as a heading in the body; a plain text
    // that does so meant it.
    let from_page = matches!(body, RawBody::Html(_));
    let paragraphs: Vec<String> = match body {
        RawBody::Error(message) => {
            hash_input = message.clone();
            errors.push(message);
            Vec::new()
        }
        RawBody::Text(text) => {
            let paragraphs = clean::clean_text(&text);
            if paragraphs.is_empty() {
                hash_input = text;
                errors.push(IngestError::Empty.to_string());
            }
            paragraphs
        }
        RawBody::Html(page) => match html::extract(&page, source.as_deref()) {
            Ok(extracted) => {
                if title.is_none() {
                    title = extracted.title;
                }
                page_date = extracted.published;
                if let Some(source) = extracted.published_source {
                    page_date_source = source;
                }
                for (key, value) in extracted.meta {
                    meta.entry(key).or_insert(value);
                }
                let paragraphs =
                    repeats::drop_repeated_paragraphs(clean::clean_text(&extracted.text));
                if paragraphs.is_empty() {
                    hash_input = page;
                    errors.push(IngestError::NoArticleText.to_string());
                }
                paragraphs
            }
            Err(e) => {
                hash_input = page;
                errors.push(e.to_string());
                Vec::new()
            }
        },
    };

    let title = title
        .map(|t| clean::clean_title(&t))
        .filter(|t| !t.is_empty());
    let text = if paragraphs.is_empty() {
        String::new()
    } else {
        assemble(title.as_deref(), &paragraphs, from_page)
    };

    let id = id
        .filter(|i| !i.is_empty())
        .or_else(|| (!fallback_id.is_empty()).then_some(fallback_id))
        .unwrap_or_else(|| {
            if text.is_empty() {
                content_id(&hash_input)
            } else {
                content_id(&text)
            }
        });

    let warc_date = meta
        .get("warc_date")
        .and_then(Value::as_str)
        .map(str::to_string);
    // The first date given that is a date: a placeholder for none
    // (`0001-01-01`, what the HTML extractor reports for a page without
    // one) passes to the next source without an error.
    let given = |date: &Option<String>| {
        date.as_ref()
            .filter(|d| !d.trim().is_empty() && !date::is_placeholder_date(d))
            .cloned()
    };
    let (raw_date, date_source) = [
        (given(&published), "input"),
        (given(&page_date), page_date_source),
        (given(&warc_date), "warc_date"),
        (opts.published.clone(), "option"),
    ]
    .into_iter()
    .find_map(|(date, source)| date.map(|d| (d, source)))
    .unzip();
    let published = raw_date.and_then(|raw| match normalize_date(&raw) {
        Some(iso) => Some(iso),
        None => {
            errors.push(IngestError::UnparseableDate(raw.clone()).to_string());
            meta.insert("published_raw".into(), Value::String(raw));
            None
        }
    });
    if let (Some(_), Some(source)) = (&published, date_source) {
        meta.insert("published_source".into(), Value::from(source));
    }
    if !text.is_empty() {
        language::record(&mut meta, &detect_language(&text));
    }

    let mut doc = Document::new(id, text);
    doc.title = title;
    doc.published = published;
    doc.source = source;
    doc.meta = meta;
    for message in errors {
        tracing::debug!(id = %doc.id, %message, "ingest error");
        doc.push_error(STAGE, message);
    }
    doc
}

/// Joins the headline and body paragraphs; a body that already starts with
/// the headline does not repeat it, and, in a page's text
/// (`drop_headline_copies`), a body paragraph that is the headline again
/// (letters and digits compared, case ignored: a page's heading above its
/// byline) is dropped.
fn assemble(title: Option<&str>, paragraphs: &[String], drop_headline_copies: bool) -> String {
    let total: usize = paragraphs.iter().map(|p| p.len() + 2).sum();
    let mut text = String::with_capacity(total + title.map_or(0, str::len) + 2);
    let headline_key = furniture::key;
    let title_key = title
        .filter(|_| drop_headline_copies)
        .map(headline_key)
        .filter(|k| !k.is_empty());
    if let Some(title) = title {
        if paragraphs.first().map(String::as_str) != Some(title) {
            text.push_str(title);
        }
    }
    let is_headline_again = |index: usize, paragraph: &str| {
        let first_is_title = index == 0 && title == Some(paragraph);
        !first_is_title && title_key.as_deref() == Some(headline_key(paragraph).as_str())
    };
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if is_headline_again(index, paragraph) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(paragraph);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_record(text: &str) -> RawRecord {
        RawRecord {
            id: None,
            source: None,
            title: None,
            published: None,
            meta: Map::new(),
            body: RawBody::Text(text.to_string()),
            fallback_id: String::new(),
        }
    }

    #[test]
    fn title_is_first_paragraph_and_not_repeated() {
        let mut r = text_record("Headline\n\nBody one.");
        r.title = Some("Headline".into());
        let doc = ingest(r, &IngestOptions::default());
        assert_eq!(doc.text, "Headline\n\nBody one.");

        let mut r = text_record("Body one.\n\nBody two.");
        r.title = Some("  Headline \n".into());
        let doc = ingest(r, &IngestOptions::default());
        assert_eq!(doc.title.as_deref(), Some("Headline"));
        assert_eq!(doc.text, "Headline\n\nBody one.\n\nBody two.");
    }

    #[test]
    fn a_page_heading_that_repeats_the_headline_is_dropped_plain_text_keeps_it() {
        let page = "<html><head><title>Babies Who Eat Peanuts Early May Avoid Allergy</title></head><body><article>\
                    <p class=\"kicker\">Health news from the newsroom desk today</p>\
                    <h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1>\
                    <p>Children who were fed peanut products early were less likely to develop an allergy, researchers said on Monday.</p>\
                    <p>The study followed more than 600 infants for five years in London and reported its results in a journal.</p>\
                    </article></body></html>";
        let mut r = text_record("");
        r.body = RawBody::Html(page.into());
        let doc = ingest(r, &IngestOptions::default());
        assert_eq!(
            doc.text.matches("Babies Who Eat Peanuts").count(),
            1,
            "{}",
            doc.text
        );
        let mut r = text_record("Headline\n\nBody one.\n\nHeadline\n\nBody two.");
        r.title = Some("Headline".into());
        let doc = ingest(r, &IngestOptions::default());
        assert_eq!(doc.text, "Headline\n\nBody one.\n\nHeadline\n\nBody two.");
    }

    #[test]
    fn id_falls_back_to_content_hash() {
        let doc = ingest(text_record("Some text."), &IngestOptions::default());
        assert_eq!(doc.id, content_id("Some text."));
        let mut r = text_record("Some text.");
        r.fallback_id = "file.txt".into();
        assert_eq!(ingest(r, &IngestOptions::default()).id, "file.txt");
    }

    #[test]
    fn empty_text_is_an_error() {
        let doc = ingest(
            text_record(" \n\n Advertisement \n"),
            &IngestOptions::default(),
        );
        assert_eq!(doc.text, "");
        assert_eq!(doc.errors.len(), 1);
        assert_eq!(doc.errors[0].stage, "ingest");
        assert_eq!(doc.errors[0].message, "empty document");
    }

    #[test]
    fn error_record_becomes_error_document() {
        let r = RawRecord::error("x.bin", Some("x.bin".into()), "txt", &IngestError::Binary);
        let doc = ingest(r, &IngestOptions::default());
        assert_eq!(doc.id, "x.bin");
        assert_eq!(doc.text, "");
        assert_eq!(doc.errors[0].message, "binary file");
        assert_eq!(doc.meta["format"], "txt");
    }

    #[test]
    fn published_fallbacks_and_errors() {
        let opts = IngestOptions {
            published: Some("8 Nov 2025".into()),
        };
        let doc = ingest(text_record("A."), &opts);
        assert_eq!(doc.published.as_deref(), Some("2025-11-08"));
        assert!(doc.errors.is_empty());

        let mut r = text_record("A.");
        r.published = Some("Sat, 08 Nov 2025 10:30:00 +0100".into());
        let doc = ingest(r, &opts);
        assert_eq!(doc.published.as_deref(), Some("2025-11-08T10:30:00+01:00"));

        let mut r = text_record("A.");
        r.published = Some("last Tuesday".into());
        let doc = ingest(r, &opts);
        assert_eq!(doc.published, None);
        assert_eq!(doc.meta["published_raw"], "last Tuesday");
        assert_eq!(doc.text, "A.");
        assert_eq!(doc.errors.len(), 1);
        assert!(doc.errors[0]
            .message
            .starts_with("unparseable published date"));
    }

    #[test]
    fn a_placeholder_date_is_no_date_and_no_error() {
        let mut r = text_record("A.");
        r.published = Some("0001-01-01".into());
        let doc = ingest(r.clone(), &IngestOptions::default());
        assert_eq!(doc.published, None);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let fallback = IngestOptions {
            published: Some("2025-11-08".into()),
        };
        assert_eq!(
            ingest(r, &fallback).published.as_deref(),
            Some("2025-11-08")
        );
        let page = "<html><head><title>T</title><meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\"></head><body><article><p>A long enough first paragraph of the article body, written out in full.</p><p>And a second paragraph that follows it, also of some length.</p></article></body></html>";
        let mut r = text_record("");
        r.body = RawBody::Html(page.into());
        let doc = ingest(r, &IngestOptions::default());
        assert_eq!(doc.published, None);
        assert!(
            doc.errors.iter().all(|e| !e.message.contains("published")),
            "{:?}",
            doc.errors
        );
    }
}
