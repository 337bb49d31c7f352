"""Where the library lives, computed without Qt.

Mirrors ``QStandardPaths.AppDataLocation`` for an application named ``tension-desktop``
with no organization name, so the CLI and the window find the same file. A test checks
the two agree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tension_desktop import APP_NAME

LIBRARY_FILENAME = "library.tension-library"


def default_data_dir() -> Path:
    """The per-user application data folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def library_path(data_dir: Path | None = None) -> Path:
    """The library file inside ``data_dir`` (default: :func:`default_data_dir`)."""
    return (data_dir or default_data_dir()) / LIBRARY_FILENAME
