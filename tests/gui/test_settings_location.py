"""Without --data-dir the settings live in the user's config folder under the app's own name."""

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tension_desktop.gui.qt import app_settings, keep_settings_in, set_identity
set_identity()
keep_settings_in(None)
s = app_settings()
s.setValue("geometry-probe", 1)
s.sync()
"""


def test_user_settings_go_to_a_tension_desktop_folder_not_unknown_organization(tmp_path: Path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, timeout=60)
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["config/tension-desktop/tension-desktop.ini"]
