//! Loading a token-classification model of any supported architecture with
//! rust-bert, and running it on one padded batch.

use std::path::{Path, PathBuf};

use rust_bert::bert::{
    BertConfig, BertEmbeddings, BertForTokenClassification, BertLayer, BertModel,
};
use rust_bert::deberta_v2::{DebertaV2Config, DebertaV2ForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use serde_json::Value;
use tch::{nn, Device, Kind, Tensor};

use crate::NerError;

/// One of the architectures rust-bert can run for token classification.
enum Architecture {
    Bert(BertForTokenClassification),
    DistilBert(DistilBertForTokenClassification),
    Roberta(RobertaForTokenClassification),
    DebertaV2(Box<DebertaV2ForTokenClassification>),
    /// A BERT encoder with two heads (a joint model, [`ATTRIBUTION_LABELS_KEY`]).
    BertJoint(Box<BertJoint>),
}

/// One BERT encoder pass feeding an entity head (`classifier`, labels from
/// `id2label`) and an attribution head (`claims_classifier`, labels from
/// [`ATTRIBUTION_LABELS_KEY`]). The encoder's first layers are shared; with
/// [`BRANCH_KEY`] its last layers serve the entity head alone (so the entity
/// path is a plain `BertForTokenClassification`), and the attribution head
/// reads as many layers of its own (`claims_layers.N`) on the output of the
/// shared ones.
struct BertJoint {
    /// Embeddings and the shared layers.
    bert: BertModel<BertEmbeddings>,
    /// The entity path's own last layers (`bert.encoder.layer.N`).
    entity_layers: Vec<BertLayer>,
    /// The attribution path's own layers (`claims_layers.N`).
    attribution_layers: Vec<BertLayer>,
    classifier: nn::Linear,
    claims_classifier: nn::Linear,
}

impl BertJoint {
    /// Both heads' label probabilities for one padded batch.
    fn probabilities(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        token_types: &Tensor,
    ) -> Result<Vec<Tensor>, NerError> {
        let shared = self
            .bert
            .forward_t(
                Some(ids),
                Some(mask),
                Some(token_types),
                None,
                None,
                None,
                None,
                false,
            )
            .map_err(inference)?
            .hidden_state;
        // The additive attention mask BertModel gives its own layers.
        let keep = mask.unsqueeze(1).unsqueeze(1);
        let additive =
            ((keep.ones_like().bitwise_xor_tensor(&keep)) * -10000.0).to_kind(shared.kind());
        let through = |layers: &[BertLayer]| {
            layers.iter().fold(shared.shallow_clone(), |hidden, layer| {
                layer
                    .forward_t(&hidden, Some(&additive), None, None, false)
                    .hidden_state
            })
        };
        Ok(vec![
            through(&self.entity_layers)
                .apply(&self.classifier)
                .softmax(-1, Kind::Float),
            through(&self.attribution_layers)
                .apply(&self.claims_classifier)
                .softmax(-1, Kind::Float),
        ])
    }
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
    _vars: nn::VarStore,
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
    /// Loads `dir/config.json` and the weights next to it.
    pub(crate) fn load(dir: &Path, device: Device, kind: Kind) -> Result<Self, NerError> {
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
        let architecture = match &attribution_labels {
            Some(heads) if model_type == "bert" => {
                let branch = config[BRANCH_KEY].as_u64().unwrap_or(0) as usize;
                build_joint(dir, &config_text, heads.len(), branch, vars.root())?
            }
            Some(_) => {
                return Err(NerError::model(
                    dir,
                    format!("{ATTRIBUTION_LABELS_KEY} (a second head) is supported for model_type bert only, not {model_type}"),
                ))
            }
            None => build(dir, &model_type, &config_text, vars.root())?,
        };
        let weights = weights_file(dir)?;
        vars.load(&weights)
            .map_err(|e| NerError::model(dir, format!("loading {}: {e}", weights.display())))?;
        vars.set_kind(kind);
        vars.freeze();
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
        if let Architecture::BertJoint(model) = &self.architecture {
            return tch::no_grad(|| model.probabilities(ids, mask, token_types));
        }
        let logits = tch::no_grad(|| -> Result<Tensor, NerError> {
            Ok(match &self.architecture {
                Architecture::BertJoint(_) => unreachable!("handled above"),
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

fn build(
    dir: &Path,
    model_type: &str,
    config_text: &str,
    root: nn::Path<'_>,
) -> Result<Architecture, NerError> {
    let bad_config = |e: serde_json::Error| {
        NerError::model(dir, format!("config.json does not fit {model_type}: {e}"))
    };
    let unsupported = |e: rust_bert::RustBertError| NerError::model(dir, e.to_string());
    Ok(match model_type {
        "bert" => {
            let config: BertConfig = serde_json::from_str(config_text).map_err(bad_config)?;
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
    })
}

/// A joint model: a BERT encoder (no pooler) whose first layers are shared,
/// the entity head `classifier` (`id2label`) after the encoder's last
/// layers, and the attribution head `claims_classifier` after its own
/// branch of as many layers ([`BRANCH_KEY`]).
fn build_joint(
    dir: &Path,
    config_text: &str,
    attribution_labels: usize,
    branch: usize,
    root: nn::Path<'_>,
) -> Result<Architecture, NerError> {
    let mut config: BertConfig = serde_json::from_str(config_text)
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
    let shared = layers - branch;
    config.num_hidden_layers = shared as i64;
    let entity_labels = config.id2label.as_ref().map_or(0, |labels| labels.len()) as i64;
    let head = |name: &str, labels: i64| {
        nn::linear(&root / name, config.hidden_size, labels, Default::default())
    };
    let encoder_layers = &root / "bert" / "encoder" / "layer";
    let claims_layers = &root / "claims_layers";
    Ok(Architecture::BertJoint(Box::new(BertJoint {
        bert: BertModel::new_with_optional_pooler(&root / "bert", &config, false),
        entity_layers: (shared..layers)
            .map(|n| BertLayer::new(&encoder_layers / n, &config))
            .collect(),
        attribution_layers: (0..branch)
            .map(|n| BertLayer::new(&claims_layers / n, &config))
            .collect(),
        classifier: head("classifier", entity_labels),
        claims_classifier: head("claims_classifier", attribution_labels as i64),
    })))
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
