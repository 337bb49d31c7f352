"""Stage gates: discover -> pilot -> validate -> scale, each gate with its own bar."""

from __future__ import annotations

from dataclasses import dataclass

from .validation import ValidationError, optional_date, optional_text

STAGES = ("discover", "pilot", "validate", "scale")
STAGE_TITLES = {"discover": "Discover", "pilot": "Pilot", "validate": "Validate", "scale": "Scale"}


@dataclass(frozen=True, slots=True)
class GateDecision:
    """A recorded move of an initiative between stages (a move back is a reopened decision)."""

    initiative_id: int
    from_stage: str
    to_stage: str
    evidence: str = ""
    rollback: str = ""
    owner_id: int | None = None
    review_date: str = ""
    decided_at: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        for name in ("from_stage", "to_stage"):
            if getattr(self, name) not in STAGES:
                raise ValidationError(f"gate {name.replace('_', ' ')}", f"must be one of {', '.join(STAGES)}")
        object.__setattr__(self, "evidence", optional_text("gate evidence", self.evidence))
        object.__setattr__(self, "rollback", optional_text("gate rollback criteria", self.rollback))
        object.__setattr__(self, "review_date", optional_date("gate review date", self.review_date))

    @property
    def reopened(self) -> bool:
        """Moving back a stage reopens an earlier decision."""
        return STAGES.index(self.to_stage) < STAGES.index(self.from_stage)
