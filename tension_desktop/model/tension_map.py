"""Tension map: per-participant placements of initiatives on two axes, and the quadrants.

Horizontal axis: innovation intensity (0 low .. 1 high).
Vertical axis: reliability criticality (0 low .. 1 high).
"""

from __future__ import annotations

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

#: The governance an agreed quadrant implies. Editable per workshop (stored in settings).
DEFAULT_GOVERNANCE = {
    "routine": "Business as usual: team-level decisions, quarterly review",
    "safe_to_experiment": "Light stage-gate: small reversible experiments, fast reviews",
    "protect_and_run": "Risk-threshold model: pre-agreed thresholds, owners and levers",
    "bet_with_guardrails": "Full stage-gate with risk thresholds: evidence at every gate",
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
