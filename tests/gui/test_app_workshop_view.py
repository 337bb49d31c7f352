"""The workshop view builds an exercise screen only when it is first needed (fast opening)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.shell import click, make_window


def _open(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, w.home.open_btn)
    return w, w.workshop_view


def test_opening_a_workshop_builds_only_the_roster(qtbot, demo_lib, tmp_path):
    _w, view = _open(qtbot, demo_lib, tmp_path)
    assert view.tabs.currentWidget() is view.roster
    assert view.exercise_widgets.built() == {}
    assert view.tabs.count() == 1 + len(view.exercise_widgets)


def test_tapping_a_tab_builds_that_exercise_in_place(qtbot, demo_lib, tmp_path):
    _w, view = _open(qtbot, demo_lib, tmp_path)
    if view.tabs.count() < 2:
        return  # no exercise registered in this build
    bar = view.tabs.tabBar()
    title = bar.tabText(1)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    built = view.exercise_widgets.built()
    assert len(built) == 1
    (key, widget), = built.items()
    assert view.tabs.currentWidget() is widget, "the built screen is the one showing"
    assert view.tabs.indexOf(widget) == 1 and view.tabs.tabText(1) == title
    assert view.exercise_widgets[key] is widget, "built once, then reused"


def test_open_exercise_and_the_mapping_build_on_demand_and_keep_tab_order(qtbot, demo_lib, tmp_path):
    _w, view = _open(qtbot, demo_lib, tmp_path)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    keys = list(view.exercise_widgets)
    for key in keys:
        widget = view.exercise_widgets.get(key)  # what the session's ExerciseLender calls
        assert widget is not None and view.tabs.indexOf(widget) >= 1
    assert view.tabs.currentWidget() is view.roster, "building in the background does not switch tabs"
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == titles
    if keys:
        assert view.open_exercise(keys[-1])
        assert view.tabs.currentWidget() is view.exercise_widgets[keys[-1]]
    assert not view.open_exercise("no-such-exercise")
