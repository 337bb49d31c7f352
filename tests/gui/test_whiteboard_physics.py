"""Sizes from physics on every whiteboard canvas: on the panel in use the board's card text
and the pre-mortem / stage-gate lanes' card text have capitals at least 20 mm tall and their
secondary text 12 mm, whatever the panel's size and resolution."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from tension_desktop.gui import legibility
from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.canvas import WHITEBOARD_TYPE
from tension_desktop.gui.stage_gates import StageGatesView
from tension_desktop.gui.theme import apply_theme
from tension_desktop.model.legibility import px_per_mm
from tension_desktop.store import board


@pytest.fixture
def whiteboard_theme(qtbot):
    app = QApplication.instance()
    apply_theme(app, "whiteboard")
    yield
    apply_theme(app, "light")


def _on_panel(monkeypatch, width: int, height: int, diagonal: float) -> float:
    pitch = px_per_mm(width, height, diagonal_in=diagonal)
    monkeypatch.setattr(legibility, "panel_pitch", lambda _w: (pitch, float(width), float(height)))
    return pitch


def _cap_mm(font: QFont, px: float, pitch: float) -> float:
    f = QFont(font)
    f.setPixelSize(max(1, round(px)))
    return QFontMetricsF(f).capHeight() / pitch


@pytest.mark.parametrize(("width", "height", "diagonal"), [(3840, 2160, 55), (1920, 1080, 65), (3840, 2160, 86)])
def test_board_card_text_keeps_its_physical_size(qtbot, doc, whiteboard_theme, monkeypatch, width, height, diagonal):
    pitch = _on_panel(monkeypatch, width, height, diagonal)
    doc.call(board.add_elements, doc.workshop_id, ["EU data residency"], None)
    bw = BoardWidget(doc)
    qtbot.addWidget(bw)
    bw.resize(790, 580)
    bw.show()
    qtbot.waitExposed(bw)
    canvas = bw.canvas
    canvas.update_whiteboard_scale()
    k = canvas.whiteboard_scale
    assert k >= WHITEBOARD_TYPE
    name_px, secondary_px = canvas.smallest_text_px()
    assert _cap_mm(canvas.card_font, name_px * k, pitch) >= 19.5
    assert _cap_mm(canvas.card_font, secondary_px * k, pitch) >= 11.7


def test_gate_lane_card_text_keeps_its_physical_size(qtbot, doc, whiteboard_theme, monkeypatch):
    pitch = _on_panel(monkeypatch, 3840, 2160, 55)
    v = StageGatesView(doc)
    qtbot.addWidget(v)
    v.resize(1500, 900)
    v.show()
    qtbot.waitExposed(v)
    v.view.update_whiteboard_scale()
    k = v.view.whiteboard_scale
    name_px, secondary_px = v.view.smallest_text_px()
    assert _cap_mm(v.view.font(), name_px * k, pitch) >= 19.5
    assert _cap_mm(v.view.font(), secondary_px * k, pitch) >= 11.7


def test_a_laptop_in_whiteboard_type_keeps_the_type_scale(qtbot, doc, whiteboard_theme, monkeypatch):
    _on_panel(monkeypatch, 1366, 768, 14)
    bw = BoardWidget(doc)
    qtbot.addWidget(bw)
    bw.show()
    qtbot.waitExposed(bw)
    bw.canvas.update_whiteboard_scale()
    assert bw.canvas.whiteboard_scale == pytest.approx(WHITEBOARD_TYPE)


@pytest.mark.parametrize(("width", "height", "diagonal"), [(3840, 2160, 55), (1920, 1080, 65), (3840, 2160, 86)])
def test_polarity_map_and_allocation_bars_keep_their_physical_size(qtbot, whiteboard_theme, monkeypatch,
                                                                  width, height, diagonal):
    from tension_desktop.gui.allocation.bars import StackedBars
    from tension_desktop.gui.polarity.chart import PolarityChart

    pitch = _on_panel(monkeypatch, width, height, diagonal)
    chart, bars = PolarityChart(), StackedBars()
    for w in (chart, bars):
        qtbot.addWidget(w)
        w.show()
    pole_font, entry_font = chart.fonts()
    assert _cap_mm(pole_font, pole_font.pixelSize(), pitch) >= 19.5  # the poles read as names
    assert _cap_mm(entry_font, entry_font.pixelSize(), pitch) >= 11.7  # the entries as secondary text
    bar_font = bars._font()
    assert _cap_mm(bar_font, bar_font.pixelSize(), pitch) >= 11.7
@pytest.mark.parametrize(("width", "height", "diagonal"), [(3840, 2160, 55), (1920, 1080, 65)])
def test_the_diagnosis_and_the_plan_keep_their_physical_size(qtbot, doc, whiteboard_theme, monkeypatch, width,
                                                             height, diagonal):
    from PySide6.QtWidgets import QLabel, QLineEdit

    from tension_desktop.gui.readiness import ReadinessView
    from tension_desktop.gui.structure import StructureView

    pitch = _on_panel(monkeypatch, width, height, diagonal)
    sv = StructureView(doc)
    rv = ReadinessView(doc)
    for view in (sv, rv):
        qtbot.addWidget(view)
        view.resize(1200, 900)
        view.show()
        qtbot.waitExposed(view)
    sv.show_step(1)
    sv.refresh()
    rv.refresh()
    checked = 0
    for view in (sv, rv):
        for w in view.findChildren(QLabel) + view.findChildren(QLineEdit):
            cap = 19.5 if w.property("blockerText") else 11.7 if w.property("secondary") else 0
            if cap and w.isVisibleTo(view):
                assert QFontMetricsF(w.font()).capHeight() / pitch >= cap, (w.objectName(), w.text()[:30])
                checked += 1
    assert checked >= 10  # blockers, their splits and whys, the plan's lines
