"""One placement up close: its details dialog, its context menu and the Delete key.

A long press (or a double-click) on a card opens a large dialog: the initiative, who placed
it, where it sits (quadrant and both axes), the round and, for an agreed position, the
governance it implies, with a big "Remove this placement" button. A right-click (or the
menu key) offers the same actions; Delete removes the selected card (the last one tapped
or opened). Every removal is one undo step (a DropCommand with no position).

The dialog and the menu never block (``open()``/``popup()``): a finger still on the glass
when they appear must not leave the canvas waiting for a release it will never see.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QMenu, QVBoxLayout, QWidget

from tension_desktop.model import Participant, Placement
from tension_desktop.model.tension_map import quadrant_of
from tension_desktop.store import tension_map as store

from ..forms import open_form
from ..plain import plain_label
from ..widgets import big_button, heading
from .commands import DropCommand
from .items import PlacementCard

ROUND_NAMES = {
    "private": "Private round (hidden until Reveal)",
    "revealed": "Revealed",
    "agreed": "Agreed by the group",
}


def placement_facts(p: Placement, title: str, person: Participant | None, axes: dict[str, str],
                    quadrants: dict[str, str], governance: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) rows the details dialog shows, in the coach's words."""
    q = quadrant_of(p.x, p.y)
    rows = [("Initiative", title),
            ("Placed by", person.label if person is not None else "The group"),
            ("Quadrant", quadrants.get(q, q)),
            ("Position", f"{axes.get('x', 'x')}: {round(p.x * 100)}%  ·  {axes.get('y', 'y')}: {round(p.y * 100)}%"),
            ("Round", ROUND_NAMES.get(p.round, p.round))]
    if p.round == "agreed":
        rows.append(("Governance", governance.get(q, "")))
    return rows


class PlacementDialog(QDialog):
    """Large, touch-friendly details of one placement with a big remove button."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placementDetails")
        self.setWindowTitle("Placement")
        self.setMinimumWidth(620)
        self.remove_requested = False
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(12)
        self.values: dict[str, QLabel] = {}
        for label, value in rows:
            text = QLabel(value)
            text.setTextFormat(Qt.TextFormat.PlainText)  # participants' words are never markup
            text.setWordWrap(True)
            text.setProperty("subheading", label != "Initiative")
            if label == "Initiative":
                text = heading(value)
            self.values[label] = text
            form.addRow(plain_label(label), text)  # addRow(str) would guess markup
        self.remove_btn = big_button("Remove this placement", name="removePlacement")
        self.remove_btn.setMinimumHeight(72)
        self.remove_btn.setStyleSheet("QPushButton#removePlacement { background: #b42318; color: #ffffff; "
                                      "font-weight: 700; font-size: 16pt; border-radius: 10px; }")
        self.remove_btn.clicked.connect(self._remove)
        close = big_button("Close", name="closePlacement")
        close.setMinimumHeight(72)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addLayout(form)
        layout.addWidget(self.remove_btn)
        layout.addWidget(close)

    def _remove(self) -> None:
        self.remove_requested = True
        self.accept()


class PlacementActions(QObject):
    """Details, context menu and Delete for the cards of a TensionMapWidget.

    ``dialog`` and ``menu`` are the last ones shown (public for tests); ``selected`` is the
    key of the card Delete removes."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.w = widget
        self.selected: tuple | None = None
        self._shown: tuple | None = None  # the key whose card shows the selection ring
        self.dialog: PlacementDialog | None = None
        self.menu: QMenu | None = None
        view = widget.view
        view.itemLongPressed.connect(lambda item, _pos: self.open_details(item))
        view.contextMenuAt.connect(self.context_menu)
        view.itemTapped.connect(lambda item, _pos: self.select(item if isinstance(item, PlacementCard) else None))
        widget.doc.changed.connect(lambda _changes: self._show_selection())
        # Delete/Backspace on the map (a key filter, not a QShortcut: it must work whatever
        # window is active and never clash with another screen's Delete shortcut)
        view.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        et = event.type()
        if et in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._card(self.selected):
            event.accept()
            if et == QEvent.Type.KeyPress:
                self.remove_selected()
            return True
        return super().eventFilter(obj, event)

    # -- which card --------------------------------------------------------------------------
    def _card(self, key: tuple | None) -> PlacementCard | None:
        card = self.w.map.cards.get(key) if key is not None else None
        return card if card is not None and card.isVisible() else None

    def select(self, card: PlacementCard | None) -> None:
        self.selected = card.key if card is not None else None
        self._show_selection()

    def _show_selection(self) -> None:
        # only the card that showed the selection and the selected one change (not 2,000)
        cards = self.w.map.cards
        shown = self._shown
        if shown is not None and shown != self.selected and shown in cards:
            cards[shown].set_selected(False)
        if self.selected is not None and self.selected in cards:
            cards[self.selected].set_selected(True)
        self._shown = self.selected
        if self.selected is not None and self.selected not in self.w.map.cards:
            self.selected = None

    def _stop_gesture(self) -> None:
        """The finger that long-pressed lifts over the dialog: forget it on the canvas."""
        self.w.view.gestures.cancel()
        self.w.view._long_timer.stop()

    # -- actions --------------------------------------------------------------------------------
    def open_details(self, item) -> None:
        if not isinstance(item, PlacementCard):
            return
        self._stop_gesture()
        self.select(item)
        doc = self.w.doc
        p = store.get_placement(doc.lib, doc.workshop_id, *item.key)
        if p is None:
            return
        person = self.w.map.people.get(p.participant_id)
        rows = placement_facts(p, self.w.map.titles.get(p.initiative_id, item.title), person,
                               store.axis_labels(doc.lib, doc.workshop_id), self.w._quadrant_labels,
                               self.w.map.governance)
        if self.dialog is not None:
            self.dialog.close()
        dlg = PlacementDialog(rows, self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        key = item.key
        open_form(self, dlg, lambda: dlg.remove_requested and self.remove(key), delete=False)  # deletes on close

    def context_menu(self, item, global_pos: QPoint) -> None:
        if not isinstance(item, PlacementCard):
            return
        self._stop_gesture()
        self.select(item)
        key = item.key
        menu = QMenu(self.w)
        menu.setObjectName("placementMenu")
        menu.setStyleSheet("QMenu { font-size: 15pt; } QMenu::item { padding: 14px 28px; }")
        menu.addAction("Details…", lambda: self.open_details(self._card(key)))
        menu.addAction("Remove this placement", lambda: self.remove(key))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.menu = menu
        menu.popup(global_pos)

    def remove_selected(self) -> None:
        if self._card(self.selected) is not None:
            self.remove(self.selected)

    def remove(self, key: tuple) -> bool:
        """Take one placement off the map (one undo step); False if nothing was removed."""
        doc = self.w.doc
        if store.get_placement(doc.lib, doc.workshop_id, *key) is None:
            return False
        title = self.w.map.titles.get(key[0], "placement")
        if self.selected == key:
            self.selected = None
        return bool(doc.push(DropCommand(doc, f"Remove {title}", *key, None, None)))

