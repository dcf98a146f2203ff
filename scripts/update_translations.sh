#!/usr/bin/env bash
# Refresh the translation sources from the code (new strings appear as unfinished) and compile
# them: resources/translations/screenmate_{de,zh_CN}.ts → .qm. Translate in Qt Linguist or by
# editing the .ts, then run this again. Both .ts and .qm are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
for lang in de zh_CN; do
  ts=resources/translations/screenmate_$lang.ts
  .venv/bin/pyside6-lupdate -no-obsolete -locations none desktop/ui/*.py -ts "$ts"
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "resources/translations/screenmate_$lang.qm"
done
