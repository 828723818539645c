#!/usr/bin/env bash
# Sets up everything, then runs the demo: sample catalog, a rendered video per aspect, then a
# live show (watch page with shop at http://127.0.0.1:8000/watch/glow-hour, HLS, API) that runs
# until Ctrl-C. DEMO_LIVE=0 skips the live part; DEMO_LIVE_SECONDS=N stops it after N seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/shopcast demo --out "${DEMO_OUT:-out/demo}" "$@"
if [ "${DEMO_LIVE:-1}" != "0" ]; then
  if [ -n "${DEMO_LIVE_SECONDS:-}" ]; then
    exec timeout -s TERM "${DEMO_LIVE_SECONDS}" .venv/bin/shopcast live start \
      examples/shows/glow-hour.yaml --port "${DEMO_PORT:-8000}"
  fi
  exec .venv/bin/shopcast live start examples/shows/glow-hour.yaml --port "${DEMO_PORT:-8000}"
fi
