//! Helpers shared by the end-to-end tests of the binary.

use std::path::{Path, PathBuf};

/// A file under `tests/fixtures/` (the seed article and other project-owned text).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// A folder of the research data beside the repository (`../shared/data/NAME`), if present.
/// Tests that need it print why they skip and return when it is absent (a user's clone).
#[allow(dead_code)] // not every test crate reads shared data
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

/// Runs the seed article through `newsnlp run` with `flags`, and stage by stage
/// (`stage ingest | stage sentences | ... | stage claims`, each stage after ingest given
/// `flags` too), and asserts both give the same bytes. Returns the run's stdout.
#[allow(dead_code)] // not every test crate checks the staged chain
pub fn assert_staged_chain_equals_run(flags: &[&str]) -> Vec<u8> {
    let newsnlp = || assert_cmd::Command::cargo_bin("newsnlp").expect("binary built");
    let whole = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08"])
        .args(flags)
        .output()
        .unwrap();
    assert!(
        whole.status.success(),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    let mut piped = newsnlp()
        .args(["stage", "ingest"])
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08"])
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_slice(&piped.stdout).expect("one JSON line");
    assert!(first.get("sentences").is_none(), "ingest adds no sentences");
    for stage in ["sentences", "ner", "dates", "claims"] {
        assert!(piped.status.success(), "{stage}");
        piped = newsnlp()
            .args(["stage", stage, "-"])
            .args(flags)
            .write_stdin(piped.stdout)
            .output()
            .unwrap();
    }
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    assert_eq!(piped.stdout, whole.stdout, "byte for byte");
    whole.stdout
}
