"""Run mode driven through the real window: start, countdown, next, pause, +5, whiteboard."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from tension_desktop.store import session as store
from tests.gui.agenda_fixture import use_fixed_agenda
from tests.gui.shell import click, make_window


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def running(qtbot, demo_lib, tmp_path):
    use_fixed_agenda(demo_lib, demo_lib.demo_id)
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    agenda = view.exercise_widgets["session"]
    clock = FakeClock()
    agenda.controller.clock = clock
    view.open_exercise("session")
    yield window, view, agenda, clock
    if agenda.controller.running:
        agenda.end_session()


def _texts(widget: QWidget) -> str:
    parts = [w.text() for w in widget.findChildren(QLabel)]
    parts += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit)]
    return "\n".join(parts)


def test_start_session_counts_down_and_next_records_the_actual_minutes(qtbot, running):
    window, view, agenda, clock = running
    tabs_before = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    click(qtbot, agenda.editor.start_btn)
    assert agenda.controller.running
    presenter = agenda.presenter
    assert presenter.phase_title.text() == "Opening: frame and round"
    assert presenter.countdown.text() == "15:00"
    # the opening round is shown beside the scripts, out of its tab
    assert agenda.presenter.stage.widget is view.exercise_widgets["opening"]
    presenter.notes.setFocus()
    qtbot.waitUntil(presenter.notes.hasFocus)
    clock.now += 17 * 60
    agenda.controller.tick()
    assert presenter.notes.hasFocus()  # going over time never steals focus
    assert presenter.countdown.text().startswith("+02:00")
    assert "over time" in presenter.countdown.text()
    assert presenter.countdown.property("overtime") is True
    click(qtbot, presenter.next_btn)
    assert presenter.phase_title.text() == "Tension map"
    assert presenter.countdown.text() == "20:00"
    first = store.list_phases(window.lib, window.doc.workshop_id)[0]
    assert first.actual_seconds == 17 * 60
    click(qtbot, presenter.end_btn)
    assert not agenda.controller.running
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == tabs_before
    assert store.list_phases(window.lib, window.doc.workshop_id)[1].actual_seconds == 0


def test_pause_and_plus_five_minutes(qtbot, running):
    _window, _view, agenda, clock = running
    agenda.start_session()
    p = agenda.presenter
    clock.now += 60
    agenda.controller.tick()
    assert p.countdown.text() == "14:00"
    click(qtbot, p.pause_btn)
    assert p.pause_btn.text() == "Resume"
    clock.now += 600
    agenda.controller.tick()
    assert p.countdown.text().startswith("14:00") and "paused" in p.countdown.text()
    click(qtbot, p.pause_btn)
    click(qtbot, p.plus_btn)
    assert p.countdown.text() == "19:00"
    click(qtbot, p.minus_btn)
    click(qtbot, p.minus_btn)
    assert p.countdown.text() == "09:00"


def test_the_whiteboard_shows_title_and_countdown_but_never_presenter_notes(qtbot, running):
    window, view, agenda, clock = running
    agenda.start_session()
    p = agenda.presenter
    secret = "CFO is nervous about the Milan pilot, ask her last"
    p.notes.setFocus()
    qtbot.keyClicks(p.notes, secret)
    p.commit_notes()
    assert store.list_phases(window.lib, window.doc.workshop_id)[0].notes == secret
    click(qtbot, p.whiteboard_btn)
    board = agenda.whiteboard
    qtbot.waitExposed(board)
    qtbot.waitUntil(board.isFullScreen)
    assert board.isVisible()
    assert board.title.text() == "Opening: frame and round"
    assert board.countdown.text() == "15:00"
    # the exercise moved to the whiteboard; the scripts and notes did not
    assert board.stage.widget is view.exercise_widgets["opening"]
    shown = _texts(board)
    assert secret not in shown
    for prompt in agenda.controller.phase.prompts:
        assert prompt not in shown
    assert board.findChild(QPlainTextEdit, "presenterNotes") is None
    clock.now += 16 * 60
    agenda.controller.tick()
    assert board.state.text() == "OVER TIME"
    click(qtbot, board.next_btn)
    assert board.title.text() == "Tension map"
    click(qtbot, board.coach_btn)
    assert not board.isVisible()


def test_going_back_continues_the_phase_where_it_stopped(qtbot, running):
    window, _view, agenda, clock = running
    agenda.start_session()
    clock.now += 300
    agenda.controller.next()
    clock.now += 120
    click(qtbot, agenda.presenter.prev_btn)
    assert agenda.presenter.countdown.text() == "10:00"
    phases = store.list_phases(window.lib, window.doc.workshop_id)
    assert phases[0].actual_seconds == 300 and phases[1].actual_seconds == 120


def test_the_last_phase_finishes_the_session_and_returns_to_the_editor(qtbot, running):
    window, view, agenda, clock = running
    agenda.start_session(5)
    assert agenda.presenter.next_btn.text() == "Finish ✓"
    clock.now += 90
    click(qtbot, agenda.presenter.next_btn)
    assert not agenda.controller.running
    assert agenda.stack.currentWidget() is agenda.editor
    assert view.tabs.currentWidget() is agenda
    assert view.tabs.indexOf(view.exercise_widgets["closing"]) >= 0  # back in its tab
    assert "ran 2 min" in agenda.editor.total.text()


def test_start_session_from_the_view_menu(qtbot, running):
    window, _view, agenda, _clock = running
    window.act_start_session.trigger()
    assert agenda.controller.running


def test_a_running_phase_is_saved_every_half_minute_and_times_can_be_cleared(qtbot, running):
    window, _view, agenda, clock = running
    agenda.start_session()
    clock.now += 45
    agenda.controller.tick()  # the app could crash now: 45 s are already on disk
    assert store.list_phases(window.lib, window.doc.workshop_id)[0].actual_seconds == 45
    clock.now += 15
    agenda.end_session()
    assert store.list_phases(window.lib, window.doc.workshop_id)[0].actual_seconds == 60
    editor = agenda.editor
    click(qtbot, editor.clear_times_btn)
    assert all(p.actual_seconds is None for p in store.list_phases(window.lib, window.doc.workshop_id))
    assert not editor.clear_times_btn.isVisible()
    window.doc.undo_stack.undo()
    assert store.list_phases(window.lib, window.doc.workshop_id)[0].actual_seconds == 60
