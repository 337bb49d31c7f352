"""The accessible alternative to a canvas: a table of its cards (Qt model/view).

Every canvas (tension map with its tray, board, pre-mortem, stage gates) can be read and
edited as a table: one row per card the canvas shows (exactly its keyboard-focusable cards,
so during a private round only the person on turn's), columns the canvas names with
:meth:`table_columns` (placements with innovation and criticality as numbers, board cards
with their column, risks with their dots, initiatives with their stage).

An edit never writes on its own: it becomes a drop point and goes through
:meth:`~tension_desktop.gui.canvas_keys.KeyboardCanvas.keyboard_drop`, the canvas's one drop
path (the same undo command as a drag, the same questions: the board asks for the why, a
stage move opens the gate form). Ctrl+Shift+T (View menu) opens the table of the canvas on
screen; it closes at a hand-over like every other dialog of a private round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .canvas_keys import is_valid, item_identity
from .plain import plain_tooltip

if TYPE_CHECKING:
    from .canvas import TouchCanvasView

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True)
class TableColumn:
    """One column of a canvas's table.

    ``value(item)`` is what the cell shows; ``drop(item, new_value)`` (editable columns only)
    says where the card goes for that value, in scene coordinates (None: nowhere);
    ``choices()`` lists the values of a pick-one column; ``number`` a 0-100 number."""

    title: str
    value: Callable[[Any], object]
    drop: Callable[[Any, object], QPointF | None] | None = None
    choices: Callable[[], list[str]] | None = None
    number: bool = False


class CanvasTableModel(QAbstractTableModel):
    """The cards of one canvas as rows (see the module docstring)."""

    def __init__(self, view, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self.columns: list[TableColumn] = list(view.table_columns())
        self.rows: list[Any] = []
        self._items: dict[Any, Any] = {}
        self.refresh()

    def refresh(self) -> None:
        """Read the canvas's cards again (after an edit, a redraw, a turn)."""
        self.beginResetModel()
        items = self.view.focusable_items() if is_valid(self.view) else []
        self.rows = [item_identity(i) for i in items]
        self._items = dict(zip(self.rows, items, strict=True))
        self.endResetModel()

    def item(self, row: int):
        item = self._items.get(self.rows[row]) if 0 <= row < len(self.rows) else None
        return item if is_valid(item) and item.scene() is self.view.scene() else None

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item(index.row())
        if item is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = column.value(item)
            return "" if value is None else value
        if role == Qt.ItemDataRole.AccessibleTextRole:
            value = column.value(item)
            return f"{column.title}: {'—' if value in (None, '') else value}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return plain_tooltip(self.view.card_name(item))  # typed text is never markup
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        item = self.item(index.row())
        if item is not None and self.columns[index.column()].drop is not None and getattr(item, "draggable", False):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        item = self.item(index.row())
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or item is None or column.drop is None:
            return False
        if value == column.value(item):
            return False
        point = column.drop(item, value)
        if point is None:
            return False
        self.view.keyboard_drop(item, point)  # the canvas's own drop: one undo step
        QTimer.singleShot(0, self.refresh)
        return True


class ColumnDelegate(QStyledItemDelegate):
    """A combo box for pick-one columns, a 0-100 spin box for numbers."""

    def __init__(self, model: CanvasTableModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802 (Qt)
        column = self.model.columns[index.column()]
        if column.choices is not None:
            box = QComboBox(parent)
            box.addItems(column.choices())
            box.setAccessibleName(column.title)
            return box
        if column.number:
            spin = QSpinBox(parent)
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setAccessibleName(column.title)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(str(value))))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value) if isinstance(value, int | float) else 50)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802 (Qt)
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        else:
            super().setModelData(editor, model, index)


class CanvasTableDialog(QDialog):
    """A non-modal window with the canvas's table; it follows the canvas as it changes."""

    def __init__(self, view: TouchCanvasView, parent: QWidget | None = None) -> None:
        super().__init__(parent or view.window())
        self.view = view
        name = view.accessibleName() or "Canvas"
        self.setWindowTitle(f"{name}: table")
        self.setObjectName("canvasTable")
        self.model = CanvasTableModel(view, self)
        self.table = QTableView()
        self.table.setObjectName("canvasTableView")
        self.table.setAccessibleName(f"{name}, one row per card")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ColumnDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        hint = QLabel("F2 or typing edits a cell; Enter stores it (one undo step, as a drag would). "
                      "Every edit goes through the canvas.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(150)
        self._later.timeout.connect(self._refresh)
        view.scene().changed.connect(lambda _rects: self._later.start())

    def _refresh(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState or not is_valid(self.view):
            return
        if [item_identity(i) for i in self.view.focusable_items()] != self.model.rows:
            current = self.table.currentIndex()
            self.model.refresh()
            if current.isValid():
                self.table.setCurrentIndex(self.model.index(min(current.row(), self.model.rowCount() - 1),
                                                            current.column()))
        else:
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))


def open_canvas_table(view) -> CanvasTableDialog:
    """Show (or raise) the table of ``view``."""
    dlg = getattr(view, "_table_dialog", None)
    if dlg is None or not is_valid(dlg):
        dlg = CanvasTableDialog(view)
        view._table_dialog = dlg
    dlg.model.refresh()
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    dlg.table.setFocus()
    if dlg.model.rowCount():
        dlg.table.setCurrentIndex(dlg.model.index(0, 0))
    return dlg
