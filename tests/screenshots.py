"""Screenshots of the revealed demo's tension map, for looking at from the back of the room.

``python -m tests.screenshots OUT_DIR`` grabs the map tab (QWidget.grab) at 1366x768 (coach
view, and whiteboard type), 1920x1080 and 3840x2160 (coach view and whiteboard), each size in
its own process with an offscreen screen of that size (like :mod:`tests.layout_probe`), and
prints one line per picture: the file, the map's size on screen and what covers a quadrant name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = (("1366x768", False), ("1366x768", True), ("1920x1080", False), ("1920x1080", True),
         ("3840x2160", False), ("3840x2160", True))


def run(spec: str, whiteboard: bool, out: Path) -> str:
    w, h = (int(v) for v in spec.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        config.write_text(json.dumps({"screens": [{"name": "shot", "x": 0, "y": 0, "width": w, "height": h,
                                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        done = subprocess.run([sys.executable, "-m", "tests.screenshots", "--one", spec, str(int(whiteboard)),
                               str(out), tmp], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stdout[-2000:] + done.stderr[-3000:])
    return done.stdout.strip()


def one(spec: str, whiteboard: bool, out: Path, tmp: str) -> None:
    from PySide6.QtWidgets import QApplication

    from tension_desktop.gui.app import fit_to_screen
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.gui.qt import keep_settings_in, prepare_process, set_identity
    from tension_desktop.gui.theme import apply_theme
    from tension_desktop.store import library_path, open_library
    from tension_desktop.store.demo import create_demo

    prepare_process()
    app = QApplication([sys.argv[0]])
    set_identity()
    keep_settings_in(Path(tmp))
    from tension_desktop.gui.legibility import set_panel_diagonal

    set_panel_diagonal(86)  # the room's 86-inch panel (the offscreen screen reports 96 dpi)
    apply_theme(app, "light")
    lib = open_library(library_path(Path(tmp)))
    demo = create_demo(lib)
    window = MainWindow(lib)
    fit_to_screen(window)
    window.show()
    window.open_workshop(demo)
    view = window.workshop_view
    mapw = view.exercise_widgets["tension_map"]
    view.tabs.setCurrentWidget(mapw)
    if whiteboard:
        window.act_whiteboard.setChecked(True)
    for _ in range(5):
        app.processEvents()
    name = f"map_{spec}_{'whiteboard' if whiteboard else 'coach'}.png"
    window.grab().save(str(out / name))
    from tension_desktop.gui.tension_map.probe import map_report

    print(name, map_report(mapw))
    window.close()
    lib.close()


if __name__ == "__main__":
    if sys.argv[1] == "--one":
        one(sys.argv[2], sys.argv[3] == "1", Path(sys.argv[4]), sys.argv[5])
    else:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        for spec, wb in SHOTS:
            print(run(spec, wb, target))
