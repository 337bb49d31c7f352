"""The turn rules with phones: the hand-over passes phone users by; progress counts both."""

from __future__ import annotations

import pytest

from tension_desktop.model.rules import check_setting
from tension_desktop.model.turns import TurnRound
from tension_desktop.model.validation import ValidationError


def test_a_phone_user_being_handed_the_screen_is_passed_by():
    r = TurnRound.start("tension_map", [1, 2, 3, 4])
    r = r.with_phone(1).with_phone(3)
    assert r.current == 2 and r.phase == "handover"
    r = r.begin_turn().end_turn()
    assert r.current == 4                       # 3 answers on a phone
    assert r.done_count == 1
    r = r.phone_done(3).phone_done(1)
    assert r.done_count == 3 and r.waiting_for_phones == 0
    r = r.begin_turn().end_turn()
    assert r.finished and r.done_count == 4


def test_the_last_people_on_phones_finish_the_shared_screen_round():
    r = TurnRound.start("board", [1, 2]).with_phone(2)
    r = r.begin_turn().end_turn()
    assert r.finished and r.waiting_for_phones == 1 and r.done_count == 1
    assert r.phone_done(2).done_count == 2
    assert r.phone_done(2).phone_done(2, False).done_count == 1


def test_a_person_at_the_screen_is_not_taken_off_it_and_strangers_are_ignored():
    r = TurnRound.start("board", [1, 2]).begin_turn()
    assert r.with_phone(1).current == 1 and r.with_phone(1).phase == "turn"
    assert r.with_phone(99) == r and r.phone_done(2) == r


def test_phones_travel_in_the_stored_setting_and_are_checked():
    r = TurnRound.start("pulse", [5, 6, 7]).with_phone(6).phone_done(6)
    data = r.to_dict()
    assert check_setting("turns:pulse", data) == data
    assert TurnRound.from_dict(data) == r
    assert TurnRound.from_dict(TurnRound.start("pulse", [5]).to_dict()).phones == ()
    for bad in ({**data, "phones": [99]}, {**data, "phones_done": "6"}, {**data, "extra": 1}):
        with pytest.raises(ValidationError):
            check_setting("turns:pulse", bad)
