//! CSV tables for spreadsheets: `entities.csv`, `dates.csv` and
//! `claims.csv` (one row per annotation; a file per selected layer, with
//! its header even when empty). Quoting follows RFC 4180 (the `csv` crate); a
//! cell a spreadsheet would run as a formula (`=...`, `+`, `-`, `@`, tab, CR)
//! gets a leading apostrophe ([`spreadsheet_safe`]).

use std::path::{Path, PathBuf};

use newsnlp_model::{spreadsheet_safe, Document};

use crate::text::CharText;
use crate::{create_dir, ExportError, ExportSummary, Exporter, Layers};

/// Entities table.
pub const ENTITIES_FILE: &str = "entities.csv";
/// Dates table.
pub const DATES_FILE: &str = "dates.csv";
/// Claims table.
pub const CLAIMS_FILE: &str = "claims.csv";

/// The CSV exporter. `out` is a directory.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

struct Table {
    path: PathBuf,
    w: csv::Writer<std::fs::File>,
}

impl Table {
    fn create(path: PathBuf, header: &[&str]) -> Result<Self, ExportError> {
        let err = |e| ExportError::Csv {
            path: path.clone(),
            source: e,
        };
        let mut w = csv::Writer::from_path(&path).map_err(err)?;
        w.write_record(header).map_err(err)?;
        Ok(Table { path, w })
    }

    fn row<I, T>(&mut self, fields: I) -> Result<(), ExportError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        // Cells a spreadsheet would run as formulas get a leading apostrophe.
        let cells: Vec<Vec<u8>> = fields
            .into_iter()
            .map(|field| match std::str::from_utf8(field.as_ref()) {
                Ok(text) => spreadsheet_safe(text).into_owned().into_bytes(),
                Err(_) => field.as_ref().to_vec(),
            })
            .collect();
        self.w.write_record(&cells).map_err(|e| ExportError::Csv {
            path: self.path.clone(),
            source: e,
        })
    }

    fn finish(mut self) -> Result<PathBuf, ExportError> {
        self.w.flush().map_err(|e| ExportError::io(&self.path, e))?;
        Ok(self.path)
    }
}

impl Exporter for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn export(
        &self,
        docs: &[Document],
        layers: &Layers,
        out: &Path,
    ) -> Result<ExportSummary, ExportError> {
        create_dir(out)?;
        let mut summary = ExportSummary {
            format: self.name(),
            documents: docs.len(),
            ..Default::default()
        };
        if layers.entities {
            let mut t = Table::create(
                out.join(ENTITIES_FILE),
                &["doc_id", "start", "end", "text", "label", "score"],
            )?;
            for doc in docs {
                let text = CharText::new(&doc.text);
                for e in doc.entities.iter().flatten() {
                    let Some((s, end)) = text.check(e.start, e.end) else {
                        summary.skipped += 1;
                        continue;
                    };
                    t.row([
                        doc.id.as_str(),
                        &s.to_string(),
                        &end.to_string(),
                        text.slice(s, end),
                        &e.label,
                        &e.score.to_string(),
                    ])?;
                    summary.annotations += 1;
                }
            }
            summary.files.push(t.finish()?);
        }
        if layers.dates {
            let mut t = Table::create(
                out.join(DATES_FILE),
                &[
                    "doc_id",
                    "published",
                    "start",
                    "end",
                    "text",
                    "type",
                    "value",
                    "anchor",
                    "anchor_source",
                    "mod",
                ],
            )?;
            for doc in docs {
                let text = CharText::new(&doc.text);
                for d in doc.dates.iter().flatten() {
                    let Some((s, end)) = text.check(d.start, d.end) else {
                        summary.skipped += 1;
                        continue;
                    };
                    t.row([
                        doc.id.as_str(),
                        doc.published.as_deref().unwrap_or_default(),
                        &s.to_string(),
                        &end.to_string(),
                        text.slice(s, end),
                        &d.kind,
                        &d.value,
                        d.anchor.as_deref().unwrap_or_default(),
                        &d.anchor_source,
                        d.modifier.as_deref().unwrap_or_default(),
                    ])?;
                    summary.annotations += 1;
                }
            }
            summary.files.push(t.finish()?);
        }
        if layers.claims {
            let mut t = Table::create(
                out.join(CLAIMS_FILE),
                &[
                    "doc_id",
                    "published",
                    "speaker",
                    "role",
                    "source",
                    "cue",
                    "content",
                    "content_start",
                    "content_end",
                    "date",
                    "kind",
                    "cue_class",
                    "sentence",
                ],
            )?;
            for doc in docs {
                let text = CharText::new(&doc.text);
                for c in doc.claims.iter().flatten() {
                    let Some((s, end)) = text.check(c.content.start, c.content.end) else {
                        summary.skipped += 1;
                        continue;
                    };
                    let part = |p: &Option<newsnlp_model::TextSpan>| {
                        p.as_ref()
                            .and_then(|p| text.check(p.start, p.end))
                            .map_or("", |(a, b)| text.slice(a, b))
                    };
                    let sentence = doc
                        .sentences
                        .as_ref()
                        .and_then(|ss| ss.get(c.sentence))
                        .map_or("", |ss| text.slice(ss.start, ss.end));
                    t.row([
                        doc.id.as_str(),
                        doc.published.as_deref().unwrap_or_default(),
                        c.speaker.as_deref().unwrap_or_default(),
                        c.speaker_role.as_deref().unwrap_or_default(),
                        part(&c.source),
                        part(&c.cue),
                        text.slice(s, end),
                        &s.to_string(),
                        &end.to_string(),
                        c.date.as_deref().unwrap_or_default(),
                        &c.kind,
                        c.cue_class.as_str(),
                        sentence,
                    ])?;
                    summary.annotations += 1;
                }
            }
            summary.files.push(t.finish()?);
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{broken_documents, emoji_document, seed_document};

    fn export(docs: &[Document], layers: &str) -> (tempfile::TempDir, ExportSummary) {
        let dir = tempfile::tempdir().unwrap();
        let s = Csv
            .export(docs, &layers.parse().unwrap(), dir.path())
            .unwrap();
        (dir, s)
    }

    fn read(dir: &tempfile::TempDir, f: &str) -> String {
        std::fs::read_to_string(dir.path().join(f)).unwrap()
    }

    #[test]
    fn exact_tables_for_emoji_document() {
        let (dir, s) = export(&[emoji_document()], "all");
        assert_eq!(s.files.len(), 3);
        assert_eq!(
            read(&dir, ENTITIES_FILE),
            "doc_id,start,end,text,label,score\nemoji 1,5,12,Andrabi,PERSON,0.5\n"
        );
        assert_eq!(
            read(&dir, DATES_FILE),
            "doc_id,published,start,end,text,type,value,anchor,anchor_source,mod\nemoji 1,2025-11-08,36,41,7 Nov,DATE,2025-11-07,2025-11-08,published,\n"
        );
        assert_eq!(
            read(&dir, CLAIMS_FILE),
            "doc_id,published,speaker,role,source,cue,content,content_start,content_end,date,kind,cue_class,sentence\n\
emoji 1,2025-11-08,Andrabi,,Andrabi,said,talks failed,19,31,2025-11-07,direct,speech,🇵🇰 😀 Andrabi said “talks failed” on 7 Nov.\n"
        );
    }

    #[test]
    fn seed_tables_snapshot() {
        let (dir, _) = export(&[seed_document()], "entities,claims");
        assert!(!dir.path().join(DATES_FILE).exists());
        insta::assert_snapshot!("seed_entities_csv", read(&dir, ENTITIES_FILE));
        insta::assert_snapshot!("seed_claims_csv", read(&dir, CLAIMS_FILE));
    }

    #[test]
    fn quoting_round_trips_through_a_csv_reader() {
        let (dir, s) = export(&broken_documents(), "all");
        assert_eq!((s.skipped, s.annotations), (3, 1));
        let mut r = csv::Reader::from_path(dir.path().join(ENTITIES_FILE)).unwrap();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][0], "../bad id\t<x>");
        assert_eq!(&rows[0][3], "<b>");
        assert_eq!(&rows[0][4], "ODD LABEL/x");
        let mut r = csv::Reader::from_path(dir.path().join(CLAIMS_FILE)).unwrap();
        assert_eq!(r.records().count(), 0);

        let mut doc = seed_document();
        doc.claims.as_mut().unwrap()[0].speaker = Some("Andrabi, \"the\" spokesman\nFO".into());
        let (dir, _) = export(&[doc], "claims");
        let mut r = csv::Reader::from_path(dir.path().join(CLAIMS_FILE)).unwrap();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][2], "Andrabi, \"the\" spokesman\nFO");
        assert!(
            rows[2][12].starts_with("However, Defence Minister Khawaja Asif said on November 7")
        );
    }

    #[test]
    fn formula_cells_are_neutralised_for_spreadsheets() {
        let mut doc = seed_document();
        let claim = &mut doc.claims.as_mut().unwrap()[0];
        claim.speaker = Some("=HYPERLINK(\"http://example.invalid\",\"click\")".into());
        let (dir, _) = export(&[doc], "claims");
        let mut r = csv::Reader::from_path(dir.path().join(CLAIMS_FILE)).unwrap();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(
            &rows[0][2],
            "'=HYPERLINK(\"http://example.invalid\",\"click\")"
        );
        let raw = read(&dir, CLAIMS_FILE);
        for line in raw.lines() {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '@']), "formula cell in {line:?}");
            }
        }
    }
}
