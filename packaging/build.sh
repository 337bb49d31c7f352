#!/bin/sh
# Builds dist/tension-desktop/ (one folder, copy it to a USB stick or the room's PC).
set -eu
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q -e ".[packaging]"
.venv/bin/pyinstaller --noconfirm --clean packaging/tension-desktop.spec
echo "built: dist/tension-desktop/tension-desktop"
