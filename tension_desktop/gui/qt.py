"""The one place for Qt setup that needs care (high-DPI, platform, fonts, touch helpers).

Everything else imports PySide6 modules directly; only process-wide setup lives here.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication

from tension_desktop import APP_NAME


def spare_pyside_source_reads(package: str = "tension_desktop") -> int:
    """Tell PySide up front which modules need no ``__feature__`` switching; returns how many.

    Once PySide6 is loaded, the first ``import`` statement naming a module makes PySide read
    that module's whole source (``inspect.getsource``) to see whether it mentions "PySide6",
    which decides the module's default for ``from __feature__ import snake_case`` (0: uses
    PySide, no feature; -1: ignore). That is 0.1-0.7 ms a module, ~10 ms over the modules a
    start imports (typing, datetime, dataclasses, the app's own; napari#8584 describes the
    same cost). The app never imports ``__feature__``, so the outcome is known without reading:
    the modules already loaded and the app's own (listed from the package folder) are entered
    as the scan would enter them, by name. Only absent names are entered; if a PySide version
    lacks this table, nothing is done and PySide reads the sources as before."""
    table = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    names = {name: -1 for name in list(sys.modules)}
    root = Path(sys.modules[package].__file__).parent
    for folder, subfolders, files in os.walk(root):  # a frozen app keeps no .py files: none listed
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        dotted = ".".join((package, *Path(folder).relative_to(root).parts))
        for file in files:
            if file.endswith(".py"):
                names[dotted if file == "__init__.py" else f"{dotted}.{file[:-3]}"] = 0
    added = 0
    for name, flag in names.items():
        if name not in table:
            table[name] = flag
            added += 1
    return added


spare_pyside_source_reads()


def load_fonts_config_early() -> threading.Thread | None:
    """Start reading the system's font configuration on another core (Linux), while the app
    goes on importing and building its window; returns the thread, or None where Qt does not
    use fontconfig or the library is not there.

    Qt's first measurement of text loads the font database, and on Linux its larger part is
    fontconfig's own start (``FcInit``: parsing ``/etc/fonts`` and reading the font caches,
    ~25 M instructions, 5-6 ms), done once per process. Done here first, in a thread that
    holds no Python lock while in C, Qt later finds it done. fontconfig starts thread-safely
    (a second ``FcInit`` waits for or reuses the first's result). The library loaded is the
    one Qt's GUI module already mapped (the same soname), so it is the same instance."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        fontconfig = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return None
    thread = threading.Thread(target=fontconfig.FcInit, name="fontconfig", daemon=True)
    thread.start()
    return thread


_fonts_config = load_fonts_config_early()

#: Minimum touch target in device-independent pixels (at least 48 px at 1x scale).
TOUCH_TARGET = 48

#: The settings file beside a portable library (``--data-dir DIR``): ``DIR/tension-desktop.ini``.
SETTINGS_FILE = "tension-desktop.ini"
_settings_file: str | None = None


def prepare_process() -> None:
    """Call before creating the QApplication."""
    # Fractional scaling on 4K whiteboards: keep exact factors, not rounded ones.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)


def no_display() -> bool:
    """True on Linux when there is no screen to open a window on (no X11 or Wayland display,
    and no Qt platform chosen, such as the tests' ``QT_QPA_PLATFORM=offscreen``): the window
    would run invisibly, holding the library, so the app says so and stops instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")


def set_identity() -> None:
    """Names that QSettings and QStandardPaths derive their locations from.

    No organization name, so AppDataLocation is ``<GenericDataLocation>/tension-desktop``,
    the folder :func:`tension_desktop.store.default_data_dir` computes without Qt.
    """
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__import__("tension_desktop").__version__)


def keep_settings_in(folder: Path | str | None) -> None:
    """Keep the app's settings in ``folder/tension-desktop.ini`` (a portable library's folder,
    or a test's), or with ``None`` in the user's own settings (the platform's usual place)."""
    global _settings_file
    _settings_file = str(Path(folder).resolve() / SETTINGS_FILE) if folder is not None else None


def settings_path() -> Path | None:
    """The settings file chosen by :func:`keep_settings_in`, or None for the user's own."""
    return Path(_settings_file) if _settings_file is not None else None


def app_settings() -> QSettings:
    """The app's settings (window geometry, last workshop, the coach's templates, ...).

    Every part of the app reads and writes them through this one function, so they all land in
    the same file. Settings objects of one file share their values within the process."""
    if _settings_file is not None:
        return QSettings(_settings_file, QSettings.Format.IniFormat)
    # Named explicitly: with the empty organization name (which keeps AppDataLocation at
    # <data>/tension-desktop) a bare QSettings() would land in "Unknown Organization/".
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def remember_setting(key: str, value: int | str) -> None:
    """Store a simple setting unless it holds that value already: writing the settings file
    costs a flush to disk (10-20 ms), which reopening the last workshop need not pay."""
    settings = app_settings()
    current = settings.value(key)
    if current is None or str(current) != str(value):
        settings.setValue(key, value)
