//! Making a joint model directory out of two one-head BERT models: the
//! entity model as it is, and the attribution model's head (and its last
//! layers, as the attribution branch) on top of the entity model's shared
//! layers. The result loads like any joint model (`encoder.rs`); it is what
//! `scripts/train_joint.py` starts from before it trains the two paths to
//! share their layers, and what the tests use to check the joint runtime
//! against the one-head one.

use std::path::Path;

use serde_json::Value;
use tch::Tensor;

use crate::encoder::{ATTRIBUTION_LABELS_KEY, BRANCH_KEY};
use crate::NerError;

/// Files a model directory carries besides its weights and config.
const TOKENIZER_FILES: &[&str] = &[
    "tokenizer.json",
    "vocab.txt",
    "tokenizer_config.json",
    "special_tokens_map.json",
];

/// Writes a joint model to `out`: every tensor and the tokenizer of
/// `entity_dir`; the attribution head `claims_classifier` from
/// `attribution_dir`'s `classifier`, and its last `branch` encoder layers as
/// the attribution path's own layers (`claims_layers.N`); the config of
/// `entity_dir` with the attribution labels and branch added. Both must be
/// BERT token-classification models with `model.safetensors` and the same
/// number of layers. With `attribution_dir == entity_dir` both heads compute
/// the same thing through the two paths of the joint runtime.
pub fn combine_models(
    entity_dir: &Path,
    attribution_dir: &Path,
    branch: usize,
    out: &Path,
) -> Result<(), NerError> {
    let config = read_config(entity_dir)?;
    let attribution_config = read_config(attribution_dir)?;
    let layers = config["num_hidden_layers"].as_u64().unwrap_or(0) as usize;
    if branch > layers {
        return Err(NerError::model(
            entity_dir,
            format!("a branch of {branch} layers in a {layers}-layer encoder"),
        ));
    }
    let shared = layers - branch;
    let failed = |dir: &Path, e: tch::TchError| NerError::model(dir, e.to_string());
    let mut tensors = Tensor::read_safetensors(entity_dir.join("model.safetensors"))
        .map_err(|e| failed(entity_dir, e))?;
    for (name, tensor) in Tensor::read_safetensors(attribution_dir.join("model.safetensors"))
        .map_err(|e| failed(attribution_dir, e))?
    {
        if let Some(rest) = name.strip_prefix("classifier.") {
            tensors.push((format!("claims_classifier.{rest}"), tensor));
        } else if let Some(rest) = name.strip_prefix("bert.encoder.layer.") {
            let (layer, rest) = rest.split_once('.').unwrap_or((rest, ""));
            match layer.parse::<usize>() {
                Ok(n) if n >= shared => {
                    tensors.push((format!("claims_layers.{}.{rest}", n - shared), tensor))
                }
                _ => {}
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| NerError::model(out, e.to_string()))?;
    Tensor::write_safetensors(&tensors, out.join("model.safetensors"))
        .map_err(|e| failed(out, e))?;
    let mut joint = config;
    if let Some(object) = joint.as_object_mut() {
        object.remove("newsnlp_context_words");
        object.insert(
            ATTRIBUTION_LABELS_KEY.into(),
            attribution_config["id2label"].clone(),
        );
        object.insert(BRANCH_KEY.into(), branch.into());
        if let Some(window) = attribution_config.get("newsnlp_window") {
            object.insert("newsnlp_window".into(), window.clone());
        }
    }
    std::fs::write(out.join("config.json"), joint.to_string())
        .map_err(|e| NerError::model(out, e.to_string()))?;
    for file in TOKENIZER_FILES {
        let from = entity_dir.join(file);
        if from.is_file() {
            std::fs::copy(&from, out.join(file))
                .map_err(|e| NerError::model(out, e.to_string()))?;
        }
    }
    Ok(())
}

fn read_config(dir: &Path) -> Result<Value, NerError> {
    let text = std::fs::read_to_string(dir.join("config.json"))
        .map_err(|e| NerError::model(dir, format!("config.json: {e}")))?;
    serde_json::from_str(&text).map_err(|e| NerError::model(dir, format!("config.json: {e}")))
}
