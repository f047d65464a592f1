//! A progress bar on stderr, shown only on a terminal: documents, docs/s,
//! and — once the input has been counted — a bar with an ETA.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Starts the progress display. When `inputs` are files or folders (not
/// stdin), a background thread counts their documents and turns the
/// spinner into a bar with an ETA; `already_done` documents (resume) are
/// left out of the total.
pub fn document_progress(inputs: Option<Vec<PathBuf>>, already_done: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(style("{spinner} {pos} documents  {per_sec}  {elapsed}"));
    bar.enable_steady_tick(Duration::from_millis(200));
    if let Some(inputs) = inputs {
        let counted = bar.clone();
        std::thread::spawn(move || {
            let total = newsnlp_ingest::read_paths(&inputs).count();
            counted.set_length(total.saturating_sub(already_done) as u64);
            counted.set_style(style(
                "{bar:30} {pos}/{len} documents  {per_sec}  ETA {eta}  elapsed {elapsed}",
            ));
        });
    }
    bar
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}
