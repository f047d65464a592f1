#!/usr/bin/env bash
# Runs scripts/spark/newsnlp_spark.py in Spark local mode (local[2]) on the bundled example,
# edge cases and ~320 BBC articles (../shared; skipped with a message when absent), through
# the shipped runtime archive, and checks the output against direct `newsnlp run` of the same
# inputs: every id exactly once, every document byte-identical, input order kept, Parquet
# consistent. Prints the throughput of both. Exit status non-zero on any mismatch.
#
#   bash tests/spark/run_local.sh            # about 1-2 minutes on 2 cores
#   KEEP=1 bash tests/spark/run_local.sh     # keep the work folder (printed) for inspection
#
# Needs: target/release/newsnlp and newsnlp-engine, .venv with pyspark, java (bash scripts/spark/setup_spark.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=$ROOT/target/release/newsnlp
PY=$ROOT/.venv/bin/python
BBC=${NEWSNLP_BBC_JSONL:-$ROOT/../shared/data/news_raw/bbc-fulltext/bbc-fulltext.jsonl}
export PYTHONDONTWRITEBYTECODE=1
THREADS=2   # cores used by both runs: direct --threads 2; Spark local[2] with one thread per task

# The binary may be mid-rebuild: wait up to two minutes for it.
for _ in $(seq 24); do [ -x "$BIN" ] && break; echo "waiting for $BIN ..." >&2; sleep 5; done
for b in "$BIN" "$(dirname "$BIN")/newsnlp-engine"; do
  [ -x "$b" ] || { echo "FAIL: $b not found (cargo build --release -p newsnlp-cli)" >&2; exit 1; }
done
command -v java >/dev/null || { echo "FAIL: java not found (bash scripts/spark/setup_spark.sh)" >&2; exit 1; }
"$PY" -c 'import pyspark' 2>/dev/null || { echo "FAIL: pyspark not in .venv (bash scripts/spark/setup_spark.sh)" >&2; exit 1; }

# The chunking logic alone (line numbers and batches as a direct run's), no Spark: a second.
"$PY" tests/spark/test_chunking.py

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsnlp-spark-test.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$WORK"' EXIT; else echo "work folder: $WORK" >&2; fi
# One copy of the binaries (the launcher and the engine it runs) for the archive and the direct
# runs (target/ may be rebuilt meanwhile).
cp "$BIN" "$WORK/newsnlp"
cp "$(dirname "$BIN")/newsnlp-engine" "$WORK/newsnlp-engine"
BIN=$WORK/newsnlp
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'; }

# Inputs live outside the repository (the BBC data is licensed and never copied into it).
if [ -f "$BBC" ]; then
  "$PY" tests/spark/make_inputs.py "$WORK/in" --bbc "$BBC" --docs 300 --warc-docs 12
else
  echo "skipped BBC part: ../shared not found (running on the bundled example and edge cases only)"
  "$PY" tests/spark/make_inputs.py "$WORK/in"
fi

# The runtime archive the executors get (uncompressed: quicker to pack and unpack here).
NEWSNLP_BIN=$BIN bash scripts/spark/package_runtime.sh --format tar -o "$WORK/newsnlp-runtime-cpu.tar" 2> "$WORK/package.log" \
  || { cat "$WORK/package.log" >&2; exit 1; }

# Direct runs, one per input file, as the job promises to reproduce them.
mkdir -p "$WORK/ref"
start=$(date +%s.%N)
(cd "$WORK/in" && find . -type f | sed 's|^\./||' | sort) | while read -r rel; do
  mkdir -p "$WORK/ref/$(dirname "$rel")"
  out="$WORK/ref/$rel.out"
  rc=0
  case "$rel" in
    *.jsonl) "$BIN" run - --threads $THREADS --precision f32 < "$WORK/in/$rel" > "$out" 2>> "$WORK/direct.log" || rc=$? ;;
    *.jsonl.gz) gzip -dc "$WORK/in/$rel" | "$BIN" run - --threads $THREADS --precision f32 > "$out" 2>> "$WORK/direct.log" || rc=$? ;;
    *) (cd "$WORK/in/$(dirname "$rel")" && "$BIN" run "$(basename "$rel")" --threads $THREADS --precision f32) > "$out" 2>> "$WORK/direct.log" || rc=$? ;;
  esac
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "FAIL: direct run of $rel exited $rc" >&2; cat "$WORK/direct.log" >&2; exit 1; }
done
direct_s=$(secs "$start" "$(date +%s.%N)")
docs=$(find "$WORK/ref" -name '*.out' -exec cat {} + | wc -l)

# The Spark job, in local mode, through spark-submit and the archive. Both sides in float32:
# bfloat16 kernels (chosen by `auto` on CPUs with AMX or avx512_bf16) round differently with
# the thread count, and a task runs one thread where the direct run has two.
start=$(date +%s.%N)
rc=0
PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" "$ROOT/.venv/bin/spark-submit" \
  --master "local[$THREADS]" --driver-memory 1g \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  --archives "$WORK/newsnlp-runtime-cpu.tar#newsnlp" \
  scripts/spark/newsnlp_spark.py "$WORK/in" --output "$WORK/out" --format both --check-runtime \
  -- --precision f32 > "$WORK/spark.out" 2> "$WORK/spark.log" || rc=$?
spark_s=$(secs "$start" "$(date +%s.%N)")
if [ "$rc" != 0 ]; then
  grep -v ' INFO ' "$WORK/spark.log" | tail -40 >&2
  echo "FAIL: the Spark job exited $rc" >&2; exit 1
fi
# (spark-submit merges the Python driver's stderr into its stdout; executors log to stderr.)
cat "$WORK/spark.out" "$WORK/spark.log" | grep '^newsnlp-spark: ' | grep -v 'newsnlp-spark: newsnlp:' || true
summary=$(tail -1 "$WORK/spark.out")
field() { "$PY" -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$summary" "$1"; }
# Every newsnlp process must have loaded libtorch from the unpacked archive, not from .venv.
procs=$(field processes)
from_rt=$(field libtorch_from_runtime)
if [ "$procs" = 0 ] || [ "$from_rt" != "$procs" ]; then
  echo "FAIL: libtorch came from the shipped runtime in $from_rt of $procs newsnlp processes" >&2; exit 1
fi

"$PY" tests/spark/check.py "$WORK/in" "$WORK/ref" "$WORK/out" 2> "$WORK/check.log" \
  || { grep -v -E ' (INFO|WARN) ' "$WORK/check.log" | tail -20 >&2; echo "FAIL: Spark output differs from direct runs" >&2; exit 1; }

job_s=$(awk -v s="$(field seconds)" 'BEGIN { printf "%.2f", s }')
printf 'throughput on %d documents, %d cores:\n' "$docs" "$THREADS"
printf '  direct newsnlp run (--threads %d, one process per input file): %7s s  %6s docs/s\n' \
  "$THREADS" "$direct_s" "$(rate "$docs" "$direct_s")"
printf '  Spark local[%d] job (listing to written output, 1 thread/task): %7s s  %6s docs/s\n' \
  "$THREADS" "$job_s" "$(rate "$docs" "$job_s")"
printf '  Spark local[%d] spark-submit wall (JVM start, unpacking too):  %7s s  %6s docs/s\n' \
  "$THREADS" "$spark_s" "$(rate "$docs" "$spark_s")"
echo "OK: Spark local mode matches direct newsnlp runs"
