"""The polarity map as a drawing: two poles side by side, the 2x2 (upsides above, downsides
of over-focusing below), and each pole's action steps and early warnings beneath it.

Painted from model data, no scene: a tap on a cell's empty space adds to it, a tap on a
line edits it, a tap on a warning's "Covenant" chip makes it a threshold draft. Mouse and
touch reach :meth:`tap` the same way. Text sizes follow the whiteboard's physics
(:mod:`tension_desktop.gui.legibility`): pole names as names, entries as secondary text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tension_desktop.model.legibility import NAME_CAP_MM, SECONDARY_CAP_MM
from tension_desktop.model.polarity import KIND_TITLES, KINDS, POLES, PolarityItem, grouped

from ..legibility import min_font_px
from ..qt import TOUCH_TARGET

#: cell colours: upsides green, downsides red, the lists below neutral
FILL = {"upside": "#e3f4e8", "downside": "#fbe5e1", "action": "#eef2f7", "warning": "#fff4dc"}
EDGE = {"upside": "#2f855a", "downside": "#c53030", "action": "#486581", "warning": "#b7791f"}
#: share of the height each row of cells takes (the 2x2 gets most of it)
ROW_WEIGHT = {"upside": 5, "downside": 5, "action": 4, "warning": 4}


@dataclass(frozen=True)
class Line:
    """One entry as drawn: where it is, and where its covenant chip is (warnings only)."""

    item: PolarityItem
    rect: QRectF
    chip: QRectF | None = None


class PolarityChart(QWidget):
    """The 2x2 and the lists, drawn; emits what was tapped."""

    #: (pole, kind): add an entry to this cell
    cellTapped = Signal(str, str)
    #: item id: edit this entry
    itemTapped = Signal(int)
    #: (pole, kind): show every entry of this cell (it holds more than fit)
    moreTapped = Signal(str, str)
    #: item id: make this early warning a covenant threshold draft
    chipTapped = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("polarityChart")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(520, 420)
        self.poles = {"a": "", "b": ""}
        self.items: dict[tuple[str, str], list[PolarityItem]] = grouped([])
        self.in_covenant: set[int] = set()
        self.owners: dict[int, str] = {}
        self.lines: list[Line] = []
        self.more: dict[tuple[str, str], int] = {}
        self.more_rects: dict[tuple[str, str], QRectF] = {}

    def set_data(self, poles: dict[str, str], items: list[PolarityItem], in_covenant: set[int],
                 owners: dict[int, str]) -> None:
        self.poles, self.items = dict(poles), grouped(items)
        self.in_covenant, self.owners = set(in_covenant), dict(owners)
        self.update()

    # -- geometry -------------------------------------------------------------------------------
    def fonts(self) -> tuple[QFont, QFont]:
        """(pole name font, entry font): the widget's type, never below the physics minimum."""
        name, entry = QFont(self.font()), QFont(self.font())
        name.setBold(True)
        base = max(12, self.font().pixelSize() if self.font().pixelSize() > 0 else round(self.font().pointSizeF() * 4 / 3))
        name.setPixelSize(max(round(base * 1.5), min_font_px(self, NAME_CAP_MM, name)))
        entry.setPixelSize(max(base, min_font_px(self, SECONDARY_CAP_MM, entry)))
        return name, entry

    def header_rect(self) -> QRectF:
        name, _ = self.fonts()
        return QRectF(0, 0, self.width(), QFontMetricsF(name).height() + 16)

    def cell_rect(self, pole: str, kind: str) -> QRectF:
        head = self.header_rect().height()
        total = sum(ROW_WEIGHT.values())
        gap = 8.0
        usable = self.height() - head - gap * (len(KINDS) - 1)
        y = head
        for k in KINDS:
            h = usable * ROW_WEIGHT[k] / total
            if k == kind:
                w = (self.width() - gap) / 2
                x = 0 if pole == "a" else w + gap
                return QRectF(x, y, w, h)
            y += h + gap
        raise KeyError(kind)

    # -- drawing -------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        name_font, entry_font = self.fonts()
        self.lines, self.more, self.more_rects = [], {}, {}
        head = self.header_rect()
        p.setFont(name_font)
        p.setPen(QColor("#102a43"))
        for pole in POLES:
            r = self.cell_rect(pole, "upside")
            p.drawText(QRectF(r.left(), 0, r.width(), head.height()), Qt.AlignmentFlag.AlignCenter,
                       QFontMetricsF(name_font).elidedText(self.poles.get(pole, ""), Qt.TextElideMode.ElideRight,
                                                           r.width() - 16))
        for pole in POLES:
            for kind in KINDS:
                self._cell(p, pole, kind, entry_font)
        self._loop(p)

    def _cell(self, p: QPainter, pole: str, kind: str, font: QFont) -> None:
        r = self.cell_rect(pole, kind)
        p.setPen(QPen(QColor(EDGE[kind]), 2))
        p.setBrush(QColor(FILL[kind]))
        p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 10, 10)
        fm = QFontMetricsF(font)
        title_font = QFont(font)
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(QColor(EDGE[kind]))
        line_h = max(fm.height() + 6, TOUCH_TARGET * 0.55)
        title = f"{KIND_TITLES[kind]} of {self.poles.get(pole, '')}" if kind in ("upside", "downside") \
            else f"{KIND_TITLES[kind]}: {self.poles.get(pole, '')}"
        p.drawText(QRectF(r.left() + 10, r.top() + 4, r.width() - 20, line_h), Qt.AlignmentFlag.AlignVCenter,
                   QFontMetricsF(title_font).elidedText(title, Qt.TextElideMode.ElideRight, r.width() - 20))
        p.setFont(font)
        y = r.top() + 4 + line_h
        entries = self.items[(pole, kind)]
        room = max(0, int((r.bottom() - y - 4) // line_h))
        shown = entries[:room]
        for item in shown:
            row = QRectF(r.left() + 10, y, r.width() - 20, line_h)
            chip = None
            text_w = row.width()
            if kind == "warning":
                label = "✓ Covenant" if item.id in self.in_covenant else "⚑ Covenant"
                cw = QFontMetricsF(font).horizontalAdvance(label) + 20
                chip = QRectF(row.right() - cw, row.top() + 2, cw, row.height() - 4)
                p.setPen(QPen(QColor(EDGE[kind]), 1.5))
                p.setBrush(QColor("#ffffff") if item.id not in self.in_covenant else QColor(FILL["upside"]))
                p.drawRoundedRect(chip, 6, 6)
                p.setPen(QColor("#102a43"))
                p.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
                text_w -= cw + 8
            text = "• " + item.text
            if kind in ("warning", "action"):
                owner = self.owners.get(item.owner_id, "") if item.owner_id is not None else ""
                text += f"  ({owner})" if owner else ("  (no owner yet)" if kind == "warning" else "")
            p.setPen(QColor("#c53030") if item.needs_owner else QColor("#102a43"))
            p.drawText(QRectF(row.left(), row.top(), text_w, row.height()), Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight, text_w))
            self.lines.append(Line(item, row, chip))
            y += line_h
        hidden = len(entries) - len(shown)
        if hidden:  # on the title row, right: every entry stays one tap away
            self.more[(pole, kind)] = hidden
            label = f"+ {hidden} more ›"
            mw = QFontMetricsF(title_font).horizontalAdvance(label) + 20
            more = QRectF(r.right() - 10 - mw, r.top() + 4, mw, line_h)
            p.setFont(title_font)
            p.setPen(QPen(QColor(EDGE[kind]), 1.5))
            p.setBrush(QColor("#ffffff"))
            p.drawRoundedRect(more.adjusted(0, 3, 0, -3), 6, 6)
            p.drawText(more, Qt.AlignmentFlag.AlignCenter, label)
            p.setFont(font)
            self.more_rects[(pole, kind)] = more
        if y + line_h <= r.bottom() and not hidden:
            p.setPen(QColor("#829ab1"))
            p.drawText(QRectF(r.left() + 10, y, r.width() - 20, line_h), Qt.AlignmentFlag.AlignVCenter, "+ tap to add")

    def _loop(self, p: QPainter) -> None:
        """The infinity loop through the 2x2: the team moves between the poles, never stays."""
        a_up, b_up = self.cell_rect("a", "upside"), self.cell_rect("b", "upside")
        a_down = self.cell_rect("a", "downside")
        cx = (a_up.right() + b_up.left()) / 2
        cy = a_up.bottom() + (a_down.top() - a_up.bottom()) / 2
        r = min(24.0, a_up.height() / 6)
        path = QPainterPath()
        path.addEllipse(QPointF(cx - r, cy), r, r * 0.6)
        path.addEllipse(QPointF(cx + r, cy), r, r * 0.6)
        p.setPen(QPen(QColor("#486581"), 3))
        p.setBrush(QColor("#ffffff"))
        p.drawPath(path)

    # -- input ---------------------------------------------------------------------------------
    def tap(self, pos: QPointF) -> None:
        """What a finger or a click at ``pos`` does."""
        for line in self.lines:
            if line.chip is not None and line.chip.contains(pos):
                if line.item.id not in self.in_covenant:
                    self.chipTapped.emit(line.item.id)
                return
            if line.rect.contains(pos):
                self.itemTapped.emit(line.item.id)
                return
        for (pole, kind), rect in self.more_rects.items():
            if rect.contains(pos):
                self.moreTapped.emit(pole, kind)
                return
        for pole in POLES:
            for kind in KINDS:
                if self.cell_rect(pole, kind).contains(pos):
                    self.cellTapped.emit(pole, kind)
                    return

    def line_for(self, item_id: int) -> Line | None:
        return next((line for line in self.lines if line.item.id == item_id), None)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tap(event.position())

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.TouchBegin:
            event.accept()
            return True
        if event.type() == QEvent.Type.TouchEnd:
            points = event.points()
            if points:
                self.tap(points[0].position())
            event.accept()
            return True
        return super().event(event)
