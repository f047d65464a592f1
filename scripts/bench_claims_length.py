#!/usr/bin/env python3
"""How the claims stage's cost grows with one document's length.

Joins the raw BBC articles (`DATA/news_raw/bbc-fulltext`, from ../shared)
into documents of 100, 200, 400 and 800 KB, runs `sentences,ner,dates` on
them once, then times `newsnlp stage claims` on each document alone and
prints the seconds, the ratio to the 100 KB one, and the CPU and number
format it ran in. A step linear in the length gives ratios near 2, 4, 8.

Usage: python3 scripts/bench_claims_length.py DATA [--rules] [--precision auto|f32|bf16]
(DATA is ../shared/data; --rules times the rules alone, --claims-rules.)
"""

import glob
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES_KB = [100, 200, 400, 800]
BIN = "target/release/newsnlp"


def cpu_flags() -> str:
    flags = ""
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name") and not model:
            model = line.split(":", 1)[1].strip()
        if line.startswith("flags") and not flags:
            flags = line
    wanted = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if f" {f}" in flags]
    return f"{model} ({', '.join(wanted) or 'no avx2'})"


def main() -> int:
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    data = Path(args[0])
    rules = "--rules" in args
    precision = args[args.index("--precision") + 1] if "--precision" in args else "auto"
    files = sorted(glob.glob(str(data / "news_raw/bbc-fulltext/**/*.txt"), recursive=True))
    if not files:
        print(f"no BBC articles under {data}/news_raw/bbc-fulltext", file=sys.stderr)
        return 1
    text = "\n\n".join(Path(f).read_text(encoding="latin-1") for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        docs = []
        for kb in SIZES_KB:
            cut = text[: kb * 1000]
            path = Path(tmp) / f"long{kb}.txt"
            path.write_text(cut[: cut.rfind("\n\n")], encoding="utf-8")
            docs.append(path)
        annotated = Path(tmp) / "pre.jsonl"
        subprocess.run([BIN, "run", *map(str, docs), "--stages", "sentences,ner,dates",
                        "--precision", precision, "-o", str(annotated)],
                       check=True, capture_output=True)
        lines = annotated.read_text(encoding="utf-8").splitlines()
        claims_args = ["--claims-rules"] if rules else ["--precision", precision]
        times = []
        for kb, line in zip(SIZES_KB, lines):
            one = Path(tmp) / f"pre{kb}.jsonl"
            one.write_text(line + "\n", encoding="utf-8")
            started = time.perf_counter()
            out = subprocess.run([BIN, "stage", "claims", str(one), *claims_args],
                                 check=True, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            claims = len(json.loads(out.stdout.splitlines()[0]).get("claims") or [])
            times.append(seconds)
            print(f"{kb:4d} KB  {seconds:7.2f} s  {seconds / times[0]:5.1f}x  {claims} claims")
    path = "rules alone" if rules else f"attribution model, --precision {precision}"
    print(f"claims stage ({path}, model loading included) on {cpu_flags()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
