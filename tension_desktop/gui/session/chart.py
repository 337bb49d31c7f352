"""A small chart of the team's signals across sessions: commitments kept, decisions
reopened, pulse averages. Painted from :class:`SessionSignals`, no charting library."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tension_desktop.model.pulse import SessionSignals

KEPT = QColor("#2f855a")
REOPENED = QColor("#c05621")
PULSE = QColor("#2b6cb0")


class SignalsChart(QWidget):
    """Per session: a green bar (share of commitments kept), an orange bar (decisions
    reopened, on a scale of at least three so one reopening is not a wall), and a blue line
    (pulse average, 1-5). Every mark carries its value, so no axis has to serve two units."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalsChart")
        self.signals: list[SessionSignals] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_signals(self, signals: list[SessionSignals]) -> None:
        self.signals = list(signals)
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, font.pointSizeF() * 0.9))
        p.setFont(font)
        fm = p.fontMetrics()
        legend_h = fm.height() + 8
        x0, y0 = 16, legend_h + fm.height() + 12  # room for value labels above a full bar
        w = self.width() - x0 - 16
        h = self.height() - y0 - fm.height() * 2 - 12
        if not self.signals or w <= 0 or h <= 0:
            p.setPen(QColor("#52606d"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No sessions with signals yet.")
            return
        # legend
        x = x0
        for colour, text in ((KEPT, "commitments kept"), (REOPENED, "decisions reopened"),
                             (PULSE, "pulse average (1-5)")):
            p.fillRect(QRectF(x, 6, 14, 14), colour)
            p.setPen(QColor("#102a43"))
            p.drawText(QPointF(x + 20, 6 + fm.ascent()), text)
            x += 20 + fm.horizontalAdvance(text) + 24
        p.setPen(QPen(QColor("#bcccdc"), 1))
        p.drawLine(x0, y0 + h, x0 + w, y0 + h)
        p.drawLine(x0, y0, x0, y0 + h)
        n = len(self.signals)
        slot = w / n
        most_reopened = max(3, max(s.decisions_reopened for s in self.signals))
        line: list[QPointF] = []
        for i, s in enumerate(self.signals):
            left = x0 + i * slot + slot * 0.15
            bar = slot * 0.3
            p.setPen(QColor("#102a43"))
            if s.kept_share is not None:
                bh = h * s.kept_share
                p.fillRect(QRectF(left, y0 + h - bh, bar, bh), KEPT)
                p.drawText(QPointF(left, y0 + h - bh - 4), f"{round(s.kept_share * 100)}%")
            rh = h * s.decisions_reopened / most_reopened
            p.fillRect(QRectF(left + bar + 4, y0 + h - rh, bar, rh), REOPENED)
            if s.decisions_reopened:
                p.drawText(QPointF(left + bar + 6, y0 + h - rh - 4), str(s.decisions_reopened))
            if s.pulse is not None:
                line.append(QPointF(x0 + i * slot + slot / 2, y0 + h - h * (s.pulse["overall"] - 1) / 4))
            p.setPen(QColor("#334e68"))
            label = fm.elidedText(s.date or s.title, Qt.TextElideMode.ElideRight, int(slot) - 4)
            p.drawText(QPointF(x0 + i * slot + 2, y0 + h + fm.height()), label)
        p.setPen(QPen(PULSE, 3))
        for a, b in zip(line, line[1:], strict=False):
            p.drawLine(a, b)
        p.setBrush(PULSE)
        pulses = [s.pulse["overall"] for s in self.signals if s.pulse is not None]
        for pt, value in zip(line, pulses, strict=True):
            p.drawEllipse(pt, 5, 5)
            p.setPen(PULSE)
            p.drawText(QPointF(pt.x() - fm.horizontalAdvance(f"{value:.1f}") / 2, pt.y() - 10), f"{value:.1f}")
        p.end()
