//! Arbitrary bytes read as a JSONL stream with `read_jsonl` and ingested:
//! invalid UTF-8, deeply nested or truncated JSON, values that are not
//! article objects, blank lines, CRLF.
//!
//! Checks, besides `newsnlp_fuzz::check_document` on every document: one
//! document per line that holds any non-blank ASCII character, none for a
//! line of ASCII whitespace, in line order (`meta.line`); an invalid record
//! keeps the id its line gives (`{"id": "a1", "title": "..."}` without text
//! is record `a1` with an error), and any other gets `SOURCE:LINE`
//! (`stdin:LINE` on standard input). Inputs of odd length are read as
//! standard input (`-`), even ones as `fuzz.jsonl`.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use newsnlp_ingest::{read_jsonl, IngestOptions};

/// Reads `data` as JSONL and checks every document.
fn run(data: &[u8]) {
    let stdin = data.len() % 2 == 1;
    let source = if stdin { "-" } else { "fuzz.jsonl" };
    let opts = IngestOptions::default();

    // Lines as `BufRead::read_until(b'\n')` cuts them, numbered from 1.
    let lines: Vec<&[u8]> = data.split_inclusive(|&b| b == b'\n').collect();
    let must_read = |line: &[u8]| {
        line.iter()
            .any(|&b| b.is_ascii() && !(b as char).is_whitespace())
    };
    let blank = |line: &[u8]| {
        line.iter()
            .all(|&b| b.is_ascii() && (b as char).is_whitespace())
    };

    let mut seen = Vec::new();
    for record in read_jsonl(Cursor::new(data.to_vec()), source) {
        let doc = newsnlp_fuzz::ingest_and_check(record, &opts);
        assert_eq!(
            doc.meta.get("format").and_then(|f| f.as_str()),
            Some("jsonl")
        );
        let line = doc
            .meta
            .get("line")
            .and_then(|l| l.as_u64())
            .expect("meta.line on every JSONL document") as usize;
        assert!(
            (1..=lines.len()).contains(&line),
            "line {line} of {}",
            lines.len()
        );
        assert!(!blank(lines[line - 1]), "a document for blank line {line}");
        assert!(
            seen.last().is_none_or(|&prev| prev < line),
            "line {line} out of order"
        );
        seen.push(line);
        // An invalid record keeps the id its line gives, else is SOURCE:LINE.
        if doc.errors.iter().any(|e| e.message.starts_with("invalid")) {
            let label = if stdin { "stdin" } else { source };
            let fallback = format!("{label}:{line}");
            if doc.id != fallback {
                assert!(!doc.id.is_empty(), "invalid line {line} has an empty id");
                // A line in UTF-8 must give that id itself; one that is not
                // was decoded from another encoding (chardetng), so its id is
                // spelled as decoded and is not checked letter by letter.
                if let Ok(text) = std::str::from_utf8(lines[line - 1]) {
                    assert_eq!(
                        given_id(text).as_deref(),
                        Some(doc.id.as_str()),
                        "invalid line {line} is named neither {fallback} nor by the id it gives"
                    );
                }
            }
        }
        if stdin {
            assert_ne!(
                doc.source.as_deref(),
                Some("-"),
                "standard input is no source"
            );
        }
    }
    for (n, line) in lines.iter().enumerate() {
        if must_read(line) {
            assert!(seen.contains(&(n + 1)), "no document for line {}", n + 1);
        }
    }
}

/// The `id` a JSON object line gives (a string, or a number as written).
fn given_id(line: &str) -> Option<String> {
    let line = line.trim_start_matches('\u{feff}');
    match serde_json::from_str::<serde_json::Value>(line).ok()?.get("id")? {
        serde_json::Value::String(id) => Some(id.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fuzz_target!(init: newsnlp_fuzz::install_panic_hook(), |data: &[u8]| run(data));
