"""The one place for Qt setup that needs care (high-DPI, platform, fonts, touch helpers).

Everything else imports PySide6 modules directly; only process-wide setup lives here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication

from tension_desktop import APP_NAME

#: Minimum touch target in device-independent pixels (at least 48 px at 1x scale).
TOUCH_TARGET = 48

#: The settings file beside a portable library (``--data-dir DIR``): ``DIR/tension-desktop.ini``.
SETTINGS_FILE = "tension-desktop.ini"
_settings_file: str | None = None


def prepare_process() -> None:
    """Call before creating the QApplication."""
    # Fractional scaling on 4K whiteboards: keep exact factors, not rounded ones.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"


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
