//! What the transformer step fed the encoder and where its time went,
//! counted process-wide for a run's `--stats` ([`transformer_account`]).
//!
//! Sub-tokens are counted three ways: the documents' own (each once), what
//! the encoder read (with the special tokens and the sub-tokens that
//! overlapping windows read twice), and what it computed on (with the
//! padding that makes a batch's rows one width). Time is thread time in
//! each part of the step: cutting and tokenising the text and planning the
//! windows, the forward passes, copying their label probabilities out, and
//! decoding them into spans.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde::Serialize;

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TransformerAccount {
    /// Texts tagged (documents, or sentences for a sentence model).
    pub texts: u64,
    /// The texts' own sub-tokens, each counted once.
    pub text_subtokens: u64,
    /// Windows (batch rows) the encoder read.
    pub windows: u64,
    /// Forward passes (batches).
    pub forward_passes: u64,
    /// Sub-tokens the encoder read: the windows' sub-tokens (those of
    /// overlapping windows counted in each) plus special tokens.
    pub fed_subtokens: u64,
    /// Positions the encoder computed on: rows times the padded width.
    pub padded_subtokens: u64,
    /// Thread seconds cutting words, tokenising and planning windows.
    pub prepare_s: f64,
    /// Thread seconds inside the model's forward passes (embeddings,
    /// encoder layers, heads, softmax).
    pub forward_s: f64,
    /// Thread seconds building input tensors and copying the label
    /// probabilities out of the output tensors.
    pub tensors_s: f64,
    /// Thread seconds choosing label sequences and merging them into spans
    /// (window averaging included).
    pub decode_s: f64,
}

/// The parts of the step that are timed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Prepare,
    Forward,
    Tensors,
    Decode,
}

static TEXTS: AtomicU64 = AtomicU64::new(0);
static TEXT_SUBTOKENS: AtomicU64 = AtomicU64::new(0);
static WINDOWS: AtomicU64 = AtomicU64::new(0);
static FORWARD_PASSES: AtomicU64 = AtomicU64::new(0);
static FED: AtomicU64 = AtomicU64::new(0);
static PADDED: AtomicU64 = AtomicU64::new(0);
static NANOS: [AtomicU64; 4] = [
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
    AtomicU64::new(0),
];

/// Everything the transformer step of this process has fed and spent so
/// far.
pub fn transformer_account() -> TransformerAccount {
    let seconds = |part: Part| NANOS[part as usize].load(Ordering::Relaxed) as f64 / 1e9;
    TransformerAccount {
        texts: TEXTS.load(Ordering::Relaxed),
        text_subtokens: TEXT_SUBTOKENS.load(Ordering::Relaxed),
        windows: WINDOWS.load(Ordering::Relaxed),
        forward_passes: FORWARD_PASSES.load(Ordering::Relaxed),
        fed_subtokens: FED.load(Ordering::Relaxed),
        padded_subtokens: PADDED.load(Ordering::Relaxed),
        prepare_s: seconds(Part::Prepare),
        forward_s: seconds(Part::Forward),
        tensors_s: seconds(Part::Tensors),
        decode_s: seconds(Part::Decode),
    }
}

/// Counts tokenised texts and their sub-tokens.
pub(crate) fn count_texts(texts: usize, subtokens: usize) {
    TEXTS.fetch_add(texts as u64, Ordering::Relaxed);
    TEXT_SUBTOKENS.fetch_add(subtokens as u64, Ordering::Relaxed);
}

/// Counts one forward pass of `rows` windows holding `fed` sub-tokens,
/// padded to `width`.
pub(crate) fn count_pass(rows: usize, fed: usize, width: usize) {
    FORWARD_PASSES.fetch_add(1, Ordering::Relaxed);
    WINDOWS.fetch_add(rows as u64, Ordering::Relaxed);
    FED.fetch_add(fed as u64, Ordering::Relaxed);
    PADDED.fetch_add((rows * width) as u64, Ordering::Relaxed);
}

/// Runs `work`, adding its time to `part`.
pub(crate) fn timed<T>(part: Part, work: impl FnOnce() -> T) -> T {
    let _timer = Timer::start(part);
    work()
}

/// Adds the time from its start to its drop to one part.
pub(crate) struct Timer {
    part: Part,
    start: Instant,
}

impl Timer {
    pub(crate) fn start(part: Part) -> Self {
        Self {
            part,
            start: Instant::now(),
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        let nanos = self.start.elapsed().as_nanos() as u64;
        NANOS[self.part as usize].fetch_add(nanos, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up() {
        let before = transformer_account();
        count_texts(2, 300);
        count_pass(2, 260, 136);
        timed(Part::Decode, || {
            std::thread::sleep(std::time::Duration::from_millis(2))
        });
        let after = transformer_account();
        assert!(after.texts >= before.texts + 2);
        assert!(after.text_subtokens >= before.text_subtokens + 300);
        assert!(after.windows >= before.windows + 2);
        assert!(after.padded_subtokens >= before.padded_subtokens + 272);
        assert!(after.fed_subtokens >= before.fed_subtokens + 260);
        assert!(after.decode_s >= before.decode_s + 0.002);
    }
}
