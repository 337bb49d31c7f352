"""Edits moved out of the covenant, stage-gate and session screens into their exercises'
edits modules keep their undo: real clicks, typing and drags in the window, then the store;
Ctrl+Z puts the store back, Ctrl+Shift+Z does the edit again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.store import covenant, people, session, stage_gates
from tests.gui.shell import click, make_window, ok_button
from tests.input import mouse_drag


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, w.home.open_btn)
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def screen(window, key: str):
    assert window.workshop_view.open_exercise(key)
    return window.workshop_view.exercise_widgets[key]


def undo(qtbot, window) -> None:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window) -> None:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def tap_table_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose(qtbot, combo, index: int) -> None:
    """Pick an entry of a combo box with the keyboard."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == index


# -- covenant ------------------------------------------------------------------------------------
def items(lib, wid) -> list[tuple[int, str, str, str]]:
    return [(i.id, i.kind, i.text, i.limit) for i in covenant.list_items(lib, wid)]


def test_covenant_an_item_moved_to_another_section_comes_back_to_its_place_on_ctrl_z(qtbot, window, demo_lib):
    view = screen(window, "covenant")
    lib, wid = demo_lib, demo_lib.demo_id
    before = items(lib, wid)
    protected = [i for i in before if i[1] == "protected"]
    assert len(protected) >= 2
    view.sections.setCurrentWidget(view.protected)
    tap_table_row(qtbot, view.protected.table, 0)
    click(qtbot, view.protected.edit_btn)
    dlg = view.dialog
    choose(qtbot, dlg.kind, dlg.kind.findData("degradable"))
    dlg.limit.setFocus()
    qtbot.keyClicks(dlg.limit, "two weeks, pilot region only")
    click(qtbot, ok_button(dlg))
    moved = covenant.get_item(lib, protected[0][0])
    assert (moved.kind, moved.text, moved.limit) == ("degradable", protected[0][2], "two weeks, pilot region only")
    after = items(lib, wid)
    undo(qtbot, window)
    assert items(lib, wid) == before  # back in its section, first again
    assert view.protected.ids[0] == protected[0][0]
    redo(qtbot, window)
    assert items(lib, wid) == after


def test_covenant_moving_a_threshold_down_is_undone_and_redone(qtbot, window, demo_lib):
    view = screen(window, "covenant")
    lib, wid = demo_lib, demo_lib.demo_id
    before = [t.id for t in covenant.list_thresholds(lib, wid)]
    assert len(before) >= 2
    view.sections.setCurrentWidget(view.thresholds)
    tap_table_row(qtbot, view.thresholds.table, 0)
    click(qtbot, view.thresholds.down_btn)
    after = [t.id for t in covenant.list_thresholds(lib, wid)]
    assert after == [before[1], before[0], *before[2:]]
    assert view.thresholds.current_id() == before[0]  # the moved row stays selected
    undo(qtbot, window)
    assert [t.id for t in covenant.list_thresholds(lib, wid)] == before
    redo(qtbot, window)
    assert [t.id for t in covenant.list_thresholds(lib, wid)] == after


def test_covenant_the_owner_limit_typed_is_one_undo_step(qtbot, window, demo_lib):
    view = screen(window, "covenant")
    lib, wid = demo_lib, demo_lib.demo_id
    old = covenant.owner_limit(lib, wid)
    new = old + 2
    view.owner_limit.setFocus()
    view.owner_limit.selectAll()
    qtbot.keyClicks(view.owner_limit, str(new))
    qtbot.keyClick(view.owner_limit, Qt.Key.Key_Return)
    assert covenant.owner_limit(lib, wid) == new
    window.workshop_view.setFocus()
    undo(qtbot, window)
    assert covenant.owner_limit(lib, wid) == old and view.owner_limit.value() == old
    redo(qtbot, window)
    assert covenant.owner_limit(lib, wid) == new


# -- stage gates ------------------------------------------------------------------------------------
def test_stage_gates_a_dragged_gate_decision_is_undone_and_redone(qtbot, window, demo_lib):
    view = screen(window, "stage_gates")
    lib, wid = demo_lib, demo_lib.demo_id
    ai = next(i for i in people.list_initiatives(lib, wid) if i.stage == "pilot")
    decisions = stage_gates.list_decisions(lib, wid)
    r = view.cards[ai.id].sceneBoundingRect()
    start = view.view.mapFromScene(r.center().x(), r.top() + 24)
    lane = next(ln for ln in view.lanes if ln.key == "validate").rect()
    mouse_drag(qtbot, view.view.viewport(), start, view.view.mapFromScene(lane.center().x(), lane.top() + 40))
    dlg = view.dialog
    assert dlg is not None and dlg.isVisible()
    dlg.evidence.setFocus()
    qtbot.keyClicks(dlg.evidence, "On time 8 weeks running")
    dlg.rollback.setFocus()
    qtbot.keyClicks(dlg.rollback, "Two late days in a week")
    choose(qtbot, dlg.owner, 1)
    qtbot.mouseClick(ok_button(dlg), Qt.MouseButton.LeftButton)
    *earlier, d = stage_gates.list_decisions(lib, wid)
    assert earlier == decisions and (d.initiative_id, d.to_stage, d.evidence) == (ai.id, "validate",
                                                                                  "On time 8 weeks running")
    assert people.get_initiative(lib, ai.id).stage == "validate"
    undo(qtbot, window)
    assert stage_gates.list_decisions(lib, wid) == decisions and people.get_initiative(lib, ai.id).stage == "pilot"
    redo(qtbot, window)
    assert stage_gates.list_decisions(lib, wid) == [*decisions, d]
    assert people.get_initiative(lib, ai.id).stage == "validate"


# -- session screens ----------------------------------------------------------------------------
def test_opening_round_typed_answers_are_undone_and_redone(qtbot, window, demo_lib):
    view = screen(window, "opening")
    lib, wid = demo_lib, demo_lib.demo_id
    before = session.list_opening(lib, wid)
    p = next(p for p in people.list_participants(lib, wid) if p.id not in before)
    click(qtbot, view.group.button(p.id))
    qtbot.keyClicks(view.risk, "Key-person risk in the hub")
    view.opportunity.setFocus()
    qtbot.keyClicks(view.opportunity, "Night slots are idle")
    click(qtbot, view.save_btn)
    after = session.list_opening(lib, wid)
    assert after == {**before, p.id: ("Key-person risk in the hub", "Night slots are idle")}
    undo(qtbot, window)
    assert session.list_opening(lib, wid) == before
    redo(qtbot, window)
    assert session.list_opening(lib, wid) == after


def test_agenda_moving_a_phase_down_is_undone_and_redone(qtbot, window, demo_lib):
    tab = screen(window, "session")
    lib, wid = demo_lib, demo_lib.demo_id
    before = [p.id for p in session.list_phases(lib, wid)]
    editor = tab.editor
    table = editor.table
    tap_table_row(qtbot, table, 0)
    click(qtbot, editor.down_btn)
    after = [p.id for p in session.list_phases(lib, wid)]
    assert after == [before[1], before[0], *before[2:]]
    undo(qtbot, window)
    assert [p.id for p in session.list_phases(lib, wid)] == before
    redo(qtbot, window)
    assert [p.id for p in session.list_phases(lib, wid)] == after


def test_close_the_typed_final_answer_is_undone_and_redone(qtbot, window, demo_lib):
    view = screen(window, "closing")
    lib, wid = demo_lib, demo_lib.demo_id
    old = session.final_answer(lib, wid)
    view.answer.setFocus()
    view.answer.selectAll()
    qtbot.keyClicks(view.answer, "We protect the Friday cut-off")
    click(qtbot, view.save_answer_btn)
    assert session.final_answer(lib, wid) == "We protect the Friday cut-off"
    undo(qtbot, window)
    assert session.final_answer(lib, wid) == old
    redo(qtbot, window)
    assert session.final_answer(lib, wid) == "We protect the Friday cut-off"
