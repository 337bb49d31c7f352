"""Tension map: per-participant placements of initiatives on two axes, and the quadrants.

Horizontal axis: innovation intensity (0 low .. 1 high).
Vertical axis: reliability criticality (0 low .. 1 high).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .validation import ValidationError, require_choice, require_unit

#: A private round is placed in turns with nobody seeing the others; reveal flips its
#: placements to 'revealed'; the agreed position is its own round with no participant.
ROUNDS = ("private", "revealed", "agreed")

#: Quadrant keys: (innovation high?, criticality high?)
QUADRANTS = ("routine", "safe_to_experiment", "protect_and_run", "bet_with_guardrails")

DEFAULT_QUADRANT_LABELS = {
    "routine": "Routine",
    "safe_to_experiment": "Safe to experiment",
    "protect_and_run": "Protect and run",
    "bet_with_guardrails": "Bet with guardrails",
}

DEFAULT_AXIS_LABELS = {"x": "Innovation intensity", "y": "Reliability criticality"}

#: The playbook's table of decision approaches: name -> (fits, strength, risk).
DECISION_APPROACHES = {
    "Ad hoc debate": ("small, low-stakes questions", "fast", "political, inconsistent"),
    "Consensus seeking": ("teams where trust is low", "buy-in", "stalls"),
    "Stage-gate model": ("innovation initiatives", "learning with control", "needs discipline"),
    "Risk-threshold model": ("operationally sensitive, regulated or customer-facing work", "protects reliability",
                             "slows experiments"),
    "Pre-mortem + pilot": ("ambiguous strategic bets", "surfaces hidden failure modes", "needs clear ownership"),
}

#: The governance an agreed quadrant implies, named after the playbook's approaches (the
#: part before ':' is the name shown on the map). Editable per workshop (stored in settings).
DEFAULT_GOVERNANCE = {
    "routine": "Ad hoc debate: small, low-stakes questions; fast, but watch for politics",
    "safe_to_experiment": "Stage-gate model: learning with control; needs discipline",
    "protect_and_run": "Risk-threshold model: pre-agreed thresholds, owners and levers",
    "bet_with_guardrails": "Pre-mortem + pilot: surface hidden failure modes; needs clear ownership",
}


def quadrant_of(x: float, y: float) -> str:
    """The quadrant key a normalized point falls in (0.5 belongs to the high side)."""
    high_x = x >= 0.5
    high_y = y >= 0.5
    if high_x and high_y:
        return "bet_with_guardrails"
    if high_x:
        return "safe_to_experiment"
    if high_y:
        return "protect_and_run"
    return "routine"


def is_high_criticality(x: float, y: float) -> bool:
    """True when the point sits in the upper half (reliability critical)."""
    return y >= 0.5


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one participant (or, in the agreed round, the group) puts one initiative."""

    initiative_id: int
    x: float
    y: float
    round: str = "private"
    participant_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "x", require_unit("placement x", self.x))
        object.__setattr__(self, "y", require_unit("placement y", self.y))
        require_choice("placement round", self.round, ROUNDS)
        if self.round == "agreed" and self.participant_id is not None:
            raise ValidationError("placement participant", "an agreed placement belongs to the group, not one participant")
        if self.round != "agreed" and self.participant_id is None:
            raise ValidationError("placement participant", "a private or revealed placement needs a participant")

    @property
    def quadrant(self) -> str:
        return quadrant_of(self.x, self.y)


def agreed_positions(placements: list[Placement]) -> dict[int, Placement]:
    """initiative id -> its agreed placement (the group's settled position)."""
    return {p.initiative_id: p for p in placements if p.round == "agreed"}


def high_criticality_initiatives(placements: list[Placement]) -> list[int]:
    """Initiatives whose agreed position is high-criticality (covenant candidates), in id order."""
    return sorted(i for i, p in agreed_positions(placements).items() if is_high_criticality(p.x, p.y))


def governance_for(placement: Placement, names: dict[str, str] | None = None) -> str:
    """The governance an agreed position implies, from ``names`` (edited) or the defaults."""
    table = {**DEFAULT_GOVERNANCE, **(names or {})}
    return table[placement.quadrant]


# -- mismatch analysis (pure functions; the map, the CSV and the PDF use them) ----------------

#: The largest possible mean distance to the centroid in the unit square (half the points at
#: (0, 0), half at (1, 1)); spreads are divided by it so they run from 0 to 1.
MAX_MEAN_DISTANCE = math.sqrt(2) / 2


def centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The mean point of ``points`` (raises ValueError when there are none)."""
    if not points:
        raise ValueError("centroid of no points")
    n = len(points)
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)


def spread(points: Sequence[tuple[float, float]]) -> float:
    """How far apart the group placed one initiative: the mean distance to the centroid,
    normalized to 0 (everyone agrees) .. 1 (half the room in each opposite corner)."""
    if len(points) < 2:
        return 0.0
    return _spread_about(points, *centroid(points))


def _spread_about(points: Sequence[tuple[float, float]], cx: float, cy: float) -> float:
    """:func:`spread` of ``points`` whose centroid is ``cx, cy``."""
    mean = sum(math.hypot(x - cx, y - cy) for x, y in points) / len(points)
    return min(1.0, mean / MAX_MEAN_DISTANCE)


def by_initiative(placements: Iterable[Placement], rounds: tuple[str, ...] = ("revealed",)) -> dict[int, list[Placement]]:
    """initiative id -> its placements of ``rounds``, in the order given."""
    groups: dict[int, list[Placement]] = {}
    for p in placements:
        if p.round in rounds:
            groups.setdefault(p.initiative_id, []).append(p)
    return groups


def furthest_participant(placements: Sequence[Placement]) -> tuple[int | None, float]:
    """Who sits furthest from the group's centroid for one initiative, and how far
    (normalized distance, 0..1 of the square's diagonal). ``(None, 0.0)`` with fewer than two."""
    if len(placements) < 2:
        return None, 0.0
    return _furthest_from(placements, *centroid([(p.x, p.y) for p in placements]))


def _furthest_from(placements: Sequence[Placement], cx: float, cy: float) -> tuple[int | None, float]:
    """:func:`furthest_participant` of ``placements`` whose centroid is ``cx, cy``."""
    best = max(placements, key=lambda p: (math.hypot(p.x - cx, p.y - cy), -(p.participant_id or 0)))
    return best.participant_id, math.hypot(best.x - cx, best.y - cy) / math.sqrt(2)


@dataclass(frozen=True, slots=True)
class Dispute:
    """One initiative's disagreement after reveal: the row of the "Most disputed" list."""

    initiative_id: int
    spread: float
    centroid: tuple[float, float]
    furthest_participant_id: int | None
    furthest_distance: float
    count: int


def dispute_of(initiative_id: int, group: Sequence[Placement]) -> Dispute | None:
    """One initiative's row of the "Most disputed" list (None with fewer than two people)."""
    if len(group) < 2:
        return None
    pts = [(p.x, p.y) for p in group]
    c = centroid(pts)  # once (the spread and who is furthest measure from the same point)
    who, far = _furthest_from(group, *c)
    return Dispute(initiative_id, _spread_about(pts, *c), c, who, far, len(group))


def dispute_order(dispute: Dispute) -> tuple[float, int]:
    """Sort key: largest spread first; ties keep the lower initiative id first."""
    return (-round(dispute.spread, 9), dispute.initiative_id)


def rank_disputes(placements: Iterable[Placement], rounds: tuple[str, ...] = ("revealed",)) -> list[Dispute]:
    """Initiatives placed by at least two people, most disputed (largest spread) first.

    Ties keep the lower initiative id first so the list does not jump around."""
    rows = [dispute_of(iid, group) for iid, group in by_initiative(placements, rounds).items()]
    return sorted((d for d in rows if d is not None), key=dispute_order)


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull, counter-clockwise, without repeating the first point (monotone chain).
    Fewer than three distinct points come back as they are (deduplicated, sorted)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def fan_cell(x: float, y: float, gap: float) -> tuple[int, int]:
    """The grid cell :func:`fan_offsets` groups a point into."""
    return (int(x / gap), int(y / gap)) if gap > 0 else (0, 0)


def fan_offsets(points: Sequence[tuple[float, float]], gap: float, step: float) -> list[tuple[float, float]]:
    """Display offsets so cards placed on (nearly) the same spot stay tellable apart.

    Points closer than ``gap`` to an earlier point of the same cell are shifted by
    ``step`` diagonally per card already there (1st stays, 2nd moves one step, ...), up to
    five steps, then the fan starts again (a crowded spot never throws cards far away). The
    stored positions never change; this only decides where a card is drawn. Linear time
    (grid buckets), so 2,000 cards cost nothing noticeable.
    """
    cells: dict[tuple[int, int], int] = {}
    out = []
    for x, y in points:
        key = (int(x / gap), int(y / gap)) if gap > 0 else (0, 0)  # fan_cell, inline (2,000 points)
        k = cells.get(key, 0)
        cells[key] = k + 1
        k %= 6
        out.append((k * step, -k * step))
    return out


def agreed_quadrant(placement: Placement) -> str:
    """The quadrant key of an agreed position (the same rule as any point)."""
    return quadrant_of(placement.x, placement.y)
