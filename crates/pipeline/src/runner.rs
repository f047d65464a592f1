//! Ordered, parallel, error-isolating execution of a pipeline.

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, SyncSender};
use std::time::{Duration, Instant};

use newsnlp_ingest::{ingest, IngestOptions, RawRecord};
use newsnlp_model::{Document, Layer};
use rayon::prelude::*;

use crate::registry::{self, producer_of};
use crate::{Languages, Stage, StageError};

/// A pipeline that cannot run as asked.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// No stage has that name.
    #[error("unknown stage '{0}' (known: {known})", known = registry::STAGE_NAMES.join(", "))]
    UnknownStage(String),
    /// A stage comes before the stage producing what it needs.
    #[error(
        "stage '{stage}' needs the '{layer}' layer: add stage '{producer}' before it in --stages"
    )]
    MissingStage {
        /// The stage that cannot run.
        stage: &'static str,
        /// What it lacks.
        layer: Layer,
        /// The stage to add.
        producer: &'static str,
    },
    /// The stage could not be built (e.g. its model failed to load).
    #[error("cannot start stage '{stage}': {message}")]
    Build {
        /// The stage.
        stage: String,
        /// Why.
        message: String,
    },
}

/// Ingestion options plus annotation stages, in order, validated so that
/// each stage's needs are produced by an earlier one.
pub struct Pipeline {
    ingest: IngestOptions,
    stages: Vec<Box<dyn Stage>>,
    languages: Languages,
}

impl Pipeline {
    /// A pipeline over raw input: ingestion, then `stages`. Fails when a
    /// stage's needs are not produced by an earlier stage.
    pub fn for_raw_input(
        ingest: IngestOptions,
        stages: Vec<Box<dyn Stage>>,
    ) -> Result<Self, PipelineError> {
        let mut available: HashSet<Layer> = HashSet::from([Layer::Text]);
        for stage in &stages {
            if let Some(&layer) = stage.requires().iter().find(|l| !available.contains(l)) {
                return Err(PipelineError::MissingStage {
                    stage: stage.name(),
                    layer,
                    producer: producer_of(layer),
                });
            }
            available.insert(stage.produces());
        }
        Ok(Self {
            ingest,
            stages,
            languages: Languages::default(),
        })
    }

    /// A pipeline over saved annotated documents: needs are checked per
    /// document, since the input may already carry earlier layers.
    pub fn for_documents(stages: Vec<Box<dyn Stage>>) -> Self {
        Self {
            ingest: IngestOptions::default(),
            stages,
            languages: Languages::default(),
        }
    }

    /// The languages English-only stages run on (default `en,und`).
    pub fn with_languages(mut self, languages: Languages) -> Self {
        self.languages = languages;
        self
    }

    /// Names of the annotation stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSummary {
    /// Documents written.
    pub documents: usize,
    /// Documents with at least one error.
    pub documents_with_errors: usize,
    /// Input documents skipped because the output already had them (`--resume`).
    pub skipped: usize,
    /// Characters of cleaned text processed.
    pub chars: usize,
    /// UTF-8 bytes of cleaned text processed.
    pub bytes: usize,
    /// Whitespace-separated words of cleaned text processed.
    pub words: usize,
    /// Documents on which some stage did not run on purpose (`skipped`:
    /// a language the English-only stages do not read).
    pub documents_with_skipped_stages: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time spent in each step, in pipeline order: `read` (reading and
    /// decoding input, on its own thread), `ingest`, each stage, and
    /// `write` (serialising and writing output, on the calling thread).
    /// Steps on different threads overlap, so these may add up to more
    /// than `elapsed`.
    pub steps: Vec<(String, Duration)>,
}

impl RunSummary {
    /// Documents per second.
    pub fn docs_per_second(&self) -> f64 {
        self.documents as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    fn count(&mut self, doc: &Document) {
        self.documents += 1;
        self.chars += doc.text.chars().count();
        self.bytes += doc.text.len();
        self.words += doc.text.split_whitespace().count();
        if !doc.errors.is_empty() {
            self.documents_with_errors += 1;
        }
        if !doc.skipped.is_empty() {
            self.documents_with_skipped_stages += 1;
        }
    }
}

/// Batches waiting between two threads of a run: reading is at most this
/// many batches ahead of annotation, and annotation ahead of writing, so
/// memory stays bounded whatever the corpus size.
const QUEUE_DEPTH: usize = 2;

/// Runs a [`Pipeline`] over a stream of inputs in batches, writing every
/// document, in input order, to a sink.
///
/// Three threads work at once, joined by bounded queues: one reads input
/// into batches, one annotates a batch at a time (each stage spreading its
/// work over the rayon pool or its model workers), and the calling thread
/// writes. Output order is input order, and output bytes do not depend on
/// the number of threads.
pub struct Runner {
    pipeline: Pipeline,
    batch_size: usize,
    done: DoneIds,
}

impl Runner {
    /// A runner processing `batch_size` documents at a time.
    pub fn new(pipeline: Pipeline, batch_size: usize) -> Self {
        Self {
            pipeline,
            batch_size: batch_size.max(1),
            done: DoneIds::default(),
        }
    }

    /// Skips input documents whose ids are in `done` (one skip per
    /// occurrence, so an id given twice in the input and once in `done` is
    /// annotated once more). Skipped documents are not annotated or written.
    pub fn skipping(mut self, done: DoneIds) -> Self {
        self.done = done;
        self
    }

    /// Ingests raw records and annotates them. Every record gives exactly
    /// one document to `sink`, in input order.
    pub fn run_raw<I, S>(&mut self, records: I, sink: S) -> io::Result<RunSummary>
    where
        I: Iterator<Item = RawRecord> + Send,
        S: FnMut(&Document) -> io::Result<()>,
    {
        let ingest_options = self.pipeline.ingest.clone();
        self.run_batches(records, sink, move |batch: Vec<RawRecord>| {
            batch
                .into_par_iter()
                .map(|record| ingest_isolated(record, &ingest_options))
                .collect()
        })
    }

    /// Annotates already-ingested documents (the `stage` command).
    pub fn run_documents<I, S>(&mut self, docs: I, sink: S) -> io::Result<RunSummary>
    where
        I: Iterator<Item = Document> + Send,
        S: FnMut(&Document) -> io::Result<()>,
    {
        self.run_batches(docs, sink, |batch| batch)
    }

    fn run_batches<T, I, S, F>(
        &mut self,
        items: I,
        mut sink: S,
        to_documents: F,
    ) -> io::Result<RunSummary>
    where
        T: Send,
        I: Iterator<Item = T> + Send,
        S: FnMut(&Document) -> io::Result<()>,
        F: Fn(Vec<T>) -> Vec<Document> + Send,
    {
        let started = Instant::now();
        let mut summary = RunSummary::default();
        let batch_size = self.batch_size;
        let stages = &self.pipeline.stages;
        let languages = &self.pipeline.languages;
        let done = &mut self.done;
        let (read_time, annotated) = std::thread::scope(|scope| -> io::Result<_> {
            let (batch_tx, batch_rx) = mpsc::sync_channel::<Vec<T>>(QUEUE_DEPTH);
            let (docs_tx, docs_rx) = mpsc::sync_channel::<Vec<Document>>(QUEUE_DEPTH);
            let reader = scope.spawn(move || read_batches(items, batch_size, &batch_tx));
            let annotator = scope.spawn(move || {
                let mut times = StepTimes::new(stages);
                let mut skipped = 0;
                for batch in batch_rx {
                    let begun = Instant::now();
                    let mut docs = to_documents(batch);
                    times.add(0, begun.elapsed());
                    skipped += done.remove_from(&mut docs);
                    for (index, stage) in stages.iter().enumerate() {
                        let begun = Instant::now();
                        apply_stage(stage.as_ref(), languages, &mut docs);
                        times.add(index + 1, begun.elapsed());
                    }
                    release_freed_memory();
                    if docs_tx.send(docs).is_err() {
                        break;
                    }
                }
                (times, skipped)
            });
            let mut write_time = Duration::ZERO;
            for docs in docs_rx {
                let begun = Instant::now();
                for doc in &docs {
                    summary.count(doc);
                    sink(doc)?;
                }
                write_time += begun.elapsed();
            }
            let read_time = reader
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            let (times, skipped) = annotator
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            summary.skipped = skipped;
            Ok((read_time, times.finish(write_time)))
        })?;
        summary.steps = std::iter::once(("read".to_string(), read_time))
            .chain(annotated)
            .collect();
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}

/// Hands memory freed by the last batch back to the operating system.
/// The transformer's activations are large and differ in shape from batch
/// to batch; without this, glibc keeps the freed pieces and resident
/// memory creeps up with the number of batches instead of staying flat.
#[allow(unsafe_code)] // one of the workspace's two unsafe uses (the other: newsnlp-ner's fused_bert.rs)
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it
    // touches no memory in use and is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Pulls items into batches and queues them; returns the time spent
/// reading. Stops early when the annotating side has gone.
fn read_batches<T, I>(mut items: I, batch_size: usize, queue: &SyncSender<Vec<T>>) -> Duration
where
    I: Iterator<Item = T>,
{
    let mut reading = Duration::ZERO;
    loop {
        let begun = Instant::now();
        let batch: Vec<T> = items.by_ref().take(batch_size).collect();
        reading += begun.elapsed();
        if batch.is_empty() || queue.send(batch).is_err() {
            return reading;
        }
    }
}

/// Wall time per step of the annotating thread.
struct StepTimes {
    names: Vec<String>,
    times: Vec<Duration>,
}

impl StepTimes {
    fn new(stages: &[Box<dyn Stage>]) -> Self {
        let names: Vec<String> = std::iter::once("ingest")
            .chain(stages.iter().map(|s| s.name()))
            .map(str::to_string)
            .collect();
        let times = vec![Duration::ZERO; names.len()];
        Self { names, times }
    }

    fn add(&mut self, step: usize, time: Duration) {
        self.times[step] += time;
    }

    fn finish(self, write_time: Duration) -> Vec<(String, Duration)> {
        self.names
            .into_iter()
            .zip(self.times)
            .chain(std::iter::once(("write".to_string(), write_time)))
            .collect()
    }
}

/// Ids already written by an earlier run, with how many times each was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DoneIds {
    counts: HashMap<String, usize>,
    total: usize,
}

impl DoneIds {
    /// Records one written document with this id.
    pub fn insert(&mut self, id: String) {
        *self.counts.entry(id).or_default() += 1;
        self.total += 1;
    }

    /// Documents recorded.
    pub fn len(&self) -> usize {
        self.total
    }

    /// True when nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Drops from `docs` those already done, using up one record each;
    /// returns how many were dropped.
    fn remove_from(&mut self, docs: &mut Vec<Document>) -> usize {
        if self.counts.is_empty() {
            return 0;
        }
        let before = docs.len();
        docs.retain(|doc| match self.counts.get_mut(&doc.id) {
            Some(left) if *left > 0 => {
                *left -= 1;
                false
            }
            _ => true,
        });
        before - docs.len()
    }
}

fn ingest_isolated(record: RawRecord, options: &IngestOptions) -> Document {
    let fallback_id = record.fallback_id.clone();
    let source = record.source.clone();
    catch_unwind(AssertUnwindSafe(|| ingest(record, options))).unwrap_or_else(|panic| {
        let mut doc = Document::new(fallback_id, "");
        doc.source = source;
        doc.push_error(
            "ingest",
            StageError::Panicked(panic_message(&panic)).to_string(),
        );
        doc
    })
}

/// Runs one stage over a batch: documents missing a needed layer get an
/// error; documents in a language the stage does not read are marked
/// skipped; the others are annotated, each failure or panic recorded on its
/// own document.
fn apply_stage(stage: &dyn Stage, languages: &Languages, docs: &mut [Document]) {
    let mut ready: Vec<&mut Document> = Vec::with_capacity(docs.len());
    for doc in docs.iter_mut() {
        if let Some(reason) = languages.refusal(stage, doc) {
            doc.push_skipped(stage.name(), reason);
            continue;
        }
        match missing_layer(stage, doc) {
            Some(err) => doc.push_error(stage.name(), err.to_string()),
            None => ready.push(doc),
        }
    }
    if stage.batched() {
        let results = catch_unwind(AssertUnwindSafe(|| stage.annotate_batch(&mut ready)))
            .unwrap_or_else(|panic| {
                let message = panic_message(&panic);
                (0..ready.len())
                    .map(|_| Err(StageError::Panicked(message.clone())))
                    .collect()
            });
        for (doc, result) in ready.iter_mut().zip(results) {
            record_result(stage, doc, result);
        }
    } else {
        ready.par_iter_mut().for_each(|doc| {
            let result = catch_unwind(AssertUnwindSafe(|| stage.annotate(doc)))
                .unwrap_or_else(|panic| Err(StageError::Panicked(panic_message(&panic))));
            record_result(stage, doc, result);
        });
    }
}

fn missing_layer(stage: &dyn Stage, doc: &Document) -> Option<StageError> {
    let layer = *stage.requires().iter().find(|l| !doc.has_layer(**l))?;
    // Text is always present structurally; an empty text after a failed
    // ingest is still a valid (empty) input for later stages.
    Some(StageError::MissingLayer {
        stage: stage.name(),
        layer,
        producer: producer_of(layer),
    })
}

fn record_result(stage: &dyn Stage, doc: &mut Document, result: Result<(), StageError>) {
    if let Err(err) = result {
        doc.push_error(stage.name(), err.to_string());
    }
}

pub(crate) fn panic_message(panic: &Box<dyn Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
