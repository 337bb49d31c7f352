"""Large, touch-friendly forms: a focused text field works with an on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model import Initiative, Participant, ValidationError
from tension_desktop.model.colours import PALETTE, colour_label
from tension_desktop.model.rules import LENGTHS

from .plain import plain_label, window_title


def _swatch(colour: str) -> QIcon:
    from tension_desktop.model.colours import marker_for

    from .markers import marker_icon

    return marker_icon(marker_for(colour), colour, 32)


def sentence(exc: ValidationError) -> str:
    """A validation error as the sentence a form shows: "Team name may not be empty.",
    "Still missing: owner, next review date." (never "gate decision: still missing: ...")."""
    field, message = exc.field.strip(), exc.message.strip()
    if message.split(" ", 1)[0] in ("may", "must", "is", "needs", "cannot", "can"):
        text = f"{field} {message}"
    else:
        text = message
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class FormDialog(QDialog):
    """A dialog with a form, a message line for validation errors, and OK/Cancel."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(title))
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.message = QLabel("")
        self.message.setProperty("warning", True)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for b in self.buttons.buttons():
            b.setMinimumSize(120, 48)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # the form's minimum width (here or in a subclass) is for 1080 lines: on an unscaled
        # large panel the type is larger (theme.screen_factor), so is the room it needs
        if not getattr(self, "_scaled_to_screen", False):
            from .theme import screen_factor

            self._scaled_to_screen = True
            factor = screen_factor()
            if factor > 1:
                self.setMinimumWidth(round(self.minimumWidth() * factor))
        super().showEvent(event)

    def validate(self) -> None:  # pragma: no cover - overridden
        """Raise ValidationError if the form is not acceptable."""

    def accept(self) -> None:
        try:
            self.validate()
        except ValidationError as exc:
            self.message.setText(sentence(exc))
            return
        super().accept()


class ParticipantDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, participant: Participant | None = None,
                 default_colour: str = PALETTE[0][0]) -> None:
        super().__init__("Edit participant" if participant else "Add participant", parent)
        self.name = QLineEdit(participant.name if participant else "")
        self.name.setObjectName("participantName")
        self.name.setMaxLength(LENGTHS["participants.name"])
        self.name.setPlaceholderText("e.g. Priya Raman")
        self.role = QLineEdit(participant.role if participant else "")
        self.role.setObjectName("participantRole")
        self.role.setMaxLength(LENGTHS["participants.role"])
        self.role.setPlaceholderText("e.g. COO")
        self.colour = QComboBox()
        self.colour.setObjectName("participantColour")
        current = participant.colour if participant else default_colour
        for hex_colour, _shape in PALETTE:  # by name, with a swatch
            self.colour.addItem(_swatch(hex_colour), colour_label(hex_colour), hex_colour)
        if self.colour.findData(current) < 0:
            self.colour.addItem(_swatch(current), colour_label(current), current)
        self.colour.setCurrentIndex(self.colour.findData(current))
        self.form.addRow("Name", self.name)
        self.form.addRow("Role", self.role)
        self.form.addRow("Colour", self.colour)
        self.name.setFocus()

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "role": self.role.text().strip(), "colour": self.colour.currentData()}

    def validate(self) -> None:
        Participant(**self.values())


class InitiativeDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None, initiative: Initiative | None = None) -> None:
        super().__init__("Edit initiative" if initiative else "Add initiative", parent)
        self.title = QLineEdit(initiative.title if initiative else "")
        self.title.setObjectName("initiativeTitle")
        self.title.setMaxLength(LENGTHS["initiatives.title"])
        self.title.setPlaceholderText("e.g. AI route optimisation pilot")
        self.description = QPlainTextEdit(initiative.description if initiative else "")
        self.description.setObjectName("initiativeDescription")
        self.description.setPlaceholderText("One or two sentences: what it is, where, how big.")
        self.description.setMinimumHeight(120)
        self.form.addRow("Title", self.title)
        self.form.addRow("Description", self.description)
        self.title.setFocus()

    def values(self) -> dict:
        return {"title": self.title.text().strip(), "description": self.description.toPlainText().strip()}

    def validate(self) -> None:
        Initiative(**self.values())


class TextDialog(FormDialog):
    """One large text field (names, titles)."""

    def __init__(self, title: str, label: str, text: str = "", parent: QWidget | None = None,
                 field: str = "text", max_length: int = LENGTHS["workshops.title"]) -> None:
        super().__init__(title, parent)
        self.field_name = field
        self.edit = QLineEdit(text)
        self.edit.setMaxLength(max_length)
        self.edit.setObjectName("textField")
        self.edit.selectAll()
        self.form.addRow(plain_label(label), self.edit)  # addRow(str) would guess markup

    def value(self) -> str:
        return self.edit.text().strip()

    def validate(self) -> None:
        if not self.value():
            raise ValidationError(self.field_name, "may not be empty")


class NewWorkshopDialog(FormDialog):
    def __init__(self, teams: list[str], parent: QWidget | None = None, team: str = "") -> None:
        super().__init__("New workshop", parent)
        self.team = QComboBox()
        self.team.setObjectName("teamName")
        self.team.setEditable(True)
        self.team.addItems(teams)
        self.team.setCurrentText(team or (teams[0] if teams else ""))
        self.title = QLineEdit()
        self.title.setObjectName("workshopTitle")
        self.title.setMaxLength(LENGTHS["workshops.title"])
        self.team.lineEdit().setMaxLength(LENGTHS["teams.name"])
        self.title.setPlaceholderText("e.g. Q1 offsite: innovation vs reliability")
        import datetime as dt

        from .date_field import DateField

        self.date = DateField(name="workshopDate", placeholder="YYYY-MM-DD")
        self.date.set_text(dt.date.today().isoformat())  # today unless the coach types another day
        self.form.addRow("Team", self.team)
        self.form.addRow("Workshop title", self.title)
        self.form.addRow("Date", self.date)
        self.title.setFocus()

    def workshop_date(self) -> str:
        """The workshop's date as ISO text ("" if cleared)."""
        return self.date.text()

    def values(self) -> tuple[str, str]:
        return self.team.currentText().strip(), self.title.text().strip()

    def validate(self) -> None:
        team, title = self.values()
        if not team:
            raise ValidationError("team name", "may not be empty")
        if not title:
            raise ValidationError("workshop title", "may not be empty")
        if not self.date.is_valid():
            raise ValidationError("date", "is not a date: type it as 2026-12-10, or pick it in the calendar")
