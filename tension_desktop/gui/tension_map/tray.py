"""The initiatives tray: chips that wait beside the map, and the strip they sit on.

Both ignore the view's zoom (ItemIgnoresTransformations): MapView glues them to its left
edge, so a finger drag from the tray onto the map is an ordinary canvas drag.
"""

from __future__ import annotations

import re

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


def _wrapped(text: str, font: QFont, width: float, lines: int = 2, hyphens: bool = False) -> str:
    """``text`` wrapped on words into at most ``lines`` lines, the last one elided
    (``hyphens``: a word also breaks after a hyphen, "Follow-the-" / "sun support")."""
    fm = _metrics_of(font)
    words = re.findall(r"[^\s-]*-+|[^\s-]+", text) if hyphens else text.split()
    spaced = set()  # which pieces a space follows
    if hyphens:
        at = 0
        for n, w in enumerate(words):
            found = text.index(w, at)
            if n and text[at:found].strip() == "" and found > at:
                spaced.add(n)
            at = found + len(w)
    else:
        spaced = set(range(1, len(words)))

    def join(line: str, n: int) -> str:
        return line + (" " if line and n in spaced else "") + words[n]

    out, n = [], 0
    while n < len(words) and len(out) < lines - 1:
        line = ""
        while n < len(words) and fm.horizontalAdvance(join(line, n)) <= width:
            line, n = join(line, n), n + 1
        if not line:  # one very long word: elided on this line
            line, n = fm.elidedText(words[n], Qt.TextElideMode.ElideRight, width), n + 1
        out.append(line)
    if n < len(words):
        rest = ""
        for m in range(n, len(words)):
            rest = join(rest, m)
        out.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return "\n".join(out)


def _two_lines(text: str, font: QFont, width: float) -> str:
    """``text`` wrapped on words into at most two lines, the second elided."""
    return _wrapped(text, font, width, 2)


class TrayChip(QGraphicsItem):
    """An initiative waiting in the tray; drag it onto the map to place it.

    Drawn at a constant size on screen (ItemIgnoresTransformations), at least 48 px high.
    ``chip_w`` is :data:`W` unless the coach's narrow screen needs a compact two-column tray
    (:meth:`set_width`): then the title takes a smaller type and up to three lines."""

    W, H, MIN_H = 232.0, 54.0, 48.0
    #: the narrowest compact chip (its title in 12 px type on three lines of about 100 px)
    MIN_W = 120.0
    FONT_PX, COMPACT_FONT_PX = 15, 12

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
        self.chip_w = self.W
        self.font_px = self.FONT_PX
        self.shown_title = _two_lines(title, card_font(self.FONT_PX), self.W - 42)

    @property
    def compact(self) -> bool:
        return self.chip_w < self.W

    def set_width(self, w: float) -> None:
        """Full width (W) or a compact chip: smaller type, title on up to three lines."""
        w = max(self.MIN_W, min(self.W, w))
        if w == self.chip_w:
            return
        self.prepareGeometryChange()
        self.chip_w = w
        if self.compact:
            self.font_px = self.COMPACT_FONT_PX
            self.shown_title = _wrapped(self.title, card_font(self.font_px), w - 24, 3, hyphens=True)
        else:
            self.font_px = self.FONT_PX
            self.shown_title = _two_lines(self.title, card_font(self.font_px), w - 42)
        self.update()

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
        return QRectF(0, 0, self.chip_w, self.h)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(1, 1, self.chip_w - 2, self.h - 2)
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
        font = card_font(self.font_px)
        painter.setFont(font)
        left, mark, right = (6, 16, 4) if self.compact else (10, 30, 10)
        lines = self.shown_title.split("\n")
        fm = _metrics_of(font)
        if len(lines) > 2:  # a compact chip's three lines, set a little closer to fit a 48 px chip
            step = min(fm.lineSpacing(), (r.height() - 4 - fm.height()) / (len(lines) - 1))
            top = r.center().y() - (step * (len(lines) - 1) + fm.height()) / 2
            for n, line in enumerate(lines):
                painter.drawText(QPointF(r.left() + left, top + n * step + fm.ascent()), line)
        else:
            painter.drawText(r.adjusted(left, 0, -mark, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.shown_title)
        painter.drawText(r.adjusted(0, 0, -right, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
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
        self.foot = 0.0  # tray units at the foot kept free (the map's controls stand there)

    def set_foot(self, foot: float) -> None:
        if foot != self.foot:
            self.foot = foot
            self.update()

    def set_pages(self, page: int, pages: int) -> None:
        if (page, pages) != (self.page, self.pages):
            self.page, self.pages = page, pages
            self.update()

    def _buttons(self) -> tuple[QRectF, QRectF]:
        """Back / "More initiatives", at the tray's foot, each at least 48 px high and wide.
        Worded so nobody takes them for the agenda's Next."""
        w, h = self.size.width(), self.size.height() - self.foot
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
