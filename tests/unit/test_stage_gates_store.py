"""Gate decisions in the library: the stage moves with the decision, history, reopened."""

import pytest

from tension_desktop.model import GateDecision, ValidationError
from tension_desktop.store import people, stage_gates, workshops


@pytest.fixture
def ws(lib):
    w = workshops.create_workshop(lib, "Team", "Offsite")
    pid = people.add_participant(lib, w.id, "Priya Raman", "COO").id
    ini = people.add_initiative(lib, w.id, "AI routing").id
    return lib, w.id, pid, ini


def stage(lib, ini):
    return people.get_initiative(lib, ini).stage


def test_a_gate_decision_moves_the_initiative_in_the_same_transaction(ws):
    lib, wid, pid, ini = ws
    d = stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "pilot", evidence="20 drivers asked",
                                                           rollback="2 late days", owner_id=pid,
                                                           review_date="2026-12-15"))
    assert stage(lib, ini) == "pilot"
    assert d.id and d.decided_at and d.owner_id == pid
    assert stage_gates.list_decisions(lib, wid, ini) == [d]


def test_undo_removes_the_decision_and_restores_the_stage_and_redo_keeps_the_same_row(ws):
    lib, wid, pid, ini = ws
    d = stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "pilot", owner_id=pid))
    stage_gates.undo_decision(lib, d.id)
    assert stage(lib, ini) == "discover" and stage_gates.list_decisions(lib, wid) == []
    again = stage_gates.record_decision(lib, wid, d)
    assert again == d and stage(lib, ini) == "pilot"


def test_a_stale_decision_is_refused_and_changes_nothing(ws):
    lib, wid, pid, ini = ws
    with pytest.raises(ValidationError):
        stage_gates.record_decision(lib, wid, GateDecision(ini, "pilot", "validate"))
    with pytest.raises(ValidationError):
        stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "discover"))
    assert stage(lib, ini) == "discover" and stage_gates.list_decisions(lib, wid) == []


def test_moving_back_is_recorded_as_reopened_and_counted_in_the_follow_up_figures(ws):
    lib, wid, pid, ini = ws
    stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "pilot"))
    stage_gates.record_decision(lib, wid, GateDecision(ini, "pilot", "validate"))
    back = stage_gates.record_decision(lib, wid, GateDecision(ini, "validate", "pilot", evidence="Milan incidents"))
    assert back.reopened and stage(lib, ini) == "pilot"
    assert stage_gates.reopened_figures(lib, wid) == {"decisions": 3, "reopened": 1}
    team = workshops.get_workshop(lib, wid).team_id
    assert stage_gates.team_reopened_figures(lib, team)[0]["reopened"] == 1


def test_the_history_is_a_timeline_with_the_owners_name(ws):
    lib, wid, pid, ini = ws
    stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "pilot", owner_id=pid,
                                                       review_date="2026-12-15"))
    stage_gates.record_decision(lib, wid, GateDecision(ini, "pilot", "discover", evidence="No driver buy-in"))
    entries = stage_gates.history(lib, wid, ini)
    assert [e.title for e in entries] == ["Advanced: Discover → Pilot", "Reopened: Pilot → Discover"]
    assert "Owner: Priya Raman (COO)" in entries[0].detail


def test_a_recorded_decision_can_be_edited_but_not_its_stages(ws):
    lib, wid, pid, ini = ws
    d = stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "pilot"))
    assert stage_gates.update_decision(lib, d.id, rollback="3 late days").rollback == "3 late days"
    with pytest.raises(ValidationError):
        stage_gates.update_decision(lib, d.id, to_stage="scale")


def test_undo_is_refused_when_the_initiative_moved_on(ws):
    lib, wid, pid, ini = ws
    d = stage_gates.record_decision(lib, wid, GateDecision(ini, "discover", "pilot"))
    stage_gates.record_decision(lib, wid, GateDecision(ini, "pilot", "validate"))
    with pytest.raises(ValidationError):
        stage_gates.undo_decision(lib, d.id)
    assert stage(lib, ini) == "validate"
