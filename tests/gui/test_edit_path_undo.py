"""Edits moved out of the covenant, stage-gate and session screens into their exercises'
edits modules keep their undo: real clicks, typing and drags in the window, then the store;
Ctrl+Z puts the store back, Ctrl+Shift+Z does the edit again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.store import covenant, people, session, stage_gates
from tests.gui.shell import click, make_window, ok_button
from tests.gui.test_covenant_editor import choose, redo, tap_table_row, undo
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


def undone_and_redone(qtbot, window, read, before, after) -> None:
    """The store holds ``after``; Ctrl+Z gives ``before`` back, Ctrl+Shift+Z ``after`` again."""
    assert read() == after != before
    undo(qtbot, window)
    assert read() == before
    redo(qtbot, window)
    assert read() == after


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


def test_covenant_the_owner_limit_typed_is_one_undo_step(qtbot, window, demo_lib):
    view = screen(window, "covenant")
    lib, wid = demo_lib, demo_lib.demo_id
    old = covenant.owner_limit(lib, wid)
    new = old + 2
    view.owner_limit.setFocus()
    view.owner_limit.selectAll()
    qtbot.keyClicks(view.owner_limit, str(new))
    qtbot.keyClick(view.owner_limit, Qt.Key.Key_Return)
    window.workshop_view.setFocus()
    undone_and_redone(qtbot, window, lambda: covenant.owner_limit(lib, wid), old, new)
    undo(qtbot, window)
    assert view.owner_limit.value() == old  # the spin box shows the stored limit again


def _covenant_section(name):
    def section(view):
        view.sections.setCurrentWidget(getattr(view, name))
        return getattr(view, name).table, getattr(view, name).down_btn
    return section


@pytest.mark.parametrize(("key", "section", "rows"), [
    ("covenant", _covenant_section("thresholds"), covenant.list_thresholds),
    ("covenant", _covenant_section("decisions"), covenant.list_decisions),
    ("session", lambda tab: (tab.editor.table, tab.editor.down_btn), session.list_phases),
], ids=["covenant thresholds", "covenant decisions", "agenda phases"])
def test_moving_the_first_row_down_is_undone_and_redone(qtbot, window, demo_lib, key, section, rows):
    lib, wid = demo_lib, demo_lib.demo_id
    before = [r.id for r in rows(lib, wid)]
    assert len(before) >= 2
    table, down = section(screen(window, key))
    tap_table_row(qtbot, table, 0)
    click(qtbot, down)
    undone_and_redone(qtbot, window, lambda: [r.id for r in rows(lib, wid)], before,
                      [before[1], before[0], *before[2:]])


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
    undone_and_redone(qtbot, window, lambda: session.list_opening(lib, wid), before,
                      {**before, p.id: ("Key-person risk in the hub", "Night slots are idle")})


def test_close_the_typed_final_answer_is_undone_and_redone(qtbot, window, demo_lib):
    view = screen(window, "closing")
    lib, wid = demo_lib, demo_lib.demo_id
    old = session.final_answer(lib, wid)
    view.answer.setFocus()
    view.answer.selectAll()
    qtbot.keyClicks(view.answer, "We protect the Friday cut-off")
    click(qtbot, view.save_answer_btn)
    undone_and_redone(qtbot, window, lambda: session.final_answer(lib, wid), old, "We protect the Friday cut-off")
