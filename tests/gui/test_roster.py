"""Participants and initiatives edited through real clicks, typing and keys; checked in the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tension_desktop.store import StorageFull, board, people, tension_map
from tests.gui.shell import click, click_row, make_window, ok_button
from tests.input import touch_tap


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    """The main window with the demo workshop opened by clicking Open on the home screen."""
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    assert w.home.selected_workshop_id() == demo_lib.demo_id
    click(qtbot, w.home.open_btn)
    assert w.workshop_view is not None and w.stack.currentWidget() is w.workshop_view
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def _undo(qtbot, window) -> None:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(qtbot, window) -> None:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _people(lib):
    return [(p.id, p.name, p.role, p.colour, p.position) for p in people.list_participants(lib, lib.demo_id)]


def _initiatives(lib):
    return [(i.id, i.title, i.description, i.position) for i in people.list_initiatives(lib, lib.demo_id)]


def _everything(lib):
    """What a removal could touch: the roster, every placement and every board card."""
    return (_people(lib), _initiatives(lib), tension_map.list_placements(lib, lib.demo_id),
            board.list_cards(lib, lib.demo_id))


def test_adding_a_participant_by_typing_into_the_dialog_stores_it_and_ctrl_z_takes_it_back(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _people(demo_lib)
    click(qtbot, roster.participants.add_btn)
    dlg = roster.dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.name, "Lena Fischer")
    qtbot.keyClicks(dlg.role, "CHRO")
    click(qtbot, ok_button(dlg))

    after = _people(demo_lib)
    assert len(after) == len(before) + 1
    added = after[-1]
    assert added[1:3] == ("Lena Fischer", "CHRO")
    assert added[3] not in {p[3] for p in before}, "a new participant gets a colour nobody has"
    assert roster.participants.current_id() == added[0]

    _undo(qtbot, window)
    assert _people(demo_lib) == before
    _redo(qtbot, window)
    assert _people(demo_lib) == after, "redo puts back the same participant (same id, name, colour)"


def test_a_touch_tap_on_add_opens_the_form_and_an_empty_name_is_refused_with_a_message(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _people(demo_lib)
    add = roster.participants.add_btn
    touch_tap(add, add.rect().center())
    qtbot.waitUntil(lambda: roster.dialog is not None and roster.dialog.isVisible(), timeout=2000)
    dlg = roster.dialog
    click(qtbot, ok_button(dlg))
    assert dlg.isVisible(), "an empty name keeps the form open"
    assert "participant name" in dlg.message.text().lower()
    assert _people(demo_lib) == before
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    assert _people(demo_lib) == before
    assert window.doc.undo_stack.count() == 0


def test_adding_an_initiative_with_a_description_stores_both_and_undo_redo_work(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _initiatives(demo_lib)
    click(qtbot, roster.initiatives.add_btn)
    dlg = roster.dialog
    qtbot.keyClicks(dlg.title, "Driver wellbeing programme")
    qtbot.keyClicks(dlg.description, "Fatigue monitoring and shorter shifts in two depots.")
    click(qtbot, ok_button(dlg))
    after = _initiatives(demo_lib)
    assert after[-1][1:3] == ("Driver wellbeing programme", "Fatigue monitoring and shorter shifts in two depots.")
    shown = roster.initiatives.model.index(len(after) - 1, 0).data()
    assert "Driver wellbeing programme" in shown and "Fatigue monitoring" in shown, "description under the title"

    _undo(qtbot, window)
    assert _initiatives(demo_lib) == before
    _redo(qtbot, window)
    assert _initiatives(demo_lib) == after


def test_editing_a_participant_changes_the_stored_row_and_undo_restores_it(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _people(demo_lib)
    click_row(qtbot, roster.participants.view, 2)
    click(qtbot, roster.participants.edit_btn)
    dlg = roster.dialog
    assert dlg.name.text() == before[2][1]
    dlg.name.selectAll()
    qtbot.keyClicks(dlg.name, "Priya Raman-Iyer")
    click(qtbot, ok_button(dlg))
    assert _people(demo_lib)[2][1] == "Priya Raman-Iyer"
    assert _people(demo_lib)[2][0] == before[2][0]
    _undo(qtbot, window)
    assert _people(demo_lib) == before


def test_editing_an_initiative_description_is_stored_and_undoable(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _initiatives(demo_lib)
    click_row(qtbot, roster.initiatives.view, 0)
    click(qtbot, roster.initiatives.edit_btn)
    dlg = roster.dialog
    dlg.description.selectAll()
    qtbot.keyClicks(dlg.description, "Now for two depots.")
    click(qtbot, ok_button(dlg))
    assert _initiatives(demo_lib)[0][2] == "Now for two depots."
    _undo(qtbot, window)
    assert _initiatives(demo_lib) == before


def test_move_down_and_up_reorder_participants_in_the_store(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _people(demo_lib)
    click_row(qtbot, roster.participants.view, 0)
    assert not roster.participants.up_btn.isEnabled(), "the first row cannot move up"
    click(qtbot, roster.participants.down_btn)
    ids = [p[0] for p in _people(demo_lib)]
    assert ids[:2] == [before[1][0], before[0][0]]
    assert roster.participants.current_id() == before[0][0], "the moved row stays selected"
    click(qtbot, roster.participants.down_btn)
    assert [p[0] for p in _people(demo_lib)][2] == before[0][0]
    click(qtbot, roster.participants.up_btn)
    assert [p[0] for p in _people(demo_lib)][1] == before[0][0]
    _undo(qtbot, window)
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert _people(demo_lib) == before


def test_move_up_reorders_initiatives_and_undo_restores_the_order(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _initiatives(demo_lib)
    last = len(before) - 1
    click_row(qtbot, roster.initiatives.view, last)
    assert not roster.initiatives.down_btn.isEnabled(), "the last row cannot move down"
    click(qtbot, roster.initiatives.up_btn)
    assert [i[0] for i in _initiatives(demo_lib)][last - 1] == before[last][0]
    _undo(qtbot, window)
    assert _initiatives(demo_lib) == before


def test_removing_a_participant_takes_their_placements_and_cards_and_undo_restores_exactly(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _everything(demo_lib)
    victim = before[0][2][0]
    assert any(p.participant_id == victim for p in before[2]), "the demo gives them placements"
    assert any(c.participant_id == victim for c in before[3]), "the demo gives them board cards"
    click_row(qtbot, roster.participants.view, 2)
    click(qtbot, roster.participants.remove_btn)
    removed = _everything(demo_lib)
    assert victim not in [p[0] for p in removed[0]]
    assert not any(p.participant_id == victim for p in removed[2])
    assert not any(c.participant_id == victim for c in removed[3])

    _undo(qtbot, window)
    assert _everything(demo_lib) == before, "undo brings back the same rows, ids, placements and cards"
    _redo(qtbot, window)
    assert _everything(demo_lib) == removed
    _undo(qtbot, window)
    assert _everything(demo_lib) == before


def test_removing_an_initiative_with_the_delete_key_and_undo_restores_its_placements(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    before = _everything(demo_lib)
    click_row(qtbot, roster.initiatives.view, 0)
    victim = roster.initiatives.current_id()
    assert any(p.initiative_id == victim for p in before[2])
    qtbot.keyClick(roster.initiatives.view, Qt.Key.Key_Delete)
    after = _everything(demo_lib)
    assert victim not in [i[0] for i in after[1]]
    assert not any(p.initiative_id == victim for p in after[2])
    window.act_undo.trigger()
    assert _everything(demo_lib) == before


def test_a_full_disk_shows_a_clear_message_keeps_the_app_running_and_loses_nothing(qtbot, window, demo_lib):
    roster = window.workshop_view.roster
    conn = demo_lib.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    # fill what room is left in the participants' pages with short names, straight through the store
    for n in range(2000):
        try:
            people.add_participant(demo_lib, demo_lib.demo_id, f"F{n}")
        except StorageFull:
            break
    else:
        pytest.fail("max_page_count did not make the library full")
    before = _everything(demo_lib)
    stack_before = window.doc.undo_stack.count()

    click(qtbot, roster.participants.add_btn)
    dlg = roster.dialog
    qtbot.keyClicks(dlg.name, "Lena Fischer with a long name")
    qtbot.keyClicks(dlg.role, "Chief People Officer")
    click(qtbot, ok_button(dlg))

    box = window.findChild(QMessageBox, "storeErrorBox")
    assert box is not None and box.isVisible()
    assert "disk is full" in box.text() and "not saved" in box.text()
    assert window.doc.undo_stack.count() == stack_before, "the failed edit is not on the undo stack"
    assert _everything(demo_lib) == before, "everything saved before is intact"
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    assert window.isVisible()

    # the app keeps working once there is room again
    conn.execute("PRAGMA max_page_count = 1000000")
    click(qtbot, roster.participants.add_btn)
    qtbot.keyClicks(roster.dialog.name, "Lena Fischer")
    click(qtbot, ok_button(roster.dialog))
    assert _people(demo_lib)[-1][1] == "Lena Fischer"


def test_empty_workshop_shows_hints_and_disables_row_buttons(qtbot, lib, tmp_path):
    from tension_desktop.store import workshops

    ws = workshops.create_workshop(lib, "Blank team", "Empty offsite")
    w = make_window(qtbot, lib, tmp_path / "settings")
    w.open_workshop(ws.id)
    panel = w.workshop_view.roster.participants
    assert panel.empty_hint.isVisible()
    assert not panel.edit_btn.isEnabled() and not panel.remove_btn.isEnabled()
    click(qtbot, panel.add_btn)
    qtbot.keyClicks(w.workshop_view.roster.dialog.name, "Ada")
    click(qtbot, ok_button(w.workshop_view.roster.dialog))
    assert [p.name for p in people.list_participants(lib, ws.id)] == ["Ada"]
    assert not panel.empty_hint.isVisible()
    assert panel.edit_btn.isEnabled()


@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_participant_markers_grow_with_the_type_on_an_unscaled_large_panel(qtbot, demo_lib, tmp_path, monkeypatch,
                                                                          factor):
    """On a 4K whiteboard at 100 % (screen factor 2) the theme doubles the type; a participant's
    marker in the list doubles with it, drawn at that size (never enlarged from a small one)."""
    from tension_desktop.gui import roster as roster_module

    monkeypatch.setattr(roster_module, "screen_factor", lambda: factor)
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    w.open_workshop(demo_lib.demo_id)
    view = w.workshop_view.roster.participants.view
    side = round(roster_module.ICON * factor)
    assert (view.iconSize().width(), view.iconSize().height()) == (side, side)
    drawn = view.model().item(0).icon().availableSizes()
    assert drawn and min(s.width() for s in drawn) >= side
    assert view.visualRect(view.model().index(0, 0)).height() >= side
