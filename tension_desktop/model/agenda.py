"""The session agenda: timed phases, each opening an exercise, with the coach's prompts."""

from __future__ import annotations

from dataclasses import dataclass, field

from .validation import require_choice, require_int, require_text

EXERCISES = ("", "opening", "tension_map", "board", "premortem", "stage_gates", "covenant", "closing")


@dataclass(frozen=True, slots=True)
class AgendaPhase:
    """One phase of the session: title, planned minutes, the exercise it opens, prompts to read."""

    title: str
    minutes: int
    exercise: str = ""
    prompts: tuple[str, ...] = field(default=())
    position: int = 0
    actual_seconds: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", require_text("phase title", self.title, max_length=200))
        require_int("phase minutes", self.minutes, minimum=0, maximum=24 * 60)
        require_choice("phase exercise", self.exercise, EXERCISES)
        object.__setattr__(self, "prompts", tuple(self.prompts))
