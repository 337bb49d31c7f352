"""Card and lane items shared by the lane canvases (pre-mortem lanes, stage-gate lanes).

A :class:`TextCard` is a rounded card with a coloured stripe, plain text (never markup)
wrapped to the card width, optional footer lines and dots. Its height follows its text,
so 200 characters or a merged card never overflow. Items carry the stored row id.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsTextItem

LANE_W = 330.0
CARD_W = 306.0
GAP = 12.0
HEADER_H = 70.0
PAD = 12.0
DOT = 16.0


def plain_text_item(text: str, parent: QGraphicsItem, width: float, *, size: float = 12.0,
                    bold: bool = False, colour: str = "#1f2933") -> QGraphicsTextItem:
    """A wrapped text item that shows ``text`` literally (plain text, no markup)."""
    item = QGraphicsTextItem(parent)
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    item.setFont(font)
    item.setDefaultTextColor(QColor(colour))
    item.setPlainText(text)
    item.setTextWidth(width)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return item


class TextCard(QGraphicsRectItem):
    """A draggable, tappable card. ``row_id`` is the id of the stored row it shows."""

    def __init__(self, row_id: int, text: str, *, stripe: str = "#9aa5b1", footer: list[str] | None = None,
                 badge: str = "", width: float = CARD_W, text_size: float = 12.5, fill: str = "#ffffff",
                 warn: bool = False) -> None:
        super().__init__()
        self.row_id = row_id
        self.draggable = True
        self.tappable = True
        self.stripe = QColor(stripe)
        self.fill = QColor(fill)
        self.warn = warn
        self.badge = badge
        self.dots: list[str] = []  # one colour per dot shown in the dot row
        self.vote_controls = False  # show the +/- dot buttons (during a voting turn)
        self.body = plain_text_item(text, self, width - 2 * PAD - 6, size=text_size)
        self.body.setPos(PAD + 6, PAD + (28 if badge else 0))
        y = self.body.pos().y() + self.body.boundingRect().height()
        self.footer_items = []
        for line in footer or []:
            warn_line = line.startswith("⚠")
            item = plain_text_item(line, self, width - 2 * PAD - 6, size=10.5, bold=warn_line,
                                   colour="#8a1c1c" if warn_line else "#52606d")
            item.setPos(PAD + 6, y)
            y += item.boundingRect().height()
            self.footer_items.append(item)
        self._text_bottom = y
        self.setRect(QRectF(0, 0, width, y + PAD))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPen(Qt.PenStyle.NoPen)

    def set_dots(self, colours: list[str], controls: bool = False) -> None:
        """Show dots (one colour each) and, during a voting turn, the +/- buttons."""
        if colours == self.dots and controls == self.vote_controls:
            return
        self.prepareGeometryChange()
        self.dots = colours
        self.vote_controls = controls
        per_row = max(1, int((self.rect().width() - 2 * PAD - 6 - (110 if controls else 0)) // (DOT + 4)))
        rows = (len(colours) + per_row - 1) // per_row if colours else 0
        h = max(rows * (DOT + 4), 52 if controls else 0)
        self.setRect(QRectF(0, 0, self.rect().width(), self._text_bottom + (h + 6 if h else 0) + PAD))
        self.update()

    # -- hit areas for the dot buttons (scene taps are mapped here) -------------------------
    def minus_rect(self) -> QRectF:
        r = self.rect()
        return QRectF(r.right() - 56, r.bottom() - 56, 50, 50)

    def plus_rect(self) -> QRectF:
        r = self.rect()
        return QRectF(r.right() - 112, r.bottom() - 56, 50, 50)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        r = self.rect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#8a1c1c") if self.warn else QColor("#9aa5b1"), 2.5 if self.warn else 1))
        painter.setBrush(QBrush(self.fill))
        painter.drawRoundedRect(r, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.stripe)
        painter.drawRoundedRect(QRectF(r.left(), r.top(), 8, r.height()), 4, 4)
        if self.badge:
            font = QFont()
            font.setPointSizeF(11)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#0b4f8a"))
            painter.drawText(QRectF(PAD + 6, 6, r.width() - 2 * PAD, 26),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.badge)
        if self.dots:
            usable = r.width() - 2 * PAD - 6 - (110 if self.vote_controls else 0)
            per_row = max(1, int(usable // (DOT + 4)))
            for n, colour in enumerate(self.dots):
                x = PAD + 6 + (n % per_row) * (DOT + 4)
                y = self._text_bottom + 6 + (n // per_row) * (DOT + 4)
                painter.setBrush(QColor(colour))
                painter.setPen(QPen(QColor("#1f2933"), 1))
                painter.drawEllipse(QRectF(x, y, DOT, DOT))
        if self.vote_controls:
            font = QFont()
            font.setPointSizeF(20)
            font.setBold(True)
            painter.setFont(font)
            for rect, label, colour in ((self.plus_rect(), "+", "#0b4f8a"), (self.minus_rect(), "−", "#52606d")):
                painter.setPen(QPen(QColor(colour), 2))
                painter.setBrush(QColor("#f0f4f8"))
                painter.drawRoundedRect(rect, 8, 8)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)


class LaneItem(QGraphicsRectItem):
    """A lane: a tinted column with a header (title and count). ``key`` is the lane key."""

    def __init__(self, key: str, title: str, x: float, height: float, *, subtitle: str = "",
                 tint: str = "#eef2f6", header_colour: str = "#1f2933") -> None:
        super().__init__(QRectF(x, 0, LANE_W - GAP, height))
        self.key = key
        self.setBrush(QColor(tint))
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(-10)
        self.title = plain_text_item(title, self, LANE_W - GAP - 2 * PAD, size=15, bold=True, colour=header_colour)
        self.title.setPos(x + PAD, 6)
        if subtitle:
            self.subtitle = plain_text_item(subtitle, self, LANE_W - GAP - 2 * PAD, size=10.5, colour="#52606d")
            self.subtitle.setPos(x + PAD, 38)


def fit_width(view, scene_width: float, *, minimum: float = 0.55, maximum: float = 1.6) -> None:
    """Scale a view so the lanes fill its width (never unreadably small), top-left aligned."""
    vw = max(1, view.viewport().width() - 4)
    s = max(minimum, min(maximum, vw / max(1.0, scene_width)))
    view.resetTransform()
    view.scale(s, s)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())


def card_at(scene, pos, exclude=None) -> TextCard | None:
    """The card under a scene point, other than ``exclude`` (the one being dragged)."""
    for item in scene.items(pos):
        node = item
        while node is not None and not isinstance(node, TextCard):
            node = node.parentItem()
        if node is not None and node is not exclude:
            return node
    return None


def lane_at(lanes: list[LaneItem], x: float) -> LaneItem | None:
    """The lane whose column contains scene ``x``."""
    for lane in lanes:
        r = lane.rect()
        if r.left() - GAP / 2 <= x <= r.right() + GAP / 2:
            return lane
    return None
