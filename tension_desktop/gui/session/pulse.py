"""The pulse check at the end of a session: each executive rates three statements 1-5, alone.

The screen is handed round like every private exercise (the shared
:class:`~tension_desktop.gui.turns.PrivateRound`, exercise ``pulse``): during a turn only
that person's own three ratings are on screen; the room then sees averages and spread,
never who gave what.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.pulse import QUESTIONS, PulseCheck, pulse_summary
from tension_desktop.store import rounds
from tension_desktop.store import session as store

from ..document import WorkshopDocument
from ..turns import PrivateRound
from ..widgets import big_button, heading
from . import edits

KIND = "pulse_checks"
EXERCISE = "pulse"


class PulseView(QWidget):
    """Start a private pulse, rate in turns (three rows of 1-5), reveal averages and spread."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("pulseView")
        self.setMinimumSize(760, 520)
        self.private = PrivateRound(doc, EXERCISE, self, kind=KIND, action="rating", verb="rating",
                                    hint="Only your own answers are shown.", reveal_text="Reveal the pulse",
                                    remaining=self._unrated, reset_view=self._reset_turn_view, room=True)
        self.controller = self.private.controller
        self.overlay = self.private.overlay
        self.start_btn = big_button("Start the pulse: hand the screen round", primary=True, name="startPulse")
        self.start_btn.clicked.connect(lambda: self.private.start())
        self.reveal_btn = big_button("Reveal the pulse", primary=True, name="revealPulse")
        self.reveal_btn.clicked.connect(lambda: self.private.reveal())
        self.private.start_button, self.private.reveal_button = self.start_btn, self.reveal_btn
        self.status = heading("", sub=True)
        self.status.setObjectName("pulseStatus")
        self.groups: dict[str, QButtonGroup] = {}
        grid = QGridLayout()
        for row, (key, text) in enumerate(QUESTIONS.items()):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 15pt;")
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            box = QHBoxLayout()
            for value in range(1, 6):
                b = QPushButton(str(value))
                b.setObjectName(f"pulse_{key}_{value}")
                b.setProperty("pulseQuestion", text)
                b.setCheckable(True)
                b.setMinimumSize(64, 64)
                group.addButton(b, value)
                box.addWidget(b)
            group.idClicked.connect(lambda _v, k=key: self._rated(k))
            self.groups[key] = group
            grid.addLayout(box, row, 1)
        self.rating = QWidget()
        self.rating.setObjectName("pulseRating")
        self.rating.setLayout(grid)
        self.summary = QLabel()
        self.summary.setObjectName("pulseSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 15pt;")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.reveal_btn)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Pulse check"))
        layout.addWidget(self.private.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.rating)
        layout.addWidget(self.summary, 1)
        self.overlay.raise_()
        self.controller.changed.connect(self.refresh)
        doc.changed.connect(lambda changes: changes.touches(KIND, rounds.KIND, "private_round_turns", "participants")
                            and self.refresh())
        self.refresh()

    # -- a turn ---------------------------------------------------------------------------
    def _mine(self) -> PulseCheck | None:
        pid = self.controller.current
        return next((p for p in store.list_pulse(self.doc.lib, self.doc.workshop_id) if p.participant_id == pid), None)

    def _unrated(self, _pid: int) -> str:
        left = [k for k, g in self.groups.items() if g.checkedId() <= 0]
        return f"{len(left)} statement{'s' * (len(left) != 1)} not rated yet" if left else ""

    def _reset_turn_view(self) -> None:
        for group in self.groups.values():
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)

    def _rated(self, _key: str) -> None:
        """Stores the person's three answers once all three are chosen (one undo step)."""
        pid = self.controller.current
        values = {k: g.checkedId() for k, g in self.groups.items()}
        if pid is None or not self.controller.in_turn or min(values.values()) <= 0:
            return
        new = PulseCheck(participant_id=pid, **values)
        old = self._mine()
        if old is not None and all(getattr(old, k) == v for k, v in values.items()):
            return
        edits.set_pulse(self.doc, new, old)  # its undo text is neutral: names no person and no answer

    def _name_buttons(self) -> None:
        """Each rating button says whose answer, which statement and which value it is
        ("Amara Okafor: I understand the rationale: 4 of 5"), not a bare "4"."""
        person = next((p for p in self.doc.participants() if p.id == self.controller.current), None)
        who = person.name if person else "Rating"
        for group in self.groups.values():
            for b in group.buttons():
                b.setAccessibleName(f"{who}: {b.property('pulseQuestion')}: {group.id(b)} of 5")

    # -- drawing --------------------------------------------------------------------------
    def refresh(self) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        running = self.controller.active
        turn = self.controller.in_turn
        hidden = rounds.is_hidden(lib, wid, EXERCISE)
        self.start_btn.setVisible(not running)
        self.reveal_btn.setVisible(not running and hidden)
        self.rating.setVisible(turn)
        if turn:
            self._name_buttons()
            mine = self._mine()
            for key, group in self.groups.items():
                value = getattr(mine, key) if mine is not None else 0
                if value and group.checkedId() != value:
                    group.button(value).setChecked(True)
        if running or hidden:
            answered = len(store.list_pulse(lib, wid))
            self.status.setText(f"{answered} of {len(self.doc.participants())} have answered. "
                                "The answers stay hidden until the reveal.")
            self.summary.setText("")
            return
        shown = rounds.shown_round(lib, wid, EXERCISE)
        skipped = [p.name for p in self.doc.participants() if shown and p.id in shown.skipped]
        self.status.setText((shown.label if shown else "Pulse") +
                            (f"  ·  skipped: {', '.join(skipped)}" if skipped else ""))
        self.summary.setText(pulse_summary(store.list_pulse(lib, wid)))


class PulseDialog(QDialog):
    """The pulse check in its own window (opened from the close)."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pulse check")
        self.view = PulseView(doc, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.doc = doc
        self.close_btn = big_button("Close", name="closePulse")
        self.close_btn.clicked.connect(self.accept)
        layout.addWidget(self.close_btn, 0, Qt.AlignmentFlag.AlignRight)
        doc.privateRoundChanged.connect(self._lock)
        self._lock()

    def _lock(self) -> None:
        self.close_btn.setEnabled(self.doc.active_round() is None)

    def reject(self) -> None:
        """Escape does not close the pulse in the middle of someone's turn."""
        if self.doc.active_round() is None:
            super().reject()
