"""The board in the store: scopes, moves with exact before/after states, agreed columns."""

from __future__ import annotations

from tension_desktop.store import board, people, workshops


def _setup(lib):
    ws = workshops.create_workshop(lib, "Ops team", "Offsite")
    p1 = people.add_participant(lib, ws.id, "Ana", "CEO").id
    p2 = people.add_participant(lib, ws.id, "Ben", "CFO").id
    ini = people.add_initiative(lib, ws.id, "Pricing").id
    return ws.id, p1, p2, ini


def test_elements_belong_to_an_initiative_or_the_whole_workshop(lib):
    wid, _p1, _p2, ini = _setup(lib)
    board.add_elements(lib, wid, ["EU data residency", "  ", "Launch in Q2"], ini)
    board.add_element(lib, wid, "Vendor choice", None)
    assert [e.text for e in board.elements_for(lib, wid, ini)] == ["EU data residency", "Launch in Q2"]
    assert [e.text for e in board.elements_for(lib, wid, None)] == ["Vendor choice"]


def test_move_card_stores_column_and_order_and_returns_exact_undo_state(lib):
    wid, p1, p2, ini = _setup(lib)
    a, b, c = board.add_elements(lib, wid, ["a", "b", "c"], ini)
    for n, eid in enumerate((a, b, c)):
        board.move_card(lib, wid, eid, p1, "must_protect", n, rationale=f"why {n}")
    board.move_card(lib, wid, a, p2, "can_flex", 0)
    before, after = board.move_card(lib, wid, c, p1, "must_protect", 0)
    mine = board.cards_for(lib, wid, ini, p1)
    assert [(x.element_id, x.position) for x in mine] == [(c, 0), (a, 1), (b, 2)]
    assert next(x for x in mine if x.element_id == c).rationale == "why 2"
    board.set_participant_cards(lib, wid, ini, p1, before)
    assert [(x.element_id, x.position, x.id) for x in board.cards_for(lib, wid, ini, p1)] == \
        [(x.element_id, x.position, x.id) for x in before]
    board.set_participant_cards(lib, wid, ini, p1, after)
    assert board.cards_for(lib, wid, ini, p1) == after
    # the other participant's card was never touched
    assert [(x.element_id, x.column) for x in board.cards_for(lib, wid, ini, p2)] == [(a, "can_flex")]


def test_taking_a_card_back_and_undoing_restores_the_same_card(lib):
    wid, p1, _p2, ini = _setup(lib)
    (a,) = board.add_elements(lib, wid, ["a"], ini)
    _, placed = board.move_card(lib, wid, a, p1, "need_evidence", 0, rationale="Unknown churn")
    before, after = board.move_card(lib, wid, a, p1, None, 0)
    assert after == []
    board.set_participant_cards(lib, wid, ini, p1, before)
    assert board.cards_for(lib, wid, ini, p1) == placed


def test_agreed_column_and_rationale_are_stored(lib):
    wid, p1, _p2, ini = _setup(lib)
    (a,) = board.add_elements(lib, wid, ["a"], ini)
    board.move_card(lib, wid, a, p1, "can_flex", 0)
    board.set_rationale(lib, a, p1, "Timing is a preference.")
    board.set_agreed_column(lib, a, "can_flex")
    assert board.get_element(lib, a).agreed_column == "can_flex"
    assert board.cards_for(lib, wid, ini)[0].rationale == "Timing is a preference."


def test_removing_elements_takes_their_cards_and_undo_puts_both_back(lib):
    wid, p1, _p2, ini = _setup(lib)
    a, b = board.add_elements(lib, wid, ["a", "b"], ini)
    board.move_card(lib, wid, a, p1, "can_flex", 0, rationale="x")
    snap = board.remove_elements(lib, [a, b])
    assert board.elements_for(lib, wid, ini) == [] and board.cards_for(lib, wid, ini) == []
    board.put_back(lib, snap)
    assert [e.id for e in board.elements_for(lib, wid, ini)] == [a, b]
    assert board.cards_for(lib, wid, ini)[0].rationale == "x"
