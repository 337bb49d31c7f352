"""The whiteboard window: fullscreen on the room's panel, readable from the back of the room.

Shows only what the room may see: the phase title, the countdown, the exercise and big
touch controls. Never the coach's scripts or private notes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..theme import UI_DIR
from ..widgets import big_button
from .host import ExerciseStage
from .run import SessionController

STYLE = """
#whiteboardWindow { background: #ffffff; }
#whiteboardWindow QLabel#wbTitle { font-size: 40pt; font-weight: 700; color: #102a43; }
#whiteboardWindow QLabel#wbProgress { font-size: 22pt; color: #486581; }
#whiteboardWindow QLabel#wbCountdown { font-size: 84pt; font-weight: 700; color: #102a43;
    padding: 0 24px; border-radius: 16px; }
#whiteboardWindow QLabel#wbCountdown[overtime="true"] { color: #ffffff; background: #b42318; }
#whiteboardWindow QLabel#wbCountdown[paused="true"] { color: #829ab1; }
#whiteboardWindow QLabel#wbState { font-size: 26pt; font-weight: 700; color: #b42318; }
#whiteboardWindow QPushButton[wbControl="true"] { min-height: 96px; min-width: 120px; font-size: 24pt;
    padding: 6px 24px; border-radius: 12px; border: 2px solid #52606d; background: #f0f4f8; color: #102a43; }
#whiteboardWindow QPushButton[wbControl="true"]:pressed { background: #d9e2ec; }
#whiteboardWindow QPushButton[wbControl="true"][primary="true"] { background: #0b4f8a; color: #ffffff;
    border-color: #0b4f8a; }
#whiteboardWindow QPushButton[wbControl="true"]:disabled { color: #9fb3c8; background: #e4e7eb; border-color: #cbd2d9; }
#whiteboardWindow QLabel#stagePlaceholder { font-size: 48pt; color: #334e68; }
"""


def scale_factor(screen: QScreen | None) -> float:
    """How much larger than at 1080 lines the whiteboard draws: a 4K panel whose system
    does not scale (device pixel ratio 1) gets 2x, so the back row can still read it; a
    768-line screen gets 0.71x so the exercise keeps most of the height (controls stay
    above 48 px)."""
    if screen is None:
        return 1.0
    return max(0.7, screen.geometry().height() / 1080)


def scaled(qss: str, factor: float) -> str:
    """A style sheet with every pt/px size multiplied by ``factor``."""
    if abs(factor - 1.0) < 0.01:
        return qss
    return re.sub(r"(\d+(?:\.\d+)?)(pt|px)\b", lambda m: f"{float(m.group(1)) * factor:g}{m.group(2)}", qss)


def state_caption(over: bool, paused: bool) -> str:
    """What the room reads under the countdown: 'OVER TIME', 'PAUSED' or nothing."""
    if over:
        return "OVER TIME"
    return "PAUSED" if paused else ""


class WhiteboardWindow(QWidget):
    """Fullscreen window: phase title, countdown, exercise stage, large touch controls."""

    coachRequested = Signal()

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.setObjectName("whiteboardWindow")
        self.setWindowTitle("Tension Desktop - whiteboard")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.factor = 0.0
        self.title = QLabel("")
        self.title.setObjectName("wbTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.progress = QLabel("")
        self.progress.setObjectName("wbProgress")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown = QLabel("--:--")
        self.countdown.setObjectName("wbCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = QLabel("")
        self.state.setObjectName("wbState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stage = ExerciseStage("")
        self._apply_scale(1.0)

        self.prev_btn = big_button("◀ Back", name="wbPrevious")
        self.pause_btn = big_button("Pause", name="wbPause")
        self.minus_btn = big_button("−5 min", name="wbMinus")
        self.plus_btn = big_button("+5 min", name="wbPlus")
        self.next_btn = big_button("Next ▶", primary=True, name="wbNext")
        self.coach_btn = big_button("Coach view", name="wbCoach")
        self.prev_btn.clicked.connect(controller.previous)
        self.pause_btn.clicked.connect(controller.toggle_pause)
        self.minus_btn.clicked.connect(lambda: controller.add_minutes(-5))
        self.plus_btn.clicked.connect(lambda: controller.add_minutes(5))
        self.next_btn.clicked.connect(controller.next)
        self.coach_btn.clicked.connect(self.coachRequested.emit)
        for b in (self.prev_btn, self.pause_btn, self.minus_btn, self.plus_btn, self.next_btn, self.coach_btn):
            b.setProperty("wbControl", True)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.progress)
        titles.addWidget(self.title)
        head.addLayout(titles, 1)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        clock.addWidget(self.countdown)
        clock.addWidget(self.state)
        head.addLayout(clock)
        controls = QHBoxLayout()
        controls.addWidget(self.coach_btn)
        controls.addStretch(1)
        for b in (self.prev_btn, self.pause_btn, self.minus_btn, self.plus_btn, self.next_btn):
            controls.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addLayout(head)
        layout.addWidget(self.stage, 1)
        layout.addLayout(controls)

        controller.ticked.connect(self.refresh_clock)
        controller.phaseChanged.connect(lambda _i: self.refresh_phase())

    def set_one_screen(self, one: bool) -> None:
        """With one screen the coach needs a way back to the presenter view."""
        self.one_screen = one
        self._refresh_controls()

    def set_private_round(self, progress: str, in_turn: bool) -> None:
        """During a private round the turn bar replaces the agenda controls: nothing a
        participant taps advances the session. ``progress`` never names anyone's input."""
        self.private_progress, self.private_turn = progress, in_turn
        self._refresh_controls()
        self.refresh_phase()

    def _refresh_controls(self) -> None:
        private = bool(getattr(self, "private_progress", ""))
        for b in (self.prev_btn, self.pause_btn, self.minus_btn, self.plus_btn, self.next_btn):
            b.setVisible(not private)
        self.coach_btn.setVisible(getattr(self, "one_screen", False) and not getattr(self, "private_turn", False))

    def refresh_phase(self) -> None:
        c = self.controller
        if not c.running:
            return
        self.title.setText(c.phase.title)
        self.progress.setText(getattr(self, "private_progress", "") or f"Phase {c.run.index + 1} of {len(c.phases)}")
        self.stage.set_placeholder(c.phase.title)
        self.next_btn.setText("Finish ✓" if c.run.is_last else "Next ▶")
        self.prev_btn.setEnabled(c.run.index > 0)
        self.refresh_clock()

    def refresh_clock(self) -> None:
        c = self.controller
        over, paused = c.over_time, c.paused
        self.countdown.setText(c.countdown_text())
        self.state.setText(state_caption(over, paused))
        for prop, value in (("overtime", over), ("paused", paused)):
            if self.countdown.property(prop) != value:
                self.countdown.setProperty(prop, value)
                self.countdown.style().unpolish(self.countdown)
                self.countdown.style().polish(self.countdown)
        self.pause_btn.setText("Resume" if paused else "Pause")

    def _apply_scale(self, factor: float) -> None:
        if abs(factor - self.factor) < 0.01:
            return
        self.factor = factor
        self.setStyleSheet(scaled(STYLE, factor))
        # the exercise on the whiteboard gets the whiteboard theme's large type and controls
        self.stage.setStyleSheet(scaled((UI_DIR / "whiteboard.qss").read_text(encoding="utf-8"), factor))

    def show_on(self, screen: QScreen | None) -> None:
        """Fullscreen on ``screen`` (the primary screen if None), without taking focus."""
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self._apply_scale(scale_factor(screen or self.screen()))
        self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        # closing the whiteboard (Alt+F4 on the panel) returns the room to the coach view
        self.coachRequested.emit()
        event.ignore()
        self.hide()
