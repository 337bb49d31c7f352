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


def _set_text(label: QLabel, text: str, *, warning: bool | None = None) -> None:
    """Change a label only when its text (or warning look) changes: an unchanged label is
    neither re-laid out nor repainted, and it is re-polished only when its look changes."""
    if label.text() != text:
        label.setText(text)
    if warning is not None and bool(label.property("warning")) != warning:
        label.setProperty("warning", warning)
        label.style().unpolish(label)
        label.style().polish(label)


class _TopRisk(QFrame):
    """One of the top three: rank and dots, the text, owner, mitigation, the edit button.
    Built once and refilled, so an edit never re-creates (re-polishes) widgets."""

    def __init__(self, panel: RankingPanel) -> None:
        super().__init__()
        self.risk_id: int | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 6, 8, 6)
        self.head = _label("", size=12)
        self.text = _label("", size=12)
        self.owner = _label("")
        self.mitigation = _label("")
        self.button = big_button("")
        self.button.clicked.connect(lambda: self.risk_id is not None and panel.ownerRequested.emit(self.risk_id))
        for w in (self.head, self.text, self.owner, self.mitigation, self.button):
            col.addWidget(w)

    def fill(self, r: RankedRisk, missing: list[str], people: dict[int, Participant]) -> None:
        if r.risk.id != self.risk_id:
            self.risk_id = r.risk.id
            self.setObjectName(f"ranked_{r.risk.id}")
            self.button.setObjectName(f"owner_{r.risk.id}")
        people_word = "person" if r.voters == 1 else "people"
        dots_word = "dot" if r.dots == 1 else "dots"
        tie = "  (tied)" if r.tied else ""
        _set_text(self.head, f"#{r.rank}  ●{r.dots} {dots_word} from {r.voters} {people_word}{tie}")
        _set_text(self.text, _short(r.risk.text))
        owner = people.get(r.risk.owner_id)
        _set_text(self.owner, f"Owner: {owner.label}" if owner else "⚠ Owner missing", warning=owner is None)
        _set_text(self.mitigation, f"Mitigation: {_short(r.risk.mitigation, 160)}" if r.risk.mitigation
                  else "⚠ Mitigation missing", warning=not r.risk.mitigation)
        text = "Set owner and mitigation" if missing else "Edit owner and mitigation"
        if self.button.text() != text:
            self.button.setText(text)
        if bool(self.button.property("primary")) != bool(missing):
            self.button.setProperty("primary", bool(missing))
            self.button.style().unpolish(self.button)
            self.button.style().polish(self.button)


class RankingPanel(QWidget):
    """Ranked list after the reveal; before it, only that votes are hidden.

    Its widgets are built once; a refresh only changes the texts that changed, so one
    edit repaints the few labels it touched, not the panel."""

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
        self.rows.addWidget(self.status)  # in the scrolled column: a long status is never cut short
        self.top_boxes = [_TopRisk(self) for _ in range(3)]
        self.rest = _label("", size=11)
        self.rest.setObjectName("rankedRest")
        for w in (*self.top_boxes, self.rest):
            w.hide()
            self.rows.addWidget(w)
        self.rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.owner_buttons: dict[int, QWidget] = {}
        self.complete = False
        self._signature: tuple | None = None
        self._style = ""

    def _set_status(self, text: str, style: str) -> None:
        """Status line; restyling only when the style changes (re-polishing is not free)."""
        _set_text(self.status, text)
        if style != self._style:
            self._style = style
            self.status.setStyleSheet(style)

    def show_hidden(self, voted: int, total: int, running: bool) -> None:
        """Before the reveal: how far the vote is, never what anyone chose."""
        signature = ("hidden", voted, total, running)
        if signature == self._signature:
            return
        self._signature = signature
        for w in (*self.top_boxes, self.rest):
            w.hide()
        self.owner_buttons = {}
        self.complete = False
        self._set_status((f"Dot vote in progress: {voted} of {total} have placed dots. " if running else
                          f"{voted} of {total} participants have placed dots. ")
                         + "Votes stay hidden until the reveal.", "")

    def show_ranked(self, ranked: list[RankedRisk], people: dict[int, Participant]) -> None:
        status = top_three_status(ranked)
        signature = ("ranked", tuple((r.rank, r.dots, r.voters, r.tied, r.risk.text, r.risk.owner_id,
                                      r.risk.mitigation) for r in ranked),
                     tuple(sorted((p.id, p.label) for p in people.values())))
        if signature == self._signature:
            return
        self._signature = signature
        self.complete = status.complete
        self._set_status(status.describe(), "color: #1b6e3a; font-weight: 700;" if status.complete
                         else "color: #8a1c1c; font-weight: 600;")
        top_ids = [r.risk.id for r in status.top]
        by_id = {r.risk.id: r for r in ranked}
        self.owner_buttons = {}
        for box, rid in zip(self.top_boxes, [*top_ids, None, None, None], strict=False):
            if rid is None:
                box.hide()
                continue
            box.fill(by_id[rid], status.missing.get(rid, []), people)
            box.show()
            self.owner_buttons[rid] = box.button
        # one label for the rest of the list: 30 risks stay cheap to redraw
        rest = [f"#{r.rank}  ●{r.dots}{'  (tied)' if r.tied else ''}  {_short(r.risk.text, 90)}"
                for r in ranked if r.risk.id not in top_ids]
        _set_text(self.rest, "\n".join(rest))
        self.rest.setVisible(bool(rest))
