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
                let text = String::from_utf8_lossy(lines[line - 1]);
                match given_id(&text) {
                    Some(id) => assert_eq!(doc.id, id, "the id line {line} gives"),
                    // A line decoded from another encoding: its id is in it.
                    None => assert!(
                        !doc.id.is_empty() && text.contains(&doc.id),
                        "invalid line {line} named {:?}, neither {fallback} nor an id it gives",
                        doc.id
                    ),
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
    match serde_json::from_str::<serde_json::Value>(line).ok()?.get("id")? {
        serde_json::Value::String(id) => Some(id.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fuzz_target!(init: newsnlp_fuzz::install_panic_hook(), |data: &[u8]| run(data));
