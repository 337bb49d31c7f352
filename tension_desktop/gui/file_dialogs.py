"""File dialogs that open in the folder last used for that kind of file.

Each kind ("workshop" files, "pdf" handouts and reports, "image" and "csv" exports) remembers
its folder in the app's settings; the first time it is the home folder. ``QFileDialog`` is
imported when a dialog opens (its types cost start-up time; the window imports this module).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from .qt import app_settings, remember_setting


def last_folder(kind: str) -> Path:
    """The folder a file of ``kind`` was last opened from or saved to (home if none, or gone)."""
    value = app_settings().value(f"folders/{kind}", "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else Path.home()


def remember_folder(kind: str, path: str | Path) -> None:
    """Remember the folder of ``path`` (or ``path`` itself if it is a folder) for ``kind``."""
    p = Path(path)
    remember_setting(f"folders/{kind}", str(p if p.is_dir() else p.parent))


def save_file(parent: QWidget | None, kind: str, title: str, name: str, filters: str) -> str:
    """Ask where to save ``name`` (in the last folder of ``kind``); "" if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder(kind) / Path(name).name), filters)
    if path:
        remember_folder(kind, path)
    return path


def open_file(parent: QWidget | None, kind: str, title: str, filters: str) -> str:
    """Ask which file of ``kind`` to open (starting in its last folder); "" if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder(kind)), filters)
    if path:
        remember_folder(kind, path)
    return path


def choose_folder(parent: QWidget | None, kind: str, title: str) -> str:
    """Ask for a folder (starting in the last one of ``kind``); "" if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(parent, title, str(last_folder(kind)))
    if folder:
        remember_folder(kind, folder)
    return folder
