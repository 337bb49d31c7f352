"""Participants and initiatives of a workshop, edited through the document (undoable)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QIcon,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.colours import marker_for, next_free_colour
from tension_desktop.store.changes import Changes

from .document import WorkshopDocument
from .forms import open_form
from .markers import marker_icon
from .plain import set_tooltip
from .theme import screen_factor
from .widgets import big_button, enable_touch_scrolling, heading

ID_ROLE = Qt.ItemDataRole.UserRole
#: a participant's marker in the list on a 1080-line panel, in px: shown at ICON (the size Qt's
#: style gives list icons), drawn at CHIP and scaled down; both grow with the type above 1080
#: lines (an icon is never enlarged from a smaller pixmap)
ICON, CHIP = 24, 28
#: rows are selectable and enabled, never edited in place nor dragged (as before, QAbstractListModel)
_ROW_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


def colour_chip(colour: str, size: int = 28) -> QIcon:
    """The participant's marker in their colour (one of twelve identities, readable in grayscale)."""
    return marker_icon(marker_for(colour), colour, size)


def _one_line(text: str, limit: int = 140) -> str:
    """A description shortened to one line under its title (the full text is the tooltip)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class _RowsModel(QStandardItemModel):
    """A list of the document's rows held in Qt's own item model: laying out a long list
    then asks no Python code per row (start-up). Refreshed when the document says so;
    ``refreshed`` follows each refill (the model is cleared, so views see a reset first)."""

    refreshed = Signal()
    tables: tuple[str, ...] = ()

    def __init__(self, doc: WorkshopDocument) -> None:
        super().__init__()
        self.doc = doc
        self._fill()
        doc.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(*self.tables):
            self.clear()  # modelAboutToBeReset / modelReset
            self._fill()
            self.refreshed.emit()

    def _fill(self) -> None:
        self.rows = self._load()
        root = self.invisibleRootItem()
        items = [self._item(r) for r in self.rows]
        if items:
            root.appendRows(items)

    def _load(self) -> list:
        raise NotImplementedError

    def _item(self, row) -> QStandardItem:
        raise NotImplementedError


class ParticipantListModel(_RowsModel):
    """Participants of the document, refreshed when the document says they changed."""

    tables = ("participants",)

    def _load(self) -> list:
        return self.doc.participants()

    def _item(self, p) -> QStandardItem:
        chip = colour_chip(p.colour, round(CHIP * screen_factor()))
        item = QStandardItem(chip, f"{p.name}  ·  {p.role}" if p.role else p.name)
        item.setData(p.id, ID_ROLE)
        item.setFlags(_ROW_FLAGS)
        return item


class InitiativeListModel(_RowsModel):
    """Initiatives of the document (title and a one-line description), refreshed likewise."""

    tables = ("initiatives",)

    def _load(self) -> list:
        return self.doc.initiatives()

    def _item(self, i) -> QStandardItem:
        item = QStandardItem(f"{i.title}\n{_one_line(i.description) if i.description else 'No description yet'}")
        set_tooltip(item, i.description)
        item.setData(i.id, ID_ROLE)
        item.setFlags(_ROW_FLAGS)
        return item


class _ListPanel(QWidget):
    """A titled list with big Add / Edit / Remove / Up / Down buttons."""

    def __init__(self, title: str, model: _RowsModel, name: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._kept_id: int | None = None
        # each widget made inside this panel (not added later: see WorkshopView)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, self))
        self.empty_hint = heading(empty_text, self, sub=True)
        self.empty_hint.setObjectName(f"{name}EmptyHint")
        layout.addWidget(self.empty_hint)
        self.view = QListView(self)
        self.view.setObjectName(f"{name}List")
        self.view.setAccessibleName(title)
        # a participant's marker grows with the type on an unscaled large panel (4K whiteboard)
        side = round(ICON * screen_factor())
        self.view.setIconSize(QSize(side, side))
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)  # every row has the same lines: 200 rows lay out at once
        enable_touch_scrolling(self.view)
        # the rows come last: each setting above would otherwise lay the 200 rows out again
        self.view.setModel(model)
        layout.addWidget(self.view, 1)
        self.add_btn = big_button("Add…", self, name=f"add_{name}")
        self.edit_btn = big_button("Edit…", self, name=f"edit_{name}")
        self.remove_btn = big_button("Remove", self, name=f"remove_{name}")
        # arrows keep the five buttons on one row, even in whiteboard type on a 1366x768 panel
        self.up_btn = big_button("▲", self, name=f"up_{name}")
        self.down_btn = big_button("▼", self, name=f"down_{name}")
        for btn, what in ((self.up_btn, "Move up"), (self.down_btn, "Move down")):
            btn.setAccessibleName(what)
            btn.setProperty("arrow", True)  # themes give arrow buttons no side padding
            btn.setToolTip(f"{what} (order used on the map, board and handouts)")
        grid = QGridLayout()
        for col, btn in enumerate((self.add_btn, self.edit_btn, self.remove_btn, self.up_btn, self.down_btn)):
            grid.addWidget(btn, 0, col)
            grid.setColumnStretch(col, 1 if col < 3 else 0)
        layout.addLayout(grid)
        self.view.doubleClicked.connect(lambda _i: self.edit_btn.click())
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.refreshed.connect(self._restore_selection)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self._restore_selection()

    def _remember_selection(self) -> None:
        self._kept_id = self.current_id()

    def _restore_selection(self) -> None:
        """After a refresh keep the same row selected (or the first one), never nothing."""
        if self._kept_id is not None:
            self.select_id(self._kept_id)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.model.rowCount()
        row = self.current_row()
        has = self.view.currentIndex().isValid()
        self.edit_btn.setEnabled(has)
        self.remove_btn.setEnabled(has)
        self.up_btn.setEnabled(has and row > 0)
        self.down_btn.setEnabled(has and row < rows - 1)
        self.empty_hint.setVisible(rows == 0)

    def current_id(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def select_id(self, row_id: int | None) -> None:
        for r in range(self.model.rowCount()):
            idx = self.model.index(r, 0)
            if idx.data(ID_ROLE) == row_id:
                self.view.setCurrentIndex(idx)
                return


class RosterView(QWidget):
    """The workshop's participants (left) and initiatives (right)."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("rosterView")
        layout = QHBoxLayout(self)
        self.participants = _ListPanel(
            "Participants", ParticipantListModel(doc), "participant",
            "No participants yet. Tap Add… for each person in the room: name, role and a colour.", self)
        self.initiatives = _ListPanel(
            "Initiatives", InitiativeListModel(doc), "initiative",
            "No initiatives yet. Tap Add… for each initiative the team is weighing.", self)
        #: the dialog currently open (tests and touch users reach it through this)
        self.dialog: QDialog | None = None
        layout.addWidget(self.participants, 1)
        layout.addWidget(self.initiatives, 1)

        p, i = self.participants, self.initiatives
        p.add_btn.clicked.connect(self.add_participant)
        p.edit_btn.clicked.connect(self.edit_participant)
        p.remove_btn.clicked.connect(lambda: p.current_id() and doc.remove_participant(p.current_id()))
        p.up_btn.clicked.connect(lambda: self._move(p, doc.move_participant, -1))
        p.down_btn.clicked.connect(lambda: self._move(p, doc.move_participant, +1))
        i.add_btn.clicked.connect(self.add_initiative)
        i.edit_btn.clicked.connect(self.edit_initiative)
        i.remove_btn.clicked.connect(lambda: i.current_id() and doc.remove_initiative(i.current_id()))
        i.up_btn.clicked.connect(lambda: self._move(i, doc.move_initiative, -1))
        i.down_btn.clicked.connect(lambda: self._move(i, doc.move_initiative, +1))
        for panel in (p, i):
            QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), panel.view,
                      activated=panel.remove_btn.click, context=Qt.ShortcutContext.WidgetShortcut)

    def _move(self, panel: _ListPanel, move, step: int) -> None:
        row_id = panel.current_id()
        if row_id is None:
            return
        target = panel.current_row() + step
        if 0 <= target < panel.model.rowCount():
            move(row_id, target)
            panel.select_id(row_id)

    def _open(self, dlg: QDialog, on_accept: Callable[[], None]) -> None:
        """Show a form window-modally without a nested event loop (touch and tests friendly)."""
        open_form(self, dlg, on_accept)

    def _select_last(self, panel: _ListPanel) -> None:
        panel.view.setCurrentIndex(panel.model.index(panel.model.rowCount() - 1, 0))

    def add_participant(self) -> None:
        from .dialogs import ParticipantDialog  # forms load when first opened (start-up)

        dlg = ParticipantDialog(self, default_colour=next_free_colour([x.colour for x in self.doc.participants()]))

        def accepted() -> None:
            v = dlg.values()
            if self.doc.add_participant(v["name"], v["role"], v["colour"]):
                self._select_last(self.participants)
        self._open(dlg, accepted)

    def edit_participant(self) -> None:
        pid = self.participants.current_id()
        if pid is None:
            return
        current = next(x for x in self.doc.participants() if x.id == pid)
        from .dialogs import ParticipantDialog

        dlg = ParticipantDialog(self, current)

        def accepted() -> None:
            self.doc.edit_participant(pid, **dlg.values())
            self.participants.select_id(pid)
        self._open(dlg, accepted)

    def add_initiative(self) -> None:
        from .dialogs import InitiativeDialog

        dlg = InitiativeDialog(self)

        def accepted() -> None:
            v = dlg.values()
            if self.doc.add_initiative(v["title"], v["description"]):
                self._select_last(self.initiatives)
        self._open(dlg, accepted)

    def edit_initiative(self) -> None:
        iid = self.initiatives.current_id()
        if iid is None:
            return
        current = next(x for x in self.doc.initiatives() if x.id == iid)
        from .dialogs import InitiativeDialog

        dlg = InitiativeDialog(self, current)

        def accepted() -> None:
            self.doc.edit_initiative(iid, **dlg.values())
            self.initiatives.select_id(iid)
        self._open(dlg, accepted)
