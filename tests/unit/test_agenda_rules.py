"""Closing, review and follow-up signals as plain rules."""

from __future__ import annotations

from tension_desktop.model import Commitment
from tension_desktop.model.commitments import (
    closing_gaps,
    closing_message,
    kept_share,
    review_counts,
)
from tension_desktop.model.pulse import PulseCheck, mean_days, pulse_averages, reopened, trend
from tension_desktop.model.stage_gate import STAGES


def _three(**overrides):
    base = {
        "experiment": Commitment("experiment", "Pilot usage pricing", 1, "2027-01-31"),
        "safeguard": Commitment("safeguard", "On-time dashboard", 2, "2026-12-15"),
        "communication": Commitment("communication", "CEO note", 3, "2026-12-01"),
    }
    base.update(overrides)
    return list(base.values())


def test_three_complete_commitments_close_the_session():
    assert closing_gaps(_three()) == {}
    assert "All three" in closing_message({})


def test_the_close_names_which_commitment_lacks_an_owner_or_a_date():
    gaps = closing_gaps(_three(safeguard=Commitment("safeguard", "Dashboard", None, "2026-12-15"),
                               communication=Commitment("communication", "CEO note", 3, "")))
    assert gaps == {"safeguard": ["owner"], "communication": ["date"]}
    msg = closing_message(gaps)
    assert "Reliability safeguard needs an owner" in msg
    assert "Communication step needs a date" in msg
    assert "Experiment" not in msg


def test_a_missing_kind_counts_as_missing():
    gaps = closing_gaps(_three()[:2])
    assert gaps == {"communication": ["commitment"]}
    assert "Communication step: not written yet" in closing_message(gaps)


def test_review_counts_and_kept_share():
    cs = [Commitment("experiment", "a", status="done"), Commitment("safeguard", "b", status="slipped"),
          Commitment("communication", "c", status="dropped")]
    assert review_counts(cs) == {"open": 0, "done": 1, "slipped": 1, "dropped": 1}
    assert kept_share(cs) == 1 / 3
    assert kept_share([Commitment("experiment", "a")]) is None


def test_reopened_counts_moves_back_a_stage():
    moves = [("pilot", "validate"), ("validate", "pilot"), ("scale", "discover"), ("pilot", "pilot")]
    assert reopened(moves, STAGES) == 2


def test_pulse_averages_per_statement():
    avg = pulse_averages([PulseCheck(1, 5, 3, 4), PulseCheck(2, 3, 3, 2)])
    assert avg == {"rationale": 4, "fairness": 3, "escalation": 3, "overall": 10 / 3}
    assert pulse_averages([]) is None


def test_mean_days_between_opening_and_decision():
    assert mean_days([("2026-11-01", "2026-11-11T09:00:00Z"), ("2026-11-01", "2026-11-21")]) == 15
    assert mean_days([]) is None
    assert trend([None, 3.0, 4.5]) == "up" and trend([4.0]) == "flat" and trend([4, 2]) == "down"
