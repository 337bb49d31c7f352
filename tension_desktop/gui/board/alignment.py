"""The alignment view: per element how the executives split it, who put it where and why,
disputes first, and three big buttons to settle it into one agreed column."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model import Participant
from tension_desktop.model.board import COLUMN_TITLES, COLUMNS, ElementSplit

from .items import COLUMN_EDGE, COLUMN_FILL


def _label(text: str, *, bold: bool = False, size: float | None = None, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # participants' text is never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    style = ""
    if bold:
        style += "font-weight: 700;"
    if size:
        style += f"font-size: {size}pt;"
    if style:
        label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


class SplitBar(QWidget):
    """A bar in three colours, each as wide as its share of the cards."""

    def __init__(self, counts: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = counts
        self.setMinimumHeight(14)
        self.setMaximumHeight(14)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        total = sum(self.counts.values())
        r = QRectF(self.rect())
        p.fillRect(r, QColor("#e4e7eb"))
        x = r.left()
        for col in COLUMNS:
            if total and self.counts[col]:
                w = r.width() * self.counts[col] / total
                p.fillRect(QRectF(x, r.top(), w, r.height()), QColor(COLUMN_EDGE[col]))
                x += w


class ElementRow(QFrame):
    """One element of the alignment view."""

    agreeRequested = Signal(int, object)  # element id, column or None

    def __init__(self, split: ElementSplit, people: dict[int, Participant], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.split = split
        el = split.element
        self.setObjectName(f"alignment_{el.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        edge = "#d9534f" if split.hidden_conflict else "#c5ccd3"
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ border: 2px solid {edge}; border-radius: 8px;"
                           " background: #ffffff; }")
        head = QHBoxLayout()
        title = _label(el.text, bold=True, size=15, name="elementText")
        title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        head.addWidget(title, 1)
        if split.hidden_conflict:
            badge = _label("Hidden conflict", bold=True, name="conflictBadge")
            badge.setStyleSheet("background: #d9534f; color: white; padding: 4px 10px; border-radius: 6px;"
                                "font-weight: 700;")
            head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        dispute = _label(f"Dispute {split.dispute:.2f}", name="disputeScore")
        head.addWidget(dispute, 0, Qt.AlignmentFlag.AlignTop)

        self.split_text = _label(split.label if split.sorted_by else "Nobody has sorted it yet", size=13,
                                 name="splitLabel")
        who = QGridLayout()
        who.setHorizontalSpacing(12)
        for n, col in enumerate(COLUMNS):
            rank = {pid: n for n, pid in enumerate(people)}
            cards = sorted(split.cards_in(col), key=lambda c: rank.get(c.participant_id, len(rank)))
            lines = [f"{COLUMN_TITLES[col]} ({len(cards)})"]
            for c in cards:
                p = people.get(c.participant_id)
                name = (p.role or p.name) if p else "?"
                lines.append(f"• {name}: {c.rationale}" if c.rationale else f"• {name}")
            cell = _label("\n".join(lines), name=f"who_{col}")
            cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            cell.setStyleSheet(f"background: {COLUMN_FILL[col]}; border-left: 4px solid {COLUMN_EDGE[col]};"
                               "padding: 6px;")
            who.addWidget(cell, 0, n)
            who.setColumnStretch(n, 1)

        agree_row = QHBoxLayout()
        agree_row.addWidget(_label("Agreed:", bold=True))
        self.buttons: dict[str, QPushButton] = {}
        for col in COLUMNS:
            btn = QPushButton(COLUMN_TITLES[col])
            btn.setObjectName(f"agree_{col}")
            btn.setCheckable(True)
            btn.setChecked(el.agreed_column == col)
            btn.setMinimumSize(150, 48)
            on = el.agreed_column == col
            btn.setStyleSheet(f"QPushButton {{ border: 2px solid {COLUMN_EDGE[col]}; border-radius: 8px;"
                              f" background: {COLUMN_EDGE[col] if on else COLUMN_FILL[col]};"
                              f" color: {'white' if on else '#1f2933'}; font-weight: 600; padding: 4px 12px; }}")
            btn.clicked.connect(lambda _=False, c=col: self.agreeRequested.emit(
                el.id, None if el.agreed_column == c else c))
            self.buttons[col] = btn
            agree_row.addWidget(btn)
        agree_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(head)
        layout.addWidget(self.split_text)
        layout.addWidget(SplitBar(split.counts))
        layout.addLayout(who)
        layout.addLayout(agree_row)


class AlignmentView(QScrollArea):
    """All elements of the board, disputes first."""

    agreeRequested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alignmentView")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.rows: dict[int, ElementRow] = {}
        self.summary = _label("", size=14, name="alignmentSummary")
        self._build_empty()

    def _build_empty(self) -> None:
        self.body = QWidget()
        self.body.setObjectName("alignmentBody")
        self.column = QVBoxLayout(self.body)
        self.column.setSpacing(10)
        self.setWidget(self.body)

    def show_splits(self, splits: list[ElementSplit], people: dict[int, Participant]) -> None:
        """Rebuild the rows (the view is rebuilt as a whole: at most a few dozen elements)."""
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self._build_empty()
        self.rows = {}
        conflicts = sum(1 for s in splits if s.hidden_conflict)
        agreed = sum(1 for s in splits if s.element.agreed_column)
        self.summary = _label(f"{len(splits)} elements · {conflicts} hidden conflict(s) · {agreed} agreed"
                              + ("  ·  disputes first" if splits else ""), size=14, name="alignmentSummary")
        self.column.addWidget(self.summary)
        if not splits:
            self.column.addWidget(_label("Nothing to align yet: add elements and sort them on the board.", size=14))
        for s in splits:
            row = ElementRow(s, people)
            row.agreeRequested.connect(self.agreeRequested.emit)
            self.rows[s.element.id] = row
            self.column.addWidget(row)
        self.column.addStretch(1)
        self._fit_rows()

    def _fit_rows(self) -> None:
        # Word-wrapped labels report no height for a width through a scroll area: give each
        # row the height its text needs at the current width, so nothing is squeezed or cut.
        width = self.viewport().width() - 2 * self.column.contentsMargins().left()
        for row in self.rows.values():
            row.setMinimumHeight(row.layout().totalHeightForWidth(width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def order(self) -> list[int]:
        return list(self.rows)
