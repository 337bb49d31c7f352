"""The rows a follow-up reviews (earlier commitments, the carried-over covenant): what it is,
one exclusive button per outcome, a "What happened?" note. Shared by both review panels."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)


def clear_rows(rows: QGridLayout) -> None:
    """Empty the grid: the rows are gone at once, deleted when the event loop runs."""
    while rows.count():
        item = rows.takeAt(0)
        if item.widget():
            item.widget().hide()
            item.widget().deleteLater()


def add_review_row(owner: QWidget, rows: QGridLayout, row: int, text: str,
                   outcomes: Iterable[tuple[str, str, str]], current: str, choose: Callable[[str], None],
                   note: QLineEdit, beside: Iterable[QWidget] = ()) -> QButtonGroup:
    """One reviewed item in row ``row``: ``text``, a button per ``(value, title, object name)``
    (checked when it is ``current``; ``choose(value)`` when tapped), the widgets ``beside``
    them (a picker) and the ``note`` field. Returns the button group."""
    what = QLabel(text)
    what.setTextFormat(Qt.TextFormat.PlainText)
    what.setWordWrap(True)
    rows.addWidget(what, row, 0)
    group = QButtonGroup(owner)
    group.setExclusive(True)
    box = QWidget()
    box_layout = QHBoxLayout(box)
    box_layout.setContentsMargins(0, 0, 0, 0)
    for value, title, name in outcomes:
        b = QPushButton(title)
        b.setObjectName(name)
        b.setProperty("reviewButton", True)
        b.setCheckable(True)
        b.setMinimumHeight(48)
        b.setChecked(current == value)
        b.clicked.connect(lambda _x=False, v=value: choose(v))
        group.addButton(b)
        box_layout.addWidget(b)
    for widget in beside:
        box_layout.addWidget(widget)
    rows.addWidget(box, row, 1)  # focus order: the buttons, what is beside them, then the note
    rows.addWidget(note, row, 2)
    return group


def note_field(text: str, name: str, done: Callable[[str], object], max_length: int | None = None) -> QLineEdit:
    """The "What happened?" field of a row; ``done(text)`` when the finger leaves it."""
    note = QLineEdit(text)
    note.setObjectName(name)
    if max_length is not None:
        note.setMaxLength(max_length)
    note.setPlaceholderText("What happened?")
    note.editingFinished.connect(lambda: done(note.text()))
    return note


def stretch_rows(rows: QGridLayout) -> None:
    rows.setColumnStretch(0, 3)
    rows.setColumnStretch(2, 2)
