//! A BERT encoder (embeddings and layers, no pooler) that runs on libtorch's
//! fused kernels instead of rust-bert's layer code, for the token-classifier
//! architectures newsnlp ships.
//!
//! The weights and their names are rust-bert's (`bert.embeddings.*`,
//! `bert.encoder.layer.N.*`): [`declare_encoder`] and [`declare_layers`]
//! register them in a `VarStore` so a model directory loads the same way,
//! and [`FusedBert::build`] and [`FusedLayer::build`] then take the loaded
//! tensors. Only the arithmetic of a layer differs from rust-bert's:
//!
//! - the query, key and value projections are one matrix product;
//! - in float32, attention is `scaled_dot_product_attention`, which never
//!   writes out the `[batch, heads, length, length]` scores, and GELU is
//!   libtorch's one kernel rather than five element-wise passes; in
//!   bfloat16 both stay as rust-bert writes them, which was faster there;
//! - optionally ([`Projection::int8`]) the four projections of each layer
//!   multiply int8 weights (fbgemm), the rest staying in float32.
//!
//! The results agree with rust-bert's `BertModel` to float rounding
//! (tests in `encoder.rs` compare the two on the shipped model).

use std::collections::HashMap;

use rust_bert::bert::BertConfig;
use rust_bert::Activation;
use tch::{nn, Kind, Scalar, Tensor};

/// rust-bert's (and BERT's) layer-norm epsilon.
const LAYER_NORM_EPS: f64 = 1e-12;

/// Whether the fused encoder can run a model with this configuration:
/// GELU, and a hidden size the attention heads divide.
pub(crate) fn supports(config: &BertConfig) -> bool {
    matches!(config.hidden_act, Activation::gelu)
        && config.num_attention_heads > 0
        && config.hidden_size % config.num_attention_heads == 0
}

/// Registers the embeddings (`path.embeddings.*`) and the first
/// `config.num_hidden_layers` layers (`path.encoder.layer.N.*`) for loading.
pub(crate) fn declare_encoder(path: &nn::Path<'_>, config: &BertConfig) {
    let embeddings = path / "embeddings";
    let table = |name: &str, rows: i64| {
        nn::embedding(
            &embeddings / name,
            rows,
            config.hidden_size,
            Default::default(),
        );
    };
    table("word_embeddings", config.vocab_size);
    table("position_embeddings", config.max_position_embeddings);
    table("token_type_embeddings", config.type_vocab_size);
    nn::layer_norm(
        &embeddings / "LayerNorm",
        vec![config.hidden_size],
        Default::default(),
    );
    declare_layers(
        &(path / "encoder" / "layer"),
        0..config.num_hidden_layers.max(0),
        config,
    );
}

/// Registers the layers `path.N.*` for `N` in `numbers`.
pub(crate) fn declare_layers(
    path: &nn::Path<'_>,
    numbers: std::ops::Range<i64>,
    config: &BertConfig,
) {
    let (hidden, inner) = (config.hidden_size, config.intermediate_size);
    let linear = |path: nn::Path<'_>, inputs: i64, outputs: i64| {
        nn::linear(path, inputs, outputs, Default::default());
    };
    let norm = |path: nn::Path<'_>| {
        nn::layer_norm(path, vec![hidden], Default::default());
    };
    for n in numbers {
        let layer = path / n;
        let attention = &layer / "attention";
        for name in ["query", "key", "value"] {
            linear(&attention / "self" / name, hidden, hidden);
        }
        linear(&attention / "output" / "dense", hidden, hidden);
        norm(&attention / "output" / "LayerNorm");
        linear(&layer / "intermediate" / "dense", hidden, inner);
        linear(&layer / "output" / "dense", inner, hidden);
        norm(&layer / "output" / "LayerNorm");
    }
}

/// The loaded variables of a `VarStore`, by their dotted names.
pub(crate) struct Weights<'a> {
    tensors: &'a HashMap<String, Tensor>,
}

impl<'a> Weights<'a> {
    pub(crate) fn new(tensors: &'a HashMap<String, Tensor>) -> Self {
        Self { tensors }
    }

    fn get(&self, name: &str) -> Tensor {
        // Every name asked for was declared, and `VarStore::load` fails
        // when one is missing from the file.
        self.tensors
            .get(name)
            .unwrap_or_else(|| panic!("{name} was declared before loading"))
            .shallow_clone()
    }

    fn linear(&self, prefix: &str) -> (Tensor, Tensor) {
        (
            self.get(&format!("{prefix}.weight")),
            self.get(&format!("{prefix}.bias")),
        )
    }

    fn norm(&self, prefix: &str) -> LayerNorm {
        let (weight, bias) = self.linear(prefix);
        LayerNorm { weight, bias }
    }
}

/// Embeddings and the layers of a BERT encoder.
pub(crate) struct FusedBert {
    embeddings: Embeddings,
    layers: Vec<FusedLayer>,
}

impl FusedBert {
    /// The encoder `prefix` (`bert`) with `layers` layers, from loaded weights.
    pub(crate) fn build(
        weights: &Weights<'_>,
        prefix: &str,
        layers: i64,
        heads: i64,
        int8: bool,
    ) -> Self {
        let embeddings = format!("{prefix}.embeddings");
        Self {
            embeddings: Embeddings {
                words: weights.get(&format!("{embeddings}.word_embeddings.weight")),
                positions: weights.get(&format!("{embeddings}.position_embeddings.weight")),
                token_types: weights.get(&format!("{embeddings}.token_type_embeddings.weight")),
                norm: weights.norm(&format!("{embeddings}.LayerNorm")),
            },
            layers: (0..layers)
                .map(|n| {
                    FusedLayer::build(weights, &format!("{prefix}.encoder.layer.{n}"), heads, int8)
                })
                .collect(),
        }
    }

    /// The last layer's hidden states `[batch, length, hidden]`, and the
    /// batch's padding (for layers that follow).
    pub(crate) fn forward(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        token_types: &Tensor,
    ) -> (Tensor, Padding) {
        let hidden = self.embeddings.forward(ids, token_types);
        let padding = Padding::new(mask, hidden.kind());
        let hidden = run_layers(&self.layers, hidden, &padding);
        (hidden, padding)
    }
}

/// Which positions of a padded batch are real.
pub(crate) struct Padding {
    /// `[batch, 1, 1, length]`: 0 where the attention mask is 1, -10000
    /// where it is 0, in the hidden states' kind (the value rust-bert's
    /// `BertModel` adds to attention scores).
    additive: Tensor,
    /// Each row's real positions (they come first).
    lengths: Vec<i64>,
}

impl Padding {
    fn new(mask: &Tensor, kind: Kind) -> Self {
        let keep = mask.unsqueeze(1).unsqueeze(1);
        let lengths = mask.sum_dim_intlist(1, false, Kind::Int64);
        Self {
            additive: ((keep.ones_like().bitwise_xor_tensor(&keep)) * -10000.0).to_kind(kind),
            lengths: Vec::<i64>::try_from(&lengths).unwrap_or_default(),
        }
    }
}

/// `hidden` through `layers` in order.
pub(crate) fn run_layers(layers: &[FusedLayer], hidden: Tensor, padding: &Padding) -> Tensor {
    layers
        .iter()
        .fold(hidden, |hidden, layer| layer.forward(&hidden, padding))
}

struct LayerNorm {
    weight: Tensor,
    bias: Tensor,
}

impl LayerNorm {
    fn forward(&self, x: &Tensor) -> Tensor {
        let width = self.weight.size()[0];
        x.layer_norm(
            [width],
            Some(&self.weight),
            Some(&self.bias),
            LAYER_NORM_EPS,
            true,
        )
    }
}

/// Word, position and token-type embeddings, summed and normalised.
struct Embeddings {
    words: Tensor,
    positions: Tensor,
    token_types: Tensor,
    norm: LayerNorm,
}

impl Embeddings {
    fn forward(&self, ids: &Tensor, token_types: &Tensor) -> Tensor {
        let length = ids.size()[1];
        let positions = Tensor::arange(length, (Kind::Int64, ids.device())).unsqueeze(0);
        let sum = Tensor::embedding(&self.words, ids, -1, false, false)
            + Tensor::embedding(&self.positions, &positions, -1, false, false)
            + Tensor::embedding(&self.token_types, token_types, -1, false, false);
        self.norm.forward(&sum)
    }
}

/// A linear projection `x W^T + b`.
enum Projection {
    /// Weights in the model's number format.
    Plain { weight: Tensor, bias: Tensor },
    /// Weights in int8 with one scale per output (per row of `W`), inputs
    /// and outputs in float32: fbgemm's int8 matrix product (which
    /// quantises whatever input it is given with one range, so `forward`
    /// gives it one window at a time) with a unit scale, then each output
    /// times its row's scale, plus the bias.
    Int8 {
        weight: Tensor,
        packed: Tensor,
        column_offsets: Tensor,
        /// `[outputs]`: each row's scale.
        scales: Tensor,
        /// `[outputs]` zeros: the bias is added after scaling.
        zeros: Tensor,
        bias: Tensor,
    },
}

impl Projection {
    fn plain((weight, bias): (Tensor, Tensor)) -> Self {
        Self::Plain { weight, bias }
    }

    /// `weight` (`[outputs, inputs]`) quantised symmetrically to int8, row
    /// by row: `round(w / scale)` with `scale = max |w| / 127` of the row.
    fn int8((weight, bias): (Tensor, Tensor)) -> Self {
        silence_int8_deprecation_warnings();
        let weight = weight.to_kind(Kind::Float).contiguous();
        let largest = weight.abs().amax([1i64].as_slice(), true);
        let scales = (largest.clamp_min(f64::MIN_POSITIVE) / 127.0).contiguous();
        let quantised = (&weight / &scales)
            .round()
            .clamp(-128, 127)
            .to_kind(Kind::Int8);
        // fbgemm's column offsets: each output's sum of quantised weights,
        // less zero point times inputs; the zero point is 0.
        let column_offsets = quantised
            .sum_dim_intlist(1, false, Kind::Int)
            .to_kind(Kind::Int);
        let outputs = weight.size()[0];
        Self::Int8 {
            packed: quantised.fbgemm_pack_quantized_matrix(),
            weight: quantised,
            column_offsets,
            scales: scales.reshape([outputs]),
            zeros: Tensor::zeros([outputs], (Kind::Float, weight.device())),
            bias: bias.to_kind(Kind::Float),
        }
    }

    /// `x` `[batch, length, inputs]` projected. Under int8 each row's real
    /// positions (`lengths`) are quantised on their own, so a window's
    /// result does not depend on the other windows or the padding in its
    /// batch; padded positions get the bias.
    fn forward(&self, x: &Tensor, lengths: &[i64]) -> Tensor {
        match self {
            Self::Plain { weight, bias } => x.linear(weight, Some(bias)),
            Self::Int8 {
                weight,
                packed,
                column_offsets,
                scales,
                zeros,
                bias,
            } => {
                let product = |rows: &Tensor| {
                    rows.fbgemm_linear_int8_weight_fp32_activation(
                        weight,
                        packed,
                        column_offsets,
                        Scalar::float(1.0),
                        Scalar::int(0),
                        zeros,
                    )
                };
                let (batch, length, _) = x.size3().expect("inputs are [batch, length, inputs]");
                let real = |row: i64| {
                    lengths
                        .get(row as usize)
                        .map_or(length, |&n| n.clamp(0, length))
                };
                let unscaled = if (0..batch).all(|row| real(row) == length) {
                    let rows: Vec<Tensor> = (0..batch).map(|row| product(&x.get(row))).collect();
                    Tensor::stack(&rows, 0)
                } else {
                    let out =
                        Tensor::zeros([batch, length, bias.size()[0]], (Kind::Float, x.device()));
                    for row in (0..batch).filter(|&row| real(row) > 0) {
                        let n = real(row);
                        out.get(row)
                            .narrow(0, 0, n)
                            .copy_(&product(&x.get(row).narrow(0, 0, n)));
                    }
                    out
                };
                bias.addcmul(&unscaled, scales)
            }
        }
    }
}

/// One BERT layer: self-attention, then the feed-forward block, each with a
/// residual connection and a layer norm.
pub(crate) struct FusedLayer {
    /// Queries, keys and values in one projection.
    query_key_value: Projection,
    attention_output: Projection,
    attention_norm: LayerNorm,
    intermediate: Projection,
    output: Projection,
    output_norm: LayerNorm,
    heads: i64,
}

impl FusedLayer {
    /// The layer `prefix` (`bert.encoder.layer.3`) from loaded weights, its
    /// projections in int8 if `int8`.
    pub(crate) fn build(weights: &Weights<'_>, prefix: &str, heads: i64, int8: bool) -> Self {
        let projection = if int8 {
            Projection::int8
        } else {
            Projection::plain
        };
        let attention = format!("{prefix}.attention");
        let part = |name: &str| weights.linear(&format!("{attention}.self.{name}"));
        let [query, key, value] = ["query", "key", "value"].map(part);
        let query_key_value = (
            Tensor::cat(&[query.0, key.0, value.0], 0),
            Tensor::cat(&[query.1, key.1, value.1], 0),
        );
        Self {
            query_key_value: projection(query_key_value),
            attention_output: projection(weights.linear(&format!("{attention}.output.dense"))),
            attention_norm: weights.norm(&format!("{attention}.output.LayerNorm")),
            intermediate: projection(weights.linear(&format!("{prefix}.intermediate.dense"))),
            output: projection(weights.linear(&format!("{prefix}.output.dense"))),
            output_norm: weights.norm(&format!("{prefix}.output.LayerNorm")),
            heads,
        }
    }

    fn forward(&self, hidden: &Tensor, padding: &Padding) -> Tensor {
        let (batch, length, width) = hidden
            .size3()
            .expect("hidden states are [batch, length, hidden]");
        let head_width = width / self.heads;
        // [3, batch, heads, length, head width]
        let qkv = self
            .query_key_value
            .forward(hidden, &padding.lengths)
            .view([batch, length, 3, self.heads, head_width])
            .permute([2, 0, 3, 1, 4]);
        let context = attention(
            &qkv.get(0),
            &qkv.get(1),
            &qkv.get(2),
            &padding.additive,
            head_width,
        )
        .transpose(1, 2)
        .reshape([batch, length, width]);
        let hidden = self
            .attention_norm
            .forward(&(hidden + self.attention_output.forward(&context, &padding.lengths)));
        let inner = gelu(&self.intermediate.forward(&hidden, &padding.lengths));
        self.output_norm
            .forward(&(&hidden + self.output.forward(&inner, &padding.lengths)))
    }
}

/// Each head's attention-weighted values `[batch, heads, length, head
/// width]`. In float32, libtorch's fused kernel, which never writes out the
/// `[batch, heads, length, length]` scores; in bfloat16, where that kernel
/// was slower on the Zen 4 here (docs/speed.md), the steps written out as
/// rust-bert writes them.
fn attention(
    query: &Tensor,
    key: &Tensor,
    value: &Tensor,
    additive_mask: &Tensor,
    head_width: i64,
) -> Tensor {
    if query.kind() == Kind::BFloat16 {
        let scores =
            (query / (head_width as f64).sqrt()).matmul(&key.transpose(-1, -2)) + additive_mask;
        return scores.softmax(-1, scores.kind()).matmul(value);
    }
    Tensor::scaled_dot_product_attention(query, key, value, Some(additive_mask), 0.0, false, None)
}

/// GELU (the exact, erf form): libtorch's one kernel in float32; in
/// bfloat16, where that kernel was slower, rust-bert's element-wise form.
fn gelu(x: &Tensor) -> Tensor {
    if x.kind() == Kind::BFloat16 {
        return x * 0.5 * (1.0 + (x / 2f64.sqrt()).erf());
    }
    x.gelu("none")
}

/// libtorch prints, once per process, that its fbgemm int8 functions are
/// deprecated (they are the dynamic-quantisation kernels PyTorch itself
/// still runs, under another name). The reader of newsnlp's output can do
/// nothing about it, so the first int8 model load calls both functions
/// once with standard error pointed at `/dev/null`.
fn silence_int8_deprecation_warnings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        with_stderr_discarded(|| {
            let weight = Tensor::ones([1, 1], (Kind::Int8, tch::Device::Cpu));
            let packed = weight.fbgemm_pack_quantized_matrix();
            let zero = Tensor::zeros([1], (Kind::Float, tch::Device::Cpu));
            let _ = Tensor::ones([1, 1], (Kind::Float, tch::Device::Cpu))
                .fbgemm_linear_int8_weight_fp32_activation(
                    &weight,
                    &packed,
                    &weight.sum_dim_intlist(1, false, Kind::Int),
                    Scalar::float(1.0),
                    Scalar::int(0),
                    &zero,
                );
        });
    });
}

/// Runs `work` with file descriptor 2 pointed at `/dev/null`, then puts it
/// back (runs it as it is if either step cannot be done).
#[allow(unsafe_code)] // dup and dup2 on file descriptor 2
fn with_stderr_discarded(work: impl FnOnce()) {
    use std::os::fd::AsRawFd;
    let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") else {
        return work();
    };
    // SAFETY: dup only creates a new descriptor for stderr; it reads and
    // writes no memory of ours.
    let saved = unsafe { libc::dup(2) };
    if saved < 0 {
        return work();
    }
    // SAFETY: dup2 points descriptor 2 at our open /dev/null and later back
    // at the saved copy; both descriptors are valid until closed here.
    unsafe { libc::dup2(null.as_raw_fd(), 2) };
    work();
    unsafe {
        libc::dup2(saved, 2);
        libc::close(saved);
    }
}
