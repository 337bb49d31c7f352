"""The "Placing as: CFO" chip: a large colour chip that picks who is placing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QPushButton, QVBoxLayout, QWidget

from tension_desktop.model import Participant
from tension_desktop.model.colours import text_colour_on

from .document import WorkshopDocument
from .forms import open_form
from .plain import button_text, set_tooltip, window_title
from .theme import for_screen
from .widgets import heading


class ParticipantPicker(QDialog):
    """A grid of big colour buttons, one per participant (finger-sized)."""

    def __init__(self, participants: list[Participant], parent: QWidget | None = None, *,
                 question: str = "Who is placing?") -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(question))
        self.chosen: int | None = None
        grid = QGridLayout()
        for n, p in enumerate(participants):
            btn = QPushButton(button_text(p.label))
            btn.setObjectName(f"pick_{p.id}")
            btn.setMinimumSize(220, 72)
            btn.setStyleSheet(for_screen(f"background: {p.colour}; color: {text_colour_on(p.colour)};"
                                         "font-size: 15pt; border-radius: 8px;"))
            btn.clicked.connect(lambda _=False, pid=p.id: self._choose(pid))
            grid.addWidget(btn, n // 3, n % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(question))
        layout.addLayout(grid)

    def _choose(self, pid: int) -> None:
        self.chosen = pid
        self.accept()


class PlacingAsChip(QPushButton):
    """Shows the current participant in their colour; tap to choose another.

    ``locked`` (during a private round) shows the turn's participant and cannot be changed.
    """

    participantChanged = Signal(object)  # int | None

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None, verb: str = "Placing as") -> None:
        super().__init__(parent)
        self.doc = doc
        self.verb = verb
        self.setObjectName("placingAsChip")
        self.setProperty("placingChip", True)
        self.setMinimumHeight(56)
        self.setMinimumWidth(220)
        self.participant_id: int | None = None
        self.locked = False
        self.clicked.connect(self.pick)
        doc.changed.connect(lambda changes: changes.touches("participants") and self._refresh())
        ps = doc.participants()
        self.set_participant(ps[0].id if ps else None)

    def set_participant(self, pid: int | None) -> None:
        if pid is not None and pid not in {p.id for p in self.doc.participants()}:
            pid = None
        changed = pid != self.participant_id
        self.participant_id = pid
        self._refresh()
        if changed:
            self.participantChanged.emit(pid)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self._refresh()

    def participant(self) -> Participant | None:
        return next((p for p in self.doc.participants() if p.id == self.participant_id), None)

    def _refresh(self) -> None:
        p = self.participant()
        if p is None:
            self.setText(f"{self.verb}: (choose)")
            self._colour("")
            return
        lock = "  (this turn)" if self.locked else "  ▾"
        self.setText(button_text(f"{self.verb}: {p.role or p.name}{lock}"))
        set_tooltip(self, p.label)
        # colours only: type size and padding come from the theme (QPushButton[placingChip]),
        # so the chip grows with whiteboard mode and a large panel like every other control
        self._colour(f"background: {p.colour}; color: {text_colour_on(p.colour)};")

    def _colour(self, sheet: str) -> None:
        """Set the chip's colours only when they change (a new style sheet restyles the chip,
        and the chip is refreshed on every change of the document)."""
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)

    def question(self) -> str:
        """What the picker asks: "Placing as" → "Who is placing?", "Sorting as" → "Who is sorting?"."""
        return f"Who is {self.verb.split()[0].lower()}?"

    def pick(self) -> None:
        if self.locked:
            return
        # parented to the window, not the chip: the chip's colour style must not cascade into it
        dlg = ParticipantPicker(self.doc.participants(), self.window(), question=self.question())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        open_form(self, dlg, lambda: dlg.chosen is not None and self.set_participant(dlg.chosen))
