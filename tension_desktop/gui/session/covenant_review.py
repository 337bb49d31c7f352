"""The follow-up walks through the covenant it carried over: each threshold (held / breached /
lever pulled / changed), each decision right (decided by whom: the named approver?), each
mitigation (done / open), each with a note; and a near-miss log. Every mark is one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.covenant_review import KIND_TITLES, OUTCOME_TITLES, OUTCOMES
from tension_desktop.store import covenant_review as store
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..widgets import big_button, enable_touch_scrolling, heading
from . import edits
from .review_rows import add_review_row, clear_rows, note_field, stretch_rows

KIND = "covenant_reviews"


class CovenantReviewPanel(QWidget):
    """One row per carried-over threshold, decision right and mitigation; the near-miss log."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("covenantReview")
        self.intro = heading("", sub=True)
        self.rows_box = QWidget()
        self.rows_box.setObjectName("covenantReviewRows")
        self.rows = QGridLayout(self.rows_box)
        self.groups: dict[int, QButtonGroup] = {}
        self.deciders: dict[int, QComboBox] = {}
        self.notes: dict[int, QLineEdit] = {}
        self.near_misses = QListWidget()
        self.near_misses.setObjectName("nearMisses")
        self.near_misses.setAccessibleName("Near misses logged")
        self.near_misses.setWordWrap(True)
        self.near_misses.setMaximumHeight(120)
        enable_touch_scrolling(self.near_misses)
        self.near_miss_edit = QLineEdit()
        self.near_miss_edit.setObjectName("nearMissText")
        self.near_miss_edit.setAccessibleName("A near miss to log")
        self.near_miss_edit.setPlaceholderText("What almost went wrong? e.g. churn hit 2.9 % and nobody was watching")
        self.near_miss_btn = big_button("Log near miss", name="addNearMiss")
        self.near_miss_btn.clicked.connect(lambda: self.add_near_miss(self.near_miss_edit.text()))
        self.near_miss_edit.returnPressed.connect(lambda: self.add_near_miss(self.near_miss_edit.text()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("The covenant, reviewed"))
        layout.addWidget(self.intro)
        layout.addWidget(self.rows_box)
        layout.addWidget(heading("Near misses", sub=True))
        layout.addWidget(self.near_misses)
        add = QHBoxLayout()
        add.addWidget(self.near_miss_edit, 1)
        add.addWidget(self.near_miss_btn)
        layout.addLayout(add)
        doc.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(KIND, "near_misses", "workshops", "participants", "initiatives"):
            self.refresh()

    def refresh(self) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        clear_rows(self.rows)
        self.groups.clear()
        self.deciders.clear()
        self.notes.clear()
        entries = store.list_review(lib, wid)
        people = self.doc.participants()
        names = {p.id: p.name for p in people}
        self.intro.setText("What this team agreed last time. Mark each one and say what happened."
                           if entries else "Nothing carried over: a session continued from another one lists "
                           "its thresholds, decision rights and open mitigations here.")
        for row, e in enumerate(entries):
            who = names.get(e.named, "nobody named") if e.named is not None else "nobody named"
            role = {"threshold": "owner", "decision": "approver", "mitigation": "owner"}[e.kind]
            beside: list[QWidget] = []
            if e.kind == "decision":
                picker = QComboBox()
                picker.setObjectName(f"decidedBy_{e.id}")
                picker.setAccessibleName(f"Who decided: {e.subject}")
                picker.setMinimumHeight(48)
                picker.addItem("Who decided?", None)
                for p in people:
                    picker.addItem(p.label, p.id)
                picker.setCurrentIndex(max(0, picker.findData(e.decided_by)) if e.decided_by is not None else 0)
                picker.activated.connect(lambda _i, rid=e.id, pk=picker: self.mark(
                    rid, outcome="decided" if pk.currentData() is not None else None, decided_by=pk.currentData()))
                beside.append(picker)
                self.deciders[e.id] = picker
                if e.by_named_approver is False:
                    warn = QLabel("not the named approver")
                    warn.setTextFormat(Qt.TextFormat.PlainText)
                    warn.setObjectName(f"notNamed_{e.id}")
                    beside.append(warn)
            note = note_field(e.note, f"covenantReviewNote_{e.id}", lambda text, rid=e.id: self.mark(rid, note=text))
            group = add_review_row(
                self, self.rows, row, f"{KIND_TITLES[e.kind]}: {e.subject}\n{role}: {who}",
                [(o, OUTCOME_TITLES[o], f"covenantReview_{e.id}_{o}") for o in OUTCOMES[e.kind]], e.outcome,
                lambda outcome, rid=e.id: self.mark(rid, outcome=outcome), note, beside, subject=e.subject)
            self.groups[e.id] = group
            self.notes[e.id] = note
        stretch_rows(self.rows)
        self.near_misses.clear()
        for r in store.list_near_misses(lib, wid):
            self.near_misses.addItem(r["text"])

    def mark(self, review_id: int, *, outcome: str | None = None, note: str | None = None,
             decided_by: object = ...) -> bool:
        """Mark a review row (outcome, note, who decided) as one undo step."""
        return edits.mark_covenant_review(self.doc, review_id, outcome=outcome, note=note, decided_by=decided_by)

    def add_near_miss(self, text: str) -> bool:
        ok = edits.add_near_miss(self.doc, text)
        if ok:
            self.near_miss_edit.clear()
        return ok


__all__ = ["CovenantReviewPanel"]
