"""Pre-mortem rules: vote counting with stated tie-breaks, dots, top-three completeness."""

import pytest

from tension_desktop.model import Risk
from tension_desktop.model.premortem import (
    DEFAULT_DOTS,
    RiskVote,
    dots_left,
    fold_merged_votes,
    merged_text,
    missing_for,
    rank_risks,
    top_three_status,
)


def risks(n: int) -> list[Risk]:
    return [Risk(text=f"risk {i}", id=i, position=n - i) for i in range(1, n + 1)]


def v(risk_id, pid, dots=1):
    return RiskVote(risk_id=risk_id, participant_id=pid, dots=dots)


def test_the_risk_with_most_dots_ranks_first():
    ranked = rank_risks(risks(3), [v(2, 10), v(2, 11), v(3, 10)])
    assert [r.risk.id for r in ranked] == [2, 3, 1]
    assert [r.dots for r in ranked] == [2, 1, 0]
    assert [r.rank for r in ranked] == [1, 2, 3]


def test_a_tie_on_dots_goes_to_the_risk_more_people_voted_for():
    # risk 1: one person's three dots; risk 2: three people, one dot each
    ranked = rank_risks(risks(2), [v(1, 10, 3), v(2, 10), v(2, 11), v(2, 12)])
    assert [r.risk.id for r in ranked] == [2, 1]
    assert not ranked[0].tied


def test_a_full_tie_goes_to_the_risk_captured_first_and_is_marked_tied():
    # positions are reversed on purpose: capture order (id) decides, not lane order
    ranked = rank_risks(risks(3), [v(3, 10), v(1, 11)])
    assert [r.risk.id for r in ranked] == [1, 3, 2]
    assert ranked[0].tied and ranked[1].tied and not ranked[2].tied


def test_votes_on_unknown_risks_and_zero_dots_are_ignored():
    ranked = rank_risks(risks(1), [v(99, 10, 3), v(1, 10, 0)])
    assert ranked[0].dots == 0 and ranked[0].voters == 0


def test_each_participant_has_three_dots_by_default_and_never_fewer_than_zero():
    votes = [v(1, 10, 2), v(2, 10, 1), v(1, 11, 5)]
    assert DEFAULT_DOTS == 3
    assert dots_left(votes, 10) == 0
    assert dots_left(votes, 11) == 0
    assert dots_left(votes, 12) == 3
    assert dots_left(votes, 12, allowance=5) == 5


def test_merged_cards_credit_their_dots_to_the_surviving_card():
    votes = fold_merged_votes([v(1, 10), v(2, 10), v(3, 11)], {2: 1, 3: 2})
    assert sorted((x.risk_id, x.participant_id, x.dots) for x in votes) == [(1, 10, 2), (1, 11, 1)]


def test_a_top_risk_without_owner_or_mitigation_is_not_done():
    assert missing_for(Risk(text="x")) == ["owner", "mitigation"]
    assert missing_for(Risk(text="x", owner_id=1)) == ["mitigation"]
    assert missing_for(Risk(text="x", mitigation="shadow run")) == ["owner"]
    assert missing_for(Risk(text="x", owner_id=1, mitigation="shadow run")) == []


def test_the_top_three_is_complete_only_when_each_has_an_owner_and_a_mitigation():
    rs = [Risk(text=f"r{i}", id=i, owner_id=1, mitigation="m") for i in range(1, 5)]
    rs[1] = Risk(text="r2", id=2, owner_id=None, mitigation="m")
    rs[3] = Risk(text="r4", id=4)  # fourth place: not in the top three, does not matter
    votes = [v(1, 10, 3), v(2, 11, 2), v(3, 12, 1)]
    status = top_three_status(rank_risks(rs, votes))
    assert not status.complete
    assert status.missing == {2: ["owner"]}
    assert "#2 needs owner" in status.describe()
    rs[1] = Risk(text="r2", id=2, owner_id=3, mitigation="m")
    assert top_three_status(rank_risks(rs, votes)).complete


def test_without_votes_the_phase_is_not_complete():
    rs = [Risk(text="r", id=1, owner_id=1, mitigation="m")]
    status = top_three_status(rank_risks(rs, []))
    assert not status.complete and status.top == ()
    assert "No votes" in status.describe()


def test_fewer_than_three_voted_risks_make_a_shorter_top():
    rs = [Risk(text="r1", id=1, owner_id=1, mitigation="m"), Risk(text="r2", id=2)]
    status = top_three_status(rank_risks(rs, [v(1, 10)]))
    assert [r.risk.id for r in status.top] == [1] and status.complete


def test_a_merged_card_reads_as_both_texts():
    assert merged_text("Drivers override routes", ["Depot staff distrust AI"]) == \
        "Drivers override routes\n+ Depot staff distrust AI"


@pytest.mark.parametrize("dots", [-1, 1.5])
def test_a_vote_has_whole_non_negative_dots(dots):
    from tension_desktop.model import ValidationError

    with pytest.raises(ValidationError):
        RiskVote(risk_id=1, participant_id=1, dots=dots)
