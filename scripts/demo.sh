#!/usr/bin/env bash
# Install Thân Thiện into .venv and start the demo (SQLite, the Thạch Thành demo data).
# Usage: bash scripts/demo.sh [--host 0.0.0.0] [--port 8000]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
bash scripts/ensure-doc-deps.sh
exec .venv/bin/thanthien demo "$@"
