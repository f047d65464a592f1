#!/usr/bin/env python3
"""Time and memory of `newsnlp report` by corpus size, against the time the annotation took.

    .venv/bin/python scripts/bench_report.py out/bbc-all.jsonl --stats out/bbc-all.stats.json \
        --sizes 2225,10000,20000

ANNOTATED is `newsnlp run` output (e.g. the 2,225 BBC articles); sizes beyond it repeat its
documents with new ids (`#rN`), as the whole-pipeline benchmark does. `--stats` is the `--stats`
file of the run that annotated it, for the report's share of the annotation time. Prints the CPU
(the report runs no model, so no number format applies), then per size: documents, claims,
report seconds, peak RSS.
"""
import argparse
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_bulk import ROOT, machine_info, run_measured  # noqa: E402


def corpus_of(lines, size, path):
    """Writes `size` documents to `path`, repeating `lines` with new ids past their end."""
    with open(path, "w", encoding="utf-8") as out:
        for n in range(size):
            doc = json.loads(lines[n % len(lines)])
            if n >= len(lines):
                doc["id"] = f"{doc['id']}#r{n // len(lines)}"
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("annotated", help="annotated JSONL (newsnlp run output)")
    ap.add_argument("--stats", help="the --stats JSON of the run that annotated it")
    ap.add_argument("--sizes", default="", help="corpus sizes (default: the file as it is)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "newsnlp"))
    args = ap.parse_args()

    with open(args.annotated, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    sizes = [int(s) for s in args.sizes.split(",") if s] or [len(lines)]
    info = machine_info()
    print(f"CPU: {info['cpu']}, {info['cores']} cores; flags {' '.join(info.get('flags', []))}; "
          f"load average at start {info['loadavg_start'][0]:.2f}. The report runs no model (no number format).")
    annotation_s = None
    if args.stats:
        with open(args.stats, encoding="utf-8") as f:
            stats = json.load(f)
        annotation_s = stats["elapsed_s"]
        print(f"annotation of {stats['documents']} documents: {annotation_s:.1f} s "
              f"({stats.get('precision', '?')}: {stats.get('precision_reason', '')})")
    print("\n| documents | claims | report s | share of annotation | peak RSS |\n|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            corpus = os.path.join(tmp, f"corpus-{size}.jsonl")
            corpus_of(lines, size, corpus)
            m = run_measured([args.binary, "report", corpus, "-o", os.path.join(tmp, f"report-{size}")])
            if m.rc != 0:
                sys.exit(f"newsnlp report failed (exit {m.rc}): {m.stderr[-2000:]}")
            claims = re.search(r"(\d+) claims", m.stderr)
            share = ""
            if annotation_s and size == len(lines):
                share = f"{100 * m.wall / annotation_s:.1f}%"
            print(f"| {size:,} | {int(claims.group(1)):,} | {m.wall:.2f} | {share} | {m.peak_mib:.0f} MiB |")


if __name__ == "__main__":
    main()
