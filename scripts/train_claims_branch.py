#!/usr/bin/env python3
"""Train newsnlp's one-pass model the frozen-trunk way: the entity path IS the shipped NER model,
unchanged, and the attribution path is K transformer layers of its own on the output of the NER
model's first 6-K layers, plus an attribution head.

So `ner` gives exactly what the NER model gives when it reads the same windows, and one encoder pass
per window serves both stages: the first 6-K layers once, then K layers for entities and K layers for
attribution roles (6+K layers' work instead of 6 for entities plus 6 x 1.5 for the overlapping
attribution windows of the two-model pipeline).

Only the attribution branch learns. Its layers and head start from the last K layers and head of the
shipped attribution model (itself fine-tuned from the NER model, so the two share their lower layers'
ancestry). The frozen trunk's output for every PolNeAR train window is computed once and kept in
memory, so an epoch costs K layers forward and backward per window. Loss: KL(teacher || student) to
the shipped attribution model's label probabilities at each word's first sub-token plus cross-entropy
against the gold PolNeAR roles.

The result is a joint model directory in the layout `newsnlp_ner::combine_models` and
`scripts/train_joint.py` write (`claims_layers.*`, `claims_classifier.*`, config keys
`newsnlp_claims_id2label` and `newsnlp_claims_branch_layers`); give it as both `--model` and
`--claims-model`.

Reproduce (from the repo root; about 10 min on a 2-core AVX-512 BF16 CPU with --branch-layers 1,
most of it the trunk and teacher pass over the train windows; about 3x that without bfloat16):
    .venv/bin/python scripts/train_claims_branch.py --polnear ../shared/data/polnear \
        --out out/onepass-minilm --work out/train-onepass --bf16 --branch-layers 1 --epochs 6
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsnlp_bert import (  # noqa: E402
    TOKENIZER_FILES, BertLayer, _Cfg, adamw, load_exported, load_tokenizer, pad_batch,
)
from train_claims import read_split, word_labels  # noqa: E402
from training_loop import TrainingLoop, apply_gradients, steps_per_epoch as count_steps  # noqa: E402
from train_joint import (  # noqa: E402
    BRANCH_KEY, CLAIMS_KEY, TEACHER_DIRS, WINDOW, cpu_model, distillation_loss, make_batches, make_windows,
    restore_teachers, teacher_probabilities,
)


class ClaimsBranch(nn.Module):
    """K BERT layers and a token-classification head over the frozen trunk's hidden states."""

    def __init__(self, cfg, n_labels, layers):
        super().__init__()
        c = _Cfg(cfg)
        self.claims_layers = nn.ModuleList([BertLayer(c) for _ in range(layers)])
        self.dropout = nn.Dropout(cfg.get("classifier_dropout") or c.hidden_dropout_prob)
        self.claims_classifier = nn.Linear(c.hidden_size, n_labels)

    def forward(self, hidden, attention_mask):
        mask = attention_mask.bool()[:, None, None, :]
        for layer in self.claims_layers:
            hidden = layer(hidden, mask)
        return self.claims_classifier(self.dropout(hidden))


def branch_from_teacher(claims_teacher, cfg, n_labels, layers):
    """The branch initialised from the attribution teacher's last `layers` layers and its head."""
    branch = ClaimsBranch(cfg, n_labels, layers)
    total = cfg["num_hidden_layers"]
    sd = {}
    for k, v in claims_teacher.state_dict().items():
        if k.startswith("bert.encoder.layer."):
            parts = k.split(".", 4)
            n = int(parts[3])
            if n >= total - layers:
                sd[f"claims_layers.{n - (total - layers)}.{parts[4]}"] = v.clone()
        elif k.startswith("classifier."):
            sd["claims_" + k] = v.clone()
    branch.load_state_dict(sd, strict=True)
    return branch


@torch.no_grad()
def trunk_states(ner_model, items, shared, bf16, batch_size=32):
    """The NER model's hidden states after its first `shared` layers for every window, bfloat16."""
    ner_model.eval()
    out = [None] * len(items)
    order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
    t0 = time.time()
    for k in range(0, len(order), batch_size):
        chunk = order[k:k + batch_size]
        ids, tt, am = pad_batch([items[i] for i in chunk])
        mask = am.bool()[:, None, None, :]
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            x = ner_model.bert.embeddings(ids, tt)
            for layer in ner_model.bert.encoder.layer[:shared]:
                x = layer(x, mask)
        for row, i in enumerate(chunk):
            out[i] = x[row, :len(items[i]["input_ids"])].to(torch.bfloat16).clone()
        if (k // batch_size) % 50 == 0:
            print(f"trunk: {k + len(chunk)}/{len(items)} windows, {time.time() - t0:.0f}s", flush=True)
    return out


def pad_states(states, index):
    """Padded float32 hidden states [B, L, H] and the attention mask [B, L] of one batch."""
    longest = max(states[i].shape[0] for i in index)
    hidden = torch.zeros(len(index), longest, states[index[0]].shape[1])
    mask = torch.zeros(len(index), longest, dtype=torch.long)
    for b, i in enumerate(index):
        n = states[i].shape[0]
        hidden[b, :n] = states[i].float()
        mask[b, :n] = 1
    return hidden, mask


def batch_targets(items, soft, index):
    rows, cols, gold, probs = [], [], [], []
    for b, i in enumerate(index):
        rows += [b] * len(items[i]["pos"])
        cols += items[i]["pos"]
        gold += items[i]["gold_claims"]
        probs.append(soft[i])
    return torch.tensor(rows), torch.tensor(cols), torch.tensor(gold), torch.cat(probs).float()


def polnear_windows(polnear, split, tok, claims_labels, step_share, limit):
    """Whole-document windows `step_share` of a window apart (the layout a joint model without
    `newsnlp_context_words` reads)."""
    l2i = {l: i for i, l in enumerate(claims_labels)}
    items = []
    for _name, text, rels in read_split(os.path.join(polnear, split), limit):
        ws, labels = word_labels(text, rels)
        words = [text[s:e] for s, e in ws]
        items += make_windows(tok, words, None, labels, {}, l2i, step_share, "polnear")
    return items


# A sentence ends at a line break, or after . ! ? (and any closing quotes or brackets) before a
# capital, a digit or an opening quote, unless the full stop ends a common abbreviation. Only the
# grouping of training windows depends on it, so it need not be the runtime's splitter.
_SENTENCE_END = re.compile(r"\n\s*|(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|No|"
                            r"Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|vs|U\.S|U\.K|U\.N)|\b[A-Z])\.$")


def sentence_ranges(text):
    """Character ranges of the sentences of `text` (see `_SENTENCE_END`)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).startswith("\n") or not _ABBREVIATIONS.search(text[max(0, m.start() - 8):m.start()]):
            if text[start:m.start()].strip():
                out.append((start, m.start()))
            start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def word_probabilities(teacher, tok, words, step_share, bf16):
    """The teacher's label probabilities for each word (at its first sub-token), averaged over the
    whole-document windows that hold it, as the runtime reads a document with the one-head model."""
    from train_joint import tokenize_words, windows_of

    ids, shapes, first = tokenize_words(tok, words)
    word_at = {j: w for w, j in enumerate(first) if j >= 0}
    n_labels = teacher.classifier.out_features
    total = torch.zeros(len(words), n_labels)
    count = torch.zeros(len(words), 1)
    windows = windows_of(len(ids), step_share)
    items = [{"input_ids": [tok.cls_token_id] + ids[s:e] + [tok.sep_token_id],
              "token_type_ids": [0] + shapes[s:e] + [0]} for s, e in windows]
    for k in range(0, len(items), 16):
        ids_b, tt, am = pad_batch(items[k:k + 16])
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            probs = torch.softmax(teacher(ids_b, tt, am).float(), -1)
        for row, (s, e) in enumerate(windows[k:k + 16]):
            for j in range(s, e):
                w = word_at.get(j)
                if w is not None:
                    total[w] += probs[row, j - s + 1]
                    count[w] += 1
    return (total / count.clamp_min(1)).to(torch.float16), (ids, shapes, first)


def polnear_sentence_groups(polnear, split, tok, claims_labels, budget, teacher, bf16, limit):
    """Windows of consecutive whole sentences, each group as many as fit in `budget` words (the
    packing the entity model reads, `newsnlp_context_words`), with soft targets from the teacher
    reading the whole document. Returns the items and their soft targets."""
    from newsnlp_bert import pack_sentences
    from train_joint import windows_of

    l2i = {l: i for i, l in enumerate(claims_labels)}
    items, soft = [], []
    t0 = time.time()
    articles = read_split(os.path.join(polnear, split), limit)
    for a, (_name, text, rels) in enumerate(articles):
        ws, labels = word_labels(text, rels)
        if not ws:
            continue
        words = [text[s:e] for s, e in ws]
        probs, (ids, shapes, first) = word_probabilities(teacher, tok, words, 2 / 3, bf16)
        sentence_words = [[w for w, (s, e) in enumerate(ws) if s >= a0 and e <= a1] for a0, a1 in sentence_ranges(text)]
        sentence_words = [sw for sw in sentence_words if sw]
        for group in pack_sentences([len(sw) for sw in sentence_words], budget):
            group_words = [w for g in group for w in sentence_words[g] if first[w] >= 0]
            if not group_words:
                continue
            lo = first[group_words[0]]
            last = group_words[-1]
            hi = next((first[w] for w in range(last + 1, len(words)) if first[w] >= 0), len(ids))
            for s, e in windows_of(hi - lo, 1.0):
                s, e = s + lo, e + lo
                inside = [w for w in group_words if s <= first[w] < e]
                items.append({
                    "input_ids": [tok.cls_token_id] + ids[s:e] + [tok.sep_token_id],
                    "token_type_ids": [0] + shapes[s:e] + [0],
                    "pos": [first[w] - s + 1 for w in inside],
                    "gold_claims": [l2i[labels[w]] for w in inside],
                    "source": "polnear",
                })
                soft.append(probs[inside])
        if a % 50 == 0:
            print(f"sentence groups: {a + 1}/{len(articles)} articles, {len(items)} windows, "
                  f"{time.time() - t0:.0f}s", flush=True)
    return items, soft


def export(ner_model, ner_cfg, branch, claims_labels, tokenizer_dir, out, info, keep_groups):
    """The NER model's weights and config unchanged, plus the branch, its labels and its depth."""
    import shutil

    from safetensors.torch import save_file

    os.makedirs(out, exist_ok=True)
    sd = {k: v.detach().to(torch.float16).contiguous() for k, v in ner_model.state_dict().items()}
    sd.update({k: v.detach().to(torch.float16).contiguous() for k, v in branch.state_dict().items()})
    save_file(sd, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    for fn in TOKENIZER_FILES:
        shutil.copy(os.path.join(tokenizer_dir, fn), os.path.join(out, fn))
    cfg = dict(ner_cfg)
    if not keep_groups:  # the pass reads whole-document windows, not groups of sentences
        cfg.pop("newsnlp_context_words", None)
    cfg.update({
        "base_model": "newsnlp models/ner-ontonotes-minilm (entity path, unchanged) with an attribution "
                      "branch trained from models/claims-polnear-minilm",
        "newsnlp_window": WINDOW,
        CLAIMS_KEY: {str(i): l for i, l in enumerate(claims_labels)},
        BRANCH_KEY: len(branch.claims_layers),
        "newsnlp_training": info,
    })
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")


def save_atomically(obj, path):
    torch.save(obj, path + ".partial")
    os.replace(path + ".partial", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", required=True, help="PolNeAR folder with train/ (text/ + attributions/)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", required=True, help="folder for the cached trunk outputs and checkpoints")
    ap.add_argument("--resume", action="store_true", help="go on from the last checkpoint in --work")
    ap.add_argument("--export-only", action="store_true",
                    help="export the last checkpoint in --work to --out (e.g. to evaluate a run in progress)")
    ap.add_argument("--ner-model", help=f"the entity path (default {TEACHER_DIRS[0]})")
    ap.add_argument("--claims-teacher", help=f"default {TEACHER_DIRS[1]}")
    ap.add_argument("--branch-layers", type=int, default=1)
    ap.add_argument("--epochs", type=float, default=6)
    ap.add_argument("--max-minutes", type=float, default=60.0)
    ap.add_argument("--checkpoint-minutes", type=float, default=5.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup", type=float, default=0.05)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--windows", choices=("sentence-groups", "document"), default="sentence-groups",
                    help="what one pass reads: the entity model's groups of whole sentences "
                         "(newsnlp_context_words words each; the default), or whole-document windows")
    ap.add_argument("--polnear-step", type=float, default=0.5,
                    help="--windows document: window step as a share of a window")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit-articles", type=int, default=None, help="smoke tests only")
    ap.add_argument("--log-every", type=int, default=50)
    ap.add_argument("--bf16", action="store_true", help="bfloat16 autocast (float32 master weights)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.work, exist_ok=True)
    t0 = time.time()
    if not (args.ner_model and args.claims_teacher):
        restored = restore_teachers(args.work)
        args.ner_model = args.ner_model or restored[0]
        args.claims_teacher = args.claims_teacher or restored[1]
    ner_model, ner_cfg = load_exported(args.ner_model)
    claims_teacher, claims_cfg = load_exported(args.claims_teacher)
    claims_labels = [claims_cfg["id2label"][str(i)] for i in range(len(claims_cfg["id2label"]))]
    tok = load_tokenizer(args.ner_model)
    shared = ner_cfg["num_hidden_layers"] - args.branch_layers

    budget = ner_cfg.get("newsnlp_context_words") if args.windows == "sentence-groups" else None
    if args.windows == "sentence-groups" and not budget:
        sys.exit(f"{args.ner_model}/config.json has no newsnlp_context_words: use --windows document")
    data_cache = os.path.join(args.work, f"data-{args.windows}.pt")
    if os.path.exists(data_cache):
        saved = torch.load(data_cache, weights_only=False)
        items, soft = saved["items"], saved["soft"]
        print(f"windows and teacher outputs from {data_cache}: {len(items)} windows", flush=True)
    else:
        if budget:
            items, soft = polnear_sentence_groups(args.polnear, "train", tok, claims_labels, budget, claims_teacher,
                                                  args.bf16, args.limit_articles)
        else:
            items = polnear_windows(args.polnear, "train", tok, claims_labels, args.polnear_step,
                                    args.limit_articles)
            soft = teacher_probabilities(claims_teacher, items, args.bf16, label="claims")
        print(f"data: {len(items)} PolNeAR train windows ({args.windows})", flush=True)
        save_atomically({"items": items, "soft": soft}, data_cache)
    trunk_cache = os.path.join(args.work, f"trunk{shared}-{args.windows}.pt")
    if os.path.exists(trunk_cache):
        states = torch.load(trunk_cache, weights_only=False)
    else:
        states = trunk_states(ner_model, items, shared, args.bf16)
        save_atomically(states, trunk_cache)
        print(f"trunk outputs cached in {trunk_cache} ({time.time() - t0:.0f}s so far)", flush=True)

    branch = branch_from_teacher(claims_teacher, claims_cfg, len(claims_labels), args.branch_layers)
    del claims_teacher
    opt = adamw(branch, args.lr, args.weight_decay)
    steps_per_epoch = count_steps(len(items), args.batch_size)
    ckpt = os.path.join(args.work, f"checkpoint-{args.windows}-branch{args.branch_layers}.pt")
    loop = TrainingLoop(branch, opt, ckpt, steps_per_epoch, epochs=args.epochs, lr=args.lr, warmup=args.warmup,
                        max_minutes=args.max_minutes, checkpoint_minutes=args.checkpoint_minutes,
                        log_every=args.log_every)
    if args.export_only:
        info = loop.load_for_export()
        info.update({"recipe": "scripts/train_claims_branch.py (frozen entity trunk)",
                     "branch_layers": args.branch_layers, "windows": args.windows})
        export(ner_model, ner_cfg, branch, claims_labels, args.ner_model, args.out, info, keep_groups=bool(budget))
        print(f"exported the checkpoint of step {info['steps']} to {args.out}", flush=True)
        return
    if args.resume:
        loop.resume()

    def batches_of_epoch(epoch):
        return make_batches(items, args.batch_size, random.Random(args.seed + epoch))

    def train_step(batch, lr):
        branch.train()
        hidden, am = pad_states(states, batch)
        rows, cols, gold, probs = batch_targets(items, soft, batch)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            logits = branch(hidden, am)
        loss = distillation_loss(logits[rows, cols], probs, gold)
        return apply_gradients(branch, opt, loss, lr)

    info = loop.run(batches_of_epoch, train_step)
    info.update({
        "recipe": "scripts/train_claims_branch.py (frozen entity trunk)",
        "polnear_windows": len(items), "bf16": args.bf16, "lr": args.lr, "batch_size": args.batch_size,
        "seed": args.seed, "threads": args.threads, "cpu": cpu_model(), "branch_layers": args.branch_layers,
    })
    info["windows"] = args.windows
    export(ner_model, ner_cfg, branch, claims_labels, args.ner_model, args.out, info, keep_groups=bool(budget))
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(args.out, "*")))
    print(f"training ended: {json.dumps(info)}", flush=True)
    print(f"exported to {args.out} ({total / 1e6:.1f} MB); total wall {(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
