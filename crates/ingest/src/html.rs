//! Main-text and metadata extraction from HTML pages (rs-trafilatura).

use crate::IngestError;
use chrono::{DateTime, SecondsFormat, Timelike, Utc};
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What the extractor found in a page.
#[derive(Debug)]
pub(crate) struct Extracted {
    /// The page's headline.
    pub title: Option<String>,
    /// Publication date found in the page (ISO 8601).
    pub published: Option<String>,
    /// Main article text, paragraphs separated by line breaks.
    pub text: String,
    /// Extra metadata: `author`, `sitename`, `language`.
    pub meta: Vec<(String, Value)>,
}

/// Extracts the main article text, headline and date from an HTML page.
pub(crate) fn extract(page: &str, url: Option<&str>) -> Result<Extracted, IngestError> {
    if page.trim().is_empty() {
        return Err(IngestError::NoArticleText);
    }
    let options = rs_trafilatura::Options {
        url: url
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(page, &options)
    }))
    .map_err(|_| IngestError::Html("the extractor panicked".into()))?;
    let result = match result {
        Ok(result) => result,
        Err(rs_trafilatura::Error::NoContent) => return Err(IngestError::NoArticleText),
        Err(e) => return Err(IngestError::Html(e.to_string())),
    };
    let metadata = result.metadata;
    // With no body text the extractor falls back to repeating the <title>
    // ("NothingNothingNothing"); text made only of the title is no article.
    let mut residue = result.content_text.clone();
    if let Some(title) = metadata.title.as_deref().filter(|t| !t.trim().is_empty()) {
        residue = residue.replace(title.trim(), "");
    }
    if !residue.chars().any(char::is_alphanumeric) {
        return Err(IngestError::NoArticleText);
    }
    let mut meta = Vec::new();
    for (key, value) in [
        ("author", metadata.author),
        ("sitename", metadata.sitename),
        ("language", metadata.language),
    ] {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            meta.push((key.to_string(), Value::String(value)));
        }
    }
    // Furniture the extractor keeps: lists of links to other articles,
    // repeated captions, bylines and datelines (see `furniture`).
    let text = match result.content_html.as_deref() {
        Some(html) => crate::furniture::drop_link_lists(&result.content_text, html),
        None => result.content_text,
    };
    let text = crate::furniture::drop_repeated_lines(&text);
    let text = crate::furniture::drop_leading_metadata(&text);
    Ok(Extracted {
        title: metadata.title.filter(|t| !t.trim().is_empty()),
        published: metadata.date.map(iso),
        text,
        meta,
    })
}

/// A page date: date only when the page gave no time (midnight UTC).
fn iso(date: DateTime<Utc>) -> String {
    if date.num_seconds_from_midnight() == 0 && date.nanosecond() == 0 {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}
