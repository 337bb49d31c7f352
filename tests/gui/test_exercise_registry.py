"""Exercise tabs are known by name; their modules load when a tab is first shown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tension_desktop.gui import exercises

ROOT = Path(__file__).resolve().parents[2]


def test_the_declared_tabs_are_the_ones_the_feature_modules_register():
    registered = {e.key: (e.title, e.order) for e in exercises.load_features()}
    declared = {e.key: (e.title, e.order) for e in exercises.DECLARED}
    assert registered == declared
    assert [e.key for e in exercises.available()] == [e.key for e in sorted(exercises.DECLARED, key=lambda e: e.order)]
    for e in exercises.DECLARED:
        assert exercises.factory_for(e.key) is exercises.EXERCISES[e.key].factory


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.gui.exercises import FEATURE_MODULES
    from tension_desktop.store import library_path, open_library
    from tension_desktop.store.demo import create_demo
    lib = open_library(library_path(Path(sys.argv[1])))
    wid = create_demo(lib)
    win = MainWindow(lib)
    win.open_workshop(wid)
    win.show()
    app.processEvents()
    view = win.workshop_view
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    # the File menu's covenant handout actions live in gui.covenant.menu (light: no screen, no export)
    menu = {"tension_desktop.gui.covenant", "tension_desktop.gui.covenant.menu"}
    loaded = sorted(m for m in sys.modules if m.startswith(FEATURE_MODULES) and m not in menu)
    print("tabs:", titles)
    print("loaded at open:", loaded)
    view.tabs.setCurrentIndex(titles.index("Tension map"))
    app.processEvents()
    print("built:", sorted(view.exercise_widgets.built()))
    print("loaded after:", sorted(m for m in FEATURE_MODULES if m in sys.modules and m not in menu))
    lib.close()
""")


def test_opening_a_workshop_shows_every_tab_but_loads_no_exercise_module(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)
    titles = eval(lines["tabs"])  # noqa: S307 (our own child's repr of a list of str)
    assert titles[1:] == [e.title for e in exercises.available()]  # roster first, then every exercise
    assert eval(lines["loaded at open"]) == []  # noqa: S307
    assert eval(lines["built"]) == ["tension_map"]  # noqa: S307
    assert eval(lines["loaded after"]) == ["tension_desktop.gui.tension_map"]  # noqa: S307
