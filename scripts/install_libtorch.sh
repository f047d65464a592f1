#!/usr/bin/env bash
# Installs the libtorch newsnlp links against into .venv/libtorch, from PyPI wheels only.
# Idempotent: does nothing when the flavour asked for is already there.
#
#   bash scripts/install_libtorch.sh          # cpu (default): ~0.6 GB, no CUDA libraries
#   bash scripts/install_libtorch.sh --cuda   # the whole torch 2.4.0 wheel with its CUDA libraries (~4.5 GB)
#
# cpu:  the libraries libtorch_cpu.so needs, taken out of the torch==2.4.0 wheel (libtorch_cpu, libc10,
#       libgomp) and of the two small NVIDIA wheels it is linked against (libcudart, libcupti: loaded,
#       never called without a GPU), plus the wheel's C++ headers, into .venv/libtorch/{lib,include}.
#       No libtorch_cuda.so there, so tch links none and the binary maps no CUDA library at start.
#       libtorch.so (which only links the CUDA part in) is replaced by an empty library of that name.
#       No Python torch is installed: scripts that need one (training, the Python reference, the
#       transformers peer of the benchmark) ask for `bash scripts/setup.sh --python`.
# cuda: pip installs torch==2.4.0 with its dependencies into .venv; .venv/libtorch links to the wheel's
#       torch/ folder, whose libtorch_cuda.so tch then links: `--device cuda` works on an NVIDIA GPU.
#
# .venv/libtorch/FLAVOUR records which is installed; scripts/setup.sh rebuilds tch when it changes.
set -euo pipefail
cd "$(dirname "$0")/.."

FLAVOUR=cpu
case "${1:-}" in
  --cuda) FLAVOUR=cuda ;;
  --cpu|"") ;;
  *) echo "usage: $0 [--cpu|--cuda]" >&2; exit 2 ;;
esac
TORCH=torch==2.4.0
# The versions torch 2.4.0's wheel metadata pins for these two.
CUDA_RUNTIME=nvidia-cuda-runtime-cu12==12.1.105
CUPTI=nvidia-cuda-cupti-cu12==12.1.105
PY=.venv/bin/python
DEST=.venv/libtorch

log() { printf '== %s\n' "$*" >&2; }
[ -x "$PY" ] || { echo "$PY not found: run scripts/setup.sh (it creates the venv)" >&2; exit 1; }

if [ "$(cat "$DEST/FLAVOUR" 2>/dev/null)" = "$FLAVOUR" ]; then
  log "libtorch ($FLAVOUR) already in $DEST"
  exit 0
fi

if [ "$FLAVOUR" = cuda ]; then
  log "installing $TORCH with its CUDA libraries into .venv (~4.5 GB the first time)"
  "$PY" -m pip install -q "$TORCH"
  TORCH_DIR=$("$PY" -c 'import os, torch; print(os.path.dirname(torch.__file__))')
  rm -rf "$DEST"
  ln -sfn "$TORCH_DIR" "$DEST"
  echo cuda > "$TORCH_DIR/FLAVOUR"
  exit 0
fi

log "extracting CPU libtorch from the $TORCH wheel into $DEST (the wheel is ~0.8 GB to download once)"
WHEELS=$(mktemp -d "${TMPDIR:-/tmp}/newsnlp-wheels.XXXXXX")
trap 'rm -rf "$WHEELS"' EXIT
"$PY" -m pip download -q --no-deps --only-binary=:all: -d "$WHEELS" "$TORCH" "$CUDA_RUNTIME" "$CUPTI"
rm -rf "$DEST" "$DEST.partial"
mkdir -p "$DEST.partial/lib"
"$PY" - "$WHEELS" "$DEST.partial" <<'EOF'
import glob, os, re, sys, zipfile

wheels, dest = sys.argv[1], sys.argv[2]
# From each wheel: member path pattern -> where it goes under dest.
wanted = {
    "torch-": [(r"^torch/lib/(libtorch_cpu\.so|libc10\.so|libgomp-[0-9a-f]+\.so\.1)$", "lib"),
               (r"^torch/include/(.+)$", "include")],
    "nvidia_cuda_runtime": [(r"^nvidia/cuda_runtime/lib/(libcudart\.so\.12)$", "lib")],
    "nvidia_cuda_cupti": [(r"^nvidia/cuda_cupti/lib/(libcupti\.so\.12)$", "lib")],
}
found = 0
for wheel in sorted(glob.glob(os.path.join(wheels, "*.whl"))):
    rules = next((r for prefix, r in wanted.items() if os.path.basename(wheel).startswith(prefix)), [])
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            for pattern, folder in rules:
                m = re.match(pattern, info.filename)
                if m and not info.is_dir():
                    target = os.path.join(dest, folder, m.group(1))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with z.open(info) as src, open(target, "wb") as out:
                        while chunk := src.read(1 << 20):
                            out.write(chunk)
                    if folder == "lib":
                        os.chmod(target, 0o755)
                        found += 1
if found != 5:
    sys.exit(f"expected 5 libraries in the wheels, found {found}")
EOF
# tch always links -ltorch; the real libtorch.so only pulls in libtorch_cuda.so.
cc -shared -fPIC -Wl,-soname,libtorch.so -o "$DEST.partial/lib/libtorch.so" -x c /dev/null
# Every library resolves inside the folder (libtorch_cpu.so's RPATH includes $ORIGIN).
if missing=$(ldd "$DEST.partial/lib/libtorch_cpu.so" | grep 'not found'); then
  echo "libtorch_cpu.so does not resolve: $missing" >&2; exit 1
fi
echo "$TORCH (cpu libraries only)" > "$DEST.partial/build-version.txt"
echo cpu > "$DEST.partial/FLAVOUR"
mv "$DEST.partial" "$DEST"
log "libtorch (cpu) in $DEST: $(du -sh "$DEST" | cut -f1)"
