"""Participants and initiatives keep the order the coach sees, through adds, moves, removes and undo."""

from __future__ import annotations

import pytest

from tension_desktop.store import people, workshops


@pytest.fixture
def ws(lib):
    return workshops.create_workshop(lib, "Team", "Offsite")


def names(lib, ws) -> list[str]:
    return [p.name for p in people.list_participants(lib, ws.id)]


def titles(lib, ws) -> list[str]:
    return [i.title for i in people.list_initiatives(lib, ws.id)]


def test_a_participant_added_after_a_removal_goes_to_the_end(lib, ws):
    added = [people.add_participant(lib, ws.id, n) for n in "ABCDE"]
    people.remove_participant(lib, added[2].id)
    people.add_participant(lib, ws.id, "F")
    assert names(lib, ws) == ["A", "B", "D", "E", "F"]


def test_an_initiative_added_after_a_removal_goes_to_the_end(lib, ws):
    added = [people.add_initiative(lib, ws.id, t) for t in "ABCDE"]
    people.remove_initiative(lib, added[1].id)
    people.add_initiative(lib, ws.id, "F")
    assert titles(lib, ws) == ["A", "C", "D", "E", "F"]


def test_adding_at_a_place_in_the_list_puts_it_exactly_there_even_after_removals(lib, ws):
    added = [people.add_participant(lib, ws.id, n) for n in "ABCDE"]
    people.remove_participant(lib, added[1].id)
    people.add_participant(lib, ws.id, "X", position=2)
    assert names(lib, ws) == ["A", "C", "X", "D", "E"]
    people.add_participant(lib, ws.id, "Y", position=0)
    assert names(lib, ws) == ["Y", "A", "C", "X", "D", "E"]


def test_undoing_a_removal_puts_the_row_back_in_its_place(lib, ws):
    added = [people.add_participant(lib, ws.id, n) for n in "ABCD"]
    snap = people.remove_participant(lib, added[1].id)
    people.add_participant(lib, ws.id, "E")
    people.undo_remove(lib, snap)
    assert names(lib, ws) == ["A", "B", "C", "D", "E"]


def test_moving_reorders_and_clamps_to_the_list(lib, ws):
    added = [people.add_initiative(lib, ws.id, t) for t in "ABCD"]
    people.move_initiative(lib, added[0].id, 2)
    assert titles(lib, ws) == ["B", "C", "A", "D"]
    people.move_initiative(lib, added[3].id, 99)
    assert titles(lib, ws) == ["B", "C", "A", "D"]
    people.move_initiative(lib, added[3].id, -5)
    assert titles(lib, ws) == ["D", "B", "C", "A"]


def test_new_participants_get_distinct_colours(lib, ws):
    colours = [people.add_participant(lib, ws.id, f"P{i}").colour for i in range(8)]
    assert len(set(colours)) == 8
