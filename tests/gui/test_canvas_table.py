"""The accessible table of each canvas: the same cards, edited with the keyboard in a
QTableView, stored through the canvas's own drop path (one undo step, the same questions)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QSpinBox, QWidget

from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.canvas_table import open_canvas_table
from tension_desktop.gui.stage_gates import StageGatesView
from tension_desktop.gui.stage_gates.decision_form import GateDecisionDialog
from tension_desktop.store import board, people
from tension_desktop.store import tension_map as map_store
from tests.gui import test_tension_map as base
from tests.gui.private import pass_on
from tests.gui.test_tension_map import _show

fresh = base.fresh


def placed(doc, initiative_id: int, participant_id: int):
    return map_store.get_placement(doc.lib, doc.workshop_id, initiative_id, participant_id, "private")


def column(dlg, title: str) -> int:
    return [c.title for c in dlg.model.columns].index(title)


def edit_cell(qtbot, dlg, row: int, col: int) -> QWidget:
    """Move to a cell and press F2: returns the editor that opened in it."""
    table = dlg.table
    table.setCurrentIndex(dlg.model.index(row, col))
    qtbot.keyClick(table, Qt.Key.Key_F2)

    def editor():
        return next((w for w in table.viewport().findChildren(QWidget)
                     if isinstance(w, QSpinBox | QComboBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: editor() is not None)
    return editor()


def test_map_table_places_and_moves_with_numbers_in_a_private_round(qtbot, fresh):
    w = _show(qtbot, fresh)
    ana, bo, _cy = fresh.participants()
    pilot = fresh.initiatives()[0]
    w.start_private_round()
    qtbot.mouseClick(w.overlay.start_btn, Qt.MouseButton.LeftButton)
    dlg = open_canvas_table(w.view)
    assert dlg.model.rowCount() == 3  # Ana's tray: three initiatives, nothing placed
    editor = edit_cell(qtbot, dlg, 0, column(dlg, "Innovation"))
    assert isinstance(editor, QSpinBox)
    editor.selectAll()
    qtbot.keyClicks(editor, "30")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: placed(fresh, pilot.id, ana.id) is not None)
    p = placed(fresh, pilot.id, ana.id)
    assert (p.x, p.y) == (pytest.approx(0.30, abs=0.002), pytest.approx(0.5, abs=0.002))
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 4)  # the new card is a row of its own
    card_row = next(r for r in range(4) if dlg.model.index(r, column(dlg, "Criticality")).data() != "")
    editor = edit_cell(qtbot, dlg, card_row, column(dlg, "Criticality"))
    editor.selectAll()
    qtbot.keyClicks(editor, "80")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: placed(fresh, pilot.id, ana.id).y > 0.7)
    p = placed(fresh, pilot.id, ana.id)
    assert (p.x, p.y) == (pytest.approx(0.30, abs=0.002), pytest.approx(0.80, abs=0.002))
    fresh.undo_stack.undo()  # one edit, one undo step
    p = map_store.get_placement(fresh.lib, fresh.workshop_id, pilot.id, ana.id, "private")
    assert p.y == pytest.approx(0.5, abs=0.002)

    pass_on(qtbot, w.private)
    assert not dlg.isVisible(), "the hand-over closes the table with every other dialog"
    qtbot.mouseClick(w.overlay.start_btn, Qt.MouseButton.LeftButton)
    dlg = open_canvas_table(w.view)
    names = [dlg.model.index(r, column(dlg, "Who")).data() for r in range(dlg.model.rowCount())]
    assert all(n.startswith("in the tray") for n in names), "Bo's table holds none of Ana's cards"
    assert bo.id not in {p.participant_id for p in map_store.list_placements(fresh.lib, fresh.workshop_id)}


def test_board_table_sends_a_card_to_a_column_and_asks_why(qtbot, doc):
    doc.call(board.add_elements, doc.workshop_id, ["EU data residency"], None)
    bw = BoardWidget(doc)
    qtbot.addWidget(bw)
    bw.set_scope(None)
    bw.resize(790, 580)
    bw.show()
    qtbot.waitExposed(bw)
    bw.refresh()
    dlg = open_canvas_table(bw.canvas)
    assert [dlg.model.index(r, 0).data() for r in range(dlg.model.rowCount())] == ["EU data residency"]
    editor = edit_cell(qtbot, dlg, 0, column(dlg, "Column"))
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findText("Need evidence"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bw.dialog is not None)  # the why is asked, as after a drag
    qtbot.mouseClick(bw.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    [card] = board.cards_for(doc.lib, doc.workshop_id, None, bw.sorter)
    assert card.column == "need_evidence"


def test_stage_table_opens_the_gate_form(qtbot, doc):
    view = StageGatesView(doc)
    qtbot.addWidget(view)
    view.resize(1500, 900)
    view.show()
    qtbot.waitExposed(view)
    dlg = open_canvas_table(view.view)
    assert dlg.model.rowCount() == len(people.list_initiatives(doc.lib, doc.workshop_id))
    stages = [c.title for c in dlg.model.columns]
    assert "Stage" in stages
    editor = edit_cell(qtbot, dlg, 0, column(dlg, "Stage"))
    editor.setCurrentIndex((editor.currentIndex() + 1) % editor.count())
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(view.dialog, GateDecisionDialog))
