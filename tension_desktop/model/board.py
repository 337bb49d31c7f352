"""Three-column board: elements sorted by each executive into Must protect / Can flex / Need evidence."""

from __future__ import annotations

from dataclasses import dataclass

from .validation import ValidationError, optional_text, require_choice, require_int, require_text

COLUMNS = ("must_protect", "can_flex", "need_evidence")
COLUMN_TITLES = {"must_protect": "Must protect", "can_flex": "Can flex", "need_evidence": "Need evidence"}


@dataclass(frozen=True, slots=True)
class BoardElement:
    """Something to sort, e.g. "EU data residency"; belongs to an initiative or the whole workshop."""

    text: str
    initiative_id: int | None = None
    position: int = 0
    agreed_column: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", require_text("element text", self.text, max_length=300))
        if self.agreed_column is not None:
            require_choice("element agreed column", self.agreed_column, COLUMNS)


@dataclass(frozen=True, slots=True)
class BoardCard:
    """One participant's sorting of one element, with their short rationale (the why)."""

    element_id: int
    participant_id: int
    column: str
    position: int = 0
    rationale: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("card column", self.column, COLUMNS)
        require_int("card position", self.position, minimum=0)
        object.__setattr__(self, "rationale", optional_text("card rationale", self.rationale, max_length=500))
        if self.participant_id is None:
            raise ValidationError("card participant", "a card belongs to one participant")


# -- what the agreed board hands to the covenant and the stage gates -----------------------
# (shared contract: the covenant editor and the gate view call these)

def protected_candidates(elements: list[BoardElement]) -> list[BoardElement]:
    """Elements the group agreed to 'Must protect': candidates for "protected at all costs"."""
    return [e for e in elements if e.agreed_column == "must_protect"]


def degradable_candidates(elements: list[BoardElement]) -> list[BoardElement]:
    """Elements agreed as 'Can flex': candidates for "may degrade temporarily"."""
    return [e for e in elements if e.agreed_column == "can_flex"]


def evidence_questions(elements: list[BoardElement], initiative_id: int | None = None) -> list[BoardElement]:
    """Elements agreed as 'Need evidence' (optionally of one initiative): open gate questions."""
    return [e for e in elements if e.agreed_column == "need_evidence"
            and (initiative_id is None or e.initiative_id == initiative_id)]
