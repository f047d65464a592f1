//! Scores the newsnlp splitter and the sentencex baseline on CoNLL-U gold.
//!
//! ```text
//! cargo run --release -p newsnlp-sentences --example eval_sentences -- \
//!     --filter GUM_news --corpus "GUM news" /path/to/gum/dep/*.conllu
//! ```
//!
//! Prints one table row per splitter: gold, predicted and correct
//! paragraph-internal boundaries, precision, recall and F1. With
//! `--hard-cases FILE` (the crate's own: `crates/sentences/tests/hard_cases.tsv`)
//! it also prints, per splitter, `hard cases: N/M` and the score per family;
//! the CoNLL-U files may then be left out.
#![allow(clippy::print_stdout)]

use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use newsnlp_sentences::eval::evaluate_conllu;
use newsnlp_sentences::hard_cases::{read_hard_cases, score_hard_cases, summary};
use newsnlp_sentences::split_sentences;

/// The sentencex baseline (English rules) as byte ranges.
fn sentencex_split(text: &str) -> Vec<Range<usize>> {
    sentencex::get_sentence_boundaries("en", text)
        .into_iter()
        .map(|b| b.start_byte..b.end_byte)
        .collect()
}

const USAGE: &str = "usage: eval_sentences [--filter DOC_ID_PART] [--corpus NAME] [--errors N] [--hard-cases FILE.tsv] FILE.conllu...";

type Splitter = fn(&str) -> Vec<Range<usize>>;
const SPLITTERS: [(&str, Splitter); 2] =
    [("newsnlp", split_sentences), ("sentencex", sentencex_split)];

fn main() -> ExitCode {
    let mut paths = Vec::new();
    let mut filter = None;
    let mut corpus = None;
    let mut hard_cases = None;
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--filter" => filter = args.next(),
            "--corpus" => corpus = args.next(),
            "--hard-cases" => hard_cases = args.next().map(PathBuf::from),
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(20),
            "-h" | "--help" => {
                eprintln!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if let Some(file) = &hard_cases {
        let cases = match std::fs::File::open(file)
            .and_then(|f| read_hard_cases(std::io::BufReader::new(f)))
        {
            Ok(cases) => cases,
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                return ExitCode::FAILURE;
            }
        };
        for (name, splitter) in SPLITTERS {
            println!("{name} {}", summary(&score_hard_cases(&cases, splitter)));
        }
        if paths.is_empty() {
            return ExitCode::SUCCESS;
        }
    }
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    }
    let corpus = corpus.unwrap_or_else(|| match &filter {
        Some(f) => f.clone(),
        None if paths.len() == 1 => paths[0].display().to_string(),
        None => format!("{} files", paths.len()),
    });
    println!(
        "| splitter | corpus | gold | predicted | correct | precision | recall | F1 |\n|---|---|---:|---:|---:|---:|---:|---:|"
    );
    for (name, splitter) in SPLITTERS {
        match evaluate_conllu(&paths, filter.as_deref(), splitter) {
            Ok(s) => println!(
                "| {name} | {corpus} | {} | {} | {} | {:.4} | {:.4} | {:.4} |",
                s.gold,
                s.predicted,
                s.correct,
                s.precision(),
                s.recall(),
                s.f1()
            ),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if errors > 0 {
        if let Err(e) = print_errors(&paths, filter.as_deref(), errors) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Prints up to `limit` boundaries the newsnlp splitter missed (`MISS`) or
/// invented (`FALSE`), with some context around each.
fn print_errors(paths: &[PathBuf], filter: Option<&str>, limit: usize) -> std::io::Result<()> {
    let mut shown = 0;
    for path in paths {
        let file = std::io::BufReader::new(std::fs::File::open(path)?);
        for para in newsnlp_sentences::eval::conllu_paragraphs(file, filter)? {
            let text = para.join(" ");
            let mut gold = std::collections::BTreeSet::new();
            let mut pos = 0;
            for s in &para {
                pos += s.len();
                gold.insert(pos);
                pos += 1;
            }
            let pred: std::collections::BTreeSet<usize> =
                split_sentences(&text).into_iter().map(|r| r.end).collect();
            for (kind, set, other) in [("MISS", &gold, &pred), ("FALSE", &pred, &gold)] {
                for &b in set.difference(other).filter(|&&b| b < text.len()) {
                    if shown == limit {
                        return Ok(());
                    }
                    shown += 1;
                    let mut lo = b.saturating_sub(60);
                    while !text.is_char_boundary(lo) {
                        lo -= 1;
                    }
                    let mut hi = (b + 40).min(text.len());
                    while !text.is_char_boundary(hi) {
                        hi += 1;
                    }
                    println!("{kind:5} {} ‖ {}", &text[lo..b], &text[b..hi]);
                }
            }
        }
    }
    Ok(())
}
