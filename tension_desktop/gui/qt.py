"""The one place for Qt setup that needs care (high-DPI, platform, fonts, touch helpers).

Everything else imports PySide6 modules directly; only process-wide setup lives here.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from tension_desktop import APP_NAME

#: Minimum touch target in device-independent pixels (DESIGN.md: at least 48 px at 1x).
TOUCH_TARGET = 48


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
