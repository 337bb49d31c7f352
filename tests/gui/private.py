"""Helpers for private rounds in GUI tests: finish a turn the way a participant does."""

from __future__ import annotations

from PySide6.QtCore import Qt


def pass_on(qtbot, private, *, anyway: bool = True) -> str:
    """Tap the turn bar's Done control; if it asks first ("3 initiatives not placed yet"),
    tap "Pass on anyway" (or "Keep going"). Returns the question's text ("" if none)."""
    qtbot.mouseClick(private.bar.done_btn, Qt.MouseButton.LeftButton)
    box = private.confirm
    if box is None:
        return ""
    text = box.text()
    qtbot.mouseClick(private.pass_btn if anyway else private.keep_btn, Qt.MouseButton.LeftButton)
    return text
