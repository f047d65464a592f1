#!/usr/bin/env python3
"""Train the newsnlp attribution tagger: a BIO tagger over PolNeAR's Source / Cue / Content
roles, fine-tuned from the shipped NER model (MiniLM-L6-H384 uncased + word-shape token types),
on whole articles cut into the same overlapping 256-sub-token windows the Rust runtime uses.
Exported as float16 safetensors for rust-bert's BertForTokenClassification; the claims stage
assembles the tagged spans into claims (crates/claims/src/assemble.rs).

Reproduce (from the repo root):
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/train_claims.py \
        --data ../shared/data/polnear --out models/claims-polnear-minilm --epochs 4 --max-minutes 48
Checkpoints go to --work (default out/train-<name of --out>) every --checkpoint-minutes; after an interruption
the same command with --resume goes on where it stopped (the loop is scripts/training_loop.py).
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
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsnlp_bert import (  # noqa: E402
    SHAPE_KEY, SHAPE_VERSION, BertForTokenClassification, adamw, best_path, load_exported, load_tokenizer, pad_batch,
    save_float16, shape_id, words,
)
from training_loop import TrainingLoop, apply_gradients, steps_per_epoch as count_steps  # noqa: E402

ROLES = ["SOURCE", "CUE", "CONTENT"]
LABELS = ["O"] + [f"{p}-{r}" for r in ROLES for p in ("B", "I")]
L2I = {l: i for i, l in enumerate(LABELS)}
WINDOW = 256  # sub-tokens per window incl. [CLS]/[SEP]; --window changes it, config.json records it
RECORD = re.compile(r"^[TEAR#]\d+\t")


# --------------------------------------------------------------------------- PolNeAR reading
def parse_ann(ann: str):
    """Relations as dicts role -> list of (start, end) code-point fragments (as crates/claims eval.rs)."""
    records = []
    for line in ann.split("\n"):
        if RECORD.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    spans = {}
    for r in records:
        if not r.startswith("T"):
            continue
        parts = r.split("\t", 2)
        if len(parts) < 2 or " " not in parts[1]:
            continue
        kind, offsets = parts[1].split(" ", 1)
        frags = []
        for f in offsets.split(";"):
            a = f.strip().split(" ")
            if len(a) == 2:
                frags.append((int(a[0]), int(a[1])))
        spans[parts[0]] = (kind, frags)
    rels = []
    for r in records:
        if not r.startswith("E") or "\t" not in r:
            continue
        rel = {"SOURCE": [], "CUE": [], "CONTENT": []}
        for arg in r.split("\t", 1)[1].split():
            if ":" not in arg:
                continue
            role, tid = arg.split(":", 1)
            if tid not in spans or spans[tid][0] in ("Discard", "Discuss"):
                continue
            frags = spans[tid][1]
            if role == "Source":
                rel["SOURCE"] += frags
            elif role == "Cue":
                rel["CUE"] += frags
            elif role.startswith("Content"):
                rel["CONTENT"] += frags
        if any(rel.values()):
            rels.append(rel)
    return rels


def read_split(d: str, limit=None, every_annotator=False):
    """(name, text, relations) per article, sorted, from its first annotator file (the eval's policy),
    or one item per annotator file with `every_annotator` (agreement sets then count several times)."""
    anns = sorted(os.listdir(os.path.join(d, "attributions")))
    out = []
    for fn in sorted(os.listdir(os.path.join(d, "text"))):
        if not fn.endswith(".txt"):
            continue
        name = fn[:-4]
        mine = [a for a in anns if a.endswith(".ann") and a[:-4].rsplit("_", 1)[0] == name]
        if not mine:
            continue
        with open(os.path.join(d, "text", fn), encoding="utf-8") as f:
            text = f.read()
        for ann in mine if every_annotator else mine[:1]:
            with open(os.path.join(d, "attributions", ann), encoding="utf-8") as f:
                rels = parse_ann(f.read())
            out.append((name, text, rels))
        if limit and len(out) >= limit:
            break
    return out


def word_labels(text, rels):
    """Word ranges and one BIO label per word. A word takes a role when it overlaps one of the
    role's fragments; each fragment starts with B- unless it continues the same relation's role
    on the very previous word."""
    ws = words(text)
    starts = [s for s, _ in ws]
    labels = ["O"] * len(ws)
    owner = [None] * len(ws)
    import bisect

    for ri, rel in enumerate(rels):
        for role in ROLES:
            for s, e in sorted(rel[role]):
                lo = max(0, bisect.bisect_right(starts, s) - 1)
                first = True
                for w in range(lo, len(ws)):
                    ws_, we = ws[w]
                    if ws_ >= e:
                        break
                    if we <= s or labels[w] != "O":
                        continue
                    cont = w > 0 and owner[w - 1] == (ri, role)
                    labels[w] = ("I-" if (not first or cont) else "B-") + role
                    owner[w] = (ri, role)
                    first = False
    return ws, labels


# --------------------------------------------------------------------------- features
def featurize_article(tok, text, ws, labels):
    """Sub-tokens of a whole article, with shape ids and first-sub-token labels."""
    pieces = [text[s:e] for s, e in ws]
    if not pieces:
        return None
    enc = tok(pieces, is_split_into_words=True, add_special_tokens=False, return_offsets_mapping=True,
              truncation=False)
    ids, wids, offs = enc["input_ids"], enc.word_ids(), enc["offset_mapping"]
    shapes, lab, first = [], [], [-1] * len(pieces)
    for j, (w, (s, e)) in enumerate(zip(wids, offs)):
        shapes.append(shape_id(pieces[w][s:e]))
        if first[w] < 0:
            first[w] = j
            lab.append(L2I[labels[w]] if labels is not None else -100)
        else:
            lab.append(-100)
    return {"ids": ids, "shapes": shapes, "labels": lab, "first": first}


def windows_of(n, capacity=None):
    """The Rust tagger's windows: half a window apart, the last one flush with the end."""
    capacity = capacity or WINDOW - 2
    out, start = [], 0
    if n == 0:
        return out
    while True:
        end = min(start + capacity, n)
        out.append((start, end))
        if end == n:
            return out
        start = min(start + capacity // 2, max(0, n - capacity))


def window_item(art, s, e, cls_id, sep_id):
    return {
        "input_ids": [cls_id] + art["ids"][s:e] + [sep_id],
        "token_type_ids": [0] + art["shapes"][s:e] + [0],
        "labels": [-100] + art["labels"][s:e] + [-100],
    }


def pad(items):
    """Padded ids, token types, attention mask and labels (-100 where nothing is scored)."""
    ids, tt, am = pad_batch(items)
    lab = torch.full(ids.shape, -100, dtype=torch.long)
    for b, x in enumerate(items):
        lab[b, :len(x["labels"])] = torch.tensor(x["labels"])
    return ids, tt, am, lab


# --------------------------------------------------------------------------- prediction + scoring
@torch.no_grad()
def predict_article(model, art, cls_id, sep_id, bs=16):
    """Label probabilities per sub-token, each from the window where it sits furthest from an edge."""
    model.eval()
    n = len(art["ids"])
    best = [(-1, None)] * n
    wins = windows_of(n)
    for k in range(0, len(wins), bs):
        chunk = wins[k:k + bs]
        items = [window_item(art, s, e, cls_id, sep_id) for s, e in chunk]
        ids, tt, am, _ = pad(items)
        probs = torch.softmax(model(ids, tt, am).float(), -1).numpy()
        for (s, e), row in zip(chunk, probs):
            for off in range(e - s):
                margin = min(off, e - s - 1 - off)
                if best[s + off][0] < margin:
                    best[s + off] = (margin, row[off + 1])
    return [lab for _, lab in best]


def spans_of(ws, word_tags):
    """Merge word tags into (role, start, end) character spans (as the Rust merge)."""
    out, cur = [], None
    for (s, e), t in zip(ws, word_tags):
        if t == "O":
            if cur:
                out.append(cur)
            cur = None
            continue
        tag, role = t.split("-", 1)
        if cur and cur[0] == role and tag == "I":
            cur = (role, cur[1], e)
        else:
            if cur:
                out.append(cur)
            cur = (role, s, e)
    if cur:
        out.append(cur)
    return out


def score_role(pred, gold):
    """Exact (extent) and overlap (one-to-one, largest overlap) matches, as eval.rs."""
    exact, used = 0, [False] * len(gold)
    for p in pred:
        for g, frags in enumerate(gold):
            if not used[g] and (min(f[0] for f in frags), max(f[1] for f in frags)) == p:
                used[g] = True
                exact += 1
                break
    overlap, used = 0, [False] * len(gold)
    for p in pred:
        best = None
        for g, frags in enumerate(gold):
            if used[g]:
                continue
            o = sum(max(0, min(e, p[1]) - max(s, p[0])) for s, e in frags)
            if o > 0 and (best is None or o > best[0]):
                best = (o, g)
        if best:
            used[best[1]] = True
            overlap += 1
    return exact, overlap, len(pred), len(gold)


def prf(m, p, g):
    pr = m / p if p else 0.0
    rc = m / g if g else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def evaluate(model, tok, dev_arts):
    """Role-span scores on dev before claim assembly (the Rust eval scores assembled claims)."""
    cls_id, sep_id = tok.cls_token_id, tok.sep_token_id
    tot = {r: [0, 0, 0, 0] for r in ROLES}
    t0 = time.time()
    for name, text, rels, ws, art in dev_arts:
        sub = predict_article(model, art, cls_id, sep_id)
        rows = [sub[j] if j >= 0 else None for j in art["first"]]
        tags = [LABELS[k] for k in best_path(rows, LABELS)]
        spans = spans_of(ws, tags)
        for role in ROLES:
            pred = [(s, e) for r, s, e in spans if r == role]
            gold = [rel[role] for rel in rels if rel[role]]
            for i, v in enumerate(score_role(pred, gold)):
                tot[role][i] += v
    res = {"eval_seconds": round(time.time() - t0, 1), "articles": len(dev_arts)}
    for role in ROLES:
        ex, ov, p, g = tot[role]
        res[role] = {"exact": [round(x, 4) for x in prf(ex, p, g)], "overlap": [round(x, 4) for x in prf(ov, p, g)],
                     "predicted": p, "gold": g}
    return res


def fmt_table(res):
    lines = ["| role | P | R | F1 | P overlap | R overlap | F1 overlap | gold |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for role in ROLES:
        r = res[role]
        lines.append(f"| {role.lower()} | " + " | ".join(f"{x:.3f}" for x in r["exact"] + r["overlap"]) + f" | {r['gold']} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- model
def build_model(init_dir):
    """Encoder (and word-shape embeddings) from `init_dir`: the shipped NER model (a fresh 7-label
    head), or an attribution model with these labels (its head kept: training goes on from it)."""
    init, cfg = load_exported(init_dir)
    same_labels = [cfg["id2label"][str(i)] for i in range(len(cfg["id2label"]))] == LABELS
    cfg = {k: v for k, v in cfg.items() if k not in ("id2label", "label2id", "num_labels", "newsnlp_window",
                                                        "base_model", "torch_dtype", "newsnlp_context_words")}
    cfg["num_labels"] = len(LABELS)
    model = BertForTokenClassification(cfg)
    sd = {k: v for k, v in init.state_dict().items() if same_labels or not k.startswith("classifier.")}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert sorted(missing) == ([] if same_labels else ["classifier.bias", "classifier.weight"]), missing
    assert not unexpected, unexpected
    print(f"init from {init_dir}: {'whole model, training goes on' if same_labels else 'encoder, new head'}",
          flush=True)
    return model, cfg


def export(model, cfg, init_dir, out):
    save_float16(model, out, init_dir)
    c = {k: v for k, v in cfg.items() if k not in ("num_labels",)}
    c.update({
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        SHAPE_KEY: SHAPE_VERSION,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
        "torch_dtype": "float16",
        "base_model": "newsnlp models/ner-ontonotes-minilm (itself from sentence-transformers/all-MiniLM-L6-v2)",
        "newsnlp_window": WINDOW,
    })
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(c, f, indent=2)
        f.write("\n")


def write_card(out, args, info, res, cmd):
    size = os.path.getsize(os.path.join(out, "model.safetensors"))
    card = f"""# claims-polnear-minilm — newsnlp attribution tagger

BIO tagger over PolNeAR's three attribution roles (7 labels: `O`, `B-`/`I-` × SOURCE, CUE, CONTENT),
architecture `BertForTokenClassification` (6 layers, hidden 384, 12 heads), weights in float16,
word-shape token types (`"{SHAPE_KEY}": "{SHAPE_VERSION}"`, as the NER model; see its card).
Training cuts whole articles into {WINDOW}-sub-token windows half a window apart; the `claims` stage runs it
over whole documents in windows that do not overlap (254 sub-tokens apart: the same dev scores with half the
windows; where windows overlap, a sub-token's label comes from the window where it is furthest from an edge)
and assembles the spans into claims (`crates/claims/src/assemble.rs`).

## Initialisation
Encoder and word-shape embeddings from `models/ner-ontonotes-minilm` (MiniLM-L6-H384 uncased fine-tuned on
OntoNotes 5.0 NER, see its card); new classification head.

## Training data
PolNeAR v1.0.0 (Newell, Margolin & Ruths, LREC 2018) `train` compartment: {info['n_train']} articles, first
annotator file per article, {info['n_windows']} windows ({info['n_subtokens']} sub-tokens). The data is not
redistributed here; its licence is not stated (articles are the publishers' copyright), research use.
A word takes a role when it overlaps one of the role's fragments; each fragment starts with `B-` unless it
continues the same relation's role on the previous word.

## Hyper-parameters
AdamW (weight decay {args.weight_decay}), peak lr {args.lr}, {args.warmup:.0%} warm-up then linear decay
(progress = max(step / planned, elapsed / budget)); batch {args.batch_size} windows; dropout 0.1; grad clip 1.0;
seed {args.seed}; {args.threads} CPU threads, {"bfloat16 autocast (float32 master weights and optimizer state)" if args.bf16 else "float32"} training.
Run: **{info['steps']} steps = {info['epochs_run']:.2f} epochs in {info['train_minutes']:.1f} min** (stopped by: {info['stop_reason']}).

## Dev results: role spans before claim assembly ({res['articles']} PolNeAR dev articles)
Exact = same extent as a gold span; overlap = shares a character, one-to-one (as `newsnlp eval claims`).

{fmt_table(res)}

`newsnlp eval claims` scores the assembled claims; docs/claims.md quotes those figures.

## Files
`model.safetensors` {size / 1e6:.1f} MB (float16); `dev_scores.json` holds the table above.

## Reproduce
```
{cmd}
```
"""
    with open(os.path.join(out, "MODEL_CARD.md"), "w") as f:
        f.write(card)


# --------------------------------------------------------------------------- main
def prepare(tok, arts):
    out = []
    for name, text, rels in arts:
        ws, labels = word_labels(text, rels)
        art = featurize_article(tok, text, ws, labels)
        if art is not None:
            out.append((name, text, rels, ws, art))
    return out


def main():
    global WINDOW
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="PolNeAR folder with train/ and dev/ (text/ + attributions/)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--init", default="models/ner-ontonotes-minilm", help="model dir to start from")
    ap.add_argument("--epochs", type=float, default=4)
    ap.add_argument("--max-minutes", type=float, default=50.0)
    ap.add_argument("--work", default=None, help="folder for checkpoints (default: out/train-<name of --out>)")
    ap.add_argument("--resume", action="store_true", help="go on from the last checkpoint in --work")
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit-train", type=int, default=None, help="smoke tests only")
    ap.add_argument("--limit-dev", type=int, default=None, help="smoke tests only")
    ap.add_argument("--log-every", type=int, default=25)
    ap.add_argument("--every-annotator", action="store_true",
                    help="train on every annotator's file of the agreement sets and on annotator-training too")
    ap.add_argument("--bf16", action="store_true",
                    help="bfloat16 autocast for forward/backward (weights and optimizer stay float32); about 3x "
                         "faster on CPUs with AVX512-BF16 or AMX, slower on CPUs without them")
    ap.add_argument("--window", type=int, default=WINDOW,
                    help="sub-tokens per window incl. [CLS]/[SEP] (at most 512); the runtime reads it from config.json")
    args = ap.parse_args()
    WINDOW = args.window

    cmd = "HF_HUB_OFFLINE=1 .venv/bin/python " + " ".join(
        [os.path.relpath(os.path.abspath(sys.argv[0]), os.getcwd())] + sys.argv[1:])
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    tok = load_tokenizer(args.init)
    cls_id, sep_id = tok.cls_token_id, tok.sep_token_id
    t0 = time.time()
    train_arts = read_split(os.path.join(args.data, "train"), args.limit_train, args.every_annotator)
    extra = os.path.join(args.data, "annotator-training")
    if args.every_annotator and os.path.isdir(extra):
        train_arts += read_split(extra, args.limit_train, True)
    train = prepare(tok, train_arts)
    dev = prepare(tok, read_split(os.path.join(args.data, "dev"), args.limit_dev))
    items = [window_item(art, s, e, cls_id, sep_id) for *_, art in train for s, e in windows_of(len(art["ids"]))]
    n_sub = sum(len(a["ids"]) for *_, a in train)
    print(f"data: {len(train)} train articles ({len(items)} windows, {n_sub} sub-tokens), {len(dev)} dev; "
          f"prepared in {time.time() - t0:.1f}s", flush=True)

    model, cfg = build_model(args.init)
    opt = adamw(model, args.lr, args.weight_decay)
    steps_per_epoch = count_steps(len(items), args.batch_size)
    work = args.work or os.path.join("out", "train-" + os.path.basename(os.path.normpath(args.out)))
    os.makedirs(work, exist_ok=True)
    loop = TrainingLoop(model, opt, os.path.join(work, "checkpoint.pt"), steps_per_epoch, epochs=args.epochs,
                        lr=args.lr, warmup=args.warmup, max_minutes=args.max_minutes,
                        checkpoint_minutes=args.checkpoint_minutes, log_every=args.log_every)
    if args.resume:
        loop.resume()

    def batches_of_epoch(epoch):
        # one generator shuffled epoch after epoch, replayed from the seed, so a resumed run sees the same order
        rng, order = random.Random(args.seed), list(range(len(items)))
        for _ in range(epoch + 1):
            order = list(range(len(items)))
            rng.shuffle(order)
        return [order[k:k + args.batch_size] for k in range(0, len(order), args.batch_size)]

    def train_step(batch, lr):
        model.train()
        ids, tt, am, lab = pad([items[i] for i in batch])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            logits = model(ids, tt, am)
        loss = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), lab.view(-1), ignore_index=-100)
        return apply_gradients(model, opt, loss, lr)

    run = loop.run(batches_of_epoch, train_step)
    step, train_min, stop_reason = run["steps"], run["train_minutes"], run["stopped_by"]
    epochs_run = step / steps_per_epoch
    print(f"training ended: {step} steps = {epochs_run:.2f} epochs in {train_min:.1f} min ({stop_reason})", flush=True)

    res = evaluate(model, tok, dev)
    print(fmt_table(res), flush=True)
    export(model, cfg, args.init, args.out)
    info = {"n_train": len(train), "n_windows": len(items), "n_subtokens": n_sub, "steps": step,
            "epochs_run": epochs_run, "train_minutes": train_min, "stop_reason": stop_reason}
    scores = dict(res)
    scores.update({"model": os.path.basename(os.path.normpath(args.out)), "data": "PolNeAR v1.0.0 dev",
                   "training": info, "hyperparameters": {k: v for k, v in vars(args).items() if k not in ("data", "out")}})
    with open(os.path.join(args.out, "dev_scores.json"), "w") as f:
        json.dump(scores, f, indent=2)
        f.write("\n")
    write_card(args.out, args, info, res, cmd)
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(args.out, "*")))
    print(f"exported to {args.out} ({total / 1e6:.1f} MB). total wall {(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
