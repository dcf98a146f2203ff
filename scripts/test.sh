#!/usr/bin/env bash
# Set up (idempotent) and run every check: lint, types, import contracts, the whole test suite.
# The tests start what they need themselves (Xvfb, the Live API emulator). Extra arguments go
# to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

echo "== ruff"
.venv/bin/ruff check desktop tests bench
.venv/bin/ruff format --check desktop tests bench
echo "== mypy"
.venv/bin/mypy
echo "== import contracts"
.venv/bin/lint-imports
echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider "$@"
