#!/usr/bin/env bash
# Packs what a Spark executor needs to run newsnlp into one archive for
# spark-submit --archives: the binary, the NER model and the libtorch shared
# libraries it links (an executor has no .venv, so the rpath baked into the
# binary, /path/to/repo/.venv/libtorch/lib, does not exist there).
#
#   bash scripts/spark/package_runtime.sh [--flavour cpu|cuda] [--format tgz|tar] [-o OUT] [--check-only]
#
# Default output: out/spark/newsnlp-runtime-<flavour>.tar.gz. --check-only builds the layout
# (hard links, no copies), checks that the binary resolves and runs inside it, and writes nothing.
#
# Layout of the archive (extracted by Spark into ./newsnlp/ with '#newsnlp'):
#   bin/newsnlp                      the launcher (answers `stages`/`schema`, runs newsnlp-engine)
#   bin/newsnlp-engine               the front end that links libtorch (what the Spark job runs)
#   models/<model>/                  the shipped models (models/ of this repo)
#   torch/lib/*.so*                  libtorch (as in the PyPI wheel's torch/lib)
#   nvidia/<pkg>/lib/*.so*           the CUDA runtime libraries the wheel's libtorch loads
#   RUNTIME.txt                      flavour, binary sha256, git revision, file list
# libtorch's own DT_RPATH ($ORIGIN/../../nvidia/<pkg>/lib) resolves inside this layout, and
# the job puts torch/lib first on LD_LIBRARY_PATH (searched before the binary's RUNPATH).
#
# Flavours:
#   cpu  (default, ~540 MB as .tar, ~200 MB as .tar.gz): libtorch_cpu, libc10, libgomp, libcudart,
#        libcupti. A binary built by `scripts/setup.sh` (CPU libtorch) links nothing else, and its
#        libtorch folder is copied as it is. A binary built with `setup.sh --cuda` also links
#        libtorch_cuda.so and libc10_cuda.so (tch always does with a CUDA libtorch) but calls into
#        them only on a GPU; they are replaced by a stub library built here with cc that defines
#        exactly the symbols the binary imports from them (checked with nm; each aborts with a
#        message if ever called). Without the real libtorch_cuda, libtorch has no CUDA backend: CPU
#        output is byte-identical, start-up is faster and each process ~160 MB smaller; `--device
#        cuda` fails (as on any machine without a GPU).
#   cuda (~4.2 GB unpacked): the whole torch/lib (less libtorch_python) and every nvidia/* library of the
#        wheel, for executors with NVIDIA GPUs (driver only; no CUDA toolkit needed).
set -euo pipefail
cd "$(dirname "$0")/../.."

FLAVOUR=cpu
FORMAT=tgz
OUT=
CHECK_ONLY=
BIN=${NEWSNLP_BIN:-target/release/newsnlp}
MODELS=${NEWSNLP_MODELS:-models}
while [ $# -gt 0 ]; do
  case "$1" in
    --flavour) FLAVOUR=$2; shift 2 ;;
    --format) FORMAT=$2; shift 2 ;;
    -o|--output) OUT=$2; shift 2 ;;
    --check-only) CHECK_ONLY=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$FLAVOUR" in cpu|cuda) ;; *) echo "--flavour must be cpu or cuda" >&2; exit 2 ;; esac
case "$FORMAT" in tgz) EXT=tar.gz ;; tar) EXT=tar ;; *) echo "--format must be tgz or tar" >&2; exit 2 ;; esac
OUT=${OUT:-out/spark/newsnlp-runtime-$FLAVOUR.$EXT}

ENGINE=$(dirname "$BIN")/newsnlp-engine
for b in "$BIN" "$ENGINE"; do
  [ -x "$b" ] || { echo "$b not found: build it first (cargo build --release -p newsnlp-cli)" >&2; exit 1; }
done
# The libtorch folder the engine was linked against (its RUNPATH; .venv/libtorch/lib normally).
TORCH_LIB=$(readelf -d "$ENGINE" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p' | cut -d: -f1)
[ -n "$TORCH_LIB" ] || TORCH_LIB=.venv/libtorch/lib
TORCH_LIB=$(cd "$TORCH_LIB" && pwd -P)            # .../site-packages/torch/lib or .venv/libtorch/lib
SITE=$(cd "$TORCH_LIB/../.." && pwd -P)            # .../site-packages
[ -f "$TORCH_LIB/libtorch_cpu.so" ] || { echo "no libtorch_cpu.so in $TORCH_LIB" >&2; exit 1; }
# A binary built against the CPU libtorch (scripts/install_libtorch.sh) links no CUDA library.
CPU_BUILD=
readelf -d "$ENGINE" | grep -q 'NEEDED.*libtorch_cuda' || CPU_BUILD=1
if [ -n "$CPU_BUILD" ] && [ "$FLAVOUR" = cuda ]; then
  echo "$ENGINE is a CPU build (no libtorch_cuda): build it with 'bash scripts/setup.sh --cuda' for a cuda runtime" >&2
  exit 1
fi

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/newsnlp-runtime.XXXXXX")
chmod 755 "$STAGE"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/bin" "$STAGE/torch/lib"
# Hard links when on the same file system (the staging dir is only read by tar), copies otherwise.
put() { mkdir -p "$(dirname "$2")"; ln -f "$1" "$2" 2>/dev/null || cp -p "$1" "$2"; }

put "$BIN" "$STAGE/bin/newsnlp"
put "$ENGINE" "$STAGE/bin/newsnlp-engine"
cp -rpL "$MODELS" "$STAGE/models"

# Copies one library found under $SITE to the same relative place in the stage.
put_lib() {
  local real rel
  real=$(readlink -f "$1")
  case "$real" in
    "$SITE"/*) rel=${real#"$SITE"/} ;;
    *) echo "unexpected library outside $SITE: $real" >&2; exit 1 ;;
  esac
  put "$real" "$STAGE/$rel"
}

if [ -n "$CPU_BUILD" ]; then
  # The CPU libtorch folder holds exactly what the binary loads (libtorch_cpu.so finds the rest
  # through $ORIGIN).
  for f in "$TORCH_LIB"/*.so*; do put "$(readlink -f "$f")" "$STAGE/torch/lib/$(basename "$f")"; done
elif [ "$FLAVOUR" = cpu ]; then
  # Everything libtorch_cpu.so and libc10.so load that comes from the wheel (not from the OS).
  for lib in libtorch_cpu.so libc10.so; do
    put_lib "$TORCH_LIB/$lib"
    ldd "$TORCH_LIB/$lib" | awk '$2 == "=>" {print $3}' | while read -r dep; do
      case "$(readlink -f "$dep")" in "$SITE"/*) put_lib "$dep" ;; esac
    done
  done
  # Stub libtorch_cuda.so / libc10_cuda.so: the symbols the binary imports from each, defined
  # as functions that abort. Refuse if any of them is not a function (it could not be stubbed).
  nm -D --undefined-only "$ENGINE" | awk '{print $2}' | sort -u > "$STAGE/undefined.txt"
  for lib in libtorch_cuda.so libc10_cuda.so; do
    src="$STAGE/${lib%.so}_stub.c"
    printf '#include <stdio.h>\n#include <stdlib.h>\n' > "$src"
    nm -D --defined-only "$TORCH_LIB/$lib" | awk '{print $2, $3}' | sort -k2 -u \
      | join -1 2 -2 1 - "$STAGE/undefined.txt" > "$STAGE/used.txt" || true
    while read -r sym type; do
      case "$type" in
        T|W|i) printf 'void %s(void) { fputs("newsnlp cpu runtime: %s called; this archive has no CUDA (package with --flavour cuda)\\n", stderr); abort(); }\n' "$sym" "$sym" >> "$src" ;;
        *) echo "cannot stub $lib: the binary imports data symbol $sym ($type); use --flavour cuda" >&2; exit 1 ;;
      esac
    done < "$STAGE/used.txt"
    cc -shared -fPIC -O1 -Wl,-soname,"$lib" -o "$STAGE/torch/lib/$lib" "$src"
    echo "stub $lib: $(wc -l < "$STAGE/used.txt") symbol(s)" >&2
    rm -f "$src" "$STAGE/used.txt"
  done
  rm -f "$STAGE/undefined.txt"
else
  for f in "$TORCH_LIB"/*.so*; do
    case "$(basename "$f")" in libtorch_python.so) continue ;; esac
    put_lib "$f"
  done
  find "$SITE/nvidia" -path '*/lib/*.so*' \( -type f -o -type l \) | while read -r f; do put_lib "$f"; done
fi

# Every wheel library the binary needs must resolve inside the stage, with LD_LIBRARY_PATH as
# the job sets it (the binary's own RUNPATH still points at this machine's .venv).
missing=$(LD_LIBRARY_PATH="$STAGE/torch/lib" ldd "$STAGE/bin/newsnlp-engine" | awk '
  /not found/ {print; next}
  $2 == "=>" && $3 !~ /^\/(usr\/)?lib/ && index($3, stage) != 1 {print}' stage="$STAGE")
if [ -n "$missing" ]; then
  echo "libraries that do not resolve inside the archive:" >&2; echo "$missing" >&2; exit 1
fi
# ...and the packed binary runs (loads libtorch from the stage) before we ship it.
LD_LIBRARY_PATH="$STAGE/torch/lib" "$STAGE/bin/newsnlp-engine" stages > /dev/null
LD_LIBRARY_PATH="$STAGE/torch/lib" "$STAGE/bin/newsnlp" schema > /dev/null

if [ -n "$CHECK_ONLY" ]; then
  echo "runtime layout OK ($FLAVOUR, $(du -sh "$STAGE" | cut -f1)): every library resolves inside it and the binary runs" >&2
  exit 0
fi

{
  echo "flavour: $FLAVOUR"
  echo "binary_sha256: $(sha256sum "$ENGINE" | cut -d' ' -f1)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo '+dirty')"
  echo "packed: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "files:"
  (cd "$STAGE" && find . -type f ! -name RUNTIME.txt | sort | sed 's|^\./|  |')
} > "$STAGE/RUNTIME.txt"

mkdir -p "$(dirname "$OUT")"
tmp_out="$OUT.partial"
# Top-level names, not '.': Hadoop's untar (Spark --archives) refuses a './' entry.
mapfile -t TOP < <(cd "$STAGE" && ls -A)
if [ "$FORMAT" = tgz ]; then
  if command -v pigz >/dev/null 2>&1; then
    tar --hard-dereference -C "$STAGE" -cf - "${TOP[@]}" | pigz -6 > "$tmp_out"
  else
    tar --hard-dereference -C "$STAGE" -czf "$tmp_out" "${TOP[@]}"
  fi
else
  tar --hard-dereference -C "$STAGE" -cf "$tmp_out" "${TOP[@]}"
fi
mv "$tmp_out" "$OUT"
echo "$OUT ($(du -h "$OUT" | cut -f1), flavour $FLAVOUR)" >&2
