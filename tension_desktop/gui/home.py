"""The home screen: teams and their workshops; create, open, rename, duplicate, delete, transfer."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.store import Library, workshops

from .widgets import big_button, enable_touch_scrolling, heading

WORKSHOP_ROLE = Qt.ItemDataRole.UserRole
TEAM_ROLE = Qt.ItemDataRole.UserRole + 1


class HomeScreen(QWidget):
    """Lists teams and workshops. Actions are signals; the main window carries them out."""

    openRequested = Signal(int)
    newRequested = Signal(str)
    renameRequested = Signal(int)
    duplicateRequested = Signal(int)
    deleteRequested = Signal(int)
    importRequested = Signal()
    exportRequested = Signal(int)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.setObjectName("homeScreen")
        # the team panel (signals chart) is built on the first selection while shown, after
        # the first paint: start-up never pays for it
        self.team_panel = None
        self._team_timer = QTimer(self)
        self._team_timer.setSingleShot(True)
        self._team_timer.timeout.connect(self._show_team)
        # The list and buttons are built when the screen is first shown or used (any of its
        # attributes): a start-up that reopens the last workshop paints that without them.
        self._built = False

    def __getattr__(self, name: str):
        """Builds the screen on first use of one of its parts (``tree``, ``open_btn``, ...)."""
        if name.startswith("_") or self.__dict__.get("_built", True):
            raise AttributeError(name)
        self._build()
        return getattr(self, name)

    def _build(self) -> None:
        self._built = True
        self.tree = QTreeWidget()
        self.tree.setObjectName("workshopTree")
        self.tree.setAccessibleName("Workshops")
        self.tree.setHeaderLabels(["Workshop", "Date", "Participants", "Initiatives"])
        self.tree.header().setStretchLastSection(False)  # the title column takes the room
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.tree.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            self.tree.headerItem().setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        enable_touch_scrolling(self.tree)

        self.open_btn = big_button("Open", primary=True, name="openWorkshop")
        self.new_btn = big_button("New workshop…", name="newWorkshop")
        self.rename_btn = big_button("Rename…", name="renameWorkshop")
        self.dup_btn = big_button("Duplicate", name="duplicateWorkshop")
        self.delete_btn = big_button("Delete…", name="deleteWorkshop")
        self.import_btn = big_button("Import…", name="importWorkshop")
        self.export_btn = big_button("Export…", name="exportWorkshop")
        self.open_btn.clicked.connect(lambda: self._emit(self.openRequested))
        self.new_btn.clicked.connect(lambda: self.newRequested.emit(self.selected_team_name()))
        self.rename_btn.clicked.connect(lambda: self._emit(self.renameRequested))
        self.dup_btn.clicked.connect(lambda: self._emit(self.duplicateRequested))
        self.delete_btn.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.import_btn.clicked.connect(self.importRequested.emit)
        self.export_btn.clicked.connect(lambda: self._emit(self.exportRequested))

        buttons = QHBoxLayout()
        for b in (self.open_btn, self.new_btn, self.rename_btn, self.dup_btn, self.delete_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_btn)
        buttons.addWidget(self.export_btn)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading("Workshops"))
        layout.addWidget(heading("Pick a team's workshop to run, or start a new one. Everything is saved as you go.",
                                 sub=True))
        self.empty_hint = heading("No workshops yet. Tap “New workshop…” to start one, or “Import…” to bring "
                                  "one from another computer.", sub=True)
        self.empty_hint.setObjectName("homeEmptyHint")
        layout.addWidget(self.empty_hint)
        self.middle = QHBoxLayout()
        self.middle.addWidget(self.tree, 3)
        layout.addLayout(self.middle, 1)
        layout.addLayout(buttons)
        self.tree.itemSelectionChanged.connect(self._schedule_team)
        self.refresh()

    def selected_team_id(self) -> int | None:
        """The team of the selected row (a team row or one of its workshops)."""
        item = self.tree.currentItem()
        if item is None:
            return None
        while item.parent() is not None:
            item = item.parent()
        return item.data(0, TEAM_ROLE)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self._built:
            self._build()
            # parts added while the screen is being shown: show them now, not one event later
            for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if not (child.isHidden() and child.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)):
                    child.setVisible(True)
        super().showEvent(event)
        self._schedule_team()

    def _schedule_team(self) -> None:
        if self.isVisible():
            self._team_timer.start(0)

    def _show_team(self) -> None:
        """Show the selected team's signals across its sessions (built on first use)."""
        team_id = self.selected_team_id()
        if team_id is None:
            if self.team_panel is not None:
                self.team_panel.hide()
            return
        if self.team_panel is None:
            from .home_team import TeamPanel  # deferred: pulls in the session package

            self.team_panel = TeamPanel(self.lib)
            self.middle.addWidget(self.team_panel, 2)
        self.team_panel.show_team(team_id, self.selected_team_name())
        self.team_panel.show()

    def refresh(self, select_id: int | None = None) -> None:
        """Reload from the library, keeping (or setting) the selection."""
        keep = select_id if select_id is not None else self.selected_workshop_id()
        self.tree.clear()
        teams: dict[int, QTreeWidgetItem] = {}
        to_select = None
        for row in workshops.list_workshops(self.lib):
            team_item = teams.get(row.team_id)
            if team_item is None:
                team_item = QTreeWidgetItem([row.team_name])
                team_item.setData(0, TEAM_ROLE, row.team_id)
                f = team_item.font(0)
                f.setBold(True)
                team_item.setFont(0, f)
                team_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(team_item)
                teams[row.team_id] = team_item
            item = QTreeWidgetItem([row.title, row.date, str(row.participants), str(row.initiatives)])
            item.setData(0, WORKSHOP_ROLE, row.id)
            for col in (2, 3):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
            team_item.addChild(item)
            if row.id == keep:
                to_select = item
        self.tree.expandAll()
        if self.team_panel is not None:
            self.team_panel.forget()  # workshops may have changed: reload on the next show
        self.empty_hint.setVisible(self.tree.topLevelItemCount() == 0)
        if to_select is None and self.tree.topLevelItemCount():
            to_select = self.tree.topLevelItem(0).child(0)
        if to_select is not None:
            self.tree.setCurrentItem(to_select)
        self._update_buttons()
        self._schedule_team()

    def selected_workshop_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, WORKSHOP_ROLE) if item is not None else None

    def selected_team_name(self) -> str:
        item = self.tree.currentItem()
        if item is None:
            return ""
        while item.parent() is not None:
            item = item.parent()
        return item.text(0)

    def _emit(self, signal) -> None:
        wid = self.selected_workshop_id()
        if wid is not None:
            signal.emit(wid)

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        wid = item.data(0, WORKSHOP_ROLE)
        if wid is not None:
            self.openRequested.emit(wid)

    def _update_buttons(self) -> None:
        has = self.selected_workshop_id() is not None
        for b in (self.open_btn, self.rename_btn, self.dup_btn, self.delete_btn, self.export_btn):
            b.setEnabled(has)
