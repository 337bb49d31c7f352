"""The pulse check at the end of a session: each executive rates three statements 1-5."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QWidget

from tension_desktop.model.pulse import QUESTIONS, PulseCheck
from tension_desktop.store import session as store

from ..dialogs import FormDialog
from ..document import WorkshopDocument
from ..plain import plain_label

KIND = "pulse_checks"


class PulseDialog(FormDialog):
    """A grid: one row per executive, three groups of 1-5 buttons. OK stores it as one undo step."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__("Pulse check", parent)
        self.doc = doc
        self.setMinimumWidth(900)
        existing = {p.participant_id: p for p in store.list_pulse(doc.lib, doc.workshop_id)}
        self.groups: dict[tuple[int, str], QButtonGroup] = {}
        grid = QGridLayout()
        for col, text in enumerate(QUESTIONS.values(), start=1):
            label = plain_label(text)
            label.setWordWrap(True)
            grid.addWidget(label, 0, col)
        self.participants = doc.participants()
        for row, p in enumerate(self.participants, start=1):
            name = plain_label(p.label)  # a name is never markup
            grid.addWidget(name, row, 0)
            for col, key in enumerate(QUESTIONS, start=1):
                box = QHBoxLayout()
                group = QButtonGroup(self)
                for value in range(1, 6):
                    b = QPushButton(str(value))
                    b.setObjectName(f"pulse_{p.id}_{key}_{value}")
                    b.setCheckable(True)
                    b.setMinimumSize(48, 48)
                    group.addButton(b, value)
                    box.addWidget(b)
                old = existing.get(p.id)
                if old is not None:
                    group.button(getattr(old, key)).setChecked(True)
                self.groups[(p.id, key)] = group
                grid.addLayout(box, row, col)
        self.form.addRow(grid)
        self.accepted.connect(self.store)

    def answers(self) -> dict[int, PulseCheck]:
        """Complete rows only: a person who skipped a statement is not counted."""
        out = {}
        for p in self.participants:
            values = {key: self.groups[(p.id, key)].checkedId() for key in QUESTIONS}
            if all(v > 0 for v in values.values()):
                out[p.id] = PulseCheck(participant_id=p.id, **values)
        return out

    def store(self) -> bool:
        wid = self.doc.workshop_id
        new = self.answers()
        old = {p.participant_id: p for p in store.list_pulse(self.doc.lib, wid) if p.participant_id in new}
        if not new:
            return False

        def apply(values: dict[int, PulseCheck | None]) -> None:
            def write(lib) -> None:
                with lib.edit():
                    for pid, pulse in values.items():
                        store.set_pulse(lib, wid, pulse, participant_id=pid)
            self.doc.call(write, kind=KIND)

        return self.doc.apply("Pulse check", lambda: apply(dict(new)),
                              lambda: apply({pid: old.get(pid) for pid in new}))
