//! Picking up an interrupted run: which documents an output file already
//! holds, after dropping a line the interruption cut short.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;

use crate::runner::DoneIds;

/// Just the id of an annotated document; the rest of the line is skipped.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Prepares `path` for appending the rest of a run: cuts off a last line
/// without its line break (a write the interruption cut short) and returns
/// the ids of the complete documents before it. A missing file means
/// nothing is done yet. Fails, changing nothing, when a complete line is not
/// an annotated document: that file was not written by `newsnlp run`
/// (or was written with `--pretty`), and appending to it would be wrong.
pub fn prepare_resume(path: &Path) -> io::Result<DoneIds> {
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(DoneIds::default()),
        Err(err) => return Err(err),
    };
    let (done, complete_bytes) = read_complete_lines(&mut file, path)?;
    if complete_bytes < file.metadata()?.len() {
        file.set_len(complete_bytes)?;
        file.sync_all()?;
    }
    Ok(done)
}

/// Ids of the complete lines and the length of the file up to the last
/// line break.
fn read_complete_lines(file: &mut File, path: &Path) -> io::Result<(DoneIds, u64)> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = BufReader::new(file);
    let mut done = DoneIds::default();
    let mut line = Vec::new();
    let (mut complete_bytes, mut number) = (0u64, 0usize);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 || line.last() != Some(&b'\n') {
            return Ok((done, complete_bytes));
        }
        number += 1;
        complete_bytes += read as u64;
        if line.trim_ascii().is_empty() {
            continue;
        }
        let doc: IdOnly = serde_json::from_slice(&line).map_err(|err| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "cannot resume: line {number} of '{}' is not an annotated document ({err}); \
                     it was not written by `newsnlp run` as JSON lines",
                    path.display()
                ),
            )
        })?;
        done.insert(doc.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, content).expect("write");
        (dir, path)
    }

    #[test]
    fn a_cut_last_line_is_dropped_and_complete_ids_are_kept() {
        let (_dir, path) =
            file_with("{\"id\":\"a\",\"text\":\"\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"te");
        let done = prepare_resume(&path).expect("resume");
        assert_eq!(done.len(), 2);
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "{\"id\":\"a\",\"text\":\"\"}\n{\"id\":\"b\"}\n"
        );
    }

    #[test]
    fn a_missing_file_means_nothing_done() {
        let dir = tempfile::tempdir().expect("temp dir");
        let done = prepare_resume(&dir.path().join("none.jsonl")).expect("resume");
        assert!(done.is_empty());
    }

    #[test]
    fn a_foreign_file_is_refused_untouched() {
        let content = "{\n  \"id\": \"a\"\n}\n";
        let (_dir, path) = file_with(content);
        let err = prepare_resume(&path).expect_err("pretty output is refused");
        assert!(err.to_string().contains("line 1"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), content);
    }
}
