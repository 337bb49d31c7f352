"""The side panel of the pre-mortem: the ranked list and what the top three still need."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from tension_desktop.model import Participant
from tension_desktop.model.premortem import RankedRisk, top_three_status

from ..widgets import big_button, heading


def _label(text: str, *, warning: bool = False, size: float | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if warning:
        label.setProperty("warning", True)
    if size:
        font = label.font()
        font.setPointSizeF(size)
        label.setFont(font)
    return label


def _short(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class RankingPanel(QWidget):
    """Ranked list after the reveal; before it, only that votes are hidden."""

    ownerRequested = Signal(int)  # risk id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("premortemRanking")
        self.setMinimumWidth(300)
        self.setMaximumWidth(420)
        self.title = heading("Ranked risks")
        self.status = _label("", size=12)
        self.status.setObjectName("topThreeStatus")
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.owner_buttons: dict[int, QWidget] = {}
        self.complete = False
        self._signature: tuple | None = None
        self._style = ""

    def _clear(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.owner_buttons = {}

    def _set_status(self, text: str, style: str) -> None:
        """Status line; restyling only when the style changes (re-polishing is not free)."""
        self.status.setText(text)
        if style != self._style:
            self._style = style
            self.status.setStyleSheet(style)

    def show_hidden(self, voted: int, total: int, running: bool) -> None:
        """Before the reveal: how far the vote is, never what anyone chose."""
        signature = ("hidden", voted, total, running)
        if signature == self._signature:
            return
        self._signature = signature
        self._clear()
        self.complete = False
        self._set_status((f"Dot vote in progress: {voted} of {total} have placed dots. " if running else
                          f"{voted} of {total} participants have placed dots. ")
                         + "Votes stay hidden until the reveal.", "")
        self.rows.addStretch(1)

    def show_ranked(self, ranked: list[RankedRisk], people: dict[int, Participant]) -> None:
        status = top_three_status(ranked)
        signature = ("ranked", tuple((r.rank, r.dots, r.voters, r.tied, r.risk.text, r.risk.owner_id,
                                      r.risk.mitigation) for r in ranked),
                     tuple(sorted((p.id, p.label) for p in people.values())))
        if signature == self._signature:
            return
        self._signature = signature
        self._clear()
        self.complete = status.complete
        self._set_status(status.describe(), "color: #1b6e3a; font-weight: 700;" if status.complete
                         else "color: #8a1c1c; font-weight: 600;")
        top_ids = {r.risk.id for r in status.top}
        rest = []
        for r in ranked:
            people_word = "person" if r.voters == 1 else "people"
            dots_word = "dot" if r.dots == 1 else "dots"
            tie = "  (tied)" if r.tied else ""
            if r.risk.id not in top_ids:
                # one label for the rest of the list: 30 risks stay cheap to redraw
                rest.append(f"#{r.rank}  ●{r.dots}{tie}  {_short(r.risk.text, 90)}")
                continue
            box = QFrame()
            box.setObjectName(f"ranked_{r.risk.id}")
            box.setFrameShape(QFrame.Shape.StyledPanel)
            col = QVBoxLayout(box)
            col.setContentsMargins(8, 6, 8, 6)
            col.addWidget(_label(f"#{r.rank}  ●{r.dots} {dots_word} from {r.voters} {people_word}{tie}", size=12))
            col.addWidget(_label(_short(r.risk.text), size=12))
            missing = status.missing.get(r.risk.id, [])
            owner = people.get(r.risk.owner_id)
            col.addWidget(_label(f"Owner: {owner.label}" if owner else "⚠ Owner missing", warning=owner is None))
            col.addWidget(_label(f"Mitigation: {_short(r.risk.mitigation, 160)}" if r.risk.mitigation
                                 else "⚠ Mitigation missing", warning=not r.risk.mitigation))
            btn = big_button("Set owner and mitigation" if missing else "Edit owner and mitigation",
                             primary=bool(missing), name=f"owner_{r.risk.id}")
            btn.clicked.connect(lambda _=False, rid=r.risk.id: self.ownerRequested.emit(rid))
            col.addWidget(btn)
            self.owner_buttons[r.risk.id] = btn
            self.rows.addWidget(box)
        if rest:
            more = _label("\n".join(rest), size=11)
            more.setObjectName("rankedRest")
            self.rows.addWidget(more)
        self.rows.addStretch(1)
