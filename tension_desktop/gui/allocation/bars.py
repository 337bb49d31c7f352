"""Stacked bars for splits: one bar per row (a person, the target, what the initiatives add
up to), one colour per part, the share written inside when it fits. Painted, no chart
library. Labels as names and shares as secondary text follow the whiteboard's physics."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from tension_desktop.model.legibility import SECONDARY_CAP_MM

from ..legibility import min_font_px

COLOURS = ["#2f855a", "#3182ce", "#b7791f", "#805ad5"]


class StackedBars(QWidget):
    """Rows of (label, shares in part order, emphasised?) under a legend of the parts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stackedBars")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.parts: list[str] = []
        self.rows: list[tuple[str, list[float], bool]] = []

    def set_rows(self, parts: list[str], rows: list[tuple[str, list[float], bool]]) -> None:
        self.parts, self.rows = list(parts), list(rows)
        self.setMinimumHeight(self.heightForWidth(max(320, self.width())))
        self.updateGeometry()
        self.update()

    def resizeEvent(self, event) -> None:
        self.setMinimumHeight(self.heightForWidth(event.size().width()))
        super().resizeEvent(event)

    def _font(self) -> QFont:
        font = QFont(self.font())
        base = font.pixelSize() if font.pixelSize() > 0 else round(font.pointSizeF() * 4 / 3)
        font.setPixelSize(max(base, min_font_px(self, SECONDARY_CAP_MM, font)))
        return font

    def row_height(self) -> float:
        return QFontMetricsF(self._font()).height() + 14

    @staticmethod
    def swatch(fm: QFontMetricsF) -> float:
        """The side of a legend's colour square: as tall as the legend's letters (a fixed
        14 px square shrinks to a dot beside the large type of a room's 4K panel)."""
        return max(14.0, fm.ascent() * 0.75)

    def legend_lines(self, width: float | None = None) -> list[list[tuple[int, str, float]]]:
        """The legend's entries (index, part, x) wrapped to the widget's width."""
        fm = QFontMetricsF(self._font())
        side = self.swatch(fm)
        width = width or max(320.0, float(self.width()))
        lines: list[list[tuple[int, str, float]]] = [[]]
        x = 0.0
        for n, part in enumerate(self.parts):
            w = side * 1.3 + fm.horizontalAdvance(part) + 20
            if lines[-1] and x + w > width:
                lines.append([])
                x = 0.0
            lines[-1].append((n, part, x))
            x += w
        return lines

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return int(self.row_height() * (len(self.rows) + len(self.legend_lines(width))) + 8)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(480, self.heightForWidth(max(480, self.width())))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(320, self.heightForWidth(max(320, self.width())))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self._font()
        p.setFont(font)
        fm = QFontMetricsF(font)
        h = self.row_height()
        side = self.swatch(fm)
        y = 0.0
        for line in self.legend_lines():
            for n, part, x in line:
                p.setBrush(QColor(COLOURS[n % len(COLOURS)]))
                p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(QRectF(x, y + (h - side) / 2, side, side), side / 5, side / 5)
                p.setPen(QColor("#102a43"))
                p.drawText(QRectF(x + side * 1.3, y, fm.horizontalAdvance(part) + 4, h), Qt.AlignmentFlag.AlignVCenter,
                           part)
            y += h
        bold = QFont(font)
        bold.setBold(True)
        label_w = min(self.width() * 0.4, max((QFontMetricsF(bold).horizontalAdvance(r[0]) for r in self.rows),
                                              default=0) + 12)
        for label, shares, strong in self.rows:
            f = QFont(font)
            f.setBold(strong)
            p.setFont(f)
            p.setPen(QColor("#102a43"))
            p.drawText(QRectF(0, y, label_w - 8, h), Qt.AlignmentFlag.AlignVCenter,
                       QFontMetricsF(f).elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8))
            p.setFont(font)
            bx, width = label_w, self.width() - label_w - 2
            for n, share in enumerate(shares):
                w = width * share / 100
                if w <= 0:
                    continue
                rect = QRectF(bx, y + 4, w, h - 8)
                p.setPen(QColor("#ffffff"))
                p.setBrush(QColor(COLOURS[n % len(COLOURS)]))
                p.drawRect(rect)
                text = f"{share:.0f}"
                if fm.horizontalAdvance(text) + 6 < w:
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                bx += w
            y += h
