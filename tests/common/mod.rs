//! Helpers shared by the end-to-end tests of the binary.

use std::path::{Path, PathBuf};

/// A file under `tests/fixtures/` (the seed article and other project-owned text).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}
