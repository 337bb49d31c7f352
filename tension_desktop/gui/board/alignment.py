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

from ..theme import for_screen
from .items import COLUMN_EDGE, COLUMN_FILL


def _style_sheet() -> str:
    """One style sheet for the whole view (per-widget style sheets are slow to build)."""
    rules = [
        "QFrame[element=\"true\"] { border: 2px solid #c5ccd3; border-radius: 8px; background: #ffffff; }",
        "QFrame[conflict=\"true\"] { border-color: #d9534f; }",
        "QLabel[kind=\"title\"] { font-weight: 700; font-size: 15pt; }",
        "QLabel[kind=\"split\"], QLabel[kind=\"summary\"] { font-size: 13pt; }",
        "QLabel[kind=\"bold\"] { font-weight: 700; }",
        "QLabel[kind=\"badge\"] { background: #d9534f; color: white; padding: 4px 10px; border-radius: 6px;"
        " font-weight: 700; }",
    ]
    for col in COLUMNS:
        rules.append(f"QLabel[who=\"{col}\"] {{ background: {COLUMN_FILL[col]}; border-left: 4px solid "
                     f"{COLUMN_EDGE[col]}; padding: 6px; }}")
        rules.append(f"QPushButton[agree=\"{col}\"] {{ border: 2px solid {COLUMN_EDGE[col]}; border-radius: 8px;"
                     f" background: {COLUMN_FILL[col]}; color: #1f2933; font-weight: 600; padding: 4px 12px; }}")
        rules.append(f"QPushButton[agree=\"{col}\"]:checked {{ background: {COLUMN_EDGE[col]}; color: white; }}")
    return "\n".join(rules)


def _label(text: str, *, kind: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # participants' text is never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if kind:
        label.setProperty("kind", kind)
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
        self.agreed = el.agreed_column
        self.setObjectName(f"alignment_{el.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("element", True)
        self.setProperty("conflict", split.hidden_conflict)
        head = QHBoxLayout()
        title = _label(el.text, kind="title", name="elementText")
        title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        head.addWidget(title, 1)
        if split.hidden_conflict:
            badge = _label("Hidden conflict", kind="badge", name="conflictBadge")
            head.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        dispute = _label(f"Dispute {split.dispute:.2f}", name="disputeScore")
        head.addWidget(dispute, 0, Qt.AlignmentFlag.AlignTop)

        self.split_text = _label(split.label if split.sorted_by else "Nobody has sorted it yet", kind="split",
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
            cell.setProperty("who", col)
            who.addWidget(cell, 0, n)
            who.setColumnStretch(n, 1)

        agree_row = QHBoxLayout()
        agree_row.addWidget(_label("Agreed:", kind="bold"))
        self.buttons: dict[str, QPushButton] = {}
        for col in COLUMNS:
            btn = QPushButton(COLUMN_TITLES[col])
            btn.setObjectName(f"agree_{col}")
            btn.setCheckable(True)
            btn.setChecked(el.agreed_column == col)
            btn.setMinimumSize(150, 48)
            btn.setProperty("agree", col)
            btn.setAccessibleName(f"Agree: {COLUMN_TITLES[col]} for {el.text}")
            btn.clicked.connect(lambda _=False, c=col: self.agreeRequested.emit(
                el.id, None if self.agreed == c else c))
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


    def set_agreed(self, column: str | None) -> None:
        """Show a new agreed column without rebuilding the row."""
        self.agreed = column
        for col, btn in self.buttons.items():
            btn.setChecked(col == column)


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
        self.summary = _label("", kind="summary", name="alignmentSummary")
        self.setStyleSheet(for_screen(_style_sheet()))
        self._fitted_width, self._unfitted = -1, True
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
        self._unfitted = True
        conflicts = sum(1 for s in splits if s.hidden_conflict)
        agreed = sum(1 for s in splits if s.element.agreed_column)
        self.summary = _label(f"{len(splits)} elements · {conflicts} hidden conflict(s) · {agreed} agreed"
                              + ("  ·  disputes first" if splits else ""), kind="summary", name="alignmentSummary")
        self.column.addWidget(self.summary)
        if not splits:
            self.column.addWidget(_label("Nothing to align yet: add elements and sort them on the board.",
                                         kind="summary"))
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
        if width == self._fitted_width and not self._unfitted:
            return
        self._fitted_width, self._unfitted = width, False
        for row in self.rows.values():
            row.setMinimumHeight(row.layout().totalHeightForWidth(width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def set_agreed(self, element_id: int, column: str | None) -> bool:
        """Update one row after an agreement (the order does not depend on it); False if absent."""
        row = self.rows.get(element_id)
        if row is None:
            return False
        row.set_agreed(column)
        agreed = sum(1 for r in self.rows.values() if r.agreed)
        conflicts = sum(1 for r in self.rows.values() if r.split.hidden_conflict)
        self.summary.setText(f"{len(self.rows)} elements · {conflicts} hidden conflict(s) · {agreed} agreed"
                             "  ·  disputes first")
        return True

    def order(self) -> list[int]:
        return list(self.rows)
