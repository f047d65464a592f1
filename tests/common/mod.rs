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
