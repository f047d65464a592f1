//! The report's tables, each written row by row as CSV and as Parquet
//! (Arrow record batches of [`BATCH_ROWS`] rows, row groups of
//! [`ROW_GROUP_ROWS`], Snappy-compressed), so a table of any length is
//! written in bounded memory. CSV cells a spreadsheet would run as formulas
//! get a leading apostrophe ([`spreadsheet_safe`]); Parquet keeps the text.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::CorpusError;
use newsnlp_model::spreadsheet_safe;

/// Rows buffered before a Parquet record batch is written.
pub const BATCH_ROWS: usize = 8192;

/// Rows in one Parquet row group: the writer holds one row group in memory
/// until it is full, so this bounds a long table's memory.
pub const ROW_GROUP_ROWS: usize = 2 * BATCH_ROWS;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text, possibly missing.
    Text,
    /// A count.
    Count,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count.
    Count(u64),
    /// Missing (empty in CSV, null in Parquet).
    Missing,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Self {
        s.map_or(Cell::Missing, Cell::Text)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Cell::Count(n)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Count(u64::from(n))
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Count(n as u64)
    }
}

enum Builder {
    Text(StringBuilder),
    Count(UInt64Builder),
}

/// Writes one table as `NAME.csv` and `NAME.parquet` in a folder.
pub struct TableWriter {
    name: String,
    columns: Vec<(&'static str, ColumnType)>,
    csv: csv::Writer<File>,
    parquet: ArrowWriter<File>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    buffered: usize,
    rows: u64,
}

impl TableWriter {
    /// Creates `DIR/NAME.csv` and `DIR/NAME.parquet` with these columns.
    pub fn create(
        dir: &Path,
        name: &str,
        columns: &[(&'static str, ColumnType)],
    ) -> Result<Self, CorpusError> {
        let csv_path = dir.join(format!("{name}.csv"));
        let mut csv =
            csv::Writer::from_path(&csv_path).map_err(|e| CorpusError::io(&csv_path, e.into()))?;
        csv.write_record(columns.iter().map(|(c, _)| *c))
            .map_err(|e| CorpusError::io(&csv_path, e.into()))?;
        let fields: Vec<Field> = columns
            .iter()
            .map(|(c, t)| match t {
                ColumnType::Text => Field::new(*c, DataType::Utf8, true),
                ColumnType::Count => Field::new(*c, DataType::UInt64, true),
            })
            .collect();
        let schema: SchemaRef = Arc::new(Schema::new(fields));
        let parquet_path = dir.join(format!("{name}.parquet"));
        let file = File::create(&parquet_path).map_err(|e| CorpusError::io(&parquet_path, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_size(ROW_GROUP_ROWS)
            .build();
        let parquet = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .map_err(|e| CorpusError::Parquet(name.to_string(), e.to_string()))?;
        let mut writer = Self {
            name: name.to_string(),
            columns: columns.to_vec(),
            csv,
            parquet,
            schema,
            builders: Vec::new(),
            buffered: 0,
            rows: 0,
        };
        writer.builders = writer.new_builders();
        Ok(writer)
    }

    fn new_builders(&self) -> Vec<Builder> {
        self.columns
            .iter()
            .map(|(_, t)| match t {
                ColumnType::Text => Builder::Text(StringBuilder::new()),
                ColumnType::Count => Builder::Count(UInt64Builder::new()),
            })
            .collect()
    }

    /// Writes one row; it must have one cell per column, of the column's type
    /// or [`Cell::Missing`].
    pub fn row(&mut self, cells: Vec<Cell>) -> Result<(), CorpusError> {
        assert_eq!(
            cells.len(),
            self.columns.len(),
            "table {}: one cell per column",
            self.name
        );
        let record: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(s) => spreadsheet_safe(s).into_owned(),
                Cell::Count(n) => n.to_string(),
                Cell::Missing => String::new(),
            })
            .collect();
        self.csv
            .write_record(&record)
            .map_err(|e| CorpusError::io(Path::new(&self.name), e.into()))?;
        for (builder, cell) in self.builders.iter_mut().zip(cells) {
            match (builder, cell) {
                (Builder::Text(b), Cell::Text(s)) => b.append_value(s),
                (Builder::Text(b), _) => b.append_null(),
                (Builder::Count(b), Cell::Count(n)) => b.append_value(n),
                (Builder::Count(b), _) => b.append_null(),
            }
        }
        self.buffered += 1;
        self.rows += 1;
        if self.buffered >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), CorpusError> {
        if self.buffered == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| match b {
                Builder::Text(b) => Arc::new(b.finish()) as ArrayRef,
                Builder::Count(b) => Arc::new(b.finish()) as ArrayRef,
            })
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| CorpusError::Parquet(self.name.clone(), e.to_string()))?;
        self.parquet
            .write(&batch)
            .map_err(|e| CorpusError::Parquet(self.name.clone(), e.to_string()))?;
        self.buffered = 0;
        Ok(())
    }

    /// Finishes both files; returns the number of rows.
    pub fn finish(mut self) -> Result<u64, CorpusError> {
        self.flush_batch()?;
        self.csv
            .flush()
            .map_err(|e| CorpusError::io(Path::new(&self.name), e))?;
        self.parquet
            .close()
            .map_err(|e| CorpusError::Parquet(self.name.clone(), e.to_string()))?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::UInt64Type;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn csv_and_parquet_hold_the_same_rows() {
        let dir = tempfile::tempdir().unwrap();
        let columns = [("key", ColumnType::Text), ("claims", ColumnType::Count)];
        let mut t = TableWriter::create(dir.path(), "speakers", &columns).unwrap();
        for i in 0..(BATCH_ROWS + 3) {
            let name = if i == 1 {
                Cell::Missing
            } else {
                Cell::from(format!("k{i}, \"q\""))
            };
            t.row(vec![name, Cell::from(i)]).unwrap();
        }
        assert_eq!(t.finish().unwrap(), BATCH_ROWS as u64 + 3);
        let csv = std::fs::read_to_string(dir.path().join("speakers.csv")).unwrap();
        let lines: Vec<&str> = csv.lines().take(3).collect();
        assert_eq!(lines, ["key,claims", "\"k0, \"\"q\"\"\",0", ",1"]);
        let file = File::open(dir.path().join("speakers.parquet")).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
        let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
        assert_eq!(rows, BATCH_ROWS + 3);
        let first = &batches[0];
        assert_eq!(first.column(0).as_string::<i32>().value(0), "k0, \"q\"");
        assert!(first.column(0).is_null(1));
        let last = batches.last().unwrap();
        let counts = last.column(1).as_primitive::<UInt64Type>();
        assert_eq!(counts.value(counts.len() - 1), BATCH_ROWS as u64 + 2);
    }

    #[test]
    fn formulas_are_neutralised_in_csv_and_kept_in_parquet() {
        let dir = tempfile::tempdir().unwrap();
        let columns = [("key", ColumnType::Text), ("claims", ColumnType::Count)];
        let mut t = TableWriter::create(dir.path(), "speakers", &columns).unwrap();
        let formula = "=HYPERLINK(\"http://example.invalid\",\"click\")";
        t.row(vec![Cell::from(formula.to_string()), Cell::from(1u64)])
            .unwrap();
        t.row(vec![
            Cell::from("@SUM(A1:A9)".to_string()),
            Cell::from(2u64),
        ])
        .unwrap();
        t.finish().unwrap();
        let csv = std::fs::read_to_string(dir.path().join("speakers.csv")).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            [
                "key,claims",
                "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",1",
                "'@SUM(A1:A9),2"
            ]
        );
        let file = File::open(dir.path().join("speakers.parquet")).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
        assert_eq!(batches[0].column(0).as_string::<i32>().value(0), formula);
    }
}
