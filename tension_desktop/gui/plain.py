"""User text on screen is plain text, everywhere: labels, tooltips, message boxes.

Qt guesses: a QLabel, a tooltip or a QMessageBox whose text *looks like* HTML
(``Qt.mightBeRichText``: a tag such as ``<b>`` or ``<img src=...>`` on the first line) is
rendered as rich text, so a participant named ``<img src="/etc/passwd">`` would load a
local file and ``<a href=...>`` would show a link. Everything that puts the coach's or a
participant's text on screen goes through these helpers:

- :func:`plain_tooltip` / :func:`set_tooltip` for tooltips (widgets, items, actions, the
  ``ToolTipRole`` of models): text Qt would read as markup is escaped, so it shows literally;
- :func:`plain_label` and :func:`message_box` fix the text format to plain text;
- :func:`button_text` for buttons, actions, tabs and group boxes, which read ``&`` as the
  mark of a keyboard shortcut (a participant called ``R&D`` would show as "RD" and answer
  to Alt+D); :func:`undo_text` for the Edit menu's "Undo …" (every command the document
  pushes goes through it); :func:`window_title` for titles naming a workshop.

The GUI test ``tests/gui/test_plain_text.py`` walks every widget, item model and scene of
every screen with markup in every text field and fails on anything shown as rich text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # imported where a box is made: QMessageBox's enums cost ~1 ms at start-up
    from PySide6.QtWidgets import QMessageBox


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows ``text`` literally.

    Text Qt would not take for markup is returned as it is; otherwise it is HTML-escaped
    inside a paragraph that keeps line breaks and spaces and does not wrap, so it looks
    exactly like a plain-text tooltip."""
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    # html.escape(text, quote=False), without importing html (its entity table costs ms at start-up)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<p style='white-space:pre'>{escaped}</p>"


def button_text(text: str) -> str:
    """Text for a button, an action, a tab or a group box: a typed ``&`` shows as ``&``."""
    return text.replace("&", "&&")


def undo_text(text: str) -> str:
    """A QUndoCommand's text as the Edit menu shows it ("Undo …"): one line, a typed ``&`` as ``&``.

    Qt cuts a command's menu text at the first line break and reads ``&`` as a shortcut."""
    return button_text(" ".join(text.split()))


def window_title(text: str) -> str:
    """A window title that shows ``text`` as typed: Qt hides ``[*]`` (the unsaved-changes mark)."""
    return text.replace("[*]", "[*][*]")


def set_tooltip(target, text: str) -> None:
    """``target.setToolTip`` (a widget, a QStandardItem, a QGraphicsItem, an action) with plain text."""
    target.setToolTip(plain_tooltip(text))


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton | None = None,
                parent: QWidget | None = None) -> QMessageBox:
    """A QMessageBox whose text (often naming a workshop, a person or a file) is plain text;
    its one button is OK unless ``buttons`` says otherwise."""
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.Ok
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
