"""Every canvas with the keyboard only: real key events on the focused view, then the store.

Each key action goes through the canvas's own drop handler, so it is one undo step and
obeys the private-round rules; the same cards are what a screen reader is told about
(the view's accessible children)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QDialogButtonBox

from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.board.canvas import TO_SORT
from tension_desktop.gui.premortem import PremortemView
from tension_desktop.gui.stage_gates import StageGatesView
from tension_desktop.gui.stage_gates.decision_form import GateDecisionDialog
from tension_desktop.gui.tension_map.items import PlacementCard
from tension_desktop.gui.tension_map.tray import TrayChip
from tension_desktop.store import board, people, premortem
from tension_desktop.store import tension_map as map_store
from tests.gui import test_tension_map as base
from tests.gui.private import pass_on
from tests.gui.test_tension_map import _show

fresh = base.fresh  # three people, three initiatives, nothing placed

Key = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, view, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(view, key, modifier)


def children(view) -> list[str]:
    """The names a screen reader gets for the canvas's children."""
    iface = QAccessible.queryAccessibleInterface(view)
    return [iface.child(n).text(QAccessible.Text.Name) for n in range(iface.childCount())]


def focus(qtbot, view) -> None:
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)


def test_a_private_map_round_placed_and_moved_with_the_keyboard_only(qtbot, fresh):
    w = _show(qtbot, fresh)
    ana, bo, _cy = fresh.participants()
    pilot, migration, _pricing = fresh.initiatives()
    w.start_private_round()
    qtbot.mouseClick(w.overlay.start_btn, Qt.MouseButton.LeftButton)
    view = w.view
    focus(qtbot, view)
    assert isinstance(view.focused_item(), TrayChip) and view.focused_item().initiative_id == pilot.id
    steps = fresh.undo_stack.index()
    press(qtbot, view, Key.Key_Right)  # the chip goes onto the map, a step right of the centre
    [p] = map_store.list_placements(fresh.lib, fresh.workshop_id, ("private",))
    assert (p.initiative_id, p.participant_id) == (pilot.id, ana.id)
    assert (p.x, p.y) == (pytest.approx(0.55, abs=0.002), pytest.approx(0.5, abs=0.002))
    assert fresh.undo_stack.index() == steps + 1
    card = view.focused_item()
    assert isinstance(card, PlacementCard) and card.key == (pilot.id, ana.id, "private")
    press(qtbot, view, Key.Key_Up)           # coarse: a twentieth of the axis
    press(qtbot, view, Key.Key_Right, SHIFT)  # fine: a hundredth
    p = map_store.get_placement(fresh.lib, fresh.workshop_id, pilot.id, ana.id, "private")
    assert (p.x, p.y) == (pytest.approx(0.56, abs=0.002), pytest.approx(0.55, abs=0.002))
    assert fresh.undo_stack.index() == steps + 3  # one undo step per key
    fresh.undo_stack.undo()
    p = map_store.get_placement(fresh.lib, fresh.workshop_id, pilot.id, ana.id, "private")
    assert (p.x, p.y) == (pytest.approx(0.55, abs=0.002), pytest.approx(0.55, abs=0.002))
    names = children(view)
    assert any(n.startswith(f"{pilot.title}, placed by ") and "innovation 55 %" in n for n in names)

    pass_on(qtbot, w.private)
    qtbot.mouseClick(w.overlay.start_btn, Qt.MouseButton.LeftButton)
    focus(qtbot, view)
    # Bo's turn: Ana's card is neither reachable nor told to a screen reader
    assert not any(isinstance(it, PlacementCard) for it in view.focusable_items())
    assert not any("placed by" in n for n in children(view))
    press(qtbot, view, Key.Key_Tab)  # the second chip: Migration
    assert view.focused_item().initiative_id == migration.id
    press(qtbot, view, Key.Key_Left)
    press(qtbot, view, Key.Key_Down)
    q = map_store.get_placement(fresh.lib, fresh.workshop_id, migration.id, bo.id, "private")
    assert (q.x, q.y) == (pytest.approx(0.45, abs=0.002), pytest.approx(0.45, abs=0.002))
    assert map_store.get_placement(fresh.lib, fresh.workshop_id, pilot.id, ana.id, "private") is not None


def test_the_focus_ring_is_drawn_on_the_focused_card(qtbot, fresh):
    w = _show(qtbot, fresh)
    w.chip.set_participant(fresh.participants()[0].id)
    view = w.view
    focus(qtbot, view)
    chip = view.focused_item()
    ring = view.item_view_rect(chip).adjusted(-5, -5, 5, 5)
    image = view.viewport().grab().toImage()
    edge = image.pixelColor(int(ring.center().x()), int(ring.top()))
    assert edge.blue() > 100 and edge.red() < 60, "a dark blue ring on the focused chip's top edge"
    view.clearFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    image = view.viewport().grab().toImage()
    assert image.pixelColor(int(ring.center().x()), int(ring.top())) != edge


@pytest.fixture
def bw(qtbot, doc):
    doc.call(board.add_elements, doc.workshop_id, ["EU data residency", "Launch in Q2"], None)
    widget = BoardWidget(doc)
    widget.set_scope(None)
    widget.resize(790, 580)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def test_board_keys_send_cards_to_columns_and_reorder_them(qtbot, bw):
    view, lib, wid = bw.canvas, bw.doc.lib, bw.doc.workshop_id
    focus(qtbot, view)
    assert view.focused_item().column == TO_SORT
    element = view.focused_item().element_id
    press(qtbot, view, Key.Key_2)  # 2: Must protect; the why is asked as with a drag
    dlg = bw.dialog
    assert dlg is not None
    qtbot.keyClicks(dlg.why, "Regulators")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    [card] = board.cards_for(lib, wid, None, bw.sorter)
    assert (card.element_id, card.column, card.rationale) == (element, "must_protect", "Regulators")
    assert view.focused_item().element_id == element  # the focus followed the card
    press(qtbot, view, Key.Key_Right)  # to Can flex
    qtbot.mouseClick(bw.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    [card] = board.cards_for(lib, wid, None, bw.sorter)
    assert card.column == "can_flex"
    steps = bw.doc.undo_stack.index()
    bw.doc.undo_stack.undo()  # one key, one undo step
    assert board.cards_for(lib, wid, None, bw.sorter)[0].column == "must_protect"
    assert bw.doc.undo_stack.index() == steps - 1
    names = children(view)
    assert any(n.startswith("EU data residency") or n.startswith("Launch in Q2") for n in names)
    assert len(names) == len(view.focusable_items()) == 2


@pytest.fixture
def pm(qtbot, doc):
    v = PremortemView(doc)
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_pre_mortem_merge_vote_and_unvote_with_keys(qtbot, pm):
    lib, wid, ini = pm.doc.lib, pm.doc.workshop_id, pm.initiative_id
    view = pm.view
    focus(qtbot, view)
    first = view.focused_item().row_id
    press(qtbot, view, Key.Key_M)
    assert "marked to merge" in children(view)[0]
    press(qtbot, view, Key.Key_Tab)
    second = view.focused_item().row_id
    press(qtbot, view, Key.Key_M)
    merged = lib.query("SELECT merged_into FROM risks WHERE id = ?", (first,))[0]["merged_into"]
    assert merged == second
    pm.doc.undo_stack.undo()
    assert lib.query("SELECT merged_into FROM risks WHERE id = ?", (first,))[0]["merged_into"] is None

    qtbot.mouseClick(pm.vote_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pm.overlay.start_btn, Qt.MouseButton.LeftButton)
    focus(qtbot, view)
    voter = pm.controller.current
    risk = view.focused_item().row_id
    press(qtbot, view, Key.Key_Plus)
    press(qtbot, view, Key.Key_Plus)
    press(qtbot, view, Key.Key_Minus)
    votes = {(v.risk_id, v.participant_id): v.dots for v in premortem.list_votes(lib, wid, ini)}
    assert votes.get((risk, voter)) == 1


@pytest.fixture
def gates(qtbot, doc):
    v = StageGatesView(doc)
    qtbot.addWidget(v)
    v.resize(1500, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_a_gate_move_by_keyboard_opens_the_gate_form(qtbot, gates):
    view = gates.view
    focus(qtbot, view)
    ini_id = view.focused_item().row_id
    before = people.get_initiative(gates.doc.lib, ini_id).stage
    press(qtbot, view, Key.Key_Right)
    dlg = gates.dialog
    assert isinstance(dlg, GateDecisionDialog)
    dlg.evidence.setPlainText("Pilot met the on-time threshold for 8 weeks")
    dlg.rollback.setPlainText("2 late days in a week")
    dlg.owner.setCurrentIndex(1)
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    after = people.get_initiative(gates.doc.lib, ini_id).stage
    assert after != before
    assert any(n.startswith(people.get_initiative(gates.doc.lib, ini_id).title) for n in children(view))
