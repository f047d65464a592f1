//! Tagging many texts at once: words, sub-tokens, windows, length-sorted
//! batches, and BIO merging back to whole-word spans.

use std::ops::Range;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use tokenizers::{EncodeInput, Tokenizer};

use crate::account::{self, Part};
use crate::batches::{
    average_over_windows, batch_by_size, lock, most_central_windows, predict_batch, run_on_workers,
    worker_slots, RowSource, WorkerLoader, Workers,
};
use crate::context::{harmonise_labels, split_at_sentences};
use crate::encoder::Encoder;
use crate::shape::shape_id;
use crate::spans::{merge_spans, Head};
use crate::words::words;
use crate::NerError;

/// Batching and windowing settings.
#[derive(Debug, Clone, Copy)]
pub struct NerOptions {
    /// Most windows run through the model in one forward pass.
    pub batch_size: usize,
    /// Most sub-tokens per window, special tokens included (capped by the
    /// model's maximum length), unless the model says what window it was
    /// trained on (`"newsnlp_window"` in `config.json`). Longer texts get
    /// overlapping windows.
    pub window: usize,
    /// Where the model runs: the CPU, or a CUDA GPU (libtorch from the PyPI
    /// wheel is a CUDA build, so a machine with a GPU can use it as is).
    pub device: tch::Device,
    /// Run the network in bfloat16 instead of float32: three times faster
    /// on CPUs with AVX-512 BF16, same OntoNotes dev F1 to three decimals
    /// (docs/accuracy.md). [`crate::choose_precision`] tells whether this CPU has it.
    pub bf16: bool,
    /// Multiply int8 weights in the layers' projections of a BERT model
    /// (fbgemm; needs AVX2), the rest in float32: `--precision int8`
    /// (docs/speed.md has its speed and accuracy per tier). Overrides `bf16`.
    pub int8: bool,
    /// Drop a leading "the" from names ("the Inter-Services Public
    /// Relations" -> "Inter-Services Public Relations"). OntoNotes includes
    /// the article in about a fifth of its names, inconsistently, so the
    /// model sometimes does; readers and claim speakers want the name.
    /// Evaluation against OntoNotes turns this off.
    pub trim_articles: bool,
    /// Join an organisation directly followed by a place, either unsure,
    /// into one organisation (`Tehreek-e-Taliban Pakistan`; see
    /// [`join_org_and_place`]'s measurements). OntoNotes labels only.
    pub join_org_place: bool,
    /// Spans whose mean word-label probability is below this are dropped
    /// (`0.0` keeps every span). The model finds more spans than are right
    /// (OntoNotes dev precision 0.841, recall 0.863), and its least sure
    /// spans are mostly wrong: the default 0.5 lifts micro F1 on the v4 dev
    /// split from 0.8515 to 0.8550 (docs/accuracy.md).
    pub min_score: f32,
    /// Copies of the model run side by side, each on its own thread with
    /// one libtorch thread (`1`: a single model whose forward passes use
    /// every libtorch thread). Forward batches are formed the same way
    /// whatever this is, and each runs on one thread, so output does not
    /// depend on it or on the thread count.
    pub workers: usize,
    /// Give every mention of the same name in a document the same type
    /// ([`NerTagger::tag_sentences`] only; see `context.rs`).
    pub consistent_labels: bool,
    /// Sub-tokens from one window's start to the next over a text longer
    /// than a window (`None`: half a window; at most a whole window, so
    /// `Some(usize::MAX)` gives windows that do not overlap). Each
    /// sub-token's label comes from the window where it sits furthest from
    /// an edge (or from all of them, [`NerOptions::average_windows`]), so
    /// a smaller step gives more context at the cost of more windows.
    pub window_step: Option<usize>,
    /// Where windows overlap, average each sub-token's label probabilities
    /// over every window that holds it, instead of taking the window where
    /// it is most central: the same model read with different contexts,
    /// like a small ensemble.
    pub average_windows: bool,
    /// Most padded sub-tokens (rows times width, special tokens included)
    /// in one forward batch; `None`: only `batch_size` limits a batch. On
    /// a CPU, batches past the caches run slower per token: with the
    /// default 1,024, 256-sub-token document windows go four to a batch
    /// and the attribution model runs 1.5 to 1.6 times as fast as sixteen
    /// to a batch, while short sentences still go sixteen at a time.
    pub batch_tokens: Option<usize>,
}

/// [`NerOptions::min_score`]'s default.
pub const DEFAULT_MIN_SCORE: f32 = 0.5;

/// [`NerOptions::batch_tokens`]'s default, measured on a 2-core AVX-512
/// CPU (docs/speed.md).
pub const DEFAULT_BATCH_TOKENS: usize = 1024;

impl Default for NerOptions {
    fn default() -> Self {
        Self {
            batch_size: 16,
            window: 256,
            device: tch::Device::Cpu,
            trim_articles: true,
            join_org_place: true,
            consistent_labels: true,
            min_score: DEFAULT_MIN_SCORE,
            bf16: false,
            int8: false,
            workers: 1,
            window_step: None,
            average_windows: false,
            batch_tokens: Some(DEFAULT_BATCH_TOKENS),
        }
    }
}

/// One entity found in a text: byte range, label (without `B-`/`I-`), and
/// the mean probability of its words' labels.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSpan {
    /// Byte range into the tagged text; starts and ends on word boundaries.
    pub bytes: Range<usize>,
    /// Entity type, e.g. `PERSON`.
    pub label: String,
    /// Mean probability of the span's word labels (the lower of the two
    /// parts' for an organisation joined with a place).
    pub score: f32,
}

/// A loaded token-classification model and its tokenizer.
pub struct NerTagger {
    /// One model per worker (each locked only by its own worker). The
    /// first is loaded before [`NerTagger::load`] returns, the others on a
    /// background thread, so a short run does not wait for them: batches
    /// go to the workers loaded so far (output does not depend on which).
    encoders: Workers,
    /// Loads the other workers once a call has enough batches for them.
    loader: Mutex<WorkerLoader>,
    /// The entity head, then a joint model's attribution head.
    heads: Vec<Head>,
    uses_word_shape: bool,
    context_words: Option<usize>,
    document_step: Option<usize>,
    tokenizer: Tokenizer,
    framing: Framing,
    options: NerOptions,
}

/// Which head [`NerTagger::tag_with_head`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    /// The entity head (`id2label`): every model has it.
    Entities,
    /// A joint model's attribution head (`newsnlp_claims_id2label`), read
    /// with every role span kept (no score floor, no name clean-up).
    Attribution,
}

/// Every head's spans for each text of one pass: entity spans, then
/// attribution spans (empty without an attribution head).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JointSpans {
    /// Entity spans (the entity head, with [`NerOptions`]' span rules).
    pub entities: Vec<TaggedSpan>,
    /// Attribution role spans (`SOURCE` / `CUE` / `CONTENT`), every one kept.
    pub attribution: Vec<TaggedSpan>,
}

/// How a window becomes one row of model input.
pub(crate) struct Framing {
    pub(crate) prefix: Vec<u32>,
    pub(crate) suffix: Vec<u32>,
    pub(crate) pad_id: i64,
    pub(crate) device: tch::Device,
}

/// One text after tokenisation.
pub(crate) struct Prepared {
    pub(crate) words: Vec<Range<usize>>,
    pub(crate) ids: Vec<u32>,
    pub(crate) shapes: Vec<i64>,
    /// Index of each word's first sub-token, if it has any.
    pub(crate) first_token: Vec<Option<usize>>,
}

/// A slice of one text's sub-tokens that fits the model.
pub(crate) struct Window {
    pub(crate) text: usize,
    pub(crate) tokens: Range<usize>,
}

/// Label probabilities of every sub-token of one window, `labels` per
/// sub-token, in order.
pub(crate) type WindowProbabilities = Vec<f32>;

/// Each head's label probabilities of every window: `[head][window]`.
pub(crate) type HeadProbabilities = Vec<Vec<WindowProbabilities>>;

impl NerTagger {
    /// Loads a model directory (see the crate docs for what it must hold).
    pub fn load(dir: &Path, options: NerOptions) -> Result<Self, NerError> {
        let kind = if options.bf16 && !options.int8 {
            tch::Kind::BFloat16
        } else {
            tch::Kind::Float
        };
        let workers = options.workers.max(1);
        let first = Encoder::load(dir, options.device, kind, options.int8)?;
        let encoder = &first;
        let mut heads = vec![Head::new(
            encoder.labels.clone(),
            options.min_score,
            options.trim_articles,
            options.join_org_place,
        )];
        if let Some(labels) = &encoder.attribution_labels {
            heads.push(Head::new(labels.clone(), 0.0, false, false));
        }
        let (uses_word_shape, context_words, document_step, pad_id) = (
            encoder.uses_word_shape,
            encoder.context_words,
            encoder.document_step,
            encoder.pad_id,
        );
        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| NerError::model(dir, format!("tokenizer.json: {e}")))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| NerError::model(dir, format!("tokenizer.json: {e}")))?;
        tokenizer.with_padding(None);
        let (prefix, suffix) = special_tokens(&tokenizer).map_err(|e| NerError::model(dir, e))?;
        let window = encoder
            .trained_window
            .unwrap_or(options.window)
            .min(encoder.max_positions);
        if window <= prefix.len() + suffix.len() + 8 {
            return Err(NerError::model(
                dir,
                format!("window of {window} sub-tokens is too small"),
            ));
        }
        let encoders = worker_slots(first, workers);
        let loader = WorkerLoader::new(dir, options.device, kind, options.int8);
        Ok(Self {
            encoders,
            loader: Mutex::new(loader),
            heads,
            uses_word_shape,
            context_words,
            document_step,
            tokenizer,
            framing: Framing {
                prefix,
                suffix,
                pad_id,
                device: options.device,
            },
            options: NerOptions {
                batch_size: options.batch_size.max(1),
                window,
                workers,
                ..options
            },
        }
        .reading_documents_as_trained())
    }

    /// A joint model reads as it was trained, whoever loads it (the `ner`
    /// or `claims` stage, `newsnlp eval ner`): with
    /// `"newsnlp_context_words"`, groups of whole sentences as a one-head
    /// entity model does (windows half a window apart within a group too
    /// long for one, each sub-token from the window where it is most
    /// central); else whole documents in windows
    /// [`NerTagger::document_window_step`] apart, each sub-token's label
    /// probabilities averaged over the windows that hold it.
    fn reading_documents_as_trained(self) -> Self {
        if !self.is_joint() {
            return self;
        }
        if self.context_words.is_some() {
            return self.with_window_step(None).with_average_windows(false);
        }
        let step = self.document_window_step();
        self.with_window_step(Some(step)).with_average_windows(true)
    }

    /// Sub-tokens between the starts of the windows a whole document is
    /// read in: as far apart as `config.json` says
    /// (`"newsnlp_document_step"`), else two thirds of a window. With the
    /// one-head attribution model two thirds gave PolNeAR dev source / cue /
    /// content overlap F1 0.838 / 0.828 / 0.858, against 0.831 / 0.825 /
    /// 0.854 with windows that do not overlap (docs/claims.md).
    pub fn document_window_step(&self) -> usize {
        let capacity = self
            .options
            .window
            .saturating_sub(self.framing.prefix.len() + self.framing.suffix.len());
        self.document_step
            .unwrap_or(capacity * 2 / 3)
            .clamp(1, capacity.max(1))
    }

    /// The model's (entity head's) labels in id order (`id2label` in
    /// `config.json`).
    pub fn labels(&self) -> &[String] {
        &self.heads[0].labels
    }

    /// A joint model's attribution labels in id order
    /// (`newsnlp_claims_id2label` in `config.json`); `None` for a model with
    /// one head.
    pub fn attribution_labels(&self) -> Option<&[String]> {
        self.heads.get(1).map(|head| head.labels.as_slice())
    }

    /// True for a joint model: one encoder pass gives entities and
    /// attribution roles, reading whole documents in windows
    /// ([`NerTagger::tag_documents`]).
    pub fn is_joint(&self) -> bool {
        self.heads.len() > 1
    }

    /// The same tagger with windows `step` sub-tokens apart
    /// ([`NerOptions::window_step`]), for a step that depends on the
    /// model's window ([`NerTagger::window`]).
    pub fn with_window_step(mut self, step: Option<usize>) -> Self {
        self.options.window_step = step;
        self
    }

    /// The same tagger averaging label probabilities where windows overlap
    /// or not ([`NerOptions::average_windows`]).
    pub fn with_average_windows(mut self, average: bool) -> Self {
        self.options.average_windows = average;
        self
    }

    /// Sub-tokens per window, special tokens included: the window the
    /// model was trained on if `config.json` says (`"newsnlp_window"`),
    /// else [`NerOptions::window`], capped by the model's maximum length.
    pub fn window(&self) -> usize {
        self.options.window
    }

    /// Words per packed group of sentences the model was trained on
    /// (`"newsnlp_context_words"` in `config.json`); `None`: one sentence
    /// at a time.
    pub fn context_words(&self) -> Option<usize> {
        self.context_words
    }

    /// Tags the sentences of whole documents, each given as its text and
    /// its sentences' byte ranges (sorted, disjoint). Spans come back per
    /// document, with byte ranges into its text, and never cross a
    /// sentence boundary. A model trained with context reads consecutive
    /// sentences packed as in training ([`pack_sentences`]); any other
    /// reads one sentence at a time. Batches span all documents. With
    /// [`NerOptions::consistent_labels`], a name tagged with several types
    /// in one document gets one.
    pub fn tag_sentences(
        &self,
        documents: &[(&str, &[Range<usize>])],
    ) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        if self.is_joint() {
            return Ok(self
                .tag_documents(documents)?
                .into_iter()
                .map(|document| document.entities)
                .collect());
        }
        let mut found = self
            .tag_sentence_groups(documents, &[0])?
            .pop()
            .unwrap_or_default();
        if self.options.consistent_labels {
            for ((text, _), spans) in documents.iter().zip(&mut found) {
                harmonise_labels(text, spans);
            }
        }
        Ok(found)
    }

    /// Tags whole documents, each given as its text and its sentences' byte
    /// ranges, with every head of the model in one encoder pass per window:
    /// a model with `"newsnlp_context_words"` reads groups of whole
    /// sentences, any other the whole text in windows
    /// ([`NerOptions::window_step`] apart); entity spans are cut at sentence boundaries (and, with
    /// [`NerOptions::consistent_labels`], given one type per name), and a
    /// joint model's attribution spans come back as tagged. For a one-head
    /// model `attribution` stays empty.
    pub fn tag_documents(
        &self,
        documents: &[(&str, &[Range<usize>])],
    ) -> Result<Vec<JointSpans>, NerError> {
        let texts: Vec<&str> = documents.iter().map(|(text, _)| *text).collect();
        let sentences: Vec<&[Range<usize>]> = documents.iter().map(|(_, s)| *s).collect();
        let heads: Vec<usize> = (0..self.heads.len()).collect();
        let mut per_head = match self.context_words {
            Some(_) => self.tag_sentence_groups(documents, &heads)?,
            None => self.tag_heads(&texts, Some(&sentences), &heads)?,
        }
        .into_iter();
        let entities = per_head.next().unwrap_or_default();
        let attribution = per_head
            .next()
            .unwrap_or_else(|| vec![Vec::new(); texts.len()]);
        Ok(documents
            .iter()
            .zip(entities.into_iter().zip(attribution))
            .map(|((text, sentences), (spans, attribution))| {
                let mut entities: Vec<TaggedSpan> = spans
                    .into_iter()
                    .flat_map(|span| {
                        split_at_sentences(text, span.bytes.clone(), sentences)
                            .into_iter()
                            .map(move |bytes| TaggedSpan {
                                bytes,
                                ..span.clone()
                            })
                    })
                    .collect();
                if self.options.consistent_labels {
                    harmonise_labels(text, &mut entities);
                }
                JointSpans {
                    entities,
                    attribution,
                }
            })
            .collect())
    }

    /// Tags whole documents (text and sentence byte ranges) with one head,
    /// in windows that start and end at sentence boundaries where they can
    /// (as [`NerTagger::tag_documents`] reads them); spans come back as
    /// tagged, per document, and may cross sentences (attribution content
    /// does).
    pub fn tag_with_head_in_sentences(
        &self,
        documents: &[(&str, &[Range<usize>])],
        head: HeadKind,
    ) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        let index = self.head_index(head)?;
        let texts: Vec<&str> = documents.iter().map(|(text, _)| *text).collect();
        let sentences: Vec<&[Range<usize>]> = documents.iter().map(|(_, s)| *s).collect();
        Ok(self
            .tag_heads(&texts, Some(&sentences), &[index])?
            .pop()
            .unwrap_or_default())
    }

    /// Tags every text with the entity head; spans come back per text, in
    /// order.
    pub fn tag(&self, texts: &[&str]) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        self.tag_with_head(texts, HeadKind::Entities)
    }

    /// Tags every text with one head; spans come back per text, in order.
    /// Asking a one-head model for [`HeadKind::Attribution`] is an error.
    pub fn tag_with_head(
        &self,
        texts: &[&str],
        head: HeadKind,
    ) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        let index = self.head_index(head)?;
        Ok(self
            .tag_heads(texts, None, &[index])?
            .pop()
            .unwrap_or_default())
    }

    /// Where `head`'s probabilities come in a forward pass.
    fn head_index(&self, head: HeadKind) -> Result<usize, NerError> {
        match head {
            HeadKind::Entities => Ok(0),
            HeadKind::Attribution if self.is_joint() => Ok(1),
            HeadKind::Attribution => Err(NerError::Inference(
                "this model has no attribution head (newsnlp_claims_id2label)".into(),
            )),
        }
    }

    /// One encoder pass over every window of `texts`; spans per requested
    /// head (`[head][text]`). With each text's sentences (byte ranges),
    /// windows start and end at sentence boundaries where they can
    /// ([`sentence_starts`]).
    pub(crate) fn tag_heads(
        &self,
        texts: &[&str],
        sentences: Option<&[&[Range<usize>]]>,
        heads: &[usize],
    ) -> Result<Vec<Vec<Vec<TaggedSpan>>>, NerError> {
        let (prepared, windows) = account::timed(Part::Prepare, || {
            let prepared = texts
                .iter()
                .map(|text| self.prepare(text))
                .collect::<Result<Vec<_>, _>>()?;
            let boundaries: Vec<Vec<usize>> = match sentences {
                Some(sentences) => prepared
                    .iter()
                    .zip(sentences)
                    .map(|(text, sentences)| sentence_starts(text, sentences))
                    .collect(),
                None => vec![Vec::new(); prepared.len()],
            };
            let windows = self.windows(&prepared, &boundaries);
            Ok::<_, NerError>((prepared, windows))
        })?;
        account::count_texts(
            prepared.len(),
            prepared.iter().map(|text| text.ids.len()).sum(),
        );
        let probabilities = self.predict_windows(&prepared, &windows)?;
        let _decoding = account::Timer::start(Part::Decode);
        heads
            .iter()
            .map(|&head| {
                let rows = probabilities.get(head).ok_or_else(|| {
                    NerError::Inference(format!(
                        "the model gave {} head(s); config.json names {}",
                        probabilities.len(),
                        self.heads.len()
                    ))
                })?;
                self.spans_of_head(texts, &prepared, &windows, rows, &self.heads[head])
            })
            .collect()
    }

    /// One head's spans per text from its window probabilities.
    fn spans_of_head(
        &self,
        texts: &[&str],
        prepared: &[Prepared],
        windows: &[Window],
        probabilities: &[WindowProbabilities],
        head: &Head,
    ) -> Result<Vec<Vec<TaggedSpan>>, NerError> {
        let labels = head.labels.len();
        if let Some((window, got)) = windows
            .iter()
            .zip(probabilities)
            .find(|(window, got)| got.len() != window.tokens.len() * labels)
        {
            return Err(NerError::Inference(format!(
                "the model gave {} label probabilities per sub-token; config.json names {labels} labels",
                got.len() / window.tokens.len().max(1)
            )));
        }
        let pick = if self.options.average_windows {
            RowSource::Averaged(average_over_windows(
                prepared,
                windows,
                probabilities,
                labels,
            ))
        } else {
            RowSource::MostCentral(most_central_windows(prepared, windows))
        };
        let row = |text: usize, token: usize| -> Option<&[f32]> {
            match &pick {
                RowSource::Averaged(averaged) => {
                    Some(&averaged[text][token * labels..(token + 1) * labels])
                }
                RowSource::MostCentral(central) => central[text][token].map(|window| {
                    let offset = token - windows[window].tokens.start;
                    &probabilities[window][offset * labels..(offset + 1) * labels]
                }),
            }
        };
        Ok(texts
            .iter()
            .zip(prepared)
            .enumerate()
            .map(|(index, (source, text))| {
                let words: Vec<Option<&[f32]>> = text
                    .first_token
                    .iter()
                    .map(|first| first.and_then(|token| row(index, token)))
                    .collect();
                merge_spans(head, source, text, &words)
            })
            .collect())
    }

    fn prepare(&self, text: &str) -> Result<Prepared, NerError> {
        let words = words(text);
        let pieces: Vec<&str> = words.iter().map(|r| &text[r.clone()]).collect();
        if pieces.is_empty() {
            return Ok(Prepared {
                words,
                ids: Vec::new(),
                shapes: Vec::new(),
                first_token: Vec::new(),
            });
        }
        let encoding = self
            .tokenizer
            .encode(EncodeInput::Single(pieces.as_slice().into()), false)
            .map_err(|e| NerError::Tokenizer(e.to_string()))?;
        let mut first_token = vec![None; words.len()];
        let mut shapes = Vec::with_capacity(encoding.len());
        for (token, (word, offsets)) in encoding
            .get_word_ids()
            .iter()
            .zip(encoding.get_offsets())
            .enumerate()
        {
            let shape = match word {
                Some(word) => {
                    let word = *word as usize;
                    if first_token[word].is_none() {
                        first_token[word] = Some(token);
                    }
                    pieces[word].get(offsets.0..offsets.1).map_or(0, shape_id)
                }
                None => 0,
            };
            shapes.push(if self.uses_word_shape { shape } else { 0 });
        }
        Ok(Prepared {
            words,
            ids: encoding.get_ids().to_vec(),
            shapes,
            first_token,
        })
    }

    /// Overlapping windows (`window_step` apart, by default half a window)
    /// over texts too long for one.
    fn windows(&self, texts: &[Prepared], boundaries: &[Vec<usize>]) -> Vec<Window> {
        let capacity = self.options.window - self.framing.prefix.len() - self.framing.suffix.len();
        let step = self
            .options
            .window_step
            .unwrap_or(capacity / 2)
            .clamp(1, capacity);
        let mut windows = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            let len = text.ids.len();
            windows.extend(
                text_windows(len, capacity, step, &boundaries[index])
                    .into_iter()
                    .map(|tokens| Window {
                        text: index,
                        tokens,
                    }),
            );
        }
        windows
    }

    /// Runs every window, shortest first in batches, and returns each
    /// window's predictions in the original window order. With several
    /// workers, each takes the next batch as it becomes free.
    fn predict_windows(
        &self,
        texts: &[Prepared],
        windows: &[Window],
    ) -> Result<HeadProbabilities, NerError> {
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| windows[i].tokens.len());
        let specials = self.framing.prefix.len() + self.framing.suffix.len();
        let batches = batch_by_size(
            &order,
            |i| windows[i].tokens.len() + specials,
            self.options.batch_size,
            self.options.batch_tokens,
        );
        let framing = &self.framing;
        let run = |encoder: &Encoder, batch: &[usize]| {
            let batch_windows: Vec<&Window> = batch.iter().map(|&i| &windows[i]).collect();
            predict_batch(encoder, framing, texts, &batch_windows)
        };
        if batches.len() >= BATCHES_FOR_MORE_WORKERS {
            lock_loader(&self.loader).start(&self.encoders);
        }
        let ready: Vec<&Mutex<Encoder>> = self.encoders.iter().filter_map(OnceLock::get).collect();
        let predicted: Vec<HeadProbabilities> = if ready.len() == 1 || batches.len() == 1 {
            let encoder = lock(ready[0]);
            batches
                .iter()
                .map(|batch| run(&encoder, batch))
                .collect::<Result<_, _>>()?
        } else {
            run_on_workers(&ready, batches.len(), |encoder, index| {
                run(encoder, batches[index])
            })?
        };
        let heads = predicted.first().map_or(self.heads.len(), Vec::len);
        let mut results: HeadProbabilities = vec![vec![Vec::new(); windows.len()]; heads];
        for (batch, predictions) in batches.iter().zip(predicted) {
            for (head, rows) in results.iter_mut().zip(predictions) {
                for (&i, prediction) in batch.iter().zip(rows) {
                    head[i] = prediction;
                }
            }
        }
        Ok(results)
    }
}

/// A call with at least this many forward batches starts loading the other
/// workers (one short article makes fewer).
const BATCHES_FOR_MORE_WORKERS: usize = 6;

fn lock_loader(loader: &Mutex<WorkerLoader>) -> std::sync::MutexGuard<'_, WorkerLoader> {
    loader
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Windows of at most `capacity` sub-tokens over `len`, each `step` after
/// the one before, the last ending with the text. Overlapping windows (a
/// `step` under `capacity`) pull the last one back to be full, so the end of
/// a text is read with as much context as the rest; windows that do not
/// overlap never do (that read up to 1.9 times a document's sub-tokens: a
/// window ending at a sentence start left a tail, which a full last window
/// then re-read with most of the text before it). With sentence starts
/// (`boundaries`, sub-token indices, ascending) a window starts at the last
/// sentence start at or before where it would start, and ends at the last
/// sentence start within it, as long as that keeps at least half the
/// window: each sentence shorter than half a window is then read whole, with
/// context on both sides, in at least one window.
fn text_windows(
    len: usize,
    capacity: usize,
    step: usize,
    boundaries: &[usize],
) -> Vec<Range<usize>> {
    let mut windows = Vec::new();
    if len == 0 {
        return windows;
    }
    let snap_back = |at: usize, floor: usize| {
        boundaries
            .iter()
            .rev()
            .find(|&&b| b <= at && b > floor)
            .copied()
    };
    let mut start = 0;
    loop {
        let mut end = (start + capacity).min(len);
        if end < len {
            if let Some(boundary) = snap_back(end, start + capacity / 2) {
                end = boundary;
            }
        }
        windows.push(start..end);
        if end == len {
            return windows;
        }
        let wanted = if step < capacity {
            (start + step).min(len.saturating_sub(capacity))
        } else {
            start + step
        };
        let next = snap_back(wanted, start).unwrap_or(wanted);
        // Always move on, and never leave a gap after this window.
        start = next.clamp(start + 1, end);
    }
}

/// The sub-token index where each sentence (byte range) of a text begins:
/// the first sub-token of its first word.
fn sentence_starts(text: &Prepared, sentences: &[Range<usize>]) -> Vec<usize> {
    let mut starts: Vec<usize> = sentences
        .iter()
        .filter_map(|sentence| {
            let word = text.words.partition_point(|w| w.start < sentence.start);
            text.first_token.get(word).copied().flatten()
        })
        .filter(|&token| token > 0)
        .collect();
    starts.dedup();
    starts
}

/// The special tokens the tokenizer puts before and after one sequence
/// (`[CLS]` … `[SEP]` for BERT, `<s>` … `</s>` for RoBERTa).
fn special_tokens(tokenizer: &Tokenizer) -> Result<(Vec<u32>, Vec<u32>), String> {
    let probe = "newsnlp";
    let plain = tokenizer.encode(probe, false).map_err(|e| e.to_string())?;
    let with_specials = tokenizer.encode(probe, true).map_err(|e| e.to_string())?;
    let ids = with_specials.get_ids();
    let body = plain.get_ids();
    let at = ids
        .windows(body.len().max(1))
        .position(|w| w == body)
        .ok_or("cannot locate special tokens in tokenizer output")?;
    Ok((ids[..at].to_vec(), ids[at + body.len()..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::text_windows;

    #[test]
    fn windows_cover_the_text_and_start_and_end_at_sentences_where_they_can() {
        // 100 sub-tokens, sentences starting every 15; windows of 40, 26 apart.
        let boundaries: Vec<usize> = (1..7).map(|n| n * 15).collect();
        let windows = text_windows(100, 40, 26, &boundaries);
        assert_eq!(windows, vec![0..30, 15..45, 30..60, 45..75, 60..100]);
        // Without sentences: the plain windows, the last flush with the end.
        assert_eq!(
            text_windows(100, 40, 26, &[]),
            vec![0..40, 26..66, 52..92, 60..100]
        );
        // A sentence longer than half a window is cut where the window ends.
        assert_eq!(
            text_windows(100, 40, 26, &[90]),
            vec![0..40, 26..66, 52..90, 60..100]
        );
        // Windows that do not overlap read each sub-token once: two windows
        // for a 391-sub-token article of 254-sub-token windows (three, 734
        // sub-tokens, when the last was pulled back to be full).
        let sentences: Vec<usize> = (1..14).map(|n| n * 30).collect();
        assert_eq!(
            text_windows(391, 254, 254, &sentences),
            vec![0..240, 240..391]
        );
        assert_eq!(text_windows(30, 40, 26, &[10]), vec![0..30]);
        assert!(text_windows(0, 40, 26, &[]).is_empty());
    }
}
