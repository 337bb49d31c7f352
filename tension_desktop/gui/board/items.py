"""What the board canvas draws: full-height columns and cards whose text always wraps whole.

A card lays its text out with :class:`QTextLayout` at the card's width, wrapping at word
boundaries and, for a word longer than the card (a 60-letter compound), anywhere inside
it, so nothing is ever cut off; the card grows to the height its lines need.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QGraphicsItem

PAD = 10
STRIPE = 8
MIN_CARD_HEIGHT = 56  # touch target (>= 48 px) with a margin
COLUMN_FILL = {"to_sort": "#eef1f4", "must_protect": "#fdecea", "can_flex": "#e8f4ea", "need_evidence": "#fff6da"}
COLUMN_EDGE = {"to_sort": "#c5ccd3", "must_protect": "#d9534f", "can_flex": "#3c9d5d", "need_evidence": "#d6a419"}


class TextBlock:
    """A laid-out paragraph: built once per text and width, drawn many times.

    A plain-text :class:`QTextDocument` (participants' text is never markup) with no margin.
    (Not QTextLayout: PySide 6.12's ``QTextLayout.beginLayout`` drops a reference to None on
    every call, which crashes Python 3.11 after a few hundred cards.)
    """

    def __init__(self, text: str, font: QFont, width: float) -> None:
        self.text, self.font, self.width = text, font, width
        self.doc = QTextDocument()
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setPlainText(text)
        self.doc.setTextWidth(width)
        self.height = self.doc.size().height()

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        self.doc.drawContents(painter)
        painter.restore()


class ColumnItem(QGraphicsItem):
    """A full-height column with its title and count; drop target, never dragged."""

    def __init__(self, key: str, title: str, font: QFont) -> None:
        super().__init__()
        self.key, self.title = key, title
        self.count = 0
        self.rect = QRectF()
        self.title_font = QFont(font)
        self.title_font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_font.setBold(True)
        self.setZValue(-10)
        self.highlight = False

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.rect = QRectF(rect)
        self.setPos(0, 0)

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        fill = QColor(COLUMN_FILL[self.key])
        if self.highlight:
            fill = fill.darker(108)
        painter.setPen(QPen(QColor(COLUMN_EDGE[self.key]), 3 if self.highlight else 1.5))
        painter.setBrush(fill)
        painter.drawRoundedRect(self.rect.adjusted(1, 1, -1, -1), 10, 10)
        painter.fillRect(QRectF(self.rect.left() + 1, self.rect.top() + 1, self.rect.width() - 2, 6),
                         QColor(COLUMN_EDGE[self.key]))
        painter.setFont(self.title_font)
        painter.setPen(QColor("#1f2933"))
        head = QRectF(self.rect.left() + PAD, self.rect.top() + 8, self.rect.width() - 2 * PAD, HEADER - 8)
        painter.drawText(head, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                         f"{self.title}  ({self.count})")


HEADER = 56


class CardItem(QGraphicsItem):
    """One card: an element, and (on the board) who put it there, in their colour.

    ``element_id`` and ``participant_id`` map it to its stored row; ``participant_id`` is
    None for an element still waiting in "To sort".
    """

    def __init__(self, element_id: int, participant_id: int | None, font: QFont) -> None:
        super().__init__()
        self.element_id = element_id
        self.participant_id = participant_id
        self.draggable = True
        self.tappable = True
        self.font = font
        self.small = QFont(font)
        self.small.setPointSizeF(max(8.0, font.pointSizeF() * 0.8))
        self.small.setBold(True)
        self.text = ""
        self.who = ""
        self.colour = "#8a94a0"
        self.has_why = False
        self.column: str | None = None
        self.card_w = 200.0
        self.card_h = MIN_CARD_HEIGHT
        self.block: TextBlock | None = None
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_content(self, text: str, who: str, colour: str, has_why: bool, width: float) -> None:
        """Update what the card shows; re-lays out the text only when text or width changed."""
        relayout = self.block is None or text != self.text or abs(width - self.card_w) > 0.5
        if not relayout and (who, colour, has_why) == (self.who, self.colour, self.has_why):
            return
        self.prepareGeometryChange()
        self.text, self.who, self.colour, self.has_why, self.card_w = text, who, colour, has_why, width
        if relayout:
            self.block = TextBlock(text, self.font, self.text_width)
        self.card_h = max(MIN_CARD_HEIGHT, self.block.height + self._header_height + 2 * PAD)
        self.update()

    def accessible_name(self) -> str:
        """What the card reads: the element, who put it where, whether a why is written."""
        from tension_desktop.model.board import COLUMN_TITLES

        where = COLUMN_TITLES.get(self.column or "", "To sort")
        who = f", {self.who}" if self.who else ""
        return f"{self.text}{who}, in {where}{', with a why' if self.has_why else ''}"

    @property
    def text_width(self) -> float:
        return max(20.0, self.card_w - 2 * PAD - STRIPE)

    @property
    def _header_height(self) -> float:
        return QFontMetricsF(self.small).height() + 4 if (self.who or self.has_why) else 0.0

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.card_w, self.card_h)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        r = self.boundingRect().adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor("#9aa5b1"), 1))
        painter.setBrush(QBrush(QColor("#ffffff")))
        painter.drawRoundedRect(r, 6, 6)
        painter.fillRect(QRectF(r.left(), r.top() + 3, STRIPE, r.height() - 6), QColor(self.colour))
        x = r.left() + STRIPE + PAD
        y = r.top() + PAD
        if self.who or self.has_why:
            painter.setFont(self.small)
            painter.setPen(QColor("#52606d"))
            fm = QFontMetricsF(self.small)
            painter.drawText(QPointF(x, y + fm.ascent()), self.who)
            if self.has_why:
                tag = "why ✓"
                painter.drawText(QPointF(r.right() - PAD - fm.horizontalAdvance(tag), y + fm.ascent()), tag)
            y += self._header_height
        painter.setPen(QColor("#1f2933"))
        self.block.draw(painter, x, y)



def block_lines(block: TextBlock) -> list[tuple[str, float]]:
    """(text, natural width) of each laid-out line of a block (for checks and tests)."""
    out = []
    b = block.doc.firstBlock()
    while b.isValid():
        layout = b.layout()
        for n in range(layout.lineCount()):
            ln = layout.lineAt(n)
            out.append((b.text()[ln.textStart():ln.textStart() + ln.textLength()], ln.naturalTextWidth()))
        b = b.next()
    return out
