#!/usr/bin/env python3
"""How fast and how faithful int8 is on this CPU: one shipped model (default the attribution model, the
costlier of the two) over the first N BBC articles in 256-sub-token windows, batches of 4, run in float32,
bfloat16 (autocast) and PyTorch dynamic int8 (`torch.ao.quantization.quantize_dynamic` on every Linear, the
fbgemm kernels, which use AVX-512 VNNI where the CPU has it) on every Linear, on the attention's only and on the
feed-forward input's only. Prints windows per second, the speed-up over
float32 and the share of word labels (argmax at each word's first sub-token) that stay as float32 gives them.

    .venv/bin/python scripts/bench_int8.py ../shared/data/news_raw/bbc-fulltext --articles 60

Needs `bash scripts/setup.sh --python`. Run it with `ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2` to see
float32 and bfloat16 as an AVX2-only host would (fbgemm picks its own kernels and ignores those caps).
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsnlp_bert import load_exported, load_tokenizer, pad_batch, words  # noqa: E402
from train_joint import tokenize_words, windows_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bbc_texts(path, n):
    jsonl = path if path.endswith(".jsonl") else os.path.join(path, "bbc-fulltext.jsonl")
    texts = []
    with open(jsonl) as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) == n:
                break
    return texts


def windows(tok, texts):
    out = []
    for text in texts:
        pieces = [text[s:e] for s, e in words(text)]
        got = tokenize_words(tok, pieces)
        if got is None:
            continue
        ids, shapes, first = got
        firsts = [j for j in first if j >= 0]
        for s, e in windows_of(len(ids), 2 / 3):
            out.append({"input_ids": [tok.cls_token_id] + ids[s:e] + [tok.sep_token_id],
                        "token_type_ids": [0] + shapes[s:e] + [0],
                        "pos": [j - s + 1 for j in firsts if s <= j < e]})
    return out


def run(model, items, batch, bf16=False):
    labels = []
    t0 = time.perf_counter()
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for k in range(0, len(items), batch):
            chunk = items[k:k + batch]
            ids, tt, am = pad_batch(chunk)
            logits = model(ids, tt, am).float()
            for row, it in enumerate(chunk):
                labels += logits[row, it["pos"]].argmax(-1).tolist()
    return time.perf_counter() - t0, labels


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    have = set(line.split(":", 1)[1].split())
                    return [f for f in ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8")
                            if f in have]
    except OSError:
        pass
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bbc", help="bbc-fulltext folder or its .jsonl")
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "claims-polnear-minilm"))
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model, _ = load_exported(args.model)
    tok = load_tokenizer(args.model)
    items = windows(tok, bbc_texts(args.bbc, args.articles))
    print(f"CPU {platform.processor() or platform.machine()}, flags {' '.join(cpu_flags())}, "
          f"ATEN_CPU_CAPABILITY={os.environ.get('ATEN_CPU_CAPABILITY', '-')}, torch {torch.__version__}, "
          f"{args.threads} threads; {os.path.relpath(args.model, ROOT)}, {len(items)} windows from "
          f"{args.articles} articles, batches of {args.batch}")
    run(model, items[:8], args.batch)  # warm-up
    base_t, base = run(model, items, args.batch)
    rows = [("float32", base_t, base)]
    bf_t, bf = run(model, items, args.batch, bf16=True)
    rows.append(("bfloat16 autocast", bf_t, bf))
    linears = [n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear)]
    variants = [
        ("int8, every Linear", linears),
        ("int8, attention only", [n for n in linears if ".attention." in n]),
        ("int8, FFN input only", [n for n in linears if n.endswith("intermediate.dense")]),
    ]
    for name, which in variants:
        q = torch.ao.quantization.quantize_dynamic(copy.deepcopy(model), set(which), dtype=torch.qint8)
        run(q, items[:8], args.batch)
        q_t, ql = run(q, items, args.batch)
        rows.append((name, q_t, ql))
    print(f"{'number format':<24} {'windows/s':>9} {'vs f32':>7} {'labels as f32':>14}")
    for name, t, labels in rows:
        same = sum(a == b for a, b in zip(labels, base)) / max(1, len(base))
        print(f"{name:<24} {len(items) / t:>9.1f} {base_t / t:>6.2f}x {same:>13.1%}")


if __name__ == "__main__":
    main()
