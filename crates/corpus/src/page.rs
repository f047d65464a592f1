//! `report.html`: one self-contained page (no network) over the corpus.
//!
//! The page embeds one small record per article that has a claim of a top
//! speaker, a claim in a repeated statement or a mention of a top entity,
//! and computes every count in the browser from those records, so the
//! filters (outlet, type, date range) recount everything and every count
//! opens the claims or articles behind it. Records are streamed to a
//! temporary file while the report runs, then copied into the page.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use serde::Serialize;

use crate::report::ReportSummary;
use crate::spool::ArticleRecord;
use crate::CorpusError;

/// Characters of a claim's content the page keeps (the CSV has it whole).
const CONTENT_CHARS: usize = 300;

/// A claim as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PageClaim {
    /// The claim's number in its article.
    #[serde(rename = "n")]
    pub claim: usize,
    /// The speaker's number among the page's top speakers.
    #[serde(rename = "s")]
    pub speaker: Option<usize>,
    /// The speaker's corpus key.
    #[serde(rename = "k")]
    pub speaker_key: String,
    /// The claim's kind.
    #[serde(rename = "t")]
    pub kind: String,
    /// Its timeline date.
    #[serde(rename = "d")]
    pub date: Option<String>,
    /// What was said (shortened).
    #[serde(rename = "x")]
    pub content: String,
    /// Its repeated-statement group.
    #[serde(rename = "g")]
    pub group: Option<String>,
}

/// What the page says beside the article records.
#[derive(Debug, Serialize)]
pub struct PageData<'a> {
    /// The report's counts.
    pub summary: &'a ReportSummary,
    /// Top speakers: key, name, type, roles, claims, articles.
    pub speakers: Vec<serde_json::Value>,
    /// Top entities: key, name, type, mentions, articles.
    pub entities: Vec<serde_json::Value>,
    /// Repeated statements.
    pub groups: Vec<serde_json::Value>,
    /// The review page to link to.
    pub review: Option<String>,
}

#[derive(Serialize)]
struct PageArticle<'a> {
    i: usize,
    id: &'a str,
    t: Option<&'a str>,
    o: &'a str,
    d: Option<&'a str>,
    c: Vec<PageClaim>,
    e: Vec<(usize, u64)>,
}

/// Writes the page's article records as they come, then the page.
pub struct PageWriter {
    records: BufWriter<File>,
    path: tempfile::TempPath,
    written: usize,
}

impl PageWriter {
    /// A writer with an empty record file.
    pub fn new() -> Result<Self, CorpusError> {
        let named =
            tempfile::NamedTempFile::new().map_err(|e| CorpusError::io(Path::new("(temp)"), e))?;
        let (file, path) = named.into_parts();
        Ok(Self {
            records: BufWriter::new(file),
            path,
            written: 0,
        })
    }

    /// Adds an article's record when it has something the page shows.
    pub fn article(
        &mut self,
        record: &ArticleRecord,
        mut claims: Vec<PageClaim>,
        entities: HashMap<usize, u64>,
    ) -> Result<(), CorpusError> {
        if claims.is_empty() && entities.is_empty() {
            return Ok(());
        }
        for c in &mut claims {
            if c.content.chars().count() > CONTENT_CHARS {
                c.content = c.content.chars().take(CONTENT_CHARS).collect::<String>() + "…";
            }
        }
        let mut e: Vec<(usize, u64)> = entities.into_iter().collect();
        e.sort_unstable();
        let article = PageArticle {
            i: record.index,
            id: &record.id,
            t: record.title.as_deref(),
            o: &record.outlet,
            d: record.published.as_deref(),
            c: claims,
            e,
        };
        writeln!(self.records, "{}", script_json(&article))
            .map_err(|e| CorpusError::io(&self.path, e))?;
        self.written += 1;
        Ok(())
    }

    /// Writes the page to `path`.
    pub fn finish(mut self, path: &Path, data: &PageData<'_>) -> Result<(), CorpusError> {
        self.records
            .flush()
            .map_err(|e| CorpusError::io(&self.path, e))?;
        let mut input = File::open(&self.path).map_err(|e| CorpusError::io(&self.path, e))?;
        input
            .seek(SeekFrom::Start(0))
            .map_err(|e| CorpusError::io(&self.path, e))?;
        let file = File::create(path).map_err(|e| CorpusError::io(path, e))?;
        let mut out = BufWriter::new(file);
        let io = |e| CorpusError::io(path, e);
        out.write_all(HEAD.as_bytes()).map_err(io)?;
        write!(
            out,
            "<script>\nconst META = {};\nconst ARTICLES = [\n",
            script_json(data)
        )
        .map_err(io)?;
        for line in BufReader::new(input).lines() {
            let line = line.map_err(|e| CorpusError::io(&self.path, e))?;
            writeln!(out, "{line},").map_err(io)?;
        }
        out.write_all(b"];\n</script>\n<script>\n").map_err(io)?;
        out.write_all(APP.as_bytes()).map_err(io)?;
        out.write_all(b"</script>\n</body>\n</html>\n")
            .map_err(io)?;
        out.flush().map_err(io)
    }
}

/// JSON safe inside a `<script>` element.
fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("page data serialises")
        .replace("</", "<\\/")
}

/// The page up to its data: styles and the empty tables.
const HEAD: &str = include_str!("page_head.html");

/// The script that fills the page from its data.
const APP: &str = include_str!("page_app.js");
