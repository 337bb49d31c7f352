#!/bin/sh
# Starts the app. Without a display (ssh, CI) it starts a private Xvfb so the window still opens.
set -eu
BIN="$1"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
    echo "run: no display found; starting the app on a virtual screen (Xvfb :77)." >&2
    Xvfb :77 -screen 0 1920x1080x24 >/dev/null 2>&1 &
    XPID=$!
    trap 'kill $XPID 2>/dev/null || true' EXIT
    export DISPLAY=:77
    sleep 1
fi
exec_rc=0
"$BIN/tension-desktop" "$@" || exec_rc=$?
exit $exec_rc
