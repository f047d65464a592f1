//! A BERT token classifier, or a joint model with an entity head and an
//! attribution head, on the fused encoder (`fused_bert.rs`): declared before
//! its weights load ([`BertLayout`]), built after ([`BertHeads`]).

use std::collections::HashMap;

use rust_bert::bert::BertConfig;
use tch::{nn, Kind, Tensor};

use crate::fused_bert::{
    declare_encoder, declare_layers, run_layers, FusedBert, FusedLayer, Weights,
};

/// Which layers feed which head, with the heads' variables declared.
pub(crate) struct BertLayout {
    /// Layers every head reads (`bert.encoder.layer.0..shared`).
    shared: i64,
    /// Layers after those that only the entity head reads.
    entity_only: i64,
    /// The attribution head's own layers (`claims_layers.N`), in a joint model.
    attribution_layers: Option<i64>,
    heads: i64,
    classifier: nn::Linear,
    claims_classifier: Option<nn::Linear>,
}

impl BertLayout {
    /// A plain token classifier: `bert.*` and `classifier.*`.
    pub(crate) fn classifier(root: &nn::Path<'_>, config: &BertConfig) -> Self {
        declare_encoder(&(root / "bert"), config);
        Self {
            shared: config.num_hidden_layers,
            entity_only: 0,
            attribution_layers: None,
            heads: config.num_attention_heads,
            classifier: head(root, "classifier", config, labels(config)),
            claims_classifier: None,
        }
    }

    /// A joint model whose heads share all but the last `branch` layers;
    /// the attribution head has `branch` layers of its own.
    pub(crate) fn joint(
        root: &nn::Path<'_>,
        config: &BertConfig,
        branch: i64,
        attribution_labels: i64,
    ) -> Self {
        let layers = config.num_hidden_layers;
        declare_encoder(&(root / "bert"), config);
        declare_layers(&(root / "claims_layers"), 0..branch, config);
        Self {
            shared: layers - branch,
            entity_only: branch,
            attribution_layers: Some(branch),
            heads: config.num_attention_heads,
            classifier: head(root, "classifier", config, labels(config)),
            claims_classifier: Some(head(root, "claims_classifier", config, attribution_labels)),
        }
    }

    /// The model from its loaded variables; every layer's projections in
    /// int8 if `int8`.
    pub(crate) fn build(self, variables: &HashMap<String, Tensor>, int8: bool) -> BertHeads {
        let weights = Weights::new(variables);
        let layer = |prefix: String| FusedLayer::build(&weights, &prefix, self.heads, int8);
        let attribution =
            self.attribution_layers
                .zip(self.claims_classifier)
                .map(|(count, classifier)| {
                    (
                        (0..count)
                            .map(|n| layer(format!("claims_layers.{n}")))
                            .collect(),
                        classifier,
                    )
                });
        BertHeads {
            bert: FusedBert::build(&weights, "bert", self.shared, self.heads, int8),
            entity_layers: (self.shared..self.shared + self.entity_only)
                .map(|n| layer(format!("bert.encoder.layer.{n}")))
                .collect(),
            classifier: self.classifier,
            attribution,
        }
    }
}

fn labels(config: &BertConfig) -> i64 {
    config.id2label.as_ref().map_or(0, |labels| labels.len()) as i64
}

fn head(root: &nn::Path<'_>, name: &str, config: &BertConfig, labels: i64) -> nn::Linear {
    nn::linear(root / name, config.hidden_size, labels, Default::default())
}

/// One BERT encoder pass feeding an entity head (`classifier`, labels from
/// `id2label`) and, in a joint model, an attribution head
/// (`claims_classifier`). The encoder's first layers are shared; in a joint
/// model with a branch, its last layers serve the entity head alone (so the
/// entity path is a plain `BertForTokenClassification`), and the attribution
/// head reads as many layers of its own on the output of the shared ones.
pub(crate) struct BertHeads {
    /// Embeddings and the shared layers.
    bert: FusedBert,
    /// The entity path's own last layers.
    entity_layers: Vec<FusedLayer>,
    classifier: nn::Linear,
    /// The attribution path's own layers and head.
    attribution: Option<(Vec<FusedLayer>, nn::Linear)>,
}

impl BertHeads {
    /// Each head's label probabilities `[batch, length, labels]` for one
    /// padded batch: the entity head's, then the attribution head's.
    pub(crate) fn probabilities(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        token_types: &Tensor,
    ) -> Vec<Tensor> {
        let (shared, padding) = self.bert.forward(ids, mask, token_types);
        let head = |layers: &[FusedLayer], classifier: &nn::Linear| {
            run_layers(layers, shared.shallow_clone(), &padding)
                .apply(classifier)
                .softmax(-1, Kind::Float)
        };
        let mut heads = vec![head(&self.entity_layers, &self.classifier)];
        if let Some((layers, classifier)) = &self.attribution {
            heads.push(head(layers, classifier));
        }
        heads
    }
}
