//! `newsnlp eval claims --web LABELS`: claims on hand-labelled real web pages
//! (see `newsnlp_claims::eval::web` for the scoring), run from each page's
//! HTML as `newsnlp run` runs it, or read from an annotated file.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use newsnlp_claims::eval::web::{page_errors, read_labels, score_page, WebPage, WebScores};
use newsnlp_ingest::{read_paths, IngestOptions};
use newsnlp_model::Document;
use newsnlp_pipeline::{registry, Pipeline, Runner};

use crate::args::ModelArgs;

/// What `eval claims --web` was asked.
pub struct WebEval<'a> {
    /// Folder of label files (`tests/web_claims`).
    pub labels: &'a Path,
    /// Folders holding `NAME.html` for every label file.
    pub pages: &'a [PathBuf],
    /// Score this annotated JSONL instead of running the pipeline.
    pub annotated: Option<&'a Path>,
    /// Only pages of this split (`tune`, `held_out`).
    pub split: Option<&'a str>,
    /// Print each page's figures too.
    pub list: bool,
    /// Print every claim's verdict and every missed attribution too.
    pub errors: bool,
    /// Write the annotated pages here.
    pub output: Option<&'a Path>,
}

/// The stem of a document id (`out/pages/NAME.html` gives `NAME`).
fn stem(id: &str) -> String {
    Path::new(id)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| id.to_string())
}

pub fn evaluate(request: &WebEval<'_>, model: &ModelArgs, threads: Option<usize>) -> Result<()> {
    let mut labels = read_labels(request.labels)
        .with_context(|| format!("reading labels from '{}'", request.labels.display()))?;
    if let Some(split) = request.split {
        labels.retain(|p| p.split == split);
    }
    if labels.is_empty() {
        bail!("no label files in '{}'", request.labels.display());
    }
    let started = std::time::Instant::now();
    let docs = match request.annotated {
        Some(path) => read_documents(path)?,
        None => run_pages(&labels, request.pages, model, threads)?,
    };
    if let Some(path) = request.output {
        write_documents(path, docs.values())?;
    }
    let mut total = WebScores::default();
    let mut by_split: HashMap<&str, WebScores> = HashMap::new();
    for page in &labels {
        let Some(doc) = docs.get(&page.id) else {
            bail!("no annotated document for labelled page '{}'", page.id);
        };
        let claims = doc.claims.as_deref().unwrap_or_default();
        let scores = score_page(&doc.text, page, claims);
        if request.list {
            print_page(page, &scores);
        }
        if request.errors {
            print_errors(page, doc, claims);
        }
        total.add(scores);
        by_split.entry(page.split.as_str()).or_default().add(scores);
    }
    println!(
        "claims on labelled web pages in {} ({:.1} s)",
        request.labels.display(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", total.table());
    let mut splits: Vec<_> = by_split.into_iter().collect();
    splits.sort_by_key(|(name, _)| *name);
    if splits.len() > 1 {
        for (name, scores) in splits {
            println!("\nsplit {name}:");
            print!("{}", scores.table());
        }
    }
    Ok(())
}

fn print_page(page: &WebPage, s: &WebScores) {
    println!(
        "{:<52} {:>3} claims {:>3} right {:>3} attribution | {:>3} speech {:>3} found {:>3} right speaker{}",
        page.id,
        s.claims,
        s.claims_right_speaker,
        s.claims_attribution,
        s.speech,
        s.speech_found,
        s.speech_found_speaker,
        if s.unlocated > 0 {
            format!(" ({} not in text)", s.unlocated)
        } else {
            String::new()
        }
    );
}

fn print_errors(page: &WebPage, doc: &Document, claims: &[newsnlp_model::Claim]) {
    let (verdicts, missed) = page_errors(&doc.text, page, claims);
    let short = |s: &str| s.chars().take(90).collect::<String>().replace('\n', " ");
    for v in &verdicts {
        let c = &claims[v.claim];
        let verdict = match (v.attribution, v.right_speaker) {
            (_, true) => "RIGHT",
            (true, false) => "WRONG-SPEAKER",
            (false, false) => "NOT-ATTRIBUTION",
        };
        println!(
            "{}\t{verdict}\tcue={:?}\tsource={:?}\tspeaker={:?}\tgold={:?}\t{}",
            page.id,
            c.cue.as_ref().map(|x| x.text.as_str()).unwrap_or(""),
            c.source.as_ref().map(|x| x.text.as_str()).unwrap_or(""),
            c.speaker.as_deref().unwrap_or(""),
            v.gold_speaker.as_deref().unwrap_or(""),
            short(&c.content.text)
        );
    }
    for (speaker, start) in missed {
        println!("{}\tMISSED\tgold={speaker:?}\t{start}", page.id);
    }
}

/// Runs the default pipeline on each labelled page's HTML.
fn run_pages(
    labels: &[WebPage],
    pages: &[PathBuf],
    model: &ModelArgs,
    threads: Option<usize>,
) -> Result<HashMap<String, Document>> {
    let mut paths = Vec::with_capacity(labels.len());
    for page in labels {
        let found = pages
            .iter()
            .map(|dir| dir.join(format!("{}.html", page.id)))
            .find(|p| p.is_file());
        match found {
            Some(path) => paths.push(path),
            None => bail!(
                "page '{}.html' is in none of the --pages folders (build them with scripts/web_devset.py)",
                page.id
            ),
        }
    }
    let config = crate::commands::stage_config(model, threads)?;
    let stages = registry::build_all(&["sentences", "ner", "dates", "claims"], &config)?;
    let pipeline = Pipeline::for_raw_input(IngestOptions::default(), stages)?;
    let mut docs = HashMap::new();
    Runner::new(pipeline, 16).run_raw(read_paths(&paths), |doc| {
        docs.insert(stem(&doc.id), doc.clone());
        Ok(())
    })?;
    Ok(docs)
}

fn read_documents(path: &Path) -> Result<HashMap<String, Document>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("opening '{}'", path.display()))?;
    let mut docs = HashMap::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Document = serde_json::from_str(&line)
            .with_context(|| format!("{} line {}", path.display(), n + 1))?;
        docs.insert(stem(&doc.id), doc);
    }
    Ok(docs)
}

fn write_documents<'a>(path: &Path, docs: impl Iterator<Item = &'a Document>) -> Result<()> {
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("creating '{}'", path.display()))?,
    );
    let mut sorted: Vec<&Document> = docs.collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for doc in sorted {
        serde_json::to_writer(&mut out, doc)?;
        std::io::Write::write_all(&mut out, b"\n")?;
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
