#!/usr/bin/env bash
# Installs what the Spark job (scripts/spark/) and its test (tests/spark/run_local.sh) need,
# from the Debian archive and PyPI only. Idempotent: each step runs only when its check fails,
# so a second run does nothing and takes about a second.
#
#   bash scripts/spark/setup_spark.sh
#
#   java       openjdk-17-jre-headless (apt-get; via sudo when not root) if no `java` is on PATH.
#              Spark 3.5 runs on Java 8, 11 or 17.
#   pyspark    pyspark==$PYSPARK_VERSION (PyPI, ~320 MB: Spark's jars come with it) into .venv
#              if `import pyspark` fails there. The executors' Python needs nothing but the
#              standard library; only the machine that runs spark-submit needs pyspark.
# Needs .venv (bash scripts/setup.sh creates it). NEWSNLP_VENV overrides its path.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION=3.5.9
VENV=${NEWSNLP_VENV:-.venv}

log() { printf '== %s\n' "$*" >&2; }

if command -v java >/dev/null 2>&1; then
  log "java: $(java -version 2>&1 | head -1) ($(command -v java))"
else
  log "installing openjdk-17-jre-headless (Debian) for Spark"
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "java is missing and this is not root and has no sudo" >&2; exit 1; }
    SUDO=sudo
  fi
  # Slim Debian images lack man folders, which the JRE's postinst needs for update-alternatives.
  $SUDO mkdir -p /usr/share/man/man1
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
  command -v java >/dev/null 2>&1 || { echo "java still not on PATH after installing openjdk-17-jre-headless" >&2; exit 1; }
  log "java: $(java -version 2>&1 | head -1)"
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "$VENV/bin/python not found: run scripts/setup.sh first (it creates the venv)" >&2
  exit 1
fi
if have=$("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null); then
  log "pyspark $have in $VENV"
else
  log "installing pyspark==$PYSPARK_VERSION into $VENV (PyPI, ~320 MB)"
  "$VENV/bin/python" -m pip install -q "pyspark==$PYSPARK_VERSION"
  log "pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)') in $VENV"
fi
