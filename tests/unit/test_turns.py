"""Private rounds in turns: who may see what, and when the round ends."""

from tension_desktop.model.turns import TurnRound


def test_nobody_sees_private_items_during_a_hand_over():
    r = TurnRound.start("tension_map", [1, 2, 3])
    assert r.current == 1 and r.phase == "handover"
    assert not r.may_see(1) and not r.may_see(2)
    assert r.may_see(None)  # group items


def test_during_a_turn_only_the_current_person_sees_their_own_items():
    r = TurnRound.start("tension_map", [1, 2, 3]).begin_turn()
    assert r.may_see(1) and not r.may_see(2)


def test_the_round_passes_the_screen_on_and_finishes_after_the_last_turn():
    r = TurnRound.start("board", [1, 2]).begin_turn().end_turn()
    assert (r.current, r.phase) == (2, "handover")
    r = r.begin_turn().end_turn()
    assert r.finished and r.current is None and not r.may_see(2)


def test_a_round_survives_a_round_trip_through_its_stored_form():
    r = TurnRound.start("premortem", [4, 5]).begin_turn()
    assert TurnRound.from_dict(r.to_dict()) == r
