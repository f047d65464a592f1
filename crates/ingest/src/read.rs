//! Reading inputs into [`RawRecord`]s: directory walks, per-format readers.

use crate::decode::{decode, decode_fragment, html_declared_charset};
use crate::{clean, warc_input, IngestError, RawBody, RawRecord};
use serde_json::{Map, Value};
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Boxed record iterator, as returned by the readers.
pub(crate) type Records = Box<dyn Iterator<Item = RawRecord> + Send>;

/// Input formats, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Txt,
    Json,
    Jsonl,
    Html,
    Warc { gzip: bool },
}

impl Format {
    /// The format of a path from its extension (case-insensitive).
    pub(crate) fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let format = if name.ends_with(".warc.gz") {
            Format::Warc { gzip: true }
        } else if name.ends_with(".warc") {
            Format::Warc { gzip: false }
        } else if name.ends_with(".txt") {
            Format::Txt
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Format::Jsonl
        } else if name.ends_with(".json") {
            Format::Json
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            Format::Html
        } else {
            return None;
        };
        Some(format)
    }

    /// The `meta.format` value.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc { .. } => "warc",
        }
    }
}

/// Lazily reads files and directories, yielding one [`RawRecord`] per article.
///
/// Directories are walked recursively in sorted order (deterministic) and only
/// files with a known extension are read: `.txt`, `.json`, `.jsonl` /
/// `.ndjson`, `.html` / `.htm`, `.warc`, `.warc.gz`; others are skipped. A
/// file named explicitly with an unknown extension, an unreadable file, a
/// binary file or a bad JSONL line yields a [`RawBody::Error`] record and
/// reading goes on. The path `-` reads JSONL from standard input.
pub fn read_paths(paths: &[PathBuf]) -> Box<dyn Iterator<Item = RawRecord> + Send> {
    let paths = paths.to_vec();
    Box::new(paths.into_iter().flat_map(read_path))
}

fn read_path(path: PathBuf) -> Records {
    if path.as_os_str() == "-" {
        return Box::new(read_jsonl(BufReader::new(std::io::stdin()), "-"));
    }
    if path.is_dir() {
        let root = path.display().to_string();
        let walk = WalkDir::new(path).sort_by_file_name().into_iter();
        return Box::new(walk.flat_map(move |entry| -> Records {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_file()
                        || (entry.path_is_symlink() && entry.path().is_file());
                    match Format::of(entry.path()) {
                        Some(format) if is_file => read_file(entry.path(), format),
                        _ => Box::new(std::iter::empty()),
                    }
                }
                Err(e) => {
                    let at = e
                        .path()
                        .map_or_else(|| root.clone(), |p| p.display().to_string());
                    let error = IngestError::Io {
                        path: at.clone(),
                        source: e.into(),
                    };
                    one(RawRecord::error(at.clone(), Some(at), "unknown", &error))
                }
            }
        }));
    }
    match Format::of(&path) {
        Some(format) => read_file(&path, format),
        None => {
            let name = path.display().to_string();
            let error = match fs::metadata(&path) {
                Err(source) => IngestError::Io {
                    path: name.clone(),
                    source,
                },
                Ok(_) => IngestError::UnsupportedFormat(name.clone()),
            };
            one(RawRecord::error(
                name.clone(),
                Some(name),
                "unknown",
                &error,
            ))
        }
    }
}

fn one(record: RawRecord) -> Records {
    Box::new(std::iter::once(record))
}

fn read_file(path: &Path, format: Format) -> Records {
    let name = path.display().to_string();
    let fail = |error: IngestError| {
        one(RawRecord::error(
            name.clone(),
            Some(name.clone()),
            format.name(),
            &error,
        ))
    };
    let io_error = |source| IngestError::Io {
        path: name.clone(),
        source,
    };
    let records = match format {
        Format::Jsonl => match fs::File::open(path) {
            Ok(file) => Box::new(read_jsonl(BufReader::new(file), &name)),
            Err(e) => fail(io_error(e)),
        },
        Format::Warc { gzip } => match fs::File::open(path) {
            Ok(file) => warc_input::read_warc(file, gzip, &name),
            Err(e) => fail(io_error(e)),
        },
        Format::Txt | Format::Json | Format::Html => {
            let bytes = match fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) => return fail(io_error(e)),
            };
            let declared = match format {
                Format::Html => html_declared_charset(&bytes),
                _ => None,
            };
            let decoded = match decode(bytes, declared.as_deref()) {
                Ok(decoded) => decoded,
                Err(e) => return fail(e),
            };
            let mut meta = Map::new();
            meta.insert("format".into(), format.name().into());
            decoded.annotate(&mut meta);
            match format {
                Format::Txt => one(txt_record(decoded.text, &name, meta)),
                Format::Html => one(RawRecord {
                    id: None,
                    source: Some(name.clone()),
                    title: None,
                    published: None,
                    meta,
                    body: RawBody::Html(decoded.text),
                    fallback_id: name.clone(),
                }),
                _ => json_file_records(&decoded.text, &name, meta),
            }
        }
    };
    let empty = RawRecord::error(
        name.clone(),
        Some(name.clone()),
        format.name(),
        &IngestError::NoDocuments,
    );
    Box::new(OrWhenEmpty {
        records,
        fallback: Some(empty),
    })
}

/// Yields `records`, or `fallback` alone when there are none, so that
/// every input file gives at least one output record.
struct OrWhenEmpty {
    records: Records,
    fallback: Option<RawRecord>,
}

impl Iterator for OrWhenEmpty {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        match self.records.next() {
            Some(record) => {
                self.fallback = None;
                Some(record)
            }
            None => self.fallback.take(),
        }
    }
}

/// Longest first line still taken as a headline.
const MAX_HEADLINE_CHARS: usize = 300;

/// A `.txt` article: the first line is the headline when a blank line
/// follows it (leading blank and junk lines are skipped first).
fn txt_record(text: String, path: &str, meta: Map<String, Value>) -> RawRecord {
    let (title, body) = match split_headline(&text) {
        Some((title, body_start)) => (Some(title), text[body_start..].to_string()),
        None => (None, text),
    };
    RawRecord {
        id: None,
        source: Some(path.to_string()),
        title,
        published: None,
        meta,
        body: RawBody::Text(body),
        fallback_id: path.to_string(),
    }
}

/// The headline and the byte offset where the body starts.
fn split_headline(text: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    let headline = loop {
        let line = lines.next()?;
        offset += line.len();
        let normalized = clean::normalize_line(line);
        if !normalized.is_empty() && !clean::is_junk_line(&normalized) {
            break normalized;
        }
    };
    let next = lines.next()?;
    let blank_follows = clean::normalize_line(next).is_empty();
    (blank_follows && headline.chars().count() <= MAX_HEADLINE_CHARS).then_some((headline, offset))
}

/// A `.json` file: one article object, or an array of them.
fn json_file_records(text: &str, path: &str, meta: Map<String, Value>) -> Records {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let error = IngestError::Json {
                line: None,
                message: e.to_string(),
            };
            return one(RawRecord::error(
                path,
                Some(path.to_string()),
                "json",
                &error,
            ));
        }
    };
    match value {
        Value::Array(items) => {
            let path = path.to_string();
            Box::new(items.into_iter().enumerate().map(move |(i, item)| {
                let n = i + 1;
                let mut meta = meta.clone();
                meta.insert("index".into(), n.into());
                object_record(item, &path, format!("{path}:{n}"), meta, None)
            }))
        }
        value => one(object_record(value, path, path.to_string(), meta, None)),
    }
}

/// Reads JSONL from any reader (`-` for standard input): one article object
/// per line. Blank lines are skipped; a line that is not valid JSON or not an
/// article object yields an error record with `meta.line` and the fallback id
/// `SOURCE:LINE`, and the following lines are still read.
///
/// Records without an `id` get the fallback id `SOURCE:LINE`, except on
/// standard input (`source_name` `-`, `stdin`, `<stdin>` or empty) where the
/// id is the content hash of the cleaned text (`stdin:LINE` for error records). `source` is the object's `url`, else
/// `source_name` (none for standard input).
pub fn read_jsonl<R: BufRead + Send + 'static>(
    reader: R,
    source_name: &str,
) -> impl Iterator<Item = RawRecord> + Send {
    JsonlRecords {
        reader,
        source: source_name.to_string(),
        line: 0,
        buf: Vec::new(),
        done: false,
    }
}

struct JsonlRecords<R> {
    reader: R,
    source: String,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R> JsonlRecords<R> {
    fn is_stdin(&self) -> bool {
        matches!(self.source.as_str(), "" | "-" | "stdin" | "<stdin>")
    }

    fn error(&self, error: &IngestError) -> RawRecord {
        let source = (!self.is_stdin()).then(|| self.source.clone());
        let fallback = format!("{}:{}", self.source_label(), self.line);
        let mut record = RawRecord::error(fallback, source, "jsonl", error);
        record.meta.insert("line".into(), self.line.into());
        record
    }

    fn source_label(&self) -> &str {
        if self.is_stdin() {
            "stdin"
        } else {
            &self.source
        }
    }
}

/// Longest JSONL line read (64 MiB, far above any article): a stream
/// without line breaks must not grow memory without bound.
const MAX_LINE_BYTES: usize = 64 << 20;

/// Reads and drops the rest of the current line.
fn skip_line<R: BufRead>(reader: &mut R) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = buf.len();
                reader.consume(len);
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlRecords<R> {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        while !self.done {
            self.buf.clear();
            let limit = MAX_LINE_BYTES as u64 + 1;
            match (&mut self.reader)
                .take(limit)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) => self.done = true,
                Ok(_) if self.buf.len() > MAX_LINE_BYTES => {
                    self.line += 1;
                    self.buf = Vec::new();
                    if let Err(e) = skip_line(&mut self.reader) {
                        self.done = true;
                        return Some(self.error(&IngestError::Io {
                            path: self.source_label().to_string(),
                            source: e,
                        }));
                    }
                    return Some(self.error(&IngestError::Record {
                        line: Some(self.line),
                        message: format!("line longer than {} MiB", MAX_LINE_BYTES >> 20),
                    }));
                }
                Ok(_) => {
                    self.line += 1;
                    let decoded = decode_fragment(&self.buf);
                    let line = decoded.text.trim();
                    if line.is_empty() {
                        continue;
                    }
                    let value = match serde_json::from_str::<Value>(line) {
                        Ok(value) => value,
                        Err(e) => {
                            return Some(self.error(&IngestError::Json {
                                line: Some(self.line),
                                message: e.to_string(),
                            }))
                        }
                    };
                    let mut meta = Map::new();
                    meta.insert("format".into(), "jsonl".into());
                    meta.insert("line".into(), self.line.into());
                    decoded.annotate(&mut meta);
                    let fallback = if self.is_stdin() {
                        String::new()
                    } else {
                        format!("{}:{}", self.source, self.line)
                    };
                    let source = self.source.clone();
                    let mut record = object_record(value, &source, fallback, meta, Some(self.line));
                    if self.is_stdin() {
                        if record.source.as_deref() == Some(source.as_str()) {
                            record.source = None;
                        }
                        if matches!(record.body, RawBody::Error(_)) {
                            record.fallback_id = format!("{}:{}", self.source_label(), self.line);
                        }
                    }
                    return Some(record);
                }
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    let error = IngestError::Io {
                        path: format!("{}:{}", self.source_label(), self.line),
                        source: e,
                    };
                    return Some(self.error(&error));
                }
            }
        }
        None
    }
}

/// Turns one JSON value into a record: `text` and/or `html` (text wins),
/// optional `id`, `title`, `published`, `url`; other keys go into `meta`.
fn object_record(
    value: Value,
    source: &str,
    fallback_id: String,
    meta: Map<String, Value>,
    line: Option<usize>,
) -> RawRecord {
    let format = meta
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or("json")
        .to_string();
    let reject = |message: String, meta: Map<String, Value>| {
        let error = IngestError::Record { line, message };
        let mut record = RawRecord::error(
            fallback_id.clone(),
            Some(source.to_string()),
            &format,
            &error,
        );
        for (key, value) in meta {
            record.meta.entry(key).or_insert(value);
        }
        record
    };
    let Value::Object(object) = value else {
        return reject(
            format!("expected a JSON object, found {}", json_kind(&value)),
            meta,
        );
    };
    let mut record = RawRecord {
        id: None,
        source: Some(source.to_string()),
        title: None,
        published: None,
        meta: Map::new(),
        body: RawBody::Error(String::new()),
        fallback_id: fallback_id.clone(),
    };
    let mut text = None;
    let mut html = None;
    let mut problem = None;
    let mut extra = Map::new();
    for (key, value) in object {
        match (key.as_str(), value) {
            (_, Value::Null) => {}
            ("id", Value::String(s)) => record.id = Some(s),
            ("id", Value::Number(n)) => record.id = Some(n.to_string()),
            ("title", Value::String(s)) => record.title = Some(s),
            ("published", Value::String(s)) => record.published = Some(s),
            ("url", Value::String(s)) => record.source = Some(s),
            ("text", Value::String(s)) => text = Some(s),
            ("html", Value::String(s)) => html = Some(s),
            (field @ ("text" | "html"), other) => {
                problem = Some(format!(
                    "\"{field}\" must be a string, found {}",
                    json_kind(&other)
                ));
            }
            (_, value) => {
                extra.insert(key, value);
            }
        }
    }
    record.body = match (problem, text, html) {
        (None, Some(text), _) => RawBody::Text(text),
        (None, None, Some(html)) => RawBody::Html(html),
        (problem, _, _) => {
            // The record is unusable, but keep what identifies it.
            let message = problem.unwrap_or_else(|| "no \"text\" or \"html\" field".into());
            let rejected = reject(message, meta);
            return RawRecord {
                id: record.id,
                source: record.source,
                title: record.title,
                published: record.published,
                ..rejected
            };
        }
    };
    for (key, value) in meta {
        extra.insert(key, value);
    }
    record.meta = extra;
    record
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_jsonl_line_becomes_one_error_and_reading_goes_on() {
        let mut input = vec![b'x'; MAX_LINE_BYTES + 10];
        input.extend_from_slice(b"\n{\"id\": \"next\", \"text\": \"Fine.\"}\n");
        let records: Vec<RawRecord> =
            read_jsonl(std::io::Cursor::new(input), "big.jsonl").collect();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[0].body,
            RawBody::Error("invalid record at line 1: line longer than 64 MiB".into())
        );
        assert_eq!(records[1].id.as_deref(), Some("next"));
    }

    #[test]
    fn a_file_without_documents_gives_one_error_record() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, content) in [("a.jsonl", "\n\n"), ("b.json", "[]"), ("c.warc", "")] {
            std::fs::write(dir.path().join(name), content).expect("write");
        }
        let records: Vec<RawRecord> = read_paths(&[dir.path().to_path_buf()]).collect();
        assert_eq!(records.len(), 3);
        for record in records {
            assert_eq!(
                record.body,
                RawBody::Error("the file holds no documents".into())
            );
        }
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a/B.TXT")), Some(Format::Txt));
        assert_eq!(
            Format::of(Path::new("x.warc.gz")),
            Some(Format::Warc { gzip: true })
        );
        assert_eq!(
            Format::of(Path::new("x.warc")),
            Some(Format::Warc { gzip: false })
        );
        assert_eq!(Format::of(Path::new("x.jsonl")), Some(Format::Jsonl));
        assert_eq!(Format::of(Path::new("x.json")), Some(Format::Json));
        assert_eq!(Format::of(Path::new("x.htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("x.tsv")), None);
        assert_eq!(Format::of(Path::new("x.gz")), None);
    }

    #[test]
    fn headline_split() {
        assert_eq!(
            split_headline("Title\n\nBody"),
            Some(("Title".to_string(), 6))
        );
        assert_eq!(
            split_headline("\r\nSkip to content\r\n  Title  \r\n\r\nBody"),
            Some(("Title".to_string(), 30))
        );
        assert_eq!(split_headline("Line one\nline two\n\nBody"), None);
        assert_eq!(split_headline("Only one line"), None);
        assert_eq!(split_headline(""), None);
    }

    #[test]
    fn object_fields() {
        let value = serde_json::json!({"id": 7, "title": "T", "published": "2025-11-08",
            "url": "https://e.x/a", "text": "Body", "html": "<p>x</p>", "category": "sport", "n": null});
        let mut meta = Map::new();
        meta.insert("format".into(), "jsonl".into());
        let r = object_record(value, "f.jsonl", "f.jsonl:1".into(), meta, Some(1));
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.source.as_deref(), Some("https://e.x/a"));
        assert_eq!(r.body, RawBody::Text("Body".into()));
        assert_eq!(r.meta["category"], "sport");
        assert_eq!(r.meta["format"], "jsonl");
        assert!(!r.meta.contains_key("n"));
        assert!(!r.meta.contains_key("html"));
    }

    #[test]
    fn object_without_body_is_an_error() {
        let r = object_record(
            serde_json::json!({"title": "x"}),
            "f",
            "f:3".into(),
            Map::new(),
            Some(3),
        );
        assert_eq!(
            r.body,
            RawBody::Error("invalid record at line 3: no \"text\" or \"html\" field".into())
        );
        assert_eq!(r.fallback_id, "f:3");
        assert_eq!(r.title.as_deref(), Some("x"), "what identifies it is kept");
        let r = object_record(
            serde_json::json!({"text": 5, "id": "k"}),
            "f",
            "f:4".into(),
            Map::new(),
            Some(4),
        );
        assert_eq!(r.id.as_deref(), Some("k"));
        assert_eq!(
            r.body,
            RawBody::Error(
                "invalid record at line 4: \"text\" must be a string, found a number".into()
            )
        );
        let r = object_record(serde_json::json!([1]), "f", "f".into(), Map::new(), None);
        assert_eq!(
            r.body,
            RawBody::Error("invalid record: expected a JSON object, found an array".into())
        );
        let r = object_record(
            serde_json::json!({"text": 5}),
            "f",
            "f".into(),
            Map::new(),
            None,
        );
        assert!(matches!(r.body, RawBody::Error(ref m) if m.contains("\"text\" must be a string")));
    }
}
