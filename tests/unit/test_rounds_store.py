"""Private rounds kept as history in the store: numbered, skipped marked, exact undo, and
carried whole through a workshop file (.tension and .json)."""

from __future__ import annotations

import pytest

from tension_desktop.model import Placement
from tension_desktop.store import people, rounds, transfer, workshops
from tension_desktop.store import tension_map as store
from tension_desktop.store.rounds import EXERCISES


@pytest.fixture
def ws(lib):
    wid = workshops.create_workshop(lib, "Team", "Offsite").id
    pids = [people.add_participant(lib, wid, n, r).id for n, r in (("Ana", "CEO"), ("Bo", "CFO"), ("Cy", "COO"))]
    iids = [people.add_initiative(lib, wid, t).id for t in ("Pilot", "Migration")]
    return wid, pids, iids


def _private_round(lib, wid, pids, placed: dict[int, tuple[int, float, float]], skipped=()) -> rounds.RevealRecord:
    rounds.start_round(lib, wid, "tension_map", None, pids)
    for pid in pids:
        if pid in skipped:
            rounds.mark_turn(lib, wid, "tension_map", None, pid, "skipped")
            continue
        if pid in placed:
            iid, x, y = placed[pid]
            store.place(lib, wid, Placement(initiative_id=iid, x=x, y=y, round="private", participant_id=pid))
        rounds.mark_turn(lib, wid, "tension_map", None, pid, "done")
    return rounds.reveal(lib, wid, "tension_map", None, "turns:tension_map")


def test_rounds_are_numbered_kept_and_a_skipped_person_has_no_old_positions(lib, ws):
    wid, (ana, bo, cy), (pilot, _migration) = ws
    _private_round(lib, wid, [ana, bo, cy], {ana: (pilot, 0.2, 0.2), bo: (pilot, 0.8, 0.8)})
    _private_round(lib, wid, [ana, bo, cy], {ana: (pilot, 0.6, 0.3)}, skipped=(bo,))
    first, second = rounds.history(lib, wid, "tension_map")
    assert (first.number, second.number) == (1, 2)
    assert second.skipped == (bo,) and set(second.done) == {ana, cy}
    assert {p.participant_id for p in store.list_placements(lib, wid, ("revealed",))} == {ana}
    assert {e.participant_id for e in rounds.round_inputs(lib, first.id)} == {ana, bo}
    assert rounds.moves(lib, first.id, second.id)[(ana, pilot)] == pytest.approx(0.4123, abs=1e-3)
    assert rounds.shown_note(lib, wid, "tension_map") == "Shows round 2 (private, revealed) of 2; skipped: Bo."


def test_undo_of_a_reveal_puts_back_exactly_what_was_there(lib, ws):
    wid, (ana, bo, _cy), (pilot, _m) = ws
    rounds.start_round(lib, wid, "tension_map", None, [ana, bo])
    store.place(lib, wid, Placement(initiative_id=pilot, x=0.5, y=0.5, round="private", participant_id=ana))
    before = lib.query("SELECT * FROM placements ORDER BY id")
    record = rounds.reveal(lib, wid, "tension_map", None, "turns:tension_map")
    assert not rounds.is_hidden(lib, wid, "tension_map")
    rounds.unreveal(lib, wid, record)
    assert lib.query("SELECT * FROM placements ORDER BY id") == before
    assert rounds.is_hidden(lib, wid, "tension_map")
    assert rounds.round_inputs(lib, rounds.latest(lib, wid, "tension_map").id) == []


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_the_history_travels_whole_in_a_workshop_file(lib, ws, tmp_path, suffix):
    wid, (ana, bo, cy), (pilot, migration) = ws
    _private_round(lib, wid, [ana, bo, cy], {ana: (pilot, 0.2, 0.2), bo: (migration, 0.7, 0.1)}, skipped=(cy,))
    out = transfer.export_workshop(lib, wid, tmp_path / f"w{suffix}")
    new = transfer.import_workshop(lib, out)
    names = {p.id: p.name for p in people.list_participants(lib, new)}
    titles = {i.id: i.title for i in people.list_initiatives(lib, new)}
    [r] = rounds.history(lib, new, "tension_map")
    assert r.revealed and [names[p] for p in r.skipped] == ["Cy"]
    got = {(names[e.participant_id], titles[e.target_id], e.values["x"]) for e in rounds.round_inputs(lib, r.id)}
    assert got == {("Ana", "Pilot", 0.2), ("Bo", "Migration", 0.7)}


def test_every_private_exercise_is_described_once():
    assert set(EXERCISES) == {"tension_map", "board", "premortem_vote", "pulse", "polarity", "allocation",
                              "structure_blockers", "structure_sort", "structure_score",
                              "opening", "premortem_cards"}
