//! What each subcommand does: build a validated configuration, call the
//! library crates, report a summary.

use std::fs::File;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use newsnlp_ingest::{read_jsonl, read_paths, IngestOptions, RawRecord};
use newsnlp_model::Document;
use newsnlp_ner::{Device, NerOptions, NerTagger, Precision};
use newsnlp_pipeline::{
    prepare_resume, read_annotated, registry, Pipeline, RunSummary, Runner, StageConfig,
};

use crate::args::{
    Command, EvalArgs, EvalCommand, ExportArgs, ImportArgs, ModelArgs, OutputArgs, RunArgs,
    StageArgs,
};
use crate::output::DocumentWriter;
use crate::progress::document_progress;

/// Folder name of the shipped default model under `models/`.
const DEFAULT_MODEL: &str = "ner-ontonotes-minilm";

/// The attribution model shipped in `models/`. (A joint model given as both
/// `--model` and `--claims-model` serves both stages from one encoder pass.)
const DEFAULT_CLAIMS_MODEL: &str = "claims-polnear-minilm";

/// The balanced tier's joint model (`--profile balanced`): one 6-layer
/// encoder pass for both the `ner` and `claims` stages.
const BALANCED_MODEL: &str = "joint-minilm";

/// The fast tier's joint model (`--profile fast`): a 4-layer student of the
/// balanced one with narrower feed-forward blocks, one pass for both stages.
const FAST_MODEL: &str = "joint-minilm-l4";

/// The JSON Schema of the output, shipped in `schema/`.
const OUTPUT_SCHEMA: &str = include_str!("../../../schema/annotated-document.schema.json");

/// How a command that processed documents ended.
pub enum Outcome {
    /// Every document came through without errors.
    Clean,
    /// All documents were written, some with errors.
    DocumentErrors,
}

/// Runs one subcommand.
pub fn dispatch(command: Command) -> Result<Outcome> {
    match command {
        Command::Run(args) => run(args),
        Command::Stage(args) => stage(args),
        Command::Stages => {
            list_stages();
            Ok(Outcome::Clean)
        }
        Command::Schema => {
            print!("{OUTPUT_SCHEMA}");
            Ok(Outcome::Clean)
        }
        Command::Eval(EvalArgs {
            command: Some(eval),
            ..
        }) => evaluate(eval),
        Command::Eval(EvalArgs {
            gold: Some(gold),
            pred: Some(pred),
            ..
        }) => compare_review(&gold, &pred),
        Command::Eval(_) => bail!(
            "give `--gold REVIEWED --pred PRED`, or a corpus evaluation: `eval sentences|ner|claims|agreement|html|identity`"
        ),
        Command::Export(args) => export(args),
        Command::Import(args) => import(args),
        Command::Report(args) => crate::report::report(args),
        Command::Words { input } => {
            print_words(&input)?;
            Ok(Outcome::Clean)
        }
    }
}

fn run(args: RunArgs) -> Result<Outcome> {
    configure_threads(args.output.threads)?;
    let names = match &args.stages {
        Some(names) => names.clone(),
        None => registry::STAGE_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    let ingest = ingest_options(&args.output)?;
    let stages = build_stages(
        names.iter().filter(|n| n.as_str() != "ingest"),
        &args.output,
    )?;
    let pipeline =
        Pipeline::for_raw_input(ingest, stages)?.with_languages(args.output.languages.clone());
    let runner = Runner::new(pipeline, args.output.batch_size);
    let records = raw_records(&args.inputs)?;
    let precision = transformer_precision(&names, &args.output.model);
    let outcome = write_documents(
        &args.output,
        countable(&args.inputs),
        precision,
        runner,
        |runner, sink| runner.run_raw(records, sink),
    )?;
    crate::report::after_run(args.report, args.output.output.as_deref(), outcome)
}

fn stage(args: StageArgs) -> Result<Outcome> {
    configure_threads(args.output.threads)?;
    let info = registry::info(&args.name).with_context(|| {
        format!(
            "unknown stage '{}' (known: {})",
            args.name,
            registry::STAGE_NAMES.join(", ")
        )
    })?;
    if info.name == "ingest" {
        let runner = Runner::new(
            Pipeline::for_raw_input(ingest_options(&args.output)?, Vec::new())?,
            args.output.batch_size,
        );
        let inputs = std::slice::from_ref(&args.input);
        let records = raw_records(inputs)?;
        return write_documents(
            &args.output,
            countable(inputs),
            None,
            runner,
            |runner, sink| runner.run_raw(records, sink),
        );
    }
    if args.output.published.is_some() {
        bail!("--published applies to raw input: use it with `run` or `stage ingest`");
    }
    let stages = build_stages(std::iter::once(&args.name), &args.output)?;
    let pipeline = Pipeline::for_documents(stages).with_languages(args.output.languages.clone());
    let runner = Runner::new(pipeline, args.output.batch_size);
    let docs = annotated_documents(&args.input, info.name)?;
    let inputs = std::slice::from_ref(&args.input);
    let precision = transformer_precision(&[info.name], &args.output.model);
    write_documents(
        &args.output,
        countable(inputs),
        precision,
        runner,
        |runner, sink| runner.run_documents(docs, sink),
    )
}

fn export(args: ExportArgs) -> Result<Outcome> {
    let layers: newsnlp_export::Layers = args.layers.parse()?;
    let docs: Vec<Document> = annotated_documents(&args.input, "export")?.collect();
    let summary = newsnlp_export::export(&args.format, &docs, &layers, &args.output)?;
    eprintln!(
        "newsnlp: exported {} documents, {} annotations ({} skipped) as {} -> {}",
        summary.documents,
        summary.annotations,
        summary.skipped,
        summary.format,
        args.output.display()
    );
    Ok(Outcome::Clean)
}

fn import(args: ImportArgs) -> Result<Outcome> {
    let docs = match args.format.as_str() {
        "label-studio" | "labelstudio" | "ls" => newsnlp_export::import_label_studio(&args.input)?,
        "brat" => newsnlp_export::import_brat(&args.input)?,
        other => bail!("--format must be label-studio or brat, got '{other}'"),
    };
    let mut writer = DocumentWriter::open(args.output.as_deref(), false, false)?;
    for doc in &docs {
        writer.write(doc)?;
    }
    writer.flush()?;
    eprintln!("newsnlp: imported {} documents", docs.len());
    Ok(Outcome::Clean)
}

fn compare_review(gold: &Path, pred: &Path) -> Result<Outcome> {
    let gold: Vec<Document> = annotated_documents(gold, "eval")?.collect();
    let pred: Vec<Document> = annotated_documents(pred, "eval")?.collect();
    print!("{}", newsnlp_export::compare(&gold, &pred));
    Ok(Outcome::Clean)
}

fn print_words(input: &Path) -> Result<()> {
    for record in raw_records(std::slice::from_ref(&input.to_path_buf()))? {
        let doc = newsnlp_ingest::ingest(record, &IngestOptions::default());
        for sentence in newsnlp_sentences::split_sentences(&doc.text) {
            let text = &doc.text[sentence];
            let words: Vec<&str> = newsnlp_ner::words::words(text)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            println!("{}", words.join(" "));
        }
    }
    Ok(())
}

fn list_stages() {
    print!("{}", newsnlp_model::stages::describe());
}

fn evaluate(eval: EvalCommand) -> Result<Outcome> {
    match eval {
        EvalCommand::Sentences {
            conllu,
            filter,
            hard_cases,
        } => {
            if let Some(path) = &hard_cases {
                let file = File::open(path).with_context(|| format!("{}", path.display()))?;
                let cases = newsnlp_sentences::hard_cases::read_hard_cases(BufReader::new(file))
                    .with_context(|| format!("{}", path.display()))?;
                let scores = newsnlp_sentences::hard_cases::score_hard_cases(
                    &cases,
                    newsnlp_sentences::split_sentences,
                );
                println!("{}", newsnlp_sentences::hard_cases::summary(&scores));
                if conllu.is_empty() {
                    return Ok(Outcome::Clean);
                }
            }
            let files = conllu_files(&conllu)?;
            let ours = newsnlp_sentences::eval::evaluate_conllu(
                &files,
                filter.as_deref(),
                newsnlp_sentences::split_sentences,
            )?;
            println!(
                "sentence boundaries on {} file(s){}",
                files.len(),
                filter
                    .map(|f| format!(" (documents matching '{f}')"))
                    .unwrap_or_default()
            );
            println!(
                "{:<10} {:>7} {:>9} {:>8} {:>9} {:>7} {:>7}",
                "splitter", "gold", "predicted", "correct", "precision", "recall", "F1"
            );
            println!(
                "{:<10} {:>7} {:>9} {:>8} {:>9.4} {:>7.4} {:>7.4}",
                "newsnlp",
                ours.gold,
                ours.predicted,
                ours.correct,
                ours.precision(),
                ours.recall(),
                ours.f1()
            );
            Ok(Outcome::Clean)
        }
        EvalCommand::Claims {
            polnear,
            web,
            pages,
            annotated,
            split,
            list,
            errors,
            no_entities,
            output,
            threads,
            model,
        } => {
            configure_threads(threads)?;
            if let Some(labels) = web {
                let pages = if pages.is_empty() {
                    vec![
                        PathBuf::from("out/web-devset/pages"),
                        PathBuf::from("out/html-devset/pages"),
                    ]
                } else {
                    pages
                };
                let request = crate::eval_web::WebEval {
                    labels: &labels,
                    pages: &pages,
                    annotated: annotated.as_deref(),
                    split: split.as_deref(),
                    list,
                    errors,
                    output: output.as_deref(),
                };
                crate::eval_web::evaluate(&request, &model, threads)?;
            } else if let Some(polnear) = polnear {
                evaluate_claims(&polnear, no_entities, output.as_deref(), &model, threads)?;
            }
            Ok(Outcome::Clean)
        }
        EvalCommand::Identity {
            gold,
            annotated,
            errors,
        } => crate::report::eval_identity(&gold, &annotated, errors),
        EvalCommand::Faults { annotated, list } => {
            crate::eval_html::count_faults(&annotated, list)?;
            Ok(Outcome::Clean)
        }
        EvalCommand::Html {
            pages,
            worst,
            output,
        } => {
            crate::eval_html::evaluate(&pages, worst, output.as_deref())?;
            Ok(Outcome::Clean)
        }
        EvalCommand::Agreement { polnear } => {
            evaluate_agreement(&polnear)?;
            Ok(Outcome::Clean)
        }
        EvalCommand::Ner {
            conll,
            limit,
            output,
            threads,
            model,
        } => {
            configure_threads(threads)?;
            let dir = model_dir(&model)?;
            // Scored as trained: OntoNotes sometimes includes a leading "the".
            let options = NerOptions {
                trim_articles: false,
                ..ner_options(&model, threads)?
            };
            let tagger = NerTagger::load(&dir, options)?;
            let file =
                File::open(&conll).with_context(|| format!("opening '{}'", conll.display()))?;
            let mut gold = newsnlp_ner::eval::read_bio(BufReader::new(file))?;
            gold.truncate(limit.unwrap_or(usize::MAX));
            let started = std::time::Instant::now();
            let predicted = newsnlp_ner::eval::predict(&tagger, &gold, 32)?;
            let seconds = started.elapsed().as_secs_f64();
            let report = newsnlp_ner::eval::score(&gold, &predicted);
            if let Some(path) = output.as_deref() {
                write_ner_predictions(path, &gold, &predicted)?;
            }
            println!(
                "{} on {} ({} sentences, {:.1} sentences/s)",
                dir.display(),
                conll.display(),
                report.sentences,
                report.sentences as f64 / seconds
            );
            println!(
                "{:<12} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
                "type", "gold", "pred", "correct", "precision", "recall", "F1"
            );
            let rows = report
                .per_type
                .iter()
                .map(|(k, v)| (k.as_str(), v))
                .chain(std::iter::once(("micro", &report.micro)));
            for (kind, c) in rows {
                println!(
                    "{:<12} {:>6} {:>6} {:>6} {:>9.4} {:>7.4} {:>7.4}",
                    kind,
                    c.gold,
                    c.predicted,
                    c.correct,
                    c.precision(),
                    c.recall(),
                    c.f1()
                );
            }
            Ok(Outcome::Clean)
        }
    }
}

/// Writes one JSON line per sentence: its tokens, gold and predicted
/// entities (`[label, first token, one past the last]`).
fn write_ner_predictions(
    path: &Path,
    gold: &[newsnlp_ner::eval::GoldSentence],
    predicted: &[Vec<newsnlp_ner::eval::TokenEntity>],
) -> Result<()> {
    let mut out = File::create(path)
        .map(io::BufWriter::new)
        .with_context(|| format!("creating '{}'", path.display()))?;
    for (sentence, found) in gold.iter().zip(predicted) {
        let line = serde_json::json!({
            "document": sentence.document,
            "tokens": sentence.tokens,
            "gold": newsnlp_ner::eval::entities_of(&sentence.labels),
            "predicted": found,
        });
        serde_json::to_writer(&mut out, &line)?;
        io::Write::write_all(&mut out, b"\n")?;
    }
    io::Write::flush(&mut out)?;
    Ok(())
}

/// Runs the pipeline on a PolNeAR split and prints the claim scores.
fn evaluate_claims(
    dir: &Path,
    no_entities: bool,
    output: Option<&Path>,
    model: &ModelArgs,
    threads: Option<usize>,
) -> Result<()> {
    let mut dump = output
        .map(|path| {
            File::create(path)
                .map(io::BufWriter::new)
                .with_context(|| format!("creating '{}'", path.display()))
        })
        .transpose()?;
    let articles = newsnlp_claims::eval::read_polnear(dir)
        .with_context(|| format!("reading PolNeAR from '{}'", dir.display()))?;
    if articles.is_empty() {
        bail!(
            "no annotated articles in '{}' (expected text/ and attributions/)",
            dir.display()
        );
    }
    let config = stage_config(model, threads)?;
    let names: &[&str] = if no_entities {
        &["sentences", "dates", "claims"]
    } else {
        &["sentences", "ner", "dates", "claims"]
    };
    let stages = registry::build_all(names, &config)?;
    let docs: Vec<Document> = articles
        .iter()
        .map(|a| Document::new(a.name.clone(), a.text.clone()))
        .collect();
    let agreement_sets = newsnlp_claims::eval::read_agreement_sets(dir)
        .with_context(|| format!("reading PolNeAR from '{}'", dir.display()))?;
    let mut total = newsnlp_claims::eval::Scores::default();
    let mut against_each_annotator = newsnlp_claims::eval::Scores::default();
    let started = std::time::Instant::now();
    let mut articles_left = articles.iter();
    Runner::new(Pipeline::for_documents(stages), 16).run_documents(docs.into_iter(), |doc| {
        if let Some(article) = articles_left.next() {
            let claims = doc.claims.as_deref().unwrap_or_default();
            total.add(newsnlp_claims::eval::score_document(
                &article.text,
                &article.gold,
                claims,
            ));
            let set = agreement_sets.iter().find(|set| set.name == article.name);
            for annotation in set.iter().flat_map(|set| &set.annotations) {
                against_each_annotator.add(newsnlp_claims::eval::score_document(
                    &article.text,
                    annotation,
                    claims,
                ));
            }
        }
        if let Some(out) = dump.as_mut() {
            serde_json::to_writer(&mut *out, doc)?;
            io::Write::write_all(out, b"\n")?;
        }
        Ok(())
    })?;
    if let Some(mut out) = dump {
        io::Write::flush(&mut out)?;
    }
    let method = match &config.claims_model {
        Some(dir) => format!("model {}", dir.display()),
        None => "rules".to_string(),
    };
    println!(
        "claims ({method}{}) on {} ({} articles, {:.1} s)",
        if no_entities { ", no entities" } else { "" },
        dir.display(),
        articles.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", total.table());
    if !agreement_sets.is_empty() {
        let between_annotators = newsnlp_claims::eval::score_agreement_sets(&agreement_sets);
        println!(
            "agreement set ({} articles, {} annotator files), overlap F1 source / cue / content:",
            agreement_sets.len(),
            annotator_files(&agreement_sets)
        );
        println!(
            "  claims against each annotator   {}",
            overlap_f1s(&against_each_annotator)
        );
        println!(
            "  annotators against each other   {}",
            overlap_f1s(&between_annotators)
        );
    }
    Ok(())
}

/// Source, cue and content overlap F1, `0.830 / 0.825 / 0.854`.
fn overlap_f1s(scores: &newsnlp_claims::eval::Scores) -> String {
    [scores.source, scores.cue, scores.content]
        .map(|role| format!("{:.3}", role.overlap_prf().2))
        .join(" / ")
}

fn evaluate_agreement(dir: &Path) -> Result<()> {
    let sets = newsnlp_claims::eval::read_agreement_sets(dir)
        .with_context(|| format!("reading PolNeAR from '{}'", dir.display()))?;
    if sets.is_empty() {
        bail!(
            "no article in '{}' has more than one annotator file",
            dir.display()
        );
    }
    println!(
        "annotator agreement on {} ({} articles, {} annotator files; every annotator's relations scored against every other's)",
        dir.display(),
        sets.len(),
        annotator_files(&sets)
    );
    print!(
        "{}",
        newsnlp_claims::eval::score_agreement_sets(&sets).table()
    );
    Ok(())
}

/// Annotation files across an agreement set.
fn annotator_files(sets: &[newsnlp_claims::eval::AgreementArticle]) -> usize {
    sets.iter().map(|set| set.annotations.len()).sum()
}

fn build_stages<'a>(
    names: impl Iterator<Item = &'a String>,
    output: &OutputArgs,
) -> Result<Vec<Box<dyn newsnlp_pipeline::Stage>>> {
    let config = stage_config(&output.model, output.threads)?;
    let names: Vec<&String> = names.collect();
    Ok(registry::build_all(&names, &config)?)
}

pub(crate) fn stage_config(model: &ModelArgs, threads: Option<usize>) -> Result<StageConfig> {
    Ok(StageConfig {
        ner_model: model_dir(model)?,
        ner_options: ner_options(model, threads)?,
        claims_model: (!model.claims_rules).then(|| claims_model_dir(model)),
        claims_counting: if model.claims_counting == "all" {
            newsnlp_claims::Counting::All
        } else {
            newsnlp_claims::Counting::Newsroom
        },
    })
}

fn ner_options(model: &ModelArgs, threads: Option<usize>) -> Result<NerOptions> {
    let device = match model.device.as_str() {
        "cpu" => Device::Cpu,
        "auto" => Device::cuda_if_available(),
        "cuda" => Device::Cuda(0),
        other => match other.strip_prefix("cuda:").and_then(|n| n.parse().ok()) {
            Some(index) => Device::Cuda(index),
            None => bail!("--device must be cpu, cuda, cuda:N or auto, got '{other}'"),
        },
    };
    if let Device::Cuda(index) = device {
        let gpus = newsnlp_ner::cuda_devices();
        if index >= gpus {
            bail!(
                "--device {}: libtorch sees {gpus} CUDA GPU(s); use --device cpu (or auto)",
                model.device
            );
        }
    }
    let workers = match (model.ner_workers, device) {
        (Some(0), _) => bail!("--ner-workers must be at least 1"),
        (Some(workers), _) => workers,
        (None, Device::Cpu) => threads.unwrap_or_else(rayon::current_num_threads),
        (None, _) => 1,
    };
    if !(0.0..=1.0).contains(&model.min_entity_score) {
        bail!(
            "--min-entity-score must be between 0 and 1, got {}",
            model.min_entity_score
        );
    }
    let precision = newsnlp_ner::choose_precision(&model.precision, device == Device::Cpu);
    Ok(NerOptions {
        batch_size: model.ner_batch_size.max(1),
        min_score: model.min_entity_score,
        batch_tokens: match (model.ner_batch_tokens, device) {
            (Some(0), _) => None,
            (Some(tokens), _) => Some(tokens),
            (None, Device::Cpu) => Some(newsnlp_ner::DEFAULT_BATCH_TOKENS),
            (None, _) => None,
        },
        device,
        workers,
        bf16: precision.bf16,
        int8: precision.int8,
        ..NerOptions::default()
    })
}

/// The NER model directory: `--model`, else `$NEWSNLP_MODEL`, else the
/// shipped model of the `--profile` (see [`shipped_model`]).
fn model_dir(model: &ModelArgs) -> Result<PathBuf> {
    let shipped = profile_model(model, DEFAULT_MODEL);
    Ok(chosen_model(model.model.as_ref(), "NEWSNLP_MODEL", shipped))
}

/// The attribution model directory: `--claims-model`, else
/// `$NEWSNLP_CLAIMS_MODEL`, else the shipped one of the `--profile`.
fn claims_model_dir(model: &ModelArgs) -> PathBuf {
    let shipped = profile_model(model, DEFAULT_CLAIMS_MODEL);
    chosen_model(model.claims_model.as_ref(), "NEWSNLP_CLAIMS_MODEL", shipped)
}

/// The shipped model a stage uses under `--profile`: one joint model for
/// both stages (`balanced`, `fast`), else the stage's own (`accurate`).
fn profile_model<'a>(model: &ModelArgs, accurate: &'a str) -> &'a str {
    match model.profile.as_str() {
        "fast" => FAST_MODEL,
        "balanced" => BALANCED_MODEL,
        _ => accurate,
    }
}

fn chosen_model(flag: Option<&PathBuf>, env: &str, name: &str) -> PathBuf {
    if let Some(dir) = flag {
        return dir.clone();
    }
    if let Some(dir) = std::env::var_os(env) {
        return PathBuf::from(dir);
    }
    shipped_model(name)
}

/// A model shipped in `models/`: next to the binary
/// (`target/release/../../models/NAME`), else in the source tree this
/// binary was built from.
fn shipped_model(name: &str) -> PathBuf {
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.parent()
                .and_then(Path::parent)
                .and_then(Path::parent)
                .map(Path::to_path_buf)
        })
        .map(|root| root.join("models").join(name));
    let in_source_tree = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../models")
        .join(name);
    beside_binary
        .filter(|d| d.is_dir())
        .unwrap_or(in_source_tree)
}

fn ingest_options(output: &OutputArgs) -> Result<IngestOptions> {
    let published = match &output.published {
        Some(date) => Some(newsnlp_ingest::normalize_date(date).with_context(|| {
            format!("--published must be a date as YYYY-MM-DD (or e.g. '8 Nov 2025'), got '{date}'")
        })?),
        None => None,
    };
    Ok(IngestOptions { published })
}

fn configure_threads(threads: Option<usize>) -> Result<()> {
    if let Some(threads) = threads {
        if threads == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("configuring the thread pool")?;
        newsnlp_ner::set_torch_threads(threads);
    }
    Ok(())
}

fn raw_records(inputs: &[PathBuf]) -> Result<Box<dyn Iterator<Item = RawRecord> + Send>> {
    if inputs.iter().any(|p| p == Path::new("-")) {
        if inputs.len() > 1 {
            bail!("`-` (stdin) cannot be combined with other inputs");
        }
        return Ok(Box::new(read_jsonl(BufReader::new(io::stdin()), "stdin")));
    }
    if let Some(missing) = inputs.iter().find(|p| !p.exists()) {
        bail!("input '{}' does not exist", missing.display());
    }
    Ok(Box::new(read_paths(inputs)))
}

pub(crate) fn annotated_documents(
    input: &Path,
    stage: &'static str,
) -> Result<Box<dyn Iterator<Item = Document> + Send>> {
    if input == Path::new("-") {
        return Ok(read_annotated(BufReader::new(io::stdin()), "stdin", stage));
    }
    let file = File::open(input).with_context(|| format!("opening '{}'", input.display()))?;
    Ok(read_annotated(
        BufReader::new(file),
        &input.display().to_string(),
        stage,
    ))
}

fn conllu_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        bail!("no .conllu files found");
    }
    Ok(files)
}

/// Inputs whose documents the progress bar can count ahead (not stdin).
fn countable(inputs: &[PathBuf]) -> Option<Vec<PathBuf>> {
    (!inputs.iter().any(|p| p == Path::new("-"))).then(|| inputs.to_vec())
}

/// Opens the output (after preparing it for `--resume`), runs `work` with
/// a sink that writes each document and ticks the progress bar, then
/// prints the summary on stderr and writes `--stats`.
fn write_documents<F>(
    output: &OutputArgs,
    inputs: Option<Vec<PathBuf>>,
    precision: Option<Precision>,
    runner: Runner,
    work: F,
) -> Result<Outcome>
where
    F: FnOnce(&mut Runner, &mut dyn FnMut(&Document) -> io::Result<()>) -> io::Result<RunSummary>,
{
    let mut runner = runner;
    let mut already_done = 0;
    if output.resume {
        let path = output.output.as_deref().context("--resume needs -o FILE")?;
        let done = prepare_resume(path)?;
        already_done = done.len();
        runner = runner.skipping(done);
    }
    let mut writer = DocumentWriter::open(output.output.as_deref(), output.pretty, output.resume)
        .with_context(|| "opening the output")?;
    let progress = document_progress(inputs, already_done);
    let summary = work(&mut runner, &mut |doc: &Document| {
        progress.inc(1);
        writer.write(doc)
    })
    .context("writing the output")?;
    writer.flush().context("writing the output")?;
    progress.finish_and_clear();
    eprintln!("{}", summary_line(&summary, precision.as_ref()));
    if let Some(path) = &output.stats {
        write_stats(path, &summary, precision.as_ref())?;
    }
    Ok(if summary.documents_with_errors > 0 {
        Outcome::DocumentErrors
    } else {
        Outcome::Clean
    })
}

/// The transformer's number format for a run of the stages `names` (and
/// why), if one of them runs a transformer.
fn transformer_precision<S: AsRef<str>>(names: &[S], model: &ModelArgs) -> Option<Precision> {
    let uses_model = names
        .iter()
        .any(|name| name.as_ref() == "ner" || (name.as_ref() == "claims" && !model.claims_rules));
    let on_cpu =
        model.device == "cpu" || (model.device == "auto" && newsnlp_ner::cuda_devices() == 0);
    uses_model.then(|| newsnlp_ner::choose_precision(&model.precision, on_cpu))
}

/// The one-line summary printed on stderr at the end of a run.
fn summary_line(summary: &RunSummary, precision: Option<&Precision>) -> String {
    let skipped = if summary.skipped > 0 {
        format!(", {} skipped as already written", summary.skipped)
    } else {
        String::new()
    };
    let other_language = if summary.documents_with_skipped_stages > 0 {
        format!(
            ", {} not in --languages (English-only stages skipped)",
            summary.documents_with_skipped_stages
        )
    } else {
        String::new()
    };
    let steps: Vec<String> = summary
        .steps
        .iter()
        .map(|(name, time)| format!("{name} {:.2}", time.as_secs_f64()))
        .collect();
    format!(
        "newsnlp: {} documents ({} with errors{skipped}{other_language}) in {:.2} s, {:.1} docs/s, {:.2} MB of text; seconds per step: {}",
        summary.documents,
        summary.documents_with_errors,
        summary.elapsed.as_secs_f64(),
        summary.docs_per_second(),
        summary.bytes as f64 / 1e6,
        steps.join(", ")
    ) + &precision
        .map(|p| format!("; transformer {} ({})", p.name(), p.reason))
        .unwrap_or_default()
}

/// Writes `--stats`: the summary as JSON, plus threads and peak memory.
fn write_stats(path: &Path, summary: &RunSummary, precision: Option<&Precision>) -> Result<()> {
    let steps: Vec<serde_json::Value> = summary
        .steps
        .iter()
        .map(|(name, time)| serde_json::json!({"name": name, "seconds": time.as_secs_f64()}))
        .collect();
    let stats = serde_json::json!({
        "documents": summary.documents,
        "documents_with_errors": summary.documents_with_errors,
        "skipped": summary.skipped,
        "documents_with_skipped_stages": summary.documents_with_skipped_stages,
        "chars": summary.chars,
        "bytes": summary.bytes,
        "words": summary.words,
        "elapsed_s": summary.elapsed.as_secs_f64(),
        "docs_per_s": summary.docs_per_second(),
        "threads": rayon::current_num_threads(),
        "stages": steps,
        "peak_rss_mib": peak_rss_mib(),
        "precision": precision.map(Precision::name),
        "precision_reason": precision.map(|p| p.reason.as_str()),
        "cpu": newsnlp_ner::cpu_summary(),
        "transformer": transformer_stats(summary),
    });
    let text = serde_json::to_string_pretty(&stats)? + "\n";
    std::fs::write(path, text).with_context(|| format!("writing --stats '{}'", path.display()))
}

/// What the transformer step fed the encoder and where its thread time
/// went (`null` when no transformer ran): the counters, the encoder's
/// reading against the documents' own sub-tokens
/// (window overlap and special tokens) and against what it computed on
/// (padding), and milliseconds per document in each part of the step.
fn transformer_stats(summary: &RunSummary) -> serde_json::Value {
    let account = newsnlp_ner::transformer_account();
    if account.forward_passes == 0 {
        return serde_json::Value::Null;
    }
    let ratio = |a: u64, b: u64| a as f64 / (b.max(1)) as f64;
    let per_document_ms = |seconds: f64| 1000.0 * seconds / summary.documents.max(1) as f64;
    let mut value = serde_json::to_value(account).unwrap_or_default();
    value["read_per_own_subtoken"] = ratio(account.fed_subtokens, account.text_subtokens).into();
    value["computed_per_read_subtoken"] =
        ratio(account.padded_subtokens, account.fed_subtokens).into();
    value["thread_ms_per_document"] = serde_json::json!({
        "prepare": per_document_ms(account.prepare_s),
        "forward": per_document_ms(account.forward_s),
        "tensors": per_document_ms(account.tensors_s),
        "decode": per_document_ms(account.decode_s),
    });
    value
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
