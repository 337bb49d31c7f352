"""Private rounds on one shared screen: the turn controller and the hand-over screen.

Shared by every exercise that runs in private (tension map, board, dot vote). The
controller keeps the :class:`~tension_desktop.model.turns.TurnRound` in the workshop's
settings (key ``turns:<exercise>``) so a crash mid-round resumes at the same person, and
emits ``changed`` whenever visibility must be recomputed. The overlay covers the whole
exercise widget, opaque, so nobody sees the previous person's dots between turns.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tension_desktop.model.colours import text_colour_on
from tension_desktop.model.turns import TurnRound
from tension_desktop.store import people, workshops

from .document import WorkshopDocument
from .plain import button_text
from .widgets import big_button


class TurnController(QObject):
    """Starts, advances and ends a private round of one exercise."""

    changed = Signal()

    def __init__(self, doc: WorkshopDocument, exercise: str, parent: QObject | None = None) -> None:
        super().__init__(parent or doc)
        self.doc = doc
        self.exercise = exercise
        self.key = f"turns:{exercise}"
        data = workshops.get_setting(doc.lib, doc.workshop_id, self.key)
        self.round: TurnRound | None = TurnRound.from_dict(data) if data else None

    @property
    def active(self) -> bool:
        """A private round is running (hand-over, turn, or finished but not yet revealed)."""
        return self.round is not None

    def _save(self) -> None:
        value = self.round.to_dict() if self.round else None
        self.doc.call(workshops.set_setting, self.doc.workshop_id, self.key, value)
        self.changed.emit()

    def start(self, participant_ids: list[int] | None = None) -> None:
        ids = participant_ids if participant_ids is not None else [p.id for p in self.doc.participants()]
        self.round = TurnRound.start(self.exercise, ids)
        self._save()

    def begin_turn(self) -> None:
        if self.round:
            self.round = self.round.begin_turn()
            self._save()

    def end_turn(self) -> None:
        if self.round:
            self.round = self.round.end_turn()
            self._save()

    def reload(self) -> None:
        """Re-read the round from the settings (after an undo changed them) and tell the views."""
        data = workshops.get_setting(self.doc.lib, self.doc.workshop_id, self.key)
        self.round = TurnRound.from_dict(data) if data else None
        self.changed.emit()

    def stop(self) -> None:
        """End the private round (the coach reveals or abandons it)."""
        self.round = None
        self._save()

    def may_see(self, owner_id: int | None) -> bool:
        return True if self.round is None else self.round.may_see(owner_id)

    @property
    def current(self) -> int | None:
        return self.round.current if self.round else None


class HandOverOverlay(QWidget):
    """Full-cover, opaque hand-over screen: "Pass to: COO" and a big start button.

    Install it on the exercise widget; it follows its size. Shows itself whenever the
    controller's round is in the hand-over or finished phase.
    """

    def __init__(self, controller: TurnController, host: QWidget, *, action: str = "placing") -> None:
        super().__init__(host)
        self.controller = controller
        self.action = action
        self.setObjectName("handOverOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel()
        self.title.setObjectName("handOverTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.start_btn = big_button("", primary=True, name="startTurn")
        self.start_btn.setMinimumHeight(96)
        self.skip_btn = big_button("Skip this person", name="skipTurn")
        self.stop_btn = big_button("End private round", name="endPrivateRound")
        self.start_btn.clicked.connect(controller.begin_turn)
        self.skip_btn.clicked.connect(controller.end_turn)
        self.stop_btn.clicked.connect(controller.stop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_btn)
        buttons.addWidget(self.stop_btn)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addSpacing(24)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_btn, 2)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(3)
        self._colour = QColor("#1f2933")
        host.installEventFilter(self)
        controller.changed.connect(self.refresh)
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self._colour)

    def refresh(self) -> None:
        r = self.controller.round
        if r is None or r.phase == "turn":
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        if r.finished:
            self._colour = QColor("#1f2933")
            fg = "#ffffff"
            self.title.setText("Everyone has had their turn")
            self.detail.setText("Nothing is shown yet. Reveal everyone's choices together when the room is ready.")
            self.start_btn.setText("Reveal to everyone")
            self.skip_btn.hide()
        else:
            person = people.get_participant(self.controller.doc.lib, r.current)
            self._colour = QColor(person.colour)
            fg = text_colour_on(person.colour)
            self.title.setText(f"Pass to: {person.label}")
            step = f"Turn {r.index + 1} of {len(r.order)}."
            self.detail.setText(f"{step} Everyone else's {self.action} stays hidden. "
                                f"{person.name}, tap the button when you have the screen.")
            self.start_btn.setText(button_text(f"I am {person.name}: start my turn"))
            self.skip_btn.show()
        style = f"color: {fg};"
        self.title.setStyleSheet(style + "font-size: 34pt; font-weight: 700;")
        self.detail.setStyleSheet(style + "font-size: 16pt;")
        # inverse colours: the big button never blends into the person's colour behind it
        self.start_btn.setStyleSheet(f"background: {fg}; color: {self._colour.name()}; font-size: 18pt;"
                                     f"font-weight: 700; border-radius: 8px; border: 2px solid {fg};")
        self.show()
        self.raise_()
        self.update()  # the background colour changed with the person: repaint all of it
