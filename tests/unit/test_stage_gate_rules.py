"""Stage-gate rules: criteria per stage (the bar rises toward scale), reopened decisions."""

import pytest

from tension_desktop.model import GateDecision, ValidationError
from tension_desktop.model.stage_gate import (
    GATE_CRITERIA,
    STAGES,
    criteria_for,
    direction,
    missing_fields,
    reopen_rate,
    reopened_count,
    skipped_stages,
    timeline,
)


def test_the_bar_rises_toward_scale():
    levels = [criteria_for(s).level for s in STAGES]
    assert levels == sorted(levels) and len(set(levels)) == 4
    after_pilot = [criteria_for(s).review_days for s in STAGES[STAGES.index("pilot"):]]
    assert after_pilot == sorted(after_pilot)


def test_a_pilot_is_reviewed_weekly_by_default():
    assert criteria_for("pilot").review_days == 7
    assert min(criteria_for(s).review_days for s in STAGES) == 7


def test_a_pilot_tolerates_ambiguity_with_limited_customer_exposure():
    pilot = criteria_for("pilot")
    assert "ambiguity" in pilot.risk and "limited" in pilot.customer_exposure
    assert any("smallest reversible experiment" in p for p in pilot.evidence_prompts)


def test_scale_demands_resilience_support_readiness_and_cost_clarity():
    text = " ".join(criteria_for("scale").checklist() + list(criteria_for("scale").evidence_prompts)).lower()
    for word in ("resilience", "support", "cost"):
        assert word in text


def test_every_stage_has_criteria_for_risk_investment_and_reliability_evidence():
    for stage in STAGES:
        lines = GATE_CRITERIA[stage].checklist()
        assert [line.split(":")[0] for line in lines] == ["Risk", "Investment", "Reliability evidence",
                                                           "Customer exposure"]


def test_unknown_stage_has_no_criteria():
    with pytest.raises(ValidationError):
        criteria_for("launch")


def test_moving_back_is_a_reopened_decision_and_is_counted():
    ds = [GateDecision(1, "discover", "pilot"), GateDecision(1, "pilot", "validate"),
          GateDecision(1, "validate", "pilot")]
    assert [d.reopened for d in ds] == [False, False, True]
    assert reopened_count(ds) == 1
    assert reopen_rate(ds) == pytest.approx(1 / 3)
    assert reopen_rate([]) == 0.0
    assert direction("validate", "pilot") == "reopen" and direction("pilot", "scale") == "advance"


def test_jumping_a_stage_names_what_was_skipped():
    assert skipped_stages("discover", "validate") == ["pilot"]
    assert skipped_stages("pilot", "validate") == []
    assert skipped_stages("scale", "discover") == []


def test_an_advance_needs_evidence_rollback_owner_and_review_date():
    assert missing_fields(GateDecision(1, "pilot", "validate")) == \
        ["evidence", "rollback criteria", "owner", "next review date"]
    assert missing_fields(GateDecision(1, "pilot", "validate", evidence="e", rollback="r", owner_id=2,
                                       review_date="2026-12-01")) == []


def test_a_reopened_decision_needs_a_reason_not_rollback_criteria():
    assert missing_fields(GateDecision(1, "validate", "pilot", owner_id=2, review_date="2026-12-01",
                                       reopen_cause="new_information")) == ["reason"]


@pytest.mark.parametrize("cause", ["new_information", "poor_framing"])
def test_a_reopened_decision_says_whether_new_information_or_poor_framing_caused_it(cause):
    base = dict(initiative_id=1, from_stage="validate", to_stage="pilot", evidence="x", owner_id=2,
                review_date="2026-12-01")
    assert missing_fields(GateDecision(**base)) == ["cause (new information or poor framing)"]
    assert missing_fields(GateDecision(**base, reopen_cause=cause)) == []
    with pytest.raises(ValueError):
        GateDecision(**base, reopen_cause="bad luck")


def test_the_history_reads_oldest_first_with_names():
    ds = [GateDecision(1, "pilot", "validate", evidence="met thresholds", owner_id=7, decided_at="2026-11-02T10:00",
                       id=2),
          GateDecision(1, "discover", "pilot", decided_at="2026-10-01T09:00", id=1),
          GateDecision(1, "validate", "pilot", evidence="Milan incidents", decided_at="2026-11-20T09:00", id=3)]
    entries = timeline(ds, {7: "Priya Raman (COO)"})
    assert [e.title for e in entries] == ["Advanced: Discover → Pilot", "Advanced: Pilot → Validate",
                                          "Reopened: Validate → Pilot"]
    assert "Owner: Priya Raman (COO)" in entries[1].detail and "Evidence: met thresholds" in entries[1].detail
    assert entries[2].reopened and "Why: Milan incidents" in entries[2].detail
    assert entries[0].when == "2026-10-01"


def test_governance_names_follow_the_playbooks_table_of_decision_approaches():
    from tension_desktop.model.tension_map import DECISION_APPROACHES, DEFAULT_GOVERNANCE

    names = {q: text.split(":")[0] for q, text in DEFAULT_GOVERNANCE.items()}
    assert names == {"routine": "Ad hoc debate", "safe_to_experiment": "Stage-gate model",
                     "protect_and_run": "Risk-threshold model", "bet_with_guardrails": "Pre-mortem + pilot"}
    assert set(names.values()) <= set(DECISION_APPROACHES)
