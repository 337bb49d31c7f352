"""The tension map's math: spread, centroid, furthest participant, ranking, hull, quadrants."""

from __future__ import annotations

import math

import pytest

from tension_desktop.model import Placement
from tension_desktop.model.tension_map import (
    DEFAULT_GOVERNANCE,
    agreed_quadrant,
    centroid,
    convex_hull,
    fan_offsets,
    furthest_participant,
    governance_for,
    rank_disputes,
    spread,
)


def _p(iid: int, pid: int, x: float, y: float, round: str = "revealed") -> Placement:
    return Placement(initiative_id=iid, x=x, y=y, round=round, participant_id=pid)


def test_centroid_is_the_mean_point():
    assert centroid([(0, 0), (1, 0), (1, 1), (0, 1)]) == (0.5, 0.5)


def test_centroid_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        centroid([])


def test_spread_is_zero_when_everyone_agrees_or_alone():
    assert spread([(0.3, 0.3)] * 5) == 0.0
    assert spread([(0.9, 0.1)]) == 0.0


def test_spread_is_one_for_opposite_corners():
    assert spread([(0, 0), (1, 1)]) == pytest.approx(1.0)


def test_spread_is_the_mean_distance_to_the_centroid_normalized():
    pts = [(0.4, 0.5), (0.6, 0.5)]
    assert spread(pts) == pytest.approx(0.1 / (math.sqrt(2) / 2))


def test_spread_grows_with_disagreement():
    tight = [(0.5, 0.5), (0.52, 0.5), (0.5, 0.53)]
    wide = [(0.1, 0.9), (0.9, 0.1), (0.5, 0.5)]
    assert spread(wide) > spread(tight)


def test_furthest_participant_is_the_one_far_from_the_group():
    group = [_p(1, 10, 0.5, 0.5), _p(1, 11, 0.52, 0.5), _p(1, 12, 0.95, 0.1)]
    who, distance = furthest_participant(group)
    assert who == 12
    assert 0 < distance <= 1


def test_furthest_participant_needs_two_people():
    assert furthest_participant([_p(1, 10, 0.5, 0.5)]) == (None, 0.0)


def test_reveal_ranks_the_most_disputed_initiative_first():
    placements = [
        _p(1, 10, 0.5, 0.5), _p(1, 11, 0.55, 0.5),      # close
        _p(2, 10, 0.1, 0.9), _p(2, 11, 0.9, 0.1),        # far apart
        _p(3, 10, 0.2, 0.2), _p(3, 11, 0.4, 0.4),        # in between
        _p(4, 10, 0.2, 0.2),                             # one person: no dispute yet
        _p(5, 10, 0.0, 0.0, "private"),                  # private: not counted
        Placement(initiative_id=1, x=0.9, y=0.9, round="agreed"),
    ]
    ranked = rank_disputes(placements)
    assert [d.initiative_id for d in ranked] == [2, 3, 1]
    assert ranked[0].count == 2
    assert ranked[0].centroid == pytest.approx((0.5, 0.5))


def test_ranking_ties_keep_initiative_order():
    placements = [_p(7, 1, 0.4, 0.5), _p(7, 2, 0.6, 0.5), _p(3, 1, 0.4, 0.5), _p(3, 2, 0.6, 0.5)]
    assert [d.initiative_id for d in rank_disputes(placements)] == [3, 7]


def test_convex_hull_drops_inner_points():
    hull = convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    assert sorted(hull) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_convex_hull_of_two_points_is_the_two_points():
    assert convex_hull([(0.2, 0.2), (0.8, 0.8), (0.2, 0.2)]) == [(0.2, 0.2), (0.8, 0.8)]


def test_cards_on_the_same_spot_fan_out_but_the_first_stays():
    offsets = fan_offsets([(0.5, 0.5), (0.501, 0.5), (0.502, 0.501), (0.9, 0.9)], gap=0.02, step=8)
    assert offsets[0] == (0, 0)
    assert offsets[1] != offsets[0] and offsets[2] != offsets[1]
    assert offsets[3] == (0, 0)


@pytest.mark.parametrize(("x", "y", "quadrant"), [
    (0.8, 0.2, "safe_to_experiment"), (0.2, 0.8, "protect_and_run"),
    (0.2, 0.2, "routine"), (0.8, 0.8, "bet_with_guardrails"), (0.5, 0.5, "bet_with_guardrails"),
])
def test_the_agreed_quadrant_follows_the_axes(x, y, quadrant):
    assert agreed_quadrant(Placement(initiative_id=1, x=x, y=y, round="agreed")) == quadrant


def test_an_experiment_gets_a_light_stage_gate_and_critical_work_a_risk_threshold_model():
    experiment = Placement(initiative_id=1, x=0.9, y=0.1, round="agreed")
    critical = Placement(initiative_id=2, x=0.1, y=0.9, round="agreed")
    assert "stage-gate" in governance_for(experiment).lower()
    assert "risk-threshold" in governance_for(critical).lower()


def test_edited_governance_names_win_over_the_defaults():
    p = Placement(initiative_id=1, x=0.9, y=0.1, round="agreed")
    assert governance_for(p, {"safe_to_experiment": "Sandbox"}) == "Sandbox"
    assert governance_for(p, {}) == DEFAULT_GOVERNANCE["safe_to_experiment"]
