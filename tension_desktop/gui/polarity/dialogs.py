"""Forms of the polarity map: an entry (text, owner), the poles' names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from tension_desktop.model import Participant
from tension_desktop.model.polarity import KIND_PROMPTS, KIND_TITLES, PolarityItem
from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.validation import ValidationError

from ..dialogs import FormDialog
from ..plain import plain_label
from ..qt import TOUCH_TARGET
from ..widgets import big_button, enable_touch_scrolling


class ItemDialog(FormDialog):
    """Add or edit one entry; an action step or early warning names its owner."""

    def __init__(self, pole: str, entry: str, poles: dict[str, str], participants: list[Participant],
                 item: PolarityItem | None = None, parent: QWidget | None = None) -> None:
        kind = entry
        title = KIND_TITLES[kind].lower().rstrip("s")
        super().__init__(f"Edit {title}" if item else f"Add {title}", parent)
        self.pole, self.kind = pole, kind
        self.delete_requested = False
        self.text = QLineEdit(item.text if item else "")
        self.text.setObjectName("polarityText")
        self.text.setMaxLength(LENGTHS["polarity_items.text"])
        self.text.setPlaceholderText(KIND_PROMPTS[kind].format(pole=poles[pole]))
        self.form.addRow(plain_label(KIND_PROMPTS[kind].format(pole=poles[pole]).split(" (")[0]), self.text)
        self.owner = QComboBox()
        self.owner.setObjectName("polarityOwner")
        self.owner.setMinimumHeight(48)
        self.owner.addItem("(no owner yet)", None)
        for p in participants:
            self.owner.addItem(p.label, p.id)
        if item is not None and item.owner_id is not None:
            self.owner.setCurrentIndex(max(0, self.owner.findData(item.owner_id)))
        if kind in ("action", "warning"):
            self.form.addRow("Owner", self.owner)
        if item is not None:
            self.delete_btn = big_button("Delete this entry", name="deletePolarityItem")
            self.delete_btn.clicked.connect(self._delete)
            self.form.addRow(self.delete_btn)
        self.text.setFocus()

    def _delete(self) -> None:
        self.delete_requested = True
        super().accept()

    def values(self) -> tuple[str, int | None]:
        return self.text.text().strip(), self.owner.currentData() if self.kind in ("action", "warning") else None

    def validate(self) -> None:
        if not self.delete_requested:
            PolarityItem(pole=self.pole, kind=self.kind, text=self.values()[0])


class PolesDialog(FormDialog):
    """Name the two poles (innovation and execution, vision and detail, speed and safety...)."""

    def __init__(self, poles: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Name the poles", parent)
        self.edits = {}
        for pole, label in (("a", "Left pole"), ("b", "Right pole")):
            edit = QLineEdit(poles[pole])
            edit.setObjectName(f"pole_{pole}")
            edit.setMaxLength(LENGTHS["setting.pole_name"])
            self.edits[pole] = edit
            self.form.addRow(label, edit)

    def values(self) -> dict[str, str]:
        return {p: e.text().strip() for p, e in self.edits.items()}

    def validate(self) -> None:
        for pole, name in self.values().items():
            if not name:
                raise ValidationError("left pole" if pole == "a" else "right pole", "may not be empty")


class CellDialog(FormDialog):
    """All entries of one cell of the map; tapping one closes the list and opens it."""

    def __init__(self, pole: str, entry: str, poles: dict[str, str], items: list[PolarityItem],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"{KIND_TITLES[entry]}: {poles[pole]}", parent)
        self.chosen: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("polarityCellList")
        self.list.setWordWrap(True)
        enable_touch_scrolling(self.list)
        for item in items:
            row = QListWidgetItem(item.text)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setSizeHint(row.sizeHint().expandedTo(self.list.sizeHint().__class__(100, TOUCH_TARGET)))
            self.list.addItem(row)
        self.list.itemClicked.connect(self._pick)
        self.list.setMinimumHeight(5 * TOUCH_TARGET)
        self.form.addRow(self.list)

    def _pick(self, row: QListWidgetItem) -> None:
        self.chosen = row.data(Qt.ItemDataRole.UserRole)
        self.accept()
