"""Coach view on a short window: the header and the tab rows fold into one strip, so the map
gets at least half of a 1366x768 window; one tap (or F9) brings them back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.gui.tension_map.probe import map_report, map_share
from tension_desktop.store import tension_map as store
from tests.gui.shell import click, make_window


def _map_tab(qtbot, demo_lib, tmp_path, size):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(*size)
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    mapw = view.exercise_widgets["tension_map"]
    view.tabs.setCurrentWidget(mapw)
    qtbot.waitUntil(lambda: mapw.view.isVisible() and bool(mapw.map.cards))
    qtbot.wait(50)
    return window, view, mapw


def test_at_1366x768_the_map_gets_half_the_window_and_one_tap_brings_the_header_back(qtbot, demo_lib, tmp_path):
    window, view, mapw = _map_tab(qtbot, demo_lib, tmp_path, (1366, 768))
    fold = view.header_fold
    assert (window.width(), window.height()) == (1366, 768)
    assert fold.folded and fold.strip.isVisible(), "a short window starts with the header folded"
    assert not view.home_btn.isVisible() and not view.tabs.tabBar().isVisible()
    assert "Tension map" in fold.strip.text() and "Innovation vs reliability offsite" in fold.strip.text()
    share = map_share(mapw)
    assert share >= 0.5, map_report(mapw)
    # every initiative is in the tray: none hides behind a page
    assert mapw.view.tray_panel.pages == 1
    assert all(chip.isVisible() for chip in mapw.view.tray_chips)
    # the strip costs no height of its own: it sits in the menu bar's corner
    assert window.menuBar().cornerWidget(Qt.Corner.TopRightCorner) is fold.corner
    assert window.menuBar().height() <= 40

    click(qtbot, fold.strip)  # one tap: the header and the tabs are back
    assert not fold.folded and view.home_btn.isVisible() and view.tabs.tabBar().isVisible()
    assert not fold.strip.isVisible() and view.header_fold.fold_btn.isVisible()
    qtbot.wait(20)
    assert map_share(mapw) < share, "the map gave the header its room back"

    click(qtbot, fold.fold_btn)  # and one tap folds them again
    assert fold.folded and not view.home_btn.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F9)  # the keyboard way
    assert not fold.folded and view.home_btn.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert fold.folded
    qtbot.wait(20)
    assert map_share(mapw) >= 0.5, map_report(mapw)


def test_the_coach_s_choice_holds_across_resizes_and_a_tall_window_unfolds(qtbot, demo_lib, tmp_path):
    window, view, _mapw = _map_tab(qtbot, demo_lib, tmp_path, (1366, 768))
    fold = view.header_fold
    click(qtbot, fold.strip)
    window.resize(1280, 720)
    qtbot.wait(10)
    assert not fold.folded, "the coach opened the header: a resize does not fold it again"
    window.resize(1920, 1080)
    qtbot.wait(10)
    assert not fold.folded and not fold.fold_btn.isVisible()
    window.resize(1366, 768)
    qtbot.wait(10)
    assert fold.folded, "a tall window forgot the choice: short again, folded again"


@pytest.mark.parametrize("size", [(1920, 1080), (2560, 1440)])
def test_a_tall_window_keeps_its_header_and_tabs(qtbot, demo_lib, tmp_path, size):
    window, view, mapw = _map_tab(qtbot, demo_lib, tmp_path, size)
    assert not view.header_fold.folded and view.home_btn.isVisible() and view.tabs.tabBar().isVisible()
    assert not view.header_fold.corner.isVisible()
    assert map_share(mapw) >= 0.3, map_report(mapw)


def test_a_drop_on_the_bigger_map_still_lands_where_the_finger_lets_go(qtbot, demo_lib, tmp_path):
    """The folded header moved the map up: a drag from the tray is stored at the point of release."""
    window, view, mapw = _map_tab(qtbot, demo_lib, tmp_path, (1366, 768))
    assert view.header_fold.folded
    wid = demo_lib.demo_id
    mapw.chip.set_participant(next(p.id for p in view.doc.participants()))
    chip = next(c for c in mapw.view.tray_chips if c.isVisible())
    pid = mapw.chip.participant_id
    before = store.get_placement(demo_lib, wid, chip.initiative_id, pid, "revealed")
    vp = mapw.view.viewport()
    start = mapw.view.mapFromScene(chip.scenePos()) + chip.boundingRect().center().toPoint()
    from tension_desktop.gui.tension_map.items import to_scene

    target = mapw.view.mapFromScene(to_scene(0.8, 0.2))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 11):
        qtbot.mouseMove(vp, start + (target - start) * k / 10)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    after = store.get_placement(demo_lib, wid, chip.initiative_id, pid, "revealed")
    assert after is not None and after != before
    assert abs(after.x - 0.8) < 0.02 and abs(after.y - 0.2) < 0.02


def test_going_home_takes_the_strip_away_and_a_reopened_workshop_brings_its_own(qtbot, demo_lib, tmp_path):
    window, view, _mapw = _map_tab(qtbot, demo_lib, tmp_path, (1366, 768))
    assert view.header_fold.corner.isVisible()
    window.show_home()
    qtbot.wait(20)
    corner = window.menuBar().cornerWidget(Qt.Corner.TopRightCorner)
    assert corner is None or not corner.isVisible(), "the home screen shows no workshop strip"
    window.open_workshop(demo_lib.demo_id)
    qtbot.wait(20)
    fold = window.workshop_view.header_fold
    assert fold.folded and fold.corner.isVisible()
    assert window.menuBar().cornerWidget(Qt.Corner.TopRightCorner) is fold.corner


def test_the_whiteboard_s_large_type_folds_the_header_on_a_tall_window_and_the_coach_s_view_unfolds(
        qtbot, demo_lib, tmp_path):
    """On the whiteboard the header and two tab rows took about a third of a 1080p panel (and
    of a 4K one): they fold whenever they would take more than a quarter of the window."""
    from tension_desktop.gui.header_fold import FOLD_SHARE

    window, view, mapw = _map_tab(qtbot, demo_lib, tmp_path, (1600, 960))
    fold = view.header_fold
    assert not fold.folded and fold.header_height() <= FOLD_SHARE * window.height()
    window.act_whiteboard.setChecked(True)
    # the whiteboard fills the screen (800x800 here, its type sized for it): back to a window
    # taller than FOLD_BELOW, where only the header's share can fold it
    window.showNormal()
    window.resize(1600, 960)
    qtbot.waitUntil(lambda: window.height() == 960 and fold.folded, timeout=2000)
    assert fold.header_height() > FOLD_SHARE * window.height(), "the fold is for the large type"
    assert fold.strip.isVisible() and not view.tabs.tabBar().isVisible()
    qtbot.wait(20)
    assert map_share(mapw) >= 0.45, map_report(mapw)  # unfolded, the whiteboard's map got about 30 %
    window.act_whiteboard.setChecked(False)
    window.showNormal()
    window.resize(1600, 960)
    qtbot.waitUntil(lambda: not fold.folded, timeout=2000)
    assert view.home_btn.isVisible() and view.tabs.tabBar().isVisible()


def test_the_folded_strip_cuts_the_title_only_beyond_room_that_grows_with_the_type(
        qtbot, demo_lib, tmp_path, monkeypatch):
    """On a 4K whiteboard the strip's type is twice as large: the title was cut at 640 px
    ("Innovation vs reliability …") with most of the menu bar empty. The room now grows with
    the type; a title longer than that room is still cut."""
    from PySide6.QtGui import QFont, QFontMetrics

    from tension_desktop.gui import header_fold

    window, view, _mapw = _map_tab(qtbot, demo_lib, tmp_path, (1366, 768))
    fold = view.header_fold
    assert fold.folded
    window.act_whiteboard.setChecked(True)
    monkeypatch.setattr(header_fold, "whiteboard_factor", lambda *_a: 2.0)
    fold.refresh_text()
    bold = QFont(fold.strip.font())
    bold.setWeight(QFont.Weight.DemiBold)
    fm = QFontMetrics(bold)
    title = "Offsite"
    while fm.horizontalAdvance(title + " · Tension map") < 1.3 * header_fold.STRIP_TEXT_PX:
        title += " on reliability"
    view.title.setText(title)  # wider than the room at 1x type, within the room at 2x
    fold.refresh_text()
    assert fold.strip.text().replace("&&", "&").endswith(f"{title} · Tension map")
    view.title.setText(title * 3)  # beyond even the larger room
    fold.refresh_text()
    assert fold.strip.text().endswith("…")
    window.act_whiteboard.setChecked(False)
