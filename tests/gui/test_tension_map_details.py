"""A placement up close: long press / double-click details, context menu and Delete, all undoable."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tension_desktop.gui.tension_map.details import placement_facts
from tension_desktop.model import Participant, Placement
from tension_desktop.store import tension_map as store
from tests.gui.test_tension_map import _show, card_point, top_card
from tests.input import touch_device


def _stored(doc, key):
    return store.get_placement(doc.lib, doc.workshop_id, *key)


def _hold(qtbot, w, pos: QPoint) -> None:
    """A real finger held still past the long-press time, then lifted."""
    vp = w.view.viewport()
    QTest.touchEvent(vp, touch_device()).press(0, pos, vp)
    qtbot.wait(int(w.view.gestures.long_press_ms) + 250)
    QTest.touchEvent(vp, touch_device()).release(0, pos, vp)


def test_a_touch_long_press_opens_the_details_and_the_big_button_removes_it_undoably(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.round == "revealed")
    before = _stored(doc, card.key)
    _hold(qtbot, w, card_point(card))
    dlg = w.placement_actions.dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.values["Initiative"].text() == w.map.titles[card.initiative_id]
    who = w.map.people[card.participant_id]
    assert dlg.values["Placed by"].text() == who.label
    assert dlg.values["Round"].text() == "Revealed"
    assert "Governance" not in dlg.values
    assert _stored(doc, card.key) == before  # the long press moved nothing
    qtbot.mouseClick(dlg.remove_btn, Qt.MouseButton.LeftButton)
    assert _stored(doc, card.key) is None
    assert card.key not in w.map.cards
    doc.undo_stack.undo()
    assert _stored(doc, card.key) == before  # same row, same point
    assert card.key in w.map.cards
    # the finger that held the card is forgotten: the next finger drags as usual
    assert w.view.gestures.points == {}


def test_a_mouse_double_click_on_an_agreed_card_shows_its_quadrant_and_governance(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.agreed)
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(card))
    dlg = w.placement_actions.dialog
    assert dlg is not None and dlg.isVisible()
    p = _stored(doc, card.key)
    facts = dict(placement_facts(p, "", None, store.axis_labels(doc.lib, doc.workshop_id),
                                 store.quadrant_labels(doc.lib, doc.workshop_id),
                                 store.governance_names(doc.lib, doc.workshop_id)))
    assert dlg.values["Placed by"].text() == "The group"
    assert dlg.values["Quadrant"].text() == facts["Quadrant"]
    assert dlg.values["Governance"].text() == facts["Governance"] != ""
    qtbot.mouseClick(dlg.findChild(type(dlg.remove_btn), "closePlacement"), Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and _stored(doc, card.key) == p


def test_a_mouse_held_still_opens_the_details_too(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.round == "revealed")
    vp = w.view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=card_point(card))
    qtbot.wait(int(w.view.gestures.long_press_ms) + 250)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=card_point(card))
    assert w.placement_actions.dialog is not None and w.placement_actions.dialog.isVisible()


def test_the_right_click_menu_removes_a_card_and_undo_brings_it_back(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.round == "revealed")
    before = _stored(doc, card.key)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.RightButton, pos=card_point(card))
    menu = w.placement_actions.menu
    assert menu is not None and menu.isVisible()
    labels = [a.text() for a in menu.actions()]
    assert labels == ["Details…", "Remove this placement"]
    menu.actions()[1].trigger()
    assert _stored(doc, card.key) is None
    doc.undo_stack.undo()
    assert _stored(doc, card.key) == before
    doc.undo_stack.redo()
    assert _stored(doc, card.key) is None


def test_the_menu_opens_the_details(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.agreed)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.RightButton, pos=card_point(card))
    w.placement_actions.menu.actions()[0].trigger()
    dlg = w.placement_actions.dialog
    assert dlg.isVisible() and dlg.values["Initiative"].text() == w.map.titles[card.initiative_id]


def test_delete_removes_the_tapped_card_and_undo_restores_it(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.round == "revealed")
    key, before = card.key, _stored(doc, card.key)
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)  # nothing selected yet: nothing happens
    assert len(store.list_placements(doc.lib, doc.workshop_id)) > 0 and _stored(doc, key) == before
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(card))
    assert w.placement_actions.selected == key and w.map.cards[key].selected
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert _stored(doc, key) is None
    assert w.placement_actions.selected is None
    doc.undo_stack.undo()
    assert _stored(doc, key) == before
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)  # the selection went with the removal
    assert _stored(doc, key) == before


def test_placement_facts_name_the_quadrant_both_axes_and_the_round():
    p = Placement(initiative_id=1, x=0.72, y=0.31, round="private", participant_id=3)
    rows = dict(placement_facts(p, "Pilot", Participant("Bo Berg", "CFO", id=3), {"x": "Innovation", "y": "Criticality"},
                                {"safe_to_experiment": "Safe to experiment"}, {}))
    assert rows == {"Initiative": "Pilot", "Placed by": "Bo Berg (CFO)", "Quadrant": "Safe to experiment",
                    "Position": "Innovation: 72%  ·  Criticality: 31%",
                    "Round": "Private round (hidden until Reveal)"}
