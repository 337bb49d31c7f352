"""The presenter view on the coach's laptop: scripts, next phase, timer controls, notes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.agenda import format_countdown, format_minutes
from tension_desktop.model.agenda_templates import SCRIPTS

from ..theme import for_screen
from ..widgets import big_button, heading
from .host import ExerciseStage
from .run import SessionController, chime_enabled, set_chime
from .whiteboard import state_caption

STYLE = """
QLabel#presenterCountdown { font-size: 36pt; font-weight: 700; color: #102a43; padding: 0 16px;
    border-radius: 10px; }
QLabel#presenterCountdown[overtime="true"] { color: #ffffff; background: #b42318; }
QLabel#presenterCountdown[paused="true"] { color: #829ab1; }
QLabel#presenterPhase { font-size: 20pt; font-weight: 600; }
QLabel#presenterPrompts { font-size: 14pt; }
QLabel#presenterPhase { font-size: 18pt; }
QLabel#presenterScript { font-size: 12pt; color: #243b53; }
QLabel[sectionTitle="true"] { font-size: 11pt; font-weight: 700; color: #486581; }
"""


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("sectionTitle", True)
    return label


def _plain(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PresenterView(QWidget):
    """Coach mode while a session runs. ``notesCommitted(phase_id, text)`` on focus-out."""

    notesCommitted = Signal(int, str)
    endRequested = Signal()
    whiteboardToggled = Signal(bool)
    screenChosen = Signal(str)

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("presenterView")
        self.setStyleSheet(for_screen(STYLE))
        self.progress = heading("", sub=True)
        self.phase_title = _plain("presenterPhase")
        self.countdown = QLabel("--:--")
        self.countdown.setObjectName("presenterCountdown")
        self.session_left = heading("", sub=True)
        self.session_left.setObjectName("sessionLeft")
        self.session_left.setWordWrap(False)

        self.stage = ExerciseStage("")
        self.prompts = _plain("presenterPrompts")
        self.next_label = _plain("presenterNext")
        self.script_pick = QComboBox()
        self.script_pick.setObjectName("scriptPick")
        self.script_pick.addItems(list(SCRIPTS))
        self.script = _plain("presenterScript")
        self.script_pick.currentTextChanged.connect(lambda name: self.script.setText(
            "\n\n".join(f"• {line}" for line in SCRIPTS.get(name, ()))))
        self.script.setText("\n\n".join(f"• {line}" for line in SCRIPTS[self.script_pick.currentText()]))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("presenterNotes")
        self.notes.setPlaceholderText("Private notes for this phase: who said what, what to come back to. "
                                      "Never shown on the whiteboard.")
        self.notes.setMinimumHeight(120)
        self.notes.installEventFilter(self)
        self._notes_phase: int | None = None

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(_section("READ ALOUD"))
        side_layout.addWidget(self.prompts)
        side_layout.addWidget(_section("NEXT"))
        side_layout.addWidget(self.next_label)
        side_layout.addWidget(_section("PRIVATE NOTES"))
        side_layout.addWidget(self.notes, 1)
        side_layout.addWidget(_section("WHEN THE ROOM GETS STUCK"))
        side_layout.addWidget(self.script_pick)
        side_layout.addWidget(self.script)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setObjectName("presenterSide")
        self.splitter = QSplitter()
        self.splitter.addWidget(self.stage)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.prev_btn = big_button("◀ Previous", name="sessionPrevious")
        self.pause_btn = big_button("Pause", name="sessionPause")
        self.minus_btn = big_button("−5 min", name="sessionMinus")
        self.plus_btn = big_button("+5 min", name="sessionPlus")
        self.next_btn = big_button("Next ▶", primary=True, name="sessionNext")
        self.end_btn = big_button("End session", name="sessionEnd")
        self.whiteboard_btn = big_button("Whiteboard mode", name="whiteboardToggle")
        self.whiteboard_btn.setCheckable(True)
        self.screen_pick = QComboBox()
        self.screen_pick.setObjectName("whiteboardScreen")
        self.screen_pick.setToolTip("Which screen is the room's whiteboard")
        self.chime = QCheckBox("Chime at zero")
        self.chime.setObjectName("chimeToggle")
        self.chime.setChecked(chime_enabled())
        self.chime.toggled.connect(set_chime)
        self.prev_btn.clicked.connect(controller.previous)
        self.pause_btn.clicked.connect(controller.toggle_pause)
        self.minus_btn.clicked.connect(lambda: controller.add_minutes(-5))
        self.plus_btn.clicked.connect(lambda: controller.add_minutes(5))
        self.next_btn.clicked.connect(controller.next)
        self.end_btn.clicked.connect(self.endRequested.emit)
        self.whiteboard_btn.toggled.connect(self.whiteboardToggled.emit)
        self.screen_pick.activated.connect(lambda _i: self.screenChosen.emit(self.screen_pick.currentData() or ""))

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.progress)
        titles.addWidget(self.phase_title)
        head.addLayout(titles, 1)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        clock.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignRight)
        clock.addWidget(self.session_left, 0, Qt.AlignmentFlag.AlignRight)
        head.addLayout(clock)
        controls = QHBoxLayout()
        for b in (self.prev_btn, self.pause_btn, self.minus_btn, self.plus_btn, self.next_btn):
            controls.addWidget(b)
        controls.addStretch(1)
        controls.addWidget(self.chime)
        controls.addWidget(self.screen_pick)
        controls.addWidget(self.whiteboard_btn)
        controls.addWidget(self.end_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(controls)

        controller.ticked.connect(self.refresh_clock)
        controller.phaseChanged.connect(lambda _i: self.refresh_phase())

    def set_private_progress(self, text: str) -> None:
        """The coach's laptop shows how far a private round is ("3 of 7 done, Priya is
        placing"), never what anyone chose."""
        self.private_progress = text
        self.refresh_phase()
        # the round is revealed (or ended) before the session moves on: a participant at this
        # screen cannot take the next phase for the tray's next page
        for b in (self.prev_btn, self.next_btn):
            b.setToolTip("Reveal or end the private round first" if text else "")
        self.next_btn.setEnabled(not text)
        if text:
            self.prev_btn.setEnabled(False)

    def set_screens(self, labels: list[tuple[str, str]], current: str | None) -> None:
        """Fill the whiteboard-screen chooser: (name, label) pairs; hidden with one screen."""
        self.screen_pick.clear()
        for name, label in labels:
            self.screen_pick.addItem(f"Whiteboard: {label}", name)
        index = self.screen_pick.findData(current) if current else -1
        if index >= 0:
            self.screen_pick.setCurrentIndex(index)
        self.screen_pick.setVisible(len(labels) > 0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.notes and event.type() == QEvent.Type.FocusOut:
            self.commit_notes()
        return super().eventFilter(obj, event)

    def commit_notes(self) -> None:
        """Store the notes of the phase they were written for, if they changed."""
        if self._notes_phase is None:
            return
        phase = next((p for p in self.controller.phases if p.id == self._notes_phase), None)
        text = self.notes.toPlainText()
        if phase is not None and text.strip() != phase.notes:
            self.notesCommitted.emit(self._notes_phase, text)

    def refresh_phase(self) -> None:
        c = self.controller
        if not c.running:
            return
        self.commit_notes()
        phase = c.phase
        private = getattr(self, "private_progress", "")
        self.progress.setText(f"Phase {c.run.index + 1} of {len(c.phases)}  ·  planned {phase.minutes} min"
                              + (f"  ·  {private}" if private else ""))
        self.phase_title.setText(phase.title)
        self.stage.set_placeholder(phase.title)
        self.prompts.setText("\n\n".join(f"“{p}”" for p in phase.prompts) or "(no script for this phase)")
        nxt = c.next_phase
        self.next_label.setText(f"{nxt.title} ({nxt.minutes} min)" if nxt else "That was the last phase.")
        self._notes_phase = None
        self.notes.setPlainText(phase.notes)
        self._notes_phase = phase.id
        self.next_btn.setText("Finish ✓" if c.run.is_last else "Next ▶")
        self.prev_btn.setEnabled(c.run.index > 0 and not getattr(self, "private_progress", ""))
        self.refresh_clock()

    def refresh_clock(self) -> None:
        c = self.controller
        if not c.running:
            return
        over, paused = c.over_time, c.paused
        state = state_caption(over, paused)
        self.countdown.setText(f"{c.countdown_text()}  {state.lower()}" if state else c.countdown_text())
        for prop, value in (("overtime", over), ("paused", paused)):
            if self.countdown.property(prop) != value:
                self.countdown.setProperty(prop, value)
                self.countdown.style().unpolish(self.countdown)
                self.countdown.style().polish(self.countdown)
        left = c.run.session_remaining()
        elapsed = format_minutes(int(c.run.session_elapsed() // 60))
        self.session_left.setText(f"Session: {elapsed} in, " + (
            f"{format_countdown(left)} left" if left >= 0 else f"{format_countdown(left)} over"))
        self.pause_btn.setText("Resume" if paused else "Pause")
