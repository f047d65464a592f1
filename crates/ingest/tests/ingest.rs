//! End-to-end tests: files on disk through `read_paths` / `read_jsonl` and `ingest`.

use newsnlp_ingest::{ingest, read_jsonl, read_paths, IngestOptions, RawBody, RawRecord};
use newsnlp_model::{content_id, Document};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

/// The user's example article, shared by every crate's tests.
fn seed_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed_article.txt")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: shared data {} is absent", path.display());
        None
    }
}

fn docs(paths: &[PathBuf]) -> Vec<Document> {
    let opts = IngestOptions::default();
    read_paths(paths).map(|r| ingest(r, &opts)).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn only_error(doc: &Document) -> &str {
    assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
    assert_eq!(doc.errors[0].stage, "ingest");
    assert_eq!(doc.text, "");
    &doc.errors[0].message
}

#[test]
fn seed_article() {
    let path = seed_fixture();
    let docs = docs(std::slice::from_ref(&path));
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    let title =
        "Pakistan Welcomes Iran’s Mediation Offer as Border Talks With Afghanistan Stall: FO";
    assert_eq!(doc.title.as_deref(), Some(title));
    assert!(doc
        .text
        .starts_with(&format!("{title}\n\nPakistan welcomed Iran’s offer")));
    assert_eq!(doc.text.split("\n\n").count(), 6);
    assert!(!doc.text.contains("Scroll to Top"));
    assert!(!doc.text.contains("\n\n\n"));
    assert!(doc.text.ends_with("between the two sides."));
    assert!(doc.text.contains("remains “very strong,” noting"));
    assert!(doc.text.contains("Türkiye"));
    assert!(doc.errors.is_empty());
    assert_eq!(doc.id, path.display().to_string());
    assert_eq!(
        doc.source.as_deref(),
        Some(path.display().to_string().as_str())
    );
    assert_eq!(doc.meta["format"], "txt");
    assert_eq!(doc.published, None);
}

#[test]
fn published_option_is_the_fallback() {
    let opts = IngestOptions {
        published: Some("November 8, 2025".into()),
    };
    let record = read_paths(&[seed_fixture()]).next().unwrap();
    assert_eq!(
        ingest(record, &opts).published.as_deref(),
        Some("2025-11-08")
    );
}

#[test]
fn bbc_latin1_pound_sign() {
    let Some(path) = shared("data/news_raw/bbc-fulltext/sport/199.txt") else {
        return;
    };
    let doc = &docs(&[path])[0];
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(doc.title.as_deref(), Some("Chelsea sack Mutu"));
    assert!(doc.text.contains("a £15.8m signing from Parma"));
    assert!(!doc.text.contains('\u{FFFD}'));
    assert_eq!(doc.meta["encoding"], "windows-1252");
}

#[test]
fn bbc_corpus_ingests_cleanly_and_matches_its_jsonl() {
    let Some(root) = shared("data/news_raw/bbc-fulltext") else {
        return;
    };
    let categories = ["business", "entertainment", "politics", "sport", "tech"];
    let dirs: Vec<PathBuf> = categories.iter().map(|c| root.join(c)).collect();
    let from_txt = docs(&dirs);
    assert_eq!(from_txt.len(), 2225);
    for doc in &from_txt {
        assert!(doc.errors.is_empty(), "{}: {:?}", doc.id, doc.errors);
        assert!(doc.title.is_some(), "{}", doc.id);
        assert!(doc.text.starts_with(doc.title.as_deref().unwrap()));
        assert!(!doc.text.contains('\u{FFFD}'), "{}", doc.id);
        assert!(!doc.text.contains("\n\n\n") && !doc.text.ends_with('\n'));
    }
    // Sorted, deterministic walk.
    assert!(from_txt[0].id.ends_with("business/001.txt"));
    assert!(from_txt[2224].id.ends_with("tech/401.txt"));

    // The prepared JSONL copy of the corpus gives the same texts.
    let from_jsonl = docs(&[root.join("bbc-fulltext.jsonl")]);
    assert_eq!(from_jsonl.len(), 2225);
    for (txt, json) in from_txt.iter().zip(&from_jsonl) {
        assert!(json.errors.is_empty(), "{}: {:?}", json.id, json.errors);
        assert!(txt.id.ends_with(json.meta["file"].as_str().unwrap()));
        assert_eq!(txt.title, json.title, "{}", json.id);
        assert_eq!(txt.text, json.text, "{}", json.id);
    }
}

#[test]
fn jsonl_bad_line_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "news.jsonl",
        concat!(
            "{\"id\": \"a\", \"title\": \"First\", \"text\": \"One.\\n\\nTwo.\", \"published\": \"8 Nov 2025\", \"category\": \"world\"}\n",
            "{\"id\": \"b\", \"text\": \"broken\n",
            "\n",
            "{\"text\": \"Third article.\", \"url\": \"https://example.org/3\"}\n",
        )
        .as_bytes(),
    );
    let docs = docs(std::slice::from_ref(&path));
    assert_eq!(docs.len(), 3);
    let name = path.display().to_string();

    assert_eq!(docs[0].id, "a");
    assert_eq!(docs[0].text, "First\n\nOne.\n\nTwo.");
    assert_eq!(docs[0].published.as_deref(), Some("2025-11-08"));
    assert_eq!(docs[0].meta["category"], "world");
    assert_eq!(docs[0].meta["line"], 1);
    assert_eq!(docs[0].meta["format"], "jsonl");
    assert_eq!(docs[0].source.as_deref(), Some(name.as_str()));

    assert_eq!(docs[1].id, format!("{name}:2"));
    assert_eq!(docs[1].meta["line"], 2);
    assert!(only_error(&docs[1]).starts_with("invalid JSON at line 2"));

    assert_eq!(docs[2].id, format!("{name}:4"));
    assert_eq!(docs[2].text, "Third article.");
    assert_eq!(docs[2].source.as_deref(), Some("https://example.org/3"));
    assert!(docs[2].errors.is_empty());
}

#[test]
fn jsonl_records_that_are_not_articles() {
    let input =
        "[1, 2]\n{\"title\": \"no body\"}\n{\"text\": \"ok\", \"published\": \"someday\"}\n";
    let docs: Vec<Document> = read_jsonl(Cursor::new(input), "in.jsonl")
        .map(|r| ingest(r, &IngestOptions::default()))
        .collect();
    assert_eq!(docs.len(), 3);
    assert!(only_error(&docs[0]).contains("expected a JSON object"));
    assert!(only_error(&docs[1]).contains("no \"text\" or \"html\" field"));
    assert_eq!(docs[1].id, "in.jsonl:2");
    assert_eq!(docs[2].text, "ok");
    assert_eq!(docs[2].published, None);
    assert_eq!(docs[2].meta["published_raw"], "someday");
    assert_eq!(
        docs[2].errors[0].message,
        "unparseable published date \"someday\""
    );
}

#[test]
fn stdin_jsonl_uses_content_hash_ids() {
    let input = "{\"text\": \"Hello  world.\\nAdvertisement\"}\nnot json\n{\"id\": \"x\", \"html\": \"<html><body><article><p>Body text of a small article that is long enough to be kept by the extractor, with a full sentence.</p></article></body></html>\"}\n";
    let records: Vec<RawRecord> = read_jsonl(Cursor::new(input.to_string()), "-").collect();
    assert_eq!(records.len(), 3);
    let named: Vec<RawRecord> = read_jsonl(Cursor::new(input.to_string()), "stdin").collect();
    assert_eq!(named, records);
    assert_eq!(records[0].fallback_id, "");
    assert!(matches!(records[2].body, RawBody::Html(_)));
    let docs: Vec<Document> = records
        .into_iter()
        .map(|r| ingest(r, &IngestOptions::default()))
        .collect();
    assert_eq!(docs[0].text, "Hello world.");
    assert_eq!(docs[0].id, content_id("Hello world."));
    assert_eq!(docs[0].source, None);
    assert_eq!(docs[1].id, "stdin:2");
    assert!(only_error(&docs[1]).starts_with("invalid JSON at line 2"));
    assert_eq!(docs[2].id, "x");
    assert!(docs[2].text.starts_with("Body text of a small article"));
}

#[test]
fn json_files_object_array_and_broken() {
    let dir = tempfile::tempdir().unwrap();
    let one = write(
        dir.path(),
        "one.json",
        br#"{"title": "Solo", "text": "Only paragraph.", "published": "2025-11-08T10:00:00Z", "tags": ["a"]}"#,
    );
    let many = write(
        dir.path(),
        "many.json",
        br#"[{"id": "m1", "text": "First."}, "nope", {"id": "m3", "text": "Third."}]"#,
    );
    let truncated = write(
        dir.path(),
        "truncated.json",
        br#"[{"id": "t1", "text": "Fir"#,
    );
    let deep = write(
        dir.path(),
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    let docs = docs(&[one.clone(), many.clone(), truncated, deep]);
    assert_eq!(docs.len(), 6);
    assert_eq!(docs[0].id, one.display().to_string());
    assert_eq!(docs[0].text, "Solo\n\nOnly paragraph.");
    assert_eq!(docs[0].published.as_deref(), Some("2025-11-08T10:00:00Z"));
    assert_eq!(docs[0].meta["tags"], serde_json::json!(["a"]));
    assert_eq!(docs[0].meta["format"], "json");
    assert_eq!(docs[1].id, "m1");
    assert_eq!(docs[2].id, format!("{}:2", many.display()));
    assert!(only_error(&docs[2]).contains("expected a JSON object"));
    assert_eq!(docs[3].text, "Third.");
    assert_eq!(docs[3].meta["index"], 3);
    assert!(only_error(&docs[4]).starts_with("invalid JSON"));
    assert!(only_error(&docs[5]).contains("recursion limit"));
}

#[test]
fn html_article() {
    let path = fixture("article.html");
    let doc = &docs(std::slice::from_ref(&path))[0];
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(
        doc.title.as_deref(),
        Some("Pakistan Welcomes Iran’s Mediation Offer")
    );
    assert_eq!(doc.published.as_deref(), Some("2025-11-08T04:15:00Z"));
    assert_eq!(doc.meta["format"], "html");
    assert_eq!(doc.meta["author"], "Staff Reporter");
    let paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 5, "{}", doc.text);
    assert_eq!(paragraphs[0], "Pakistan Welcomes Iran’s Mediation Offer");
    assert!(paragraphs[1].starts_with("Pakistan welcomed Iran’s offer"));
    assert!(paragraphs[4].ends_with("at a high-level meeting."));
    for junk in [
        "Advertisement",
        "Scroll to Top",
        "Related articles",
        "All rights reserved",
        "Skip to content",
    ] {
        assert!(!doc.text.contains(junk), "{junk}");
    }
}

#[test]
fn html_without_text() {
    let dir = tempfile::tempdir().unwrap();
    let empty_body = write(
        dir.path(),
        "a.html",
        b"<html><head><title>Nothing</title></head><body></body></html>",
    );
    let blank = write(dir.path(), "b.htm", b"   \n");
    let docs = docs(&[empty_body, blank]);
    assert_eq!(docs.len(), 2);
    for doc in &docs {
        assert_eq!(only_error(doc), "no article text found");
    }
}

fn warc_record(kind: &str, id: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <{id}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, status: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn warc_fixture() -> Vec<u8> {
    let page_one = std::fs::read(fixture("article.html")).unwrap();
    let page_two = b"<!DOCTYPE html><html><head><title>Budget row deepens</title></head><body>\
<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article><h1>Budget row deepens</h1>\
<p>The finance minister defended the \xA34bn spending plan on Monday, saying it would protect public services.</p>\
<p>Opposition leaders said the plan relied on optimistic forecasts and called for an independent review of the figures.</p>\
</article><footer>Share on Facebook</footer></body></html>";
    let mut warc = Vec::new();
    warc.extend(warc_record(
        "warcinfo",
        "urn:uuid:00000000-0000-0000-0000-000000000000",
        "https://example.org/",
        "2025-11-09T00:00:00Z",
        b"software: test\r\n",
    ));
    warc.extend(warc_record(
        "request",
        "urn:uuid:11111111-1111-1111-1111-111111111110",
        "https://example.org/pakistan",
        "2025-11-09T08:00:00Z",
        b"GET /pakistan HTTP/1.1\r\nHost: example.org\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "urn:uuid:11111111-1111-1111-1111-111111111111",
        "https://example.org/pakistan",
        "2025-11-09T08:00:00Z",
        &http("text/html; charset=utf-8", "200 OK", &page_one),
    ));
    warc.extend(warc_record(
        "response",
        "urn:uuid:22222222-2222-2222-2222-222222222222",
        "https://example.org/logo.png",
        "2025-11-09T08:00:01Z",
        &http("image/png", "200 OK", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ));
    warc.extend(warc_record(
        "response",
        "urn:uuid:33333333-3333-3333-3333-333333333333",
        "https://example.org/budget",
        "2025-11-09T08:00:02Z",
        &http("text/html; charset=ISO-8859-1", "200 OK", page_two),
    ));
    warc.extend(warc_record(
        "response",
        "urn:uuid:44444444-4444-4444-4444-444444444444",
        "https://example.org/gone",
        "2025-11-09T08:00:03Z",
        &http(
            "text/html",
            "404 Not Found",
            b"<html><body><p>Not found</p></body></html>",
        ),
    ));
    warc
}

fn check_warc_docs(docs: &[Document], path: &Path) {
    assert_eq!(docs.len(), 2, "{docs:#?}");
    let one = &docs[0];
    assert!(one.errors.is_empty(), "{:?}", one.errors);
    assert_eq!(one.id, "urn:uuid:11111111-1111-1111-1111-111111111111");
    assert_eq!(one.source.as_deref(), Some("https://example.org/pakistan"));
    assert_eq!(
        one.title.as_deref(),
        Some("Pakistan Welcomes Iran’s Mediation Offer")
    );
    assert_eq!(
        one.published.as_deref(),
        Some("2025-11-08T04:15:00Z"),
        "page date wins"
    );
    assert!(one.text.contains("\n\nPakistan welcomed Iran’s offer"));
    assert_eq!(one.meta["format"], "warc");
    assert_eq!(one.meta["warc_file"], path.display().to_string());

    let two = &docs[1];
    assert!(two.errors.is_empty(), "{:?}", two.errors);
    assert_eq!(two.id, "urn:uuid:33333333-3333-3333-3333-333333333333");
    assert_eq!(two.source.as_deref(), Some("https://example.org/budget"));
    assert_eq!(
        two.published.as_deref(),
        Some("2025-11-09T08:00:02Z"),
        "WARC-Date fallback"
    );
    assert_eq!(two.meta["encoding"], "windows-1252");
    assert!(two.text.contains("the £4bn spending plan"), "{}", two.text);
    assert!(!two.text.contains("Share on Facebook"));
}

#[test]
fn warc_and_warc_gz() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = warc_fixture();
    let plain = write(dir.path(), "news.warc", &bytes);
    check_warc_docs(&docs(std::slice::from_ref(&plain)), &plain);

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let gzipped = write(dir.path(), "news.warc.gz", &gz.finish().unwrap());
    check_warc_docs(&docs(std::slice::from_ref(&gzipped)), &gzipped);
}

#[test]
fn truncated_warc_gives_records_then_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = warc_fixture();
    let cut = write(dir.path(), "cut.warc", &bytes[..bytes.len() - 60]);
    let docs = docs(&[cut]);
    assert_eq!(docs.len(), 3);
    assert!(docs[0].errors.is_empty() && docs[1].errors.is_empty());
    assert!(only_error(&docs[2]).starts_with("WARC read error after 5 record(s)"));
}

#[test]
fn binary_empty_unknown_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(
        dir.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    let empty = write(dir.path(), "empty.txt", b"");
    let blank = write(dir.path(), "blank.txt", b"\n \r\n\t\n");
    let unknown = write(dir.path(), "data.csv", b"a,b\n");
    let missing = dir.path().join("missing.txt");
    let docs = docs(&[
        binary.clone(),
        empty.clone(),
        blank,
        unknown.clone(),
        missing,
    ]);
    assert_eq!(docs.len(), 5);
    assert_eq!(only_error(&docs[0]), "binary file");
    assert_eq!(docs[0].id, binary.display().to_string());
    assert_eq!(only_error(&docs[1]), "empty document");
    assert_eq!(docs[1].id, empty.display().to_string());
    assert_eq!(only_error(&docs[2]), "empty document");
    assert!(only_error(&docs[3]).starts_with("unsupported file type"));
    assert!(only_error(&docs[4]).starts_with("cannot read"));
}

#[test]
fn directory_walk_is_recursive_sorted_and_skips_unknown() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", b"B headline\n\nB body.");
    write(dir.path(), "a/z.txt", b"Z body.");
    write(dir.path(), "a/notes.csv", b"x");
    write(
        dir.path(),
        "a/y.jsonl",
        b"{\"text\": \"Y1.\"}\n{\"text\": \"Y2.\"}\n",
    );
    write(dir.path(), "c.md", b"# nope");
    let docs = docs(&[dir.path().to_path_buf()]);
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["Y1.", "Y2.", "Z body.", "B headline\n\nB body."]);
    assert!(docs.iter().all(|d| d.errors.is_empty()));
    assert_eq!(docs[3].title.as_deref(), Some("B headline"));
    assert_eq!(docs[2].title, None);
}

#[test]
fn bom_crlf_and_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let bom = write(
        dir.path(),
        "bom.txt",
        "\u{feff}Headline\r\n\r\nFirst line\r\nsecond line.\r\n\r\nNext\u{a0}paragraph.\r\n"
            .as_bytes(),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Title\n\nCafé news.".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let utf16 = write(dir.path(), "utf16.txt", &utf16);
    let docs = docs(&[bom, utf16]);
    assert_eq!(
        docs[0].text,
        "Headline\n\nFirst line second line.\n\nNext paragraph."
    );
    assert!(!docs[0].meta.contains_key("encoding"));
    assert_eq!(docs[1].text, "Title\n\nCafé news.");
    assert_eq!(docs[1].meta["encoding"], "utf-16le");
}

#[test]
fn huge_article_and_long_lines() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph =
        "The quick brown fox jumps over the lazy dog, officials said on Tuesday. ".repeat(14);
    let mut text = String::from("Big story\n\n");
    while text.len() < 10_000_000 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    let long_line = "x".repeat(100_000);
    text.push_str(&long_line);
    let path = write(dir.path(), "big.txt", text.as_bytes());
    let start = std::time::Instant::now();
    let docs = docs(&[path]);
    let elapsed = start.elapsed();
    assert!(docs[0].errors.is_empty());
    assert!(docs[0].text.len() > 9_900_000);
    assert!(docs[0].text.ends_with(&long_line));
    assert_eq!(docs[0].title.as_deref(), Some("Big story"));
    assert!(elapsed.as_secs() < 60, "took {elapsed:?}");
}
