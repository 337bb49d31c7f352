"""Borrowing an exercise's widget from the workshop's tabs while the session runs.

During run mode the current phase's exercise is shown in the presenter's stage (one
screen, coach mode) or on the whiteboard. The widget is taken out of its tab and put
back exactly (same index and title) when the phase changes or the session ends.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QStackedLayout, QTabWidget, QVBoxLayout, QWidget

from ..widgets import big_button, heading


class ExerciseStage(QWidget):
    """A place where a borrowed exercise widget is shown, with a placeholder when empty."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QStackedLayout(self)
        self.placeholder = heading(placeholder)
        self.placeholder.setObjectName("stagePlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.placeholder)
        self.widget: QWidget | None = None

    def set_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)

    def show_widget(self, widget: QWidget | None) -> None:
        if self.widget is not None and self.widget is not widget:
            self.layout_.removeWidget(self.widget)
            self.widget = None
        if widget is not None:
            if self.widget is not widget:
                self.layout_.addWidget(widget)
            self.widget = widget
            self.layout_.setCurrentWidget(widget)
            widget.show()
        else:
            self.layout_.setCurrentWidget(self.placeholder)


RUNNING_MARK = "▶ "


def _away_page(title: str, go_to_coach) -> QWidget:
    """What an exercise's tab shows while its phase runs elsewhere: where it is, a way there."""
    page = QWidget()
    page.setObjectName("exerciseAway")
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    note = heading(f"{title} is running: it is on the whiteboard or in the coach view (Agenda tab).")
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(note)
    button = big_button("Go to the coach view", name="goToCoachView")
    button.clicked.connect(go_to_coach)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(1)
    return page


class ExerciseLender:
    """Takes exercise widgets out of a WorkshopView's tabs and puts them back.

    While a widget is lent its tab stays, at the same place, marked as running (▶ and the
    tab's "running" data): the tab bar never loses a tab during a session."""

    def __init__(self, view) -> None:
        self.view = view  # WorkshopView (tabs, exercise_widgets, open_exercise)
        self.borrowed: dict[str, tuple[QWidget, int, str, QWidget]] = {}

    @property
    def tabs(self) -> QTabWidget:
        return self.view.tabs

    def _mark(self, index: int, running: bool) -> None:
        bar = self.tabs.tabBar()
        bar.setTabData(index, "running" if running else None)
        sync = getattr(bar, "_sync", None)  # a FlowTabBar restyles its button
        if sync is not None:
            sync()

    def _go_to_coach(self) -> None:
        agenda = getattr(self.view, "exercise_widgets", {}).get("session")
        if agenda is not None:
            self.tabs.setCurrentWidget(agenda)

    def borrow(self, key: str) -> QWidget | None:
        """The exercise's widget, out of its tab; None if the exercise does not exist."""
        if key in self.borrowed:
            return self.borrowed[key][0]
        widget = getattr(self.view, "exercise_widgets", {}).get(key)
        if widget is None or key == "session":
            return None
        index = self.tabs.indexOf(widget)
        if index < 0:
            return None
        title = self.tabs.tabText(index)
        away = _away_page(title.replace("&&", "&"), self._go_to_coach)
        current = self.tabs.currentIndex()
        with QSignalBlocker(self.tabs):
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, away, RUNNING_MARK + title)
            self.tabs.setCurrentIndex(current)
        self._mark(index, True)
        self.borrowed[key] = (widget, index, title, away)
        return widget

    def give_back(self, key: str) -> None:
        entry = self.borrowed.pop(key, None)
        if entry is None:
            return
        widget, index, title, away = entry
        at = self.tabs.indexOf(away)
        current = self.tabs.currentIndex()
        widget.setParent(None)
        with QSignalBlocker(self.tabs):
            if at >= 0:
                self.tabs.removeTab(at)
            else:
                at = min(index, self.tabs.count())
            self.tabs.insertTab(at, widget, title)
            self.tabs.setCurrentIndex(current)
        self._mark(at, False)
        away.deleteLater()

    def give_back_all(self) -> None:
        # put back lowest index first so the original order is restored
        for key in sorted(self.borrowed, key=lambda k: self.borrowed[k][1]):
            self.give_back(key)
