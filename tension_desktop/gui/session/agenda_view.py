"""The Agenda tab: the editor before the session, the presenter view while it runs.

It also owns the whiteboard window and decides where the current exercise is shown:
on the whiteboard when it is up (second screen, or whiteboard mode on one screen),
otherwise in the presenter's stage beside the coach's scripts.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from tension_desktop.model.agenda import AgendaPhase, retimed
from tension_desktop.model.validation import ValidationError
from tension_desktop.store import session as store
from tension_desktop.store.changes import Changes

from ..dialogs import TextDialog
from ..document import WorkshopDocument
from ..forms import open_form
from . import edits, screens
from .editor import AgendaEditor, PhaseDialog
from .host import ExerciseLender
from .presenter import PresenterView
from .run import SessionController
from .templates import TemplateShelf
from .whiteboard import WhiteboardWindow

KIND = "agenda_phases"


def template_shelf() -> TemplateShelf:
    """The coach's templates (tests replace this to keep their own QSettings)."""
    return TemplateShelf()


class AgendaTab(QWidget):
    """Agenda editor, Start session, run mode with presenter and whiteboard screens."""

    def __init__(self, doc: WorkshopDocument, clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("agendaTab")
        # a new workshop starts from the built-in 90-minute (or follow-up) template
        edits.ensure_agenda(doc)
        self.controller = SessionController(doc, clock=clock, parent=self)
        self.editor = AgendaEditor()
        self.presenter = PresenterView(self.controller)
        self.whiteboard = WhiteboardWindow(self.controller, parent=self)
        self.lender: ExerciseLender | None = None
        self._shown_key: str | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.presenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        e = self.editor
        e.addRequested.connect(self.add_phase)
        e.editRequested.connect(self.edit_phase)
        e.removeRequested.connect(self.remove_phase)
        e.moveRequested.connect(self.move_phase)
        e.retimeRequested.connect(self.retime_phase)
        e.templateRequested.connect(self.use_template)
        e.saveTemplateRequested.connect(self.save_template)
        e.startRequested.connect(self.start_session)
        e.clearTimesRequested.connect(self.clear_times)
        self.presenter.notesCommitted.connect(self.set_notes)
        self.presenter.endRequested.connect(self.end_session)
        self.presenter.whiteboardToggled.connect(self.set_whiteboard_visible)
        self.presenter.screenChosen.connect(self.choose_screen)
        self.whiteboard.coachRequested.connect(lambda: self.set_whiteboard_visible(False))
        self.controller.phaseChanged.connect(self._phase_changed)
        self.controller.stopped.connect(self._stopped)
        self.controller.ticked.connect(self._header_clock)
        self.controller.phaseChanged.connect(lambda _i: self._header_clock())
        doc.changed.connect(self._changed)
        doc.privateRoundChanged.connect(self._private_round_changed)
        self.refresh()

    def _private_round_changed(self) -> None:
        """A private round runs: progress on both screens, no agenda controls on the whiteboard."""
        active = self.doc.active_round()
        progress = active.progress(active.verb) if active is not None else ""
        self.whiteboard.set_private_round(progress, active is not None and active.in_turn)
        self.presenter.set_private_progress(progress)

    # -- reading ------------------------------------------------------------------------
    def phases(self) -> list[AgendaPhase]:
        return store.list_phases(self.doc.lib, self.doc.workshop_id)

    def refresh(self) -> None:
        self.editor.set_templates(template_shelf().names())
        self.editor.set_phases(self.phases())

    def _changed(self, changes: Changes) -> None:
        if changes.touches(KIND):
            self.editor.set_phases(self.phases())
            self.controller.refresh_phases()

    # -- editing (each an undo step) ----------------------------------------------------
    def _update(self, text: str, phase_id: int, **changes) -> bool:
        return edits.update_phase(self.doc, text, phase_id, **changes)

    def add_phase(self, position: int, phase: AgendaPhase | None = None) -> bool:
        """Add ``phase`` at ``position``; with no phase, open the phase form (``self.dialog``)
        and add what it holds once accepted (returns False: nothing added yet)."""
        if phase is None:
            dlg = PhaseDialog(self)
            open_form(self, dlg, lambda: self.add_phase(position, AgendaPhase(**dlg.values())))
            return False
        return edits.add_phase(self.doc, phase, position)

    def edit_phase(self, phase_id: int, values: dict | None = None) -> bool:
        if values is None:
            dlg = PhaseDialog(self, store.get_phase(self.doc.lib, phase_id))
            open_form(self, dlg, lambda: self.edit_phase(phase_id, dlg.values()))
            return False
        return self._update("Edit phase", phase_id, **values)

    def remove_phase(self, phase_id: int) -> bool:
        return edits.remove_phase(self.doc, phase_id)

    def move_phase(self, phase_id: int, new_position: int) -> bool:
        ok = edits.move_phase(self.doc, phase_id, new_position)
        self.editor.set_phases(self.phases(), select_id=phase_id)
        return ok

    def retime_phase(self, phase_id: int, delta: int) -> bool:
        new = retimed(store.get_phase(self.doc.lib, phase_id), delta)
        return self._update(f"Retime phase to {new.minutes} min", phase_id, minutes=new.minutes)

    def set_notes(self, phase_id: int, text: str) -> bool:
        return self._update("Edit phase notes", phase_id, notes=text)

    def clear_times(self) -> bool:
        """Forget the recorded phase times (one undo step)."""
        return edits.clear_times(self.doc)

    def use_template(self, name: str) -> bool:
        try:
            phases = template_shelf().phases(name)
        except (KeyError, ValidationError) as exc:
            self.doc.storeFailed.emit(str(exc))
            return False
        return edits.use_phases(self.doc, name, phases)

    def save_template(self, name: str | None = None) -> str | None:
        """Save the agenda as the coach's template ``name``; with no name, open the name form
        (``self.dialog``) and save once it is accepted (returns None then)."""
        if name is None:
            dlg = TextDialog("Save as my template", "Template name", self.doc.workshop.title, self,
                             field="template name")
            open_form(self, dlg, lambda: self.save_template(dlg.value()))
            return None
        try:
            display = template_shelf().save(name, self.phases())
        except ValidationError as exc:
            self.doc.storeFailed.emit(str(exc))
            return None
        self.editor.set_templates(template_shelf().names())
        self.editor.template_pick.setCurrentText(display)
        return display

    # -- run mode -----------------------------------------------------------------------
    def _workshop_view(self):
        w = self.parentWidget()
        while w is not None and not hasattr(w, "open_exercise"):
            w = w.parentWidget()
        return w

    @property
    def is_running(self) -> bool:
        return self.controller.running

    def start_session(self, index: int = 0) -> bool:
        """Start run mode at phase ``index``; puts the whiteboard on the second screen if any."""
        if self.controller.running:
            return True
        window = self.window()
        action = getattr(window, "act_whiteboard", None)
        if action is not None and action.isChecked():
            action.setChecked(False)  # F11 mode ends: the session's whiteboard window takes over
        view = self._workshop_view()
        self.lender = ExerciseLender(view) if view is not None else None
        if view is not None:
            view.tabs.setCurrentWidget(self)
        self.stack.setCurrentWidget(self.presenter)
        width = max(self.width(), 800)
        self.presenter.splitter.setSizes([int(width * 0.64), int(width * 0.36)])  # the exercise first
        self._fill_screens()
        board = screens.whiteboard_screen(self._laptop_screen())
        self.whiteboard.set_one_screen(board is None)
        if board is not None:
            self.whiteboard.show_on(board)
        if not self.controller.start(index):
            self.stack.setCurrentWidget(self.editor)
            self.whiteboard.hide()
            return False
        self._sync_buttons()
        return True

    def _laptop_screen(self):
        return self.window().screen() if self.window() is not None else None

    def _fill_screens(self) -> None:
        laptop = self._laptop_screen()
        laptop_name = screens.info(laptop).name if laptop else None
        others = [screens.info(s) for s in screens.screens() if screens.info(s).name != laptop_name]
        current = screens.pick_whiteboard([screens.info(s) for s in screens.screens()], laptop_name,
                                          screens.preferred_name())
        self.presenter.set_screens([(s.name, s.label()) for s in others], current)

    def choose_screen(self, name: str) -> None:
        """The coach picked which screen is the whiteboard."""
        screens.remember(name)
        if self.controller.running:
            self.whiteboard.set_one_screen(False)
            self.set_whiteboard_visible(True)

    def set_whiteboard_visible(self, on: bool) -> None:
        """Whiteboard up (fullscreen on its screen) or down (coach mode)."""
        if on and self.controller.running:
            board = screens.whiteboard_screen(self._laptop_screen())
            self.whiteboard.set_one_screen(board is None)
            self.whiteboard.show_on(board or self._laptop_screen())
        else:
            self.whiteboard.hide()
        self._sync_buttons()
        self._place_exercise()

    def _sync_buttons(self) -> None:
        """The presenter's Whiteboard button and View → Whiteboard mode say what is shown."""
        shown = self.whiteboard.isVisible()
        buttons = [self.presenter.whiteboard_btn]
        action = getattr(self.window(), "act_whiteboard", None)
        for b in [*buttons, action]:
            if b is not None and b.isChecked() != shown:
                b.blockSignals(True)
                b.setChecked(shown)
                b.blockSignals(False)

    def _phase_changed(self, _index: int) -> None:
        self._place_exercise()

    def _place_exercise(self) -> None:
        phase = self.controller.phase
        if phase is None or self.lender is None:
            return
        key = phase.exercise or None
        if self._shown_key and self._shown_key != key:
            self.presenter.stage.show_widget(None)
            self.whiteboard.stage.show_widget(None)
            self.lender.give_back(self._shown_key)
            self._shown_key = None
        widget = self.lender.borrow(key) if key else None
        self._shown_key = key if widget is not None else None
        on_board = self.whiteboard.isVisible()
        (self.presenter.stage if on_board else self.whiteboard.stage).show_widget(None)
        (self.whiteboard.stage if on_board else self.presenter.stage).show_widget(widget)
        # with the exercise on the whiteboard the laptop gives all its room to the scripts
        self.presenter.stage.setVisible(not on_board)

    def end_session(self) -> None:
        self.presenter.commit_notes()
        self.controller.stop()

    def _header_clock(self) -> None:
        """The phase and countdown in the workshop's header, seen from every tab."""
        view = self._workshop_view()
        clock = getattr(view, "session_clock", None)
        if clock is None:
            return
        c = self.controller
        fold = getattr(view, "header_fold", None)
        if not c.running:
            clock.hide()
        else:
            if not clock.property("boundToAgenda"):
                clock.setProperty("boundToAgenda", True)
                clock.clicked.connect(lambda: view.tabs.setCurrentWidget(self))
            state = " paused" if c.paused else (" over time" if c.over_time else "")
            clock.setText(f"{c.phase.title}  ·  {c.countdown_text()}{state}".replace("&", "&&"))
            clock.show()
        if fold is not None:
            fold.clock_changed()  # folded, the clock sits in the menu bar's corner

    def _stopped(self) -> None:
        self._header_clock()
        self.presenter.stage.show_widget(None)
        self.presenter.stage.setVisible(True)
        self.whiteboard.stage.show_widget(None)
        if self.lender is not None:
            self.lender.give_back_all()
        self._shown_key = None
        self.whiteboard.hide()
        self._sync_buttons()
        self.stack.setCurrentWidget(self.editor)
        self.refresh()
        view = self._workshop_view()
        if view is not None:  # the agenda now shows how long each phase really took
            view.tabs.setCurrentWidget(self)
            # exercises come back from the stage at another size: the map fits its view again
            tension_map = view.exercise_widgets.built().get("tension_map")
            if tension_map is not None and hasattr(tension_map, "view"):
                QTimer.singleShot(0, tension_map.view, tension_map.view.fit_all)
