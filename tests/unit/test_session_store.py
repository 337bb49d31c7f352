"""The session's store: agenda, opening round, commitments, follow-up and signals."""

from __future__ import annotations

from datetime import date

import pytest

from tension_desktop.model import AgendaPhase, PulseCheck, ValidationError
from tension_desktop.model.agenda_templates import DEFAULT_TEMPLATE, template
from tension_desktop.store import people, session, workshops
from tension_desktop.store.rows import restore


def _new(lib, title="Offsite"):
    return workshops.create_workshop(lib, "Northwind Logistics", title, "2026-10-01")


def test_a_new_workshop_gets_the_90_minute_template_once(lib):
    ws = _new(lib)
    assert session.ensure_agenda(lib, ws.id) is True
    phases = session.list_phases(lib, ws.id)
    assert [p.title for p in phases] == [p.title for p in template(DEFAULT_TEMPLATE)]
    assert sum(p.minutes for p in phases) == 90
    assert session.ensure_agenda(lib, ws.id) is False


def test_phases_add_move_retime_remove_and_come_back(lib):
    ws = _new(lib)
    session.ensure_agenda(lib, ws.id)
    first = session.list_phases(lib, ws.id)[0]
    added = session.add_phase(lib, ws.id, AgendaPhase("Energiser", 5), position=1)
    assert [p.title for p in session.list_phases(lib, ws.id)][1] == "Energiser"
    assert session.move_phase(lib, first.id, 3) == 0
    assert session.list_phases(lib, ws.id)[3].id == first.id
    old = session.update_phase(lib, added.id, minutes=10, notes="watch the CFO")
    assert old.minutes == 5
    assert session.get_phase(lib, added.id).notes == "watch the CFO"
    snap = session.remove_phase(lib, added.id)
    assert added.id not in [p.id for p in session.list_phases(lib, ws.id)]
    restore(lib, snap)
    assert session.get_phase(lib, added.id).minutes == 10
    positions = [p.position for p in session.list_phases(lib, ws.id)]
    assert len(set(positions)) == len(positions)


def test_replacing_the_agenda_returns_the_old_one_for_undo(lib):
    ws = _new(lib)
    session.ensure_agenda(lib, ws.id)
    old = session.apply_template(lib, ws.id, "Half day")
    assert sum(p.minutes for p in session.list_phases(lib, ws.id)) == 210
    session.replace_phases(lib, ws.id, old)
    assert sum(p.minutes for p in session.list_phases(lib, ws.id)) == 90


def test_actual_seconds_are_recorded(lib):
    ws = _new(lib)
    session.ensure_agenda(lib, ws.id)
    p = session.list_phases(lib, ws.id)[0]
    session.record_actual(lib, p.id, 412)
    assert session.get_phase(lib, p.id).actual_seconds == 412


def test_opening_round_per_participant(lib):
    ws = _new(lib)
    a = people.add_participant(lib, ws.id, "Ana", "CEO")
    assert session.set_opening(lib, ws.id, a.id, "One engineer knows billing", "Depot data") == ("", "")
    assert session.list_opening(lib, ws.id) == {a.id: ("One engineer knows billing", "Depot data")}
    session.set_opening(lib, ws.id, a.id, "", "")
    assert session.list_opening(lib, ws.id) == {}


def test_commitments_exist_once_per_kind_and_can_be_edited(lib):
    ws = _new(lib)
    cs = session.ensure_commitments(lib, ws.id)
    assert [c.kind for c in cs] == ["experiment", "safeguard", "communication"]
    assert len(session.ensure_commitments(lib, ws.id)) == 3
    old = session.update_commitment(lib, cs[0].id, text="Pilot pricing", due_date="2027-01-31")
    assert old.text == ""
    with pytest.raises(ValidationError):
        session.update_commitment(lib, cs[0].id, due_date="next week")


def test_final_answer_and_close_done_are_stored(lib):
    ws = _new(lib)
    assert session.set_final_answer(lib, ws.id, "We decide in the room.") == ""
    assert session.final_answer(lib, ws.id) == "We decide in the room."
    session.set_close_done(lib, ws.id, True)
    assert session.close_done(lib, ws.id)


def test_continuing_a_workshop_carries_people_initiatives_and_agreed_positions(demo_lib):
    lib, src = demo_lib, demo_lib.demo_id
    new = session.continue_workshop(lib, src, "Follow-up, January", "2027-01-15")
    assert new.continued_from == src
    assert [p.name for p in people.list_participants(lib, new.id)] == \
        [p.name for p in people.list_participants(lib, src)]
    assert [(i.title, i.stage) for i in people.list_initiatives(lib, new.id)] == \
        [(i.title, i.stage) for i in people.list_initiatives(lib, src)]
    agreed = lib.query("SELECT count(*) AS n FROM placements WHERE workshop_id = ? AND round = 'agreed'", (new.id,))
    assert agreed[0]["n"] == 2
    private = lib.query("SELECT count(*) AS n FROM placements WHERE workshop_id = ? AND round != 'agreed'",
                        (new.id,))
    assert private[0]["n"] == 0
    phases = session.list_phases(lib, new.id)
    assert [p.exercise for p in phases[1:3]] == ["readiness", "review"]  # the readiness review first
    assert session.previous_workshop(lib, new.id).id == src
    assert session.list_commitments(lib, new.id) == []


def test_reviewing_earlier_commitments_keeps_status_and_note(demo_lib):
    lib, src = demo_lib, demo_lib.demo_id
    first = session.list_commitments(lib, src)[0]
    assert session.review_commitment(lib, first.id, "slipped", "Pricing team was hiring") == ("open", "")
    assert session.get_commitment(lib, first.id).status == "slipped"
    assert session.review_notes(lib, src) == {"experiment": "Pricing team was hiring"}
    with pytest.raises(ValidationError):
        session.review_commitment(lib, first.id, "forgotten")


def test_team_signals_over_sessions(demo_lib):
    lib, src = demo_lib, demo_lib.demo_id
    for c, status in zip(session.list_commitments(lib, src), ["done", "done", "dropped"], strict=True):
        session.review_commitment(lib, c.id, status)
    pids = [p.id for p in people.list_participants(lib, src)]
    for pid in pids:  # the demo session has everyone's pulse: start from none
        session.set_pulse(lib, src, None, participant_id=pid)
    session.set_pulse(lib, src, PulseCheck(pids[0], 4, 3, 2))
    session.set_pulse(lib, src, PulseCheck(pids[1], 2, 3, 4))
    session.set_pulse(lib, src, PulseCheck(pids[1], 4, 3, 4))  # replaces
    new = session.continue_workshop(lib, src, "Follow-up", "2027-01-15")
    ini = people.list_initiatives(lib, new.id)[0]
    with lib.edit() as db:
        db.execute("INSERT INTO gate_decisions (workshop_id, initiative_id, from_stage, to_stage, decided_at) "
                   "VALUES (?, ?, 'validate', 'pilot', '2027-01-15T10:00:00Z')", [new.id, ini.id])
        db.execute("INSERT INTO gate_decisions (workshop_id, initiative_id, from_stage, to_stage, decided_at) "
                   "VALUES (?, ?, 'pilot', 'validate', '2027-01-15T11:00:00Z')", [new.id, ini.id])
    team = workshops.get_workshop(lib, src).team_id
    signals = session.team_signals(lib, team)
    assert [s.title for s in signals][-1] == "Follow-up"
    first = next(s for s in signals if s.workshop_id == src)
    assert first.kept_share == 2 / 3
    assert first.pulse["rationale"] == 4 and first.pulse["escalation"] == 3
    last = signals[-1]
    assert last.decisions == 2 and last.decisions_reopened == 1
    assert last.decision_days == (date(2027, 1, 15) - date(2026, 9, 18)).days  # first seen at the demo's kick-off
    assert [(d["initiative"], d["reopened"]) for d in session.revisited_decisions(lib, new.id)] == [
        ("Self-service customer portal v2", True), ("Warehouse robotics trial", False)]  # the demo session's


def test_recorded_times_can_be_cleared_and_put_back(lib):
    ws = _new(lib)
    session.ensure_agenda(lib, ws.id)
    first, second = session.list_phases(lib, ws.id)[:2]
    session.record_actual(lib, first.id, 300)
    old = session.clear_actuals(lib, ws.id)
    assert all(p.actual_seconds is None for p in session.list_phases(lib, ws.id))
    session.restore_actuals(lib, old)
    assert session.get_phase(lib, first.id).actual_seconds == 300
    assert session.get_phase(lib, second.id).actual_seconds is None
