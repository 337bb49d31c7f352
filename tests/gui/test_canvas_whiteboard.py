"""Whiteboard legibility: canvases draw their content larger in whiteboard type, and still work."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.canvas import WHITEBOARD_TYPE, TouchCanvasView, whiteboard_scale_for
from tension_desktop.gui.stage_gates import StageGatesView
from tension_desktop.gui.tension_map.items import MAP_RECT
from tension_desktop.gui.theme import apply_theme
from tension_desktop.store import board
from tension_desktop.store import tension_map as store
from tests.gui import test_tension_map as tm
from tests.gui.test_tension_map import _show, at, chip_point, placements
from tests.input import mouse_drag

TOL = 0.02


fresh_map = pytest.fixture(tm.fresh.__wrapped__, name="fresh_map")


@pytest.fixture
def whiteboard_theme(qtbot):
    """The app in whiteboard type (View > Whiteboard mode) for one test, light again after."""
    app = QApplication.instance()
    apply_theme(app, "whiteboard")
    yield
    apply_theme(app, "light")


def _settle(qtbot, view, expected: float) -> None:
    qtbot.waitUntil(lambda: abs(view.whiteboard_scale - expected) < 0.01, timeout=2000)


def test_the_scale_follows_the_theme_and_the_whiteboard_windows_screen_factor(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    canvas = TouchCanvasView()
    QVBoxLayout(window).addWidget(canvas)
    assert whiteboard_scale_for(canvas) == 1.0  # light theme, an ordinary window
    window.setObjectName("whiteboardWindow")
    window.factor = 2.0  # the session's whiteboard on a 4K panel the system does not scale
    assert whiteboard_scale_for(canvas) == pytest.approx(WHITEBOARD_TYPE * 2.0)
    window.factor = 0.71  # a 768-line panel: the canvas does not get smaller than whiteboard type
    assert whiteboard_scale_for(canvas) == pytest.approx(WHITEBOARD_TYPE)
    window.show()
    qtbot.waitExposed(window)
    assert canvas.whiteboard_scale == pytest.approx(WHITEBOARD_TYPE)
    zoom = canvas.zoom
    window.setObjectName("")
    canvas.update_whiteboard_scale()
    assert canvas.whiteboard_scale == 1.0 and canvas.zoom == pytest.approx(zoom / WHITEBOARD_TYPE)


def test_the_map_in_whiteboard_type_draws_larger_cards_and_tray_and_still_places(qtbot, fresh_map, whiteboard_theme):
    fresh = fresh_map
    w = _show(qtbot, fresh)
    w.panel_strip.set_folded(False)  # the panel open: the map stays small enough for the smallest cards
    _settle(qtbot, w.view, WHITEBOARD_TYPE)
    chip = w.view.tray_chips[0]
    # a narrow map keeps its room: the tray grows only on wide views
    assert chip.scale() == pytest.approx(w.view.tray_scale()) and w.view.tray_scale() < WHITEBOARD_TYPE
    w.resize(2400, 780)  # wide: the tray is drawn in whiteboard type too
    qtbot.waitUntil(lambda: chip.scale() == pytest.approx(WHITEBOARD_TYPE))
    assert w.view.tray_width() == pytest.approx(w.view.tray_panel.size.width() * WHITEBOARD_TYPE)
    w.resize(800, 780)
    qtbot.waitUntil(lambda: chip.scale() < WHITEBOARD_TYPE)
    bo = fresh.participants()[1]
    w.chip.set_participant(bo.id)
    mouse_drag(qtbot, w.view.viewport(), chip_point(w, chip.initiative_id), at(w, 0.7, 0.3))
    [p] = placements(fresh)
    assert (p.x, p.y) == (pytest.approx(0.7, abs=TOL), pytest.approx(0.3, abs=TOL))
    card = w.map.cards[(chip.initiative_id, bo.id, "revealed")]
    large = card.scale()
    apply_theme(QApplication.instance(), "light")
    _settle(qtbot, w.view, 1.0)
    assert card.scale() == pytest.approx(large / WHITEBOARD_TYPE, abs=0.05)
    assert chip.scale() == 1.0
    assert store.list_placements(fresh.lib, fresh.workshop_id) == [p]  # type size never writes


def test_the_board_zooms_in_whiteboard_type_and_its_columns_still_fill_the_width(qtbot, doc, whiteboard_theme):
    doc.call(board.add_elements, doc.workshop_id, ["EU data residency", "Launch in Q2"], None)
    bw = BoardWidget(doc)
    qtbot.addWidget(bw)
    bw.set_scope(None)
    bw.resize(790, 580)
    bw.show()
    qtbot.waitExposed(bw)
    bw.refresh()
    canvas = bw.canvas
    _settle(qtbot, canvas, WHITEBOARD_TYPE)
    assert canvas.zoom == pytest.approx(WHITEBOARD_TYPE)
    right = max(c.rect.right() for c in canvas.columns.values())
    assert canvas.mapFromScene(right, 10).x() == pytest.approx(canvas.viewport().width(), abs=30)


def test_gate_lanes_grow_in_whiteboard_type_and_shrink_back(qtbot, doc):
    v = StageGatesView(doc)
    qtbot.addWidget(v)
    v.resize(1500, 900)
    v.show()
    qtbot.waitExposed(v)
    light = v.view.zoom
    apply_theme(QApplication.instance(), "whiteboard")
    try:
        _settle(qtbot, v.view, WHITEBOARD_TYPE)
        # at least 0.7 x whiteboard type even where that no longer fits the width
        assert v.view.zoom == pytest.approx(max(0.7 * WHITEBOARD_TYPE, (v.view.viewport().width() - 4) / v.view.scene_width), abs=0.01)
        assert v.view.zoom > light
    finally:
        apply_theme(QApplication.instance(), "light")
    _settle(qtbot, v.view, 1.0)
    qtbot.wait(50)
    fit = max(0.55, min(1.6, (v.view.viewport().width() - 4) / v.view.scene_width))
    assert v.view.zoom == pytest.approx(fit, abs=0.01)




def test_in_the_session_whiteboard_on_a_4k_panel_the_map_panel_grows_with_the_screen(qtbot, doc):
    from tension_desktop.gui.tension_map import TensionMapWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.setObjectName("whiteboardWindow")
    window.factor = 2.0
    w = TensionMapWidget(doc)
    QVBoxLayout(window).addWidget(w)
    window.resize(790, 700)
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot, w.view, WHITEBOARD_TYPE * 2.0)
    assert w.panel.type_scale == pytest.approx(2.0)
    assert w.panel.minimumWidth() == 520
    assert "26pt" in w.panel.disputed.styleSheet()
    assert all(w.panel.disputed.item(n).sizeHint().height() == 128 for n in range(w.panel.disputed.count()))
    # the map is refitted beside the wider panel: its right edge stays in view
    qtbot.waitUntil(lambda: w.view.mapFromScene(MAP_RECT.topRight()).x() <= w.view.viewport().width())
    chip = w.panel.legend_layout.itemAt(0).widget()
    assert "24pt" in chip.styleSheet()
    w.rebuild()  # a redrawn legend keeps the large type
    assert "24pt" in w.panel.legend_layout.itemAt(0).widget().styleSheet()
