"""The stage-gate screen: a drag opens the decision form; the store holds the decision."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QRadioButton

from tension_desktop.gui.stage_gates import StageGatesView
from tension_desktop.gui.stage_gates.decision_form import GateDecisionDialog
from tension_desktop.model import Placement
from tension_desktop.store import board, people, stage_gates, tension_map
from tests.input import mouse_drag, touch_drag


@pytest.fixture
def view(qtbot, doc):
    v = StageGatesView(doc)
    qtbot.addWidget(v)
    v.resize(1500, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def initiative(view, title):
    return next(i for i in people.list_initiatives(view.doc.lib, view.doc.workshop_id) if i.title == title)


def card_point(view, ini_id) -> QPoint:
    r = view.cards[ini_id].sceneBoundingRect()
    return view.view.mapFromScene(r.center().x(), r.top() + 24)


def lane_point(view, stage) -> QPoint:
    lane = next(ln for ln in view.lanes if ln.key == stage)
    return view.view.mapFromScene(lane.rect().center().x(), lane.rect().top() + 40)


def ok(qtbot, dlg):
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def fill(dlg, evidence="Pilot met the on-time threshold for 8 weeks", rollback="2 late days in a week", owner=1):
    dlg.evidence.setPlainText(evidence)
    dlg.rollback.setPlainText(rollback)
    dlg.owner.setCurrentIndex(owner)


def test_dragging_a_card_to_the_next_stage_opens_the_form_and_records_the_decision(qtbot, view):
    lib, wid = view.doc.lib, view.doc.workshop_id
    ai = initiative(view, "AI route optimisation pilot")
    assert ai.stage == "pilot"
    before = stage_gates.list_decisions(lib, wid)  # the demo's own (one reopened)
    mouse_drag(qtbot, view.view.viewport(), card_point(view, ai.id), lane_point(view, "validate"))
    dlg = view.dialog
    assert isinstance(dlg, GateDecisionDialog) and dlg.isVisible()
    assert "The bar for Validate" in dlg.criteria.text() and "Reliability evidence" in dlg.criteria.text()
    premortem_line = dlg.findChild(type(dlg.criteria), "gatePremortem").text()
    assert "Not complete" in premortem_line  # the demo pre-mortem still lacks mitigations
    assert stage_gates.list_decisions(lib, wid) == before  # nothing stored before OK
    ok(qtbot, dlg)  # empty form: refused, says what is missing
    assert dlg.isVisible() and "evidence" in dlg.message.text() and "owner" in dlg.message.text()
    fill(dlg)
    ok(qtbot, dlg)
    *earlier, d = stage_gates.list_decisions(lib, wid)
    assert earlier == before
    assert (d.from_stage, d.to_stage, d.owner_id) == ("pilot", "validate", dlg.owner.itemData(1))
    assert d.rollback == "2 late days in a week" and d.review_date
    assert people.get_initiative(lib, ai.id).stage == "validate"
    assert view.cards[ai.id].sceneBoundingRect().center().x() > next(
        ln for ln in view.lanes if ln.key == "validate").rect().left()
    view.doc.undo_stack.undo()
    assert stage_gates.list_decisions(lib, wid) == before and people.get_initiative(lib, ai.id).stage == "pilot"
    view.doc.undo_stack.redo()
    assert stage_gates.list_decisions(lib, wid) == [*before, d] and people.get_initiative(lib, ai.id).stage == "validate"


def test_cancelling_the_form_puts_the_card_back_and_stores_nothing(qtbot, view):
    lib, wid = view.doc.lib, view.doc.workshop_id
    ai = initiative(view, "AI route optimisation pilot")
    start = view.cards[ai.id].scenePos()
    before = stage_gates.list_decisions(lib, wid)
    mouse_drag(qtbot, view.view.viewport(), card_point(view, ai.id), lane_point(view, "scale"))
    assert "skips Validate" in view.dialog.criteria.text()
    view.dialog.reject()
    assert stage_gates.list_decisions(lib, wid) == before and people.get_initiative(lib, ai.id).stage == "pilot"
    assert view.cards[ai.id].scenePos() == start


def test_a_finger_moving_a_card_back_records_a_reopened_decision(qtbot, view):
    lib, wid = view.doc.lib, view.doc.workshop_id
    sd = initiative(view, "Same-day delivery in 3 cities")
    assert sd.stage == "validate"
    before = stage_gates.reopened_figures(lib, wid)  # the demo reopened one decision already
    start, end = card_point(view, sd.id), lane_point(view, "pilot")
    for p in (start, end):  # touch points must lie inside the offscreen screen (800x600)
        w = view.view.viewport().mapTo(view.window(), p)
        assert w.x() < 800 and w.y() < 600
    touch_drag(view.view.viewport(), start, end)
    dlg = view.dialog
    assert dlg.windowTitle().startswith("Reopen") and "reopened" in dlg.criteria.text()
    fill(dlg, evidence="Milan missed the anchor customer's SLA twice", rollback="")
    radio = dlg.findChild(QRadioButton, "reopenCause_poor_framing")
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=radio.rect().center())
    ok(qtbot, dlg)
    [d] = stage_gates.list_decisions(lib, wid, sd.id)
    assert d.reopened and people.get_initiative(lib, sd.id).stage == "pilot"
    assert d.reopen_cause == "poor_framing"
    assert d.opened_at and d.opened_at <= d.decided_at
    assert f"{before['reopened'] + 1} reopened" in view.history.figures.text()
    assert view.history.entries and view.history.entries[0].title == "Reopened: Validate → Pilot"
    view.doc.undo_stack.undo()
    assert stage_gates.reopened_figures(lib, wid) == before
    assert f"{before['reopened']} reopened" in view.history.figures.text()


def test_cards_show_board_evidence_questions_and_the_governance_of_the_agreed_quadrant(qtbot, view):
    lib, wid = view.doc.lib, view.doc.workshop_id
    ai = initiative(view, "AI route optimisation pilot")
    el = board.add_element(lib, wid, "Do drivers accept AI routes in winter?", initiative_id=ai.id)
    board.set_agreed_column(lib, el.id, "need_evidence")
    other = board.add_element(lib, wid, "GDPR for driver telemetry", initiative_id=ai.id)
    board.set_agreed_column(lib, other.id, "must_protect")
    tension_map.place(lib, wid, Placement(initiative_id=ai.id, x=0.8, y=0.3, round="agreed"))
    view.refresh()
    text = "\n".join(i.toPlainText() for i in view.cards[ai.id].footer_items)
    assert "? Do drivers accept AI routes in winter?" in text
    assert "GDPR" not in text
    assert "Safe to experiment → Stage-gate model" in text
    mouse_drag(qtbot, view.view.viewport(), card_point(view, ai.id), lane_point(view, "validate"))
    assert "Do drivers accept AI routes in winter?" in view.dialog.findChild(
        type(view.dialog.criteria), "gateQuestions").text()
    view.dialog.reject()


def test_tapping_a_card_shows_its_history_as_a_timeline(qtbot, view):
    from tension_desktop.model import GateDecision

    lib, wid = view.doc.lib, view.doc.workshop_id
    ai = initiative(view, "AI route optimisation pilot")
    stage_gates.record_decision(lib, wid, GateDecision(ai.id, "pilot", "validate", evidence="ok"))
    stage_gates.record_decision(lib, wid, GateDecision(ai.id, "validate", "pilot", evidence="winter"))
    view.refresh()
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ai.id))
    assert [e.title for e in view.history.entries] == ["Advanced: Pilot → Validate", "Reopened: Validate → Pilot"]


def test_the_lanes_are_rebuilt_only_when_something_they_show_changed(view):
    """Typed change notices: an edit elsewhere (an opening-round answer) leaves the cards as
    they are; renaming an initiative rebuilds them with the new title."""
    from tension_desktop.store import session

    doc = view.doc
    first = people.list_initiatives(doc.lib, doc.workshop_id)[0]
    before = dict(view.cards)
    pid = doc.participants()[0].id
    doc.apply("Opening", lambda: doc.call(session.set_opening, doc.workshop_id, pid, "A risk", "An opportunity"),
              lambda: doc.call(session.set_opening, doc.workshop_id, pid, "", ""))
    assert session.list_opening(doc.lib, doc.workshop_id)  # stored
    assert view.cards == before and all(view.cards[i] is card for i, card in before.items())
    assert doc.edit_initiative(first.id, title="Renamed by the coach")
    assert view.cards[first.id] is not before[first.id]
    assert "Renamed by the coach" in view.cards[first.id].body.toPlainText()


def test_a_hidden_stage_gates_tab_redraws_when_it_is_shown_again(view):
    """An exercise in the background does not rebuild on an edit elsewhere; it shows the
    edit when it comes back on screen."""
    doc = view.doc
    first = people.list_initiatives(doc.lib, doc.workshop_id)[0]
    before = view.cards[first.id]
    view.hide()
    assert doc.edit_initiative(first.id, title="Renamed while hidden")
    assert view.cards[first.id] is before  # not rebuilt in the background
    view.show()
    assert view.cards[first.id] is not before
    assert "Renamed while hidden" in view.cards[first.id].body.toPlainText()
