//! Loading a token-classification model of any supported architecture with
//! rust-bert, and running it on one padded batch.

use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::deberta_v2::{DebertaV2Config, DebertaV2ForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use serde_json::Value;
use tch::{nn, Device, Kind, Tensor};

use crate::bert_heads::{BertHeads, BertLayout};
use crate::fused_bert;
use crate::NerError;

/// One of the architectures rust-bert can run for token classification.
enum Architecture {
    /// A BERT token classifier or joint model on the fused encoder
    /// (`fused_bert.rs`): every model newsnlp ships.
    FusedBert(Box<BertHeads>),
    /// A BERT whose configuration the fused encoder does not cover (an
    /// activation other than GELU), on rust-bert's own layers.
    Bert(BertForTokenClassification),
    DistilBert(DistilBertForTokenClassification),
    Roberta(RobertaForTokenClassification),
    DebertaV2(Box<DebertaV2ForTokenClassification>),
}

/// What a model directory declares before its weights load.
enum Declared {
    /// A BERT-family model for the fused encoder, built once loaded.
    Fused(BertLayout),
    /// A model on rust-bert's own code, ready once loaded.
    Ready(Box<Architecture>),
}

/// The `config.json` key of how many of the encoder's last layers each head
/// of a joint model has to itself (absent: 0, every layer shared).
pub(crate) const BRANCH_KEY: &str = "newsnlp_claims_branch_layers";

/// The `config.json` key of a joint model's second label set: BIO tags over
/// `SOURCE`, `CUE` and `CONTENT` for the `claims_classifier` head.
pub(crate) const ATTRIBUTION_LABELS_KEY: &str = "newsnlp_claims_id2label";

/// The `config.json` key of the window a model was trained on.
const WINDOW_KEY: &str = "newsnlp_window";

/// The `config.json` key of the step, in sub-tokens, between the starts of
/// the windows a joint model reads a document in (validated with the model;
/// absent: two thirds of a window).
const DOCUMENT_STEP_KEY: &str = "newsnlp_document_step";

/// A loaded model: weights on a device plus what the tagger needs to know.
pub(crate) struct Encoder {
    architecture: Architecture,
    /// The variables of a model on rust-bert's modules, which read them
    /// from here; a fused model holds its own tensors, and dropping the store
    /// frees what it no longer needs (the float32 weights under int8).
    _vars: Option<nn::VarStore>,
    pub(crate) labels: Vec<String>,
    /// The attribution head's labels, for a joint model.
    pub(crate) attribution_labels: Option<Vec<String>>,
    pub(crate) max_positions: usize,
    pub(crate) uses_word_shape: bool,
    /// Words per packed group of sentences the model was trained on, if
    /// it was trained on packed sentences (`context.rs`).
    pub(crate) context_words: Option<usize>,
    /// Sub-tokens per window the model was trained on, special tokens
    /// included (`"newsnlp_window"` in `config.json`), if it says.
    pub(crate) trained_window: Option<usize>,
    /// Sub-tokens between window starts over a whole document
    /// (`"newsnlp_document_step"`), if the model says.
    pub(crate) document_step: Option<usize>,
    pub(crate) pad_id: i64,
}

impl Encoder {
    /// Loads `dir/config.json` and the weights next to it. With `int8`, the
    /// projections of a BERT model's layers multiply int8 weights (`kind`
    /// should then be float32).
    pub(crate) fn load(
        dir: &Path,
        device: Device,
        kind: Kind,
        int8: bool,
    ) -> Result<Self, NerError> {
        let config_text = std::fs::read_to_string(dir.join("config.json"))
            .map_err(|e| NerError::model(dir, format!("config.json: {e}")))?;
        let config: Value = serde_json::from_str(&config_text)
            .map_err(|e| NerError::model(dir, format!("config.json: {e}")))?;
        let labels = labels_from_config(dir, &config["id2label"], "id2label")?;
        let attribution_labels = match &config[ATTRIBUTION_LABELS_KEY] {
            Value::Null => None,
            map => Some(labels_from_config(dir, map, ATTRIBUTION_LABELS_KEY)?),
        };
        let model_type = config["model_type"].as_str().unwrap_or("bert").to_string();
        let mut vars = nn::VarStore::new(device);
        let declared = match &attribution_labels {
            Some(heads) if model_type == "bert" => {
                let branch = config[BRANCH_KEY].as_u64().unwrap_or(0) as usize;
                declare_joint(dir, &config_text, heads.len(), branch, vars.root())?
            }
            Some(_) => {
                return Err(NerError::model(
                    dir,
                    format!("{ATTRIBUTION_LABELS_KEY} (a second head) is supported for model_type bert only, not {model_type}"),
                ))
            }
            None => declare(dir, &model_type, &config_text, vars.root())?,
        };
        let weights = weights_file(dir)?;
        vars.load(&weights)
            .map_err(|e| NerError::model(dir, format!("loading {}: {e}", weights.display())))?;
        vars.set_kind(kind);
        vars.freeze();
        if int8 && (device != Device::Cpu || matches!(declared, Declared::Ready(_))) {
            tracing::warn!(
                "{}: int8 covers BERT models with GELU on the CPU; this one runs in float32",
                dir.display()
            );
        }
        let (architecture, vars) = match declared {
            Declared::Ready(architecture) => (*architecture, Some(vars)),
            Declared::Fused(layout) => {
                let model = layout.build(&vars.variables(), int8 && device == Device::Cpu);
                (Architecture::FusedBert(Box::new(model)), None)
            }
        };
        let max_positions = config["max_position_embeddings"].as_u64().unwrap_or(512) as usize;
        // RoBERTa-style models reserve the first positions (padding_idx + 1).
        let reserved = if matches!(architecture, Architecture::Roberta(_)) {
            2
        } else {
            0
        };
        Ok(Self {
            architecture,
            _vars: vars,
            labels,
            attribution_labels,
            max_positions: max_positions.saturating_sub(reserved).min(512),
            uses_word_shape: config["newsnlp_token_types"].as_str() == Some("word_shape_v1"),
            context_words: config[crate::context::CONTEXT_KEY]
                .as_u64()
                .filter(|&words| words > 0)
                .map(|words| words as usize),
            trained_window: config[WINDOW_KEY]
                .as_u64()
                .filter(|&window| window > 0)
                .map(|window| window as usize),
            document_step: config[DOCUMENT_STEP_KEY]
                .as_u64()
                .filter(|&step| step > 0)
                .map(|step| step as usize),
            pad_id: config["pad_token_id"].as_i64().unwrap_or(0),
        })
    }

    /// Label probabilities `[batch, length, labels]` of every head for one
    /// padded batch: the entity head's, then the attribution head's of a
    /// joint model.
    pub(crate) fn probabilities(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        token_types: &Tensor,
    ) -> Result<Vec<Tensor>, NerError> {
        if let Architecture::FusedBert(model) = &self.architecture {
            return Ok(tch::no_grad(|| model.probabilities(ids, mask, token_types)));
        }
        let logits = tch::no_grad(|| -> Result<Tensor, NerError> {
            Ok(match &self.architecture {
                Architecture::FusedBert(_) => unreachable!("handled above"),
                Architecture::Bert(model) => {
                    model
                        .forward_t(Some(ids), Some(mask), Some(token_types), None, None, false)
                        .logits
                }
                Architecture::Roberta(model) => {
                    model
                        .forward_t(Some(ids), Some(mask), None, None, None, false)
                        .logits
                }
                Architecture::DistilBert(model) => {
                    model
                        .forward_t(Some(ids), Some(mask), None, false)
                        .map_err(inference)?
                        .logits
                }
                Architecture::DebertaV2(model) => {
                    model
                        .forward_t(Some(ids), Some(mask), Some(token_types), None, None, false)
                        .map_err(inference)?
                        .logits
                }
            })
        })?;
        Ok(vec![logits.softmax(-1, Kind::Float)])
    }
}

fn inference(err: impl std::fmt::Display) -> NerError {
    NerError::Inference(err.to_string())
}

fn declare(
    dir: &Path,
    model_type: &str,
    config_text: &str,
    root: nn::Path<'_>,
) -> Result<Declared, NerError> {
    let bad_config = |e: serde_json::Error| {
        NerError::model(dir, format!("config.json does not fit {model_type}: {e}"))
    };
    let unsupported = |e: rust_bert::RustBertError| NerError::model(dir, e.to_string());
    Ok(Declared::Ready(Box::new(match model_type {
        "bert" => {
            let config: BertConfig = serde_json::from_str(config_text).map_err(bad_config)?;
            if fused_bert::supports(&config) {
                return Ok(Declared::Fused(BertLayout::classifier(&root, &config)));
            }
            Architecture::Bert(BertForTokenClassification::new(root, &config).map_err(unsupported)?)
        }
        "roberta" | "xlm-roberta" | "camembert" => {
            let config: BertConfig = serde_json::from_str(config_text).map_err(bad_config)?;
            Architecture::Roberta(RobertaForTokenClassification::new(root, &config).map_err(unsupported)?)
        }
        "distilbert" => {
            let config: DistilBertConfig = serde_json::from_str(config_text).map_err(bad_config)?;
            Architecture::DistilBert(DistilBertForTokenClassification::new(root, &config).map_err(unsupported)?)
        }
        "deberta-v2" => {
            let config: DebertaV2Config = serde_json::from_str(config_text).map_err(bad_config)?;
            Architecture::DebertaV2(Box::new(DebertaV2ForTokenClassification::new(root, &config).map_err(unsupported)?))
        }
        other => {
            return Err(NerError::model(
                dir,
                format!("model_type '{other}' is not supported (bert, distilbert, roberta, xlm-roberta, deberta-v2)"),
            ))
        }
    })))
}

/// A joint model: a BERT encoder (no pooler) whose first layers are shared,
/// the entity head `classifier` (`id2label`) after the encoder's last
/// layers, and the attribution head `claims_classifier` after its own
/// branch of as many layers ([`BRANCH_KEY`]).
fn declare_joint(
    dir: &Path,
    config_text: &str,
    attribution_labels: usize,
    branch: usize,
    root: nn::Path<'_>,
) -> Result<Declared, NerError> {
    let config: BertConfig = serde_json::from_str(config_text)
        .map_err(|e| NerError::model(dir, format!("config.json does not fit bert: {e}")))?;
    let layers = config.num_hidden_layers.max(0) as usize;
    if branch >= layers {
        return Err(NerError::model(
            dir,
            format!(
                "{BRANCH_KEY} is {branch}: the heads must share at least one of the {layers} layers of the encoder"
            ),
        ));
    }
    if !fused_bert::supports(&config) {
        return Err(NerError::model(
            dir,
            "a joint model (two heads) needs hidden_act gelu and a hidden size divisible by the heads",
        ));
    }
    Ok(Declared::Fused(BertLayout::joint(
        &root,
        &config,
        branch as i64,
        attribution_labels as i64,
    )))
}

/// Labels in id order from an id-to-label map of `config.json` (`key`).
fn labels_from_config(dir: &Path, map: &Value, key: &str) -> Result<Vec<String>, NerError> {
    let map = map
        .as_object()
        .ok_or_else(|| NerError::model(dir, format!("config.json has no {key}")))?;
    let mut labels = vec![String::new(); map.len()];
    for (id, label) in map {
        let index: usize = id
            .parse()
            .map_err(|_| NerError::model(dir, format!("{key} key '{id}' is not a number")))?;
        let slot = labels
            .get_mut(index)
            .ok_or_else(|| NerError::model(dir, format!("{key} ids are not 0..{}", map.len())))?;
        *slot = label.as_str().unwrap_or_default().to_string();
    }
    Ok(labels)
}

/// `model.safetensors`, else `rust_model.ot`.
fn weights_file(dir: &Path) -> Result<PathBuf, NerError> {
    ["model.safetensors", "rust_model.ot"]
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| NerError::model(dir, "no model.safetensors or rust_model.ot"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_model() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner-ontonotes-minilm")
    }

    /// The label probabilities rust-bert's own `BertForTokenClassification`
    /// gives with the same weights.
    fn rust_bert_probabilities(dir: &Path, kind: Kind, inputs: &[Tensor; 3]) -> Tensor {
        let config: BertConfig =
            serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).unwrap())
                .unwrap();
        let mut vars = nn::VarStore::new(Device::Cpu);
        let model = BertForTokenClassification::new(vars.root(), &config).unwrap();
        vars.load(dir.join("model.safetensors")).unwrap();
        vars.set_kind(kind);
        let [ids, mask, types] = inputs;
        tch::no_grad(|| {
            model
                .forward_t(Some(ids), Some(mask), Some(types), None, None, false)
                .logits
                .softmax(-1, Kind::Float)
        })
    }

    /// Two rows of random sub-tokens, the second padded after 25 of 40.
    fn padded_batch() -> [Tensor; 3] {
        tch::manual_seed(29);
        let options = (Kind::Int64, Device::Cpu);
        let ids = Tensor::randint_low(1000, 20000, [2, 40], options);
        let mask = Tensor::ones([2, 40], options);
        let _ = mask.get(1).narrow(0, 25, 15).fill_(0);
        let types = Tensor::randint_low(0, 5, [2, 40], options);
        [ids, mask, types]
    }

    /// The largest probability difference from rust-bert's at the kept
    /// sub-tokens, and how many of the 65 get rust-bert's label.
    fn against_rust_bert(kind: Kind) -> (f64, i64) {
        let inputs = padded_batch();
        let kept = inputs[1].to_kind(Kind::Bool);
        let encoder = Encoder::load(&shipped_model(), Device::Cpu, kind, false).unwrap();
        assert!(matches!(encoder.architecture, Architecture::FusedBert(_)));
        let fused = encoder
            .probabilities(&inputs[0], &inputs[1], &inputs[2])
            .unwrap()
            .remove(0);
        let reference = rust_bert_probabilities(&shipped_model(), kind, &inputs);
        let largest = (&fused - &reference)
            .abs()
            .masked_select(&kept.unsqueeze(-1))
            .max()
            .double_value(&[]);
        let same_label = fused
            .argmax(-1, false)
            .eq_tensor(&reference.argmax(-1, false))
            .masked_select(&kept)
            .to_kind(Kind::Int64)
            .sum(Kind::Int64)
            .int64_value(&[]);
        (largest, same_label)
    }

    #[test]
    fn the_fused_encoder_computes_what_rust_bert_does() {
        let (largest, same) = against_rust_bert(Kind::Float);
        assert!(largest < 1e-4, "float32: largest difference {largest}");
        assert_eq!(same, 65);
        let (largest, same) = against_rust_bert(Kind::BFloat16);
        assert!(largest < 0.06, "bfloat16: largest difference {largest}");
        assert_eq!(same, 65);
    }
}
