"""The covenant's checks: pure functions, no window, no database."""

from __future__ import annotations

import pytest

from tension_desktop.model import (
    Commitment,
    CovenantItem,
    DecisionRight,
    EscalationThreshold,
    Participant,
)
from tension_desktop.model.covenant import (
    covenant_warnings,
    has_number,
    idle_participant_warnings,
    overlap_warnings,
    personal_part,
    threshold_warnings,
)
from tension_desktop.model.decision_rights import approver_warnings

ANA, BO, CY = (Participant(name=n, id=i) for n, i in (("Ana", 1), ("Bo", 2), ("Cyrus", 3)))
NAMES = {1: "Ana", 2: "Bo", 3: "Cyrus"}


def checks(warnings):
    return [(w.check, w.subject_id) for w in warnings]


def test_a_complete_threshold_raises_nothing():
    t = EscalationThreshold(metric="Churn", threshold="3 % monthly", lever="pause pricing rollout", owner_ids=(1,), id=7)
    assert threshold_warnings([t], NAMES) == []


def test_a_threshold_with_no_owner_is_flagged():
    t = EscalationThreshold(metric="Churn", threshold="3 %", lever="pause", id=7)
    w = threshold_warnings([t], NAMES)
    assert checks(w) == [("threshold_owner", 7)]
    assert "no owner" in w[0].message and "Churn" in w[0].message


def test_a_threshold_with_two_owners_names_both():
    t = EscalationThreshold(metric="Churn", threshold="3 %", lever="pause", owner_ids=(1, 2), id=7)
    w = threshold_warnings([t], NAMES)
    assert checks(w) == [("threshold_owner", 7)]
    assert "Ana and Bo" in w[0].message


def test_a_threshold_with_no_lever_is_flagged():
    t = EscalationThreshold(metric="Churn", threshold="3 %", owner_ids=(1,), id=7)
    assert checks(threshold_warnings([t])) == [("threshold_lever", 7)]


@pytest.mark.parametrize("text", ["when churn gets high", "too many incidents"])
def test_a_threshold_without_a_number_is_flagged(text):
    t = EscalationThreshold(metric="Churn", threshold=text, lever="pause", owner_ids=(1,), id=7)
    w = threshold_warnings([t])
    assert checks(w) == [("threshold_number", 7)]
    assert "no number" in w[0].message


def test_an_empty_threshold_is_flagged_as_missing_its_number():
    t = EscalationThreshold(metric="Churn", lever="pause", owner_ids=(1,), id=7)
    assert checks(threshold_warnings([t])) == [("threshold_number", 7)]


@pytest.mark.parametrize("text", ["3%", "p99 > 800 ms", "٣٪", "３ 件", "two 2"])
def test_numbers_count_in_any_script(text):
    assert has_number(text)


def test_words_are_not_numbers():
    assert not has_number("three percent")


def test_a_decision_with_no_approver_is_flagged():
    d = DecisionRight(decision="Go live in EU", roles={"recommend": (1,)}, id=4)
    w = approver_warnings([d], NAMES)
    assert checks(w) == [("decision_approver", 4)]
    assert "Nobody approves" in w[0].message


def test_a_decision_with_two_approvers_names_them():
    d = DecisionRight(decision="Go live in EU", roles={"approve": (1, 3)}, id=4)
    w = approver_warnings([d], NAMES)
    assert checks(w) == [("decision_approver", 4)]
    assert "Ana and Cyrus" in w[0].message


def test_a_decision_with_exactly_one_approver_passes():
    d = DecisionRight(decision="Go live in EU", roles={"approve": (2,), "informed": (1, 3)}, id=4)
    assert approver_warnings([d]) == []


def test_an_item_both_protected_and_degradable_is_flagged_ignoring_case_and_punctuation():
    items = [CovenantItem(kind="protected", text="Checkout latency", id=1),
             CovenantItem(kind="degradable", text="checkout  latency.", limit="+200 ms", id=2),
             CovenantItem(kind="protected", text="EU data residency", id=3)]
    w = overlap_warnings(items)
    assert checks(w) == [("protected_and_degradable", 1)]


def test_a_participant_who_owns_nothing_is_flagged():
    t = EscalationThreshold(metric="Churn", owner_ids=(1,))
    d = DecisionRight(decision="Scale", roles={"approve": (2,)})
    w = idle_participant_warnings([ANA, BO, CY], [t], [d], [])
    assert checks(w) == [("owns_nothing", 3)]
    assert w[0].message.startswith("Cyrus owns nothing")


def test_recommending_or_being_informed_is_not_owning():
    d = DecisionRight(decision="Scale", roles={"approve": (1,), "recommend": (3,), "informed": (2,)})
    assert [w.subject_id for w in idle_participant_warnings([ANA, BO, CY], [], [d], [])] == [2, 3]


def test_a_commitment_counts_as_owning_something():
    c = Commitment(kind="experiment", text="Pilot", owner_id=3)
    assert [w.subject_id for w in idle_participant_warnings([CY], [], [], [c])] == []


def test_all_checks_together_in_section_order():
    w = covenant_warnings(
        participants=[ANA, BO],
        items=[CovenantItem(kind="protected", text="Uptime", id=1), CovenantItem(kind="degradable", text="uptime", id=2)],
        thresholds=[EscalationThreshold(metric="Churn", threshold="3%", lever="x", owner_ids=(1,), id=5)],
        decisions=[DecisionRight(decision="Scale", roles={}, id=9)],
    )
    assert checks(w) == [("protected_and_degradable", 1), ("decision_approver", 9), ("owns_nothing", 2)]


def test_personal_part_holds_their_thresholds_decisions_with_roles_and_commitments():
    t1 = EscalationThreshold(metric="Churn", owner_ids=(1,), id=1)
    t2 = EscalationThreshold(metric="Latency", owner_ids=(2,), id=2)
    d = DecisionRight(decision="Scale", roles={"approve": (1,), "informed": (1, 2)}, id=3)
    c = Commitment(kind="safeguard", text="Runbook", owner_id=1, id=4)
    part = personal_part(1, [t1, t2], [d], [c])
    assert part.thresholds == (t1,)
    assert part.decisions == ((d, ("approve", "informed")),)
    assert part.commitments == (c,)
    assert personal_part(3, [t1, t2], [d], [c]).empty


def test_a_two_thousand_character_item_is_allowed():
    assert len(CovenantItem(kind="protected", text="x" * 2000).text) == 2000
