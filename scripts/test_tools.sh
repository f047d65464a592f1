#!/usr/bin/env bash
# Installs the tools only the test command needs, each only when it is missing, and never asks
# apt for a package that conflicts with what is installed. Idempotent: a second run installs
# nothing and takes about a second. Called by scripts/test.sh; the main job needs none of these.
#
#   chromium        Debian's chromium (apt) unless `chromium` or `chromium-browser` is on PATH;
#                   the browser test drives it headless (tests/browser/)
#   node + npm      Debian's nodejs + npm only when there is no `node` at all. A Node.js that
#                   is already there (NodeSource, nvm, ...) is used as it is: Debian's npm
#                   conflicts with NodeSource's nodejs, so apt is never asked for npm beside it.
#   playwright-core npm, into tests/browser/node_modules (drives the system chromium; no download)
#   java, pyspark   scripts/spark/setup_spark.sh (Debian openjdk-17-jre-headless, PyPI pyspark)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '== %s\n' "$*" >&2; }
SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The chromium the browser test will drive: $CHROMIUM, else chromium, else chromium-browser.
chromium_path() {
  if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then echo "$CHROMIUM"; return; fi
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true
}
if [ -z "$(chromium_path)" ]; then
  log "installing chromium (Debian) for the review-page browser test"
  apt_install chromium
fi
[ -n "$(chromium_path)" ] || { echo "no chromium or chromium-browser on PATH after installing chromium" >&2; exit 1; }
log "chromium: $(chromium_path)"

if ! command -v node >/dev/null 2>&1; then
  log "installing nodejs and npm (Debian): no Node.js on this machine"
  apt_install nodejs npm
elif ! command -v npm >/dev/null 2>&1; then
  echo "node $(node --version) is installed without npm; install the npm that belongs to it" \
    "(Debian's npm package conflicts with NodeSource's nodejs)" >&2
  exit 1
fi
log "node $(node --version), npm $(npm --version)"

if [ ! -d tests/browser/node_modules/playwright-core ]; then
  log "installing playwright-core (npm; drives the system chromium, downloads no browser)"
  (cd tests/browser && npm install --silent --no-audit --no-fund)
fi

bash scripts/spark/setup_spark.sh
