#!/usr/bin/env bash
# Renders the corpus report page of the invented test corpus in headless Chromium and saves a screenshot.
#   bash scripts/report_screenshot.sh [OUT.png]     (default: out/report.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/report.png}
mkdir -p "$(dirname "$out")"
bash tests/browser/run.sh --report-screenshot "$(realpath -m "$out")"
