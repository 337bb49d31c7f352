"""A small chart of the team's signals across sessions: commitments kept, decisions
reopened (and why), how long decisions take, the covenant review (thresholds breached,
levers pulled as agreed, decisions taken by the named approver), readiness targets held,
pulse averages. Painted from :class:`SessionSignals`, no charting library."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tension_desktop.model.pulse import SessionSignals

KEPT = QColor("#2f855a")
REOPENED = QColor("#c05621")
NEW_INFORMATION = QColor("#dd6b20")
POOR_FRAMING = QColor("#7b341e")
LATENCY = QColor("#6b46c1")
BREACHED = QColor("#c53030")
LEVERS = QColor("#2c7a7b")
APPROVER = QColor("#4a5568")
PULSE = QColor("#2b6cb0")
HELD = QColor("#6b46c1")


#: the small multiples, top to bottom: (series, title, colour)
SERIES = (("kept", "Commitments kept (% of those reviewed)", KEPT),
          ("reopened", "Decisions reopened at a gate (count): new information (plain), poor framing (hatched)",
           REOPENED),
          ("latency", "Decision latency (days from opened to decided, mean)", LATENCY),
          ("covenant", "Covenant review: thresholds breached (left), levers pulled as agreed (right)", BREACHED),
          ("approver", "Decisions taken by the named approver (%)", APPROVER),
          ("held", "Readiness targets held (% of the plan's targets)", HELD),
          ("pulse", "Pulse average (1 to 5)", PULSE))

#: every mark's colour (bands with two kinds of mark have two)
COLOURS = {**{k: c for k, _t, c in SERIES}, "new_information": NEW_INFORMATION, "poor_framing": POOR_FRAMING,
           "breached": BREACHED, "levers": LEVERS}


class SignalsChart(QWidget):
    """Small multiples, one band per signal, each on its own scale: the share of commitments
    kept (0-100 %), decisions reopened (a count, scale of at least three so one reopening is
    not a wall) and the pulse average (1-5, a line). Sessions share the x positions; every
    mark carries its value, so no axis serves two units."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalsChart")
        self.signals: list[SessionSignals] = []
        self.setMinimumHeight(390)  # six bands, each with its title and values
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_signals(self, signals: list[SessionSignals]) -> None:
        self.signals = list(signals)
        self.update()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, font.pointSizeF() * 0.9))
        return font

    def bands(self) -> dict[str, QRectF]:
        """The plotting area of each series (its own band, its own scale), for this size."""
        fm = QFontMetrics(self._font())
        x0, top = 16.0, 4.0
        w = self.width() - x0 - 16
        bottom = self.height() - fm.height() - 8  # the session labels below the last band
        band = (bottom - top) / len(SERIES)
        out = {}
        for n, (key, _title, _colour) in enumerate(SERIES):
            y = top + n * band + fm.height() * 2 + 6  # title and value labels above the marks
            out[key] = QRectF(x0, y, w, max(1.0, top + (n + 1) * band - y - 6))
        return out

    def marks(self) -> list[tuple[str, int, QRectF, str]]:
        """(series, session index, mark, value text): bars for kept, reopened (its causes as
        segments ``new_information`` and ``poor_framing`` inside it), latency, the covenant
        review (``breached`` beside ``levers``) and the named-approver share; dots for the pulse."""
        if not self.signals:
            return []
        bands = self.bands()
        n = len(self.signals)
        most_reopened = max(3, max(s.decisions_reopened for s in self.signals))
        most_days = max(7.0, max((s.decision_days or 0.0) for s in self.signals))
        most_breached = max(3, max((s.review.thresholds_breached if s.review is not None else 0)
                                   for s in self.signals))
        out: list[tuple[str, int, QRectF, str]] = []

        def bar(key: str, band: str, i: int, value: float, scale: float, text: str, part: int = 0,
                parts: int = 1, base: float = 0.0) -> QRectF:
            b = bands[band]
            slot = b.width() / n
            width = slot * 0.4 / parts
            bh = b.height() * value / scale
            rect = QRectF(b.left() + i * slot + slot * 0.3 + part * width, b.bottom() - base - bh, width, bh)
            out.append((key, i, rect, text))
            return rect

        for i, s in enumerate(self.signals):
            if s.kept_share is not None:
                bar("kept", "kept", i, s.kept_share, 1.0, f"{round(s.kept_share * 100)}%")
            bar("reopened", "reopened", i, s.decisions_reopened, most_reopened, str(s.decisions_reopened))
            below = 0.0
            for cause in ("new_information", "poor_framing"):
                count = (s.reopened_by_cause or {}).get(cause, 0)
                if count:
                    rect = bar(cause, "reopened", i, count, most_reopened, str(count), base=below)
                    below += rect.height()
            if s.decision_days is not None:
                bar("latency", "latency", i, s.decision_days, most_days, f"{s.decision_days:.0f} d")
            r = s.review
            if r is not None and r.thresholds_reviewed:
                bar("breached", "covenant", i, r.thresholds_breached, most_breached, str(r.thresholds_breached),
                    0, 2)
                bar("levers", "covenant", i, r.levers_pulled, most_breached, str(r.levers_pulled), 1, 2)
            share = r.named_approver_share if r is not None else None
            if share is not None:
                bar("approver", "approver", i, share, 1.0, f"{round(share * 100)}%")
            if s.held_share is not None:
                bar("held", "held", i, s.held_share, 1.0, f"{round(s.held_share * 100)}%")
            if s.pulse is not None:
                b = bands["pulse"]
                slot = b.width() / n
                y = b.bottom() - b.height() * (s.pulse["overall"] - 1) / 4
                cx = b.left() + i * slot + slot / 2
                out.append(("pulse", i, QRectF(cx - 5, y - 5, 10, 10), f"{s.pulse['overall']:.1f}"))
        return out

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.setFont(self._font())
        fm = p.fontMetrics()
        bands = self.bands()
        if not self.signals or any(b.width() <= 0 for b in bands.values()):
            p.setPen(QColor("#52606d"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No sessions with signals yet.")
            return
        for key, title, colour in SERIES:
            b = bands[key]
            p.fillRect(QRectF(b.left(), b.top() - fm.height() * 2 - 2, 10, 10), colour)
            p.setPen(QColor("#102a43"))
            title = fm.elidedText(title, Qt.TextElideMode.ElideRight, int(b.width() - 16))
            p.drawText(QPointF(b.left() + 16, b.top() - fm.height() * 2 - 2 + fm.ascent() - 2), title)
            p.setPen(QPen(QColor("#bcccdc"), 1))
            p.drawLine(b.bottomLeft(), b.bottomRight())
        pulse_points: list[QPointF] = []
        for key, _i, rect, text in self.marks():
            colour = COLOURS[key]
            if key == "pulse":
                pulse_points.append(rect.center())
                continue
            if key == "poor_framing":  # hatched as well as darker: the cause is not told by colour alone
                p.fillRect(rect, colour)
                p.fillRect(rect, QBrush(QColor("#ffffff"), Qt.BrushStyle.BDiagPattern))
            else:
                p.fillRect(rect, colour)
            if key in ("new_information", "poor_framing"):
                continue  # the segments' counts are in the figures line; the bar carries the total
            if text and (key != "reopened" or text != "0"):
                p.setPen(QColor("#102a43"))
                p.drawText(QPointF(rect.center().x() - fm.horizontalAdvance(text) / 2, rect.top() - 4), text)
        p.setPen(QPen(PULSE, 3))
        for a, b in zip(pulse_points, pulse_points[1:], strict=False):
            p.drawLine(a, b)
        p.setBrush(PULSE)
        values = [f"{s.pulse['overall']:.1f}" for s in self.signals if s.pulse is not None]
        for pt, value in zip(pulse_points, values, strict=True):
            p.drawEllipse(pt, 5, 5)
            p.setPen(PULSE)
            p.drawText(QPointF(pt.x() - fm.horizontalAdvance(value) / 2, pt.y() - 10), value)
        n = len(self.signals)
        last = bands[SERIES[-1][0]]
        slot = last.width() / n
        p.setPen(QColor("#334e68"))
        for i, s in enumerate(self.signals):
            label = fm.elidedText(s.date or s.title, Qt.TextElideMode.ElideRight, int(slot) - 4)
            p.drawText(QPointF(last.left() + i * slot + (slot - fm.horizontalAdvance(label)) / 2,
                               self.height() - 8 - fm.descent()), label)
        p.end()
