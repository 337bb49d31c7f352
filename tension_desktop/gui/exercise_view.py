"""The base of an exercise screen: it hears every change notice, asks whether it shows what
changed, and redraws at once when it is on screen, or when it is next shown (a tab in the
background does not rebuild on every edit made elsewhere)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from tension_desktop.store.changes import Changes

from .document import WorkshopDocument


class ExerciseView(QWidget):
    """Subclasses set up their widgets, then call :meth:`refresh` once; they answer
    :meth:`shows` with a precise question to the notice and draw in :meth:`refresh`."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._stale = False
        doc.changed.connect(self._changed)

    def shows(self, changes: Changes) -> bool:
        """Does this screen show anything the edit changed?"""
        return True

    def refresh(self) -> None:
        """Draw the screen from the store."""

    def _changed(self, changes: Changes) -> None:
        if not self.shows(changes):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
