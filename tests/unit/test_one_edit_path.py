"""One edit path: a gui view never writes through the store itself nor builds an undo
command; it turns input into a command of its exercise's ``edits``/``commands`` module
(see docs/ARCHITECTURE.md). Checked on the source of every gui module, and the check is
itself checked on small modules written to break the rule each way."""

from __future__ import annotations

import ast
import textwrap

import pytest

from tests import edit_path

VIEW = "tension_desktop.gui.fake.view"
COMMANDS = edit_path.command_classes(edit_path.modules("tension_desktop.gui"))


def check(source: str, module: str = VIEW) -> list[str]:
    tree = ast.parse(textwrap.dedent(source))
    return [v.what for v in edit_path.violations(module, tree, edit_path.store_writers(), COMMANDS)]


def test_no_gui_module_writes_outside_the_edit_path():
    found = edit_path.gui_violations()
    assert not found, "\n".join(map(str, found))


def test_the_store_writes_are_found_directly_and_through_other_writes():
    writers = edit_path.store_writers()
    for name in ("covenant.add_item", "covenant.set_owner_limit", "session.set_opening", "session.ensure_agenda",
                 "stage_gates.record_decision", "stage_gates.set_own_criteria", "covenant_review.add_near_miss",
                 "workshops.set_setting", "tension_map.place"):
        assert f"tension_desktop.store.{name}" in writers
    for name in ("covenant.list_items", "covenant.get_item", "session.get_phase", "stage_gates.own_criteria",
                 "people.list_participants", "workshops.get_setting"):
        assert f"tension_desktop.store.{name}" not in writers


def test_the_undo_command_classes_are_found_through_every_base():
    commands = COMMANDS
    assert {"QUndoCommand", "EditCommand", "FnCommand", "AddRowCommand", "DropCommand", "DecideCommand",
            "EditItemCommand"} <= commands
    assert "WorkshopDocument" not in commands


@pytest.mark.parametrize("source", [
    # calling a store write with the document's library
    """
    from tension_desktop.store import covenant
    def f(self):
        covenant.add_item(self.doc.lib, 1, None)
    """,
    # handing a store write to the document from a view (a closure that edits)
    """
    from tension_desktop.store import session as store
    def f(self):
        self.doc.apply("x", lambda: self.doc.call(store.set_opening, 1, 2, "", ""), lambda: None)
    """,
    # a write imported by name, through a relative import
    """
    from ...store.stage_gates import set_own_criteria
    def f(doc):
        doc.call(set_own_criteria, 1, {})
    """,
    # a transaction opened in the view
    """
    def f(self):
        with self.doc.lib.edit():
            pass
    """,
    # an undo command defined in the view, on Qt's class or on the one edit base
    """
    from PySide6.QtGui import QUndoCommand
    class Mine(QUndoCommand):
        pass
    """,
    """
    from ..document import EditCommand
    class Mine(EditCommand):
        pass
    """,
])
def test_the_check_catches_each_way_round_the_edit_path(source):
    assert len(check(source)) == 1
    # the same code is where it belongs in an exercise's edits or commands module
    assert check(source, "tension_desktop.gui.fake.edits") == []
    assert check(source, "tension_desktop.gui.fake.commands") == []


def test_reading_the_store_and_pushing_a_command_are_what_a_view_does():
    assert check("""
    from tension_desktop.store import covenant, session as store
    from . import edits
    from .commands import DropCommand
    def f(self, values):
        old = covenant.get_item(self.doc.lib, 1)
        phases = store.list_phases(self.doc.lib, self.doc.workshop_id)
        self.doc.push(DropCommand(self.doc, "Place", 1, 2, 3, 0.5, 0.5))
        return edits.edit_item(self.doc, old.id, values), phases
    """) == []


def test_every_form_opens_through_open_form_without_a_nested_event_loop():
    found = edit_path.gui_nested_loops()
    assert not found, "\n".join(map(str, found))


def test_the_nested_loop_check_finds_exec_and_static_forms_and_spares_menus_and_file_dialogs():
    tree = ast.parse(textwrap.dedent("""
        def f(self):
            if dlg.exec():
                pass
            menu.exec(point)
            QMessageBox.information(self, "Title", "text")
            name, ok = QInputDialog.getItem(self, "Title", "Label", ["a"], 0, False)
            path, _ = QFileDialog.getSaveFileName(self)
    """))
    assert [v.line for v in edit_path.nested_loops(VIEW, tree)] == [3, 6, 7]
