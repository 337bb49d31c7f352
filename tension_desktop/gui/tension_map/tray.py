"""The initiatives tray: chips that wait beside the map, and the strip they sit on.

Both ignore the view's zoom (ItemIgnoresTransformations): MapView glues them to its left
edge, so a finger drag from the tray onto the map is an ordinary canvas drag.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from tension_desktop.model.colours import text_colour_on

from .items import card_font

_METRICS: dict[str, QFontMetricsF] = {}


def _metrics_of(font: QFont) -> QFontMetricsF:
    """One QFontMetricsF per font (a tray of 100 chips measures with the same font)."""
    key = font.key()
    fm = _METRICS.get(key)
    if fm is None:
        fm = _METRICS[key] = QFontMetricsF(font)
    return fm


def _two_lines(text: str, font: QFont, width: float) -> str:
    """``text`` wrapped on words into at most two lines, the second elided."""
    fm = _metrics_of(font)
    words, first = text.split(), ""
    while words and fm.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one very long word
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    rest = " ".join(words)
    return first + ("\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width) if rest else "")


class TrayChip(QGraphicsItem):
    """An initiative waiting in the tray; drag it onto the map to place it.

    Drawn at a constant size on screen (ItemIgnoresTransformations), at least 48 px high."""

    W, H, MIN_H = 232.0, 54.0, 48.0

    def __init__(self, initiative_id: int, title: str) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.title = title
        self.draggable = True
        self.placed = False
        self.carried: tuple[QColor, QColor] | None = None
        self.h = self.H
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(5001)
        self.shown_title = _two_lines(title, card_font(15), self.W - 42)

    def accessible_name(self) -> str:
        """The chip: the initiative, and whether the person placing has put it on the map."""
        state = "placed" if self.placed else "not placed yet; an arrow key puts it on the map"
        return f"{self.title}, in the tray, {state}"

    def set_height(self, h: float) -> None:
        if h != self.h:
            self.prepareGeometryChange()
            self.h = h
            self.update()

    def set_carried(self, colour: str | None) -> None:
        """While dragged, draw in the colour of whoever it is placed for (None: back to normal)."""
        self.carried = (QColor(colour), QColor(text_colour_on(colour))) if colour else None
        self.update()

    def set_placed(self, placed: bool) -> None:
        if placed != self.placed:
            self.placed = placed
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.W, self.h)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(1, 1, self.W - 2, self.h - 2)
        if self.carried is not None:  # being dragged: it already looks like the card it becomes
            fill, ink = self.carried
            painter.setPen(QPen(fill.darker(140), 2))
            painter.setBrush(fill)
            painter.drawRoundedRect(r, 8, 8)
            painter.setPen(ink)
        else:
            painter.setPen(QPen(QColor("#9ca3af") if self.placed else QColor("#1f2933"), 1.5))
            painter.setBrush(QColor("#eef2f6") if self.placed else QColor("#ffffff"))
            painter.drawRoundedRect(r, 8, 8)
            painter.setPen(QColor("#6b7280") if self.placed else QColor("#111827"))
        painter.setFont(card_font(15))
        painter.drawText(r.adjusted(10, 0, -30, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.shown_title)
        painter.drawText(r.adjusted(0, 0, -10, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         "✓" if self.placed else "⠿")


class TrayPanel(QGraphicsItem):
    """The tray's background strip, glued to the view's left edge (see MapView.place_tray)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        # painted once, then blitted: a pan repaints the whole viewport, tray included
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(5000)
        self.size = QRectF(0, 0, 256, 600)
        self.caption = "Initiatives"
        self.hint = "Drag onto the map"
        self.page, self.pages = 0, 1

    def set_pages(self, page: int, pages: int) -> None:
        if (page, pages) != (self.page, self.pages):
            self.page, self.pages = page, pages
            self.update()

    def _buttons(self) -> tuple[QRectF, QRectF]:
        """Back / "More initiatives", at the tray's foot, each at least 48 px high and wide.
        Worded so nobody takes them for the agenda's Next."""
        w, h = self.size.width(), self.size.height()
        back = 64.0
        return QRectF(12, h - 64, back, 56), QRectF(24 + back, h - 64, w - 36 - back, 56)

    def button_at(self, local: QPointF) -> int | None:
        """-1 for Previous, +1 for Next, None elsewhere (local = tray coordinates)."""
        prev, nxt = self._buttons()
        if prev.contains(local):
            return -1
        if nxt.contains(local):
            return 1
        return None

    def set_size(self, w: float, h: float) -> None:
        if (w, h) != (self.size.width(), self.size.height()):
            self.prepareGeometryChange()
            self.size = QRectF(0, 0, w, h)

    def set_text(self, caption: str, hint: str) -> None:
        self.caption, self.hint = caption, hint
        self.update()

    def boundingRect(self) -> QRectF:
        return self.size

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.fillRect(self.size, QColor(246, 247, 249, 240))
        painter.setPen(QPen(QColor("#cbd2d9"), 1))
        painter.drawLine(self.size.topRight(), self.size.bottomRight())
        painter.setPen(QColor("#1f2933"))
        painter.setFont(card_font(18))
        painter.drawText(QRectF(12, 6, self.size.width() - 24, 28), Qt.AlignmentFlag.AlignLeft, self.caption)
        painter.setPen(QColor("#52606d"))
        painter.setFont(card_font(14, False))
        hint = self.hint + (f"  ·  page {self.page + 1} of {self.pages}" if self.pages > 1 else "")
        painter.drawText(QRectF(12, 32, self.size.width() - 24, 22), Qt.AlignmentFlag.AlignLeft, hint)
        if self.pages > 1:
            painter.setFont(card_font(14))
            for rect, text, enabled in zip(self._buttons(), ("◀", "More initiatives ▸"),
                                           (self.page > 0, self.page < self.pages - 1), strict=True):
                painter.setPen(QPen(QColor("#1f2933" if enabled else "#cbd2d9"), 1.5))
                painter.setBrush(QColor("#ffffff"))
                painter.drawRoundedRect(rect, 8, 8)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
