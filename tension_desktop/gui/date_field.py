"""One date field for every date in the app: type it or pick it.

Typed ISO (2026-12-10) and the locale's own short or long form are accepted; an empty field
means "no date yet". The calendar opens on the field's date, else on the workshop's date (or
today), has a readable header and, in whiteboard mode, day cells a finger can hit.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
    QWidgetAction,
)

from .theme import ICONS_DIR
from .widgets import big_button

CALENDAR_STYLE = """
QCalendarWidget QWidget#qt_calendar_navigationbar { background: #0b4f8a; }
QCalendarWidget QToolButton { color: #ffffff; background: transparent; border: none; font-weight: 600;
    min-height: 40px; padding: 2px 10px; }
QCalendarWidget QToolButton::menu-indicator { image: none; }
QCalendarWidget QSpinBox { color: #102a43; background: #ffffff; }
QCalendarWidget QAbstractItemView:enabled { color: #102a43; background: #ffffff;
    selection-background-color: #0b4f8a; selection-color: #ffffff; }
"""


def parse_date(text: str, locale: QLocale | None = None) -> dt.date | None:
    """The date in ``text``: ISO (2026-12-10) or the locale's short or long form; None if none."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    locale = locale or QLocale()
    patterns = []
    for fmt in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat, QLocale.FormatType.NarrowFormat):
        pattern = locale.dateFormat(fmt)
        if "yyyy" not in pattern:  # "10.12.2026" in a locale whose short form has two-digit years
            patterns.append(pattern.replace("yy", "yyyy"))
        patterns.append(pattern)
    for pattern in patterns:
        d = locale.toDate(text, pattern)
        if d.isValid():
            if d.year() < 100:  # "10/12/26": two-digit years are this century
                d = d.addYears(2000 if d.year() < 70 else 1900)
            return dt.date(d.year(), d.month(), d.day())
    return None


class DateField(QWidget):
    """A line edit for a date (ISO shown) and a calendar button.

    ``dateCommitted(iso)`` when the user finishes typing a valid date, clears the field
    (``""``) or picks a day in the calendar. Text that is not a date is kept, marked
    invalid, and never committed."""

    dateCommitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, name: str = "", anchor: dt.date | None = None,
                 placeholder: str = "no date yet") -> None:
        super().__init__(parent)
        self.anchor = anchor
        self.edit = QLineEdit()
        self.edit.setObjectName(name or "dateField")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip("Type a date such as 2026-12-10, or pick one")
        self.edit.setMinimumHeight(48)
        self.edit.editingFinished.connect(self._typed)
        # a drawn icon, not the 📅 emoji: a system without an emoji font shows that as a box
        self.button = big_button("", name=f"{name or 'date'}Calendar")
        self.button.setIcon(QIcon(str(ICONS_DIR / "calendar.svg")))
        self.button.setAccessibleName("Pick a date in the calendar")
        self.button.setToolTip("Pick a date in the calendar")
        self.button.clicked.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.menu: QMenu | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self._committed = ""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The icon as tall as the button's type (the theme's size for this screen)."""
        side = self.button.fontMetrics().height()
        self.button.setIconSize(QSize(side, side))
        super().showEvent(event)

    # -- value --------------------------------------------------------------------------------
    def text(self) -> str:
        """The date as ISO text, or "" (no date, or text that is not a date)."""
        d = parse_date(self.edit.text())
        return d.isoformat() if d else ""

    def is_valid(self) -> bool:
        """True when the field is empty or holds a date."""
        return not self.edit.text().strip() or parse_date(self.edit.text()) is not None

    def set_text(self, iso: str) -> None:
        """Show ``iso`` (or nothing), without committing."""
        self._committed = iso or ""
        self.edit.setText(iso or "")
        self._mark(True)

    def _mark(self, valid: bool) -> None:
        if self.edit.property("invalid") != (not valid):
            self.edit.setProperty("invalid", not valid)
            self.edit.setStyleSheet("" if valid else "border: 2px solid #b42318;")

    def _typed(self) -> None:
        raw = self.edit.text().strip()
        d = parse_date(raw)
        if raw and d is None:
            self._mark(False)
            return
        self._mark(True)
        iso = d.isoformat() if d else ""
        if self.edit.text() != iso:
            self.edit.setText(iso)
        self._commit(iso)

    def _commit(self, iso: str) -> None:
        if iso != self._committed:
            self._committed = iso
            self.dateCommitted.emit(iso)

    # -- calendar -----------------------------------------------------------------------------
    def start_date(self) -> dt.date:
        """Where the calendar opens: the field's date, else the anchor (workshop date), else today."""
        return parse_date(self.edit.text()) or self.anchor or dt.date.today()

    def open_calendar(self) -> QCalendarWidget:
        """Show the calendar below the field, on :meth:`start_date`."""
        if self.menu is None:
            self.menu = QMenu(self)
            self.calendar = QCalendarWidget()
            self.calendar.setObjectName("datePicker")
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            self.calendar.setStyleSheet(CALENDAR_STYLE)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            action = QWidgetAction(self.menu)
            action.setDefaultWidget(self.calendar)
            self.menu.addAction(action)
        self._size_cells()
        d = self.start_date()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self.calendar.setCurrentPage(d.year, d.month)
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        return self.calendar

    def _size_cells(self) -> None:
        """Day cells at least 48 px in whiteboard mode (and on a large panel), 36 px otherwise."""
        from PySide6.QtWidgets import QApplication

        from .theme import screen_factor

        whiteboard = QApplication.instance().property("tensionTheme") == "whiteboard"
        cell = round((48 if whiteboard else 36) * screen_factor())
        view = self.calendar.findChild(QTableView)
        if view is not None:
            view.horizontalHeader().setMinimumSectionSize(cell)
            view.verticalHeader().setMinimumSectionSize(cell)
            view.verticalHeader().setDefaultSectionSize(cell)
            view.horizontalHeader().setDefaultSectionSize(cell)
        self.calendar.setMinimumSize(cell * 7 + 8, cell * 7 + 48)

    def _picked(self, date: QDate) -> None:
        iso = date.toString("yyyy-MM-dd")
        self.edit.setText(iso)
        self._mark(True)
        if self.menu is not None:
            self.menu.hide()
        self._commit(iso)


def workshop_date(doc) -> dt.date | None:
    """The open workshop's date (the calendar's anchor), if it has one."""
    try:
        return dt.date.fromisoformat(doc.workshop.date) if doc.workshop.date else None
    except ValueError:
        return None


