#!/usr/bin/env python3
"""NER speed benchmark: the `ner` stage of newsnlp vs Python transformers, same weights, same sentences.

    .venv/bin/python scripts/bench_ner.py --bbc ../shared/data/news_raw/bbc-fulltext [--docs 300] [--threads 2]

1. Splits the first --docs BBC articles into sentences with `newsnlp run --stages sentences`.
2. Runs `newsnlp stage ner` on them (rust-bert, length-sorted batches), in bfloat16 and in float32,
   and reads its own timing (model loading excluded) and peak RSS.
3. Runs the same sentences through Python transformers' `pipeline("token-classification")` with
   the same weights, thread count and batch size, in a child process (peak RSS measured the same way).
4. Prints sentences/s, tokens/s (whitespace tokens), peak RSS and the speed ratio.

Also reruns the Rust stage on --docs-large articles to show that peak memory does not grow with
corpus size. The peer feeds all-zero token types (the pipeline knows nothing of newsnlp's word-shape
ids), so its labels differ; the network and its cost are identical. Label parity with Python is
tested separately (crates/ner/tests).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH_SIZE = 16


def bbc_files(root, limit):
    files = []
    for dirpath, _, names in sorted(os.walk(root)):
        files += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".txt") and n[0].isdigit()]
    return files[:limit]


def run_child(cmd, **kw):
    """Runs a command; returns (completed process, peak RSS of the largest child so far in MiB)."""
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode not in (0, 3):
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return proc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def rust_stage(binary, sentences_jsonl, threads, model, extra=()):
    out = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
    # A fresh process per measurement: RUSAGE_CHILDREN keeps the maximum over children, so measure
    # through a tiny wrapper that reports its own child's peak.
    cmd = [sys.executable, __file__, "--measure", binary, "stage", "ner", sentences_jsonl, "-o", out,
           "--threads", str(threads), "--ner-batch-size", str(BATCH_SIZE)]
    if model:
        cmd += ["--model", model]
    cmd += list(extra)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"rust stage failed:\n{proc.stderr}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    seconds = float(re.search(r"in ([0-9.]+) s", report["stderr"]).group(1))
    return seconds, report["peak_mib"], out


def measure(argv):
    """--measure CMD...: runs CMD, prints {peak_mib, stderr} as JSON."""
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode not in (0, 3):
        sys.stderr.write(proc.stderr)
        sys.exit(proc.returncode)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"peak_mib": peak, "stderr": proc.stderr}))


def peer(args):
    """--peer: the Python transformers pipeline on the sentences file; prints timing JSON."""
    import torch

    torch.set_num_threads(args.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

    with open(args.peer, encoding="utf-8") as f:
        sentences = [json.loads(line) for line in f]
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForTokenClassification.from_pretrained(args.model, torch_dtype=torch.float32)
    tagger = pipeline("token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="first", device=-1)
    started = time.perf_counter()
    entities = 0
    for result in tagger(sentences, batch_size=args.batch_size):
        entities += len(result)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "entities": entities}))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        return measure(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bbc", help="folder of BBC .txt articles (../shared/data/news_raw/bbc-fulltext)")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--docs-large", type=int, default=2225, help="second Rust run to check memory stays flat")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16, help="batch size of both systems")
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "ner-ontonotes-minilm"))
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "newsnlp"))
    ap.add_argument("--peer", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer:
        return peer(args)
    global BATCH_SIZE
    BATCH_SIZE = args.batch_size
    if not args.bbc or not os.path.isdir(args.bbc):
        sys.exit("--bbc DIR is required (e.g. ../shared/data/news_raw/bbc-fulltext)")

    rows = []
    tmp = tempfile.mkdtemp(prefix="newsnlp-bench-")
    for label, limit in (("small", args.docs), ("large", args.docs_large)):
        files = bbc_files(args.bbc, limit)
        split = os.path.join(tmp, f"sentences-{label}.jsonl")
        run_child([args.binary, "run", *files, "--stages", "sentences", "-o", split])
        sentences = []
        with open(split, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                text = doc["text"]
                sentences += [text[s["start"]:s["end"]] for s in doc["sentences"]]
        tokens = sum(len(s.split()) for s in sentences)
        seconds, peak, _ = rust_stage(args.binary, split, args.threads, args.model, ["--precision", "bf16"])
        rows.append((f"newsnlp ner, bf16 ({len(files)} docs)", len(sentences), tokens, seconds, peak))
        if label == "small":
            seconds, peak, _ = rust_stage(args.binary, split, args.threads, args.model, ["--precision", "f32"])
            rows.append((f"newsnlp ner, f32 ({len(files)} docs)", len(sentences), tokens, seconds, peak))
            sentences_file = os.path.join(tmp, "sentences.jsonl")
            with open(sentences_file, "w", encoding="utf-8") as f:
                for s in sentences:
                    f.write(json.dumps(s) + "\n")
            proc = subprocess.run(
                [sys.executable, __file__, "--peer", sentences_file, "--model", args.model,
                 "--threads", str(args.threads), "--batch-size", str(args.batch_size)],
                capture_output=True, text=True,
            )
            if proc.returncode != 0:
                sys.exit(f"python peer failed:\n{proc.stderr}")
            report = json.loads(proc.stdout.strip().splitlines()[-1])
            rows.append((f"transformers pipeline ({len(files)} docs)", len(sentences), tokens, report["seconds"], report["peak_mib"]))

    print(f"\nNER throughput, {args.threads} thread(s), batch {args.batch_size}, model {os.path.relpath(args.model, ROOT)}")
    print(f"{'system':<40} {'sentences':>9} {'tokens':>8} {'seconds':>8} {'sent/s':>8} {'tok/s':>8} {'peak MiB':>9}")
    for name, n, tokens, seconds, peak in rows:
        print(f"{name:<40} {n:>9} {tokens:>8} {seconds:>8.2f} {n / seconds:>8.1f} {tokens / seconds:>8.0f} {peak:>9.0f}")
    bf16, f32, py, large = rows
    speed = lambda row: row[1] / row[3]
    print(f"\nspeed ratio vs transformers on the same {py[1]} sentences: bf16 {speed(bf16) / speed(py):.2f}x, "
          f"f32 {speed(f32) / speed(py):.2f}x")
    print(f"peak RSS of the ner stage (bf16): {bf16[4]:.0f} MiB on {args.docs} docs, {large[4]:.0f} MiB on {args.docs_large} docs")


if __name__ == "__main__":
    main()
