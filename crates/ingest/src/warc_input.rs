//! WARC archives (Common Crawl CC-NEWS style): one article per HTML response.

use crate::decode::{decode, html_declared_charset};
use crate::read::Records;
use crate::{IngestError, RawBody, RawRecord};
use chrono::SecondsFormat;
use flate2::read::{GzDecoder, MultiGzDecoder};
use serde_json::Map;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use warc::{BufferedBody, Record, RecordType, WarcHeader, WarcReader};

/// Reads a `.warc` / `.warc.gz` file lazily. Each `response` record whose
/// HTTP payload is a successful HTML page becomes one record; other records
/// are skipped. A malformed archive yields one error record and ends there
/// (the stream position is lost).
pub(crate) fn read_warc(file: File, gzip: bool, path: &str) -> Records {
    let path = path.to_string();
    if gzip {
        let reader = BufReader::with_capacity(1 << 20, MultiGzDecoder::new(BufReader::new(file)));
        Box::new(WarcRecords::new(reader, path))
    } else {
        Box::new(WarcRecords::new(
            BufReader::with_capacity(1 << 20, file),
            path,
        ))
    }
}

struct WarcRecords<R> {
    inner: warc::RecordIter<R>,
    path: String,
    records: usize,
    done: bool,
}

impl<R: BufRead> WarcRecords<R> {
    fn new(reader: R, path: String) -> Self {
        Self {
            inner: WarcReader::new(reader).iter_records(),
            path,
            records: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        while !self.done {
            match self.inner.next() {
                None => self.done = true,
                Some(Err(e)) => {
                    self.done = true;
                    let error = IngestError::Warc {
                        records: self.records,
                        message: e.to_string(),
                    };
                    let fallback = format!("{}:{}", self.path, self.records + 1);
                    let mut record =
                        RawRecord::error(fallback, Some(self.path.clone()), "warc", &error);
                    record
                        .meta
                        .insert("warc_file".into(), self.path.clone().into());
                    return Some(record);
                }
                Some(Ok(record)) => {
                    self.records += 1;
                    if let Some(raw) = article(record, &self.path, self.records) {
                        return Some(raw);
                    }
                }
            }
        }
        None
    }
}

/// The article in one WARC record, or `None` when it is not an HTML page.
fn article(record: Record<BufferedBody>, path: &str, number: usize) -> Option<RawRecord> {
    if *record.warc_type() != RecordType::Response {
        return None;
    }
    let record_id = Some(
        record
            .warc_id()
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string(),
    )
    .filter(|id| !id.is_empty());
    let date = *record.date();
    // `Record::header` panics on a value that is not UTF-8 (warc 0.4), so
    // the other headers are read from the raw parts, decoded lossily.
    let (headers, body) = record.into_raw_parts();
    let header = |name: WarcHeader| {
        headers
            .as_ref()
            .get(&name)
            .map(|value| String::from_utf8_lossy(value).into_owned())
    };
    let target = header(WarcHeader::TargetURI)
        .map(|uri| uri.trim().to_string())
        .filter(|uri| !uri.is_empty());
    let http = parse_http(&body);
    let content_type = http
        .content_type
        .clone()
        .or_else(|| header(WarcHeader::IdentifiedPayloadType));
    let is_html = match &content_type {
        Some(ct) => ct.to_ascii_lowercase().contains("html"),
        None => sniff_html(http.payload),
    };
    if !is_html || !(200..300).contains(&http.status.unwrap_or(200)) {
        tracing::debug!(path, number, ?content_type, status = ?http.status, "skipping WARC record");
        return None;
    }

    let mut meta = Map::new();
    meta.insert("format".into(), "warc".into());
    meta.insert("warc_file".into(), path.into());
    meta.insert("warc_record".into(), number.into());
    if let Some(id) = &record_id {
        meta.insert("warc_record_id".into(), id.clone().into());
    }
    meta.insert(
        "warc_date".into(),
        date.to_rfc3339_opts(SecondsFormat::AutoSi, true).into(),
    );
    let fallback_id = target.clone().unwrap_or_else(|| format!("{path}:{number}"));
    let id = record_id.clone().or_else(|| target.clone());
    let source = target.or_else(|| Some(path.to_string()));

    let payload = match http.content_encoding.as_deref() {
        Some(enc) if enc.contains("gzip") => {
            let mut out = Vec::new();
            match GzDecoder::new(http.payload).read_to_end(&mut out) {
                Ok(_) => out,
                Err(_) => http.payload.to_vec(),
            }
        }
        _ => http.payload.to_vec(),
    };
    let declared = content_type
        .as_deref()
        .and_then(charset_of)
        .or_else(|| html_declared_charset(&payload));
    let body = match decode(payload, declared.as_deref()) {
        Ok(decoded) => {
            decoded.annotate(&mut meta);
            RawBody::Html(decoded.text)
        }
        Err(e) => RawBody::Error(e.to_string()),
    };
    Some(RawRecord {
        id,
        source,
        title: None,
        published: None,
        meta,
        body,
        fallback_id,
    })
}

/// The parts of an HTTP response the reader needs.
struct Http<'a> {
    status: Option<u16>,
    content_type: Option<String>,
    content_encoding: Option<String>,
    payload: &'a [u8],
}

/// Splits an HTTP response into status, headers and payload. A block that
/// does not start with `HTTP/` is taken as a bare payload.
fn parse_http(block: &[u8]) -> Http<'_> {
    let bare = Http {
        status: None,
        content_type: None,
        content_encoding: None,
        payload: block,
    };
    if !block.starts_with(b"HTTP/") {
        return bare;
    }
    let (head, payload) = match find(block, b"\r\n\r\n") {
        Some(i) => (&block[..i], &block[i + 4..]),
        None => match find(block, b"\n\n") {
            Some(i) => (&block[..i], &block[i + 2..]),
            None => (block, &block[block.len()..]),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok());
    let mut http = Http {
        status,
        content_type: None,
        content_encoding: None,
        payload,
    };
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().to_string();
            match name.as_str() {
                "content-type" => http.content_type = Some(value),
                "content-encoding" => http.content_encoding = Some(value.to_ascii_lowercase()),
                _ => {}
            }
        }
    }
    http
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn sniff_html(payload: &[u8]) -> bool {
    let start = &payload[..payload.len().min(1024)];
    let lower = String::from_utf8_lossy(start).to_ascii_lowercase();
    lower.contains("<html") || lower.contains("<!doctype html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_is_split() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nContent-Length: 4\r\n\r\n<p>\xA3</p>";
        let http = parse_http(block);
        assert_eq!(http.status, Some(200));
        assert_eq!(http.payload, b"<p>\xA3</p>");
        let ct = http.content_type.unwrap();
        assert_eq!(charset_of(&ct).as_deref(), Some("ISO-8859-1"));
        let bare = parse_http(b"<html></html>");
        assert_eq!(bare.status, None);
        assert!(sniff_html(bare.payload));
    }

    /// Found by the `ingest_file` fuzz target: `Record::header` of warc 0.4
    /// panics on a header value that is not UTF-8 (here a Latin-1 `é` in the
    /// target URI and a stray 0xFF in the payload type).
    #[test]
    fn headers_that_are_not_utf8_do_not_panic() {
        let page = b"<html><body><p>Ministers met on Monday.</p></body></html>";
        let mut warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2025-11-09T08:00:02Z\r\n\
             WARC-Record-ID: <urn:uuid:1>\r\nContent-Length: {}\r\n",
            page.len()
        )
        .into_bytes();
        warc.extend_from_slice(b"WARC-Target-URI: https://example.org/caf\xE9\r\n");
        warc.extend_from_slice(b"WARC-Identified-Payload-Type: text/\xFFhtml\r\n\r\n");
        warc.extend_from_slice(page);
        warc.extend_from_slice(b"\r\n\r\n");

        let records: Vec<RawRecord> =
            WarcRecords::new(std::io::Cursor::new(warc), "x.warc".into()).collect();
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].id.as_deref(), Some("urn:uuid:1"));
        assert_eq!(
            records[0].source.as_deref(),
            Some("https://example.org/caf\u{FFFD}")
        );
        assert!(matches!(&records[0].body, RawBody::Html(page) if page.contains("Ministers")));
    }
}
