#!/usr/bin/env python3
"""Train newsnlp's joint model: one MiniLM-L6 encoder with two token-classification heads, one for
OntoNotes entities (`classifier`, the model's `id2label`) and one for PolNeAR attribution roles
(`claims_classifier`, `newsnlp_claims_id2label`), so that the `ner` and `claims` stages share one
encoder pass per window.

It is distilled from the two shipped single-task models (the teachers, `models/ner-ontonotes-minilm` and
`models/claims-polnear-minilm`) on the union of their training sets, cut into the 256-sub-token windows the
runtime reads:
- OntoNotes 5.0 train (v12) documents: gold entity labels, the NER teacher's and the attribution
  teacher's label probabilities;
- PolNeAR train articles: gold role labels, both teachers' label probabilities.
Every window teaches both heads: loss = KL(teacher || student) for each head at every word's first
sub-token, plus cross-entropy against the gold labels the window has.
The student's shared layers and word-shape embeddings start from the attribution teacher; with
--branch-layers K the entity path's own last K layers and head start from the NER teacher, and the
attribution path's own K layers and head from the attribution teacher.

The teachers default to the two shipped models (models/ner-ontonotes-minilm, models/claims-polnear-minilm);
where those are missing they are taken from the git history (revision TEACHERS_REVISION, `git archive`) into
--work/teachers.

Smaller students (the fast tier): --init DIR starts from a joint model whose layers are all shared
(models/joint-minilm) instead of the teachers' layers; --layers N keeps its first N encoder layers and
--intermediate-size M cuts each feed-forward block to its M most important neurons. --unlabelled FILE adds
the windows of unlabelled news articles (JSON Lines with a "text" field, e.g. the BBC corpus), which teach
both heads the teachers' label probabilities only.

Long runs: teacher outputs are cached in --work, checkpoints are written there every
--checkpoint-minutes, and --resume goes on from the last one (same data, same order). The loop itself
(schedule, stop, checkpoint, resume) is scripts/training_loop.py.

Reproduce (from the repo root; on a 2-core AVX-512 BF16 CPU the teachers' outputs take about 20 min and
1.4 epochs about 40 min with --branch-layers 1; 3x that without bfloat16):
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/train_joint.py --ontonotes ../shared/data/ontonotes5 \
        --polnear ../shared/data/polnear --out out/joint-minilm --work out/train-joint --bf16 \
        --branch-layers 1 --epochs 3 --max-minutes 90
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsnlp_bert import (  # noqa: E402
    SHAPE_KEY, SHAPE_VERSION, BertLayer, BertModel, _Cfg, adamw, load_exported, load_tokenizer, pad_batch,
    shape_id, words as word_ranges, TOKENIZER_FILES,
)
from training_loop import TrainingLoop, apply_gradients, steps_per_epoch as count_steps  # noqa: E402
from train_claims import read_split, word_labels  # noqa: E402
from train_ner import read_bio  # noqa: E402

WINDOW = 256  # sub-tokens per window incl. [CLS]/[SEP]; the runtime reads it from config.json
# A revision that ships the two single-task models the joint model is distilled from.
TEACHERS_REVISION = "59660d8"
TEACHER_DIRS = ("models/ner-ontonotes-minilm", "models/claims-polnear-minilm")
CLAIMS_KEY = "newsnlp_claims_id2label"
# The encoder's last layers the entity path has to itself; the attribution path has as many of its
# own (`claims_layers.*`) on the output of the shared ones.
BRANCH_KEY = "newsnlp_claims_branch_layers"


# --------------------------------------------------------------------------- data
def tokenize_words(tok, words):
    """Sub-token ids, shape ids and the first sub-token of each word (-1: none) of one word list."""
    if not words:
        return None
    enc = tok(words, is_split_into_words=True, add_special_tokens=False, return_offsets_mapping=True,
              truncation=False)
    ids, wids, offs = enc["input_ids"], enc.word_ids(), enc["offset_mapping"]
    shapes, first = [], [-1] * len(words)
    for j, (w, (s, e)) in enumerate(zip(wids, offs)):
        shapes.append(shape_id(words[w][s:e]))
        if first[w] < 0:
            first[w] = j
    return ids, shapes, first


def windows_of(n, step_share):
    """Windows over n sub-tokens, `step_share` of a window apart, the last one flush with the end."""
    capacity = WINDOW - 2
    step = max(1, int(capacity * step_share))
    out, start = [], 0
    while n > 0:
        end = min(start + capacity, n)
        out.append((start, end))
        if end == n:
            return out
        start = min(start + step, max(0, n - capacity))
    return out


def make_windows(tok, words, ner_tags, claims_tags, ner_l2i, claims_l2i, step_share, source):
    """Training windows of one document: ids, shapes, the positions of word-first sub-tokens inside
    the window (after [CLS]) and the gold label at each (-100: none)."""
    got = tokenize_words(tok, words)
    if got is None:
        return []
    ids, shapes, first = got
    gold_ner = [-100] * len(ids)
    gold_claims = [-100] * len(ids)
    is_first = [False] * len(ids)
    for w, j in enumerate(first):
        if j < 0:
            continue
        is_first[j] = True
        if ner_tags is not None:
            gold_ner[j] = ner_l2i.get(ner_tags[w], 0)
        if claims_tags is not None:
            gold_claims[j] = claims_l2i[claims_tags[w]]
    out = []
    for s, e in windows_of(len(ids), step_share):
        pos = [j - s + 1 for j in range(s, e) if is_first[j]]
        out.append({
            "input_ids": [tok.cls_token_id] + ids[s:e] + [tok.sep_token_id],
            "token_type_ids": [0] + shapes[s:e] + [0],
            "pos": pos,
            "gold_ner": [gold_ner[p + s - 1] for p in pos],
            "gold_claims": [gold_claims[p + s - 1] for p in pos],
            "source": source,
        })
    return out


def build_items(args, tok, ner_labels, claims_labels):
    ner_l2i = {l: i for i, l in enumerate(ner_labels)}
    claims_l2i = {l: i for i, l in enumerate(claims_labels)}
    items = []
    docs = read_bio(os.path.join(args.ontonotes, "train.v12.bio"), args.limit_sentences)
    for sents in docs:
        words = [w for ws, _ in sents for w in ws]
        tags = [t for _, ts in sents for t in ts]
        items += make_windows(tok, words, tags, None, ner_l2i, claims_l2i, args.ontonotes_step, "ontonotes")
    n_onto = len(items)
    for name, text, rels in read_split(os.path.join(args.polnear, "train"), args.limit_articles):
        ws, labels = word_labels(text, rels)
        words = [text[s:e] for s, e in ws]
        items += make_windows(tok, words, None, labels, ner_l2i, claims_l2i, args.polnear_step, "polnear")
    n_polnear = len(items) - n_onto
    for text in read_unlabelled(args.unlabelled, args.unlabelled_articles):
        words = [text[s:e] for s, e in word_ranges(text)]
        items += make_windows(tok, words, None, None, ner_l2i, claims_l2i, 1.0, "unlabelled")
    print(f"data: {n_onto} OntoNotes windows from {len(docs)} documents, {n_polnear} PolNeAR windows, "
          f"{len(items) - n_onto - n_polnear} unlabelled windows", flush=True)
    return items


def read_unlabelled(paths, limit):
    """Texts of unlabelled news articles for teacher labels only: JSON Lines files with a "text" field (the
    BBC corpus's bbc-fulltext.jsonl), the first `limit` of each file."""
    for path in paths or []:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                text = json.loads(line).get("text") or ""
                if text.strip():
                    yield text


# --------------------------------------------------------------------------- teachers
@torch.no_grad()
def teacher_probabilities(model, items, bf16, batch_size=32, label=""):
    """Each item's teacher label probabilities at its word-first positions, float16 [words, labels]."""
    model.eval()
    out = [None] * len(items)
    order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
    t0 = time.time()
    for k in range(0, len(order), batch_size):
        chunk = order[k:k + batch_size]
        ids, tt, am = pad_batch([items[i] for i in chunk])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            logits = model(ids, tt, am)
        probs = torch.softmax(logits.float(), -1)
        for row, i in enumerate(chunk):
            out[i] = probs[row, items[i]["pos"]].to(torch.float16)
        if (k // batch_size) % 50 == 0:
            print(f"teacher {label}: {k + len(chunk)}/{len(items)} windows, {time.time() - t0:.0f}s", flush=True)
    return out


# --------------------------------------------------------------------------- student
class JointModel(nn.Module):
    """A BERT encoder whose first layers are shared; the entity path goes on through the encoder's
    last `branch` layers to `classifier` (so it is a plain BertForTokenClassification), and the
    attribution path through `branch` layers of its own (`claims_layers`) to `claims_classifier`."""

    def __init__(self, config, n_ner, n_claims, branch):
        super().__init__()
        c = _Cfg(config)
        self.branch = branch
        self.bert = BertModel(c)
        self.claims_layers = nn.ModuleList([BertLayer(c) for _ in range(branch)])
        self.dropout = nn.Dropout(config.get("classifier_dropout") or c.hidden_dropout_prob)
        self.classifier = nn.Linear(c.hidden_size, n_ner)
        self.claims_classifier = nn.Linear(c.hidden_size, n_claims)

    def forward(self, input_ids, token_type_ids, attention_mask):
        mask = attention_mask.bool()[:, None, None, :]
        layers = self.bert.encoder.layer
        shared = len(layers) - self.branch
        x = self.bert.embeddings(input_ids, token_type_ids)
        for layer in layers[:shared]:
            x = layer(x, mask)
        ner, claims = x, x
        for layer in layers[shared:]:
            ner = layer(ner, mask)
        for layer in self.claims_layers:
            claims = layer(claims, mask)
        return self.classifier(self.dropout(ner)), self.claims_classifier(self.dropout(claims))


def build_student(ner_teacher, claims_teacher, cfg, n_ner, n_claims, branch):
    """Shared layers and embeddings from the attribution teacher; the entity path's own layers and
    head from the NER teacher; the attribution path's own layers and head from the attribution
    teacher (so at the start the attribution path is that teacher)."""
    student = JointModel(cfg, n_ner, n_claims, branch)
    layers = cfg["num_hidden_layers"]
    shared = layers - branch
    claims_sd, ner_sd = claims_teacher.state_dict(), ner_teacher.state_dict()

    def layer_of(key):
        parts = key.split(".")
        return int(parts[3]) if key.startswith("bert.encoder.layer.") else None

    sd = {}
    for k, v in claims_sd.items():
        n = layer_of(k)
        if k.startswith("bert.") and (n is None or n < shared):
            sd[k] = v.clone()
        if n is not None and n >= shared:
            rest = k.split(".", 4)[4]
            sd[f"claims_layers.{n - shared}.{rest}"] = v.clone()
        if k.startswith("classifier."):
            sd["claims_" + k] = v.clone()
    for k, v in ner_sd.items():
        n = layer_of(k)
        if (n is not None and n >= shared) or k.startswith("classifier."):
            sd[k] = v.clone()
    missing, unexpected = student.load_state_dict(sd, strict=True)
    assert not missing and not unexpected, (missing, unexpected)
    return student


def load_joint_state(init_dir):
    """The weights and config of a joint model whose layers are all shared (`--init`), in float32."""
    from safetensors.torch import load_file

    with open(os.path.join(init_dir, "config.json")) as f:
        cfg = json.load(f)
    if cfg.get(BRANCH_KEY, 0):
        raise SystemExit(f"--init {init_dir}: its {BRANCH_KEY} is {cfg[BRANCH_KEY]}; --init needs every layer shared")
    if CLAIMS_KEY not in cfg:
        raise SystemExit(f"--init {init_dir} is not a joint model (no {CLAIMS_KEY} in its config.json)")
    state = {k: v.float() for k, v in load_file(os.path.join(init_dir, "model.safetensors")).items()}
    return state, cfg


def shrink(state, cfg, layers=None, intermediate=None):
    """A smaller student from an all-shared one: its first `layers` encoder layers, and each layer's
    feed-forward block cut to the `intermediate` neurons that matter most (the norm of a neuron's input
    weights times the norm of its output weights). Returns the new state dict and config."""
    state, cfg = dict(state), dict(cfg)
    if layers and layers < cfg["num_hidden_layers"]:
        state = {k: v for k, v in state.items()
                 if not (k.startswith("bert.encoder.layer.") and int(k.split(".")[3]) >= layers)}
        cfg["num_hidden_layers"] = layers
    if intermediate and intermediate < cfg["intermediate_size"]:
        for n in range(cfg["num_hidden_layers"]):
            p = f"bert.encoder.layer.{n}."
            w_in, w_out = state[p + "intermediate.dense.weight"], state[p + "output.dense.weight"]
            score = w_in.norm(dim=1) * w_out.norm(dim=0)
            keep = score.topk(intermediate).indices.sort().values
            state[p + "intermediate.dense.weight"] = w_in[keep].clone()
            state[p + "intermediate.dense.bias"] = state[p + "intermediate.dense.bias"][keep].clone()
            state[p + "output.dense.weight"] = w_out[:, keep].clone()
        cfg["intermediate_size"] = intermediate
    return state, cfg


def student_from(state, cfg, n_ner, n_claims):
    """An all-shared JointModel holding `state`."""
    student = JointModel(cfg, n_ner, n_claims, 0)
    missing, unexpected = student.load_state_dict(state, strict=True)
    assert not missing and not unexpected, (missing, unexpected)
    return student


def pad_batch_targets(items, teachers_ner, teachers_claims, index):
    """Flattened (batch row, position) pairs with gold and teacher targets for one batch."""
    rows, cols, gold_n, gold_c, soft_n, soft_c = [], [], [], [], [], []
    for b, i in enumerate(index):
        it = items[i]
        rows += [b] * len(it["pos"])
        cols += it["pos"]
        gold_n += it["gold_ner"]
        gold_c += it["gold_claims"]
        soft_n.append(teachers_ner[i])
        soft_c.append(teachers_claims[i])
    return (torch.tensor(rows), torch.tensor(cols), torch.tensor(gold_n), torch.tensor(gold_c),
            torch.cat(soft_n).float(), torch.cat(soft_c).float())


def distillation_loss(logits, soft, gold):
    """KL(teacher || student) plus cross-entropy on gold labels where there are any."""
    logp = F.log_softmax(logits.float(), -1)
    kl = F.kl_div(logp, soft.clamp_min(1e-8), reduction="batchmean")
    if (gold >= 0).any():
        kl = kl + F.nll_loss(logp, gold, ignore_index=-100)
    return kl


def make_batches(items, bs, rng, chunk_batches=50):
    """Shuffled batches of similar length (sorted within chunks of `chunk_batches` batches)."""
    idx = list(range(len(items)))
    rng.shuffle(idx)
    batches = []
    size = bs * chunk_batches
    for c in range(0, len(idx), size):
        chunk = sorted(idx[c:c + size], key=lambda i: len(items[i]["input_ids"]))
        batches += [chunk[i:i + bs] for i in range(0, len(chunk), bs)]
    rng.shuffle(batches)
    return batches


# --------------------------------------------------------------------------- export
def export(student, cfg, ner_labels, claims_labels, tokenizer_dir, out, info, document_step=None):
    import shutil

    from safetensors.torch import save_file

    os.makedirs(out, exist_ok=True)
    sd = {k: v.detach().to(torch.float16).contiguous() for k, v in student.state_dict().items()}
    save_file(sd, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    for fn in TOKENIZER_FILES:
        shutil.copy(os.path.join(tokenizer_dir, fn), os.path.join(out, fn))
    keep = {k: v for k, v in cfg.items() if k not in (
        "id2label", "label2id", "num_labels", "newsnlp_window", "base_model", "torch_dtype", "newsnlp_context_words",
        CLAIMS_KEY)}
    keep.update({
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        SHAPE_KEY: SHAPE_VERSION,
        "torch_dtype": "float16",
        "base_model": "distilled from newsnlp models/ner-ontonotes-minilm and models/claims-polnear-minilm "
                      "(both from sentence-transformers/all-MiniLM-L6-v2)",
        "newsnlp_window": WINDOW,
        "id2label": {str(i): l for i, l in enumerate(ner_labels)},
        "label2id": {l: i for i, l in enumerate(ner_labels)},
        CLAIMS_KEY: {str(i): l for i, l in enumerate(claims_labels)},
        BRANCH_KEY: student.branch,
        "newsnlp_training": info,
    })
    if document_step:
        keep["newsnlp_document_step"] = document_step
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(keep, f, indent=2)
        f.write("\n")


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ontonotes", required=True, help="folder with train.v12.bio")
    ap.add_argument("--polnear", required=True, help="PolNeAR folder with train/ (text/ + attributions/)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", required=True, help="folder for the teacher cache and checkpoints")
    ap.add_argument("--resume", action="store_true", help="go on from the last checkpoint in --work")
    ap.add_argument("--export-only", action="store_true",
                    help="export the last checkpoint in --work to --out and stop (to evaluate a run midway)")
    ap.add_argument("--ner-teacher", help=f"default: {TEACHER_DIRS[0]} (from revision {TEACHERS_REVISION} if missing)")
    ap.add_argument("--claims-teacher", help=f"default: {TEACHER_DIRS[1]} (from revision {TEACHERS_REVISION} if missing)")
    ap.add_argument("--branch-layers", type=int, default=2,
                    help="the encoder's last layers each head has to itself (0: every layer shared)")
    ap.add_argument("--init", help="start from this joint model (every layer shared, e.g. models/joint-minilm) "
                                   "instead of the teachers' layers")
    ap.add_argument("--layers", type=int, default=None,
                    help="keep the first N encoder layers (a shallower student; needs --branch-layers 0)")
    ap.add_argument("--intermediate-size", type=int, default=None,
                    help="cut each feed-forward block to its M most important neurons (a narrower student; "
                         "needs --branch-layers 0)")
    ap.add_argument("--unlabelled", action="append",
                    help="JSON Lines file of unlabelled news articles (a \"text\" field) whose windows get teacher "
                         "labels only, e.g. the BBC corpus's bbc-fulltext.jsonl; repeatable")
    ap.add_argument("--unlabelled-articles", type=int, default=None, help="the first N articles of each file")
    ap.add_argument("--epochs", type=float, default=4)
    ap.add_argument("--max-minutes", type=float, default=75.0)
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup", type=float, default=0.04)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--ontonotes-step", type=float, default=1.0, help="window step as a share of a window")
    ap.add_argument("--polnear-step", type=float, default=0.5, help="window step as a share of a window")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--document-step", type=int, default=None,
                    help="sub-tokens between the windows the runtime reads a document in, written to config.json as "
                         "newsnlp_document_step (256: windows that do not overlap; default: two thirds of a window)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit-sentences", type=int, default=None, help="smoke tests only")
    ap.add_argument("--limit-articles", type=int, default=None, help="smoke tests only")
    ap.add_argument("--log-every", type=int, default=25)
    ap.add_argument("--bf16", action="store_true",
                    help="bfloat16 autocast (float32 master weights); about 3x faster on CPUs with AVX512-BF16/AMX")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.work, exist_ok=True)
    t0 = time.time()
    if not (args.ner_teacher and args.claims_teacher):
        restored = restore_teachers(args.work)
        args.ner_teacher = args.ner_teacher or restored[0]
        args.claims_teacher = args.claims_teacher or restored[1]

    ner_teacher, ner_cfg = load_exported(args.ner_teacher)
    claims_teacher, claims_cfg = load_exported(args.claims_teacher)
    ner_labels = [ner_cfg["id2label"][str(i)] for i in range(len(ner_cfg["id2label"]))]
    claims_labels = [claims_cfg["id2label"][str(i)] for i in range(len(claims_cfg["id2label"]))]
    tok = load_tokenizer(args.claims_teacher)

    cache = os.path.join(args.work, "teachers.pt")
    if os.path.exists(cache):
        saved = torch.load(cache, weights_only=False)
        items, soft_ner, soft_claims = saved["items"], saved["ner"], saved["claims"]
        print(f"teacher outputs from {cache}: {len(items)} windows", flush=True)
    else:
        items = build_items(args, tok, ner_labels, claims_labels)
        soft_ner = teacher_probabilities(ner_teacher, items, args.bf16, label="ner")
        soft_claims = teacher_probabilities(claims_teacher, items, args.bf16, label="claims")
        torch.save({"items": items, "ner": soft_ner, "claims": soft_claims}, cache + ".partial")
        os.replace(cache + ".partial", cache)
        print(f"teacher outputs cached in {cache} ({time.time() - t0:.0f}s so far)", flush=True)

    shrinking = args.layers or args.intermediate_size
    if (shrinking or args.init) and args.branch_layers:
        raise SystemExit("--init, --layers and --intermediate-size need --branch-layers 0")
    if args.init:
        state, student_cfg = load_joint_state(args.init)
    else:
        state = build_student(ner_teacher, claims_teacher, claims_cfg, len(ner_labels), len(claims_labels),
                              args.branch_layers).state_dict()
        student_cfg = claims_cfg
    del ner_teacher, claims_teacher
    if shrinking:
        state, student_cfg = shrink(state, student_cfg, args.layers, args.intermediate_size)
        student = student_from(state, student_cfg, len(ner_labels), len(claims_labels))
    else:
        student = JointModel(student_cfg, len(ner_labels), len(claims_labels), args.branch_layers)
        student.load_state_dict(state, strict=True)
    print(f"student: {student_cfg['num_hidden_layers']} layers, feed-forward {student_cfg['intermediate_size']}, "
          f"{sum(p.numel() for p in student.parameters()) / 1e6:.1f}M parameters", flush=True)
    opt = adamw(student, args.lr, args.weight_decay)
    steps_per_epoch = count_steps(len(items), args.batch_size)
    loop = TrainingLoop(student, opt, os.path.join(args.work, "checkpoint.pt"), steps_per_epoch,
                        epochs=args.epochs, lr=args.lr, warmup=args.warmup, max_minutes=args.max_minutes,
                        checkpoint_minutes=args.checkpoint_minutes, log_every=args.log_every)
    if args.export_only:
        info = loop.load_for_export()
        export(student, student_cfg, ner_labels, claims_labels, args.claims_teacher, args.out, info,
               args.document_step)
        print(f"exported the checkpoint of step {info['steps']} to {args.out}", flush=True)
        return
    if args.resume:
        loop.resume()

    def batches_of_epoch(epoch):
        return make_batches(items, args.batch_size, random.Random(args.seed + epoch))

    def train_step(batch, lr):
        student.train()
        ids, tt, am = pad_batch([items[i] for i in batch])
        rows, cols, gold_n, gold_c, soft_n, soft_c = pad_batch_targets(items, soft_ner, soft_claims, batch)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            ner_logits, claims_logits = student(ids, tt, am)
        loss = (distillation_loss(ner_logits[rows, cols], soft_n, gold_n)
                + distillation_loss(claims_logits[rows, cols], soft_c, gold_c))
        return apply_gradients(student, opt, loss, lr)

    info = loop.run(batches_of_epoch, train_step)
    windows = {}
    for it in items:
        windows[it["source"]] = windows.get(it["source"], 0) + 1
    info.update({
        "ontonotes_windows": windows.get("ontonotes", 0),
        "polnear_windows": windows.get("polnear", 0),
        "unlabelled_windows": windows.get("unlabelled", 0),
        "bf16": args.bf16, "lr": args.lr, "batch_size": args.batch_size,
        "seed": args.seed, "threads": args.threads,
        "cpu": cpu_model(),
        "branch_layers": args.branch_layers,
        "init": args.init or "the two teachers",
        "layers": student_cfg["num_hidden_layers"],
        "intermediate_size": student_cfg["intermediate_size"],
    })
    export(student, student_cfg, ner_labels, claims_labels, args.claims_teacher, args.out, info,
           args.document_step)
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(args.out, "*")))
    print(f"training ended: {json.dumps(info)}", flush=True)
    print(f"exported to {args.out} ({total / 1e6:.1f} MB); total wall {(time.time() - t0) / 60:.1f} min", flush=True)


def restore_teachers(work):
    """The two teacher model folders: the shipped ones, else from the git history into WORK/teachers."""
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shipped = [os.path.join(root, d) for d in TEACHER_DIRS]
    if all(os.path.exists(os.path.join(d, "model.safetensors")) for d in shipped):
        return shipped
    dest = os.path.join(work, "teachers")
    dirs = [os.path.join(dest, d) for d in TEACHER_DIRS]
    if not all(os.path.exists(os.path.join(d, "model.safetensors")) for d in dirs):
        os.makedirs(dest, exist_ok=True)
        archive = subprocess.run(["git", "-C", root, "archive", TEACHERS_REVISION, *TEACHER_DIRS],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)
        print(f"teachers restored from revision {TEACHERS_REVISION} into {dest}", flush=True)
    return dirs


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


if __name__ == "__main__":
    main()
