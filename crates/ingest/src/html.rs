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
    /// Where in the page the date was found (`meta.published_source`).
    pub published_source: Option<&'static str>,
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
            meta.push((key.to_string(), Value::String(decode_references(&value))));
        }
    }
    // Character references the extractor leaves in its text (a JSON-LD
    // `articleBody` is written HTML-escaped by many sites: `&#39;`, `&nbsp;`)
    // are decoded once, here, before any line is compared.
    let merged = result.warnings.iter().any(|w| {
        w.starts_with("Used multi-candidate merge")
            || w.starts_with("Used repeated-item collection")
    });
    let content_text = if merged {
        crate::page_text::rerender_merged(page, &result.content_text).unwrap_or(result.content_text)
    } else if let Some(html) = result.content_html.as_deref() {
        crate::page_text::break_at_blocks(&result.content_text, html)
    } else {
        result.content_text
    };
    let content_text = decode_references(&content_text);
    // Furniture the extractor keeps: lists of links to other articles,
    // repeated captions, bylines and datelines (see `furniture`). Second
    // copies of the article go once the text is in paragraphs (`repeats`).
    let text = match result.content_html.as_deref() {
        Some(html) => crate::furniture::drop_link_lists(&content_text, html),
        None => content_text,
    };
    let text = crate::widgets::drop_widget_lines(&text);
    let text = crate::furniture::drop_repeated_lines(&text);
    let text = crate::furniture::drop_leading_metadata(&text);
    let extractor_date = metadata
        .date
        .map(iso)
        .filter(|d| !crate::date::is_placeholder_date(d));
    let (published, published_source) = match extractor_date {
        Some(date) => (Some(date), Some("page")),
        None => match crate::page_date::page_date(page, url) {
            Some((date, source)) => (Some(date), Some(source.name())),
            None => (None, None),
        },
    };
    Ok(Extracted {
        title: metadata
            .title
            .filter(|t| !t.trim().is_empty())
            .map(|t| decode_references(&t)),
        published,
        published_source,
        text,
        meta,
    })
}

/// Decodes the HTML character references in extracted text: named
/// (`&amp;`, `&nbsp;`), decimal (`&#39;`) and hexadecimal (`&#x2019;`). A
/// name without its semicolon is decoded only where HTML attributes decode
/// it (not before a letter or digit), so `AT&T`, `R&D` and `&notice` stay.
pub(crate) fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    htmlize::unescape_attribute(text).into_owned()
}

/// A page date: date only when the page gave no time (midnight UTC).
fn iso(date: DateTime<Utc>) -> String {
    if date.num_seconds_from_midnight() == 0 && date.nanosecond() == 0 {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}
