"""Closing commitments: one experiment, one reliability safeguard, one communication step."""

from __future__ import annotations

from dataclasses import dataclass

from .validation import optional_date, optional_text, require_choice

KINDS = ("experiment", "safeguard", "communication")
KIND_TITLES = {"experiment": "Experiment", "safeguard": "Reliability safeguard", "communication": "Communication step"}
STATUSES = ("open", "done", "slipped", "dropped")


@dataclass(frozen=True, slots=True)
class Commitment:
    """A commitment with an owner and a due date, reviewed at the next session."""

    kind: str
    text: str = ""
    owner_id: int | None = None
    due_date: str = ""
    status: str = "open"
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("commitment kind", self.kind, KINDS)
        require_choice("commitment status", self.status, STATUSES)
        object.__setattr__(self, "text", optional_text("commitment text", self.text, max_length=500))
        object.__setattr__(self, "due_date", optional_date("commitment due date", self.due_date))

    def missing(self) -> list[str]:
        """What is still missing for this commitment to count ('what', 'owner', 'date')."""
        gaps = []
        if not self.text:
            gaps.append("what")
        if self.owner_id is None:
            gaps.append("owner")
        if not self.due_date:
            gaps.append("date")
        return gaps
