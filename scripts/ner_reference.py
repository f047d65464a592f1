#!/usr/bin/env python3
"""Python reference inference for the exported newsnlp NER model (float32).

    echo "Apple opened a store in New York ." | \
        .venv/bin/python scripts/ner_reference.py models/ner-ontonotes-minilm

Reads sentences, one per line on stdin; words are the whitespace-separated tokens of the line.
For a model trained with context (``"newsnlp_context_words"`` in config.json) the lines are one
document's sentences, packed as in training (``newsnlp_bert.pack_sentences``) and each pack tagged
as one input, as ``NerTagger::tag_sentences`` does; otherwise each line is tagged alone.
Prints one JSON object per sentence:
    words, labels (word-level: the most probable valid BIO sequence given each word's first sub-token's
    probabilities, ``newsnlp_bert.best_path``), entities ([type, start, end_excl]),
    tokens, input_ids, token_type_ids (word_shape_v1 ids), logits_first3 (raw float32 logits of the
    first 3 sub-tokens, [CLS] included) of the input the sentence was tagged in, backend.

Backend: Hugging Face ``transformers.BertForTokenClassification`` when transformers can use the
installed torch (transformers 5.x needs torch >= 2.6); otherwise the parameter-identical plain-PyTorch
re-implementation in ``newsnlp_bert.py`` (same weights, same maths). ``--backend`` forces one.

For benchmarks: ``load(model_dir)`` then ``predict_batch(model, tok, list_of_word_lists, batch_size=32)``,
or ``--bench FILE`` (one sentence per line) to time batched inference.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsnlp_bert import (  # noqa: E402
    CONTEXT_KEY, SHAPE_KEY, best_path, encode_words, load_exported, load_tokenizer, pack_sentences, pad_batch,
)


class _HFWrap(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, token_type_ids, attention_mask):
        return self.m(input_ids=input_ids, token_type_ids=token_type_ids, attention_mask=attention_mask).logits


def load(model_dir, backend="auto"):
    """Returns (model, tokenizer, config, backend_name); model(ids, token_types, mask) -> logits (float32)."""
    tok = load_tokenizer(model_dir)
    if backend in ("auto", "transformers"):
        try:
            from transformers.utils import is_torch_available

            ok = is_torch_available()
        except Exception:
            ok = False
        if ok:
            from transformers import BertForTokenClassification

            try:  # transformers >= 4.56 / 5.x
                m = BertForTokenClassification.from_pretrained(model_dir, dtype=torch.float32)
            except TypeError:  # older transformers
                m = BertForTokenClassification.from_pretrained(model_dir, torch_dtype=torch.float32)
            m = m.float().eval()
            return _HFWrap(m), tok, m.config.to_dict(), "transformers"
        if backend == "transformers":
            raise SystemExit("transformers cannot use the installed torch (needs torch >= 2.6)")
    m, cfg = load_exported(model_dir, torch.float32)
    return m, tok, cfg, "newsnlp_bert (plain torch)"


def _encode(tok, cfg, sents, max_length):
    enc = encode_words(tok, sents, max_length=max_length, truncation=True)
    if cfg.get(SHAPE_KEY) != "word_shape_v1":  # stock model: all-zero token types
        for e in enc:
            e["token_type_ids"] = [0] * len(e["token_type_ids"])
    return enc


def entities(labels):
    ents, cur = [], None
    for i, t in enumerate(list(labels) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != t[2:])):
            if cur is not None:
                ents.append([cur[0], cur[1], i])
                cur = None
            if t != "O":
                cur = (t[2:], i)
    return ents


@torch.no_grad()
def predict_batch(model, tok, cfg, sents, batch_size=32, max_length=512, return_logits=False):
    """Batched inference on many sentences (lists of words). Sentences are length-sorted into batches.
    Returns word-level label lists (and per-sentence logits tensors [n_subtokens, n_labels] if asked)."""
    id2label = {int(k): v for k, v in cfg["id2label"].items()}
    names = [id2label[i] for i in range(len(id2label))]
    enc = _encode(tok, cfg, sents, max_length)
    order = sorted(range(len(enc)), key=lambda i: len(enc[i]["input_ids"]))
    labels, logits_out = [None] * len(enc), [None] * len(enc)
    for s in range(0, len(order), batch_size):
        chunk = order[s:s + batch_size]
        ids, tt, am = pad_batch([enc[i] for i in chunk])
        lg = model(ids, tt, am).float()
        probs = torch.softmax(lg, -1).numpy()
        for b, i in enumerate(chunk):
            rows = [probs[b, j] if j >= 0 else None for j in enc[i]["first"]]
            labels[i] = [names[j] for j in best_path(rows, names)]
            if return_logits:
                logits_out[i] = lg[b, :len(enc[i]["input_ids"])]
    return (labels, logits_out, enc) if return_logits else labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--backend", choices=["auto", "transformers", "torch"], default="auto")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=512)
    ap.add_argument("--bench", help="file with one sentence per line: time batched inference, print a summary")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model, tok, cfg, backend = load(args.model_dir, args.backend)

    if args.bench:
        with open(args.bench, encoding="utf-8") as f:
            sents = [l.split() for l in f if l.strip()]
        t0 = time.time()
        labels = predict_batch(model, tok, cfg, sents, args.batch_size, args.max_length)
        dt = time.time() - t0
        nw = sum(len(s) for s in sents)
        print(json.dumps({"backend": backend, "sentences": len(sents), "words": nw, "seconds": round(dt, 3),
                          "sentences_per_s": round(len(sents) / dt, 1), "words_per_s": round(nw / dt, 1),
                          "entities": sum(len(entities(l)) for l in labels), "threads": args.threads,
                          "batch_size": args.batch_size}))
        return

    sents = [l.split() for l in sys.stdin.read().splitlines() if l.strip()]
    if not sents:
        return
    budget = cfg.get(CONTEXT_KEY) or 0
    packs = pack_sentences([len(s) for s in sents], budget) if budget > 0 else [[i] for i in range(len(sents))]
    inputs = [[w for i in pack for w in sents[i]] for pack in packs]
    labels, logits, enc = predict_batch(model, tok, cfg, inputs, args.batch_size, args.max_length, return_logits=True)
    for pack, pack_labels, lg, e in zip(packs, labels, logits, enc):
        at = 0
        for i in pack:
            words = sents[i]
            lab = pack_labels[at:at + len(words)]
            at += len(words)
            print(json.dumps({
                "words": words,
                "labels": lab,
                "entities": entities(lab),
                "tokens": tok.convert_ids_to_tokens(e["input_ids"]),
                "input_ids": e["input_ids"],
                "token_type_ids": e["token_type_ids"],
                "logits_first3": [[float(x) for x in row] for row in lg[:3].tolist()],
                "backend": backend,
            }))


if __name__ == "__main__":
    main()
