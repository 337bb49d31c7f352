"""The session never loses its place: tabs stay (the running one marked), the countdown is
seen from every tab, the whiteboard buttons say what is shown, the map fits after the end."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from tests.gui.agenda_fixture import use_fixed_agenda
from tests.gui.shell import click, make_window, show_header
from tests.gui.test_session_run import FakeClock


def _start(qtbot, demo_lib, tmp_path):
    use_fixed_agenda(demo_lib, demo_lib.demo_id)
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    agenda = view.exercise_widgets["session"]
    clock = FakeClock()
    agenda.controller.clock = clock
    view.open_exercise("session")
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    click(qtbot, agenda.editor.start_btn)
    assert agenda.controller.running
    return window, view, agenda, clock, titles


def _tab_button(view, text: str, qtbot=None):
    if qtbot is not None:
        show_header(qtbot, view)  # a short window folds the tabs into the strip: tap it first
    bar = view.tabs.tabBar()
    return next(b for b in bar.buttons if b.text().replace("&&", "&").endswith(text))


def test_tabs_stay_the_running_one_is_marked_and_the_countdown_is_seen_from_every_tab(qtbot, demo_lib, tmp_path):
    window, view, agenda, clock, titles = _start(qtbot, demo_lib, tmp_path)
    click(qtbot, agenda.presenter.next_btn)  # the tension map phase
    assert view.tabs.count() == len(titles), "no tab vanishes while a phase runs"
    index = titles.index("Tension map")
    assert view.tabs.tabText(index) == "▶ Tension map" and view.tabs.tabBar().tabData(index) == "running"
    assert _tab_button(view, "Tension map").property("running") is True
    # a finger taps another tab: the countdown is still there, in the header
    click(qtbot, _tab_button(view, "Covenant", qtbot))
    assert view.tabs.currentWidget() is view.exercise_widgets["covenant"]
    clock.now += 60
    agenda.controller.tick()
    assert view.session_clock.isVisible() and "19:00" in view.session_clock.text()
    assert "Tension map" in view.session_clock.text()
    # the running exercise's tab says where it is and leads to the coach view
    click(qtbot, _tab_button(view, "Tension map"))
    away = view.tabs.currentWidget()
    click(qtbot, away.findChild(type(agenda.presenter.next_btn), "goToCoachView"))
    assert view.tabs.currentWidget() is agenda
    click(qtbot, agenda.presenter.end_btn)
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == titles
    assert not view.session_clock.isVisible()
    assert view.tabs.indexOf(view.exercise_widgets["tension_map"]) == index


def test_whiteboard_buttons_always_say_what_is_shown_and_the_map_fits_after_the_end(qtbot, demo_lib, tmp_path):
    window, view, agenda, clock, titles = _start(qtbot, demo_lib, tmp_path)
    click(qtbot, agenda.presenter.next_btn)  # the tension map phase
    click(qtbot, agenda.presenter.whiteboard_btn)
    assert agenda.whiteboard.isVisible()
    assert agenda.presenter.whiteboard_btn.isChecked() and window.act_whiteboard.isChecked()
    click(qtbot, agenda.whiteboard.coach_btn)  # back to the coach view from the panel
    assert not agenda.whiteboard.isVisible()
    assert not agenda.presenter.whiteboard_btn.isChecked() and not window.act_whiteboard.isChecked()
    window.act_whiteboard.trigger()  # F11 during the session: the whiteboard again
    assert agenda.whiteboard.isVisible() and agenda.presenter.whiteboard_btn.isChecked()
    click(qtbot, agenda.whiteboard.next_btn)  # leave the map phase on the whiteboard, then end
    click(qtbot, agenda.presenter.end_btn)
    assert not agenda.whiteboard.isVisible() and not window.act_whiteboard.isChecked()
    assert not agenda.presenter.whiteboard_btn.isChecked()
    map_widget = view.exercise_widgets["tension_map"]
    view.tabs.setCurrentWidget(map_widget)
    qtbot.wait(20)
    mv = map_widget.view
    shown = QRectF(mv.mapFromScene(mv.whole_map_rect()).boundingRect())  # the map and its axis names
    room = QRectF(mv.viewport().rect()).adjusted(-2, -2, 2, 2)
    assert room.contains(shown), f"the map {shown} does not fit its view {room}"
    assert shown.width() > room.width() * 0.4 or shown.height() > room.height() * 0.6, "fitted, not tiny"


def test_whiteboard_mode_shows_the_tab_you_are_on(qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    click(qtbot, _tab_button(view, "Pre-mortem", qtbot))
    premortem = view.tabs.currentWidget()
    window.act_whiteboard.trigger()  # F11
    qtbot.wait(10)
    button = _tab_button(view, "Pre-mortem")
    assert view.tabs.currentWidget() is premortem and button.isChecked()
    assert button.isVisible() and not button.visibleRegion().isEmpty(), "its tab is on screen, marked"
    window.act_whiteboard.trigger()
    assert not window.isFullScreen() and view.tabs.currentWidget() is premortem


def test_on_a_folded_header_the_clock_rides_in_the_strip_and_its_corner_grows_with_the_caption(
        qtbot, demo_lib, tmp_path):
    window, view, agenda, clock, _titles = _start(qtbot, demo_lib, tmp_path)
    window.resize(1366, 768)
    fold = view.header_fold
    qtbot.waitUntil(lambda: fold.folded)
    assert view.session_clock.parentWidget() is fold.corner and view.session_clock.isVisible()
    agenda.controller.toggle_pause()  # the caption grows: "... paused"
    assert "paused" in view.session_clock.text()
    assert fold.corner.width() >= view.session_clock.sizeHint().width() + fold.strip.sizeHint().width()
    assert view.session_clock.width() >= view.session_clock.sizeHint().width(), "the caption is not cut"
    agenda.end_session()
    assert not view.session_clock.isVisible()
