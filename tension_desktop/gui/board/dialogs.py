"""Large dialogs of the board: adding elements, asking for the why, showing a card."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from tension_desktop.model import ValidationError
from tension_desktop.model.board import COLUMN_TITLES
from tension_desktop.model.rules import LENGTHS

from ..dialogs import FormDialog
from ..theme import for_screen
from ..widgets import enable_touch_scrolling

#: Typical elements from the room (what teams usually argue about), offered as a list to pick from.
SUGGESTIONS = (
    "Regulatory compliance", "Uptime thresholds (SLA)", "Safety", "Data residency", "Customer commitments",
    "Launch timing", "Sequencing of the rollout", "Team structure", "Vendor choice", "Budget envelope",
    "Support readiness", "Margin targets", "Brand and customer trust", "Security review",
)


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ElementsDialog(FormDialog):
    """Type elements, one per line, and/or tick them in a list of common ones."""

    def __init__(self, board_name: str, parent: QWidget | None = None, existing: set[str] | None = None) -> None:
        super().__init__(f"Add elements to sort: {board_name}", parent)
        self.setMinimumSize(720, 600)
        self.typed = QPlainTextEdit()
        self.typed.setObjectName("elementsTyped")
        self.typed.setPlaceholderText("One element per line, e.g.\nEU data residency\nLaunch in Q2")
        self.typed.setMinimumHeight(160)
        self.picks = QListWidget()
        self.picks.setObjectName("elementsPicks")
        enable_touch_scrolling(self.picks)
        existing = existing or set()
        for text in SUGGESTIONS:
            if text in existing:
                continue
            item = QListWidgetItem(text)
            # the whole 52 px row toggles (not only the small box): no user-checkable flag, or a
            # tap on the box itself would toggle twice
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setSizeHint(QSize(200, 52))
            self.picks.addItem(item)
        self.picks.itemClicked.connect(self._toggle)
        title = _plain(f"Add elements to sort: {board_name}")
        title.setProperty("heading", True)
        self.form.addRow(title)
        self.form.addRow(_plain("Type them (one per line)"))
        self.form.addRow(self.typed)
        self.form.addRow(_plain("…or tap to pick from common ones"))
        self.form.addRow(self.picks)
        self.typed.setFocus()

    @staticmethod
    def _toggle(item: QListWidgetItem) -> None:
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    def texts(self) -> list[str]:
        typed = [t.strip() for t in self.typed.toPlainText().splitlines() if t.strip()]
        picked = [self.picks.item(n).text() for n in range(self.picks.count())
                  if self.picks.item(n).checkState() == Qt.CheckState.Checked]
        return typed + [p for p in picked if p not in typed]

    def validate(self) -> None:
        texts = self.texts()
        if not texts:
            raise ValidationError("elements", "type at least one, or pick one from the list")
        for t in texts:
            if len(t) > 300:
                raise ValidationError("element text", f"at most 300 characters ({len(t)} typed)")


class RationaleDialog(FormDialog):
    """Asked when a card lands: "Why?" in one short sentence; required or optional."""

    def __init__(self, element: str, column: str, who: str, required: bool, rationale: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__("Why?", parent)
        self.setObjectName("rationaleDialog")
        self.required = required
        self.skipped = False
        self.prompt = _plain(f"{who}: why is “{element}” {COLUMN_TITLES[column]}?")
        self.prompt.setObjectName("rationalePrompt")
        self.prompt.setProperty("heading", True)
        self.why = QLineEdit(rationale)
        self.why.setObjectName("rationaleField")
        self.why.setMaxLength(LENGTHS["board_cards.rationale"])
        self.why.setMinimumHeight(48)
        self.why.setPlaceholderText("One short sentence" + ("" if required else " (optional)"))
        self.form.addRow(self.prompt)
        self.form.addRow(self.why)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save why")
        ok.setObjectName("saveWhy")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel the move")
        cancel.setObjectName("cancelMove")
        if not required:
            skip = QPushButton("No why")
            skip.setObjectName("skipWhy")
            skip.setMinimumSize(120, 48)
            self.buttons.addButton(skip, QDialogButtonBox.ButtonRole.ActionRole)
            skip.clicked.connect(self._skip)
        self.why.setFocus()

    def _skip(self) -> None:
        self.skipped = True
        self.why.clear()
        super().accept()

    def value(self) -> str:
        return self.why.text().strip()

    def validate(self) -> None:
        if self.required and not self.value():
            raise ValidationError("why", "this workshop asks for a short reason with every card")


class CardDialog(FormDialog):
    """A tapped card: the element, who put it where, and their why (editable)."""

    def __init__(self, element: str, who: str, column: str, rationale: str, parent: QWidget | None = None) -> None:
        super().__init__("Card", parent)
        self.setObjectName("cardDialog")
        self.took_back = False
        title = _plain(element)
        title.setStyleSheet(for_screen("font-size: 16pt; font-weight: 600;"))
        self.form.addRow(title)
        self.form.addRow(_plain(f"{who} put it in {COLUMN_TITLES[column]}."))
        self.shown = _plain(f"Why: {rationale}" if rationale else "No why given yet.")
        self.shown.setObjectName("cardRationale")
        self.form.addRow(self.shown)
        self.why = QLineEdit(rationale)
        self.why.setObjectName("cardRationaleEdit")
        self.why.setMaxLength(LENGTHS["board_cards.rationale"])
        self.why.setMinimumHeight(48)
        self.form.addRow("Change the why", self.why)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Done")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
        back = QPushButton("Take back to “To sort”")
        back.setObjectName("takeBack")
        back.setMinimumSize(120, 48)
        self.buttons.addButton(back, QDialogButtonBox.ButtonRole.ActionRole)
        back.clicked.connect(self._take_back)

    def _take_back(self) -> None:
        self.took_back = True
        super().accept()

    def value(self) -> str:
        return self.why.text().strip()
