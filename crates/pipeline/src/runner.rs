//! Ordered, parallel, error-isolating execution of a pipeline.

use std::any::Any;
use std::collections::HashSet;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use newsnlp_ingest::{ingest, IngestOptions, RawRecord};
use newsnlp_model::{Document, Layer};
use rayon::prelude::*;

use crate::registry::{self, producer_of};
use crate::{Stage, StageError};

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
        Ok(Self { ingest, stages })
    }

    /// A pipeline over saved annotated documents: needs are checked per
    /// document, since the input may already carry earlier layers.
    pub fn for_documents(stages: Vec<Box<dyn Stage>>) -> Self {
        Self {
            ingest: IngestOptions::default(),
            stages,
        }
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
    /// Characters of cleaned text processed.
    pub chars: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl RunSummary {
    /// Documents per second.
    pub fn docs_per_second(&self) -> f64 {
        self.documents as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Runs a [`Pipeline`] over a stream of inputs in batches, writing every
/// document, in input order, to a sink.
pub struct Runner {
    pipeline: Pipeline,
    batch_size: usize,
}

impl Runner {
    /// A runner processing `batch_size` documents at a time.
    pub fn new(pipeline: Pipeline, batch_size: usize) -> Self {
        Self {
            pipeline,
            batch_size: batch_size.max(1),
        }
    }

    /// Ingests raw records and annotates them. Every record gives exactly
    /// one document to `sink`, in input order.
    pub fn run_raw<I, S>(&self, records: I, sink: S) -> io::Result<RunSummary>
    where
        I: Iterator<Item = RawRecord>,
        S: FnMut(&Document) -> io::Result<()>,
    {
        let ingest_options = &self.pipeline.ingest;
        self.run_batches(records, sink, |batch: Vec<RawRecord>| {
            batch
                .into_par_iter()
                .map(|record| ingest_isolated(record, ingest_options))
                .collect()
        })
    }

    /// Annotates already-ingested documents (the `stage` command).
    pub fn run_documents<I, S>(&self, docs: I, sink: S) -> io::Result<RunSummary>
    where
        I: Iterator<Item = Document>,
        S: FnMut(&Document) -> io::Result<()>,
    {
        self.run_batches(docs, sink, |batch| batch)
    }

    fn run_batches<T, I, S, F>(
        &self,
        items: I,
        mut sink: S,
        to_documents: F,
    ) -> io::Result<RunSummary>
    where
        I: Iterator<Item = T>,
        S: FnMut(&Document) -> io::Result<()>,
        F: Fn(Vec<T>) -> Vec<Document>,
    {
        let started = Instant::now();
        let mut summary = RunSummary::default();
        let mut items = items.peekable();
        while items.peek().is_some() {
            let batch: Vec<T> = items.by_ref().take(self.batch_size).collect();
            let mut docs = to_documents(batch);
            for stage in &self.pipeline.stages {
                apply_stage(stage.as_ref(), &mut docs);
            }
            for doc in &docs {
                summary.documents += 1;
                summary.chars += doc.text.chars().count();
                if !doc.errors.is_empty() {
                    summary.documents_with_errors += 1;
                }
                sink(doc)?;
            }
        }
        summary.elapsed = started.elapsed();
        Ok(summary)
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
/// error; the others are annotated, each failure or panic recorded on its
/// own document.
fn apply_stage(stage: &dyn Stage, docs: &mut [Document]) {
    let mut ready: Vec<&mut Document> = Vec::with_capacity(docs.len());
    for doc in docs.iter_mut() {
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

fn panic_message(panic: &Box<dyn Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
