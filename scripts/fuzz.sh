#!/usr/bin/env bash
# Fuzzes ingestion and sentence splitting with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Runs each target (default: all four: ingest_file ingest_jsonl sentences
# sentences_long) for SECONDS_PER_TARGET seconds (default 60), one after the
# other, on one core.
# Exits 1 if any target finds a crash (panic, broken invariant, timeout or
# out-of-memory) and prints where the crashing inputs are and how to replay
# them; 2 on bad usage. See fuzz/README.md.
#
# Toolchain: `cargo +nightly fuzz` when a nightly toolchain is installed,
# otherwise the default (stable) toolchain with RUSTC_BOOTSTRAP=1 (cargo-fuzz
# needs -Z flags). cargo-fuzz is installed from crates.io when missing.
#
# Environment:
#   FUZZ_TOOLCHAIN  toolchain for `cargo +TOOLCHAIN` (default: nightly if
#                   installed, else the default toolchain with RUSTC_BOOTSTRAP=1)
#   FUZZ_SANITIZER  none (default: the fuzzed crates forbid unsafe code and
#                   it runs about 3x faster), address, leak, memory or thread
#   FUZZ_ARGS       extra libFuzzer flags for every target, e.g. "-seed=1"
#   NEWSNLP_FUZZ_STRICT_PANICS=1  stop at panics ingest catches (HTML extractor) too
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL_TARGETS=(ingest_file ingest_jsonl sentences sentences_long)

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

SECONDS_PER_TARGET=60
if [[ $# -gt 0 ]]; then
    case "$1" in
        -h | --help) usage ;;
        *[!0-9]* | '') ;;
        *)
            SECONDS_PER_TARGET="$1"
            shift
            ;;
    esac
fi
[[ "$SECONDS_PER_TARGET" -gt 0 ]] || usage
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=("${ALL_TARGETS[@]}")
for target in "${TARGETS[@]}"; do
    [[ " ${ALL_TARGETS[*]} " == *" $target "* ]] || {
        echo "fuzz.sh: unknown target '$target' (known: ${ALL_TARGETS[*]})" >&2
        usage
    }
done

# libFuzzer flags per target. -max_len allows long inputs (up to 1 MiB;
# sentences_long repeats its input to 100,000+ bytes itself); -timeout turns
# super-linear slowness into a crash; -rss_limit_mb makes runaway memory one.
target_flags() {
    case "$1" in
        ingest_file) echo "-max_len=1048576 -timeout=60 -rss_limit_mb=4096" ;;
        ingest_jsonl) echo "-max_len=1048576 -timeout=60 -rss_limit_mb=4096" ;;
        sentences) echo "-max_len=1048576 -timeout=20 -rss_limit_mb=2048" ;;
        sentences_long) echo "-max_len=16384 -timeout=20 -rss_limit_mb=2048" ;;
    esac
}

# --- toolchain ------------------------------------------------------------
CARGO=(cargo)
if [[ -n "${FUZZ_TOOLCHAIN:-}" ]]; then
    CARGO=(cargo "+$FUZZ_TOOLCHAIN")
    [[ "$FUZZ_TOOLCHAIN" == nightly* ]] || export RUSTC_BOOTSTRAP=1
elif command -v rustup >/dev/null && rustup toolchain list | grep -q '^nightly'; then
    CARGO=(cargo +nightly)
elif ! rustc --version | grep -q nightly; then
    # Stable rustc: let it accept the -Z flags cargo-fuzz passes.
    export RUSTC_BOOTSTRAP=1
fi
echo "fuzz.sh: toolchain: $("${CARGO[@]}" --version)${RUSTC_BOOTSTRAP:+ (RUSTC_BOOTSTRAP=1)}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz from crates.io" >&2
    cargo install cargo-fuzz --locked
fi

SANITIZER="${FUZZ_SANITIZER:-none}"
BUILD_FLAGS=(--sanitizer "$SANITIZER")
LOG_DIR="$ROOT/fuzz/target/logs"
mkdir -p "$LOG_DIR"

# --- run ------------------------------------------------------------------
failed=()
summary=()
for target in "${TARGETS[@]}"; do
    artifacts="$ROOT/fuzz/artifacts/$target"
    corpus="$ROOT/fuzz/corpus/$target"
    mkdir -p "$artifacts" "$corpus"
    log="$LOG_DIR/$target-$(date +%Y%m%d-%H%M%S).log"
    marker="$(mktemp)"
    echo "fuzz.sh: building $target (sanitizer: $SANITIZER)"
    "${CARGO[@]}" fuzz build "${BUILD_FLAGS[@]}" "$target"
    echo "fuzz.sh: running $target for ${SECONDS_PER_TARGET}s (log: $log)"
    # New inputs go to fuzz/corpus/TARGET (git ignores all but seed_*),
    # crashes to fuzz/artifacts/TARGET; DEBUG lines of the HTML extractor
    # (built with debug assertions) are dropped, NEW/REDUCE lines kept in
    # the log only.
    set +e
    # shellcheck disable=SC2046,SC2086
    "${CARGO[@]}" fuzz run "${BUILD_FLAGS[@]}" "$target" "$corpus" -- \
        -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
        $(target_flags "$target") ${FUZZ_ARGS:-} 2>&1 |
        grep --line-buffered -v '^DEBUG: ' | tee "$log" | grep --line-buffered -v '^#[0-9]*[[:space:]]*\(NEW\|REDUCE\)'
    status=${PIPESTATUS[0]}
    set -e

    new_artifacts=$(find "$artifacts" -type f -newer "$marker" | sort)
    rm -f "$marker"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
    line="$target: ${runs:-?} runs, ${rate:-?} exec/s, ${cov:-no coverage line}"
    if [[ $status -ne 0 || -n "$new_artifacts" ]]; then
        failed+=("$target")
        line="$line -- FAILED (exit $status)"
        echo "fuzz.sh: $target FAILED; crash input(s):" >&2
        for file in ${new_artifacts:-}; do
            echo "  $file" >&2
            echo "    replay:   ${CARGO[*]} fuzz run ${BUILD_FLAGS[*]} $target $file" >&2
            echo "    minimise: ${CARGO[*]} fuzz tmin ${BUILD_FLAGS[*]} $target $file" >&2
        done
    fi
    summary+=("$line")
done

echo
echo "fuzz.sh: summary (${SECONDS_PER_TARGET}s per target, logs in $LOG_DIR)"
printf '  %s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz.sh: crashes in: ${failed[*]} (inputs under fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz.sh: no crashes"
