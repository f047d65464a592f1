"""Shared pieces for the newsnlp NER model (training + Python reference inference).

* ``shape_id`` / ``encode_words``: the word-shape token-type ids (``word_shape_v1``)
  that the Rust runtime re-implements exactly.
* ``BertForTokenClassification``: a plain-PyTorch re-implementation of Hugging Face's
  ``BertForTokenClassification`` (post-LN BERT, erf-GELU, no pooler) whose parameter
  names (``bert.*``, ``classifier.*``) match HF / rust-bert exactly.  It exists because the
  pinned torch==2.4.0 is too old for the installed transformers 5.x modelling code
  (transformers 5 disables its PyTorch models below torch 2.6); the transformers
  *tokenizer* works fine and is used for tokenisation.
"""
from __future__ import annotations

import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

os.environ.setdefault("HF_HUB_OFFLINE", "1")

TYPES = [
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]
LABELS = ["O"] + [f"{p}-{t}" for t in TYPES for p in ("B", "I")]
NUM_SHAPES = 5
SHAPE_KEY = "newsnlp_token_types"
SHAPE_VERSION = "word_shape_v1"
# config.json key: the model was trained on consecutive sentences packed together
# (``pack_sentences``) up to this many words, and wants its input packed the same way.
CONTEXT_KEY = "newsnlp_context_words"


# --------------------------------------------------------------------------- word shape
def shape_id(text: str) -> int:
    """word_shape_v1 id of the ORIGINAL-case characters a sub-token covers.

    0: no letters (digits/punctuation only; also used for special tokens and padding)
    1: all letters lowercase
    2: first letter uppercase, all other letters lowercase (single uppercase letter -> 2)
    3: all letters uppercase and at least 2 letters
    4: any other mix
    letters = str.isalpha(); a letter is uppercase iff str.isupper(), otherwise lowercase.
    """
    up = [c.isupper() for c in text if c.isalpha()]
    if not up:
        return 0
    if not any(up):
        return 1
    if up[0] and not any(up[1:]):
        return 2
    if all(up) and len(up) >= 2:
        return 3
    return 4


def best_path(probs, labels):
    """Most probable label sequence (Viterbi over log probabilities) in which every ``I-X`` / ``E-X``
    follows a ``B-X`` or ``I-X``; the Rust runtime's ``crates/ner/src/decode.rs`` does the same.

    ``probs``: one row of label probabilities per word, or ``None`` for a word without a sub-token
    (it is ``O``). Returns label ids. Ties go to the lowest label id, as in Rust.
    """
    import numpy as np

    k = len(labels)
    if not probs or k == 0:
        return []

    def split(label):
        if label == "O" or not label:
            return "O", ""
        prefix, sep, kind = label.partition("-")
        if not sep:
            prefix, sep, kind = label.partition("_")
        if sep and len(prefix) == 1:
            tag = prefix.upper()
            return ("B" if tag == "S" else tag), kind
        return "-", label

    parts = [split(l) for l in labels]
    cont = np.array([t in ("I", "E") for t, _ in parts])
    allowed = np.ones((k, k), bool)
    for j, (tag, kind) in enumerate(parts):
        if tag in ("I", "E"):
            allowed[:, j] = [pt in ("B", "I") and pk == kind for pt, pk in parts]
    floor = np.float32(1e-12)
    outside = labels.index("O") if "O" in labels else None
    unseen = np.array([0.0 if outside is None or j == outside else np.log(floor) for j in range(k)], np.float32)

    def emission(row):
        return unseen if row is None else np.log(np.maximum(np.asarray(row, np.float32), floor))

    best = np.where(cont, -np.inf, emission(probs[0])).astype(np.float32)
    back = []
    for row in probs[1:]:
        m = np.where(allowed, best[:, None], -np.inf)
        frm = m.argmax(0)
        best = m[frm, np.arange(k)] + emission(row)
        back.append(frm)
    label = int(best.argmax())
    path = [label]
    for frm in reversed(back):
        label = int(frm[label])
        path.append(label)
    return path[::-1]


def load_tokenizer(model_dir: str):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_dir)


def encode_words(tokenizer, sentences, max_length=128, truncation=True):
    """Tokenise pre-split sentences (lists of words).

    Returns a list of dicts with ``input_ids``, ``token_type_ids`` (shape ids),
    ``word_ids`` (None for special tokens) and ``first`` (index of the first sub-token of
    each word, or -1 if the word was truncated away).
    """
    enc = tokenizer(
        sentences,
        is_split_into_words=True,
        return_offsets_mapping=True,
        truncation=truncation,
        max_length=max_length,
    )
    out = []
    for i, words in enumerate(sentences):
        wids = enc.word_ids(i)
        offs = enc["offset_mapping"][i]
        ids = enc["input_ids"][i]
        tt = []
        first = [-1] * len(words)
        for j, (w, (s, e)) in enumerate(zip(wids, offs)):
            if w is None:
                tt.append(0)
                continue
            tt.append(shape_id(words[w][s:e]))
            if first[w] < 0:
                first[w] = j
        out.append({"input_ids": ids, "token_type_ids": tt, "word_ids": wids, "first": first})
    return out


def pack_sentences(word_counts, budget):
    """Groups of consecutive sentence indices, each as many sentences as fit in ``budget``
    words (greedy, in order; a sentence longer than the budget is a group on its own).
    Mirrors ``crates/ner/src/context.rs::pack_sentences``."""
    packs, current, words = [], [], 0
    for i, n in enumerate(word_counts):
        if current and words + n > budget:
            packs.append(current)
            current, words = [], 0
        current.append(i)
        words += n
    if current:
        packs.append(current)
    return packs


def pad_batch(items, pad_id=0):
    L = max(len(x["input_ids"]) for x in items)
    B = len(items)
    ids = torch.full((B, L), pad_id, dtype=torch.long)
    tt = torch.zeros((B, L), dtype=torch.long)
    am = torch.zeros((B, L), dtype=torch.long)
    for b, x in enumerate(items):
        n = len(x["input_ids"])
        ids[b, :n] = torch.tensor(x["input_ids"])
        tt[b, :n] = torch.tensor(x["token_type_ids"])
        am[b, :n] = 1
    return ids, tt, am


# --------------------------------------------------------------------------- model
class _Cfg:
    def __init__(self, d):
        self.__dict__.update(d)


class BertEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, input_ids, token_type_ids):
        L = input_ids.shape[1]
        pos = torch.arange(L, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos) + self.token_type_embeddings(token_type_ids)
        return self.dropout(self.LayerNorm(x))


class BertSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.h = c.num_attention_heads
        self.d = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.p = c.attention_probs_dropout_prob

    def forward(self, x, mask):
        B, L, H = x.shape

        def split(t):
            return t.view(B, L, self.h, self.d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        o = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=self.p if self.training else 0.0)
        return o.transpose(1, 2).reshape(B, L, H)


class _DenseLN(nn.Module):
    def __init__(self, din, dout, c):
        super().__init__()
        self.dense = nn.Linear(din, dout)
        self.LayerNorm = nn.LayerNorm(dout, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, x, res):
        return self.LayerNorm(self.dropout(self.dense(x)) + res)


class BertAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = BertSelfAttention(c)
        self.output = _DenseLN(c.hidden_size, c.hidden_size, c)

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class BertIntermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x):
        return F.gelu(self.dense(x))  # exact (erf) GELU == HF "gelu"


class BertLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = BertAttention(c)
        self.intermediate = BertIntermediate(c)
        self.output = _DenseLN(c.intermediate_size, c.hidden_size, c)

    def forward(self, x, mask):
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class BertEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer(c) for _ in range(c.num_hidden_layers)])

    def forward(self, x, mask):
        for l in self.layer:
            x = l(x, mask)
        return x


class BertModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = BertEmbeddings(c)
        self.encoder = BertEncoder(c)

    def forward(self, input_ids, token_type_ids, attention_mask):
        mask = attention_mask.bool()[:, None, None, :]
        return self.encoder(self.embeddings(input_ids, token_type_ids), mask)


class BertForTokenClassification(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        c = _Cfg(config)
        self.config = config
        self.bert = BertModel(c)
        self.dropout = nn.Dropout(config.get("classifier_dropout") or c.hidden_dropout_prob)
        self.classifier = nn.Linear(c.hidden_size, config["num_labels"] if "num_labels" in config else len(config["id2label"]))
        self.apply(self._init)

    def _init(self, m):
        std = self.config.get("initializer_range", 0.02)
        if isinstance(m, nn.Linear):
            m.weight.data.normal_(0.0, std)
            m.bias.data.zero_()
        elif isinstance(m, nn.Embedding):
            m.weight.data.normal_(0.0, std)
        elif isinstance(m, nn.LayerNorm):
            m.weight.data.fill_(1.0)
            m.bias.data.zero_()

    def forward(self, input_ids, token_type_ids, attention_mask):
        return self.classifier(self.dropout(self.bert(input_ids, token_type_ids, attention_mask)))


def load_exported(model_dir: str, dtype=torch.float32):
    """Load an exported model dir (config.json + model.safetensors) into the plain-torch model."""
    from safetensors.torch import load_file

    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    cfg["num_labels"] = len(cfg["id2label"])
    m = BertForTokenClassification(cfg)
    # A joint model's attribution path (`claims_layers.*`, `claims_classifier.*`) is not part of the entity tagger.
    sd = {k: v.to(dtype) for k, v in load_file(os.path.join(model_dir, "model.safetensors")).items()
          if not k.startswith(("claims_classifier.", "claims_layers."))}
    missing, unexpected = m.load_state_dict(sd, strict=False)
    assert not missing and not unexpected, (missing, unexpected)
    return m.to(dtype).eval(), cfg


# --------------------------------------------------------------------------- words (port of crates/ner/src/words.rs)
_OPENERS = set('"\'“‘([{«$£€¥')
_CLOSERS = set('"”’\')]}»,;:!?%')
_DASHES = set("—–")
_ABBREVIATIONS = set(
    "mr mrs ms dr gen lt col maj capt sgt adm sen rep gov pres prof st jr sr inc ltd co corp bros jan feb "
    "mar apr jun jul aug sep sept oct nov dec no nos vs etc mt ft rev hon dept univ approx est".split()
)


def _is_abbreviation(stem: str) -> bool:
    letters = sum(1 for c in stem if c.isalpha())
    if letters == 0:
        return False
    dotted = "." in stem and all(c.isalpha() or c == "." for c in stem)
    if len(stem) == 1 or dotted:
        return True
    return stem.lower() in _ABBREVIATIONS


def _split_chunk(text, start, end, out):
    while start < end:
        c = text[start]
        if c not in _OPENERS or start + 1 == end:
            break
        out.append((start, start + 1))
        start += 1
    tail = []
    while True:
        piece = text[start:end]
        if len(piece) <= 1:
            break
        last = piece[-1]
        if piece.endswith("...") and len(piece) > 3:
            tail.append((end - 3, end))
            end -= 3
        elif last == "…" or last in _CLOSERS:
            tail.append((end - 1, end))
            end -= 1
        elif last == "." and not _is_abbreviation(piece[:-1]):
            tail.append((end - 1, end))
            end -= 1
        else:
            break
    piece = text[start:end]
    lower = piece.lower()
    clitic = 0
    for c in ("'s", "’s", "n't", "n’t"):
        if lower.endswith(c) and len(piece) > len(c):
            clitic = len(c)
            break
    if start < end:
        if clitic:
            out.append((start, end - clitic))
            out.append((end - clitic, end))
        else:
            out.append((start, end))
    out.extend(reversed(tail))


def words(text: str):
    """Character (code point) ranges of the words of ``text``: the same cut as the Rust
    runtime's ``crates/ner/src/words.rs`` (which works in bytes)."""
    out, chunk = [], None
    for i, c in enumerate(text):
        if c.isspace() or c in _DASHES:
            if chunk is not None:
                _split_chunk(text, chunk, i, out)
                chunk = None
            if c in _DASHES:
                out.append((i, i + 1))
        elif chunk is None:
            chunk = i
    if chunk is not None:
        _split_chunk(text, chunk, len(text), out)
    return out


# --------------------------------------------------------------------------- training pieces shared by train_*.py
TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json")


def adamw(model, lr: float, weight_decay: float):
    """AdamW with weight decay on every weight but biases and LayerNorm."""
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if n.endswith(".bias") or "LayerNorm" in n else decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)


def lr_schedule(warmup: float, planned_steps: int, budget_seconds: float):
    """Learning-rate factor for (step, elapsed seconds): linear warm-up over the first `warmup` share,
    then linear decay to 0. Progress = max(step / planned, elapsed / budget), so a time budget that
    cuts training short still ends near lr 0."""
    def factor(step, elapsed):
        p = min(1.0, max(step / planned_steps, elapsed / budget_seconds))
        if p < warmup:
            return max(p / warmup, 1e-3)
        return max(0.0, (1.0 - p) / (1.0 - warmup))

    return factor


def why_stop(step, planned, elapsed, budget_seconds, stop, max_minutes, done_reason="planned epochs completed"):
    """Why training stops before this step, or None to go on: the planned steps are done, the time budget
    (--max-minutes) is spent, or a signal asked (stop_on_signals)."""
    if step >= planned:
        return done_reason
    if elapsed >= budget_seconds:
        return f"--max-minutes {max_minutes}"
    if stop["flag"]:
        return "signal"
    return None


def stop_on_signals():
    """A dict whose "flag" turns True on SIGTERM/SIGINT: training stops, then evaluates and exports."""
    import signal

    stop = {"flag": False}

    def on_sig(signum, frame):
        print(f"signal {signum}: stopping training, then eval + export", flush=True)
        stop["flag"] = True

    signal.signal(signal.SIGTERM, on_sig)
    signal.signal(signal.SIGINT, on_sig)
    return stop


def save_float16(model, out: str, tokenizer_dir: str):
    """model.safetensors in float16 (names bert.* / classifier.*) plus the tokenizer files."""
    import shutil

    from safetensors.torch import save_file

    os.makedirs(out, exist_ok=True)
    sd = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()}
    save_file(sd, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    for fn in TOKENIZER_FILES:
        shutil.copy(os.path.join(tokenizer_dir, fn), os.path.join(out, fn))
