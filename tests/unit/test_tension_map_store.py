"""Placements in the library: reveal, its exact undo, put back, labels, CSV export."""

from __future__ import annotations

import csv
import io

from tension_desktop.export.map_csv import map_csv_text, write_map_csv
from tension_desktop.model import Placement
from tension_desktop.store import people, rounds, workshops
from tension_desktop.store import tension_map as store


def _rows(lib, wid):
    return sorted(tuple(r.values()) for r in lib.query("SELECT * FROM placements WHERE workshop_id = ?", (wid,)))


def _setup(lib):
    wid = workshops.create_workshop(lib, "Team", "Offsite").id
    a = people.add_participant(lib, wid, "Ana", "CEO").id
    b = people.add_participant(lib, wid, "Bo", "CFO").id
    i = people.add_initiative(lib, wid, "Pilot").id
    return wid, a, b, i


def test_reveal_turns_every_private_placement_into_a_revealed_one(lib):
    wid, a, b, i = _setup(lib)
    store.place(lib, wid, Placement(initiative_id=i, x=0.2, y=0.3, participant_id=a, round="private"))
    store.place(lib, wid, Placement(initiative_id=i, x=0.7, y=0.8, participant_id=b, round="private"))
    assert store.private_count(lib, wid) == 2
    rounds.reveal(lib, wid, "tension_map")
    assert store.private_count(lib, wid) == 0
    assert {p.round for p in store.list_placements(lib, wid)} == {"revealed"}


def test_reveal_replaces_an_earlier_revealed_placement_and_undo_puts_everything_back(lib):
    wid, a, b, i = _setup(lib)
    store.place(lib, wid, Placement(initiative_id=i, x=0.1, y=0.1, participant_id=a, round="revealed"))
    store.place(lib, wid, Placement(initiative_id=i, x=0.9, y=0.9, participant_id=a, round="private"))
    finished = {"exercise": "tension_map", "order": [a, b], "index": 2, "phase": "finished"}
    workshops.set_setting(lib, wid, "turns:tension_map", finished)
    before = _rows(lib, wid)
    record = rounds.reveal(lib, wid, "tension_map", None, "turns:tension_map")
    after = store.list_placements(lib, wid)
    assert [(p.x, p.round) for p in after] == [(0.9, "revealed")]
    assert workshops.get_setting(lib, wid, "turns:tension_map") is None
    rounds.unreveal(lib, wid, record)
    assert _rows(lib, wid) == before
    assert workshops.get_setting(lib, wid, "turns:tension_map") == finished


def test_put_back_restores_the_previous_placement_with_its_id_or_removes_a_first_one(lib):
    wid, a, _b, i = _setup(lib)
    first = store.place(lib, wid, Placement(initiative_id=i, x=0.2, y=0.3, participant_id=a, round="revealed"))
    store.place(lib, wid, Placement(initiative_id=i, x=0.6, y=0.6, participant_id=a, round="revealed"))
    store.put_back(lib, wid, first, i, a, "revealed")
    [p] = store.list_placements(lib, wid)
    assert (p.id, p.x, p.y) == (first.id, 0.2, 0.3)
    store.put_back(lib, wid, None, i, a, "revealed")
    assert store.list_placements(lib, wid) == []


def test_labels_are_stored_per_workshop_and_empty_means_defaults(lib):
    wid, *_ = _setup(lib)
    store.set_labels(lib, wid, axes={"x": "Growth"}, quadrants={"routine": "Keep the lights on"},
                     governance={"routine": "Monthly check"})
    assert store.axis_labels(lib, wid)["x"] == "Growth"
    assert store.axis_labels(lib, wid)["y"] == "Reliability criticality"
    assert store.quadrant_labels(lib, wid)["routine"] == "Keep the lights on"
    assert store.governance_names(lib, wid)["routine"] == "Monthly check"
    assert store.labels(lib, wid)["axes"] == {"x": "Growth"}
    store.set_labels(lib, wid, axes={}, quadrants={}, governance={})
    assert store.labels(lib, wid) == {"axes": {}, "quadrants": {}, "governance": {}}


def test_csv_has_one_row_per_placement_with_the_governance_of_agreed_ones(demo_lib, tmp_path):
    wid = demo_lib.demo_id
    rows = list(csv.DictReader(io.StringIO(map_csv_text(demo_lib, wid))))
    assert len(rows) == len(store.list_placements(demo_lib, wid))
    agreed = [r for r in rows if r["round"] == "agreed"]
    assert len(agreed) == 2
    assert all(r["participant"] == "(group)" and r["governance"] for r in agreed)
    out = write_map_csv(demo_lib, wid, tmp_path / "map.csv")
    assert out.read_text(encoding="utf-8-sig").count("\n") == len(rows) + 1


def test_csv_never_lets_participant_text_run_as_a_formula(lib):
    wid, a, _b, _i = _setup(lib)
    evil = people.add_initiative(lib, wid, "=HYPERLINK(\"x\")").id
    store.place(lib, wid, Placement(initiative_id=evil, x=0.5, y=0.5, participant_id=a, round="revealed"))
    [row] = list(csv.DictReader(io.StringIO(map_csv_text(lib, wid))))
    assert row["initiative"].startswith("'=")


def test_cli_exports_the_map_as_csv(tmp_path):
    from tension_desktop.cli import main

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0
    out = tmp_path / "m.csv"
    assert main(["--data-dir", str(data), "export", "map", "1", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("initiative,participant")
