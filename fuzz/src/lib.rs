//! Invariant checks shared by the newsnlp fuzz targets.
//!
//! Each check panics (which libFuzzer reports as a crash and saves as an
//! artifact) when ingestion or sentence splitting breaks a promise made in
//! the crates' docs or in README's "Inputs" / "Output" sections.

use newsnlp_ingest::{ingest, normalize_date, IngestOptions, RawRecord};
use newsnlp_model::{Document, OffsetMap, SCHEMA_VERSION};

/// Prefix of the one ingest error that keeps the text (a bad date).
const DATE_ERROR: &str = "unparseable published date";

/// `meta.format` values the readers write.
const FORMATS: &[&str] = &["txt", "json", "jsonl", "html", "warc", "unknown"];

/// Characters `clean::normalize_line` removes.
const INVISIBLE: &[char] = &['\u{200B}', '\u{2060}', '\u{FEFF}', '\u{00AD}'];

/// Checks what `split_sentences` and `sentence_spans` promise for `text`:
/// byte ranges in order, non-empty, not overlapping, on char boundaries,
/// trimmed of surrounding whitespace, never crossing a paragraph break (a
/// blank line), covering every non-blank part of the text; and character
/// spans that are the same ranges counted in characters.
pub fn check_sentences(text: &str) {
    let ranges = newsnlp_sentences::split_sentences(text);
    let spans = newsnlp_sentences::sentence_spans(text);
    assert_eq!(
        spans.len(),
        ranges.len(),
        "spans and ranges differ in number"
    );

    let mut prev_end = 0usize;
    let mut prev_chars = 0usize;
    for (range, span) in ranges.iter().zip(&spans) {
        assert!(range.start < range.end, "empty sentence {range:?}");
        assert!(range.end <= text.len(), "sentence {range:?} out of bounds");
        assert!(
            range.start >= prev_end,
            "sentence {range:?} overlaps or precedes the previous one (ended at {prev_end})"
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "sentence {range:?} not on char boundaries"
        );
        let gap = &text[prev_end..range.start];
        assert!(
            gap.trim().is_empty(),
            "non-blank text {gap:?} outside every sentence"
        );
        let sentence = &text[range.clone()];
        assert_eq!(sentence, sentence.trim(), "sentence {range:?} not trimmed");
        assert!(
            !sentence.split('\n').any(|line| line.trim().is_empty()),
            "sentence {range:?} crosses a paragraph break: {sentence:?}"
        );
        let start_chars = prev_chars + gap.chars().count();
        let end_chars = start_chars + sentence.chars().count();
        assert_eq!(
            (span.start, span.end),
            (start_chars, end_chars),
            "character span of {range:?}"
        );
        prev_end = range.end;
        prev_chars = end_chars;
    }
    let tail = &text[prev_end..];
    assert!(
        tail.trim().is_empty(),
        "non-blank text {tail:?} after the last sentence"
    );
    if let Some(last) = spans.last() {
        let map = OffsetMap::new(text);
        assert!(last.end <= map.char_len());
        let first = spans[0];
        assert_eq!(first.slice(text, &map), &text[ranges[0].clone()]);
    }
}

/// Ingests one record and checks the document; returns it.
pub fn ingest_and_check(record: RawRecord, opts: &IngestOptions) -> Document {
    let doc = ingest(record, opts);
    check_document(&doc);
    doc
}

/// Checks one ingested document: an id, only `ingest` errors with a message,
/// empty text exactly when ingestion failed (so every record is an error or
/// an annotatable text), cleaned text made of trimmed single-line paragraphs
/// separated by one blank line, a normalised headline that opens the text,
/// an ISO date that normalises to itself, a JSON round trip, and the
/// sentence invariants on the text.
pub fn check_document(doc: &Document) {
    assert!(!doc.id.is_empty(), "empty id: {doc:?}");
    assert_eq!(doc.schema_version, SCHEMA_VERSION);
    assert!(
        doc.sentences.is_none()
            && doc.entities.is_none()
            && doc.dates.is_none()
            && doc.claims.is_none()
            && doc.extra.is_empty(),
        "ingest produced annotation layers: {doc:?}"
    );
    let format = doc.meta.get("format").and_then(|f| f.as_str());
    assert!(
        format.is_some_and(|f| FORMATS.contains(&f)),
        "meta.format is {format:?}"
    );

    let mut body_failed = false;
    let mut date_failed = false;
    for error in &doc.errors {
        assert_eq!(error.stage, newsnlp_ingest::STAGE, "{error:?}");
        assert!(
            !error.message.trim().is_empty(),
            "error without a message: {doc:?}"
        );
        if error.message.starts_with(DATE_ERROR) {
            date_failed = true;
        } else {
            body_failed = true;
        }
    }
    if doc.text.is_empty() {
        assert!(body_failed, "empty text without an error: {doc:?}");
    } else {
        assert!(!body_failed, "text kept despite an ingest error: {doc:?}");
        check_clean_text(&doc.text);
    }

    if let Some(title) = &doc.title {
        assert!(!title.is_empty(), "empty title");
        check_paragraph(title);
        if !doc.text.is_empty() {
            assert_eq!(
                doc.text.split("\n\n").next(),
                Some(title.as_str()),
                "the headline does not open the text"
            );
        }
    }

    match &doc.published {
        Some(published) => {
            assert!(!date_failed, "a date error and a date: {doc:?}");
            assert_eq!(
                normalize_date(published).as_deref(),
                Some(published.as_str()),
                "published date is not normalised ISO 8601"
            );
        }
        None => {
            if date_failed {
                assert!(
                    doc.meta.contains_key("published_raw"),
                    "date error without meta.published_raw"
                );
            }
        }
    }

    let json = serde_json::to_string(doc).expect("a document serialises");
    let back: Document = serde_json::from_str(&json).expect("a document reads back");
    assert_eq!(&back, doc, "JSON round trip changed the document");

    check_sentences(&doc.text);
}

/// Cleaned text: paragraphs separated by exactly one blank line.
fn check_clean_text(text: &str) {
    for paragraph in text.split("\n\n") {
        check_paragraph(paragraph);
    }
}

/// One cleaned paragraph or headline: non-empty, one line, trimmed, single
/// plain spaces, no control or invisible characters.
fn check_paragraph(paragraph: &str) {
    assert!(!paragraph.is_empty(), "empty paragraph");
    assert_eq!(paragraph, paragraph.trim(), "paragraph not trimmed");
    assert!(!paragraph.contains("  "), "double space in {paragraph:?}");
    if let Some(c) = paragraph
        .chars()
        .find(|&c| c != ' ' && (c.is_whitespace() || c.is_control() || INVISIBLE.contains(&c)))
    {
        panic!("unnormalised character {c:?} in paragraph {paragraph:?}");
    }
}

/// Replaces libFuzzer's abort-on-every-panic hook with one that only prints.
///
/// `ingest` deliberately catches panics of the HTML extractor
/// (rs-trafilatura) and turns them into a document error; with libFuzzer's
/// hook such a handled panic would abort the run. A panic that escapes
/// `ingest` still aborts: libfuzzer-sys catches it around the target and
/// aborts, so it is reported as a crash as before. Set
/// `NEWSNLP_FUZZ_STRICT_PANICS=1` to keep libFuzzer's hook and stop at any
/// panic, caught or not (to hunt extractor panics themselves).
pub fn install_panic_hook() {
    if std::env::var_os("NEWSNLP_FUZZ_STRICT_PANICS").is_some_and(|v| v != "0") {
        return;
    }
    let _libfuzzer_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        eprintln!(
            "thread '{}' panicked: {info} (a crash unless ingest catches it)",
            thread.name().unwrap_or("<unnamed>")
        );
    }));
}
