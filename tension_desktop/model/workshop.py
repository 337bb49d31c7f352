"""Teams, workshops, participants and initiatives: the things every exercise refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .limits import LENGTHS
from .validation import ValidationError, optional_date, optional_text, require_text

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

#: The stage-gate stages in order (re-exported by :mod:`.stage_gate`).
STAGES = ("discover", "pilot", "validate", "scale")


@dataclass(frozen=True, slots=True)
class Team:
    """A leadership team the coach works with; it owns a series of workshops."""

    name: str
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_text("team name", self.name, max_length=LENGTHS["teams.name"]))


@dataclass(frozen=True, slots=True)
class Workshop:
    """One session of a team: its participants, initiatives and every exercise's data."""

    team_id: int
    title: str
    date: str = ""
    id: int | None = None
    continued_from: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", require_text("workshop title", self.title, max_length=LENGTHS["workshops.title"]))
        object.__setattr__(self, "date", optional_date("workshop date", self.date))


@dataclass(frozen=True, slots=True)
class Participant:
    """An executive in the room. The colour marks their cards on every canvas."""

    name: str
    role: str = ""
    colour: str = "#1f77b4"
    position: int = 0
    id: int | None = None
    workshop_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_text("participant name", self.name, max_length=LENGTHS["participants.name"]))
        object.__setattr__(self, "role", optional_text("participant role", self.role, max_length=LENGTHS["participants.role"]))
        if not isinstance(self.colour, str) or not _HEX_COLOUR.match(self.colour):
            raise ValidationError("participant colour", f"must look like #RRGGBB, got {self.colour!r}")

    @property
    def label(self) -> str:
        """How the participant is named on a chip: the role if there is one, else the name."""
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True, slots=True)
class Initiative:
    """Something the company is doing or considering, placed and sorted in the exercises."""

    title: str
    description: str = ""
    position: int = 0
    stage: str = "discover"
    id: int | None = None
    workshop_id: int | None = None
    tags: tuple[str, ...] = field(default=())
    #: the current phase: where it runs ('region', 'business_unit', 'segment', 'workflow'
    #: or ''), that place, and how its success is measured (model.stage_gate.SCOPE_KINDS)
    phase_scope_kind: str = ""
    phase_scope: str = ""
    phase_metric: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", require_text("initiative title", self.title, max_length=LENGTHS["initiatives.title"]))
        object.__setattr__(
            self, "description", optional_text("initiative description", self.description, max_length=LENGTHS["initiatives.description"])
        )
        if self.stage not in STAGES:
            raise ValidationError("initiative stage", f"must be one of {', '.join(STAGES)}; got {self.stage!r}")
        if self.phase_scope_kind not in ("", "region", "business_unit", "segment", "workflow"):
            raise ValidationError("phase scope", "must be a region, a business unit, a segment or a workflow")
        object.__setattr__(self, "phase_scope", optional_text("phase scope", self.phase_scope,
                                                              max_length=LENGTHS["initiatives.phase_scope"]))
        object.__setattr__(self, "phase_metric", optional_text("phase success metric", self.phase_metric,
                                                               max_length=LENGTHS["initiatives.phase_metric"]))
