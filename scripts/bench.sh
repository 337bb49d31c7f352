#!/bin/sh
set -eu
BIN="$1"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$BIN/python" benchmarks/run_all.py
