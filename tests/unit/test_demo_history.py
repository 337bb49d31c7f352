"""The demo team has a history: a kick-off two months before the demo session, which continues it."""

from __future__ import annotations

from datetime import date

import pytest

from tension_desktop.store import demo as demo_module
from tension_desktop.store import session, stage_gates, workshops
from tension_desktop.store.demo import create_demo


def _sessions(lib):
    main = workshops.get_workshop(lib, lib.demo_id)
    return workshops.get_workshop(lib, main.continued_from), main


def test_the_demo_session_continues_a_kick_off_two_months_earlier_of_the_same_team(demo_lib):
    kickoff, main = _sessions(demo_lib)
    assert kickoff.title == "Kick-off offsite" and main.title == "Innovation vs reliability offsite"
    assert kickoff.team_id == main.team_id and kickoff.continued_from is None
    assert 50 <= (date.fromisoformat(main.date) - date.fromisoformat(kickoff.date)).days <= 70
    assert session.previous_workshop(demo_lib, main.id) == kickoff
    listed = [w.id for w in workshops.list_workshops(demo_lib)]
    assert listed == [main.id, kickoff.id], "newest first: the demo session opens first"


def test_the_kick_off_commitments_were_reviewed_in_the_demo_session(demo_lib):
    kickoff, _main = _sessions(demo_lib)
    reviewed = {c.kind: c.status for c in session.list_commitments(demo_lib, kickoff.id)}
    assert reviewed == {"experiment": "done", "safeguard": "slipped", "communication": "dropped"}
    notes = session.review_notes(demo_lib, kickoff.id)
    assert set(notes) == set(reviewed) and all(len(n) > 20 for n in notes.values())
    owners = {c.owner_id for c in session.list_commitments(demo_lib, kickoff.id)}
    kickoff_people = {r["id"] for r in demo_lib.query("SELECT id FROM participants WHERE workshop_id = ?",
                                                        (kickoff.id,))}
    assert owners <= kickoff_people, "the kick-off's commitments belong to the kick-off's own people"


def test_every_executive_answered_the_pulse_in_both_sessions_and_it_improved(demo_lib):
    kickoff, main = _sessions(demo_lib)
    for ws in (kickoff, main):
        people = {r["id"] for r in demo_lib.query("SELECT id FROM participants WHERE workshop_id = ?", (ws.id,))}
        assert len(people) == 6
        assert {p.participant_id for p in session.list_pulse(demo_lib, ws.id)} == people
    signals = session.team_signals(demo_lib, main.team_id)
    assert [s.workshop_id for s in signals] == [kickoff.id, main.id]
    assert signals[1].pulse["overall"] > signals[0].pulse["overall"]
    assert (signals[0].commitments_done, signals[0].commitments_reviewed) == (1, 3)


def test_gate_decisions_in_both_sessions_and_one_reopens_a_kick_off_decision(demo_lib):
    kickoff, main = _sessions(demo_lib)
    assert stage_gates.reopened_figures(demo_lib, kickoff.id) == {"decisions": 4, "reopened": 0}
    assert stage_gates.reopened_figures(demo_lib, main.id) == {"decisions": 2, "reopened": 1}
    titles = {r["id"]: r["title"] for r in demo_lib.query("SELECT id, title FROM initiatives")}
    [reopened] = [d for d in stage_gates.list_decisions(demo_lib, main.id) if d.reopened]
    earlier = [d for d in stage_gates.list_decisions(demo_lib, kickoff.id)
               if titles[d.initiative_id] == titles[reopened.initiative_id]]
    assert [(d.from_stage, d.to_stage) for d in earlier] == [(reopened.to_stage, reopened.from_stage)]
    revisit = session.revisited_decisions(demo_lib, main.id)
    assert len(revisit) == 4 and all(r["owner"] and r["review_date"] for r in revisit)


@pytest.mark.parametrize("which", [0, 1])
def test_every_initiative_stands_where_its_last_gate_decision_put_it(demo_lib, which):
    wid = _sessions(demo_lib)[which].id
    stages = {r["id"]: r["stage"] for r in demo_lib.query("SELECT id, stage FROM initiatives WHERE workshop_id = ?",
                                                           (wid,))}
    last: dict[int, str] = {}
    for d in stage_gates.list_decisions(demo_lib, wid):
        last[d.initiative_id] = d.to_stage
        assert d.decided_at.startswith(workshops.get_workshop(demo_lib, wid).date)
    assert last and all(stages[i] == stage for i, stage in last.items())


def test_the_demo_is_one_transaction(lib, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(demo_module.session, "review_commitment", fail)  # late in the main session
    with pytest.raises(RuntimeError):
        create_demo(lib)
    assert lib.query("SELECT count(*) AS n FROM workshops")[0]["n"] == 0
    assert lib.query("SELECT count(*) AS n FROM teams")[0]["n"] == 0


def test_a_demo_file_cut_one_byte_short_is_refused(demo_lib, tmp_path):
    """SQLite reads a missing last byte as zero: the import would take a changed value."""
    from tension_desktop.store import ImportRefused, transfer

    whole = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "demo.tension").read_bytes()
    cut = tmp_path / "cut.tension"
    cut.write_bytes(whole[:-1])
    with pytest.raises(ImportRefused, match="cut short"):
        transfer.import_workshop(demo_lib, cut)
    assert transfer.import_workshop(demo_lib, tmp_path / "demo.tension")
