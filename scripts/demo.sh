#!/usr/bin/env bash
# Sets up everything, then runs the demo: sample catalog, a rendered video per aspect.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/shopcast demo --out "${DEMO_OUT:-out/demo}" "$@"
