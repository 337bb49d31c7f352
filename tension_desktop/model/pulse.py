"""The confidence pulse: three statements, each answered 1-5 by each executive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .validation import require_int

QUESTIONS = {
    "rationale": "I understand the rationale",
    "fairness": "The trade-offs were fair",
    "escalation": "I know where to escalate",
}


@dataclass(frozen=True, slots=True)
class PulseCheck:
    """One participant's answers to the pulse at the end of a session."""

    participant_id: int | None
    rationale: int
    fairness: int
    escalation: int
    id: int | None = None

    def __post_init__(self) -> None:
        for name in QUESTIONS:
            require_int(f"pulse {name}", getattr(self, name), minimum=1, maximum=5)

    @property
    def mean(self) -> float:
        return (self.rationale + self.fairness + self.escalation) / 3


def pulse_averages(checks: list[PulseCheck]) -> dict[str, float] | None:
    """Mean of each statement (and 'overall') over the answers; None without answers."""
    if not checks:
        return None
    n = len(checks)
    out = {name: sum(getattr(c, name) for c in checks) / n for name in QUESTIONS}
    out["overall"] = sum(out[name] for name in QUESTIONS) / len(QUESTIONS)
    return out


def pulse_summary(checks: list[PulseCheck]) -> str:
    """What the room sees of a pulse: per statement the average, the spread (lowest to
    highest) and how many gave each rating; never who gave what."""
    if not checks:
        return "No answers yet."
    lines = [f"{len(checks)} answer{'s' * (len(checks) != 1)}."]
    for key, text in QUESTIONS.items():
        values = [getattr(c, key) for c in checks]
        counts = "  ".join(f"{v}: {values.count(v)}" for v in range(1, 6))
        lines.append(f"{text}: average {sum(values) / len(values):.1f}, spread {min(values)}-{max(values)}"
                     f"   ({counts})")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class SessionSignals:
    """What the coach tracks for one session of a team (signals over time)."""

    workshop_id: int
    title: str
    date: str
    commitments_done: int = 0
    commitments_reviewed: int = 0
    decisions: int = 0
    decisions_reopened: int = 0
    decision_days: float | None = None
    pulse: dict[str, float] | None = None
    #: the covenant review of a follow-up (model.covenant_review.ReviewFigures); None for a first session
    review: object | None = None
    #: reopened decisions by cause (model.stage_gate.REOPEN_CAUSES; '' = not said)
    reopened_by_cause: dict[str, int] | None = None

    @property
    def kept_share(self) -> float | None:
        return self.commitments_done / self.commitments_reviewed if self.commitments_reviewed else None


def reopened(moves: list[tuple[str, str]], stages: tuple[str, ...]) -> int:
    """How many (from_stage, to_stage) moves went back a stage: reopened decisions."""
    return sum(1 for a, b in moves if stages.index(b) < stages.index(a))


def mean_days(spans: list[tuple[str, str]]) -> float | None:
    """Average days between (opened, decided) ISO dates/timestamps; None when empty."""
    days = []
    for opened, decided in spans:
        try:
            a = dt.date.fromisoformat(opened[:10])
            b = dt.date.fromisoformat(decided[:10])
        except ValueError:
            continue
        days.append(max(0, (b - a).days))
    return sum(days) / len(days) if days else None


def trend(values: list[float | None]) -> str:
    """'up', 'down' or 'flat' between the first and last known value."""
    known = [v for v in values if v is not None]
    if len(known) < 2 or abs(known[-1] - known[0]) < 1e-9:
        return "flat"
    return "up" if known[-1] > known[0] else "down"
