#!/bin/sh
# Installs the Debian packages Qt needs (offscreen and a real X11 window), Xvfb for the
# end-to-end tests (xdotool drives the window), and poppler/imagemagick for checking PDFs and screenshots;
# a session bus, the AT-SPI accessibility bus and Debian's pyatspi client for the screen-reader test;
# chromium for the room link's phone-page test (Playwright drives it; no browser download).
# As root it uses apt-get; otherwise it names exactly what to install and stops.
set -eu
PKGS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3 \
xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 \
poppler-utils fonts-dejavu-core xdotool chromium \
dbus at-spi2-core python3-pyatspi"
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "sysdeps: not a Debian-like system; make sure Qt 6's X11/xcb libraries and Xvfb are installed." >&2
    exit 0
fi
MISSING=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in *"ok installed"*) ;; *) MISSING="$MISSING $p" ;; esac
done
[ -z "$MISSING" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "sysdeps: installing$MISSING"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $MISSING
else
    echo "sysdeps: these system packages are missing:$MISSING" >&2
    echo "Install them with:  sudo apt-get install$MISSING" >&2
    exit 1
fi
