"""The team's own limits and definitions: the overload limit (thresholds per owner) and the
gate criteria of each stage are stored per workshop, used by the checks, the PDFs and the
gate form, refused when malformed, and travel with Continue, duplicate and file transfer."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tension_desktop.export.covenant_pdf import CovenantData, export_covenant
from tension_desktop.model import EscalationThreshold, ValidationError
from tension_desktop.model.covenant import OWNER_LIMIT, covenant_warnings
from tension_desktop.model.stage_gate import GATE_CRITERIA, criteria_for
from tension_desktop.store import (
    ImportRefused,
    covenant,
    people,
    session,
    stage_gates,
    transfer,
    workshops,
)


def overloaded(lib, wid) -> list[str]:
    data = CovenantData.load(lib, wid)
    return [w.message for w in covenant_warnings(participants=data.participants, thresholds=data.thresholds,
                                                 owner_limit=data.owner_limit) if w.check == "owner_overload"]


@pytest.fixture
def team(lib):
    ws = workshops.create_workshop(lib, "Board", "Kick-off", "2026-10-01")
    ana, bo = (people.add_participant(lib, ws.id, n).id for n in ("Ana", "Bo"))
    for n in range(3):
        covenant.add_threshold(lib, ws.id, EscalationThreshold(metric=f"M{n}", threshold="3 %", lever="pause",
                                                               owner_ids=(ana,)))
    covenant.add_threshold(lib, ws.id, EscalationThreshold(metric="M9", threshold="1", lever="stop", owner_ids=(bo,)))
    return lib, ws.id


def test_the_overload_limit_is_stored_and_used_by_the_checks_and_the_pdf(team, tmp_path):
    lib, wid = team
    assert covenant.owner_limit(lib, wid) == OWNER_LIMIT == 3
    assert overloaded(lib, wid) == []  # Ana holds 3: at the limit
    covenant.set_owner_limit(lib, wid, 2)
    assert covenant.owner_limit(lib, wid) == 2
    [msg] = overloaded(lib, wid)
    assert "Ana owns 3 thresholds (more than 2)" in msg
    [res] = export_covenant(lib, wid, tmp_path / "c.pdf")
    text = " ".join("".join(p.extract_text() for p in PdfReader(str(res.path)).pages).split())
    assert "Our limit is 2 thresholds per owner; 1 owner holds more." in text
    covenant.set_owner_limit(lib, wid, 5)
    [res] = export_covenant(lib, wid, tmp_path / "c5.pdf")
    text = " ".join("".join(p.extract_text() for p in PdfReader(str(res.path)).pages).split())
    assert "Each owner watches at most 5 thresholds." in text
    for bad in (0, 13, 2.5, "3", True):
        with pytest.raises(ValidationError):
            covenant.set_owner_limit(lib, wid, bad)
    assert covenant.owner_limit(lib, wid) == 5


def test_the_team_s_gate_criteria_replace_the_playbook_s_wording_only_where_given(team):
    lib, wid = team
    assert stage_gates.criteria(lib, wid, "pilot") == GATE_CRITERIA["pilot"]
    stage_gates.set_own_criteria(lib, wid, {"pilot": {"reliability_evidence": "Rollback drilled twice", "risk": " "},
                                            "scale": {"customer_exposure": "All EU customers after 90 days"}})
    assert stage_gates.own_criteria(lib, wid) == {"pilot": {"reliability_evidence": "Rollback drilled twice"},
                                                  "scale": {"customer_exposure": "All EU customers after 90 days"}}
    pilot = stage_gates.criteria(lib, wid, "pilot")
    assert pilot.reliability_evidence == "Rollback drilled twice"
    assert pilot.risk == GATE_CRITERIA["pilot"].risk  # blank: the playbook's
    assert "Reliability evidence: Rollback drilled twice" in pilot.checklist()
    assert stage_gates.criteria(lib, wid, "validate") == GATE_CRITERIA["validate"]
    for bad in ({"launch": {"risk": "x"}}, {"pilot": {"budget": "x"}}, {"pilot": {"risk": "x" * 501}},
                {"pilot": ["risk"]}, ["pilot"]):
        with pytest.raises(ValidationError):
            workshops.set_setting(lib, wid, stage_gates.CRITERIA_KEY, bad)
    assert criteria_for("pilot", {"pilot": {"risk": ""}}) == GATE_CRITERIA["pilot"]


def test_limits_and_criteria_travel_with_continue_duplicate_and_the_workshop_file(team, tmp_path):
    lib, wid = team
    covenant.set_owner_limit(lib, wid, 2)
    own = {"validate": {"reliability_evidence": "Two clean weeks in Lyon"}}
    stage_gates.set_own_criteria(lib, wid, own)
    follow_up = session.continue_workshop(lib, wid, "Follow-up", "2026-11-01").id
    copy = workshops.duplicate_workshop(lib, wid).id
    path = transfer.export_workshop(lib, wid, tmp_path / "board.tension")
    imported = transfer.import_workshop(lib, path)
    for other in (follow_up, copy, imported):
        assert covenant.owner_limit(lib, other) == 2, other
        assert stage_gates.own_criteria(lib, other) == own, other
        assert len(overloaded(lib, other)) == 1, other  # the checks use the carried limit


def test_an_import_refuses_a_malformed_limit(team, tmp_path):
    lib, wid = team
    data = transfer.workshop_to_dict(lib, wid)
    data["tables"]["workshop_settings"] = [*data["tables"].get("workshop_settings", []),
                                           {"key": "covenant:owner_limit", "value": json.dumps(0)}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = len(workshops.list_workshops(lib)) if hasattr(workshops, "list_workshops") else None
    with pytest.raises(ImportRefused, match="owner_limit"):
        transfer.import_workshop(lib, path)
    if before is not None:
        assert len(workshops.list_workshops(lib)) == before  # all or nothing


def test_a_phase_scope_and_metric_are_checked_and_travel_with_the_initiative(team, tmp_path):
    lib, wid = team
    ini = people.add_initiative(lib, wid, "Lyon pilot")
    assert stage_gates.set_phase(lib, ini.id, "region", " Lyon depot ", "On-time >= 95 %") == ("", "", "")
    got = people.get_initiative(lib, ini.id)
    assert (got.phase_scope_kind, got.phase_scope, got.phase_metric) == ("region", "Lyon depot", "On-time >= 95 %")
    with pytest.raises(ValidationError):
        stage_gates.set_phase(lib, ini.id, "planet", "Mars", "")
    with pytest.raises(ValidationError):
        stage_gates.set_phase(lib, ini.id, "segment", "x" * 201, "")
    follow_up = session.continue_workshop(lib, wid, "Follow-up", "2026-11-01").id
    copy = workshops.duplicate_workshop(lib, wid).id
    imported = transfer.import_workshop(lib, transfer.export_workshop(lib, wid, tmp_path / "b.tension"))
    for other in (follow_up, copy, imported):
        [carried] = [i for i in people.list_initiatives(lib, other) if i.title == "Lyon pilot"]
        assert (carried.phase_scope_kind, carried.phase_scope, carried.phase_metric) == (
            "region", "Lyon depot", "On-time >= 95 %"), other
