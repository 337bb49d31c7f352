"""Start-up: the real app (``tension-desktop --data-dir DIR``, as a coach starts it) reopens
the last workshop on the tab it would always open, and by its first painted frame has
imported nothing it does not show: no PDF or text-shaping library, no room-link server or QR
code, no exercise screen but the one on screen, no export command.

Each case is a fresh process (offscreen): what a process has imported is only known there.
The child looks at ``sys.modules`` when the main window gets its first paint event (the
workshop is painted in that same pass).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tension_desktop import registry
from tension_desktop.gui.qt import SETTINGS_FILE
from tension_desktop.model.turns import TurnRound
from tension_desktop.store import library_path, open_library, people, rounds, workshops

ROOT = Path(__file__).resolve().parents[2]

#: third-party libraries that only some features use (PDFs, text shaping, the room link)
HEAVY = ("reportlab", "uharfbuzz", "aiohttp", "segno", "sqlite_utils", "PIL")
#: our own modules that only some features use (exports, the room link's server and page)
LATER = ("tension_desktop.export", "tension_desktop.room", "tension_desktop.gui.room")
#: the File menu's covenant handout actions live here (a light module: no screen, no export)
MENU = {"tension_desktop.gui.covenant", "tension_desktop.gui.covenant.menu"}

CHILD = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget
    from shiboken6.Shiboken import getAllValidWrappers
    from tension_desktop.cli import main
    from tension_desktop.gui.qt import prepare_process

    prepare_process()
    app = QApplication(sys.argv[:1])
    seen = {}

    class FirstPaint(QObject):
        def eventFilter(self, window, event):
            if event.type() == QEvent.Type.Paint and not seen:
                view = window.workshop_view
                seen["modules"] = sorted(sys.modules)
                seen["workshop"] = window.doc.workshop_id if window.doc is not None else None
                seen["title"] = window.windowTitle()
                seen["tab"] = view.tabs.tabText(view.tabs.currentIndex()) if view is not None else None
                seen["tabs"] = view.tabs.count() if view is not None else 0
                seen["built"] = sorted(view.exercise_widgets.built()) if view is not None else []
                QTimer.singleShot(0, app.quit)
            return False

    watch = FirstPaint()

    def find_window():  # only the objects Python holds (asking Qt would wrap its private widgets)
        for w in getAllValidWrappers():
            if isinstance(w, QWidget) and w.objectName() == "mainWindow":
                w.installEventFilter(watch)
                return
        QTimer.singleShot(0, find_window)

    QTimer.singleShot(0, find_window)
    code = main(["--data-dir", sys.argv[1]])
    print("SEEN " + json.dumps(seen))
    sys.exit(code)
""")


def start_app(data: Path) -> dict:
    """Start the app on the library in ``data``; what it had imported and showed at its first paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(data)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("SEEN "))
    return json.loads(line[5:])


def library_with_last_workshop(data: Path, exercise_round: str | None = None) -> tuple[int, str]:
    """A library of two workshops; the second is the one the settings say was open last.
    With ``exercise_round``, that exercise's private round was running when the app closed."""
    data.mkdir(parents=True)
    with open_library(library_path(data)) as lib:
        workshops.create_workshop(lib, "Harbour Group", "Kick-off", "2026-10-01")
        ws = workshops.create_workshop(lib, "Atlas Logistics", "Portfolio review", "2026-11-30")
        ids = [people.add_participant(lib, ws.id, f"Executive {i}", "Role").id for i in range(3)]
        for i in range(5):
            people.add_initiative(lib, ws.id, f"Initiative {i}", "A programme.")
        if exercise_round is not None:
            rounds.start_round(lib, ws.id, exercise_round, None, ids)
            workshops.set_setting(lib, ws.id, f"turns:{exercise_round}",
                                  TurnRound.start(exercise_round, ids).to_dict())
    settings = QSettings(str(data.resolve() / SETTINGS_FILE), QSettings.Format.IniFormat)
    settings.setValue("lastWorkshop", ws.id)
    settings.sync()
    return ws.id, ws.title


def unexpected(modules: list[str], shown_tab_module: str | None) -> list[str]:
    """The modules loaded at the first paint that only something not on screen needs."""
    exercise_modules = {e.module for e in registry.EXERCISES} - {shown_tab_module}
    export_modules = {e.module for e in registry.EXPORTS}

    def needless(name: str) -> bool:
        if name.split(".")[0] in HEAVY or name.startswith(LATER):
            return True
        if name in MENU:
            return False
        return any(name == m or name.startswith(m + ".") for m in exercise_modules | export_modules)
    return sorted(m for m in modules if needless(m))


def test_the_last_workshop_opens_on_its_first_tab_with_nothing_else_imported(tmp_path):
    wid, title = library_with_last_workshop(tmp_path / "data")
    seen = start_app(tmp_path / "data")
    assert seen["workshop"] == wid
    assert title in seen["title"]
    assert seen["tab"] == "People && initiatives"  # the roster, as always
    assert seen["tabs"] == 1 + len(registry.EXERCISES)  # every tab is there, known by name
    assert seen["built"] == []  # no exercise screen was built for the frame
    assert unexpected(seen["modules"], None) == []


@pytest.mark.parametrize("exercise", ["board", "tension_map"])
def test_a_private_round_left_running_reopens_on_its_tab_importing_only_that_screen(tmp_path, exercise):
    from tension_desktop.gui.workshop_view import WorkshopView

    wid, _title = library_with_last_workshop(tmp_path / "data", exercise_round=exercise)
    seen = start_app(tmp_path / "data")
    tab = WorkshopView.ROUND_TABS[exercise]
    entry = next(e for e in registry.EXERCISES if e.key == tab)
    assert seen["workshop"] == wid
    assert seen["tab"] == entry.title
    assert seen["built"] == [tab]
    assert unexpected(seen["modules"], entry.module) == []
