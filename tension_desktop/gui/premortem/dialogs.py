"""Pre-mortem forms: a failure mode (large text field), owner + mitigation, lanes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from tension_desktop.model import Participant, Risk, ValidationError
from tension_desktop.model.premortem import PROMPT, Lane
from tension_desktop.model.rules import LENGTHS, MAX_LANES

from ..dialogs import FormDialog
from ..participant_picker import participant_combo
from ..widgets import big_button, heading


def _big_text(text: str, placeholder: str, name: str, height: int = 160) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    font = edit.font()
    font.setPointSizeF(max(14.0, font.pointSizeF()))
    edit.setFont(font)
    return edit


def _merged_note(texts: tuple[str, ...]) -> QLabel:
    label = QLabel("\n".join(f"+ {t}" for t in texts))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class RiskDialog(FormDialog):
    """Capture or edit one failure mode: one short card, typed in a large field."""

    def __init__(self, lanes: list[Lane], participants: list[Participant], *, risk: Risk | None = None,
                 lane: str | None = None, author_id: int | None = None, anonymous: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit failure mode" if risk else "Add a failure mode", parent)
        self.setMinimumWidth(760)
        self.text = _big_text(risk.text if risk else "", PROMPT, "riskText")
        self.lane = QComboBox()
        self.lane.setObjectName("riskLane")
        self.lane.setMinimumHeight(48)
        for ln in lanes:
            self.lane.addItem(ln.title, ln.key)
        self.lane.setCurrentIndex(max(0, self.lane.findData(risk.category if risk else lane)))
        self.author = participant_combo(participants, risk.author_id if risk else (None if anonymous else author_id),
                                        none_label="Anonymous", name="riskAuthor")
        self.form.addRow(heading(PROMPT))
        self.form.addRow(self.text)  # full width: the field is the point of this form
        self.form.addRow("Lane", self.lane)
        self.form.addRow("Written by", self.author)
        self.delete_requested = False
        self.split_requested = False
        if risk is not None and risk.merged:
            self.form.addRow("Merged in", _merged_note(risk.merged))
            split = big_button("Split the merged cards again", name="splitRisk")
            split.clicked.connect(self._split)
            self.form.addRow("", split)
        if risk is not None:
            delete = big_button("Delete this card", name="deleteRisk")
            delete.clicked.connect(self._delete)
            self.form.addRow("", delete)
        self.text.setFocus()

    def _split(self) -> None:
        self.split_requested = True
        super(FormDialog, self).accept()

    def _delete(self) -> None:
        self.delete_requested = True
        super(FormDialog, self).accept()

    def values(self) -> dict:
        return {"text": self.text.toPlainText().strip(), "category": self.lane.currentData(),
                "author_id": self.author.currentData()}

    def validate(self) -> None:
        Risk(**self.values())


class OwnerDialog(FormDialog):
    """Give a top risk its owner (a participant) and its mitigation."""

    def __init__(self, risk: Risk, participants: list[Participant], parent: QWidget | None = None) -> None:
        super().__init__("Owner and mitigation", parent)
        self.setMinimumWidth(640)
        self.risk_text = QPlainTextEdit(risk.text)
        self.risk_text.setReadOnly(True)
        self.risk_text.setMaximumHeight(90)
        self.owner = participant_combo(participants, risk.owner_id, none_label="(no owner yet)", name="riskOwner")
        self.mitigation = _big_text(risk.mitigation, "What will we do so this does not happen? "
                                    "e.g. shadow-run the model for four weeks first.", "riskMitigation", 140)
        self.form.addRow("Risk", self.risk_text)
        self.form.addRow("Owner", self.owner)
        self.form.addRow("Mitigation", self.mitigation)
        self.mitigation.setFocus()

    def values(self) -> dict:
        return {"owner_id": self.owner.currentData(), "mitigation": self.mitigation.toPlainText().strip()}

    def validate(self) -> None:
        Risk(text="x", mitigation=self.values()["mitigation"])


class LanesDialog(FormDialog):
    """Rename the lanes (four by default); an empty title removes a lane, a new one adds one."""

    def __init__(self, lanes: list[Lane], parent: QWidget | None = None) -> None:
        super().__init__("Pre-mortem lanes", parent)
        self.keys = [ln.key for ln in lanes]
        self.edits: list[QLineEdit] = []
        for n, ln in enumerate(lanes):
            edit = QLineEdit(ln.title)
            edit.setObjectName(f"lane_{n}")
            edit.setMaxLength(LENGTHS["setting.lane_title"])
            edit.setMinimumHeight(48)
            self.edits.append(edit)
            self.form.addRow(f"Lane {n + 1}", edit)
        self.extra = QLineEdit()
        self.extra.setObjectName("laneNew")
        self.extra.setMaxLength(LENGTHS["setting.lane_title"])
        self.extra.setMinimumHeight(48)
        self.extra.setPlaceholderText("Add a lane, e.g. Regulatory")
        self.form.addRow("New lane", self.extra)

    def lanes(self) -> list[Lane]:
        out = [Lane(key, e.text().strip()) for key, e in zip(self.keys, self.edits, strict=True) if e.text().strip()]
        extra = self.extra.text().strip()
        if extra:
            key = "".join(c for c in extra.lower() if c.isalnum()) or "lane"
            while key in {ln.key for ln in out} or key in self.keys:
                key += "_"
            out.append(Lane(key[:LENGTHS["setting.lane_key"]], extra))
        return out

    def validate(self) -> None:
        if not self.lanes():
            raise ValidationError("lanes", "keep at least one lane")
        if len(self.lanes()) > MAX_LANES:
            raise ValidationError("lanes", f"at most {MAX_LANES} lanes; empty a title to remove one")
