"""The revealed map's room in a real window: at 1366x768 the coach's map keeps half of the
window however many initiatives wait in the tray (none behind a page while two columns hold
them), and the step-through buttons take no row of their own from the map."""

from __future__ import annotations

import random

import pytest

from tension_desktop.gui.tension_map.probe import map_report, map_share
from tension_desktop.model import Placement
from tension_desktop.store import people
from tension_desktop.store import tension_map as store
from tests.gui.shell import make_window

EXTRA = ("Data centre exit", "Fraud scoring model", "Carbon reporting", "Returns in store", "Mobile app rewrite",
         "Supplier risk dashboard", "Price guarantee", "Chatbot for claims", "SAP upgrade", "Zero-trust network",
         "Follow-the-sun support desk", "Loyalty programme relaunch")


def _grow_demo(lib, initiatives: int) -> None:
    """The demo workshop with ``initiatives`` initiatives, each placed by everyone (revealed)."""
    wid = lib.demo_id
    rnd = random.Random(initiatives)
    who = people.list_participants(lib, wid)
    for title in EXTRA[:initiatives - len(people.list_initiatives(lib, wid))]:
        iid = people.add_initiative(lib, wid, title).id
        cx, cy = rnd.random(), rnd.random()
        for p in who:
            store.place(lib, wid, Placement(initiative_id=iid, x=min(1, max(0, rnd.gauss(cx, 0.12))),
                                            y=min(1, max(0, rnd.gauss(cy, 0.12))), round="revealed",
                                            participant_id=p.id))
    assert len(people.list_initiatives(lib, wid)) == initiatives


def _map_tab(qtbot, lib, tmp_path, size):
    window = make_window(qtbot, lib, tmp_path / "settings")
    window.resize(*size)
    window.open_workshop(lib.demo_id)
    view = window.workshop_view
    mapw = view.exercise_widgets["tension_map"]
    view.tabs.setCurrentWidget(mapw)
    qtbot.waitUntil(lambda: mapw.view.isVisible() and bool(mapw.map.cards))
    qtbot.wait(50)
    return window, mapw


@pytest.mark.parametrize("initiatives", [8, 12, 16, 20])
def test_at_1366x768_the_map_keeps_half_the_window_and_every_initiative_is_in_the_tray(qtbot, demo_lib, tmp_path,
                                                                                     initiatives):
    _grow_demo(demo_lib, initiatives)
    window, mapw = _map_tab(qtbot, demo_lib, tmp_path, (1366, 768))
    assert (window.width(), window.height()) == (1366, 768)
    view = mapw.view
    # the map's quadrants (measured from the view's transform) cover half of the window
    assert map_share(mapw) >= 0.5, map_report(mapw)
    # two columns hold up to 20 initiatives at 768 px: none hides behind a page
    assert view.tray_panel.pages == 1
    chips = view.tray_chips
    assert len(chips) == initiatives and all(chip.isVisible() for chip in chips)
    vp = view.viewport().rect()
    t = view.viewportTransform()
    boxes = [chip.deviceTransform(t).mapRect(chip.boundingRect()) for chip in chips]
    for box in boxes:  # every chip whole inside the tray, finger-sized, none on another
        assert box.left() >= 0 and box.right() <= view.tray_width() and box.bottom() <= vp.height()
        assert box.height() >= 48 and box.width() >= 120
    assert not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])
    # every title whole in its chip (a compact chip wraps it onto up to three lines)
    for chip in chips:
        assert "…" not in chip.shown_title, chip.shown_title
        assert chip.shown_title.replace("-\n", "-").replace("\n", " ") == chip.title
    # the step-through buttons stand in the toolbar's row: no band over the map, no tray foot
    stepper = mapw.stepper
    assert stepper.isVisible() and mapw.toolbar.geometry().contains(stepper.geometry().center())
    assert (view.top_reserve, view.right_reserve, view.tray_foot) == (0, 0, 0)


def _whiteboard_child(spec: str, tmp: str) -> None:
    """In a process whose offscreen screen is ``spec``: the revealed demo on the whiteboard
    (fullscreen, its type, an 86-inch panel); prints what the parent test checks, as JSON."""
    import json
    import sys
    import time
    from pathlib import Path

    from PySide6.QtCore import QPoint, QRectF
    from PySide6.QtWidgets import QApplication

    from tension_desktop.gui.legibility import set_panel_diagonal
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.gui.qt import keep_settings_in, prepare_process, set_identity
    from tension_desktop.gui.tension_map.probe import covering, map_rect, quadrant_name_rects
    from tension_desktop.gui.theme import apply_theme
    from tension_desktop.store import library_path, open_library
    from tension_desktop.store.demo import create_demo

    prepare_process()
    app = QApplication([sys.argv[0]])
    set_identity()
    keep_settings_in(Path(tmp))
    set_panel_diagonal(86)
    apply_theme(app, "light")
    lib = open_library(library_path(Path(tmp)))
    demo = create_demo(lib)
    window = MainWindow(lib)
    window.show()
    window.open_workshop(demo)
    mapw = window.workshop_view.exercise_widgets["tension_map"]
    window.workshop_view.tabs.setCurrentWidget(mapw)
    window.act_whiteboard.setChecked(True)

    def settle() -> None:
        """Until the window, the map and the buttons keep still for 0.3 s (at most 10 s): a
        fixed 0.4 s sometimes caught the map between two fits on a loaded machine."""
        def state() -> tuple:
            return (window.width(), window.height(), map_rect(mapw).height(), mapw.stepper.geometry().getRect(),
                    mapw.view.viewport().height())
        deadline, still, last = time.monotonic() + 10, 0, None
        while time.monotonic() < deadline and still < 3:
            end = time.monotonic() + 0.1
            while time.monotonic() < end:
                app.processEvents()
            now = state()
            still, last = (still + 1 if now == last else 0), now

    settle()
    view, stepper = mapw.view, mapw.stepper
    vp = view.viewport()
    at = QRectF(QPoint(vp.mapFrom(mapw, stepper.geometry().topLeft())), stepper.size().toSizeF())
    t = view.viewportTransform()
    labels = [label.deviceTransform(t).mapRect(label.box()) for label in mapw.map.labels.values()
              if label.isVisible()]
    out = {"window": [window.width(), window.height()], "visible": stepper.isVisible(),
           "buttons": [[b.width(), b.height()] for b in (stepper.person_btn, stepper.next_btn)],
           "fit_button_h": mapw.fit_btn.height(),
           "over_names": sum(at.intersects(r) for r in quadrant_name_rects(mapw)),
           "over_labels": sum(at.intersects(r) for r in labels), "over_map": at.intersects(map_rect(mapw)),
           "inside_view": QRectF(vp.rect()).contains(at), "covers": covering(mapw),
           "tray_pages": view.tray_panel.pages, "map_h": map_rect(mapw).height(), "view_h": vp.height()}
    stepper.hide()  # the same map without the buttons: the height they took from it, if any
    stepper._place()
    view.fit_all()
    settle()
    out["map_h_without"] = map_rect(mapw).height()
    print(json.dumps(out))
    window.close()
    lib.close()


@pytest.mark.parametrize("spec", ["1920x1080", "3840x2160"])
def test_on_the_whiteboard_the_step_through_buttons_take_no_height_from_the_map(spec, tmp_path):
    """The whiteboard's toolbar row has no room for them: they stand at the foot of the tray,
    finger-sized, over no label and no quadrant name, and the map is as tall as without them."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    w, h = (int(v) for v in spec.split("x"))
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "room", "x": 0, "y": 0, "width": w, "height": h,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]))
    code = f"from tests.gui.test_tension_map_layout import _whiteboard_child; _whiteboard_child({spec!r}, {str(tmp_path)!r})"
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["window"] == [w, h] and got["visible"]
    # no band over the map for the buttons (a band took 100 px at 1080p, 184 at 4K; the axis
    # names' size follows the zoom, so a refit may move the map by a pixel or two)
    assert got["map_h"] >= 0.99 * got["map_h_without"], got
    assert got["over_names"] == 0 and got["over_labels"] == 0 and not got["over_map"], got
    assert got["inside_view"] and got["covers"] == [], got
    for bw, bh in got["buttons"]:  # as big as the whiteboard's other buttons: finger-sized
        assert bh >= got["fit_button_h"] and bw >= bh
    assert got["tray_pages"] == 1  # the demo's eight initiatives still all in the tray
