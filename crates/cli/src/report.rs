//! `newsnlp report` and `newsnlp eval identity`: the corpus view.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsnlp_corpus::{eval, report as corpus_report, ReportOptions};
use newsnlp_model::Document;

use crate::args::ReportArgs;
use crate::commands::{annotated_documents, Outcome};

/// The documents of several annotated JSONL inputs, in order.
pub(crate) fn documents(
    inputs: &[PathBuf],
    stage: &'static str,
) -> Result<impl Iterator<Item = Document>> {
    let mut streams = Vec::new();
    for input in inputs {
        streams.push(annotated_documents(input, stage)?);
    }
    Ok(streams.into_iter().flatten())
}

/// Writes the corpus report and prints what it counted.
pub fn report(args: ReportArgs) -> Result<Outcome> {
    let options = ReportOptions {
        out_dir: args.output.clone(),
        review: args.review,
        top: args.top,
    };
    let summary = corpus_report(documents(&args.inputs, "report")?, &options)
        .with_context(|| format!("writing the report to '{}'", args.output.display()))?;
    eprintln!(
        "newsnlp: report of {} documents ({} unreadable), {} claims, {} speakers, {} entities, {} repeated \
         statements, {} lone surnames and acronyms settled across documents, in {:.2} s -> {}",
        summary.documents,
        summary.unreadable,
        summary.claims,
        summary.speakers,
        summary.entities,
        summary.repeated_statements,
        summary.mentions_settled,
        summary.seconds,
        args.output.display()
    );
    Ok(if summary.unreadable > 0 {
        Outcome::DocumentErrors
    } else {
        Outcome::Clean
    })
}

/// `newsnlp run --report DIR`: the report of the run's output file; the
/// run's outcome stands unless the report itself fails.
pub fn after_run(dir: Option<PathBuf>, output: Option<&Path>, outcome: Outcome) -> Result<Outcome> {
    let (Some(dir), Some(output)) = (dir, output) else {
        return Ok(outcome);
    };
    report(ReportArgs {
        inputs: vec![output.to_path_buf()],
        output: dir,
        review: None,
        top: 100,
    })?;
    Ok(outcome)
}

/// Scores corpus identity on gold pairs and prints the figures.
pub fn eval_identity(gold: &Path, annotated: &[PathBuf], errors: usize) -> Result<Outcome> {
    let pairs = eval::read_gold(gold)?;
    let scores = eval::evaluate(documents(annotated, "eval")?, &pairs);
    print!("{}", scores.render(errors));
    Ok(Outcome::Clean)
}
