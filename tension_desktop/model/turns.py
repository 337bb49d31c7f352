"""Private rounds in turns on one shared screen: the rules, without any screen.

A round gives each participant in ``order`` a turn. During a turn only that participant's
own items are visible; between turns a hand-over screen hides everything ("Pass to:
COO"). When every turn is done the coach reveals. The same mechanism serves the
tension map, the board and the pre-mortem dot vote.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PHASES = ("handover", "turn", "finished")


@dataclass(frozen=True, slots=True)
class TurnRound:
    """State of one private round. ``index`` points into ``order``."""

    exercise: str
    order: tuple[int, ...]
    index: int = 0
    phase: str = "handover"

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise ValueError(f"turn phase: must be one of {', '.join(PHASES)}; got {self.phase!r}")
        if not self.order and self.phase != "finished":
            object.__setattr__(self, "phase", "finished")

    @classmethod
    def start(cls, exercise: str, participant_ids: list[int]) -> TurnRound:
        """A new round: the first participant is handed the screen."""
        return cls(exercise=exercise, order=tuple(participant_ids))

    @property
    def current(self) -> int | None:
        """Whose turn it is (or who is being handed the screen); None when finished."""
        if self.phase == "finished" or self.index >= len(self.order):
            return None
        return self.order[self.index]

    @property
    def finished(self) -> bool:
        return self.phase == "finished"

    def begin_turn(self) -> TurnRound:
        """The person handed the screen confirms it is them: their turn starts."""
        if self.phase != "handover":
            return self
        return replace(self, phase="turn")

    def end_turn(self) -> TurnRound:
        """The current person is done: hand over to the next, or finish the round."""
        if self.phase == "finished":
            return self
        if self.index + 1 >= len(self.order):
            return replace(self, index=len(self.order), phase="finished")
        return replace(self, index=self.index + 1, phase="handover")

    def may_see(self, owner_id: int | None) -> bool:
        """May an item owned by ``owner_id`` be shown right now?

        During a hand-over nothing private is visible; during a turn only the current
        participant's own items; group items (owner None) are always visible.
        """
        if owner_id is None:
            return True
        if self.phase == "finished":
            return False  # until the coach reveals, a finished private round stays hidden
        if self.phase == "handover":
            return False
        return owner_id == self.current

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "order": list(self.order), "index": self.index, "phase": self.phase}

    @classmethod
    def from_dict(cls, data: dict) -> TurnRound:
        return cls(exercise=data["exercise"], order=tuple(data["order"]), index=int(data["index"]),
                   phase=data["phase"])
