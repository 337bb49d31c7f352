"""Borrowing an exercise's widget from the workshop's tabs while the session runs.

During run mode the current phase's exercise is shown in the presenter's stage (one
screen, coach mode) or on the whiteboard. The widget is taken out of its tab and put
back exactly (same index and title) when the phase changes or the session ends.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedLayout, QTabWidget, QWidget

from ..widgets import heading


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


class ExerciseLender:
    """Takes exercise widgets out of a WorkshopView's tabs and puts them back."""

    def __init__(self, view) -> None:
        self.view = view  # WorkshopView (tabs, exercise_widgets, open_exercise)
        self.borrowed: dict[str, tuple[QWidget, int, str]] = {}

    @property
    def tabs(self) -> QTabWidget:
        return self.view.tabs

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
        self.tabs.removeTab(index)
        self.borrowed[key] = (widget, index, title)
        return widget

    def give_back(self, key: str) -> None:
        entry = self.borrowed.pop(key, None)
        if entry is None:
            return
        widget, index, title = entry
        widget.setParent(None)
        self.tabs.insertTab(min(index, self.tabs.count()), widget, title)

    def give_back_all(self) -> None:
        # put back lowest index first so the original order is restored
        for key in sorted(self.borrowed, key=lambda k: self.borrowed[k][1]):
            self.give_back(key)

