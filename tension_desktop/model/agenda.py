"""The session agenda: timed phases, each opening an exercise, with the coach's prompts.

Also the run-mode clock as plain code: :class:`PhaseTimer` and :class:`SessionRun` take
a ``clock`` function (seconds, monotonic), so tests drive time without sleeping.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from tension_desktop import registry

from .rules import LENGTHS, MAX_PHASE_MINUTES, MAX_SECONDS, prompts_shape
from .validation import ValidationError, optional_text, require_choice, require_int, require_text

#: How the agenda editor names the exercise a phase opens ("": none), in tab order. The
#: registry declares every exercise once; an agenda phase may open each one it gives a phase title.
EXERCISE_TITLES: dict[str, str] = {"": "(no exercise)", **registry.phase_exercises()}

#: The exercises a phase may open ("": none).
EXERCISES: tuple[str, ...] = tuple(EXERCISE_TITLES)

#: Step used by the +5 / -5 buttons, in minutes.
NUDGE_MINUTES = 5


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
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", require_text("phase title", self.title, max_length=LENGTHS["agenda_phases.title"]))
        require_int("phase minutes", self.minutes, minimum=0, maximum=MAX_PHASE_MINUTES)
        require_choice("phase exercise", self.exercise, EXERCISES)
        prompts = tuple(prompts_shape("phase prompts", list(self.prompts)))
        object.__setattr__(self, "prompts", tuple(p.strip() for p in prompts if p.strip()))
        object.__setattr__(self, "notes", optional_text("phase notes", self.notes, max_length=LENGTHS["agenda_phases.notes"]))
        if self.actual_seconds is not None:
            require_int("phase actual seconds", self.actual_seconds, minimum=0, maximum=MAX_SECONDS)


def total_minutes(phases: Iterable[AgendaPhase]) -> int:
    """The planned length of an agenda."""
    return sum(p.minutes for p in phases)


def actual_minutes(phases: Iterable[AgendaPhase]) -> float:
    """How long the recorded phases really took, in minutes (unrecorded phases count 0)."""
    return sum((p.actual_seconds or 0) for p in phases) / 60


def format_minutes(minutes: int) -> str:
    """'90 min', '3 h 30 min', '2 h'."""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m} min"
    return f"{h} h" if not m else f"{h} h {m} min"


def moved(phases: Sequence[AgendaPhase], index: int, new_index: int) -> list[AgendaPhase]:
    """The agenda with phase ``index`` moved to ``new_index`` (clamped), positions renumbered."""
    items = list(phases)
    item = items.pop(index)
    new_index = max(0, min(new_index, len(items)))
    items.insert(new_index, item)
    return [replace(p, position=i) for i, p in enumerate(items)]


def retimed(phase: AgendaPhase, delta_minutes: int) -> AgendaPhase:
    """The phase with ``delta_minutes`` added (never below 0)."""
    return replace(phase, minutes=max(0, phase.minutes + delta_minutes))


# -- own templates (the coach's, kept outside any one workshop) -----------------------------
def phases_to_json(phases: Iterable[AgendaPhase]) -> str:
    """An agenda as JSON without ids, timings or private notes: a reusable template."""
    return json.dumps([{"title": p.title, "minutes": p.minutes, "exercise": p.exercise,
                        "prompts": list(p.prompts)} for p in phases], ensure_ascii=False)


def phases_from_json(text: str) -> list[AgendaPhase]:
    """Read a template written by :func:`phases_to_json`; refuses anything else."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        raise ValidationError("agenda template", "is not readable") from None
    if not isinstance(data, list):
        raise ValidationError("agenda template", "must be a list of phases")
    phases = []
    for i, row in enumerate(data):
        if not isinstance(row, dict):
            raise ValidationError("agenda template", f"phase {i + 1} is not a phase")
        phases.append(AgendaPhase(title=row.get("title"), minutes=row.get("minutes", 0),
                                  exercise=row.get("exercise", ""), prompts=tuple(row.get("prompts", ())),
                                  position=i))
    return phases


# -- the countdown ---------------------------------------------------------------------
Clock = Callable[[], float]


def format_countdown(seconds: float) -> str:
    """'12:05' while time remains, '+02:10' once over time; hours shown when needed."""
    over = seconds < 0
    s = int(abs(seconds) + (0 if over else 0.999))  # remaining rounds up, overrun rounds down
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    text = f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"
    return f"+{text}" if over else text


@dataclass
class PhaseTimer:
    """The countdown of one phase: start, pause, resume, +/- minutes, over time.

    ``elapsed`` counts only running time; ``planned_seconds`` moves with +5/-5.
    """

    planned_seconds: int
    clock: Clock = time.monotonic
    elapsed_before: float = 0.0
    started_at: float | None = None

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def start(self) -> None:
        """Start or resume; starting a running timer does nothing."""
        if self.started_at is None:
            self.started_at = self.clock()

    def pause(self) -> None:
        if self.started_at is not None:
            self.elapsed_before += self.clock() - self.started_at
            self.started_at = None

    def toggle(self) -> bool:
        """Pause if running, else resume; returns whether it runs now."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    @property
    def elapsed(self) -> float:
        running = self.clock() - self.started_at if self.started_at is not None else 0.0
        return self.elapsed_before + running

    @property
    def remaining(self) -> float:
        """Seconds left; negative once over time."""
        return self.planned_seconds - self.elapsed

    @property
    def over_time(self) -> bool:
        return self.remaining < 0

    def add_minutes(self, minutes: int) -> None:
        """+5 / -5: change the planned length (never below zero)."""
        self.planned_seconds = max(0, self.planned_seconds + int(minutes) * 60)

    def text(self) -> str:
        return format_countdown(self.remaining)


@dataclass
class SessionRun:
    """Run mode over an agenda: which phase is on, its timer, and what each phase took.

    ``actual[i]`` is the running time recorded for phase ``i`` (seconds), kept when the
    coach goes back to a phase so its timer continues where it stopped.
    """

    planned_minutes: list[int]
    clock: Clock = time.monotonic
    index: int = 0
    actual: list[float] = field(default_factory=list)
    extra_minutes: list[int] = field(default_factory=list)
    timer: PhaseTimer | None = None
    finished: bool = False
    was_running: bool = False

    def __post_init__(self) -> None:
        if not self.planned_minutes:
            raise ValidationError("agenda", "has no phases to run")
        n = len(self.planned_minutes)
        self.actual = list(self.actual) + [0.0] * (n - len(self.actual))
        self.extra_minutes = list(self.extra_minutes) + [0] * (n - len(self.extra_minutes))

    @property
    def started(self) -> bool:
        return self.timer is not None

    def start(self, index: int = 0) -> None:
        """Begin the session (or restart at ``index``) with the timer running."""
        self.finished = False
        self._enter(index)
        self.timer.start()

    def _enter(self, index: int) -> None:
        index = max(0, min(index, len(self.planned_minutes) - 1))
        self.index = index
        planned = (self.planned_minutes[index] + self.extra_minutes[index]) * 60
        self.timer = PhaseTimer(max(0, planned), clock=self.clock, elapsed_before=self.actual[index])

    def _leave(self) -> tuple[int, int]:
        """Stop the current phase's timer; returns (phase index, recorded seconds)."""
        assert self.timer is not None
        running = self.timer.running
        self.timer.pause()
        self.actual[self.index] = self.timer.elapsed
        self.was_running = running
        return self.index, int(round(self.actual[self.index]))

    def go_to(self, index: int) -> tuple[int, int]:
        """Move to phase ``index``; returns what to record for the phase left."""
        left = self._leave()
        was_running = self.was_running
        self._enter(index)
        if was_running:
            self.timer.start()
        return left

    def next(self) -> tuple[int, int] | None:
        """The next phase (None at the last phase: use :meth:`finish`)."""
        if self.index >= len(self.planned_minutes) - 1:
            return None
        return self.go_to(self.index + 1)

    def previous(self) -> tuple[int, int] | None:
        if self.index == 0:
            return None
        return self.go_to(self.index - 1)

    def finish(self) -> tuple[int, int]:
        """End the session; returns the last phase's record."""
        left = self._leave()
        self.finished = True
        return left

    def add_minutes(self, minutes: int) -> None:
        """+5 / -5 on the current phase."""
        assert self.timer is not None
        before = self.timer.planned_seconds
        self.timer.add_minutes(minutes)
        self.extra_minutes[self.index] += (self.timer.planned_seconds - before) // 60

    def toggle_pause(self) -> bool:
        assert self.timer is not None
        return self.timer.toggle()

    @property
    def is_last(self) -> bool:
        return self.index >= len(self.planned_minutes) - 1

    def session_elapsed(self) -> float:
        """Total running time so far over all phases."""
        done = sum(a for i, a in enumerate(self.actual) if i != self.index)
        return done + (self.timer.elapsed if self.timer else self.actual[self.index])

    def session_remaining(self) -> float:
        """Planned minutes (with +/-) left for the whole agenda, in seconds; negative if over."""
        planned = sum(m + e for m, e in zip(self.planned_minutes, self.extra_minutes, strict=True)) * 60
        return planned - self.session_elapsed()
