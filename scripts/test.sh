#!/usr/bin/env bash
# Sets up everything, then runs lint and the whole test suite (models included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check src tests bench scripts
exec .venv/bin/pytest -q "$@"
