"""The home screen: create, rename, duplicate, delete (asks first) and undo delete, via real clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tension_desktop.store import people, workshops
from tests.gui.shell import click, make_window, ok_button, show_header


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    return make_window(qtbot, demo_lib, tmp_path / "settings")


def _titles(lib) -> list[tuple[str, str]]:
    return sorted((w.team_name, w.title) for w in workshops.list_workshops(lib))


def _select(qtbot, window, workshop_id: int) -> None:
    tree = window.home.tree
    for t in range(tree.topLevelItemCount()):
        team = tree.topLevelItem(t)
        for c in range(team.childCount()):
            item = team.child(c)
            if item.data(0, Qt.ItemDataRole.UserRole) == workshop_id:
                rect = tree.visualItemRect(item)
                qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                assert window.home.selected_workshop_id() == workshop_id
                return
    pytest.fail(f"workshop {workshop_id} is not listed")


def test_the_demo_workshop_is_listed_and_selected_on_the_home_screen(window, demo_lib):
    assert window.home.selected_workshop_id() == demo_lib.demo_id
    assert window.home.open_btn.isEnabled()


def test_new_workshop_is_created_in_the_typed_team_and_opened(qtbot, window, demo_lib):
    click(qtbot, window.home.new_btn)
    dlg = window.dialog
    assert dlg is not None and dlg.isVisible()
    dlg.team.lineEdit().selectAll()
    qtbot.keyClicks(dlg.team.lineEdit(), "Northwind board")
    qtbot.keyClicks(dlg.title, "Spring strategy day")
    click(qtbot, ok_button(dlg))
    assert ("Northwind board", "Spring strategy day") in _titles(demo_lib)
    assert window.stack.currentWidget() is window.workshop_view
    assert window.doc.workshop.title == "Spring strategy day"


def test_new_workshop_without_a_title_is_refused_in_the_form(qtbot, window, demo_lib):
    before = _titles(demo_lib)
    click(qtbot, window.home.new_btn)
    dlg = window.dialog
    click(qtbot, ok_button(dlg))
    assert dlg.isVisible() and dlg.message.text() == "Workshop title may not be empty."
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert _titles(demo_lib) == before


def test_rename_changes_the_stored_title(qtbot, window, demo_lib):
    click(qtbot, window.home.rename_btn)
    dlg = window.dialog
    dlg.edit.selectAll()
    qtbot.keyClicks(dlg.edit, "Offsite, day two")
    click(qtbot, ok_button(dlg))
    assert workshops.get_workshop(demo_lib, demo_lib.demo_id).title == "Offsite, day two"
    assert window.home.tree.currentItem().text(0) == "Offsite, day two"


def test_a_rename_from_the_home_screen_is_one_undo_step(qtbot, window, demo_lib):
    """The home screen renames through the same undoable command as an open workshop."""
    old = workshops.get_workshop(demo_lib, demo_lib.demo_id).title
    click(qtbot, window.home.rename_btn)
    dlg = window.dialog
    dlg.edit.selectAll()
    qtbot.keyClicks(dlg.edit, "Offsite, day two")
    click(qtbot, ok_button(dlg))
    assert workshops.get_workshop(demo_lib, demo_lib.demo_id).title == "Offsite, day two"
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert workshops.get_workshop(demo_lib, demo_lib.demo_id).title == old
    assert window.home.tree.currentItem().text(0) == old
    window.act_redo.trigger()
    assert workshops.get_workshop(demo_lib, demo_lib.demo_id).title == "Offsite, day two"


def test_duplicate_copies_the_workshop_with_its_people(qtbot, window, demo_lib):
    click(qtbot, window.home.dup_btn)
    rows = workshops.list_workshops(demo_lib)
    assert len(rows) == 3  # the demo team's two sessions and the copy
    copy = next(r for r in rows if r.title.endswith("(copy)"))
    assert [p.name for p in people.list_participants(demo_lib, copy.id)] == \
        [p.name for p in people.list_participants(demo_lib, demo_lib.demo_id)]
    assert window.home.selected_workshop_id() == copy.id


def test_delete_asks_first_and_cancel_keeps_the_workshop(qtbot, window, demo_lib):
    before = [w.id for w in workshops.list_workshops(demo_lib)]
    click(qtbot, window.home.delete_btn)
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    assert box is not None and box.isVisible()
    assert "Innovation vs reliability offsite" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    assert [w.id for w in workshops.list_workshops(demo_lib)] == before


def test_delete_after_confirming_removes_it_and_undo_delete_brings_it_back_exactly(qtbot, window, demo_lib):
    click(qtbot, window.home.dup_btn)  # a second workshop so the list is not empty afterwards
    _select(qtbot, window, demo_lib.demo_id)
    before_people = people.list_participants(demo_lib, demo_lib.demo_id)
    before_list = workshops.list_workshops(demo_lib)
    click(qtbot, window.home.delete_btn)
    box = window.findChild(QMessageBox, "confirmDeleteBox")
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    assert demo_lib.demo_id not in [w.id for w in workshops.list_workshops(demo_lib)]
    assert people.list_participants(demo_lib, demo_lib.demo_id) == []
    assert window.act_undo_delete.isEnabled()

    window.act_undo_delete.trigger()
    assert [(w.id, w.title) for w in workshops.list_workshops(demo_lib)] == [(w.id, w.title) for w in before_list]
    assert people.list_participants(demo_lib, demo_lib.demo_id) == before_people
    assert window.home.selected_workshop_id() == demo_lib.demo_id
    assert not window.act_undo_delete.isEnabled()


def test_opening_with_enter_and_going_home_with_the_button(qtbot, window, demo_lib):
    window.home.tree.setFocus()
    qtbot.keyClick(window.home.tree, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workshop_view
    assert window.windowTitle().startswith("Innovation vs reliability offsite")
    show_header(qtbot, window.workshop_view)
    click(qtbot, window.workshop_view.home_btn)
    assert window.stack.currentWidget() is window.home
    assert window.home.selected_workshop_id() == demo_lib.demo_id
