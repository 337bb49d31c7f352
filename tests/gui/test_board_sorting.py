"""Sorting on the board with real mouse and touch events; every assertion reads the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.board.canvas import TO_SORT
from tension_desktop.store import board, workshops
from tests.gui.private import pass_on
from tests.input import mouse_drag, touch_drag, touch_tap


@pytest.fixture
def bw(qtbot, doc):
    """The board on a fresh "whole workshop" board with three elements, sorted as the first person."""
    doc.call(board.add_elements, doc.workshop_id, ["EU data residency", "Launch in Q2", "Vendor choice"], None)
    widget = BoardWidget(doc)
    widget.set_scope(None)
    widget.resize(790, 580)  # inside the offscreen screen (800x600): touch outside it is dropped
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def vp(bw):
    return bw.canvas.viewport()


def centre(bw, item) -> QPoint:
    return bw.canvas.mapFromScene(item.sceneBoundingRect().center())


def column_point(bw, column: str, y: int | None = None) -> QPoint:
    rect = bw.canvas.columns[column].rect
    p = bw.canvas.mapFromScene(rect.center())
    return QPoint(p.x(), y if y is not None else 300)


def to_sort_item(bw, text: str):
    return next(i for i in bw.canvas.cards_in(TO_SORT) if i.text == text)


def mine(bw):
    return board.cards_for(bw.doc.lib, bw.doc.workshop_id, None, bw.sorter)


def answer_why(qtbot, bw, text: str | None, button=QDialogButtonBox.StandardButton.Ok) -> None:
    dlg = bw.dialog
    assert dlg is not None, "dropping a card in a column asks for the why"
    if text:
        qtbot.keyClicks(dlg.why, text)
    qtbot.mouseClick(dlg.buttons.button(button), Qt.MouseButton.LeftButton)


def sort_with_mouse(qtbot, bw, text: str, column: str, why: str = "") -> None:
    mouse_drag(qtbot, vp(bw), centre(bw, to_sort_item(bw, text)), column_point(bw, column, 500))
    answer_why(qtbot, bw, why)


def test_mouse_drag_from_to_sort_stores_the_card_with_its_why(qtbot, bw):
    sort_with_mouse(qtbot, bw, "EU data residency", "must_protect", "Contractual with the top 20.")
    (card,) = mine(bw)
    el = board.get_element(bw.doc.lib, card.element_id)
    assert (el.text, card.column, card.position, card.rationale) == \
        ("EU data residency", "must_protect", 0, "Contractual with the top 20.")
    assert [i.text for i in bw.canvas.cards_in(TO_SORT)] == ["Launch in Q2", "Vendor choice"]


def test_touch_drag_moves_between_columns_and_undo_redo_is_exact(qtbot, bw):
    for text in ("EU data residency", "Launch in Q2", "Vendor choice"):
        sort_with_mouse(qtbot, bw, text, "must_protect", f"why {text}")
    before = mine(bw)
    assert [board.get_element(bw.doc.lib, c.element_id).text for c in before] == \
        ["EU data residency", "Launch in Q2", "Vendor choice"]
    launch = next(i for i in bw.canvas.cards_in("must_protect") if i.text == "Launch in Q2")
    touch_drag(vp(bw), centre(bw, launch), column_point(bw, "can_flex", 300))
    answer_why(qtbot, bw, None)  # keep the earlier why: OK with the field as it was
    after = mine(bw)
    moved = next(c for c in after if c.element_id == launch.element_id)
    assert (moved.column, moved.position, moved.rationale) == ("can_flex", 0, "why Launch in Q2")
    # the card below it moved up: positions stay 0..n-1
    assert sorted((c.column, c.position) for c in after) == [("can_flex", 0), ("must_protect", 0),
                                                             ("must_protect", 1)]
    bw.undo_btn.click()
    assert mine(bw) == before
    bw.redo_btn.click()
    assert mine(bw) == after


def test_reorder_within_a_column_with_the_mouse_is_one_undo_step(qtbot, bw):
    for text in ("EU data residency", "Launch in Q2", "Vendor choice"):
        sort_with_mouse(qtbot, bw, text, "need_evidence")
    before = mine(bw)
    steps = bw.doc.undo_stack.count()
    last = bw.canvas.cards_in("need_evidence")[-1]
    first = bw.canvas.cards_in("need_evidence")[0]
    top = bw.canvas.mapFromScene(first.sceneBoundingRect().topLeft()).y() + 4
    mouse_drag(qtbot, vp(bw), centre(bw, last), column_point(bw, "need_evidence", top))
    assert bw.dialog is None  # same column: no question
    order = [board.get_element(bw.doc.lib, c.element_id).text
             for c in sorted(mine(bw), key=lambda c: c.position)]
    assert order == ["Vendor choice", "EU data residency", "Launch in Q2"]
    assert bw.doc.undo_stack.count() == steps + 1
    bw.doc.undo_stack.undo()
    assert mine(bw) == before


def test_a_required_why_blocks_saving_until_typed_and_cancel_puts_the_card_back(qtbot, bw):
    workshops.set_setting(bw.doc.lib, bw.doc.workshop_id, board.RATIONALE_KEY, True)
    bw.refresh()
    mouse_drag(qtbot, vp(bw), centre(bw, to_sort_item(bw, "Vendor choice")), column_point(bw, "can_flex", 500))
    dlg = bw.dialog
    assert dlg.required and dlg.findChild(QDialogButtonBox).buttons()  # no "No why" button when required
    assert not [b for b in dlg.buttons.buttons() if b.objectName() == "skipWhy"]
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert bw.dialog is dlg and "a short reason with every card." in dlg.message.text()
    assert mine(bw) == []
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert mine(bw) == []
    assert "Vendor choice" in [i.text for i in bw.canvas.cards_in(TO_SORT)]


def test_optional_why_can_be_skipped(qtbot, bw):
    mouse_drag(qtbot, vp(bw), centre(bw, to_sort_item(bw, "Vendor choice")), column_point(bw, "can_flex", 500))
    skip = next(b for b in bw.dialog.buttons.buttons() if b.objectName() == "skipWhy")
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)
    (card,) = mine(bw)
    assert (card.column, card.rationale) == ("can_flex", "")


def test_tapping_a_card_shows_its_why_and_the_why_can_be_changed(qtbot, bw):
    launch = to_sort_item(bw, "Launch in Q2").element_id
    bw.move(launch, bw.sorter, "can_flex", 0, "Better late than wrong.")
    item = bw.canvas.cards_in("can_flex")[0]
    assert item.has_why
    touch_tap(vp(bw), centre(bw, item))
    dlg = bw.dialog
    assert dlg is not None and dlg.shown.text() == "Why: Better late than wrong."
    dlg.why.clear()
    qtbot.keyClicks(dlg.why, "Timing is a preference.")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert mine(bw)[0].rationale == "Timing is a preference."
    bw.doc.undo_stack.undo()
    assert mine(bw)[0].rationale == "Better late than wrong."


def test_dropping_a_card_on_to_sort_takes_it_off_and_undo_brings_the_same_card_back(qtbot, bw):
    sort_with_mouse(qtbot, bw, "Launch in Q2", "can_flex", "x")
    placed = mine(bw)
    item = bw.canvas.cards_in("can_flex")[0]
    mouse_drag(qtbot, vp(bw), centre(bw, item), column_point(bw, TO_SORT, 600))
    assert mine(bw) == []
    bw.doc.undo_stack.undo()
    assert mine(bw) == placed


def test_a_private_round_shows_only_the_person_whose_turn_it_is(qtbot, bw):
    sort_with_mouse(qtbot, bw, "Launch in Q2", "can_flex", "before the round")
    first, second = [p.id for p in bw.doc.participants()][:2]
    bw.private_btn.click()
    assert bw.overlay.isVisible() and not bw.align_btn.isEnabled()
    assert not bw.canvas.cards_in("can_flex") and not bw.canvas.cards_in("must_protect")
    qtbot.mouseClick(bw.overlay.start_btn, Qt.MouseButton.LeftButton)  # first person: "start my turn"
    assert not bw.overlay.isVisible() and bw.chip.locked and bw.sorter == first
    assert bw.canvas.cards_in("can_flex") == []  # a new round starts empty
    sort_with_mouse(qtbot, bw, "Launch in Q2", "can_flex", "mine")
    assert [i.participant_id for i in bw.canvas.cards_in("can_flex")] == [first]
    # the round lives in the workshop settings (shared turn mechanism, exercise "board")
    assert workshops.get_setting(bw.doc.lib, bw.doc.workshop_id, "turns:board")["phase"] == "turn"
    pass_on(qtbot, bw.private)  # "Done: pass on"
    assert bw.overlay.isVisible() and bw.turns.current == second
    assert bw.canvas.cards_in("can_flex") == [] and bw.canvas.cards_in("must_protect") == []
    qtbot.mouseClick(bw.overlay.start_btn, Qt.MouseButton.LeftButton)
    assert bw.canvas.cards_in("can_flex") == []
    sort_with_mouse(qtbot, bw, "Launch in Q2", "must_protect", "theirs")
    pass_on(qtbot, bw.private)
    # the last person passes on: the round is finished, the coach reveals everything together
    while not bw.turns.round.finished:
        bw.turns.begin_turn()
        bw.turns.end_turn()
    assert bw.canvas.cards_in("must_protect") == []
    qtbot.mouseClick(bw.overlay.start_btn, Qt.MouseButton.LeftButton)  # "Reveal to everyone"
    assert not bw.turns.active and not bw.overlay.isVisible()
    assert {i.participant_id for i in bw.canvas.cards_in("can_flex") + bw.canvas.cards_in("must_protect")} == \
        {first, second}


def test_the_sorting_as_chip_opens_the_picker_through_the_hook_and_a_tap_chooses(qtbot, bw):
    first, second = [p.id for p in bw.doc.participants()][:2]
    bw.chip.set_participant(first)
    qtbot.mouseClick(bw.chip, Qt.MouseButton.LeftButton)
    picker = bw.chip.dialog  # window-modal, no nested loop: reachable while open
    assert picker is not None and picker.isVisible()
    qtbot.mouseClick(picker.findChild(QPushButton, f"pick_{second}"), Qt.MouseButton.LeftButton)
    assert bw.chip.participant_id == second and bw.chip.dialog is None
    assert bw.sorter == second


def test_remove_an_element_asks_through_the_hook_and_ok_removes_it_in_one_undo_step(qtbot, bw):
    bw._remove_element_dialog()
    dlg = bw.dialog
    assert dlg is not None and dlg.isVisible()
    assert len(board.elements_for(bw.doc.lib, bw.doc.workshop_id, None)) == 3  # nothing before OK
    dlg.setTextValue("Vendor choice")
    dlg.accept()
    assert [e.text for e in board.elements_for(bw.doc.lib, bw.doc.workshop_id, None)] == \
        ["EU data residency", "Launch in Q2"]
    bw.doc.undo_stack.undo()
    assert len(board.elements_for(bw.doc.lib, bw.doc.workshop_id, None)) == 3
