"""An open workshop: its title bar and one tab per exercise, roster first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from .document import WorkshopDocument
from .exercises import load_features
from .roster import RosterView
from .widgets import big_button, heading


class WorkshopView(QWidget):
    """Header (team, workshop, Home button) and the exercise tabs."""

    homeRequested = Signal()

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("workshopView")
        self.title = heading("")
        self.title.setObjectName("workshopTitle")
        self.team = heading("", sub=True)
        self.home_btn = big_button("◀ Workshops", name="homeButton")
        self.home_btn.clicked.connect(self.homeRequested.emit)
        head = QHBoxLayout()
        head.addWidget(self.home_btn)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.team)
        head.addLayout(titles, 1)
        self.header = head

        self.tabs = QTabWidget()
        self.tabs.setObjectName("exerciseTabs")
        self.tabs.setDocumentMode(True)
        self.roster = RosterView(doc)
        self.tabs.addTab(self.roster, "People && initiatives")
        self.exercise_widgets: dict[str, QWidget] = {}
        for exercise in load_features():
            widget = exercise.factory(doc)
            self.exercise_widgets[exercise.key] = widget
            self.tabs.addTab(widget, exercise.title)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        doc.changed.connect(self._changed)
        self._refresh_header()

    def open_exercise(self, key: str) -> bool:
        """Show the tab of an exercise (used by the agenda); False if it does not exist."""
        widget = self.exercise_widgets.get(key)
        if widget is None:
            return False
        self.tabs.setCurrentWidget(widget)
        return True

    def _changed(self, kind: str, _detail: object) -> None:
        if kind in ("workshop", "all"):
            self._refresh_header()

    def _refresh_header(self) -> None:
        ws = self.doc.workshop
        self.title.setText(ws.title)
        self.team.setText(f"{self.doc.team_name}  ·  {ws.date}" if ws.date else self.doc.team_name)
