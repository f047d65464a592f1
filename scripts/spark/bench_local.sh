#!/usr/bin/env bash
# Throughput of the Spark job in local mode next to a direct `newsnlp run` on the same
# articles and the same number of cores (the Spark figures in docs/scaling.md).
#
#   bash scripts/spark/bench_local.sh [BBC_JSONL] [--docs 300] [--cores 2] [--rounds 1]
#
# BBC_JSONL defaults to ../shared/data/news_raw/bbc-fulltext/bbc-fulltext.jsonl; the first
# --docs articles are used (as in docs/speed.md). Per round, in turn:
#   direct           newsnlp run - --threads CORES < docs.jsonl   (repo binary, .venv libtorch)
#   direct-runtime   the same with the packed CPU runtime (stub libtorch_cuda)
#   spark-tasks      spark-submit --master local[CORES]: CORES tasks x newsnlp --threads 1
#   spark-threads    local[CORES] with spark.task.cpus=CORES: 1 task x newsnlp --threads CORES
# Times are wall-clock, model loading included; the Spark rows give the job's own time (from
# listing the input to the written output) and the whole spark-submit (JVM start, archive
# unpacking). Peak RSS is of the newsnlp process (direct rows only). Data stays outside the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BBC=../shared/data/news_raw/bbc-fulltext/bbc-fulltext.jsonl
DOCS=300
CORES=2
ROUNDS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS=$2; shift 2 ;;
    --cores) CORES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -*) echo "unknown flag $1" >&2; exit 2 ;;
    *) BBC=$1; shift ;;
  esac
done
[ -f "$BBC" ] || { echo "$BBC not found" >&2; exit 1; }
BIN=$ROOT/target/release/newsnlp
PY=$ROOT/.venv/bin/python
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsnlp-spark-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/in"
head -n "$DOCS" "$BBC" > "$WORK/in/docs.jsonl"
bash scripts/spark/package_runtime.sh --format tar -o "$WORK/runtime.tar" 2> /dev/null
mkdir -p "$WORK/rt" && tar -xf "$WORK/runtime.tar" -C "$WORK/rt"

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'; }
row() { printf '%-15s %-44s %8s %9s %10s\n' "$@"; }
direct() {  # label, binary, env
  local label=$1 bin=$2 lib=$3 t0 t1
  t0=$(date +%s.%N)
  env ${lib:+LD_LIBRARY_PATH=$lib} /usr/bin/time -f '%M' -o "$WORK/rss" "$bin" run - --threads "$CORES" \
    ${lib:+--model "$WORK/rt/models/ner-ontonotes-minilm" --claims-model "$WORK/rt/models/claims-polnear-minilm"} < "$WORK/in/docs.jsonl" > "$WORK/$label.out" 2> /dev/null || true
  t1=$(date +%s.%N)
  local s; s=$(secs "$t0" "$t1")
  row "$label" "1 process, --threads $CORES" "$s" "$(rate "$DOCS" "$s")" \
    "$(( $(cat "$WORK/rss") / 1024 )) MiB"
}
spark() {  # label, task cpus
  local label=$1 cpus=$2 t0 t1
  rm -rf "$WORK/out-$label"
  t0=$(date +%s.%N)
  PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" "$ROOT/.venv/bin/spark-submit" --master "local[$CORES]" \
    --driver-memory 1g --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --conf spark.task.cpus="$cpus" --archives "$WORK/runtime.tar#newsnlp" \
    scripts/spark/newsnlp_spark.py "$WORK/in" --output "$WORK/out-$label" > "$WORK/$label.json" 2> "$WORK/$label.log"
  t1=$(date +%s.%N)
  local job wall; job=$("$PY" -c 'import json,sys; print("%.2f" % json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["seconds"])' "$WORK/$label.json")
  wall=$(secs "$t0" "$t1")
  row "$label" "$(( CORES / cpus )) task(s) x --threads $cpus: job" "$job" "$(rate "$DOCS" "$job")" ""
  row "" "  whole spark-submit" "$wall" "$(rate "$DOCS" "$wall")" ""
  cat "$WORK/out-$label"/part-* | cmp -s - "$WORK/direct.out" || echo "  (output differs from the direct run!)"
}

echo "$DOCS BBC articles, $CORES cores ($(nproc) on this machine, load $(cut -d' ' -f1-3 /proc/loadavg))"
row "run" "how" "seconds" "docs/s" "peak RSS"
for _ in $(seq "$ROUNDS"); do
  direct direct "$BIN" ""
  direct direct-runtime "$WORK/rt/bin/newsnlp" "$WORK/rt/torch/lib"
  spark spark-tasks 1
  [ "$CORES" -gt 1 ] && spark spark-threads "$CORES"
done
