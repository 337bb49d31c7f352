"""The polarity map without a window: its rules, its store on a real SQLite file, its travels
(JSON and .tension round trips, duplicate, Continue) and its report section."""

from __future__ import annotations

import subprocess

import pytest

from tension_desktop.export.report_pdf import export_report
from tension_desktop.model import ValidationError
from tension_desktop.model.polarity import (
    PolarityItem,
    PolarityVoice,
    anti_patterns,
    default_poles,
    grouped,
    share_summary,
    voices_by_pole,
)
from tension_desktop.store import covenant, people, polarity, rounds, session, transfer, workshops
from tension_desktop.store.library import open_library
from tension_desktop.store.rows import restore

POLES = {"a": "Innovation", "b": "Execution"}


def test_the_poles_are_named_from_the_tension_maps_axes_until_the_team_names_them(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    assert polarity.poles(lib, ws.id) == {"a": "Innovation", "b": "Reliability"}
    assert default_poles({"x": "Vision", "y": "Attention to detail"}) == {"a": "Vision", "b": "Attention to detail"}
    polarity.set_poles(lib, ws.id, {"a": "Speed", "b": "Safety"})
    assert polarity.poles(lib, ws.id) == {"a": "Speed", "b": "Safety"}
    with pytest.raises(ValidationError):
        polarity.set_poles(lib, ws.id, {"a": " ", "b": "Safety"})


def test_separate_full_time_jobs_are_flagged_from_the_teams_own_action_steps():
    items = [PolarityItem("a", "action", "Innovation hours after the evening dispatch"),
             PolarityItem("b", "action", "Runbook for every pilot")]
    found = anti_patterns(items, [], POLES)
    assert [a.key for a in found] == ["separate_jobs"]
    assert found[0].evidence == ("Innovation hours after the evening dispatch",)
    assert anti_patterns([PolarityItem("a", "action", "Two-week experiment slots in the normal week")], [], POLES) == []


def test_an_even_split_is_flagged_only_when_most_people_ask_for_it():
    even = [PolarityVoice(i, share_a=s) for i, s in enumerate((50, 50, 45, 20), start=1)]
    found = anti_patterns([], even, POLES)
    assert [a.key for a in found] == ["even_split"] and "3 of 4" in found[0].why
    assert anti_patterns([], [PolarityVoice(i, share_a=s) for i, s in enumerate((50, 30, 20), 1)], POLES) == []
    assert share_summary(even) == (48, 20, 50)


def test_the_reveal_groups_voices_under_the_pole_they_speak_for():
    voices = [PolarityVoice(1, preserve="uptime", pole="b"), PolarityVoice(2, fear="we stall", pole="a"),
              PolarityVoice(3, preserve="both", pole=""), PolarityVoice(4)]
    by = voices_by_pole(voices)
    assert [v.participant_id for v in by["a"]] == [2] and [v.participant_id for v in by["b"]] == [1]
    assert [v.participant_id for v in by[""]] == [3]  # an empty voice is not shown at all
    assert PolarityVoice(4).missing() == ["preserve", "fear", "pole", "share"]
    with pytest.raises(ValidationError):
        PolarityVoice(1, share_a=101)


def test_items_keep_their_cell_and_order_and_an_owner_must_be_in_the_workshop(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    other = workshops.create_workshop(lib, "Team", "Other")
    stranger = people.add_participant(lib, other.id, "Stranger")
    ana = people.add_participant(lib, ws.id, "Ana", "COO")
    first = polarity.add_item(lib, ws.id, PolarityItem("b", "warning", "On-time below 97 %", owner_id=ana.id))
    second = polarity.add_item(lib, ws.id, PolarityItem("b", "warning", "Backlog above 150"))
    polarity.move_item(lib, second.id, 0)
    cells = grouped(polarity.list_items(lib, ws.id))
    assert [i.id for i in cells[("b", "warning")]] == [second.id, first.id]
    assert cells[("b", "warning")][0].needs_owner and not cells[("b", "warning")][1].needs_owner
    with pytest.raises(ValidationError):
        polarity.update_item(lib, second.id, owner_id=stranger.id)
    old = polarity.update_item(lib, second.id, text="Backlog above 150 for 3 days", owner_id=ana.id)
    assert old.text == "Backlog above 150" and polarity.get_item(lib, second.id).owner_id == ana.id
    snap = polarity.remove_item(lib, first.id)
    restore(lib, snap)
    assert polarity.get_item(lib, first.id).text == "On-time below 97 %"


def test_an_early_warning_becomes_a_covenant_threshold_draft_with_its_owner(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    ana = people.add_participant(lib, ws.id, "Ana", "COO")
    item = polarity.add_item(lib, ws.id, PolarityItem("a", "warning", "Pilot incidents above 2 a week",
                                                      owner_id=ana.id))
    t = polarity.warning_to_threshold(lib, item.id)
    stored = covenant.get_threshold(lib, t.id)
    assert (stored.metric, stored.owner_ids) == ("Pilot incidents above 2 a week", (ana.id,))
    assert "early warning" in stored.draft_for and "Innovation" in stored.draft_for
    up = polarity.add_item(lib, ws.id, PolarityItem("a", "upside", "New revenue"))
    with pytest.raises(ValidationError):
        polarity.warning_to_threshold(lib, up.id)


def test_the_private_voices_are_a_private_round_kept_as_history(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    a, b = (people.add_participant(lib, ws.id, n).id for n in ("Ana", "Bo"))
    rounds.start_round(lib, ws.id, "polarity", None, [a, b])
    polarity.set_voice(lib, ws.id, PolarityVoice(a, preserve="p" * 1000, fear="Execution by day, innovation at night",
                                                 pole="a", share_a=50))
    assert rounds.is_hidden(lib, ws.id, "polarity")
    rounds.reveal(lib, ws.id, "polarity")
    kept = rounds.round_inputs(lib, rounds.latest(lib, ws.id, "polarity").id)
    assert [(e.participant_id, e.values["share_a"], len(e.values["preserve"])) for e in kept] == [(a, 50, 1000)]
    rounds.start_round(lib, ws.id, "polarity", None, [a, b])
    assert polarity.list_voices(lib, ws.id) == []  # a new round starts empty


@pytest.mark.parametrize("suffix", [".json", ".tension"])
def test_the_polarity_map_round_trips_through_workshop_files(demo_lib, tmp_path, suffix):
    wid = demo_lib.demo_id
    rounds.start_round(demo_lib, wid, "polarity", None, [p.id for p in people.list_participants(demo_lib, wid)])
    polarity.set_voice(demo_lib, wid, PolarityVoice(people.list_participants(demo_lib, wid)[0].id,
                                                    preserve="Ünïcode ✓ " + "x" * 900, pole="b", share_a=30))
    rounds.reveal(demo_lib, wid, "polarity")
    path = transfer.export_workshop(demo_lib, wid, tmp_path / f"w{suffix}")
    target = open_library(tmp_path / "other" / "library.sqlite")
    try:
        new = transfer.import_workshop(target, path)
        names = {p.id: p.name for p in people.list_participants(target, new)}
        src_names = {p.id: p.name for p in people.list_participants(demo_lib, wid)}

        def shape(lib, w, nm):
            return (polarity.poles(lib, w),
                    sorted((i.pole, i.kind, i.text, nm.get(i.owner_id), i.position) for i in polarity.list_items(lib, w)),
                    sorted((nm[v.participant_id], v.preserve, v.fear, v.pole, v.share_a)
                           for v in polarity.list_voices(lib, w)))
        assert shape(target, new, names) == shape(demo_lib, wid, src_names)
        assert len(polarity.list_items(target, new)) >= 10
        assert [r.label for r in rounds.history(target, new, "polarity")] == \
            [r.label for r in rounds.history(demo_lib, wid, "polarity")]
    finally:
        target.close()


def test_duplicate_copies_the_map_and_continue_carries_it_without_the_voices(demo_lib):
    wid = demo_lib.demo_id
    copy = workshops.duplicate_workshop(demo_lib, wid).id
    assert len(polarity.list_items(demo_lib, copy)) == len(polarity.list_items(demo_lib, wid))
    assert len(polarity.list_voices(demo_lib, copy)) == len(polarity.list_voices(demo_lib, wid)) > 0
    follow = session.continue_workshop(demo_lib, wid, "Follow-up", "2027-01-15").id
    names = {p.id: p.name for p in people.list_participants(demo_lib, follow)}
    carried = polarity.list_items(demo_lib, follow)
    assert len(carried) == len(polarity.list_items(demo_lib, wid))
    assert {names[i.owner_id] for i in carried if i.owner_id is not None} == {"Jonas Weber", "Priya Raman", "Kenji Sato"}
    assert polarity.list_voices(demo_lib, follow) == []
    assert polarity.poles(demo_lib, follow) == {"a": "Innovation", "b": "Execution"}


def test_the_report_prints_the_map_and_the_revealed_voices_never_a_hidden_round(demo_lib, tmp_path):
    wid = demo_lib.demo_id
    text = subprocess.run(["pdftotext", str(export_report(demo_lib, wid, tmp_path / "r.pdf").path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Polarity map: Innovation and Execution" in text and "Two full-time jobs" in text
    assert "Engineers who want to build" in text
    rounds.start_round(demo_lib, wid, "polarity", None, [p.id for p in people.list_participants(demo_lib, wid)])
    polarity.set_voice(demo_lib, wid, PolarityVoice(people.list_participants(demo_lib, wid)[0].id,
                                                    preserve="A secret worth keeping"))
    text = subprocess.run(["pdftotext", str(export_report(demo_lib, wid, tmp_path / "r2.pdf").path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "A secret worth keeping" not in text and "not revealed yet" in text


def _csv(path):
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_the_csv_neutralises_formulas_and_leaves_out_a_hidden_round(demo_lib, tmp_path):
    from tension_desktop.export.exercise_csv import POLARITY_HEADER, write_polarity_csv

    wid = demo_lib.demo_id
    polarity.add_item(demo_lib, wid, PolarityItem("a", "upside", "=HYPERLINK(\"http://x\")"))
    rows = _csv(write_polarity_csv(demo_lib, wid, tmp_path / "p.csv"))
    assert rows[0] == POLARITY_HEADER
    assert ["map", "Innovation", "Upsides", "'=HYPERLINK(\"http://x\")", "", "", "", "", ""] in rows
    assert sum(r[0] == "voice" for r in rows) == 6
    rounds.start_round(demo_lib, wid, "polarity", None, [p.id for p in people.list_participants(demo_lib, wid)])
    polarity.set_voice(demo_lib, wid, PolarityVoice(people.list_participants(demo_lib, wid)[0].id, preserve="secret"))
    rows = _csv(write_polarity_csv(demo_lib, wid, tmp_path / "p2.csv"))
    assert not any(r[0] == "voice" for r in rows) and not any("secret" in c for r in rows for c in r)


def test_the_command_line_writes_both_exercise_csvs(tmp_path):
    import os
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    base = [sys.executable, "-m", "tension_desktop", "--data-dir", str(tmp_path / "data")]
    subprocess.run([*base, "demo"], check=True, env=env, capture_output=True, text=True)
    listed = subprocess.run([*base, "list", "--json"], check=True, env=env, capture_output=True, text=True).stdout
    import json

    wid = next(w["id"] for t in json.loads(listed) for w in t["workshops"] if w["title"] == "Innovation vs reliability offsite")
    for what in ("polarity", "allocation"):
        out = tmp_path / f"{what}.csv"
        done = subprocess.run([*base, "export", what, str(wid), "--out", str(out)], env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
        assert len(_csv(out)) > 10
    missing = subprocess.run([*base, "export", "polarity", "999", "--out", str(tmp_path / "x.csv")], env=env,
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "No workshop with id 999" in missing.stderr
