#!/bin/sh
# Creates the virtual environment and installs the project with its test and dev extras.
set -eu
PY="${1:-python3}"
VENV="${2:-.venv}"
sh scripts/sysdeps.sh
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "bootstrap: Python 3.11 or newer is needed ($PY is $("$PY" --version 2>&1))." >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PY" -m venv "$VENV" 2>/dev/null; then
        if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq || true
            apt-get install -y -qq python3-venv
            rm -rf "$VENV"; "$PY" -m venv "$VENV"
        else
            rm -rf "$VENV"  # a half-made venv (no pip) would be taken as ready next time
            echo "bootstrap: cannot create a virtual environment. Install it with: sudo apt-get install python3-venv" >&2
            exit 1
        fi
    fi
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[test,dev]"
echo "bootstrap: ready in $VENV"
