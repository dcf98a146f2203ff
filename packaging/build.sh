#!/usr/bin/env bash
# Build the one-folder bundle: dist/screenmate/screenmate. Idempotent (rebuilds from scratch).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pip install -q "pyinstaller>=6.10,<7"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/screenmate.spec
du -sh dist/screenmate | awk '{print "bundle size: " $1}'
