"""A private round on one shared screen: hand-over, only your own cards, reveal, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.store import tension_map as store
from tests.gui import test_tension_map as base
from tests.gui.private import pass_on
from tests.gui.test_tension_map import TOL, _show, at, chip_point, placements
from tests.input import touch_drag

fresh = base.fresh  # the same fixture: three people, three initiatives, nothing placed


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_private_round_shows_each_person_only_their_own_cards_and_reveal_shows_all(qtbot, fresh):
    w = _show(qtbot, fresh)
    ana, bo, cy = fresh.participants()
    pilot, migration, _pricing = fresh.initiatives()
    _click(qtbot, w.private_btn)
    # the hand-over screen covers everything and names who gets the screen
    assert w.overlay.isVisible() and w.overlay.geometry() == w.rect()
    assert w.overlay.title.text() == "Pass to: Ana Lima (CEO)"
    assert w.map.cards == {}
    _click(qtbot, w.overlay.start_btn)
    assert not w.overlay.isVisible() and w.chip.locked and w.chip.participant_id == ana.id
    touch_drag(w.view.viewport(), chip_point(w, pilot.id), at(w, 0.8, 0.2))
    [p] = placements(fresh)
    assert (p.participant_id, p.round) == (ana.id, "private")
    assert (p.x, p.y) == (pytest.approx(0.8, abs=TOL), pytest.approx(0.2, abs=TOL))
    assert list(w.map.cards) == [(pilot.id, ana.id, "private")]
    assert not w.panel.disputed.isVisible()  # no analysis during a private round

    pass_on(qtbot, w.private)
    assert w.overlay.isVisible() and w.overlay.title.text() == "Pass to: Bo Berg (CFO)"
    assert w.map.cards == {}  # Ana's card is not in the scene while the screen changes hands
    assert not fresh.undo_stack.canUndo()  # Bo cannot undo Ana's hidden placement
    _click(qtbot, w.overlay.start_btn)
    assert w.map.cards == {} and w.chip.participant_id == bo.id
    assert all(not item.isVisible() or not hasattr(item, "key") for item in w.scene.items())
    touch_drag(w.view.viewport(), chip_point(w, pilot.id), at(w, 0.2, 0.9))
    touch_drag(w.view.viewport(), chip_point(w, migration.id), at(w, 0.5, 0.5))
    assert set(w.map.cards) == {(pilot.id, bo.id, "private"), (migration.id, bo.id, "private")}
    fresh.undo_stack.undo()  # Bo takes back his own last drop
    assert set(w.map.cards) == {(pilot.id, bo.id, "private")}
    pass_on(qtbot, w.private)
    _click(qtbot, w.overlay.skip_btn)  # Cy stepped out
    assert w.overlay.title.text() == "Everyone has had their turn"
    assert w.map.cards == {}

    _click(qtbot, w.overlay.start_btn)  # "Reveal to everyone"
    assert not w.overlay.isVisible()
    assert {(p.participant_id, p.round) for p in placements(fresh)} == {(ana.id, "revealed"), (bo.id, "revealed")}
    assert set(w.map.cards) == {(pilot.id, ana.id, "revealed"), (pilot.id, bo.id, "revealed")}
    assert w.panel.disputed.item(0).data(Qt.ItemDataRole.UserRole) == pilot.id
    assert pilot.id in w.map.groups  # the two placements are grouped

    fresh.undo_stack.undo()  # un-reveal: private again, the round is back at "everyone has had a turn"
    assert {p.round for p in placements(fresh)} == {"private"}
    assert w.overlay.isVisible() and w.overlay.title.text() == "Everyone has had their turn"
    assert w.map.cards == {}
    fresh.undo_stack.redo()
    assert {p.round for p in placements(fresh)} == {"revealed"}
    assert not w.overlay.isVisible() and len(w.map.cards) == 2
    assert cy.id not in {p.participant_id for p in placements(fresh)}


def test_ending_a_private_round_early_keeps_the_cards_hidden_until_reveal(qtbot, fresh):
    w = _show(qtbot, fresh)
    ana = fresh.participants()[0]
    pilot = fresh.initiatives()[0]
    _click(qtbot, w.private_btn)
    _click(qtbot, w.overlay.start_btn)
    touch_drag(w.view.viewport(), chip_point(w, pilot.id), at(w, 0.3, 0.3))
    pass_on(qtbot, w.private)
    _click(qtbot, w.overlay.stop_btn)  # the coach abandons the round
    assert not w.controller.active
    assert w.map.cards == {}
    assert w.reveal_btn.isEnabled() and w.reveal_btn.text() == "Reveal (1)"
    _click(qtbot, w.reveal_btn)
    assert store.get_placement(fresh.lib, fresh.workshop_id, pilot.id, ana.id, "revealed") is not None
    assert list(w.map.cards) == [(pilot.id, ana.id, "revealed")]


def test_a_second_private_round_starts_empty_and_keeps_the_earlier_positions_as_history(qtbot, doc):
    from tension_desktop.store import rounds

    w = _show(qtbot, doc)
    first = doc.participants()[0]
    pilot = next(i for i in doc.initiatives() if i.title == "AI route optimisation pilot")
    old = store.get_placement(doc.lib, doc.workshop_id, pilot.id, first.id, "revealed")
    w.controller.start([first.id])
    assert w.map.cards == {}
    _click(qtbot, w.overlay.start_btn)
    assert w.map.cards == {}  # the earlier revealed placements do not bias the private turn
    touch_drag(w.view.viewport(), chip_point(w, pilot.id), at(w, 0.1, 0.1))
    pass_on(qtbot, w.private)
    _click(qtbot, w.overlay.start_btn)
    new = store.get_placement(doc.lib, doc.workshop_id, pilot.id, first.id, "revealed")
    assert new.x == pytest.approx(0.1, abs=TOL)
    # only this round's inputs are on the map: nobody else's older positions mixed in
    assert {p.participant_id for p in placements(doc, "revealed")} == {first.id}
    earlier, latest = rounds.history(doc.lib, doc.workshop_id, "tension_map")
    assert (earlier.kind, latest.kind, latest.revealed) == ("open", "private", True)
    kept = {(e.participant_id, e.target_id): e.values for e in rounds.round_inputs(doc.lib, earlier.id)}
    assert kept[(first.id, pilot.id)] == {"x": old.x, "y": old.y}
    assert rounds.moves(doc.lib, earlier.id, latest.id)[(first.id, pilot.id)] > 0.3
    doc.undo_stack.undo()  # one step undoes the reveal: hidden again, the history as it was
    assert store.get_placement(doc.lib, doc.workshop_id, pilot.id, first.id, "revealed") is None
    assert rounds.is_hidden(doc.lib, doc.workshop_id, "tension_map")
