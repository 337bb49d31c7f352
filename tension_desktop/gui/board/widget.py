"""The three-column board screen: choose what to sort, sort (in private if wanted), align, agree."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.board import alignment
from tension_desktop.store import StoreError, board, rounds, workshops
from tension_desktop.store.changes import Changes

from ..document import WorkshopDocument
from ..forms import open_form
from ..output import save_png, show_output_error
from ..placing_as import PlacingAsChip
from ..turns import PrivateRound
from ..widgets import big_button
from . import commands
from .alignment import AlignmentView
from .canvas import TO_SORT, BoardCanvas
from .dialogs import CardDialog, ElementsDialog, RationaleDialog
from .items import CardItem

WHOLE_WORKSHOP = -1  # combo data for "whole workshop" (initiative_id NULL)


class BoardWidget(QWidget):
    """Toolbar, the sorting canvas or the alignment view, and the hand-over overlay."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("boardExercise")
        # a toggled button must look toggled without hover (touch screens have none)
        self.setStyleSheet("QPushButton#showSort:checked, QPushButton#showAlignment:checked, "
                           "QPushButton#showEveryone:checked { background: #1f4e79; color: white; }")
        #: the form open on the board (the question after a drop, a card's details): see forms.open_form
        self.dialog: RationaleDialog | CardDialog | None = None
        self._stale = True

        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName("What to sort: initiative")
        self.scope_box.setObjectName("boardScope")
        self.scope_box.setMinimumHeight(48)
        self.scope_box.setMinimumWidth(160)
        self.scope_box.setToolTip("Choose what to sort: an initiative, or the whole workshop")
        self.scope_box.activated.connect(self._scope_chosen)
        self.add_btn = big_button("+ Elements", name="addElements")
        self.add_btn.clicked.connect(self.add_elements)
        self.chip = PlacingAsChip(doc, verb="Sorting as")
        self.chip.participantChanged.connect(lambda _pid: self.refresh())
        # the button names what a tap does (everyone's cards are shown at first)
        self.everyone_btn = big_button("Show only mine", name="showEveryone")
        self.everyone_btn.setCheckable(True)
        self.everyone_btn.setChecked(True)
        self.everyone_btn.toggled.connect(self._everyone_toggled)
        self.private_btn = big_button("Private round", name="privateRound")
        self.private_btn.clicked.connect(self._start_private)
        # the shared private-round component: hand-over, turn bar, undo scope, reveal
        self.private = PrivateRound(doc, "board", self, kind="board_cards", action="sorting", verb="sorting",
                                    hint="Only your own cards are shown.", reveal_text="Reveal the board",
                                    remaining=self._unsorted, reset_view=self._reset_turn_view,
                                    scope=lambda: self.scope, room=True,
                                    phone_command=commands.phone_sort)
        self.turns = self.private.controller
        self.overlay = self.private.overlay
        self.done_btn = self.private.bar.done_btn
        self.reveal_btn = big_button("Reveal", primary=True, name="boardReveal")
        self.private.start_button, self.private.reveal_button = self.private_btn, self.reveal_btn
        self.reveal_btn.clicked.connect(lambda: self.private.reveal())
        self.undo_btn = big_button("↶", name="boardUndo")
        self.undo_btn.setToolTip("Undo")
        self.undo_btn.setAccessibleName("Undo")
        self.undo_btn.clicked.connect(doc.undo_stack.undo)
        self.redo_btn = big_button("↷", name="boardRedo")
        self.redo_btn.setAccessibleName("Redo")
        self.redo_btn.setToolTip("Redo")
        self.redo_btn.clicked.connect(doc.undo_stack.redo)
        for b in (self.undo_btn, self.redo_btn):
            b.setStyleSheet("padding: 4px 4px; font-size: 16pt;")
            b.setFixedWidth(56)
        doc.undo_stack.canUndoChanged.connect(self.undo_btn.setEnabled)
        doc.undo_stack.canRedoChanged.connect(self.redo_btn.setEnabled)
        self.undo_btn.setEnabled(doc.undo_stack.canUndo())
        self.redo_btn.setEnabled(doc.undo_stack.canRedo())
        self.sort_btn = big_button("Sort", name="showSort")
        self.align_btn = big_button("Alignment", name="showAlignment")
        for b in (self.sort_btn, self.align_btn):
            b.setCheckable(True)
            b.setMinimumWidth(110)
        self.sort_btn.setChecked(True)
        self.sort_btn.clicked.connect(lambda: self.show_page("sort"))
        self.align_btn.clicked.connect(lambda: self.show_page("alignment"))
        self.more_btn = big_button("More", name="boardMore")
        self.more = QMenu(self)
        self.more.setStyleSheet("QMenu::item { padding: 14px 28px; font-size: 13pt; }")
        self.act_required = self.more.addAction("Ask for a why with every card (required)")
        self.act_required.setCheckable(True)
        self.act_required.toggled.connect(lambda on: commands.set_rationale_required(self.doc, on))
        self.more.addSeparator()
        self.more.addAction("Export as PNG…", self._export_png_dialog)
        self.more.addAction("Export as CSV…", self._export_csv_dialog)
        self.more.addSeparator()
        self.act_remove = self.more.addAction("Remove an element…", self._remove_element_dialog)
        self.more_btn.setMenu(self.more)

        # two groups; on a narrow screen the right one wraps to a second row (see resizeEvent)
        self.left_group, self.right_group = QWidget(), QWidget()
        left, right = QHBoxLayout(self.left_group), QHBoxLayout(self.right_group)
        for lay in (left, right):
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(8)
        for w in (self.scope_box, self.add_btn, self.chip, self.everyone_btn, self.private_btn, self.reveal_btn):
            left.addWidget(w)
        for w in (self.undo_btn, self.redo_btn, self.sort_btn, self.align_btn, self.more_btn):
            right.addWidget(w)
        for w in (*self.left_group.findChildren(QPushButton), *self.right_group.findChildren(QPushButton)):
            w.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.left_group)
        self.bar.addStretch(1)
        self.bar.addWidget(self.right_group)
        self.bar2 = QHBoxLayout()
        self.bar2.addStretch(1)
        self._wrapped = False

        self.canvas = BoardCanvas()
        self.canvas.setAccessibleName("Board")
        self.canvas.itemDropped.connect(self._dropped)
        self.canvas.itemTapped.connect(self._tapped)
        self.canvas.itemLongPressed.connect(self._tapped)
        self.alignment = AlignmentView()
        self.alignment.agreeRequested.connect(lambda eid, col: commands.agree(self.doc, eid, col))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.canvas)
        self.pages.addWidget(self.alignment)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self.private.bar)
        layout.addLayout(self.bar)
        layout.addLayout(self.bar2)
        layout.addWidget(self.private.note)
        layout.addWidget(self.pages, 1)

        self.overlay.raise_()
        self.turns.changed.connect(self.refresh)
        doc.changed.connect(self._changed)
        self._fill_scopes()
        self.refresh()
        self.private.note.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        needed = self.left_group.sizeHint().width() + self.right_group.sizeHint().width() + 16
        wrap = self.width() < needed
        if wrap != self._wrapped:
            self._wrapped = wrap
            (self.bar if wrap else self.bar2).removeWidget(self.right_group)
            (self.bar2 if wrap else self.bar).addWidget(self.right_group)

    # -- what to sort ----------------------------------------------------------------------
    @property
    def scope(self) -> int | None:
        """The initiative being sorted, or None for the whole workshop."""
        value = workshops.get_setting(self.doc.lib, self.doc.workshop_id, board.SCOPE_KEY, None)
        ids = {i.id for i in self.doc.initiatives()}
        if isinstance(value, dict):
            iid = value.get("initiative_id")
            return iid if iid in ids else None
        # nothing chosen yet: the first initiative that has elements, else the whole workshop
        for el in board.list_elements(self.doc.lib, self.doc.workshop_id):
            if el.initiative_id in ids:
                return el.initiative_id
        return None

    def set_scope(self, initiative_id: int | None) -> None:
        """Choose what to sort (a view choice, kept with the workshop; not an undo step)."""
        commands.set_scope(self.doc, initiative_id)
        self.private.note.refresh()

    def _fill_scopes(self) -> None:
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem("Whole workshop", WHOLE_WORKSHOP)
        for i in self.doc.initiatives():
            self.scope_box.addItem(i.title, i.id)
        scope = self.scope
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(WHOLE_WORKSHOP if scope is None else scope)))
        self.scope_box.blockSignals(False)

    def _scope_chosen(self, index: int) -> None:
        data = self.scope_box.itemData(index)
        self.set_scope(None if data == WHOLE_WORKSHOP else data)

    def scope_name(self) -> str:
        return self.scope_box.currentText() or "Whole workshop"

    # -- refreshing ------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        agreed = changes.row("board_elements")
        if agreed is not None and self.isVisible() and self.pages.currentWidget() is self.alignment:
            # an agreement: update that row only (a rebuild of 40 rows takes a quarter second)
            if self.alignment.set_agreed(agreed, board.get_element(self.doc.lib, agreed).agreed_column):
                return
        if changes.touches("initiatives"):
            self._fill_scopes()
        if (changes.touches("board_cards", "board_elements", "participants", "initiatives", "workshops", rounds.KIND)
                or changes.touches_setting(board.SCOPE_KEY, board.RATIONALE_KEY)):
            self.refresh()

    @property
    def sorter(self) -> int | None:
        return self.chip.participant_id

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the store the page on screen (a hidden board redraws when shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        private = self.turns.active
        if private and self.turns.current is not None:
            self.chip.set_participant(self.turns.current)
        self.chip.set_locked(private)
        # during a private round: no "everyone", and the person whose turn it is passes on
        hidden = not private and rounds.is_hidden(self.doc.lib, self.doc.workshop_id, "board", self.scope)
        self.everyone_btn.setVisible(not private)
        self.private_btn.setVisible(not private)
        self.reveal_btn.setVisible(hidden)
        for w in (self.scope_box, self.add_btn, self.more_btn):
            w.setEnabled(not private)
        self.align_btn.setEnabled(not private and not hidden)
        if private and self.pages.currentWidget() is self.alignment:
            self.show_page("sort")
        required = self.rationale_required
        if self.act_required.isChecked() != required:
            self.act_required.blockSignals(True)
            self.act_required.setChecked(required)
            self.act_required.blockSignals(False)
        lib, wid, scope = self.doc.lib, self.doc.workshop_id, self.scope
        elements = board.elements_for(lib, wid, scope)
        cards = board.cards_for(lib, wid, scope)
        people = {p.id: p for p in self.doc.participants()}
        if self.pages.currentWidget() is self.alignment:  # only the page on screen is rebuilt
            self.alignment.show_splits(alignment(elements, cards), people)
            return
        if private:
            cards = [c for c in cards if self.turns.may_see(c.participant_id)]
        elif hidden:
            cards = []  # a round ended early stays hidden until its reveal
        elif not self.everyone_btn.isChecked():
            cards = [c for c in cards if c.participant_id == self.sorter]
        self.canvas.show_board(elements, cards, people, self.sorter if (not private or self.turns.current) else None)

    @property
    def rationale_required(self) -> bool:
        return bool(workshops.get_setting(self.doc.lib, self.doc.workshop_id, board.RATIONALE_KEY, False))

    def show_page(self, page: str) -> None:
        on_alignment = page == "alignment" and not self.turns.active
        self.sort_btn.setChecked(not on_alignment)
        self.align_btn.setChecked(on_alignment)
        self.pages.setCurrentWidget(self.alignment if on_alignment else self.canvas)
        self.refresh()

    def _everyone_toggled(self, on: bool) -> None:
        self.everyone_btn.setText("Show only mine" if on else "Show everyone")
        self.refresh()

    # -- private round (the shared turn mechanism) -------------------------------------------
    def _start_private(self) -> None:
        self.show_page("sort")
        self.turns.start()

    def _unsorted(self, pid: int) -> str:
        """What the person on turn has not sorted yet ("4 elements not sorted yet")."""
        elements = board.elements_for(self.doc.lib, self.doc.workshop_id, self.scope)
        sorted_ids = {c.element_id for c in board.cards_for(self.doc.lib, self.doc.workshop_id, self.scope, pid)}
        left = [e for e in elements if e.id not in sorted_ids]
        if not left:
            return ""
        return f"{len(left)} element{'s' * (len(left) != 1)} not sorted yet"

    def _reset_turn_view(self) -> None:
        """A fresh view for each person: everyone's filter off, the sorting page, from the top."""
        self.everyone_btn.setChecked(True)
        self.show_page("sort")
        self.canvas.horizontalScrollBar().setValue(0)
        self.canvas.verticalScrollBar().setValue(0)

    # -- sorting -----------------------------------------------------------------------------
    def _dropped(self, item: CardItem, start_pos: QPointF, point: QPointF) -> None:
        self.canvas.clear_highlight()
        pid = item.participant_id if item.participant_id is not None else self.sorter
        target = self.canvas.drop_target(item, point, pid)
        if pid is None or target is None:
            self.refresh()
            return
        column = None if target.column == TO_SORT else target.column
        before = board.cards_for(self.doc.lib, self.doc.workshop_id, self.scope, pid)
        old = next((c for c in before if c.element_id == item.element_id), None)
        if column is None and old is None:
            self.refresh()  # an unsorted element dropped back on "To sort"
            return
        if old is not None and column == old.column:
            mine = sorted((c for c in before if c.column == column), key=lambda c: c.position)
            if [c.element_id for c in mine].index(item.element_id) == target.index:
                self.refresh()  # put back where it was: nothing to store
                return
        if column is not None and (old is None or old.column != column):
            self._ask_why(item.element_id, pid, column, target.index, old.rationale if old else "")
            return
        self.move(item.element_id, pid, column, target.index)

    def _ask_why(self, element_id: int, pid: int, column: str, index: int, rationale: str) -> None:
        """The card landed in a new column: ask for the why (window-modal, not blocking)."""
        el = board.get_element(self.doc.lib, element_id)
        person = next((p for p in self.doc.participants() if p.id == pid), None)
        who = (person.role or person.name) if person else "?"
        dlg = RationaleDialog(el.text, column, who, self.rationale_required, rationale, self)

        def done(result: int) -> None:
            if result and not board.has_element(self.doc.lib, element_id):
                result = 0  # the element was removed (undo) while the question was open
            if result:
                self.move(element_id, pid, column, index, "" if dlg.skipped else dlg.value())
            else:
                self.refresh()

        open_form(self, dlg, on_close=done)

    def move(self, element_id: int, participant_id: int, column: str | None, index: int,
             rationale: str | None = None) -> bool:
        """Put a card at ``index`` of ``column`` (None: back to "To sort") as one undo step."""
        from tension_desktop.model.board import COLUMN_TITLES, place_card

        scope = board.element_scope(self.doc.lib, element_id)
        before = board.cards_for(self.doc.lib, self.doc.workshop_id, scope, participant_id)
        after = place_card(before, element_id, participant_id, column, index, rationale)
        if after == before:
            self.refresh()
            return False
        where = COLUMN_TITLES[column] if column else "To sort"
        return self.doc.push(commands.MoveCardCommand(self.doc, scope, participant_id, before, after,
                                                      f"Move card to {where}"))

    def _tapped(self, item: CardItem | None, _point: QPointF) -> None:
        if item is None or item.participant_id is None:
            return
        card = next((c for c in board.cards_for(self.doc.lib, self.doc.workshop_id, self.scope, item.participant_id)
                     if c.element_id == item.element_id), None)
        if card is None:
            return
        el = board.get_element(self.doc.lib, item.element_id)
        dlg = CardDialog(el.text, item.who, card.column, card.rationale, self)

        def done(result: int) -> None:
            if result and dlg.took_back:
                self.move(card.element_id, card.participant_id, None, 0)
            elif result:
                commands.change_rationale(self.doc, card.element_id, card.participant_id, card.rationale, dlg.value())

        open_form(self, dlg, on_close=done)

    # -- elements ----------------------------------------------------------------------------
    def add_elements(self) -> None:
        existing = {e.text for e in board.elements_for(self.doc.lib, self.doc.workshop_id, self.scope)}
        dlg = ElementsDialog(self.scope_name(), self, existing)
        open_form(self, dlg, lambda: self.doc.push(commands.AddElementsCommand(self.doc, dlg.texts(), self.scope)))

    def _remove_element_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        els = board.elements_for(self.doc.lib, self.doc.workshop_id, self.scope)
        if not els:
            return
        dlg = QInputDialog(self)
        dlg.setWindowTitle("Remove an element")
        dlg.setLabelText("Element (with everyone's cards of it)")
        dlg.setComboBoxItems([e.text for e in els])
        dlg.setComboBoxEditable(False)

        def remove() -> None:
            el = next((e for e in els if e.text == dlg.textValue()), None)
            if el is not None:
                self.doc.push(commands.RemoveElementCommand(self.doc, el.id, el.text))

        open_form(self, dlg, remove)

    # -- export ------------------------------------------------------------------------------
    def export_png(self, path: Path) -> Path:
        """Save what is shown (the board, or the whole alignment list) as a PNG."""
        if self.pages.currentWidget() is self.alignment:
            return save_png(self.alignment.widget().grab(), path)
        scene = self.canvas.board_scene
        rect = scene.sceneRect()
        image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.canvas.marker.hide()
        scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        return save_png(image, path)

    def _export(self, write, path: str) -> Path | None:
        try:
            return write(Path(path))
        except (OSError, StoreError) as exc:
            show_output_error(self, str(exc))
            return None

    def _export_png_dialog(self) -> None:
        from ..file_dialogs import save_file

        path = save_file(self, "image", "Export the board as PNG", "board.png", "PNG image (*.png)")
        if path:
            self._export(self.export_png, path)

    def _export_csv_dialog(self) -> None:
        from tension_desktop.export.board_csv import write_board_csv

        from ..file_dialogs import save_file

        path = save_file(self, "csv", "Export the board as CSV", "board.csv", "CSV (*.csv)")
        if path:
            self._export(lambda p: write_board_csv(self.doc.lib, self.doc.workshop_id, p), path)


def make_board(doc: WorkshopDocument) -> QWidget:
    return BoardWidget(doc)



