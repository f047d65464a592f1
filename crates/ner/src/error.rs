//! Errors of the NER crate.

use std::path::PathBuf;

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A model file is missing or unreadable.
    #[error("model directory {dir}: {message}")]
    Model {
        /// The model directory.
        dir: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The tokenizer failed on an input.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// libtorch failed while running the model.
    #[error("inference: {0}")]
    Inference(String),
}

impl NerError {
    /// A model-directory error with a message.
    pub fn model(dir: &std::path::Path, message: impl Into<String>) -> Self {
        NerError::Model {
            dir: dir.to_path_buf(),
            message: message.into(),
        }
    }
}
