"""Private rounds in turns on one shared screen: the rules, without any screen.

A round gives each participant in ``order`` a turn. During a turn only that participant's
own items are visible; between turns a hand-over screen hides everything ("Pass to:
COO"). When every turn is done the coach reveals. The same mechanism serves the
tension map, the board and the pre-mortem dot vote.

With the room link open, some participants answer on their own phone at the same time
(``phones``): the shared screen's hand-over passes them by, and they count as done when
their phone says so (``phones_done``). Progress counts both.
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
    #: participants answering on their own phone (the room link); the shared screen skips them
    phones: tuple[int, ...] = ()
    #: of those, who said on the phone that they are done
    phones_done: tuple[int, ...] = ()

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
        """The current person is done: hand over to the next, or finish the round.

        Whoever answers on their own phone is passed by: the screen goes to the next person
        without one."""
        if self.phase == "finished":
            return self
        if self.index + 1 >= len(self.order):
            return replace(self, index=len(self.order), phase="finished")
        return replace(self, index=self.index + 1, phase="handover")._pass_phones()

    def _pass_phones(self) -> TurnRound:
        r = self
        while r.phase == "handover" and r.current in r.phones:
            r = replace(r, index=r.index + 1) if r.index + 1 < len(r.order) else \
                replace(r, index=len(r.order), phase="finished")
        return r

    def with_phone(self, participant_id: int) -> TurnRound:
        """``participant_id`` answers on their own phone from now on (the room link); a
        hand-over to them moves on to the next person."""
        if participant_id not in self.order or participant_id in self.phones or self.finished:
            return self
        return replace(self, phones=(*self.phones, participant_id))._pass_phones()

    def phone_done(self, participant_id: int, done: bool = True) -> TurnRound:
        """The participant said on their phone that they are done (or took it back)."""
        if participant_id not in self.phones:
            return self
        rest = tuple(p for p in self.phones_done if p != participant_id)
        return replace(self, phones_done=(*rest, participant_id) if done else rest)

    @property
    def done_count(self) -> int:
        """How many participants are done: turns passed on the shared screen plus phones done."""
        passed = {p for p in self.order[:self.index] if p not in self.phones}
        return len(passed | set(self.phones_done))

    @property
    def waiting_for_phones(self) -> int:
        """Phones not done yet."""
        return len(set(self.phones) - set(self.phones_done))

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
        out = {"exercise": self.exercise, "order": list(self.order), "index": self.index, "phase": self.phase}
        if self.phones:
            out.update(phones=list(self.phones), phones_done=list(self.phones_done))
        return out

    @classmethod
    def from_dict(cls, data: dict) -> TurnRound:
        return cls(exercise=data["exercise"], order=tuple(data["order"]), index=int(data["index"]),
                   phase=data["phase"], phones=tuple(data.get("phones", ())),
                   phones_done=tuple(data.get("phones_done", ())))
