"""An open workshop: its title bar and one tab per exercise, roster first."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from tension_desktop.store.changes import Changes

from . import exercises
from .document import WorkshopDocument
from .flow import FlowTabWidget
from .roster import RosterView
from .widgets import big_button, heading


class WorkshopView(QWidget):
    """Header (team, workshop, Home button) and the exercise tabs."""

    homeRequested = Signal()

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("workshopView")
        # built from the top down, each widget made inside its final parent: a subtree added
        # to a parent later is restyled again (the app's style sheet) at every level it moves
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        header_box = QWidget(self)
        header_box.setObjectName("workshopHeader")
        layout.addWidget(header_box)
        head = QHBoxLayout(header_box)
        head.setContentsMargins(0, 0, 0, 0)
        self.home_btn = big_button("◀ Workshops", header_box, name="homeButton")
        self.home_btn.clicked.connect(self.homeRequested.emit)
        head.addWidget(self.home_btn)
        self.title = heading("", header_box)
        self.title.setObjectName("workshopTitle")
        self.team = heading("", header_box, sub=True)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.team)
        head.addLayout(titles, 1)
        # during a session: the phase and its countdown, whichever tab is showing
        self.session_clock = big_button("", header_box, name="sessionClock")
        self.session_clock.setToolTip("The session is running: tap for the coach view")
        self.session_clock.hide()
        head.addWidget(self.session_clock)
        self.header = head
        self.header_row = head

        self.tabs = FlowTabWidget(self)  # tabs wrap onto a second row: every tab always on screen
        self.tabs.setObjectName("exerciseTabs")
        self.tabs.setAccessibleName("Exercises")
        layout.addWidget(self.tabs, 1)
        # F6: the keyboard goes into the exercise on screen (its canvas, else its first control)
        # (window-wide: after a tab switch the focus may have gone with the hidden page)
        QShortcut(QKeySequence("F6"), self, self.focus_exercise, context=Qt.ShortcutContext.WindowShortcut)
        # Ctrl+Shift+T: the canvas on screen as a table (read and edit it without the canvas)
        QShortcut(QKeySequence("Ctrl+Shift+T"), self, self.open_table, context=Qt.ShortcutContext.WindowShortcut)
        self.tabs.setDocumentMode(True)
        self.roster = RosterView(doc, self.tabs)
        # Exercise screens (and their modules) are built the first time they are needed (their
        # tab is shown, or someone asks ``exercise_widgets[key]``): opening a workshop stays fast.
        self._exercises = {e.key: e for e in exercises.available()}
        self._placeholders: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}
        self.exercise_widgets = ExerciseWidgets(self)
        with self.tabs.flow_bar().batch():
            self.tabs.addTab(self.roster, "People && initiatives")
            for exercise in self._exercises.values():
                placeholder = QWidget(self.tabs)
                placeholder.setObjectName(f"{exercise.key}Placeholder")
                self._placeholders[exercise.key] = placeholder
                self.tabs.addTab(placeholder, exercise.title)
        self.tabs.currentChanged.connect(self._tab_shown)

        # a short window (1366x768) folds the header and the tab rows into one strip (F9)
        from .header_fold import HeaderFold

        self.header_fold = HeaderFold(self, header_box)
        head.addWidget(self.header_fold.fold_btn)
        doc.changed.connect(self._changed)
        doc.privateRoundChanged.connect(self._lock_for_private_round)
        self._refresh_header()
        self._resume_private_round()
        self._lock_for_private_round()

    #: exercise of a private round -> the tab that runs it
    ROUND_TABS = {"tension_map": "tension_map", "board": "board", "premortem_vote": "premortem", "pulse": "closing",
                  "polarity": "polarity", "allocation": "allocation",
                  "structure_blockers": "structure", "structure_sort": "structure", "structure_score": "structure"}
    # answers and cards written alone (on phones or in turns)
    ROUND_TABS |= {"opening": "opening", "premortem_cards": "premortem"}

    def _resume_private_round(self) -> None:
        """A workshop reopened in the middle of a private round (after a crash) opens on that
        round's screen, locked like before: nobody browses the other tabs meanwhile."""
        from tension_desktop.store import workshops

        for exercise, key in self.ROUND_TABS.items():
            if workshops.get_setting(self.doc.lib, self.doc.workshop_id, f"turns:{exercise}") is not None:
                self.open_exercise(key)
                return

    def _lock_for_private_round(self) -> None:
        """While a private round runs only its own screen can be used: every other tab
        (where the room's totals or everyone's cards are) and the way home are locked."""
        active = self.doc.active_round()
        host = None
        if active is not None:
            owner = active.parent()
            host = owner.parent() if owner is not None and not isinstance(owner, QWidget) else owner
        keep = self.tabs.indexOf(host) if host is not None else -1
        if active is not None and keep < 0:
            keep = self.tabs.currentIndex()  # the exercise is on the agenda's stage or the whiteboard
        for i in range(self.tabs.count()):
            self.tabs.setTabEnabled(i, active is None or i == keep)
        if active is not None and keep >= 0 and self.tabs.currentIndex() != keep:
            self.tabs.setCurrentIndex(keep)
        self.home_btn.setEnabled(active is None)

    def exercise_widget(self, key: str) -> QWidget | None:
        """The exercise's screen, built now if it was not yet; None if there is no such exercise."""
        widget = self._built.get(key)
        if widget is not None or key not in self._exercises:
            return widget
        exercise = self._exercises[key]
        factory = exercise.factory or exercises.factory_for(key)
        if factory is None:  # declared, but its module is not there (yet)
            return None
        widget = factory(self.doc)
        self._built[key] = widget
        placeholder = self._placeholders.pop(key)
        index = self.tabs.indexOf(placeholder)
        if index >= 0:  # swap it into its tab, keeping the tab that is showing
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, widget, exercise.title)
                self.tabs.setCurrentIndex(current)
        placeholder.deleteLater()
        return widget

    def _tab_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        for key, placeholder in list(self._placeholders.items()):
            if placeholder is shown:
                self.exercise_widget(key)
                return

    def current_canvas(self):
        """The canvas of the tab on screen, or None."""
        from .canvas import TouchCanvasView

        page = self.tabs.currentWidget()
        if page is None:
            return None
        return next((c for c in page.findChildren(TouchCanvasView) if c.isVisible()), None)

    def open_table(self):
        """Open the accessible table of the canvas on screen (None if the tab has none)."""
        from .canvas_table import open_canvas_table

        canvas = self.current_canvas()
        return open_canvas_table(canvas) if canvas is not None else None

    def focus_exercise(self) -> None:
        """Move the keyboard focus into the tab on screen: its canvas if it has one."""
        from .canvas import TouchCanvasView

        page = self.tabs.currentWidget()
        if page is None:
            return
        canvas = next((c for c in page.findChildren(TouchCanvasView) if c.isVisible()), None)
        if canvas is not None:
            canvas.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            page.setFocus(Qt.FocusReason.TabFocusReason)
            page.focusNextChild()

    def open_exercise(self, key: str) -> bool:
        """Show the tab of an exercise (used by the agenda); False if it does not exist."""
        widget = self.exercise_widget(key)
        if widget is None:
            return False
        self.tabs.setCurrentWidget(widget)
        return True

    def _changed(self, changes: Changes) -> None:
        if changes.touches("workshops", "teams"):
            self._refresh_header()

    def _refresh_header(self) -> None:
        ws = self.doc.workshop
        self.title.setText(ws.title)
        self.team.setText(f"{self.doc.team_name}  ·  {ws.date}" if ws.date else self.doc.team_name)
        if hasattr(self, "header_fold"):
            self.header_fold.refresh_text()


class ExerciseWidgets(Mapping):
    """``view.exercise_widgets[key]``: every registered exercise, each built on first access."""

    def __init__(self, view: WorkshopView) -> None:
        self._view = view

    def __getitem__(self, key: str) -> QWidget:
        widget = self._view.exercise_widget(key)
        if widget is None:
            raise KeyError(key)
        return widget

    def __iter__(self) -> Iterator[str]:
        return iter(self._view._exercises)

    def __len__(self) -> int:
        return len(self._view._exercises)

    def built(self) -> dict[str, QWidget]:
        """Only the screens that exist already (does not build any)."""
        return dict(self._view._built)
