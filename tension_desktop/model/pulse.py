"""The confidence pulse: three statements, each answered 1-5 by each executive."""

from __future__ import annotations

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
