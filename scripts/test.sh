#!/bin/sh
# Runs every check: ruff, the import-linter architecture contract, then pytest
# (unit, gui offscreen, reliability, and e2e under Xvfb).
set -eu
BIN="$1"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
echo "== ruff"; "$BIN/ruff" check tension_desktop tests benchmarks
echo "== import-linter"; "$BIN/lint-imports"
echo "== pytest"; "$BIN/python" -m pytest -q
