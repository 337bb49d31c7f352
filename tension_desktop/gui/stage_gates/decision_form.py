"""The gate decision form: opened by dragging an initiative to another stage lane.

It shows the bar of the target stage (criteria rise toward scale), the open evidence
questions the board left for this initiative, and asks for the evidence, the rollback
criteria, the owner and the next review date. A move back asks why it is reopened.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model import GateDecision, Initiative, Participant, ValidationError
from tension_desktop.model.stage_gate import (
    REOPEN_CAUSES,
    STAGE_TITLES,
    criteria_for,
    missing_fields,
    skipped_stages,
)

from ..date_field import DateField
from ..dialogs import FormDialog
from ..participant_picker import participant_combo
from ..theme import for_screen
from ..widgets import heading


def _text(placeholder: str, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(96)
    edit.setTabChangesFocus(True)
    return edit


def _note(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class GateDecisionDialog(FormDialog):
    """Evidence, rollback criteria, owner and next review date for one gate decision."""

    def __init__(self, initiative: Initiative, to_stage: str, participants: list[Participant], *,
                 evidence_questions: list[str] | None = None, premortem_status: str = "",
                 today: dt.date | None = None, parent: QWidget | None = None) -> None:
        self.initiative = initiative
        self.from_stage, self.to_stage = initiative.stage, to_stage
        self.reopen = GateDecision(initiative.id or 0, initiative.stage, to_stage).reopened
        verb = "Reopen" if self.reopen else "Gate"
        super().__init__(f"{verb}: {STAGE_TITLES[initiative.stage]} → {STAGE_TITLES[to_stage]}", parent)
        self.setMinimumWidth(980)
        crit = criteria_for(to_stage)
        # Two columns so it fits 1366x768: what the stage asks for (left), the answers (right).
        info = QVBoxLayout()
        info.addWidget(heading(initiative.title))
        head = (f"Moving back to {STAGE_TITLES[to_stage]} is recorded as a reopened decision."
                if self.reopen else
                f"The bar for {STAGE_TITLES[to_stage]}:\n" + "\n".join(f"• {c}" for c in crit.checklist()))
        skipped = skipped_stages(initiative.stage, to_stage)
        if skipped:
            head += f"\n⚠ This skips {', '.join(STAGE_TITLES[s] for s in skipped)}."
        self.criteria = _note(head, "gateCriteria")
        self.criteria.setStyleSheet(for_screen("background: #eef2f6; padding: 8px; font-size: 12pt;"))
        info.addWidget(self.criteria)
        if premortem_status and not self.reopen:
            info.addWidget(_note(f"Pre-mortem: {premortem_status}", "gatePremortem"))
        questions = evidence_questions or []
        if questions:
            info.addWidget(_note("Open evidence questions from the board:\n"
                                 + "\n".join(f"? {q}" for q in questions), "gateQuestions"))
        if not self.reopen:
            info.addWidget(_note("Ask:\n" + "\n".join(f"– {p}" for p in crit.evidence_prompts), "gatePrompts"))
        info.addStretch(1)
        outer = self.layout()
        form_item = outer.takeAt(0)  # FormDialog's form: re-placed as the right column
        columns = QHBoxLayout()
        left = QWidget()
        left.setLayout(info)
        # the stage's bar scrolls when the screen is short (1366x768): nothing is cut
        left_scroll = QScrollArea()
        left_scroll.setObjectName("gateInfo")
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setWidget(left)
        left_scroll.setMaximumWidth(480)
        columns.addWidget(left_scroll, 1)
        columns.addLayout(form_item.layout(), 1)
        outer.insertLayout(0, columns)
        self.evidence = _text("What changed, and what evidence shows it?" if self.reopen else crit.evidence_prompts[0],
                              "gateEvidence")
        self.rollback = _text(crit.rollback_prompt, "gateRollback")
        self.owner = participant_combo(participants, None, none_label="(choose the owner)", name="gateOwner")
        due = (today or dt.date.today()) + dt.timedelta(days=crit.review_days)
        self.review = DateField(name="gateReviewDate", anchor=today, placeholder="YYYY-MM-DD")
        self.review.set_text(due.isoformat())
        self.form.addRow("Why reopen" if self.reopen else "Evidence that justifies it", self.evidence)
        self.form.addRow("Rollback criteria" + (" (optional)" if self.reopen else ""), self.rollback)
        self.form.addRow("Owner", self.owner)
        self.form.addRow("Next review", self.review)
        self.cause = QButtonGroup(self)
        self.cause.setExclusive(True)
        if self.reopen:  # was something new learned, or was it framed badly the first time?
            causes = QWidget()
            row = QHBoxLayout(causes)
            row.setContentsMargins(0, 0, 0, 0)
            for key, title in REOPEN_CAUSES.items():
                radio = QRadioButton(title)
                radio.setObjectName(f"reopenCause_{key}")
                radio.setMinimumHeight(48)
                radio.setProperty("cause", key)
                self.cause.addButton(radio)
                row.addWidget(radio)
            self.form.addRow("Reopened because of", causes)
        self.evidence.setFocus()

    def decision(self) -> GateDecision:
        return GateDecision(initiative_id=self.initiative.id, from_stage=self.from_stage, to_stage=self.to_stage,
                            evidence=self.evidence.toPlainText().strip(), rollback=self.rollback.toPlainText().strip(),
                            owner_id=self.owner.currentData(), review_date=self.review.text(),
                            reopen_cause=self.cause.checkedButton().property("cause")
                            if self.cause.checkedButton() is not None else "")

    def validate(self) -> None:
        missing = missing_fields(self.decision())
        if missing:
            raise ValidationError("gate decision", "Still missing: " + ", ".join(missing))
