//! Transformer named-entity tagging for newsnlp.
//!
//! [`NerTagger`] loads a Hugging Face token-classification model directory
//! (BERT, DistilBERT, RoBERTa / XLM-R or DeBERTa-v2: `config.json` with
//! `id2label`, `tokenizer.json`, `model.safetensors` or `rust_model.ot`)
//! with rust-bert and tch, and tags many texts (sentences) at once:
//!
//! 1. each text is cut into words the way the training data was
//!    ([`words`]: whitespace, then PTB-style punctuation and clitics);
//! 2. words are tokenised with the `tokenizers` crate from `tokenizer.json`;
//! 3. sub-token sequences longer than the model's window are split into
//!    overlapping windows; windows from all texts are sorted by length and
//!    run in batches of at most `batch_size`;
//! 4. each word takes the label probabilities of its first sub-token (from
//!    the window where that token is most central); the most probable
//!    label sequence in which every `I-X` continues an `X` span is chosen
//!    (`decode.rs`), and its BIO labels are merged into whole-word spans
//!    with byte offsets into the text.
//!
//! [`NerTagger::tag_sentences`] tags the sentences of whole documents: for
//! a model trained on consecutive sentences packed together
//! (`"newsnlp_context_words"` in `config.json`) it packs them the same way
//! ([`pack_sentences`]), so each sentence is read with its neighbours.
//!
//! Models trained by `scripts/train_ner.py` declare
//! `"newsnlp_token_types": "word_shape_v1"` in `config.json`; for them the
//! token-type ids carry each sub-token's casing ([`shape`]), which restores
//! what an uncased encoder cannot see.
#![warn(missing_docs)]

mod account;
mod batches;
mod bert_heads;
mod combine;
mod context;
mod decode;
mod edges;
mod encoder;
mod error;
pub mod eval;
mod fused_bert;
mod groups;
mod precision;
pub mod shape;
mod spans;
mod tagger;
pub mod words;

pub use account::{transformer_account, TransformerAccount};
pub use combine::combine_models;
pub use context::pack_sentences;
pub use error::NerError;
pub use precision::{choose_precision, cpu_flags, cpu_summary, Precision};
pub use tagger::{
    HeadKind, JointSpans, NerOptions, NerTagger, TaggedSpan, DEFAULT_BATCH_TOKENS,
    DEFAULT_MIN_SCORE,
};

pub use tch::Device;

/// Sets the number of intra-op threads libtorch uses (process-wide).
pub fn set_torch_threads(threads: usize) {
    tch::set_num_threads(threads.max(1) as i32);
}

/// How many CUDA GPUs libtorch can use (0 without a GPU or a CUDA build).
pub fn cuda_devices() -> usize {
    if tch::Cuda::is_available() {
        tch::Cuda::device_count().max(0) as usize
    } else {
        0
    }
}
