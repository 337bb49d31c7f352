"""Private rounds on one shared screen: the one component every private exercise uses.

The tension map, the board, the pre-mortem dot vote, the pulse check (and every private
exercise added later) build one :class:`PrivateRound` and get, the same way:

* the :class:`TurnController`: the round's state in the workshop's settings (key
  ``turns:<exercise>``, so a crash mid-round resumes at the same person); every explicit
  step (start, start of a turn, pass on, skip, stop) closes the undo scope: the
  document's undo stack is cleared, so the next person can neither undo nor read the
  text of anything the previous one did;
* the :class:`HandOverOverlay`: opaque, full-cover "Pass to: COO" screen between turns;
* the :class:`TurnBar`: who is on, "Turn 3 of 7", and the one control that finishes a
  turn; before passing on it says what is still open ("3 initiatives not placed yet");
* the per-turn view reset: open dialogs and menus closed, selections cleared, scroll
  positions back to the start, then the exercise's own ``reset_view`` (tray page, zoom,
  filters, "Placing as");
* the lock: the document publishes which round runs (``privateRoundChanged``); the
  workshop window disables other tabs and exports, the whiteboard hides the agenda
  controls, the coach's laptop shows progress only ("3 of 7 done, Priya is placing");
* one stored reveal (:class:`RevealCommand`, through :mod:`tension_desktop.store.rounds`),
  undoable in one step. Rounds are kept as history, numbered, never merged.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.colours import text_colour_on
from tension_desktop.model.turns import TurnRound
from tension_desktop.store import people, rounds, workshops
from tension_desktop.store.changes import Changes

from .canvas import TouchCanvasView
from .document import EditCommand, EditFailed, WorkshopDocument
from .plain import button_text
from .theme import for_screen
from .widgets import big_button


class TurnController(QObject):
    """Starts, advances and ends a private round of one exercise; owns the undo scope."""

    changed = Signal()
    #: a participant's turn begins (their view starts fresh)
    turnStarted = Signal(int)

    def __init__(self, doc: WorkshopDocument, exercise: str, parent: QObject | None = None,
                 scope: Callable[[], int | None] | None = None) -> None:
        super().__init__(parent or doc)
        self.doc = doc
        self.exercise = exercise
        self.key = f"turns:{exercise}"
        self.scope = scope or (lambda: None)
        self.verb = "placing"
        data = workshops.get_setting(doc.lib, doc.workshop_id, self.key)
        self.round: TurnRound | None = TurnRound.from_dict(data) if data else None
        doc.register_round(self)

    @property
    def active(self) -> bool:
        """A private round is running (hand-over, turn, or finished but not yet revealed)."""
        return self.round is not None

    @property
    def in_turn(self) -> bool:
        return self.round is not None and self.round.phase == "turn"

    def _fence(self) -> None:
        """Close the undo scope: nothing before this point can be undone or named."""
        self.doc.undo_stack.clear()

    def _save(self) -> None:
        value = self.round.to_dict() if self.round else None
        self.doc.call(workshops.set_setting, self.doc.workshop_id, self.key, value, quiet=True)
        self.changed.emit()
        self.doc.privateRoundChanged.emit()

    def start(self, participant_ids: list[int] | None = None) -> None:
        """A new round (numbered, kept as history): every input of the last one leaves the
        live view, and the first participant is handed the screen."""
        ids = participant_ids if participant_ids is not None else [p.id for p in self.doc.participants()]
        self._fence()
        try:
            self.doc.call(rounds.start_round, self.doc.workshop_id, self.exercise, self.scope(), ids)
        except EditFailed:
            return
        self.round = TurnRound.start(self.exercise, ids)
        self._save()

    def begin_turn(self) -> None:
        if self.round and self.round.phase == "handover":
            self._fence()
            self.round = self.round.begin_turn()
            self._save()
            self.turnStarted.emit(self.round.current)

    def end_turn(self) -> None:
        """The person on turn is done (or, during a hand-over, is skipped)."""
        if self.round and not self.round.finished:
            status = "done" if self.round.phase == "turn" else "skipped"
            self._fence()
            self.doc.call(rounds.mark_turn, self.doc.workshop_id, self.exercise, self.scope(),
                          self.round.current, status, quiet=True)
            self.round = self.round.end_turn()
            self._save()

    skip = end_turn

    def reload(self) -> None:
        """Re-read the round from the settings (after an undo changed them) and tell the views."""
        data = workshops.get_setting(self.doc.lib, self.doc.workshop_id, self.key)
        self.round = TurnRound.from_dict(data) if data else None
        self.changed.emit()
        self.doc.privateRoundChanged.emit()

    def phone_joined(self, participant_id: int) -> None:
        """A phone claimed this participant (the room link): the shared screen's hand-over
        passes them by from now on."""
        if self.round is not None:
            joined = self.round.with_phone(participant_id)
            if joined != self.round:
                self.round = joined
                self._save()

    def phone_done(self, participant_id: int, done: bool = True) -> None:
        """The participant says on their phone that they are done (or not any more)."""
        if self.round is None or participant_id not in self.round.order:
            return
        self.doc.call(rounds.mark_turn, self.doc.workshop_id, self.exercise, self.scope(), participant_id,
                      "done" if done else "waiting")
        self.round = self.round.with_phone(participant_id).phone_done(participant_id, done)
        self._save()

    def stop(self) -> None:
        """End the private round early: the inputs stay hidden until a reveal."""
        self._fence()
        self.round = None
        self._save()

    def may_see(self, owner_id: int | None) -> bool:
        return True if self.round is None else self.round.may_see(owner_id)

    @property
    def current(self) -> int | None:
        return self.round.current if self.round else None

    def progress(self, verb: str = "placing") -> str:
        """What the coach's laptop may show: progress, never content."""
        r = self.round
        if r is None:
            return ""
        done = r.done_count
        if r.finished:
            if r.waiting_for_phones:
                return f"Private round: {done} of {len(r.order)} done, {r.waiting_for_phones} still on their phones"
            return f"Private round: {done} of {len(r.order)} done, waiting for the reveal"
        person = people.get_participant(self.doc.lib, r.current)
        doing = verb if r.phase == "turn" else "being handed the screen"
        return f"Private round: {done} of {len(r.order)} done, {person.name} is {doing}"


class RevealCommand(EditCommand):
    """Every hidden input of the round becomes visible and the round is stored as revealed
    history, in one transaction and one undo step (undo puts the round back, hidden)."""

    def __init__(self, private: PrivateRound) -> None:
        super().__init__(private.reveal_text)
        self.private = private
        self.record: rounds.RevealRecord | None = None

    def apply(self) -> None:
        c = self.private.controller
        self.record = c.doc.call(rounds.reveal, c.doc.workshop_id, c.exercise, c.scope(), c.key, quiet=True)
        self._after()

    def revert(self) -> None:
        c = self.private.controller
        c.doc.call(rounds.unreveal, c.doc.workshop_id, self.record, quiet=True)
        self._after()

    def _after(self) -> None:
        self.private.controller.reload()
        self.private.doc.notify(Changes.of(self.private.kind, rounds.KIND))


class HandOverOverlay(QWidget):
    """Full-cover, opaque hand-over screen: "Pass to: COO" and a big start button.

    Installed on the exercise widget; it follows its size. Shows itself whenever the
    controller's round is in the hand-over or finished phase.
    """

    def __init__(self, controller: TurnController, host: QWidget, *, action: str = "placing") -> None:
        super().__init__(host)
        self.controller = controller
        self.action = action
        self.setObjectName("handOverOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel()
        self.title.setObjectName("handOverTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.start_btn = big_button("", primary=True, name="startTurn")
        self.start_btn.setMinimumHeight(96)
        self.skip_btn = big_button("Skip this person", name="skipTurn")
        self.stop_btn = big_button("End private round", name="endPrivateRound")
        self.room_btn = big_button("Phones: open the room", name="roomButton")
        self.room_btn.hide()  # shown by exercises the phone page serves (PrivateRound(room=True))
        self.skip_btn.clicked.connect(controller.skip)
        self.stop_btn.clicked.connect(controller.stop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.room_btn)
        buttons.addWidget(self.skip_btn)
        buttons.addWidget(self.stop_btn)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addSpacing(24)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_btn, 2)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(3)
        self._colour = QColor("#1f2933")
        host.installEventFilter(self)
        controller.changed.connect(self.refresh)
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self._colour)

    def refresh(self) -> None:
        r = self.controller.round
        if r is None or r.phase == "turn":
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        if r.finished:
            self._colour = QColor("#1f2933")
            fg = "#ffffff"
            if r.waiting_for_phones:  # the room link: progress only, never content
                self.title.setText(f"{r.done_count} of {len(r.order)} done")
                self.detail.setText(f"{r.waiting_for_phones} still answering on their phones. Nothing is shown "
                                    "yet. Reveal everyone's choices together when the room is ready.")
            else:
                self.title.setText("Everyone has had their turn")
                self.detail.setText("Nothing is shown yet. Reveal everyone's choices together when the room is ready.")
            self.start_btn.setText("Reveal to everyone")
            self.skip_btn.hide()
        else:
            person = people.get_participant(self.controller.doc.lib, r.current)
            self._colour = QColor(person.colour)
            fg = text_colour_on(person.colour)
            self.title.setText(f"Pass to: {person.label}")
            step = f"Turn {r.index + 1} of {len(r.order)}."
            if r.phones:  # the room link: how far the phones are, never what they chose
                step += f" On phones: {len(r.phones_done)} of {len(r.phones)} done."
            self.detail.setText(f"{step} Everyone else's {self.action} stays hidden. "
                                f"{person.name}, tap the button when you have the screen.")
            self.start_btn.setText(button_text(f"I am {person.name}: start my turn"))
            self.skip_btn.show()
        style = f"color: {fg};"
        # sizes grow with the screen like the theme's (a 4K panel at 100 %: for_screen)
        self.title.setStyleSheet(for_screen(style + "font-size: 34pt; font-weight: 700;"))
        self.detail.setStyleSheet(for_screen(style + "font-size: 16pt;"))
        # inverse colours: the big button never blends into the person's colour behind it
        self.start_btn.setStyleSheet(for_screen(
            f"QPushButton {{ background: {fg}; color: {self._colour.name()}; font-size: 18pt;"
            f"font-weight: 700; border-radius: 8px; border: 2px solid {fg}; }}"
            f"QPushButton:focus {{ border: 6px double {self._colour.name()}; }}"))
        self.show()
        self.raise_()
        # the keyboard lands on the hand-over's button: Space starts the turn (or the reveal)
        self.start_btn.setFocus(Qt.FocusReason.OtherFocusReason)
        self.update()  # the background colour changed with the person: repaint all of it


class TurnBar(QWidget):
    """The bar shown during a turn: whose turn, which of how many, and the one Done control."""

    def __init__(self, controller: TurnController, *, verb: str = "placing", hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.verb = verb
        self.hint = hint
        self.setObjectName("turnBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setObjectName("turnBarText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.done_btn = big_button("Done: pass the screen on ▶", primary=True, name="endTurn")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.done_btn)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        r = self.controller.round
        if r is None or r.phase != "turn":
            self.hide()
            return
        person = people.get_participant(self.controller.doc.lib, r.current)
        fg = text_colour_on(person.colour)
        # inverse colours: the one Done control never blends into the person's colour behind it
        self.setStyleSheet(for_screen(
            f"QWidget#turnBar {{ background: {person.colour}; border-radius: 8px; }}"
            f"QLabel#turnBarText {{ color: {fg}; font-size: 14pt; font-weight: 600; }}"
            f"QPushButton#endTurn {{ background: {fg}; color: {person.colour}; font-size: 14pt;"
            f"font-weight: 700; border-radius: 8px; border: 2px solid {fg}; padding: 4px 16px; }}"
            # the keyboard on Done shows: a ring in the person's colour, inside the button
            f"QPushButton#endTurn:focus {{ border: 4px double {person.colour}; padding: 2px 14px; }}"))
        self.label.setText(f"Turn {r.index + 1} of {len(r.order)}: {person.label} is {self.verb}. {self.hint}".strip())
        last = r.index + 1 >= len(r.order)
        self.done_btn.setText("Done: finish the round ▶" if last else "Done: pass the screen on ▶")
        self.show()


class RoundNote(QLabel):
    """One line under an exercise's toolbar once a private round was revealed: which round
    the screen shows and who was skipped ("Shows round 2 (private, revealed) of 2; skipped:
    Bo Berg."). Hidden during a round and for exercises that never ran one."""

    def __init__(self, controller: TurnController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("roundNote")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(for_screen("color: #486581; font-size: 12pt;"))
        self.hide()
        controller.changed.connect(self.refresh)
        controller.doc.changed.connect(lambda changes: changes.touches(rounds.KIND, "private_round_turns",
                                                                       "participants") and self.refresh())
        # the exercise calls refresh() once it knows its scope (end of its constructor)

    def refresh(self) -> None:
        c = self.controller
        note = "" if c.active else rounds.shown_note(c.doc.lib, c.doc.workshop_id, c.exercise, c.scope())
        self.setText(note)
        self.setVisible(bool(note) and self.parentWidget() is not None and self.parentWidget().layout() is not None
                        and self.parentWidget().layout().indexOf(self) >= 0)


def reset_common_view(host: QWidget) -> None:
    """What every exercise's view resets between two people: open dialogs and menus close,
    selections clear, scroll positions go back to the start."""
    window = host.window()
    for dlg in {*host.findChildren(QDialog), *window.findChildren(QDialog)}:
        if dlg.isVisible() and not dlg.isAncestorOf(host):
            dlg.reject()
    for menu in {*host.findChildren(QMenu), *window.findChildren(QMenu)}:
        if menu.isVisible():
            menu.close()
    for area in host.findChildren(QAbstractScrollArea):
        for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
            bar.setValue(bar.minimum())
    for view in host.findChildren(QGraphicsView):  # after the scrolling: a canvas may fit itself
        if view.scene() is not None:
            view.scene().clearSelection()
        if isinstance(view, TouchCanvasView):  # the zoom (and fit) the canvas opens with
            view.resetTransform()
            view.apply_whiteboard_scale(1.0, view.whiteboard_scale)


class PrivateRound(QObject):
    """The private-round component of one exercise screen: controller, overlay, bar,
    per-turn reset, the warning before passing on, and the reveal.

    ``remaining(pid)`` says what that person has not done yet ("3 initiatives not placed
    yet"), or "" when nothing is open; ``reset_view()`` resets what only the exercise
    knows (tray page, zoom, filters, the "Placing as" chip); ``kind`` is the table whose change
    the exercise redraws on.
    """

    def __init__(self, doc: WorkshopDocument, exercise: str, host: QWidget, *, kind: str,
                 action: str = "placing", verb: str = "placing", hint: str = "",
                 reveal_text: str = "Reveal", remaining: Callable[[int], str] | None = None,
                 reset_view: Callable[[], None] | None = None, scope: Callable[[], int | None] | None = None,
                 room: bool = False, phone_command: Callable[..., EditCommand] | None = None,
                 work: QWidget | None = None) -> None:
        super().__init__(host)
        self.doc = doc
        self.host = host
        #: where a turn's work is: its first control takes the keyboard when a turn starts
        #: (the host, unless the host holds several rounds, as the constraint diagnosis does)
        self.work = work or host
        self.kind = kind
        self.reveal_text = reveal_text
        self.remaining = remaining or (lambda _pid: "")
        self.reset_view = reset_view or (lambda: None)
        self.controller = TurnController(doc, exercise, self, scope=scope)
        self.controller.verb = verb
        self.overlay = HandOverOverlay(self.controller, host, action=action)
        self.bar = TurnBar(self.controller, verb=verb, hint=hint, parent=host)
        #: "Shows round 2 ...; skipped: ..." for an exercise's layout (it may show it elsewhere)
        self.note = RoundNote(self.controller, host)
        self.confirm: QMessageBox | None = None
        self.overlay.start_btn.clicked.connect(self._overlay_start)
        self.bar.done_btn.clicked.connect(self.finish_turn)
        self.controller.turnStarted.connect(self._fresh_view)
        self.controller.changed.connect(self._round_changed)
        #: the room link (gui/room.py, see :attr:`room`): made when first used, so opening an
        #: exercise does not load the web server and QR code (aiohttp, segno) with it
        self._room = None
        self._serves_room = room
        self.room_window = None
        #: ``phone_command(doc, text, change)``: a phone's drop or sort as the canvas's own undo command
        self.phone_command = phone_command
        if room:
            self.overlay.room_btn.show()
            self.overlay.room_btn.clicked.connect(self.show_room)

        #: the exercise's own Start and Reveal buttons: Ctrl+Shift+P and Ctrl+Shift+R press them
        #: (only while they are shown and enabled, so a key never does what the screen forbids)
        self._start_button: QPushButton | None = None
        self._reveal_button: QPushButton | None = None
        self.done_button = self.bar.done_btn  # Ctrl+Enter ends the turn (a QShortcut: the
        # button's own shortcut would be reset by each setText)
        self._keys: list[tuple[str, QShortcut]] = []
        for keys, which in (("Ctrl+Shift+P", "start_button"), ("Ctrl+Shift+R", "reveal_button"),
                            ("Ctrl+Return", "done_button"), ("Ctrl+Enter", "done_button")):
            shortcut = QShortcut(QKeySequence(keys), host, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda w=which: self._press(getattr(self, w)))
            self._keys.append((which, shortcut))
        self.bar.done_btn.setToolTip("Ctrl+Enter")
        self.controller.changed.connect(self._sync_keys)
        self._sync_keys()

    @property
    def start_button(self) -> QPushButton | None:
        return self._start_button

    @start_button.setter
    def start_button(self, button: QPushButton | None) -> None:
        self._start_button = button
        self._sync_keys()

    @property
    def reveal_button(self) -> QPushButton | None:
        return self._reveal_button

    @reveal_button.setter
    def reveal_button(self, button: QPushButton | None) -> None:
        self._reveal_button = button
        self._sync_keys()

    def _sync_keys(self) -> None:
        """A key is live only while it can do something: Ctrl+Enter during this round's turn,
        Ctrl+Shift+P/R once the exercise named its buttons. Several rounds on one screen (the
        constraint diagnosis's three steps) then never make a key ambiguous (Qt would run none)."""
        for which, shortcut in self._keys:
            live = self.controller.in_turn if which == "done_button" else getattr(self, which) is not None
            shortcut.setEnabled(live)

    @property
    def room(self):
        """The room link's controller (participants answer this round on their own phones),
        made on first use; None for an exercise the phone page does not serve."""
        if self._room is None and self._serves_room:
            from .room import RoomController

            self._room = RoomController(self)
        return self._room

    def show_room(self):
        """The room window: open the room, its QR code, who joined, progress only."""
        from .room import RoomWindow

        if self.room_window is None:
            self.room_window = RoomWindow(self.room, self.host.window())
        self.room_window.show()
        self.room_window.raise_()
        return self.room_window

    @staticmethod
    def _press(button: QPushButton | None) -> None:
        if button is not None and button.isVisible() and button.isEnabled():
            button.click()

    def focus_work(self) -> None:
        """Put the keyboard on the exercise's canvas (its first card), else on the first control
        of the turn's work in Tab order (never the turn bar's Done control)."""
        from .canvas import TouchCanvasView

        canvas = next((c for c in self.host.findChildren(TouchCanvasView) if c.isVisible()), None)
        if canvas is not None:
            canvas.set_focused_item(None)  # each person starts at the first card
            canvas.setFocus(Qt.FocusReason.TabFocusReason)
            return
        first = self.first_control()
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def first_control(self) -> QWidget | None:
        """The first control of the turn's work that Tab can reach, in Tab order."""
        w = self.work
        while (w := w.nextInFocusChain()) is not self.work:
            if (self.work.isAncestorOf(w) and w.isVisible() and w.isEnabled()
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not any(part is w or part.isAncestorOf(w) for part in (self.bar, self.overlay))):
                return w
        return None

    def _round_changed(self) -> None:
        if self.controller.active and not self.controller.in_turn:
            reset_common_view(self.host)  # the hand-over: the last person's dialogs close now

    def _overlay_start(self) -> None:
        r = self.controller.round
        if r is None:
            return
        if r.finished:
            self.reveal()
        else:
            self.controller.begin_turn()
            self.focus_work()

    def _fresh_view(self, _pid: int) -> None:
        reset_common_view(self.host)
        self.reset_view()

    def finish_turn(self) -> None:
        """The Done control: pass on, after saying what is still open, if anything."""
        r = self.controller.round
        if r is None or r.phase != "turn":
            return
        left = self.remaining(r.current)
        if not left:
            self.controller.end_turn()
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Before you pass the screen on",
                          f"{left}: finish them, or pass on anyway.", QMessageBox.StandardButton.NoButton,
                          self.host)
        box.setObjectName("passOnAnyway")
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_btn = box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
        self.pass_btn = box.addButton("Pass on anyway", QMessageBox.ButtonRole.AcceptRole)
        for b in (self.keep_btn, self.pass_btn):
            b.setMinimumSize(160, 56)
        box.setDefaultButton(self.keep_btn)
        self.confirm = box

        def answered(_result: int) -> None:
            passed = box.clickedButton() is self.pass_btn
            self.confirm = None
            box.deleteLater()
            if passed:
                self.controller.end_turn()

        box.finished.connect(answered)
        box.open()

    def start(self, participant_ids: list[int] | None = None) -> None:
        self.controller.start(participant_ids)

    def reveal(self) -> bool:
        """Show the round's inputs to the room (one undo step)."""
        return self.doc.push(RevealCommand(self))
