"""Alignment rules of the three-column board: split, dispute, hidden conflict, order, candidates."""

from __future__ import annotations

import pytest

from tension_desktop.model import BoardCard, BoardElement
from tension_desktop.model.board import (
    alignment,
    degradable_candidates,
    dispute_score,
    evidence_questions,
    is_hidden_conflict,
    majority_column,
    place_card,
    protected_candidates,
    split_counts,
    split_label,
)


def cards(element_id: int, *columns: str) -> list[BoardCard]:
    return [BoardCard(element_id=element_id, participant_id=n + 1, column=c) for n, c in enumerate(columns)]


def test_split_counts_every_column_and_reads_like_the_room():
    counts = split_counts(cards(1, *["must_protect"] * 4, "can_flex", "need_evidence"))
    assert counts == {"must_protect": 4, "can_flex": 1, "need_evidence": 1}
    assert split_label(counts) == "Must protect 4 · Can flex 1 · Need evidence 1"


def test_dispute_is_one_minus_the_share_of_the_most_common_column():
    assert dispute_score({"must_protect": 6, "can_flex": 0, "need_evidence": 0}) == 0.0
    assert dispute_score({"must_protect": 4, "can_flex": 1, "need_evidence": 1}) == pytest.approx(1 / 3)
    assert dispute_score({"must_protect": 2, "can_flex": 2, "need_evidence": 2}) == pytest.approx(2 / 3)
    assert dispute_score({"must_protect": 0, "can_flex": 0, "need_evidence": 0}) == 0.0


def test_hidden_conflict_needs_both_must_protect_and_can_flex():
    assert is_hidden_conflict({"must_protect": 5, "can_flex": 1, "need_evidence": 0})
    assert not is_hidden_conflict({"must_protect": 3, "can_flex": 0, "need_evidence": 3})
    assert not is_hidden_conflict({"must_protect": 0, "can_flex": 2, "need_evidence": 4})


def test_majority_column_is_none_on_a_tie_or_when_nobody_sorted():
    assert majority_column({"must_protect": 3, "can_flex": 1, "need_evidence": 0}) == "must_protect"
    assert majority_column({"must_protect": 2, "can_flex": 2, "need_evidence": 0}) is None
    assert majority_column({"must_protect": 0, "can_flex": 0, "need_evidence": 0}) is None


def test_alignment_lists_hidden_conflicts_first_then_the_most_disputed():
    els = [BoardElement(text=t, id=i) for i, t in enumerate(["agreed", "evidence split", "conflict small",
                                                              "conflict big", "unsorted"], start=1)]
    cs = (cards(1, "must_protect", "must_protect", "must_protect")
          + cards(2, "need_evidence", "must_protect", "need_evidence")  # disputed (1/3) but no conflict
          + cards(3, "must_protect", "must_protect", "must_protect", "can_flex")  # 1/4
          + cards(4, "must_protect", "can_flex", "need_evidence"))  # 2/3
    order = [s.element.text for s in alignment(els, cs)]
    assert order == ["conflict big", "conflict small", "evidence split", "agreed", "unsorted"]
    first = alignment(els, cs)[0]
    assert first.hidden_conflict and first.label == "Must protect 1 · Can flex 1 · Need evidence 1"
    assert [c.participant_id for c in first.cards_in("can_flex")] == [2]


def test_alignment_of_undisputed_elements_keeps_the_written_order():
    els = [BoardElement(text=t, id=i) for i, t in enumerate("abc", start=1)]
    assert [s.element.text for s in alignment(els, [])] == ["a", "b", "c"]


def test_agreed_board_feeds_covenant_and_stage_gate_candidates():
    els = [BoardElement(text="EU residency", agreed_column="must_protect", id=1, initiative_id=7),
           BoardElement(text="Launch date", agreed_column="can_flex", id=2, initiative_id=7),
           BoardElement(text="Churn impact", agreed_column="need_evidence", id=3, initiative_id=7),
           BoardElement(text="Vendor", agreed_column="need_evidence", id=4, initiative_id=None),
           BoardElement(text="Not settled", id=5)]
    assert [e.text for e in protected_candidates(els)] == ["EU residency"]
    assert [e.text for e in degradable_candidates(els)] == ["Launch date"]
    assert [e.text for e in evidence_questions(els)] == ["Churn impact", "Vendor"]
    assert [e.text for e in evidence_questions(els, 7)] == ["Churn impact"]


def _mine(*spec: tuple[int, str, int]) -> list[BoardCard]:
    return [BoardCard(element_id=e, participant_id=1, column=c, position=p, id=100 + e) for e, c, p in spec]


def test_place_card_inserts_and_renumbers_both_columns():
    before = _mine((1, "must_protect", 0), (2, "must_protect", 1), (3, "must_protect", 2), (4, "can_flex", 0))
    after = place_card(before, 1, 1, "can_flex", 0)
    got = {(c.element_id): (c.column, c.position) for c in after}
    assert got == {1: ("can_flex", 0), 4: ("can_flex", 1), 2: ("must_protect", 0), 3: ("must_protect", 1)}
    assert next(c for c in after if c.element_id == 1).id == 101  # the same card moved


def test_place_card_reorders_within_a_column_and_takes_back_off_the_board():
    before = _mine((1, "need_evidence", 0), (2, "need_evidence", 1), (3, "need_evidence", 2))
    after = place_card(before, 3, 1, "need_evidence", 0)
    assert [c.element_id for c in sorted(after, key=lambda c: c.position)] == [3, 1, 2]
    off = place_card(before, 1, 1, None, 0)
    assert [(c.element_id, c.position) for c in off] == [(2, 0), (3, 1)]


def test_place_card_new_card_gets_the_rationale_and_index_is_clamped():
    after = place_card([], 9, 1, "must_protect", 99, rationale="Contractual.")
    assert after == [BoardCard(element_id=9, participant_id=1, column="must_protect", position=0,
                               rationale="Contractual.")]
