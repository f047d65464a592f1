//! Real web pages in, clean articles out: the faults real pages cause stay at
//! zero on the project's development pages (issue 27).
//!
//! The pages are other packages' test data, downloaded from their registries
//! by `scripts/html_devset.py` (newspaper4k, 22 pages) and
//! `scripts/web_devset.py` (Mozilla Readability's test pages via the
//! `readabilityrs` crate, Mercury Parser's fixtures, trafilatura 1.1.0's test
//! cache: 153 pages), into the git-ignored `out/`; `scripts/test.sh` builds
//! them before the tests. Without them the test says so and skips. Every
//! page runs through `newsnlp run` (claims by the rules, the faster path: the
//! faults checked are the page's and the entity model's), and then:
//!
//! - every count of `newsnlp eval faults` is zero (character references,
//!   repeated sentences, glued blocks, other-language entities and claims,
//!   MONEY without its sign, lone determiners, possessive names);
//! - every page detected as another language keeps its text and sentences
//!   and says which stages it skipped;
//! - every page whose markup states its publication date has `published`.

use std::path::{Path, PathBuf};

use newsnlp_model::Document;
use newsnlp_pipeline::faults::FaultCounts;
use regex::Regex;

/// The development page folders, or `None` (with the reason printed) when
/// they have not been built.
fn page_dirs() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dirs = ["out/html-devset/pages", "out/web-devset/pages"].map(|d| root.join(d));
    if let Some(missing) = dirs.iter().find(|d| !d.is_dir()) {
        eprintln!(
            "skipped: {} not found (python3 scripts/html_devset.py && python3 scripts/web_devset.py build it)",
            missing.display()
        );
        return None;
    }
    Some(dirs.to_vec())
}

/// The `.html` pages of the folders (their `.txt` expected texts are not input).
fn pages(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("readable folder"))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

/// Whether a page's own markup states its publication date.
fn markup_states_a_date(page: &str) -> bool {
    let stated = Regex::new(
        r#"(?i)("datePublished"\s*:\s*"\d{4}|property="article:published_time"\s+content="\d{4}|content="\d{4}[^"]*"\s+property="article:published_time"|itemprop="datePublished"[^>]*(content|datetime)="\d{4}|<time[^>]+datetime="\d{4})"#,
    )
    .expect("valid regex");
    stated.is_match(page)
}

#[test]
fn real_pages_come_out_clean() {
    let Some(dirs) = page_dirs() else {
        return;
    };
    let pages = pages(&dirs);
    assert!(pages.len() >= 170, "{} pages", pages.len());
    let out = tempfile::tempdir().unwrap();
    let annotated = out.path().join("pages.jsonl");
    let run = assert_cmd::Command::cargo_bin("newsnlp")
        .expect("binary built")
        .arg("run")
        .args(&pages)
        .args(["--claims-rules", "-o"])
        .arg(&annotated)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        !stderr.contains("foster parenting"),
        "the HTML parser's notes reach the user: {stderr}"
    );
    let docs: Vec<Document> = std::fs::read_to_string(&annotated)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("a document per line"))
        .collect();
    assert_eq!(docs.len(), pages.len());

    let mut faults = FaultCounts::default();
    let mut other_languages = 0;
    let mut undated: Vec<&str> = Vec::new();
    for doc in &docs {
        let source = doc.source.as_deref().expect("source");
        let page = String::from_utf8_lossy(&std::fs::read(source).unwrap()).into_owned();
        faults.add_with_page(doc, Some(&page));
        let language = doc.meta["language_detected"].as_str().unwrap();
        if !matches!(language, "en" | "und") {
            other_languages += 1;
            assert!(doc.sentences.is_some(), "{source}: sentences kept");
            assert!(doc.entities.is_none() && doc.claims.is_none(), "{source}");
            let skipped: Vec<&str> = doc.skipped.iter().map(|s| s.stage.as_str()).collect();
            assert_eq!(skipped, ["ner", "dates", "claims"], "{source}");
        }
        if doc.published.is_none() && markup_states_a_date(&page) {
            undated.push(source);
        }
    }
    assert_eq!(
        faults,
        FaultCounts {
            documents: docs.len(),
            ..FaultCounts::default()
        }
    );
    // 29 of the web set's pages and 10 of newspaper4k's are in other languages.
    assert_eq!(other_languages, 39, "pages not in English");
    assert!(
        undated.is_empty(),
        "pages whose markup states a date, left without one: {undated:?}"
    );
    assert!(
        stderr.contains(&format!("{other_languages} not in --languages")),
        "the summary line counts them: {stderr}"
    );
}
