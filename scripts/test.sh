#!/usr/bin/env bash
# Install the test dependencies into .venv (and Debian's Chromium for the browser tests, when
# run as root) and run the whole test suite, in parallel on every core (pytest-xdist, -n auto:
# each worker has its own test database and loads the demo data once). Extra arguments go to
# pytest and win over the default: `bash scripts/test.sh -n 0` runs in one process.
# Set DATABASE_URL=postgres://… to run the same suite on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
bash scripts/ensure-chromium.sh
bash scripts/ensure-doc-deps.sh
exec .venv/bin/pytest -n auto "$@"
