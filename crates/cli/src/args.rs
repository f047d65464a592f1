//! Command-line flags (parsing only; no work happens here).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Reads news articles in bulk and annotates them: clean text, sentences
/// (and, as stages land, entities, dates and claims), as JSON lines.
#[derive(Debug, Parser)]
#[command(name = "newsnlp", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the pipeline over files, directories or stdin (`-`), one JSON line per document.
    Run(RunArgs),
    /// Run exactly one stage on annotated JSON (raw input for `ingest`), for debugging.
    Stage(StageArgs),
    /// List the stages with what each needs and produces.
    Stages,
    /// Print the JSON Schema of the annotated-document output.
    Schema,
    /// Print each sentence of raw input as the words the tagger labels, space-separated (for debugging
    /// and for feeding the Python reference implementation).
    Words {
        /// Raw input file (any format `run` reads), or `-` for JSONL on stdin.
        input: PathBuf,
    },
    /// Evaluate against gold data and print precision/recall/F1: `eval --gold REVIEWED --pred PRED`
    /// compares two annotated JSONL files per layer and type; `eval sentences|ner|html|...` score a stage on a corpus.
    Eval(EvalArgs),
    /// Export annotated JSONL for human review: label-studio, brat, conll, csv or html.
    Export(ExportArgs),
    /// Read reviewed annotations (label-studio tasks JSON or a brat folder) back into annotated JSONL.
    Import(ImportArgs),
    /// The corpus view of annotated JSONL: who said what, about whom and when. Writes speakers,
    /// entities, claims, co-mentions and repeated statements as CSV and Parquet, and report.html.
    Report(ReportArgs),
}

/// `newsnlp report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Annotated JSONL files (the output of `newsnlp run`), or `-` for stdin; read in order as
    /// one corpus.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Folder for the tables and report.html (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The review page exported from the same documents in the same order (`newsnlp export
    /// --format html`), as report.html should link to it (a path relative to the report folder
    /// or a URL).
    #[arg(long, value_name = "URL")]
    pub review: Option<String>,
    /// How many speakers and entities report.html shows (the tables hold all).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub top: usize,
}

/// `newsnlp eval`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EvalArgs {
    /// A corpus evaluation of one stage.
    #[command(subcommand)]
    pub command: Option<EvalCommand>,
    /// Reviewed (gold) annotated JSONL, e.g. the output of `newsnlp import`.
    #[arg(long, requires = "pred")]
    pub gold: Option<PathBuf>,
    /// Pipeline (predicted) annotated JSONL for the same documents.
    #[arg(long, requires = "gold")]
    pub pred: Option<PathBuf>,
}

/// `newsnlp export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Format: label-studio, brat, conll, csv or html.
    #[arg(long)]
    pub format: String,
    /// Layers to export, comma-separated (entities, dates, claims, sentences) or `all`.
    #[arg(long, default_value = "all")]
    pub layers: String,
    /// Annotated JSONL (the output of `newsnlp run`), or `-` for stdin.
    pub input: PathBuf,
    /// Output folder (or a file for the single-file formats: .json, .html, .conll).
    #[arg(short, long)]
    pub output: PathBuf,
}

/// `newsnlp import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Format: label-studio (tasks JSON file) or brat (folder of .txt/.ann).
    #[arg(long)]
    pub format: String,
    /// The reviewed export.
    pub input: PathBuf,
    /// Write annotated JSONL here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Flags shared by commands that write documents.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Indented JSON (for reading single documents; not JSONL).
    #[arg(long, conflicts_with = "resume")]
    pub pretty: bool,
    /// Pick up an interrupted run: keep the documents already in the `-o` file (dropping a last
    /// line cut short), skip their ids in the input, and append the rest.
    #[arg(long, requires = "output")]
    pub resume: bool,
    /// Write run figures as JSON to this file: documents, errors, skipped, chars, bytes, words,
    /// elapsed_s, docs_per_s, threads, per-step seconds, peak RSS, and the transformer's
    /// precision with the reason it was chosen and the CPU, and under `transformer` the sub-tokens
    /// the encoder read and computed on against the documents' own and its thread time per part
    /// (docs/speed.md).
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// Worker threads for every stage (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Documents processed together (memory grows with it).
    #[arg(long, default_value_t = 64)]
    pub batch_size: usize,
    /// Publication date for inputs that carry none (YYYY-MM-DD, an RFC 3339 date-time, or e.g. "8 Nov 2025").
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Languages the English-only stages (ner, dates, claims) run on: a comma-separated list of
    /// the codes ingestion detects (`meta.language_detected`: `en`, `de`, ...; `und` for text too
    /// short or mixed to tell), or `all` to run them on every document. Other documents keep
    /// their text and sentences, and their `skipped` field says which stages did not run and why.
    #[arg(long, value_name = "LIST", default_value = "en,und")]
    pub languages: newsnlp_pipeline::Languages,
    /// Model options.
    #[command(flatten)]
    pub model: ModelArgs,
}

/// Which transformer to load and how to batch it.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Which shipped models run where --model / --claims-model (and $NEWSNLP_MODEL /
    /// $NEWSNLP_CLAIMS_MODEL) do not say: `accurate` (default: the entity model and the
    /// attribution model, two 6-layer encoder passes), `balanced` (models/joint-minilm, one
    /// 6-layer pass serving both stages) or `fast` (models/joint-minilm-l4, one 4-layer pass
    /// with narrower feed-forward blocks). README has each tier's speed and accuracy.
    #[arg(long, default_value = "accurate", value_parser = ["accurate", "balanced", "fast"])]
    pub profile: String,
    /// Token-classification model directory (Hugging Face layout: config.json with id2label,
    /// tokenizer.json, model.safetensors or rust_model.ot). Default: the shipped
    /// models/ner-ontonotes-minilm, or $NEWSNLP_MODEL. A joint model (entity and attribution
    /// heads) given as both --model and --claims-model serves both stages from one encoder pass.
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// Sentence windows per transformer forward pass.
    #[arg(long, default_value_t = 16)]
    pub ner_batch_size: usize,
    /// Drop entities whose mean word-label probability is below this (`0` keeps every span the
    /// model tags; docs/accuracy.md has the precision/recall trade).
    #[arg(long, value_name = "P", default_value_t = newsnlp_ner::DEFAULT_MIN_SCORE)]
    pub min_entity_score: f32,
    /// Most padded sub-tokens in one transformer forward pass, `0` for no limit (default: 1024
    /// on the CPU, where larger batches fall out of the caches and run slower per token; no
    /// limit on a GPU). Like `--ner-batch-size`, it changes only float rounding in the last digits
    /// of `score`.
    #[arg(long, value_name = "N")]
    pub ner_batch_tokens: Option<usize>,
    /// Number format of the transformer: `f32`, `bf16`, `int8`, or `auto`: bf16 on a CPU with
    /// AVX-512 BF16 or AMX, where it is about 3x faster at the same accuracy, unless
    /// ATEN_CPU_CAPABILITY or ONEDNN_MAX_CPU_ISA keep libtorch below those instructions; f32
    /// elsewhere. `int8` multiplies int8 weights in the encoder's layers (BERT models; CPU with
    /// AVX2), float32 elsewhere: faster still, slightly less accurate (docs/speed.md). The run
    /// summary and `--stats` say which was chosen and why.
    #[arg(long, default_value = "auto", value_parser = ["auto", "f32", "bf16", "int8"])]
    pub precision: String,
    /// Where the transformer runs: `cpu`, `cuda` (GPU 0), `cuda:N`, or `auto` (a GPU when one is visible).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Copies of the model run side by side, each on one thread (default: one per `--threads`
    /// thread on the CPU, one on a GPU). `1` runs a single model whose passes use every thread.
    #[arg(long, value_name = "N")]
    pub ner_workers: Option<usize>,
    /// Attribution model for the `claims` stage (BIO tags over SOURCE, CUE, CONTENT). Default:
    /// the shipped models/claims-polnear-minilm, or $NEWSNLP_CLAIMS_MODEL; a joint model's
    /// attribution head (one encoder pass with `ner` when it is also --model).
    #[arg(long, value_name = "DIR")]
    pub claims_model: Option<PathBuf>,
    /// Find claims with the rules alone, without the attribution model: about twice as fast
    /// overall, lower recall (docs/claims.md has both sets of figures).
    #[arg(long, conflicts_with = "claims_model")]
    pub claims_rules: bool,
    /// Which claims to keep: `newsroom` (default) keeps statements, writing, findings and
    /// positions with a communication or stance cue and an actual source; `all` also keeps what
    /// attribution corpora such as PolNeAR mark (acts and positions like `called for`, questions,
    /// hypothetical and passive speech, claims with no speaker), with `cue_class` `other`.
    #[arg(long, value_name = "newsroom|all", default_value = "newsroom", value_parser = ["newsroom", "all"])]
    pub claims_counting: String,
}

/// `newsnlp run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Input files or directories (searched recursively), or `-` for JSONL on stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Comma-separated stages to run, in order (default: all). `ingest` always runs.
    #[arg(long, value_delimiter = ',')]
    pub stages: Option<Vec<String>>,
    /// Then write the corpus report of the `-o` file into this folder, as `newsnlp report OUT
    /// -o DIR` does.
    #[arg(
        long,
        value_name = "DIR",
        requires = "output",
        conflicts_with = "pretty"
    )]
    pub report: Option<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `newsnlp stage`.
#[derive(Debug, Args)]
pub struct StageArgs {
    /// Stage to run.
    pub name: String,
    /// Input: annotated JSON/JSONL file (raw input for `ingest`), or `-` for stdin.
    #[arg(default_value = "-")]
    pub input: PathBuf,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `newsnlp eval`.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence-boundary precision/recall/F1 against CoNLL-U gold (GUM, UD EWT).
    Sentences {
        /// CoNLL-U files or directories.
        #[arg(long = "conllu", required_unless_present = "hard_cases")]
        conllu: Vec<PathBuf>,
        /// Only documents whose `# newdoc id` contains this (e.g. `GUM_news`).
        #[arg(long)]
        filter: Option<String>,
        /// Also score a hard-case file (family, text, expected sentences; tab-separated,
        /// e.g. crates/sentences/tests/hard_cases.tsv) and print `hard cases: N/M`.
        #[arg(long = "hard-cases")]
        hard_cases: Option<PathBuf>,
    },
    /// Source, cue and content precision/recall/F1 (exact and overlap) on PolNeAR attribution
    /// relations (a split folder with text/ and attributions/, e.g. ../shared/data/polnear/dev),
    /// running the whole pipeline (sentences, ner, dates, claims) on each article; or, with
    /// `--web`, precision and recall on hand-labelled real web pages (tests/web_claims), run
    /// from their HTML as `newsnlp run` runs them.
    Claims {
        /// PolNeAR split folder.
        #[arg(long, required_unless_present = "web", conflicts_with = "web")]
        polnear: Option<PathBuf>,
        /// Folder of web page labels (tests/web_claims): precision (claims that are a labelled
        /// attribution with the right speaker) and recall of speech with the right speaker, and
        /// both without the speaker condition.
        #[arg(long)]
        web: Option<PathBuf>,
        /// With --web: folders holding each labelled NAME.html (default: out/web-devset/pages
        /// and out/html-devset/pages, as scripts/web_devset.py and html_devset.py build them).
        #[arg(long, requires = "web")]
        pages: Vec<PathBuf>,
        /// With --web: score the claims of this annotated JSONL instead of running the pipeline.
        #[arg(long, requires = "web")]
        annotated: Option<PathBuf>,
        /// With --web: only pages of this split (`tune` or `held_out`).
        #[arg(long, requires = "web")]
        split: Option<String>,
        /// With --web: also print each page's figures.
        #[arg(long, requires = "web")]
        list: bool,
        /// With --web: also print every claim with its verdict (RIGHT, WRONG-SPEAKER,
        /// NOT-ATTRIBUTION) and every labelled speech no claim found with its speaker (MISSED),
        /// tab-separated, for error analysis.
        #[arg(long, requires = "web")]
        errors: bool,
        /// Skip the ner stage (speakers then come from rules only).
        #[arg(long)]
        no_entities: bool,
        /// Also write the annotated articles here (JSONL, offsets into the PolNeAR text), for
        /// error analysis.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Worker threads.
        #[arg(long)]
        threads: Option<usize>,
        /// Model options.
        #[command(flatten)]
        model: ModelArgs,
    },
    /// How far PolNeAR's own annotators agree, under the scorer `eval claims` uses: on every
    /// article several annotators marked (the corpus's agreement sets), each annotator's
    /// relations are scored against every other's. Needs no model.
    Agreement {
        /// PolNeAR split folder (text/ and attributions/).
        #[arg(long, required = true)]
        polnear: PathBuf,
    },
    /// Main-text extraction from HTML pages: word 4-gram shingle precision/recall/F1 of
    /// newsnlp's `text` (headline removed) against each page's expected text, next to
    /// rs-trafilatura with its default options on the same pages.
    Html {
        /// Development-set folder: NAME.html + NAME.txt (+ NAME.url) per page, as built by
        /// scripts/html_devset.py (out/html-devset/pages).
        #[arg(long, required = true)]
        pages: PathBuf,
        /// Also list the N pages where newsnlp scores the lowest F1.
        #[arg(long, value_name = "N", default_value_t = 0)]
        worst: usize,
        /// Also write each page's extractions here (NAME.newsnlp.txt, NAME.reference.txt),
        /// for error analysis.
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// The faults real web pages cause, counted in annotated output (run the pipeline on a folder
    /// of pages first): character references, repeated sentences, glued blocks, entities and
    /// claims on non-English documents, MONEY without its sign, lone-determiner entities,
    /// possessive names. Each should be 0.
    Faults {
        /// Annotated JSONL files (`newsnlp run pages/ -o out.jsonl`).
        #[arg(long, required = true, num_args = 1..)]
        annotated: Vec<PathBuf>,
        /// Also list each document with a fault, and its counts.
        #[arg(long)]
        list: bool,
    },
    /// Corpus identity: precision/recall/F1 of "same person or organisation" on hand-labelled
    /// pairs of mentions (crates/corpus/tests/identity_gold.tsv), resolved across all the
    /// annotated documents given.
    Identity {
        /// Gold pairs (tab-separated; see `newsnlp_corpus::eval`).
        #[arg(long, required = true)]
        gold: PathBuf,
        /// Annotated JSONL: the corpus the names are resolved in.
        #[arg(long, required = true, num_args = 1..)]
        annotated: Vec<PathBuf>,
        /// Also list up to N pairs scored wrongly.
        #[arg(long, value_name = "N", default_value_t = 0)]
        errors: usize,
    },
    /// Entity-level (exact span, seqeval-style) precision/recall/F1 per type on a BIO file.
    Ner {
        /// BIO file: token in the first column, label in the last (CoNLL-2003, OntoNotes).
        #[arg(long, required = true)]
        conll: PathBuf,
        /// Score only the first N sentences.
        #[arg(long)]
        limit: Option<usize>,
        /// Also write each sentence's tokens with its gold and predicted entities here (JSONL:
        /// `{"document","tokens","gold","predicted"}`, entities as `[label, first, end]` token
        /// indices), for error analysis.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Worker threads for libtorch.
        #[arg(long)]
        threads: Option<usize>,
        /// Model options.
        #[command(flatten)]
        model: ModelArgs,
    },
}
