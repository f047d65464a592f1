#!/usr/bin/env bash
# Renders the seed article's HTML review page in headless Chromium and saves a screenshot.
#   bash scripts/review_screenshot.sh [OUT.png]     (default: out/review.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/review.png}
mkdir -p "$(dirname "$out")"
bash tests/browser/run.sh --screenshot "$(realpath -m "$out")"
