#!/bin/sh
# Starts the app. Without a display (ssh, CI) it starts a private Xvfb so the window still opens.
set -eu
BIN="$1"
shift
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
    if ! command -v Xvfb >/dev/null 2>&1; then
        echo "run: no display and no Xvfb. Install it with: sudo apt-get install xvfb (or run make sysdeps as root)." >&2
        exit 1
    fi
    NUMFILE=$(mktemp)
    # -displayfd: Xvfb picks a free display number and writes it once it accepts clients
    Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp 5>"$NUMFILE" >/dev/null 2>&1 &
    XPID=$!
    trap 'kill $XPID 2>/dev/null || true; rm -f "$NUMFILE"' EXIT INT TERM
    i=0
    while [ ! -s "$NUMFILE" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if [ ! -s "$NUMFILE" ]; then
        echo "run: Xvfb did not start." >&2
        exit 1
    fi
    DISPLAY=":$(head -n1 "$NUMFILE")"
    export DISPLAY
    echo "run: no display found; the app runs on a virtual screen ($DISPLAY, 1920x1080)." >&2
fi
rc=0
"$BIN/tension-desktop" "$@" || rc=$?
exit $rc
