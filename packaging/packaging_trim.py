"""What the one-folder app leaves out (read by tension-desktop.spec; plain Python for tests).

Each rule names why. Dropping something the app needs is caught by the smoke test
(`tension-desktop self-check`, the frozen window, the PDFs).
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

_LINUX = sys.platform.startswith("linux")

#: paths inside the bundle (PyInstaller destination names, "/" separated) left out everywhere
DROP = (
    # aiohttp's C speed-ups (7 MB): the room link serves a dozen phones, and aiohttp falls back to
    # its pure-Python parser and WebSocket reader when they are absent
    "aiohttp/_http_parser*.so",
    "aiohttp/_websocket/*.so",
    # the GTK platform theme plugin pulls in GTK 3 and ~28 system libraries; Qt's own Fusion
    # style and file dialogs are used instead
    "PySide6/Qt/plugins/platformthemes/*gtk*",
    # Qt's own translations: the app's text is English and its dialogs are the app's own
    "PySide6/Qt/translations/*",
    # TLS backends and network reachability: the app makes no encrypted connection and asks
    # no one whether it is online (QtNetwork itself stays: QNetworkInterface lists the
    # laptop's addresses for a phone in the same room)
    "PySide6/Qt/plugins/tls/*", "PySide6/Qt/plugins/networkinformation/*",
    # platforms for embedded devices and remote screens (a coach's laptop has X11/Wayland)
    "PySide6/Qt/plugins/platforms/*eglfs*", "PySide6/Qt/plugins/platforms/*vnc*",
    "PySide6/Qt/plugins/platforms/*linuxfb*", "PySide6/Qt/plugins/platforms/*minimalegl*",
    "PySide6/Qt/plugins/egldeviceintegrations/*", "PySide6/Qt/lib/libQt6EglFS*",
    "PySide6/Qt/lib/libQt6VncSupport*",
    # input plugins for embedded devices (evdev, tslib, libinput without a window system)
    "PySide6/Qt/plugins/generic/*",
    # image formats the app never reads (it draws SVG icons and writes PNG/PDF)
    "PySide6/Qt/plugins/imageformats/*tiff*", "PySide6/Qt/plugins/imageformats/*webp*",
    "PySide6/Qt/plugins/imageformats/*icns*", "PySide6/Qt/plugins/imageformats/*tga*",
    "PySide6/Qt/plugins/imageformats/*wbmp*", "PySide6/Qt/plugins/imageformats/*pdf*",
    # Vulkan display (embedded boards) and the Wayland server-side buffer integrations
    "PySide6/Qt/plugins/platforms/*vkkhrdisplay*",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/*-server*",
    # ReportLab's bundled Type 1 fonts: every PDF embeds the app's own TTF fonts
    "reportlab/fonts/*.pfb", "reportlab/fonts/*.afm",
)

#: system libraries the app must take from the machine, not the build host (Linux):
#: libstdc++ and libexpat from a new build host require a newer glibc than the oldest the
#: rest of the bundle needs, and every desktop Linux has them (Qt itself needs libstdc++)
SYSTEM_ONLY = ("libstdc++.so*", "libexpat.so*", "libgcc_s.so*", "libz.so*")


def drop(dest: str) -> bool:
    """True if the bundle leaves ``dest`` (a destination path) out."""
    dest = dest.replace("\\", "/")
    if any(fnmatch.fnmatch(dest, pattern) for pattern in DROP):
        return True
    return _LINUX and "/" not in dest and any(fnmatch.fnmatch(dest, p) for p in SYSTEM_ONLY)


def keep_binary(dest: str) -> bool:
    """True for a binary the bundle keeps."""
    return not drop(dest)


def prune_orphans(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop the top-level shared libraries nothing kept needs any more.

    PyInstaller collects the dependencies of every binary (the GTK theme plugin's GTK, pango,
    cairo, ...) as top-level libraries; once :func:`drop` has removed a plugin, its
    dependencies would still ship. This follows the libraries' own lists of what they need
    (DT_NEEDED) from everything kept in sub-folders (extensions, Qt, plugins) and libpython."""
    from PyInstaller.depend.bindepend import get_imports

    def top(dest: str) -> bool:  # top level, or a wheel's folder of vendored libraries (pillow.libs)
        parts = dest.replace("\\", "/").split("/")
        return len(parts) == 1 or (len(parts) == 2 and parts[0].endswith(".libs"))

    by_name = {Path(d).name: (d, s, t) for d, s, t in binaries if top(d) and t == "BINARY"}
    # a vendored library may be reached through its top-level link (same name)
    todo = [(d, s) for d, s, t in binaries if not (top(d) and t == "BINARY") or d.startswith("libpython")]
    reached: set[str] = set()
    seen: set[str] = set()
    while todo:
        dest, src = todo.pop()
        if src in seen or not Path(src).is_file():
            continue
        seen.add(src)
        try:
            needed = get_imports(src)
        except Exception:  # noqa: BLE001 (not an ELF file: a data file collected as binary)
            continue
        for name, _path in needed:
            if name in by_name and name not in reached:
                reached.add(name)
                todo.append(by_name[name][:2])
    return [b for b in binaries if not (top(b[0]) and b[2] == "BINARY") or b[0].startswith("libpython")
            or Path(b[0]).name in reached]

