//! Tagging many texts at once: words, sub-tokens, windows, length-sorted
//! batches, and BIO merging back to whole-word spans.

use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use tch::Tensor;
use tokenizers::{EncodeInput, Tokenizer};

use crate::context::{harmonise_labels, pack_sentences, split_at_sentences};
use crate::decode::Transitions;
use crate::encoder::Encoder;
use crate::shape::shape_id;
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
    /// (docs/accuracy.md). [`fast_bf16_available`] tells whether this CPU has it.
    pub bf16: bool,
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
    /// One model per worker (each locked only by its own worker).
    encoders: Vec<Mutex<Encoder>>,
    /// The entity head, then a joint model's attribution head.
    heads: Vec<Head>,
    uses_word_shape: bool,
    context_words: Option<usize>,
    document_step: Option<usize>,
    tokenizer: Tokenizer,
    framing: Framing,
    options: NerOptions,
}

/// One classification head: its labels and how its word labels become
/// spans.
struct Head {
    labels: Vec<String>,
    transitions: Transitions,
    /// Spans whose mean word-label probability is below this are dropped.
    min_score: f32,
    /// [`NerOptions::trim_articles`] for this head.
    trim_articles: bool,
    /// [`NerOptions::join_org_place`] for this head.
    join_org_place: bool,
}

impl Head {
    fn new(labels: Vec<String>, min_score: f32, trim_articles: bool, join_org_place: bool) -> Self {
        Self {
            transitions: Transitions::from_labels(&labels),
            labels,
            min_score,
            trim_articles,
            join_org_place,
        }
    }
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
struct Framing {
    prefix: Vec<u32>,
    suffix: Vec<u32>,
    pad_id: i64,
    device: tch::Device,
}

/// One text after tokenisation.
struct Prepared {
    words: Vec<Range<usize>>,
    ids: Vec<u32>,
    shapes: Vec<i64>,
    /// Index of each word's first sub-token, if it has any.
    first_token: Vec<Option<usize>>,
}

/// A slice of one text's sub-tokens that fits the model.
struct Window {
    text: usize,
    tokens: Range<usize>,
}

/// Label probabilities of every sub-token of one window, `labels` per
/// sub-token, in order.
type WindowProbabilities = Vec<f32>;

/// Each head's label probabilities of every window: `[head][window]`.
type HeadProbabilities = Vec<Vec<WindowProbabilities>>;

impl NerTagger {
    /// Loads a model directory (see the crate docs for what it must hold).
    pub fn load(dir: &Path, options: NerOptions) -> Result<Self, NerError> {
        let kind = if options.bf16 {
            tch::Kind::BFloat16
        } else {
            tch::Kind::Float
        };
        let workers = options.workers.max(1);
        let encoders = (0..workers)
            .map(|_| Encoder::load(dir, options.device, kind))
            .collect::<Result<Vec<_>, _>>()?;
        let encoder = &encoders[0];
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
        Ok(Self {
            encoders: encoders.into_iter().map(Mutex::new).collect(),
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

    /// A joint model reads whole documents in windows
    /// [`NerTagger::document_window_step`] apart, each sub-token's label
    /// probabilities averaged over the windows that hold it, whoever loads
    /// it (the `ner` or `claims` stage, `newsnlp eval ner`).
    fn reading_documents_as_trained(self) -> Self {
        if !self.is_joint() {
            return self;
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
        // Every group of sentences read together: (document, sentence indices).
        let mut groups: Vec<(usize, Range<usize>)> = Vec::new();
        for (index, (text, sentences)) in documents.iter().enumerate() {
            match self.context_words {
                Some(budget) => {
                    let counts: Vec<usize> = sentences
                        .iter()
                        .map(|s| words(&text[s.clone()]).len())
                        .collect();
                    groups.extend(
                        pack_sentences(&counts, budget)
                            .into_iter()
                            .map(|p| (index, p)),
                    );
                }
                None => groups.extend((0..sentences.len()).map(|s| (index, s..s + 1))),
            }
        }
        let bytes_of = |(document, group): &(usize, Range<usize>)| {
            let sentences = documents[*document].1;
            sentences[group.start].start..sentences[group.end - 1].end
        };
        let texts: Vec<&str> = groups
            .iter()
            .map(|group| &documents[group.0].0[bytes_of(group)])
            .collect();
        let mut found: Vec<Vec<TaggedSpan>> = vec![Vec::new(); documents.len()];
        for (group, spans) in groups.iter().zip(self.tag(&texts)?) {
            let (text, sentences) = documents[group.0];
            let offset = bytes_of(group).start;
            for span in spans {
                let bytes = span.bytes.start + offset..span.bytes.end + offset;
                for part in split_at_sentences(text, bytes, &sentences[group.1.clone()]) {
                    found[group.0].push(TaggedSpan {
                        bytes: part,
                        ..span.clone()
                    });
                }
            }
        }
        if self.options.consistent_labels {
            for ((text, _), spans) in documents.iter().zip(&mut found) {
                harmonise_labels(text, spans);
            }
        }
        Ok(found)
    }

    /// Tags whole documents, each given as its text and its sentences' byte
    /// ranges, with every head of the model in one encoder pass per window:
    /// the text is read in windows ([`NerOptions::window_step`] apart),
    /// entity spans are cut at sentence boundaries (and, with
    /// [`NerOptions::consistent_labels`], given one type per name), and a
    /// joint model's attribution spans come back as tagged. For a one-head
    /// model `attribution` stays empty.
    pub fn tag_documents(
        &self,
        documents: &[(&str, &[Range<usize>])],
    ) -> Result<Vec<JointSpans>, NerError> {
        let texts: Vec<&str> = documents.iter().map(|(text, _)| *text).collect();
        let heads: Vec<usize> = (0..self.heads.len()).collect();
        let mut per_head = self.tag_heads(&texts, &heads)?.into_iter();
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
        let index = match head {
            HeadKind::Entities => 0,
            HeadKind::Attribution if self.is_joint() => 1,
            HeadKind::Attribution => {
                return Err(NerError::Inference(
                    "this model has no attribution head (newsnlp_claims_id2label)".into(),
                ))
            }
        };
        Ok(self.tag_heads(texts, &[index])?.pop().unwrap_or_default())
    }

    /// One encoder pass over every window of `texts`; spans per requested
    /// head (`[head][text]`).
    fn tag_heads(
        &self,
        texts: &[&str],
        heads: &[usize],
    ) -> Result<Vec<Vec<Vec<TaggedSpan>>>, NerError> {
        let prepared = texts
            .iter()
            .map(|text| self.prepare(text))
            .collect::<Result<Vec<_>, _>>()?;
        let windows = self.windows(&prepared);
        let probabilities = self.predict_windows(&prepared, &windows)?;
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
    fn windows(&self, texts: &[Prepared]) -> Vec<Window> {
        let capacity = self.options.window - self.framing.prefix.len() - self.framing.suffix.len();
        let step = self
            .options
            .window_step
            .unwrap_or(capacity / 2)
            .clamp(1, capacity);
        let mut windows = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            let len = text.ids.len();
            if len == 0 {
                continue;
            }
            let mut start = 0;
            loop {
                let end = (start + capacity).min(len);
                windows.push(Window {
                    text: index,
                    tokens: start..end,
                });
                if end == len {
                    break;
                }
                start = (start + step).min(len.saturating_sub(capacity));
            }
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
        let predicted: Vec<HeadProbabilities> = if self.encoders.len() == 1 || batches.len() == 1 {
            let encoder = lock(&self.encoders[0]);
            batches
                .iter()
                .map(|batch| run(&encoder, batch))
                .collect::<Result<_, _>>()?
        } else {
            run_on_workers(&self.encoders, batches.len(), |encoder, index| {
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

/// Word labels (the best valid sequence given each word's first
/// sub-token's probabilities, `None` where it has none) merged into
/// spans.
fn merge_spans(
    head: &Head,
    source: &str,
    text: &Prepared,
    word_probabilities: &[Option<&[f32]>],
) -> Vec<TaggedSpan> {
    let path = head.transitions.best_path(word_probabilities);
    let mut spans: Vec<TaggedSpan> = Vec::new();
    let mut open: Option<(String, Range<usize>, Vec<f32>)> = None;
    for ((word, &label), row) in text.words.iter().zip(&path).zip(word_probabilities) {
        let probability = row.map_or(0.0, |row| row[label]);
        let (tag, kind) = split_label(&head.labels[label]);
        let continues = matches!(&open, Some((open_kind, _, _)) if open_kind == kind && matches!(tag, 'I' | 'E' | '-'));
        if continues {
            if let Some((_, range, scores)) = open.as_mut() {
                range.end = word.end;
                scores.push(probability);
            }
        } else {
            spans.extend(open.take().map(close_span));
            if tag != 'O' {
                open = Some((kind.to_string(), word.clone(), vec![probability]));
            }
        }
    }
    spans.extend(open.take().map(close_span));
    spans.retain(|span| span.score >= head.min_score);
    if head.join_org_place {
        spans = join_org_and_place(source, spans);
    }
    if head.trim_articles {
        spans
            .iter_mut()
            .for_each(|span| trim_article(source, &text.words, span));
    }
    spans
}

/// Where a sub-token's label probabilities come from when windows
/// overlap ([`NerOptions::average_windows`]).
enum RowSource {
    /// Per text, every sub-token's probabilities averaged over its windows.
    Averaged(Vec<Vec<f32>>),
    /// Per text and sub-token, the window where it is most central.
    MostCentral(Vec<Vec<Option<usize>>>),
}

/// For every text, each sub-token's label probabilities (`labels` per
/// sub-token, in order) averaged over every window that holds it.
fn average_over_windows(
    texts: &[Prepared],
    windows: &[Window],
    probabilities: &[Vec<f32>],
    labels: usize,
) -> Vec<Vec<f32>> {
    let mut sums: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| vec![0.0; t.ids.len() * labels])
        .collect();
    let mut counts: Vec<Vec<u32>> = texts.iter().map(|t| vec![0; t.ids.len()]).collect();
    for (window, rows) in windows.iter().zip(probabilities) {
        let first = window.tokens.start * labels;
        let sum = &mut sums[window.text][first..first + rows.len()];
        sum.iter_mut().zip(rows).for_each(|(s, p)| *s += p);
        counts[window.text][window.tokens.clone()]
            .iter_mut()
            .for_each(|n| *n += 1);
    }
    for (sum, count) in sums.iter_mut().zip(&counts) {
        for (row, &n) in sum.chunks_mut(labels).zip(count) {
            row.iter_mut().for_each(|p| *p /= n.max(1) as f32);
        }
    }
    sums
}

/// For every sub-token of every text, the window where it sits furthest
/// from an edge (the most context on both sides).
fn most_central_windows(texts: &[Prepared], windows: &[Window]) -> Vec<Vec<Option<usize>>> {
    let mut best: Vec<Vec<Option<(usize, usize)>>> =
        texts.iter().map(|t| vec![None; t.ids.len()]).collect();
    for (index, window) in windows.iter().enumerate() {
        let len = window.tokens.len();
        for (offset, token) in window.tokens.clone().enumerate() {
            let margin = offset.min(len - 1 - offset);
            let slot = &mut best[window.text][token];
            if slot.is_none_or(|(_, best_margin)| margin > best_margin) {
                *slot = Some((index, margin));
            }
        }
    }
    best.into_iter()
        .map(|tokens| tokens.into_iter().map(|t| t.map(|(w, _)| w)).collect())
        .collect()
}

/// Rows are padded to a multiple of this many sub-tokens, and a batch holds
/// rows of one padded width only, so a row's padded width, and with it the
/// float rounding of its scores in bfloat16, depends on its own length
/// alone, not on the rows it is batched with.
const PAD_TO: usize = 8;

/// The width a row of `width` sub-tokens is padded to.
fn padded_width(width: usize) -> usize {
    width.div_ceil(PAD_TO) * PAD_TO
}

/// Cuts `order` (ascending in width) into consecutive batches of at most
/// `rows` items of one padded width ([`padded_width`]) whose padded size
/// (rows times that width) stays within `tokens`; an item wider than
/// `tokens` goes alone.
fn batch_by_size(
    order: &[usize],
    width: impl Fn(usize) -> usize,
    rows: usize,
    tokens: Option<usize>,
) -> Vec<&[usize]> {
    let rows = rows.max(1);
    let mut batches = Vec::new();
    let mut start = 0;
    for (end, &item) in order.iter().enumerate() {
        let count = end - start + 1;
        let too_many = count > rows;
        let padded = padded_width(width(item));
        let too_big = tokens.is_some_and(|limit| count > 1 && count * padded > limit);
        let other_width = padded != padded_width(width(order[start]));
        if too_many || too_big || other_width {
            batches.push(&order[start..end]);
            start = end;
        }
    }
    if start < order.len() {
        batches.push(&order[start..]);
    }
    batches
}

/// Runs jobs `0..count` on one thread per model (each with one libtorch
/// thread), every worker taking the next job when free; results come
/// back in job order.
fn run_on_workers<T, F>(
    encoders: &[Mutex<Encoder>],
    count: usize,
    job: F,
) -> Result<Vec<T>, NerError>
where
    T: Send,
    F: Fn(&Encoder, usize) -> Result<T, NerError> + Sync,
{
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Result<T, NerError>>> = (0..count).map(|_| None).collect();
    let done: Vec<Vec<(usize, Result<T, NerError>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = encoders
            .iter()
            .map(|encoder| {
                let (next, job) = (&next, &job);
                scope.spawn(move || {
                    tch::set_num_threads(1);
                    let encoder = lock(encoder);
                    let mut finished = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            return finished;
                        }
                        finished.push((index, job(&encoder, index)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    for (index, result) in done.into_iter().flatten() {
        slots[index] = Some(result);
    }
    slots
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err(NerError::Inference("a batch was not run".into()))))
        .collect()
}

/// Every head's label predictions for one padded batch of windows
/// (`[head][row]`).
fn predict_batch(
    encoder: &Encoder,
    framing: &Framing,
    texts: &[Prepared],
    windows: &[&Window],
) -> Result<HeadProbabilities, NerError> {
    let specials = framing.prefix.len() + framing.suffix.len();
    let width = padded_width(
        windows
            .iter()
            .map(|w| w.tokens.len() + specials)
            .max()
            .unwrap_or(0),
    );
    let rows = windows.len();
    let mut ids = vec![framing.pad_id; rows * width];
    let mut mask = vec![0i64; rows * width];
    let mut types = vec![0i64; rows * width];
    for (row, window) in windows.iter().enumerate() {
        let text = &texts[window.text];
        let body = text.ids[window.tokens.clone()]
            .iter()
            .map(|&id| i64::from(id));
        let row_ids = framing
            .prefix
            .iter()
            .map(|&id| i64::from(id))
            .chain(body)
            .chain(framing.suffix.iter().map(|&id| i64::from(id)));
        for (col, id) in row_ids.enumerate() {
            ids[row * width + col] = id;
            mask[row * width + col] = 1;
        }
        for (offset, &shape) in text.shapes[window.tokens.clone()].iter().enumerate() {
            types[row * width + framing.prefix.len() + offset] = shape;
        }
    }
    let shape = [rows as i64, width as i64];
    let device = framing.device;
    let heads = encoder.probabilities(
        &Tensor::from_slice(&ids).view(shape).to_device(device),
        &Tensor::from_slice(&mask).view(shape).to_device(device),
        &Tensor::from_slice(&types).view(shape).to_device(device),
    )?;
    heads
        .into_iter()
        .map(|probabilities| {
            let labels = probabilities.size().last().copied().unwrap_or(0) as usize;
            let probabilities =
                Vec::<f32>::try_from(probabilities.to_device(tch::Device::Cpu).view([-1]))
                    .map_err(|e| NerError::Inference(e.to_string()))?;
            Ok(windows
                .iter()
                .enumerate()
                .map(|(row, window)| {
                    let start = (row * width + framing.prefix.len()) * labels;
                    probabilities[start..start + window.tokens.len() * labels].to_vec()
                })
                .collect())
        })
        .collect()
}

/// The model behind `encoder`, even if a panicking worker poisoned it
/// (its weights are read-only).
fn lock(encoder: &Mutex<Encoder>) -> MutexGuard<'_, Encoder> {
    encoder
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// True when this CPU computes bfloat16 natively (AVX-512 BF16), so that
/// [`NerOptions::bf16`] is a speed-up rather than an emulation.
pub fn fast_bf16_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Labels whose names may start with a stray "the".
const NAME_LABELS: &[&str] = &[
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "PERSON",
    "EVENT",
    "LAW",
    "PRODUCT",
    "WORK_OF_ART",
];

/// Moves a name's start past a leading "the" word (when a word follows).
fn trim_article(text: &str, words: &[Range<usize>], span: &mut TaggedSpan) {
    if !NAME_LABELS.contains(&span.label.as_str()) {
        return;
    }
    let Some(first) = words.iter().position(|w| w.start == span.bytes.start) else {
        return;
    };
    let Some(next) = words.get(first + 1).filter(|w| w.end <= span.bytes.end) else {
        return;
    };
    if text[words[first].clone()].eq_ignore_ascii_case("the") {
        span.bytes.start = next.start;
    }
}

/// Below this mean probability a span is unsure enough to join its
/// neighbour in [`join_org_and_place`].
const UNSURE_SCORE: f32 = 0.9;

/// An organisation directly followed (one space) by a place, either of
/// them unsure, is one organisation: `Tehreek-e-Taliban Pakistan`, which
/// the model splits into ORG + GPE at 0.64 / 0.74. Labels as in OntoNotes;
/// other label sets pass through. The joined span scores the lower of
/// its parts. On OntoNotes dev it adds four correct spans (micro F1
/// 0.8400 -> 0.8404); joining every such pair, sure or not, gains nothing
/// (0.8400), and joining any two adjacent types loses (0.8344).
fn join_org_and_place(source: &str, spans: Vec<TaggedSpan>) -> Vec<TaggedSpan> {
    let mut joined: Vec<TaggedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(org) = joined.last_mut() {
            let adjacent = source.get(org.bytes.end..span.bytes.start) == Some(" ");
            if adjacent
                && org.label == "ORG"
                && span.label == "GPE"
                && org.score.min(span.score) < UNSURE_SCORE
            {
                org.bytes.end = span.bytes.end;
                org.score = org.score.min(span.score);
                continue;
            }
        }
        joined.push(span);
    }
    joined
}

fn close_span((label, bytes, scores): (String, Range<usize>, Vec<f32>)) -> TaggedSpan {
    let score = scores.iter().sum::<f32>() / scores.len().max(1) as f32;
    TaggedSpan {
        bytes,
        label,
        score,
    }
}

/// Splits `B-PERSON` into (`B`, `PERSON`); `O` into (`O`, ""); an
/// unprefixed `PER` (IO schemes) into (`-`, `PER`), which continues a span
/// of the same type.
pub(crate) fn split_label(label: &str) -> (char, &str) {
    if label == "O" || label.is_empty() {
        return ('O', "");
    }
    match label.split_once(['-', '_']) {
        Some((prefix, kind)) if prefix.len() == 1 => {
            let tag = prefix.chars().next().unwrap_or('B').to_ascii_uppercase();
            (if tag == 'S' { 'B' } else { tag }, kind)
        }
        _ => ('-', label),
    }
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
    use super::{
        average_over_windows, batch_by_size, join_org_and_place, split_label, Prepared, TaggedSpan,
        Window,
    };

    #[test]
    fn overlapping_windows_average_and_single_windows_pass_through() {
        let text = |len: usize| Prepared {
            words: Vec::new(),
            ids: vec![0; len],
            shapes: vec![0; len],
            first_token: Vec::new(),
        };
        // Text 0: four sub-tokens in windows [0, 3) and [1, 4); text 1: one
        // window. Two labels per sub-token.
        let texts = [text(4), text(2)];
        let windows = [
            Window {
                text: 0,
                tokens: 0..3,
            },
            Window {
                text: 0,
                tokens: 1..4,
            },
            Window {
                text: 1,
                tokens: 0..2,
            },
        ];
        let probabilities = vec![
            vec![0.9, 0.1, 0.8, 0.2, 0.6, 0.4],
            vec![0.4, 0.6, 0.2, 0.8, 0.3, 0.7],
            vec![0.5, 0.5, 1.0, 0.0],
        ];
        let averaged = average_over_windows(&texts, &windows, &probabilities, 2);
        let expected: [&[f32]; 2] = [
            &[0.9, 0.1, 0.6, 0.4, 0.4, 0.6, 0.3, 0.7],
            &[0.5, 0.5, 1.0, 0.0],
        ];
        for (got, want) in averaged.iter().zip(expected) {
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-6, "{got:?} != {want:?}");
            }
        }
    }

    #[test]
    fn an_unsure_org_and_place_side_by_side_are_one_org() {
        let text = "Tehreek-e-Taliban Pakistan and Google India";
        let span = |piece: &str, label: &str, score: f32| {
            let start = text.find(piece).unwrap();
            TaggedSpan {
                bytes: start..start + piece.len(),
                label: label.into(),
                score,
            }
        };
        let joined = join_org_and_place(
            text,
            vec![
                span("Tehreek-e-Taliban", "ORG", 0.64),
                span("Pakistan", "GPE", 0.74),
                span("Google", "ORG", 0.99),
                span("India", "GPE", 0.98),
            ],
        );
        let found: Vec<(&str, &str)> = joined
            .iter()
            .map(|s| (&text[s.bytes.clone()], s.label.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Tehreek-e-Taliban Pakistan", "ORG"),
                ("Google", "ORG"),
                ("India", "GPE")
            ]
        );
    }

    #[test]
    fn batches_keep_within_rows_and_padded_tokens() {
        let widths = [10, 12, 16, 20, 250, 250, 250, 250, 250, 600];
        let order: Vec<usize> = (0..widths.len()).collect();
        let batches = batch_by_size(&order, |i| widths[i], 16, Some(1024));
        assert_eq!(
            batches,
            vec![&[0, 1, 2][..], &[3], &[4, 5, 6, 7], &[8], &[9]],
            "one padded width a batch (16, 24, 256, 600); 4 x 256 fits in 1,024, a fifth would not; 600 goes alone"
        );
        let unlimited = batch_by_size(&order, |i| widths[i], 3, None);
        assert_eq!(
            unlimited,
            vec![&[0, 1, 2][..], &[3], &[4, 5, 6], &[7, 8], &[9]]
        );
    }

    #[test]
    fn label_schemes() {
        assert_eq!(split_label("B-PERSON"), ('B', "PERSON"));
        assert_eq!(split_label("I-WORK_OF_ART"), ('I', "WORK_OF_ART"));
        assert_eq!(split_label("S-LOC"), ('B', "LOC"));
        assert_eq!(split_label("O"), ('O', ""));
        assert_eq!(split_label("PER"), ('-', "PER"));
    }
}
