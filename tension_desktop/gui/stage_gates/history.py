"""The gate history of one initiative, read as a timeline (oldest first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from tension_desktop.model.stage_gate import STAGE_TITLES, TimelineEntry, phase_line

from ..widgets import big_button, heading


def _label(text: str, *, bold: bool = False, colour: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    style = ("font-weight: 700;" if bold else "") + (f"color: {colour};" if colour else "")
    if style:
        label.setStyleSheet(style)
    return label


class HistoryPanel(QWidget):
    """Figures of the workshop and the selected initiative's gate timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gateHistory")
        self.setMinimumWidth(300)
        self.setMaximumWidth(420)
        self.title = heading("Gate history")
        self.figures = _label("")
        self.figures.setObjectName("gateFigures")
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.figures)
        # the selected initiative's current phase: where it runs, how its success is measured
        self.phase = _label("")
        self.phase.setObjectName("phaseLine")
        self.edit_phase = big_button("Phase scope and metric…", name="editPhase")
        layout.addWidget(self.phase)
        layout.addWidget(self.edit_phase)
        layout.addWidget(scroll, 1)
        self.entries: list[TimelineEntry] = []

    def show_phase(self, initiative) -> None:
        """The current phase of the selected initiative (None: nothing selected)."""
        self.edit_phase.setVisible(initiative is not None)
        self.phase.setVisible(initiative is not None)
        if initiative is None:
            return
        line = phase_line(initiative.phase_scope_kind, initiative.phase_scope, initiative.phase_metric)
        self.phase.setText(f"{STAGE_TITLES[initiative.stage]} phase: "
                           + (line or "scope and success metric not recorded yet."))

    def show_history(self, title: str, entries: list[TimelineEntry], figures: dict[str, int]) -> None:
        self.entries = entries
        n = figures["decisions"]
        self.figures.setText(f"This workshop: {n} gate decision{'s' * (n != 1)}, {figures['reopened']} reopened.")
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows.addWidget(_label(title or "Tap an initiative to read its gate history.", bold=bool(title)))
        if title and not entries:
            self.rows.addWidget(_label("No gate decisions yet. Drag the card to the next stage to decide."))
        for e in entries:
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box.setObjectName("timelineEntry")
            col = QVBoxLayout(box)
            col.setContentsMargins(8, 6, 8, 6)
            col.addWidget(_label(f"{e.when}  {e.title}", bold=True, colour="#8a1c1c" if e.reopened else "#0b4f8a"))
            if e.detail:
                col.addWidget(_label(e.detail))
            self.rows.addWidget(box)
        self.rows.addStretch(1)
