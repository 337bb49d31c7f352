"""The session in run mode: the countdown ticking, phases advancing, actual time recorded.

:class:`SessionController` wraps the plain :class:`~tension_desktop.model.agenda.SessionRun`
(which takes the clock, so tests never sleep) with a QTimer that only refreshes the
display. Leaving a phase writes its actual seconds to ``agenda_phases.actual_seconds``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from tension_desktop.model.agenda import AgendaPhase, SessionRun, format_countdown
from tension_desktop.store import session as store

from ..document import WorkshopDocument
from ..qt import app_settings
from . import edits

CHIME_SETTING = "session/chime"
#: While a phase runs, its actual time is written this often (seconds of running time).
SAVE_EVERY = 30


def chime_enabled() -> bool:
    """No sound by default; the coach may switch a short chime on."""
    return str(app_settings().value(CHIME_SETTING, "false")).lower() in ("true", "1")


def set_chime(on: bool) -> None:
    app_settings().setValue(CHIME_SETTING, "true" if on else "false")


class SessionController(QObject):
    """Start, next, previous, pause, +/-5 min and end; emits what the screens show."""

    phaseChanged = Signal(int)   # index of the phase now on
    ticked = Signal()            # the countdown moved (or paused/nudged)
    overTime = Signal(bool)      # crossed zero (True) or got time back (False)
    stopped = Signal()

    def __init__(self, doc: WorkshopDocument, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or doc)
        self.doc = doc
        self.clock = clock
        self.run: SessionRun | None = None
        self.phases: list[AgendaPhase] = []
        self._over = False
        self._saved = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.tick)

    # -- state ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.run is not None and not self.run.finished

    @property
    def phase(self) -> AgendaPhase | None:
        return self.phases[self.run.index] if self.running else None

    @property
    def next_phase(self) -> AgendaPhase | None:
        if not self.running or self.run.is_last:
            return None
        return self.phases[self.run.index + 1]

    @property
    def paused(self) -> bool:
        return self.running and not self.run.timer.running

    def countdown_text(self) -> str:
        return format_countdown(self.run.timer.remaining) if self.running else "--:--"

    @property
    def over_time(self) -> bool:
        return self.running and self.run.timer.over_time

    # -- actions -------------------------------------------------------------------------
    def start(self, index: int = 0) -> bool:
        """Start the session at phase ``index``; False when the agenda is empty."""
        self.phases = store.list_phases(self.doc.lib, self.doc.workshop_id)
        if not self.phases:
            return False
        # a phase that already ran continues from its recorded time
        self.run = SessionRun([p.minutes for p in self.phases], clock=self.clock,
                              actual=[float(p.actual_seconds or 0) for p in self.phases])
        self.run.start(index)
        self._saved = self.run.timer.elapsed
        self._over = self.run.timer.over_time
        self.timer.start()
        self.phaseChanged.emit(self.run.index)
        self.tick()
        return True

    def _record(self, left: tuple[int, int] | None) -> None:
        if left is None:
            return
        index, seconds = left
        edits.record_actual(self.doc, self.phases[index].id, seconds)  # refused: shown, the session goes on

    def go_to(self, index: int) -> None:
        if not self.running or index == self.run.index:
            return
        self._record(self.run.go_to(index))
        self._entered()

    def next(self) -> None:
        if self.running:
            if self.run.is_last:
                self.stop()
                return
            self._record(self.run.next())
            self._entered()

    def previous(self) -> None:
        if self.running and self.run.index > 0:
            self._record(self.run.previous())
            self._entered()

    def toggle_pause(self) -> None:
        if self.running:
            self.run.toggle_pause()
            self.tick()

    def add_minutes(self, minutes: int) -> None:
        if self.running:
            self.run.add_minutes(minutes)
            self.tick()

    def stop(self) -> None:
        """End the session, recording the phase that was on."""
        if not self.running:
            return
        self._record(self.run.finish())
        self.timer.stop()
        self.stopped.emit()

    def _entered(self) -> None:
        self._saved = self.run.timer.elapsed
        self._over = self.run.timer.over_time
        self.overTime.emit(self._over)
        self.phaseChanged.emit(self.run.index)
        self.tick()

    def tick(self) -> None:
        """Refresh the display; signal the moment the phase goes over time."""
        if not self.running:
            return
        elapsed = self.run.timer.elapsed
        if abs(elapsed - self._saved) >= SAVE_EVERY:
            # a crash mid-phase loses at most SAVE_EVERY seconds of the real timeline
            self._saved = elapsed
            self._record((self.run.index, int(elapsed)))
        over = self.run.timer.over_time
        if over != self._over:
            self._over = over
            self.overTime.emit(over)
            if over and chime_enabled():
                QApplication.beep()
        self.ticked.emit()

    def refresh_phases(self) -> None:
        """The agenda was edited while running: pick up titles, prompts and notes."""
        if not self.running:
            return
        fresh = {p.id: p for p in store.list_phases(self.doc.lib, self.doc.workshop_id)}
        self.phases = [fresh.get(p.id, p) for p in self.phases]
