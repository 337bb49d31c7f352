"""Walk every screen of the app at one screen size and list what does not fit.

``python -m tests.layout_probe 1366x768`` (or ``3840x2160@2`` for 200 % scaling) prints one
finding per line and ``count N`` last. Each size runs in its own process: the offscreen
platform is given a screen of that size (``offscreen:configfile=``), the way a real screen
reports itself, so the app's own sizing (first-start window size, whiteboard type scaling)
runs as it would. :func:`run` starts those processes; the test and the benchmark use it.

Screens walked: home; every tab of the demo workshop (and every inner tab); every dialog class;
the same tabs in whiteboard mode (F11); a session in coach view and on the whiteboard window,
phase by phase. The checks are in :mod:`tension_desktop.gui.layout_probe`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = ("1366x768", "1920x1080", "3840x2160", "3840x2160@2")


def _parse(spec: str) -> tuple[int, int, float]:
    size, _, dpr = spec.partition("@")
    w, h = (int(v) for v in size.split("x"))
    ratio = float(dpr or 1)
    # a scaled screen reports its size in logical pixels (3840x2160 at 200 % is 1920x1080)
    return round(w / ratio), round(h / ratio), ratio


def run(spec: str) -> list[str]:
    """The findings at one screen size (a fresh process)."""
    w, h, ratio = _parse(spec)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "screen.json"
        config.write_text(json.dumps({"screens": [{"name": "probe", "x": 0, "y": 0, "width": w, "height": h,
                                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": ratio}]}))
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        out = subprocess.run([sys.executable, "-m", "tests.layout_probe", spec, tmp], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=600)
    lines = out.stdout.splitlines()
    if out.returncode != 0 or not lines or not lines[-1].startswith("count "):
        raise RuntimeError(f"layout probe at {spec} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return [f"{spec} {line}" for line in lines[:-1]]


# -- inside the probe process ----------------------------------------------------------------------


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def _dialogs(window, doc, lib):
    """Every dialog class of the app, built with the demo's data (like the plain-text walk)."""
    import inspect

    from tests.dialog_arguments import KEYS, dialog_arguments, dialog_classes

    classes = dialog_classes()
    texts = {"name": "Amara Okafor", "question": "Which tension matters most?", "team": "Leadership team",
             "field": "Owner", "value": "Amara Okafor"}
    values = dialog_arguments(doc, window, lib, texts.__getitem__)
    keys = KEYS
    for cls in classes:
        args, kwargs = [], {}
        for p in list(inspect.signature(cls.__init__).parameters.values())[1:]:
            if p.name in keys:
                value = keys[p.name]
            elif p.annotation in values:
                value = values[p.annotation]
            elif p.default is not p.empty:
                value = p.default  # a number or flag the dialog gives itself (e.g. a length limit)
            else:
                value = None
            if p.kind == p.KEYWORD_ONLY:
                kwargs[p.name] = value
            else:
                args.append(value)
        yield cls.__name__, cls(*args, **kwargs)


def _tabs_walk(app, view, probe, label: str) -> None:
    from PySide6.QtWidgets import QTabBar

    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        _settle(app)
        name = view.tabs.tabText(index).replace("&&", "&")
        page = view.tabs.widget(index)
        inner_bars = [b for b in page.findChildren(QTabBar) if b.isVisible()]
        probe(f"{label} tab {name!r}")
        for bar in inner_bars:
            for inner in range(bar.count()):
                bar.setCurrentIndex(inner)
                _settle(app)
                probe(f"{label} tab {name!r} / {bar.tabText(inner)!r}")


def main(spec: str, tmp: str) -> int:
    from PySide6.QtWidgets import QApplication

    from tension_desktop.gui import layout_probe
    from tension_desktop.gui.app import fit_to_screen
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.gui.qt import keep_settings_in, prepare_process, set_identity
    from tension_desktop.gui.theme import apply_theme, screen_factor
    from tension_desktop.store import library_path, open_library
    from tension_desktop.store.demo import create_demo

    prepare_process()
    app = QApplication([sys.argv[0]])
    set_identity()
    keep_settings_in(Path(tmp))
    apply_theme(app, "light")
    lib = open_library(library_path(Path(tmp)))
    demo = create_demo(lib)
    window = MainWindow(lib)
    fit_to_screen(window)
    window.show()
    _settle(app)
    factor = screen_factor()
    found: list[str] = []

    def probe(where: str, widget=None, *, whiteboard: bool = False) -> None:
        found.extend(layout_probe.problems(widget or window, factor=factor, whiteboard=whiteboard,
                                           where=f"[{where}] "))

    probe("home")
    window.open_workshop(demo)
    _settle(app)
    view = window.workshop_view
    _tabs_walk(app, view, probe, "coach")
    for name, dialog in _dialogs(window, view.doc, lib):
        dialog.show()
        _settle(app)
        probe(f"dialog {name}", dialog)
        dialog.close()
        dialog.deleteLater()
    # whiteboard mode on the one screen (F11 before a session)
    window.act_whiteboard.setChecked(True)
    _settle(app)
    _tabs_walk(app, view, lambda where: probe(where, whiteboard=True), "whiteboard")
    window.act_whiteboard.setChecked(False)
    _settle(app)
    # a session: coach view, then the whiteboard window, phase by phase
    agenda = view.exercise_widgets["session"]
    if agenda.start_session():
        controller = agenda.controller
        for i in range(len(controller.phases)):
            _settle(app)
            probe(f"session coach view, phase {i + 1}")
            agenda.set_whiteboard_visible(True)
            _settle(app)
            probe(f"session whiteboard, phase {i + 1}", agenda.whiteboard, whiteboard=True)
            agenda.set_whiteboard_visible(False)
            if i + 1 < len(controller.phases):
                controller.next()
        agenda.end_session()
        _settle(app)
    for line in dict.fromkeys(found):
        print(line)
    print(f"count {len(dict.fromkeys(found))}")
    window.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
