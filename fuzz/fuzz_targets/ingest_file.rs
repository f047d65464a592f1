//! Arbitrary bytes written as an input file of one of the supported formats,
//! read with `read_paths` and ingested record by record.
//!
//! The first input byte chooses how (the rest is the file):
//! - bits 0-2: the extension (value mod 6): `.txt`, `.html`, `.json`,
//!   `.jsonl`, `.warc`, `.warc.gz`;
//! - bits 3-4, `.warc.gz` only: the bytes as they are, gzip-compressed (so
//!   the WARC reader behind the decompressor is reached), compressed and cut
//!   in half (a truncated archive), or two gzip members;
//! - bit 5: read the temporary folder (a directory walk) instead of the file;
//! - bit 6: give `--published 2025-11-08` as the fallback date.
//!
//! Every record must become a document that passes
//! `newsnlp_fuzz::check_document`, and a `.txt` or `.html` file gives
//! exactly one document, an error one included.
#![no_main]

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use flate2::write::GzEncoder;
use flate2::Compression;
use libfuzzer_sys::fuzz_target;
use newsnlp_ingest::{read_paths, IngestOptions};

const EXTENSIONS: [&str; 6] = ["txt", "html", "json", "jsonl", "warc", "warc.gz"];

static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("write to memory");
    encoder.finish().expect("write to memory")
}

fn warc_gz_bytes(mode: u8, body: &[u8]) -> Vec<u8> {
    match mode {
        0 => body.to_vec(),
        1 => gzip(body),
        2 => {
            let mut compressed = gzip(body);
            compressed.truncate(compressed.len() / 2);
            compressed
        }
        _ => {
            let (a, b) = body.split_at(body.len() / 2);
            let mut compressed = gzip(a);
            compressed.extend(gzip(b));
            compressed
        }
    }
}

fn run(selector: u8, body: &[u8], dir: &Path) {
    let extension = EXTENSIONS[usize::from(selector & 7) % EXTENSIONS.len()];
    let bytes = if extension == "warc.gz" {
        warc_gz_bytes((selector >> 3) & 3, body)
    } else {
        body.to_vec()
    };
    let path = dir.join(format!("input.{extension}"));
    std::fs::write(&path, &bytes).expect("write the input file");
    let target = if selector & 0x20 != 0 {
        dir.to_path_buf()
    } else {
        path.clone()
    };
    let opts = IngestOptions {
        published: (selector & 0x40 != 0).then(|| "2025-11-08".to_string()),
    };

    let mut count = 0usize;
    for record in read_paths(&[target]) {
        let doc = newsnlp_fuzz::ingest_and_check(record, &opts);
        count += 1;
        if matches!(extension, "txt" | "html") {
            let name = path.display().to_string();
            assert_eq!(doc.id, name, "the id of a .{extension} file is its path");
            assert_eq!(doc.source.as_deref(), Some(name.as_str()));
        }
    }
    std::fs::remove_file(&path).expect("remove the input file");
    if matches!(extension, "txt" | "html") {
        assert_eq!(count, 1, "a .{extension} file gives exactly one document");
    }
}

fuzz_target!(
    init: newsnlp_fuzz::install_panic_hook(),
    |data: &[u8]| {
        let Some((&selector, body)) = data.split_first() else {
            return;
        };
        let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
        run(selector, body, dir.path());
    }
);
