"""Application start-up: open the library (one app per library), first-start demo, window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from tension_desktop.store import StoreError, library_path, open_library, workshops
from tension_desktop.store.demo import create_demo

from .qt import prepare_process, set_identity
from .theme import apply_theme


def app_data_dir() -> Path:
    """Qt's AppDataLocation (the same folder the store computes without Qt)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _fail(app: QApplication, message: str) -> int:
    print(f"tension-desktop: {message}", file=sys.stderr)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, "Tension Desktop", message)
    return 1


def run_app(data_dir: Path | None = None, argv: list[str] | None = None) -> int:
    """Start the window on the library in ``data_dir`` (default: AppDataLocation)."""
    prepare_process()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    set_identity()
    if data_dir is not None:
        # keep QSettings beside a portable library (USB stick, tests) instead of the user's
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(data_dir).resolve()))
    apply_theme(app, "light")
    path = library_path(data_dir or app_data_dir())
    try:
        lib = open_library(path)
    except StoreError as exc:
        return _fail(app, str(exc))
    try:
        if not workshops.list_workshops(lib) and not workshops.list_teams(lib):
            create_demo(lib)
    except StoreError as exc:
        print(f"tension-desktop: could not create the demo workshop: {exc}", file=sys.stderr)
    from .main_window import MainWindow

    window = MainWindow(lib)
    window.resize(1440, 900)
    window.restore_settings()
    window.show()
    try:
        return app.exec()
    finally:
        lib.close()
