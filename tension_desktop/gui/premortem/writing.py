"""Pre-mortem cards written alone: a private round (exercise ``premortem_cards``) of the
shared private-round component. Everyone writes their failure modes without seeing anyone
else's: on their own phone through the room link, or in turns on this panel. The cards are
hidden drafts (``risk_drafts``) until the coach reveals them; the reveal makes them the
pre-mortem's cards, written by their writers, in one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.rules import LENGTHS
from tension_desktop.store import premortem
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..turns import PrivateRound
from ..widgets import big_button
from . import edits

DRAFTS = "risk_drafts"


class CardWriting(QWidget):
    """The panel of a card round: during a turn the person's own hidden cards, a line to
    write one and its lane; between turns the hand-over covers it. Hidden when no round runs."""

    def __init__(self, doc: WorkshopDocument, scope: Callable[[], int | None], kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.scope = scope
        self.setObjectName("premortemWriting")
        self.private = PrivateRound(doc, "premortem_cards", self, kind=kind, action="writing",
                                    verb="writing failure modes", reveal_text="Reveal the cards", scope=scope,
                                    remaining=self._unwritten, room=True)
        self.controller = self.private.controller
        self.info = QLabel()
        self.info.setObjectName("writingInfo")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.mine = QListWidget()
        self.mine.setObjectName("writingMine")
        self.mine.setAccessibleName("Your failure modes (only you see them)")
        self.mine.setWordWrap(True)
        self.text = QLineEdit()
        self.text.setObjectName("writingText")
        self.text.setAccessibleName("A failure mode")
        self.text.setPlaceholderText("It failed because…")
        self.text.setMaxLength(LENGTHS["risks.text"])
        self.text.setMinimumHeight(48)
        self.text.returnPressed.connect(self.add)
        self.lane = QComboBox()
        self.lane.setObjectName("writingLane")
        self.lane.setAccessibleName("Lane of the failure mode")
        self.lane.setMinimumHeight(48)
        self.add_btn = big_button("Add", primary=True, name="writingAdd")
        self.add_btn.clicked.connect(self.add)
        self.remove_btn = big_button("Take back", name="writingRemove")
        self.remove_btn.clicked.connect(self.remove)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.lane)
        row.addWidget(self.add_btn)
        row.addWidget(self.remove_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.private.bar)
        layout.addWidget(self.info)
        layout.addLayout(row)
        layout.addWidget(self.mine, 1)
        self.controller.changed.connect(self.refresh)
        doc.changed.connect(self._changed)
        self.private.overlay.raise_()
        self.refresh()

    def _unwritten(self, pid: int) -> str:
        """Said before passing on when the person wrote nothing."""
        if premortem.list_drafts(self.doc.lib, self.doc.workshop_id, self.scope(), pid):
            return ""
        return "Your failure modes are not written yet"

    def _changed(self, changes: Changes) -> None:
        if changes.touches(DRAFTS, "participants", "workshops") or changes.touches_setting("premortem:lanes"):
            self.refresh()

    def refresh(self) -> None:
        c = self.controller
        self.setVisible(c.active)
        self.setMinimumHeight(340 if c.active else 0)
        if not c.active:
            return
        current = self.lane.currentData()
        self.lane.clear()
        lanes = premortem.lanes(self.doc.lib, self.doc.workshop_id)
        for lane in lanes:
            self.lane.addItem(lane.title, lane.key)
        if current is not None and self.lane.findData(current) >= 0:
            self.lane.setCurrentIndex(self.lane.findData(current))
        self.mine.clear()
        pid = c.current if c.in_turn else None
        for w in (self.text, self.lane, self.add_btn, self.remove_btn):
            w.setEnabled(pid is not None)
        if pid is None:
            self.text.clear()  # nothing of the last person stays on the panel
            self.info.setText("")
            return
        drafts = premortem.list_drafts(self.doc.lib, self.doc.workshop_id, self.scope(), pid)
        titles = {lane.key: lane.title for lane in lanes}
        for d in drafts:
            item = QListWidgetItem(f"{titles.get(d.category, d.category)}: {d.text}", self.mine)
            item.setData(Qt.ItemDataRole.UserRole, d.id)
        self.info.setText(f"Only you see these {len(drafts)} failure mode(s) until the coach reveals everyone's. "
                          "Write one, choose its lane, Add.")

    def add(self) -> bool:
        """Write the line as one of the person's hidden cards (one undo step)."""
        c = self.controller
        text = self.text.text().strip()
        if not (c.in_turn and text and self.lane.currentData()):
            return False
        done = edits.write_draft(self.doc, self.scope(), c.current, self.lane.currentData(), text)
        if done:
            self.text.clear()
        return done

    def remove(self) -> bool:
        """Take back the selected card of the person on turn (one undo step)."""
        item = self.mine.currentItem()
        if item is None or not self.controller.in_turn:
            return False
        return edits.take_back_draft(self.doc, item.data(Qt.ItemDataRole.UserRole))
