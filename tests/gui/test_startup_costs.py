"""Start-up work done once, early or not at all (each case in a fresh process, offscreen):

- PySide reads the whole source of each module an ``import`` statement names after it was
  loaded (its ``__feature__`` check); the app tells it up front that its own modules need no
  such check (:func:`tension_desktop.gui.qt.spare_pyside_source_reads`).
- fontconfig's start (the larger part of Qt's first text measurement on Linux) runs on another
  core while the app imports (:func:`tension_desktop.gui.qt.load_fonts_config_early`), in the
  very library instance Qt uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _child(code: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pyside_reads_the_source_of_none_of_the_windows_modules():
    seen = _child("""
        import inspect, json, sys
        read = []
        original = inspect.getsource
        def getsource(obj):
            read.append(getattr(obj, "__name__", "?"))
            return original(obj)
        inspect.getsource = getsource
        from tension_desktop.cli import main                  # the app's own order: no Qt yet
        import tension_desktop.gui.app                        # PySide6, then the store
        import tension_desktop.gui.main_window                # the window's modules
        loaded = sorted(m for m in sys.modules if m.startswith("tension_desktop.gui."))
        print(json.dumps({"read": read, "loaded": loaded}))
    """)
    ours = [name for name in seen["read"] if name.startswith("tension_desktop.")]
    assert "tension_desktop.gui.main_window" in seen["loaded"] and len(seen["loaded"]) > 10
    assert ours == [], f"PySide read the source of {ours}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt uses fontconfig on Linux only")
def test_fontconfig_is_started_early_in_the_library_qt_uses():
    seen = _child("""
        import json
        from tension_desktop.gui import qt
        thread = qt._fonts_config
        if thread is not None:
            thread.join(30)
        from PySide6.QtGui import QFontMetrics
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        QFontMetrics(app.font()).height()                     # Qt loads its font database
        maps = {line.split()[-1] for line in open("/proc/self/maps") if "libfontconfig" in line}
        print(json.dumps({"thread": thread is not None and thread.name, "alive": thread is not None
                          and thread.is_alive(), "libraries": sorted(maps)}))
    """)
    if not seen["libraries"]:
        pytest.skip("this Qt does not use fontconfig")
    assert seen["thread"] == "fontconfig", "fontconfig is started on another core while the app imports"
    assert seen["alive"] is False
    assert len(seen["libraries"]) == 1, f"two fontconfig instances: {seen['libraries']}"
