"""The tension map screen: toolbar, the map with its tray, and the side panel.

Rounds on screen:

* open placing (no private round): everyone's revealed cards and the agreed ones show; a
  drop from the tray places for the "Placing as" participant (round ``revealed``);
* private round (the shared TurnController, exercise ``tension_map``): between turns the
  hand-over screen covers everything; during a turn only that person's private cards
  exist in the scene; Reveal turns every private card into a revealed one (one undo step);
* Agree mode: the tray places the group's agreed position (round ``agreed``), whose
  quadrant names the governance it implies.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model import Placement
from tension_desktop.model.tension_map import agreed_positions
from tension_desktop.store import rounds
from tension_desktop.store import tension_map as store
from tension_desktop.store.changes import Changes

from ..canvas import WHITEBOARD_TYPE
from ..document import WorkshopDocument
from ..forms import open_form
from ..placing_as import PlacingAsChip
from ..turns import PrivateRound
from ..widgets import big_button
from .commands import KIND, LABEL_SETTINGS, DropCommand, labels_command, phone_drop
from .details import PlacementActions
from .items import PlacementCard, to_unit
from .panel import MapPanel
from .scene import MapScene
from .toolbar import MapToolbar
from .tray import TrayChip
from .view import KeyboardMapView, new_scene

EXERCISE = "tension_map"


class TensionMapWidget(QWidget):
    """The whole exercise; ``view``, ``map`` (MapScene) and ``controller`` are public for tests."""

    def __init__(self, doc: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tensionMap")
        self.doc = doc
        self.mode = "place"
        # the shared private-round component: hand-over, turn bar, undo scope, reveal
        self.private = PrivateRound(doc, EXERCISE, self, kind=KIND, action="placing", verb="placing",
                                    hint="Only your own cards are on the map.", reveal_text="Reveal the map",
                                    remaining=self._unplaced, reset_view=self._reset_turn_view, room=True,
                                    phone_command=phone_drop)
        self.controller = self.private.controller
        self.overlay = self.private.overlay
        self.scene = new_scene()
        self.view = KeyboardMapView(self.scene)
        self.view.setAccessibleName("Tension map")
        self.scene.setParent(self.view)  # dies with the view, never before it
        self.map = MapScene(self.scene)
        self.map.card_scale = self.view.applied_card_scale
        self.view.fit_area = self.map.background.fit_rect  # Fit: the map and its axis names, snug
        self.map.wait_for_view = True  # the cards are built once the map is shown and fitted
        self.panel = MapPanel()
        self.panel.focusRequested.connect(self.set_focus)

        self.chip = PlacingAsChip(doc)
        self.chip.participantChanged.connect(lambda _pid: self._refresh_tray())
        self.place_btn = big_button("Place", name="modePlace")
        self.agree_btn = big_button("Agree", name="modeAgree")
        modes = QButtonGroup(self)
        for b in (self.place_btn, self.agree_btn):
            b.setCheckable(True)
            modes.addButton(b)
            # the mode in force must be obvious from across the room, not only on hover
            b.setStyleSheet("QPushButton:checked { background: #1f2933; color: #ffffff; }")  # bold would clip
        self.place_btn.setChecked(True)
        self.place_btn.clicked.connect(lambda: self.set_mode("place"))
        self.agree_btn.clicked.connect(lambda: self.set_mode("agree"))
        self.private_btn = big_button("Private round", name="startPrivateRound")
        self.private_btn.clicked.connect(self.start_private_round)
        self.done_btn = self.private.bar.done_btn
        self.reveal_btn = big_button("Reveal", primary=True, name="reveal")
        self.private.start_button, self.private.reveal_button = self.private_btn, self.reveal_btn
        self.reveal_btn.clicked.connect(self.reveal)
        self.fit_btn = big_button("Fit", name="fit")
        self.fit_btn.clicked.connect(self.view.fit_all)
        self.labels_btn = big_button("Labels…", name="editLabels")
        self.labels_btn.clicked.connect(self.edit_labels)
        self.export_btn = big_button("Export…", name="exportMap")
        self.export_btn.clicked.connect(self._export_menu)
        self.undo_btn = big_button("↶ Undo", name="undo")
        self.redo_btn = big_button("↷ Redo", name="redo")
        self.undo_btn.clicked.connect(doc.undo_stack.undo)
        self.redo_btn.clicked.connect(doc.undo_stack.redo)
        doc.undo_stack.canUndoChanged.connect(self.undo_btn.setEnabled)
        doc.undo_stack.canRedoChanged.connect(self.redo_btn.setEnabled)
        self.undo_btn.setEnabled(doc.undo_stack.canUndo())
        self.redo_btn.setEnabled(doc.undo_stack.canRedo())

        self.toolbar = MapToolbar([self.chip, self.place_btn, self.agree_btn, self.private_btn, self.reveal_btn],
                                  [self.undo_btn, self.redo_btn, self.fit_btn, self.labels_btn, self.export_btn])
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        side = QScrollArea()
        side.setObjectName("mapPanelScroll")
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setWidget(self.panel)
        side.setMinimumWidth(self.panel.minimumWidth() + 16)
        side.setMaximumWidth(self.panel.maximumWidth() + 16)
        QScroller.grabGesture(side.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        body.addWidget(side)
        self.view.whiteboardScaleChanged.connect(lambda k: (self.panel.set_type_scale(k / WHITEBOARD_TYPE, side),
                                                            QTimer.singleShot(0, self.view, self.view.fit_all)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.private.bar)
        layout.addWidget(self.toolbar)
        layout.addLayout(body, 1)

        self.overlay.raise_()
        self.controller.changed.connect(self._round_changed)
        self.view.itemDropped.connect(self._dropped)
        self.view.dragMoved.connect(self._drag_moved)
        self.view.dragStarted.connect(self._drag_started)
        self.view.dragCancelled.connect(lambda item: isinstance(item, TrayChip) and item.set_carried(None))
        self.view.itemTapped.connect(self._tapped)
        doc.changed.connect(self._doc_changed)
        self.placement_actions = PlacementActions(self)  # details, context menu, Delete
        self._quiet_round = False
        self._quadrant_labels: dict[str, str] = {}
        self.rebuild()
        self._fitted = False
        from .stepper import DisagreementStepper

        self.stepper = DisagreementStepper(self)  # "Next most disputed ▶" and the person view
        from .panel_strip import PanelStrip

        self.panel_strip = PanelStrip(self)  # a small screen folds the panel to a strip

    # -- who places into which round -------------------------------------------------------------
    def in_turn(self) -> bool:
        r = self.controller.round
        return r is not None and r.phase == "turn"

    def target(self) -> tuple[int | None, str] | None:
        """(participant, round) a drop from the tray stores, or None if nobody is chosen."""
        if self.controller.active:
            return (self.controller.current, "private") if self.in_turn() else None
        if self.mode == "agree":
            return (None, "agreed")
        return (self.chip.participant_id, "revealed") if self.chip.participant_id is not None else None

    def visible_placements(self) -> list[Placement]:
        if self.controller.active:
            if not self.in_turn():
                return []
            me = self.controller.current
            return [p for p in store.list_placements(self.doc.lib, self.doc.workshop_id, ("private",))
                    if p.participant_id == me]
        return store.list_placements(self.doc.lib, self.doc.workshop_id, ("revealed", "agreed"))

    # -- drawing ------------------------------------------------------------------------------------
    _hidden: int | None = None  # private placements waiting for the reveal (None: count again)

    def _private_count(self) -> int:
        """How many placements wait to be revealed: counted once per change that may alter it
        (a rebuild, a private placement stored), not on every drop of a revealed card."""
        if self._hidden is None:
            self._hidden = store.private_count(self.doc.lib, self.doc.workshop_id)
        return self._hidden

    def rebuild(self) -> None:
        """Redraw everything from the store (round changes, reveal, people or initiatives edits)."""
        self._hidden = None
        lib, wid = self.doc.lib, self.doc.workshop_id
        initiatives = self.doc.initiatives()
        participants = self.doc.participants()
        governance = store.governance_names(lib, wid)
        quadrants, axes = store.quadrant_labels(lib, wid), store.axis_labels(lib, wid)
        placements = self.visible_placements()
        self._apply_draggable()
        # one edit may send several notices (the reveal: its placements, then its round); a
        # second rebuild from the very same data would redraw 2,000 cards for nothing
        shown = (initiatives, participants, governance, quadrants, axes, placements)
        if shown != self._shown:
            self._shown = shown
            self.map.set_context(initiatives, participants, governance)
            self._quadrant_labels = quadrants
            self.view.quadrant_names = dict(quadrants)
            self.map.background.set_labels(axes, quadrants, governance)
            self.map.group_rounds = ("revealed",)
            self.map.show(placements)
            self.view.set_tray([TrayChip(i.id, i.title) for i in initiatives])
            self.panel.set_legend(participants)
        self._refresh_controls()
        self._refresh_tray()
        self._refresh_panel()

    def _apply_draggable(self) -> None:
        if self.controller.active:
            rounds = {"private"}
        elif self.mode == "agree":
            rounds = {"agreed"}
        else:
            rounds = {"revealed", "agreed"}
        self.map.set_draggable_rounds(rounds)

    def _refresh_tray(self) -> None:
        target = self.target()
        self.view.set_tray_visible(target is not None or not self.controller.active)
        placed = set()
        if target is not None:
            pid, rnd = target
            placed = {k[0] for k in self.map.placements if k[1] == pid and k[2] == rnd}
        for chip in self.view.tray_chips:
            chip.set_placed(chip.initiative_id in placed)
        if target is None and not self.controller.active:
            self.view.tray_panel.set_text("Initiatives", "Choose who is placing first")
        elif target is not None and target[1] == "agreed":
            self.view.tray_panel.set_text("Agree", "Drag where the group settles it")
        else:
            self.view.tray_panel.set_text("Initiatives", "Drag onto the map")

    def _refresh_panel(self) -> None:
        lib, wid = self.doc.lib, self.doc.workshop_id
        private_round = self.controller.active
        self.panel.set_analysis_visible(not private_round)
        r = self.controller.round
        if private_round and r is not None and r.phase == "turn":
            person = next((p for p in self.doc.participants() if p.id == r.current), None)
            name = person.name if person else "?"
            self.panel.status.setText(f"Private round: {name}'s turn ({r.index + 1} of {len(r.order)}). "
                                      "Only your own cards are on the map. Tap “Done” when you are finished.")
            return
        if private_round:
            self.panel.status.setText("Private round: hand the screen on.")
            return
        hidden = self._private_count()
        mode = ("Agree: drag each initiative from the tray to where the group settles it."
                if self.mode == "agree" else "Everyone's placements are shown.")
        shown = rounds.shown_note(lib, wid, EXERCISE)  # which round the map shows, who was skipped
        self.panel.status.setText(mode + (f" {shown}" if shown else "")
                                  + (f" {hidden} private placement(s) wait to be revealed." if hidden else ""))
        placements = list(self.map.placements.values())
        self.panel.set_disputes(self.map.ranked_disputes(), self.map.titles, self.map.people, self.map.focus)
        self.panel.set_agreed(agreed_positions(placements), self.map.titles, self._quadrant_labels,
                              self.map.governance)
        self._refresh_focus_note()

    def _refresh_focus_note(self) -> None:
        focus = self.map.focus
        if focus is None:
            self.panel.set_focus_note("")
            return
        pid, distance = self.map.furthest_of(focus)
        person = next((p for p in self.doc.participants() if p.id == pid), None)
        title = self.map.titles.get(focus, "")
        if person is None:
            self.panel.set_focus_note(f"Showing {title}.")
        else:
            self.panel.set_focus_note(f"Showing {title}. Furthest from the group: {person.role or person.name} "
                                      f"({person.name}), {distance:.2f} of the diagonal away (dashed red ring).")

    def _refresh_controls(self) -> None:
        active = self.controller.active
        turn = self.in_turn()
        controls = (self.chip, self.place_btn, self.agree_btn, self.private_btn, self.done_btn, self.reveal_btn)
        before = [c.isVisibleTo(self) for c in controls] + [self.reveal_btn.text()]
        self.chip.set_locked(turn)
        if turn:
            self.chip.set_participant(self.controller.current)
        self.chip.setVisible((not active and self.mode != "agree") or turn)
        self.place_btn.setVisible(not active)
        self.agree_btn.setVisible(not active)
        self.private_btn.setVisible(not active)
        self.done_btn.setVisible(turn)
        self.reveal_btn.setVisible(not active)
        hidden = self._private_count()
        self.reveal_btn.setEnabled(hidden > 0)
        self.reveal_btn.setText(f"Reveal ({hidden})" if hidden else "Reveal")
        self.labels_btn.setEnabled(not active)
        self.export_btn.setEnabled(not active)
        if [c.isVisibleTo(self) for c in controls] + [self.reveal_btn.text()] != before or not self._laid_out:
            if not self.isVisible():
                return  # laid out when shown, at the size it is shown at (not twice on a build)
            self._laid_out = True
            self._lay_out_now()  # only when the map's room may have changed (not on every drop)

    _laid_out = False
    _shown: tuple | None = None  # what the last rebuild drew (see rebuild)

    def _lay_out_now(self) -> None:
        """Lay out now, not on the next event loop pass (as the toolbar does): a control shown
        or hidden changes the map's room, and the map refits before the next touch lands.
        The bars above the map first (their height), then this widget (the map's room)."""
        for bar in (self.private.bar, self.toolbar):
            if bar.layout() is not None:
                bar.layout().activate()
        self.layout().activate()

    # -- signals ------------------------------------------------------------------------------------
    def _doc_changed(self, changes: Changes) -> None:
        key = changes.row(KIND)
        if key is not None:  # one placement moved: redraw that card only
            placement = store.get_placement(self.doc.lib, self.doc.workshop_id, *key)
            if self._visible_key(key):
                self._shown = None  # the map moved on from the last rebuild's data
                self.map.update_one(key, placement)
            private = key[2] == "private"
            if private:
                self._hidden = None  # the Reveal button's count may have changed
            self._refresh_tray()
            self._refresh_panel()
            if private or self.controller.active:
                self._refresh_controls()  # a revealed or agreed card's drop changes no control
        elif (changes.touches(KIND, "participants", "initiatives", rounds.KIND)
              or changes.touches_setting(*LABEL_SETTINGS)):
            self._hidden = None
            self.rebuild()

    def _visible_key(self, key: tuple) -> bool:
        _iid, pid, rnd = key
        if self.controller.active:
            return self.in_turn() and rnd == "private" and pid == self.controller.current
        return rnd in ("revealed", "agreed")

    def _round_changed(self) -> None:
        self.map.set_focus(None)
        if self._quiet_round:
            return
        self.rebuild()
        if self.in_turn():
            self.view.fit_all()

    def _drag_started(self, item, _pos: QPointF) -> None:
        if isinstance(item, TrayChip):
            target = self.target()
            who = self.map.people.get(target[0]) if target else None
            item.set_carried(who.colour if who else ("#111827" if target else None))
        if self.mode == "agree" and not self.controller.active and hasattr(item, "initiative_id"):
            # settling one initiative: show its group (spread, who is far) while it is dragged
            self.set_focus(item.initiative_id)

    def _drag_moved(self, item, _pos: QPointF) -> None:
        if isinstance(item, PlacementCard):
            self.map.live_move(item)

    def _dropped(self, item, _start: QPointF, drop: QPointF) -> None:
        if isinstance(item, TrayChip):
            item.set_carried(None)
            target = self.target()
            if target is None or self.view.over_tray(drop):
                return
            pid, rnd = target
            x, y = to_unit(drop)
            self.doc.push(DropCommand(self.doc, f"Place {item.title}", item.initiative_id, pid, rnd, x, y))
            return
        if not isinstance(item, PlacementCard):
            return
        if self.view.over_tray(drop):
            stored = self.doc.push(DropCommand(self.doc, f"Take {item.title} off the map", *item.key, None, None))
        else:
            x, y = to_unit(item.pos())
            stored = self.doc.push(DropCommand(self.doc, f"Move {item.title}", *item.key, x, y))
        if not stored:  # the store refused: the card goes back to what the file holds
            self._shown = None
            self.map.update_one(item.key, store.get_placement(self.doc.lib, self.doc.workshop_id, *item.key))

    def _tapped(self, item, pos: QPointF) -> None:
        if isinstance(item, TrayChip):
            return
        view_pos = QPointF(self.view.mapFromScene(pos))
        if self.view.tray_tap(view_pos):
            return
        card = self.view.card_at(view_pos)
        if card is None:
            self.set_focus(None)
        elif not self.controller.active:
            self.set_focus(None if self.map.focus == card.initiative_id else card.initiative_id)

    # -- actions ------------------------------------------------------------------------------------
    def set_focus(self, initiative_id: int | None) -> None:
        """Highlight one initiative (and who sits furthest), dim the rest; None shows all."""
        self.map.set_focus(initiative_id)
        self._refresh_panel()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.agree_btn if mode == "agree" else self.place_btn).setChecked(True)
        self._refresh_controls()  # the group places in Agree mode: no "Placing as" chip
        self._apply_draggable()
        self._refresh_tray()
        self._refresh_panel()

    def start_private_round(self) -> None:
        ids = [p.id for p in self.doc.participants()]
        if not ids:
            from ..plain import message_box

            box = message_box(QMessageBox.Icon.Information, "Private round",
                              "Add participants first (People & initiatives).", parent=self)
            open_form(self, box)
            return
        self.set_mode("place")
        self.controller.start(ids)

    def reveal(self) -> None:
        """Show everyone's private placements at once (one undo step)."""
        if store.private_count(self.doc.lib, self.doc.workshop_id) == 0 and not self.controller.active:
            return
        self._quiet_round = True  # the reveal's own change notice redraws once
        try:
            self.private.reveal()
        finally:
            self._quiet_round = False

    def _unplaced(self, pid: int) -> str:
        """What the person on turn has not placed yet ("3 initiatives not placed yet")."""
        placed = {p.initiative_id for p in store.list_placements(self.doc.lib, self.doc.workshop_id, ("private",))
                  if p.participant_id == pid}
        left = [i for i in self.doc.initiatives() if i.id not in placed]
        if not left:
            return ""
        return f"{len(left)} initiative{'s' * (len(left) != 1)} not placed yet"

    def _reset_turn_view(self) -> None:
        """A fresh view for each person: first tray page, nothing focused, the whole map."""
        self.view.tray_page = 0
        self.view.place_tray()
        self.set_mode("place")
        self.set_focus(None)
        self.view.fit_all()

    def edit_labels(self) -> None:
        from .labels_dialog import LabelsDialog

        dlg = LabelsDialog(self.doc, self)
        open_form(self, dlg, lambda: self.doc.push(labels_command(self.doc, dlg.values())))

    def _export_menu(self) -> None:
        from .export import export_dialog

        menu = QMenu(self)
        menu.setStyleSheet("QMenu { font-size: 15pt; } QMenu::item { padding: 14px 28px; }")
        menu.addAction("PNG: current view", lambda: export_dialog(self, "view"))
        menu.addAction("PNG: whole map", lambda: export_dialog(self, "map"))
        menu.addAction("CSV: one row per placement", lambda: export_dialog(self, "csv"))
        menu.exec(self.export_btn.mapToGlobal(self.export_btn.rect().bottomLeft()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.view.refit_on_resize = True  # the view refits whenever its own size changes
            self.view.fit_all()
        self.map.ensure_cards()  # at the scale of the fit (no-op once built)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "panel_strip"):
            self.panel_strip.fit_to_width(self.width())
