"""Constraint diagnosis: is what blocks the team inside a person, or in the design around them?

Each executive privately names the blockers they run into (one short card each). Each
then sorts every blocker, privately, as behavioural (skill, mindset, emotional
regulation: coaching fits), structural (decision rights, incentives, information flow,
operating cadence: the design must change) or not sure yet, with a why. On reveal the
blockers the room disagrees about come first: the board's alignment logic
(:func:`tension_desktop.model.board.alignment`) with this exercise's columns. A short
scorecard rates the three structural conditions 1-5, privately; the room sees the spread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import board
from .rules import LENGTHS
from .validation import ValidationError, optional_text, require_choice, require_int, require_text

KINDS = ("behavioural", "structural", "unsure")
KIND_TITLES = {"behavioural": "Behavioural", "structural": "Structural", "unsure": "Not sure yet"}
KIND_HINTS = {
    "behavioural": "Inside a person: skill, mindset, emotional regulation. Coaching fits.",
    "structural": "Outside: decision rights, incentives, information flow, operating cadence. The design must change.",
    "unsure": "Not clear yet: ask what would be true if it were structural.",
}

#: the three structural conditions of the scorecard, in the order the room rates them
CONDITIONS = {
    "decision_authority": "Decision authority clarity",
    "feedback_loops": "Feedback loop integrity",
    "accountability": "Accountability architecture",
}
CONDITION_HINTS = {
    "decision_authority": "Each of us knows what we own, what we escalate, what we may decide alone.",
    "feedback_loops": "We hear fast, and undistorted, what our decisions do.",
    "accountability": "An operating cadence and metrics a leader can delegate into.",
}

#: the coach's prompts on the common misdiagnoses (shown beside the reveal, read aloud)
MISDIAGNOSES = (
    "If Sales is paid on volume and Operations on margin and nobody arbitrates, they should fight. "
    "Is this an incentive conflict we are calling a relationship problem?",
    "A leader in a chaotic structure looks anxious or controlling. Would anyone behave differently "
    "in this seat with these decision rights?",
    "Team building, replacing the 'bad apple', more process: which of these have we tried already, "
    "and did the blocker come back?",
    "Where you split between behavioural and structural, ask: what would have to change in the "
    "design for this to stop happening, whoever sat in the seat?",
)

#: what a blocker can become with one tap, by its agreed kind
FLOWS = {
    "structural": ("decision", "threshold", "commitment"),
    "behavioural": ("target",),
    "unsure": (),
}
FLOW_TITLES = {"decision": "Decision-rights row", "threshold": "Covenant threshold draft",
               "commitment": "Commitment", "target": "Behaviour target of the readiness plan"}


@dataclass(frozen=True, slots=True)
class Blocker:
    """One blocker an executive runs into ("Sales is paid on volume, Operations on margin")."""

    text: str
    participant_id: int | None = None
    position: int = 0
    agreed_kind: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", require_text("blocker", self.text, max_length=LENGTHS["structure_blockers.text"]))
        if self.agreed_kind:
            require_choice("blocker agreed kind", self.agreed_kind, KINDS)


@dataclass(frozen=True, slots=True)
class BlockerSort:
    """One executive's sorting of one blocker, with the why."""

    blocker_id: int
    participant_id: int
    kind: str
    rationale: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("blocker kind", self.kind, KINDS)
        object.__setattr__(self, "rationale", optional_text("why", self.rationale,
                                                            max_length=LENGTHS["structure_sorts.rationale"]))
        if self.participant_id is None:
            raise ValidationError("sort participant", "a sorting belongs to one participant")

    # the board's alignment reads cards by element and column
    @property
    def element_id(self) -> int:
        return self.blocker_id

    @property
    def column(self) -> str:
        return self.kind


@dataclass(frozen=True, slots=True)
class Scorecard:
    """One executive's ratings of the three structural conditions, 1-5 each."""

    participant_id: int | None
    decision_authority: int
    feedback_loops: int
    accountability: int
    id: int | None = None

    def __post_init__(self) -> None:
        for key in CONDITIONS:
            require_int(CONDITIONS[key], getattr(self, key), minimum=1, maximum=5)


def is_split(counts: dict[str, int]) -> bool:
    """The disagreement that matters: someone calls it behavioural and someone structural."""
    return counts.get("behavioural", 0) > 0 and counts.get("structural", 0) > 0


def alignment(blockers: list[Blocker], sorts: list[BlockerSort]) -> list[board.ElementSplit]:
    """The reveal, disagreements first: the board's alignment with this exercise's kinds
    (behavioural against structural is the hidden conflict)."""
    return board.alignment(blockers, sorts, columns=KINDS, conflict=is_split)


def split_label(counts: dict[str, int]) -> str:
    """'Behavioural 1 · Structural 3 · Not sure yet 0'."""
    return " · ".join(f"{KIND_TITLES[k]} {counts.get(k, 0)}" for k in KINDS)


def majority_kind(counts: dict[str, int]) -> str | None:
    """The single most common kind (None when nobody sorted it or the top is tied)."""
    return board.majority_column(counts, KINDS)


def share_structural(blockers: Iterable[Blocker]) -> tuple[int, int]:
    """(structural, sorted) among the blockers the room agreed on."""
    agreed = [b for b in blockers if b.agreed_kind]
    return sum(1 for b in agreed if b.agreed_kind == "structural"), len(agreed)


@dataclass(frozen=True, slots=True)
class ConditionSpread:
    """What the room sees of one condition: average, lowest, highest and counts per rating."""

    key: str
    average: float
    low: int
    high: int
    counts: tuple[int, ...]

    @property
    def title(self) -> str:
        return CONDITIONS[self.key]

    @property
    def spread(self) -> int:
        return self.high - self.low

    def text(self) -> str:
        counts = "  ".join(f"{v}: {n}" for v, n in zip(range(1, 6), self.counts, strict=True))
        return f"{self.title}: average {self.average:.1f}, spread {self.low}-{self.high}   ({counts})"


def scorecard_spread(cards: list[Scorecard]) -> list[ConditionSpread]:
    """Per condition the average and spread over everyone's ratings; empty without ratings.
    Never who gave what."""
    if not cards:
        return []
    out = []
    for key in CONDITIONS:
        values = [getattr(c, key) for c in cards]
        out.append(ConditionSpread(key, sum(values) / len(values), min(values), max(values),
                                   tuple(values.count(v) for v in range(1, 6))))
    return out


def scorecard_summary(cards: list[Scorecard]) -> str:
    """The scorecard as the room sees it (plain text)."""
    if not cards:
        return "No ratings yet."
    lines = [f"{len(cards)} rating{'s' * (len(cards) != 1)}."]
    lines += [s.text() for s in scorecard_spread(cards)]
    weakest = min(scorecard_spread(cards), key=lambda s: (s.average, -s.spread))
    lines.append(f"Weakest condition: {weakest.title}. A structural fix there comes before coaching.")
    return "\n".join(lines)


def flows_for(kind: str) -> tuple[str, ...]:
    """What a blocker agreed as ``kind`` may become with one tap."""
    return FLOWS.get(kind, ())
