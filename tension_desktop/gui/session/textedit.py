"""A multi-line text box that reports its text once, when the finger or cursor leaves it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit


class CommitTextEdit(QPlainTextEdit):
    """Wraps long text (readable on the whiteboard); ``committed(text)`` on focus-out."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())

    def set_text(self, text: str) -> None:
        """Replace the text without losing the cursor when it is unchanged."""
        if self.toPlainText() != text:
            self.setPlainText(text)
