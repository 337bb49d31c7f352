"""The close: three commitments (experiment, safeguard, communication), each with an owner
and a date; the final question; the pulse. The close cannot be marked done while any
commitment lacks an owner or a date, and the coach is told which."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.commitments import (
    FINAL_QUESTION,
    KIND_TITLES,
    KINDS,
    closing_gaps,
    closing_message,
)
from tension_desktop.store import session as store
from tension_desktop.store.changes import Changes

from ..date_field import DateField, workshop_date
from ..document import WorkshopDocument
from ..theme import for_screen
from ..widgets import big_button, heading
from . import edits
from .pulse import PulseDialog
from .textedit import CommitTextEdit

KIND = "commitments"
STYLE = """
QGroupBox { font-weight: 700; border: 2px solid #bcccdc; border-radius: 10px;
    margin-top: 18px; padding: 18px 10px 10px 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 12px; padding: 0 6px; }
QGroupBox[missing="true"] { border-color: #b42318; }
QPlainTextEdit[commitmentText="true"] { font-weight: 400; }
QComboBox, QDateEdit, QLabel { font-weight: 400; }
"""

HINTS = {
    "experiment": "The smallest reversible experiment we will run",
    "safeguard": "The reliability safeguard we put in place",
    "communication": "Who we tell what, and how",
}


class CommitmentCard(QGroupBox):
    """One commitment: what, owner, due date."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(KIND_TITLES[kind], parent)
        self.kind = kind
        self.commitment_id: int | None = None
        self.text = CommitTextEdit()
        self.text.setObjectName(f"{kind}Text")
        self.text.setMinimumHeight(96)
        self.text.setProperty("commitmentText", True)
        self.text.setPlaceholderText(HINTS[kind])
        self.owner = QComboBox()
        self.owner.setObjectName(f"{kind}Owner")
        # typed ISO or locale dates, or the calendar (which opens on the workshop's date)
        self.due = DateField(name=f"{kind}Due")
        self.text.setAccessibleName(f"{KIND_TITLES[kind]}: what")
        self.owner.setAccessibleName(f"{KIND_TITLES[kind]}: owner")
        self.due.edit.setAccessibleName(f"{KIND_TITLES[kind]}: due date")
        self.due.button.setAccessibleName(f"{KIND_TITLES[kind]}: pick the due date")
        self.missing = QLabel("")
        self.missing.setProperty("warning", True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("What", self.text)
        form.addRow("Owner", self.owner)
        form.addRow("Due", self.due)
        form.addRow("", self.missing)

    def due_text(self) -> str:
        return self.due.text()


class ClosingView(QWidget):
    """Commitments, final question, pulse check, and 'Mark the close done'."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("closingView")
        self.setStyleSheet(for_screen(STYLE))
        self._loading = False
        self.cards = {kind: CommitmentCard(kind) for kind in KINDS}
        for card in self.cards.values():
            card.text.committed.connect(lambda text, c=card: self._edit(c, text=text))
            card.owner.activated.connect(lambda _i, c=card: self._edit(c, owner_id=c.owner.currentData()))
            card.due.anchor = workshop_date(doc)
            card.due.dateCommitted.connect(lambda iso, c=card: self._edit(c, due_date=iso))
        self.question = heading(FINAL_QUESTION, sub=True)
        self.question.setObjectName("finalQuestion")
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("finalAnswer")
        self.answer.setAccessibleName("The room's answer")
        self.answer.setPlaceholderText("Capture the room's answer in their words.")
        self.answer.setMaximumHeight(140)
        self.save_answer_btn = big_button("Save answer", name="saveFinalAnswer")
        self.save_answer_btn.clicked.connect(self.save_answer)
        self.status = heading("", sub=True)
        self.status.setObjectName("closeStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.pulse_btn = big_button("Pulse check…", name="pulseCheck")
        self.pulse_btn.clicked.connect(self.pulse_check)
        self.done_btn = big_button("Mark the close done", primary=True, name="closeDone")
        self.done_btn.clicked.connect(self.mark_done)

        row = QHBoxLayout()
        for kind in KINDS:
            row.addWidget(self.cards[kind], 1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        answer_row.addWidget(self.save_answer_btn, 0, Qt.AlignmentFlag.AlignBottom)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.pulse_btn)
        bottom.addWidget(self.done_btn)
        # the page scrolls when the screen is shorter than it (a 768-line laptop, whiteboard type):
        # nothing is squeezed over anything else
        page = QWidget()
        page.setObjectName("closingPage")
        scroll = QScrollArea()
        scroll.setObjectName("closingScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(page)
        layout.addWidget(heading("One experiment, one reliability safeguard, one communication step"))
        layout.addWidget(heading("Each needs one owner in the room and a date.", sub=True))
        layout.addLayout(row)
        layout.addWidget(self.question)
        layout.addLayout(answer_row)
        layout.addStretch(1)
        layout.addLayout(bottom)
        scroll.setWidget(page)
        edits.ensure_commitments(doc)
        doc.changed.connect(self._changed)
        self.refresh()
        from tension_desktop.store import workshops

        if workshops.get_setting(doc.lib, doc.workshop_id, "turns:pulse") is not None:
            QTimer.singleShot(0, self.pulse_check)  # a pulse round was running: back to it

    def _changed(self, changes: Changes) -> None:
        if (changes.touches(KIND, "participants", "pulse_checks", "initiatives")
                or changes.touches_setting("final_question_answer", "close_done", "commitment_review_notes")):
            self.refresh()

    def refresh(self) -> None:
        self._loading = True
        participants = self.doc.participants()
        commitments = {}
        for c in store.list_commitments(self.doc.lib, self.doc.workshop_id):
            commitments.setdefault(c.kind, c)
        gaps = closing_gaps(list(commitments.values()))
        for kind, card in self.cards.items():
            c = commitments.get(kind)
            card.commitment_id = c.id if c else None
            card.setEnabled(c is not None)
            card.owner.clear()
            card.owner.addItem("— choose the owner —", None)
            for p in participants:
                card.owner.addItem(p.label, p.id)
            if c is not None:
                if card.text.toPlainText().strip() != c.text:
                    card.text.set_text(c.text)
                card.owner.setCurrentIndex(max(0, card.owner.findData(c.owner_id)))
                card.due.set_text(c.due_date)
            missing = [m for m in gaps.get(kind, []) if m in ("owner", "date", "what")]
            card.missing.setText(("Needs " + " and ".join({"what": "what", "owner": "an owner", "date": "a date"}[m]
                                                          for m in missing) + ".") if missing else "")
            card.setProperty("missing", bool(missing))
            card.style().unpolish(card)
            card.style().polish(card)
        answer = store.final_answer(self.doc.lib, self.doc.workshop_id)
        if self.answer.toPlainText().strip() != answer:
            self.answer.setPlainText(answer)
        done = store.close_done(self.doc.lib, self.doc.workshop_id)
        pulses = len(store.list_pulse(self.doc.lib, self.doc.workshop_id))
        pulse = f"  ·  Pulse: {pulses} of {len(participants)} answered" if pulses else ""
        if done:
            self.status.setText("The close is done." + pulse)
            self.status.setProperty("warning", False)
        elif not self.status.property("warning"):
            self.status.setText(("All three commitments have an owner and a date." if not gaps else
                                 f"{len(gaps)} of 3 commitments still need something.") + pulse)
        self.done_btn.setText("Close is done ✓" if done else "Mark the close done")
        self._loading = False

    # -- edits --------------------------------------------------------------------------
    def _edit(self, card: CommitmentCard, **changes) -> bool:
        if self._loading or card.commitment_id is None:
            return False
        cid = card.commitment_id
        if edits.commitment_unchanged(self.doc, cid, **changes):
            return False
        self.status.setProperty("warning", False)
        return edits.edit_commitment(self.doc, cid, **changes)

    def save_answer(self) -> bool:
        return edits.set_final_answer(self.doc, self.answer.toPlainText())

    def mark_done(self) -> bool:
        """Refuses, naming what is missing, unless all three have an owner and a date."""
        self.save_answer()
        gaps = closing_gaps(store.list_commitments(self.doc.lib, self.doc.workshop_id))
        if gaps:
            self.status.setProperty("warning", True)
            self.status.setText(closing_message(gaps))
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)
            return False
        return edits.mark_close_done(self.doc)

    def pulse_check(self) -> None:
        dlg = PulseDialog(self.doc, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.pulse_dialog = dlg
        dlg.open()


