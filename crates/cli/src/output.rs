//! Writing documents as JSON lines (or indented JSON) to stdout or a file.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use newsnlp_model::Document;

/// Serialises documents one per line (or indented with `pretty`), flushing
/// after each so that a reader of a pipe sees every document as soon as it
/// is annotated, and a killed run leaves at most one line cut short.
pub struct DocumentWriter {
    out: Box<dyn Write>,
    pretty: bool,
}

impl DocumentWriter {
    /// Writes to `path` (appending when `append`), or stdout when `None`.
    pub fn open(path: Option<&Path>, pretty: bool, append: bool) -> io::Result<Self> {
        let out: Box<dyn Write> = match path {
            Some(path) if append => Box::new(BufWriter::new(
                OpenOptions::new().create(true).append(true).open(path)?,
            )),
            Some(path) => Box::new(BufWriter::new(File::create(path)?)),
            None => Box::new(BufWriter::new(io::stdout().lock())),
        };
        Ok(Self { out, pretty })
    }

    /// Writes one document and its line break, and flushes.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        if self.pretty {
            serde_json::to_writer_pretty(&mut self.out, doc)?;
        } else {
            serde_json::to_writer(&mut self.out, doc)?;
        }
        self.out.write_all(b"\n")?;
        self.out.flush()
    }

    /// Flushes buffered output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
