"""Portable mode: the library and settings in a folder beside the app (a USB stick).

A packaged app that finds the marker file :data:`MARKER` beside itself (beside
``tension-desktop`` / ``tension-desktop.exe``, or beside ``Tension Desktop.app`` on macOS)
keeps its library and settings in :data:`DATA_FOLDER` next to it instead of the user's
app-data folder. ``--data-dir`` still wins. No Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: create this (empty) file beside the app to make it portable
MARKER = "portable.txt"
#: where a portable app keeps its library and settings, beside the app
DATA_FOLDER = "tension-desktop-data"


def app_folder() -> Path | None:
    """The folder the coach sees the packaged app in; None when run from source."""
    if not getattr(sys, "frozen", False):
        return None
    exe = Path(sys.executable).resolve()
    for parent in exe.parents:  # macOS: the folder that holds "Tension Desktop.app"
        if parent.suffix == ".app":
            return parent.parent
    return exe.parent


def portable_data_dir(folder: Path | None = None) -> Path | None:
    """The portable data folder when the marker is beside the app (or in ``folder``), else None."""
    folder = folder if folder is not None else app_folder()
    if folder is None or not (folder / MARKER).is_file():
        return None
    return folder / DATA_FOLDER


def data_dir(chosen: Path | None) -> Path | None:
    """The data folder to use: ``--data-dir`` if given, else the portable one, else None (default)."""
    return chosen if chosen is not None else portable_data_dir()
