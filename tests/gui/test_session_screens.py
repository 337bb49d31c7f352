"""Which screen is the whiteboard: the rule, and Qt's real screen APIs with two screens.

The two-screen run uses Qt's offscreen platform with a configuration of two virtual
screens (a laptop and a 4K panel), in a child process because the platform is chosen
once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tension_desktop.gui.session.screens import ScreenInfo, pick_whiteboard

LAPTOP = ScreenInfo("LAPTOP", 0, 0, 1920, 1080)
PANEL = ScreenInfo("PANEL", 1920, 0, 3840, 2160)
PROJECTOR = ScreenInfo("PROJECTOR", 5760, 0, 1280, 800)


def test_one_screen_means_no_separate_whiteboard():
    assert pick_whiteboard([LAPTOP], "LAPTOP") is None
    assert pick_whiteboard([LAPTOP], "LAPTOP", preferred="LAPTOP") is None


def test_the_largest_other_screen_is_the_whiteboard_by_default():
    assert pick_whiteboard([LAPTOP, PANEL, PROJECTOR], "LAPTOP") == "PANEL"
    assert pick_whiteboard([PANEL, LAPTOP], "PANEL") == "LAPTOP"


def test_the_coachs_choice_wins_while_that_screen_is_connected():
    assert pick_whiteboard([LAPTOP, PANEL, PROJECTOR], "LAPTOP", preferred="PROJECTOR") == "PROJECTOR"
    assert pick_whiteboard([LAPTOP, PANEL], "LAPTOP", preferred="PROJECTOR") == "PANEL"
    # the laptop itself is never the whiteboard while another screen exists
    assert pick_whiteboard([LAPTOP, PANEL], "LAPTOP", preferred="LAPTOP") == "PANEL"


CHILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from tests.gui.shell import isolate_settings
    isolate_settings(Path(sys.argv[1]) / "settings")
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.store import library_path, open_library
    from tension_desktop.store.demo import create_demo
    from tension_desktop.gui.session import screens
    lib = open_library(library_path(Path(sys.argv[1]) / "data"))
    wid = create_demo(lib)
    laptop = app.screens()[0]
    win = MainWindow(lib)
    win.setScreen(laptop)
    win.setGeometry(laptop.availableGeometry())
    win.show()
    win.open_workshop(wid)
    agenda = win.workshop_view.exercise_widgets["session"]
    agenda.start_session()
    board = agenda.whiteboard
    for _ in range(50):
        app.processEvents()
        if board.isFullScreen():
            break
        time.sleep(0.02)
    out = {
        "screens": [s.name() for s in app.screens()],
        "window_screen": win.screen().name(),
        "board_visible": board.isVisible(),
        "board_fullscreen": board.isFullScreen(),
        "board_screen": board.screen().name(),
        "board_geometry": list(board.geometry().getRect()),
        "exercise_on_board": board.stage.widget is win.workshop_view.exercise_widgets["opening"],
        "presenter_stage_visible": agenda.presenter.stage.isVisible(),
        "chooser": [agenda.presenter.screen_pick.itemData(i) for i in range(agenda.presenter.screen_pick.count())],
    }
    agenda.choose_screen("PROJECTOR")
    app.processEvents()
    out["chosen_screen"] = board.screen().name()
    out["remembered"] = screens.preferred_name()
    agenda.end_session()
    out["board_after_end"] = board.isVisible()
    from tension_desktop.gui.session.whiteboard import scale_factor
    out["factors"] = [scale_factor(s) for s in app.screens()]
    print(json.dumps(out))
    lib.close()
""")


def test_with_two_screens_the_whiteboard_goes_fullscreen_on_the_panel(tmp_path: Path):
    config = {"screens": [
        {"name": "LAPTOP", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1},
        {"name": "PANEL", "x": 1920, "y": 0, "width": 3840, "height": 2160, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1},
        {"name": "PROJECTOR", "x": 5760, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1},
    ]}
    (tmp_path / "screens.json").write_text(json.dumps(config))
    (tmp_path / "data").mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={tmp_path / 'screens.json'}")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["screens"] == ["LAPTOP", "PANEL", "PROJECTOR"]
    assert out["window_screen"] == "LAPTOP"
    assert out["board_visible"] and out["board_fullscreen"]
    assert out["board_screen"] == "PANEL"
    assert out["board_geometry"] == [1920, 0, 3840, 2160]
    assert out["exercise_on_board"] and not out["presenter_stage_visible"]
    assert out["chooser"] == ["PANEL", "PROJECTOR"]
    assert out["chosen_screen"] == "PROJECTOR" and out["remembered"] == "PROJECTOR"
    assert out["board_after_end"] is False
    assert out["factors"] == [1.0, 2.0, 800 / 1080]  # the 4K panel at DPR 1 draws twice as large


def test_the_whiteboard_scales_its_type_to_the_panel():
    from tension_desktop.gui.session.whiteboard import scaled

    assert scaled("QLabel { font-size: 40pt; min-height: 96px; }", 2.0) == "QLabel { font-size: 80pt; min-height: 192px; }"
    assert scaled("QLabel { font-size: 40pt; }", 1.0) == "QLabel { font-size: 40pt; }"
    assert scaled("QPushButton { min-height: 96px; }", 0.7) == "QPushButton { min-height: 67.2px; }"
