#!/bin/sh
# Builds dist/tension-desktop/: the one-folder app (copy it to a USB stick or the room's PC).
# Usage: sh packaging/build.sh [PYTHON]   (default .venv/bin/python; `make package` bootstraps it)
# Linux, macOS, and Windows under Git Bash (PYTHON=.venv/Scripts/python.exe).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${1:-.venv/bin/python}"
if [ ! -x "$PYTHON" ] && [ ! -f "$PYTHON" ]; then
    echo "build: $PYTHON not found; run \`make package\` (it creates .venv first)" >&2
    exit 1
fi
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build: PyInstaller is missing; install it with: $PYTHON -m pip install -e \".[packaging]\"" >&2
    exit 1
fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$PYTHON" packaging/make_icons.py build/icons
"$PYTHON" packaging/version_info.py build/version_info.txt
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/tension-desktop.spec
APP=dist/tension-desktop
# The licences of everything inside, beside the app where a coach (or an auditor) finds them
mkdir -p "$APP/licenses"
cp tension_desktop/resources/licenses/* "$APP/licenses/"
cp tension_desktop/resources/fonts/LICENSE-* "$APP/licenses/"
"$PYTHON" packaging/collect_licenses.py "$APP/licenses"
if [ -d "dist/Tension Desktop.app" ]; then  # macOS: the licences inside the .app too
    mkdir -p "dist/Tension Desktop.app/Contents/Resources/licenses"
    cp "$APP"/licenses/* "dist/Tension Desktop.app/Contents/Resources/licenses/"
fi
# links to libraries the spec left out (PyInstaller links Qt's libraries beside the app)
find "$APP" -type l ! -exec test -e {} \; -exec rm -f {} \;
if [ "$(uname)" = "Linux" ]; then
    # libpython and its extension modules (built on this machine) carry symbol tables and
    # debug information; nothing in the app needs them
    for lib in "$APP"/_internal/libpython3*.so* "$APP"/_internal/python3*/lib-dynload/*.so; do
        [ -f "$lib" ] && strip --strip-unneeded "$lib"
    done
fi
# the size as benchmarks/bench_package.py records it (its files' sizes, in MiB: what a download
# unpacks to; du counts disk blocks, which differ between file systems)
size=$("$PYTHON" -c 'import sys, pathlib
files = [f for f in pathlib.Path(sys.argv[1]).rglob("*") if f.is_file() and not f.is_symlink()]
print(round(sum(f.stat().st_size for f in files) / 2**20, 1))' "$APP")
echo "build: $APP in $(( $(date +%s) - start )) s, $size MB (goal: <= 150 MB)"
