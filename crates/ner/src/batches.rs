//! Running windows through the model: length-sorted batches of one padded
//! width, the model copies (workers) that run them, and each sub-token's
//! label probabilities from the windows that hold it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;

use tch::Tensor;

use crate::account::{self, Part};
use crate::encoder::Encoder;
use crate::tagger::{Framing, HeadProbabilities, Prepared, Window};
use crate::NerError;

/// Where a sub-token's label probabilities come from when windows
/// overlap ([`NerOptions::average_windows`]).
pub(crate) enum RowSource {
    /// Per text, every sub-token's probabilities averaged over its windows.
    Averaged(Vec<Vec<f32>>),
    /// Per text and sub-token, the window where it is most central.
    MostCentral(Vec<Vec<Option<usize>>>),
}

/// For every text, each sub-token's label probabilities (`labels` per
/// sub-token, in order) averaged over every window that holds it.
pub(crate) fn average_over_windows(
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
pub(crate) fn most_central_windows(
    texts: &[Prepared],
    windows: &[Window],
) -> Vec<Vec<Option<usize>>> {
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
pub(crate) fn padded_width(width: usize) -> usize {
    width.div_ceil(PAD_TO) * PAD_TO
}

/// Cuts `order` (ascending in width) into consecutive batches of at most
/// `rows` items of one padded width ([`padded_width`]) whose padded size
/// (rows times that width) stays within `tokens`; an item wider than
/// `tokens` goes alone.
pub(crate) fn batch_by_size(
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

/// The worker slots of a tagger.
pub(crate) type Workers = Arc<Vec<OnceLock<Mutex<Encoder>>>>;

/// The worker slots, the first holding `first`, the others empty until
/// [`WorkerLoader::start`] fills them.
pub(crate) fn worker_slots(first: Encoder, workers: usize) -> Workers {
    let slots: Workers = Arc::new((0..workers.max(1)).map(|_| OnceLock::new()).collect());
    let _ = slots[0].set(Mutex::new(first));
    slots
}

/// Loads the other copies of the model on a background thread once there
/// is enough work for them: a short run (one article) neither waits for them
/// nor shares its cores with their loading. The thread is joined on drop,
/// since libtorch must not be torn down at exit while it loads.
pub(crate) struct WorkerLoader {
    what: Option<(PathBuf, tch::Device, tch::Kind, bool)>,
    running: Option<JoinHandle<()>>,
}

impl WorkerLoader {
    /// A loader of `dir`'s model, as loaded for the first worker.
    pub(crate) fn new(dir: &Path, device: tch::Device, kind: tch::Kind, int8: bool) -> Self {
        Self {
            what: Some((dir.to_path_buf(), device, kind, int8)),
            running: None,
        }
    }

    /// Starts filling the empty slots (once; a copy that fails to load,
    /// after the first loaded, leaves its worker out).
    pub(crate) fn start(&mut self, slots: &Workers) {
        let Some((dir, device, kind, int8)) = self.what.take() else {
            return;
        };
        if slots.len() < 2 {
            return;
        }
        let background = Arc::clone(slots);
        self.running = Some(std::thread::spawn(move || {
            for slot in &background[1..] {
                match Encoder::load(&dir, device, kind, int8) {
                    Ok(encoder) => {
                        let _ = slot.set(Mutex::new(encoder));
                    }
                    Err(err) => tracing::warn!("a model worker did not load: {err}"),
                }
            }
        }));
    }
}

impl Drop for WorkerLoader {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.join();
        }
    }
}

/// Runs jobs `0..count` on one thread per model (each with one libtorch
/// thread), every worker taking the next job when free; results come
/// back in job order.
pub(crate) fn run_on_workers<T, F>(
    encoders: &[&Mutex<Encoder>],
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
pub(crate) fn predict_batch(
    encoder: &Encoder,
    framing: &Framing,
    texts: &[Prepared],
    windows: &[&Window],
) -> Result<HeadProbabilities, NerError> {
    let building = account::Timer::start(Part::Tensors);
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
    let fed = windows.iter().map(|w| w.tokens.len() + specials).sum();
    account::count_pass(rows, fed, width);
    let shape = [rows as i64, width as i64];
    let device = framing.device;
    let inputs =
        [ids, mask, types].map(|values| Tensor::from_slice(&values).view(shape).to_device(device));
    drop(building);
    let heads = account::timed(Part::Forward, || {
        encoder.probabilities(&inputs[0], &inputs[1], &inputs[2])
    })?;
    let _copying = account::Timer::start(Part::Tensors);
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
pub(crate) fn lock(encoder: &Mutex<Encoder>) -> MutexGuard<'_, Encoder> {
    encoder
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::{average_over_windows, batch_by_size};
    use crate::tagger::{Prepared, Window};

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
}
