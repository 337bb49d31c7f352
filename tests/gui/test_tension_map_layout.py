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
