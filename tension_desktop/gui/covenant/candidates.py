"""Suggestions from other exercises: agreed board columns and high-criticality initiatives."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from tension_desktop.model import board as board_model
from tension_desktop.model import tension_map as map_model
from tension_desktop.model.covenant import normal_text
from tension_desktop.store import board, covenant, people, tension_map

from ..dialogs import FormDialog
from ..qt import TOUCH_TARGET
from ..widgets import enable_touch_scrolling


@dataclass(frozen=True)
class Candidate:
    """Something the covenant could hold: target is 'protected', 'degradable' or 'threshold'."""

    target: str
    text: str
    source: str


def candidates(lib, workshop_id: int) -> list[Candidate]:
    """What the board and the map suggest, minus what the covenant already holds."""
    elements = board.list_elements(lib, workshop_id)
    have_items = {normal_text(i.text) for i in covenant.list_items(lib, workshop_id)}
    have_metrics = {normal_text(x) for t in covenant.list_thresholds(lib, workshop_id) for x in (t.metric, t.draft_for)}
    out = [Candidate("protected", e.text, "Board: agreed Must protect")
           for e in board_model.protected_candidates(elements) if normal_text(e.text) not in have_items]
    out += [Candidate("degradable", e.text, "Board: agreed Can flex")
            for e in board_model.degradable_candidates(elements) if normal_text(e.text) not in have_items]
    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    placements = tension_map.list_placements(lib, workshop_id, ("agreed",))
    out += [Candidate("threshold", titles[iid], "Map: agreed high-criticality initiative: a draft threshold to "
                      "define (metric, owner, number, lever)")
            for iid in map_model.high_criticality_initiatives(placements)
            if iid in titles and normal_text(titles[iid]) not in have_metrics]
    return out


TARGET_TITLES = {"protected": "Protect at all costs", "degradable": "May degrade",
                 "threshold": "Define a threshold for"}


class CandidatesDialog(FormDialog):
    """Tick the suggestions to add; they are added as one undo step."""

    def __init__(self, found: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__("Suggestions from the board and the map", parent)
        self.setMinimumWidth(720)
        self.found = found
        self.list = QListWidget()
        self.list.setObjectName("candidateList")
        self.list.setWordWrap(True)
        enable_touch_scrolling(self.list)
        for n, c in enumerate(found):
            item = QListWidgetItem(f"{TARGET_TITLES[c.target]}:  {c.text}\n{c.source}")
            item.setData(Qt.ItemDataRole.UserRole, n)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked)
            item.setSizeHint(item.sizeHint().expandedTo(self.list.sizeHint().__class__(100, TOUCH_TARGET + 16)))
            self.list.addItem(item)
        self.list.itemClicked.connect(lambda it: it.setCheckState(
            Qt.CheckState.Unchecked if it.checkState() == Qt.CheckState.Checked else Qt.CheckState.Checked))
        self.list.setMinimumHeight(5 * TOUCH_TARGET)
        if not found:
            self.form.addRow(QLabel("No new suggestions: agree board columns (Must protect, Can flex) or "
                                    "agreed map positions first."))
        else:
            self.form.addRow(QLabel("Tap to untick what you do not want to add."))
        self.form.addRow(self.list)

    def chosen(self) -> list[Candidate]:
        return [self.found[self.list.item(i).data(Qt.ItemDataRole.UserRole)] for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
