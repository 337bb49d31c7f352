"""Large forms for the covenant editor: each works with an on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from tension_desktop.model import CovenantItem, DecisionRight, EscalationThreshold, Participant
from tension_desktop.model.covenant import ITEM_TITLES
from tension_desktop.model.decision_rights import ROLE_TITLES, ROLES

from ..dialogs import FormDialog
from ..qt import TOUCH_TARGET

#: roles several people may hold; the approver is one person, chosen with a single-choice picker
SHARED_ROLES = tuple(r for r in ROLES if r != "approve")


def _text_box(text: str, placeholder: str, name: str, height: int = 110) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    box.setTabChangesFocus(True)
    return box


def _line(text: str, placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(TOUCH_TARGET)
    return edit


#: the picker's entry for "nobody chosen yet"
NOBODY = "— choose one —"


class OnePersonPicker(QComboBox):
    """Exactly one person, by construction: a single-choice list of the participants.

    A row from an older file that names several people (which breaks the rule) shows them
    as one extra entry, "Keep for now: A and B (open point)", so saving the form without
    touching the picker changes nothing; choosing a person replaces them with that one."""

    def __init__(self, participants: list[Participant], chosen: tuple[int, ...], name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setMinimumHeight(TOUCH_TARGET)
        # the choices are kept here, not as item data: Qt's findData does not match Python tuples reliably
        self.choices: list[tuple[int, ...]] = [()]
        self.addItem(NOBODY)
        names = {p.id: p.name for p in participants}
        for p in participants:
            self.addItem(p.label)
            self.choices.append((p.id,))
        chosen = tuple(chosen)
        if len(chosen) > 1:
            who = ", ".join(names.get(i, "?") for i in chosen[:-1]) + " and " + names.get(chosen[-1], "?")
            self.addItem(f"Keep for now: {who} (open point)")
            self.choices.append(chosen)
        self.set_chosen(chosen)

    def chosen(self) -> tuple[int, ...]:
        index = self.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else ()

    def set_chosen(self, ids: tuple[int, ...]) -> None:
        ids = tuple(ids)
        self.setCurrentIndex(self.choices.index(ids) if ids in self.choices else 0)


class ItemDialog(FormDialog):
    """A protected or degradable item (with its limit)."""

    def __init__(self, parent: QWidget | None = None, item: CovenantItem | None = None, kind: str = "protected") -> None:
        super().__init__("Edit item" if item else "Add item", parent)
        self.kind = QComboBox()
        self.kind.setObjectName("itemKind")
        self.kind.setMinimumHeight(TOUCH_TARGET)
        for key, title in ITEM_TITLES.items():
            self.kind.addItem(title, key)
        self.kind.setCurrentIndex(self.kind.findData(item.kind if item else kind))
        self.text = _text_box(item.text if item else "", "e.g. Customer data stays in the EU", "itemText")
        self.limit = _text_box(item.limit if item else "",
                               "e.g. checkout latency up to +200 ms for 2 weeks, pilot region only", "itemLimit", 80)
        self.limit_label = QLabel("Within which limit")
        self.form.addRow("Section", self.kind)
        self.form.addRow("What", self.text)
        self.form.addRow(self.limit_label, self.limit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.text.setFocus()

    def _kind_changed(self) -> None:
        degradable = self.kind.currentData() == "degradable"
        self.limit.setVisible(degradable)
        self.limit_label.setVisible(degradable)

    def values(self) -> dict:
        kind = self.kind.currentData()
        return {"kind": kind, "text": self.text.toPlainText().strip(),
                "limit": self.limit.toPlainText().strip() if kind == "degradable" else ""}

    def validate(self) -> None:
        CovenantItem(**self.values())


class ThresholdDialog(FormDialog):
    """One metric, its owner, the threshold and the pre-approved lever."""

    def __init__(self, participants: list[Participant], parent: QWidget | None = None,
                 threshold: EscalationThreshold | None = None) -> None:
        super().__init__("Edit escalation threshold" if threshold else "Add escalation threshold", parent)
        t = threshold
        self.metric_edit = _line(t.metric if t else "", "e.g. Monthly churn of mid-market shippers", "thresholdMetric")
        self.owners = OnePersonPicker(participants, t.owner_ids if t else (), "thresholdOwners")
        self.threshold = _line(t.threshold if t else "", "e.g. 3 % in any month", "thresholdValue")
        self.lever = _text_box(t.lever if t else "", "e.g. pause the pricing rollout for 30 days", "thresholdLever", 80)
        self.overrides = _line(t.overrides if t else "", "e.g. Priya, for 48 h",
                               "thresholdOverrides")
        self.draft_for = t.draft_for if t else ""
        if self.draft_for:
            self.metric_edit.setPlaceholderText(f"Which metric tells us about {self.draft_for}?")
        self.form.addRow("Metric", self.metric_edit)
        self.form.addRow("Owner (one)", self.owners)
        self.form.addRow("Threshold", self.threshold)
        self.form.addRow("Pre-approved lever", self.lever)
        self.form.addRow("If this goes red, who may\nignore the other numbers?", self.overrides)
        self.metric_edit.setFocus()

    def values(self) -> dict:
        return {"metric": self.metric_edit.text().strip(), "owner_ids": self.owners.chosen(),
                "threshold": self.threshold.text().strip(), "lever": self.lever.toPlainText().strip(),
                "overrides": self.overrides.text().strip()}

    def validate(self) -> None:
        EscalationThreshold(**self.values(), draft_for=self.draft_for)


class DecisionDialog(FormDialog):
    """A decision, its one approver (single choice) and a grid of participants x the shared
    roles (recommends, implements, informed)."""

    def __init__(self, participants: list[Participant], parent: QWidget | None = None,
                 decision: DecisionRight | None = None) -> None:
        super().__init__("Edit decision" if decision else "Add decision", parent)
        self.setMinimumWidth(760)
        self.decision = _text_box(decision.decision if decision else "", "e.g. Go / no-go for usage-based pricing",
                                  "decisionText", 70)
        self.approver = OnePersonPicker(participants, decision.holders("approve") if decision else (),
                                        "decisionApprover")
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for col, role in enumerate(SHARED_ROLES, 1):
            head = QLabel(ROLE_TITLES[role])
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, col)
        self.boxes: dict[tuple[int, str], QCheckBox] = {}
        for row, p in enumerate(participants, 1):
            label = QLabel(p.label)
            label.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(label, row, 0)
            for col, role in enumerate(SHARED_ROLES, 1):
                box = QCheckBox()
                box.setObjectName(f"role_{p.id}_{role}")
                box.setMinimumSize(TOUCH_TARGET, TOUCH_TARGET)
                box.setStyleSheet("QCheckBox::indicator { width: 30px; height: 30px; }")
                box.setChecked(bool(decision and p.id in decision.holders(role)))
                box.setAccessibleName(f"{p.name} {ROLE_TITLES[role]}")
                grid.addWidget(box, row, col, Qt.AlignmentFlag.AlignCenter)
                self.boxes[(p.id, role)] = box
        scroll = QScrollArea()
        scroll.setWidget(grid_host)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(min(5, len(participants) + 1) * TOUCH_TARGET)  # scrolls beyond four people
        self.hint = QLabel("Exactly one person approves: the directly responsible individual.")
        d = decision
        self.required_inputs = _line(d.required_inputs if d else "", "e.g. 8 weeks of metering data, churn by segment",
                                     "decisionInputs")
        from ..date_field import DateField

        self.decide_by = DateField(name="decisionDecideBy", placeholder="YYYY-MM-DD")  # typed or picked
        self.decide_by.set_text(d.decide_by if d else "")
        self.escalation = _line(d.escalation if d else "", "e.g. not decided by the date, or churn above 3 %",
                                "decisionEscalation")
        self.tiebreaker = OnePersonPicker(participants, (d.tiebreaker_id,) if d and d.tiebreaker_id else (),
                                          "decisionTiebreaker")
        self.form.addRow("Decision", self.decision)
        self.form.addRow(self.hint)
        self.form.addRow(ROLE_TITLES["approve"] + " (one)", self.approver)
        self.form.addRow(scroll)
        self.form.addRow("Required inputs", self.required_inputs)
        self.form.addRow("Decide by", self.decide_by)
        self.form.addRow("Escalation trigger", self.escalation)
        self.form.addRow("Tie-breaker (one)", self.tiebreaker)
        self.decision.setFocus()

    def values(self) -> dict:
        roles = {role: tuple(pid for (pid, r), box in self.boxes.items() if r == role and box.isChecked())
                 for role in SHARED_ROLES}
        roles["approve"] = self.approver.chosen()
        roles = {role: roles[role] for role in ROLES}
        tie = self.tiebreaker.chosen()
        return {"decision": self.decision.toPlainText().strip(), "roles": roles,
                "required_inputs": self.required_inputs.text().strip(), "decide_by": self.decide_by.text().strip(),
                "escalation": self.escalation.text().strip(), "tiebreaker_id": tie[0] if len(tie) == 1 else None}

    def validate(self) -> None:
        DecisionRight(**self.values())
