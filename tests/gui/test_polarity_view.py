"""The polarity map by finger and mouse: taps on the drawn 2x2 add, edit and send an early
warning to the covenant; every step is one undo; assertions on the SQLite file."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tension_desktop.store import covenant, polarity
from tests.gui.shell import make_window
from tests.input import touch_tap


def _open(qtbot, demo_lib, tmp_path, size=(1366, 768)):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(*size)
    window.open_workshop(demo_lib.demo_id)
    window.workshop_view.open_exercise("polarity")
    w = window.workshop_view.exercise_widgets["polarity"]
    qtbot.waitExposed(w)
    w.chart.grab()
    return window, w


def _empty_spot(w, pole: str, kind: str) -> QPoint:
    r = w.chart.cell_rect(pole, kind)
    return QPoint(int(r.center().x()), int(r.top() + 12))  # the cell's title row: no entry there


def _ok(qtbot, dlg) -> None:
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_finger_on_a_quadrant_adds_an_upside_and_undo_takes_it_back(qtbot, demo_lib, tmp_path):
    _window, w = _open(qtbot, demo_lib, tmp_path)
    lib, wid = demo_lib, demo_lib.demo_id
    before = len(polarity.list_items(lib, wid))
    polarity_b = [i for i in polarity.list_items(lib, wid) if (i.pole, i.kind) == ("b", "downside")]
    touch_tap(w.chart, _empty_spot(w, "b", "downside"))
    dlg = w.dialog
    assert dlg is not None and (dlg.pole, dlg.kind) == ("b", "downside")
    qtbot.keyClicks(dlg.text, "Nobody proposes anything new in the Monday meeting")
    _ok(qtbot, dlg)
    cell = [i for i in polarity.list_items(lib, wid) if (i.pole, i.kind) == ("b", "downside")]
    assert len(cell) == len(polarity_b) + 1 and cell[-1].text == "Nobody proposes anything new in the Monday meeting"
    w.doc.undo_stack.undo()
    assert len(polarity.list_items(lib, wid)) == before
    w.doc.undo_stack.redo()
    assert polarity.get_item(lib, cell[-1].id).text.startswith("Nobody proposes")  # the same row, back


def test_a_click_on_an_entry_edits_its_owner_and_the_covenant_chip_makes_a_threshold_draft(qtbot, demo_lib,
                                                                                          tmp_path):
    lib, wid = demo_lib, demo_lib.demo_id
    orphan = next(i for i in polarity.list_items(lib, wid) if i.kind == "warning" and i.owner_id is None)
    polarity.move_item(lib, orphan.id, 0)  # first in its cell: on screen even at 768 lines
    _window, w = _open(qtbot, demo_lib, tmp_path)
    line = w.chart.line_for(orphan.id)
    assert line is not None and line.chip is not None
    qtbot.mouseClick(w.chart, Qt.MouseButton.LeftButton, pos=line.rect.center().toPoint() - QPoint(40, 0))
    dlg = w.dialog
    priya = next(p for p in w.doc.participants() if p.name == "Priya Raman")
    dlg.owner.setCurrentIndex(dlg.owner.findData(priya.id))
    _ok(qtbot, dlg)
    assert polarity.get_item(lib, orphan.id).owner_id == priya.id
    thresholds = len(covenant.list_thresholds(lib, wid))
    w.chart.grab()
    qtbot.mouseClick(w.chart, Qt.MouseButton.LeftButton, pos=w.chart.line_for(orphan.id).chip.center().toPoint())
    made = covenant.list_thresholds(lib, wid)
    assert len(made) == thresholds + 1
    assert (made[-1].metric, made[-1].owner_ids) == (orphan.text, (priya.id,)) and made[-1].draft_for
    assert orphan.id in w.in_covenant()
    w.chart.grab()  # a second tap on a warning already in the covenant adds nothing
    qtbot.mouseClick(w.chart, Qt.MouseButton.LeftButton, pos=w.chart.line_for(orphan.id).chip.center().toPoint())
    assert len(covenant.list_thresholds(lib, wid)) == thresholds + 1
    w.doc.undo_stack.undo()
    assert len(covenant.list_thresholds(lib, wid)) == thresholds


def test_the_poles_are_renamed_and_the_map_warns_about_the_teams_anti_patterns(qtbot, demo_lib, tmp_path):
    _window, w = _open(qtbot, demo_lib, tmp_path)
    assert w.warnings.isVisible() and "Two full-time jobs" in w.warnings.text() and "even split" in w.warnings.text()
    qtbot.mouseClick(w.poles_btn, Qt.MouseButton.LeftButton)
    dlg = w.dialog
    dlg.edits["a"].clear()
    qtbot.keyClicks(dlg.edits["a"], "Speed")
    _ok(qtbot, dlg)
    assert polarity.poles(demo_lib, demo_lib.demo_id)["a"] == "Speed"
    assert w.title.text() == "Polarity map: Speed and Execution"
    w.doc.undo_stack.undo()
    assert polarity.poles(demo_lib, demo_lib.demo_id)["a"] == "Innovation"


def test_the_screen_redraws_for_what_it_shows_only(qtbot, demo_lib, tmp_path):
    """The change notice decides: renaming the workshop or placing an allocation request does
    not redraw the map; renaming its poles does (and the new names are on screen)."""
    from tension_desktop.gui.allocation import edits as allocation_edits
    from tension_desktop.gui.polarity import edits

    _window, w = _open(qtbot, demo_lib, tmp_path)
    drawn = []
    redraw = w.refresh
    w.refresh = lambda: (drawn.append(1), redraw())
    assert w.doc.rename_workshop("Quarterly offsite") and drawn == []
    assert allocation_edits.add_request(w.doc, "Customer portal", "innovate", 2) and drawn == []
    assert edits.rename_poles(w.doc, {"a": "Speed", "b": "Safety"}) and drawn
    assert polarity.poles(demo_lib, demo_lib.demo_id) == {"a": "Speed", "b": "Safety"}
    assert w.title.text() == "Polarity map: Speed and Safety"
