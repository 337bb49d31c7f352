"""The map is fitted to the room it really has once the layout settles, whatever the order in
which the window, its tabs, the panel strip and the bars above the map got their sizes; a
coach's own pan and zoom survive a resize.

The class of defect: a fit computed on a view size from before the layout settled (the panel
folded while the tab was hidden, the strip tapped, a bar shown) and never corrected, so the
map sits small and off-centre, and a drop aimed at a quadrant lands in its neighbour.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from tension_desktop.gui.tension_map import TensionMapWidget
from tension_desktop.gui.tension_map.items import MAP_VIEW_RECT


def _state(w: TensionMapWidget) -> tuple[float, QPoint]:
    """The map's zoom and where its middle sits in the viewport."""
    return round(w.view.zoom, 4), w.view.mapFromScene(MAP_VIEW_RECT.center())


def _settle() -> None:
    """Let posted layout requests run (no waiting on a clock)."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def _assert_fitted(w: TensionMapWidget) -> None:
    """What shows is what Fit gives for the view's present size (within a pixel)."""
    zoom, centre = _state(w)
    w.view.fit_all()
    fit_zoom, fit_centre = _state(w)
    assert zoom == fit_zoom, "the map's zoom is the fit for the room it has now"
    assert (centre - fit_centre).manhattanLength() <= 2, f"the map sits where Fit puts it: {centre} vs {fit_centre}"


def _tabs_with_map(qtbot, doc, width: int, height: int) -> tuple[QTabWidget, TensionMapWidget]:
    """The app's path: the map is a tab that is laid out while hidden, then switched to."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("People"), "People & initiatives")
    mapw = TensionMapWidget(doc)
    tabs.addTab(mapw, "Tension map")
    tabs.resize(width, height)
    tabs.show()
    qtbot.waitExposed(tabs)
    _settle()
    return tabs, mapw


def test_a_map_tab_laid_out_while_hidden_shows_fitted_to_its_settled_room(qtbot, doc):
    tabs, mapw = _tabs_with_map(qtbot, doc, 1366, 700)  # under 1600 px: the panel folds
    tabs.setCurrentWidget(mapw)
    _settle()
    assert mapw.panel_strip.folded
    _assert_fitted(mapw)


def test_folding_and_unfolding_the_panel_refits_the_map_to_the_new_room(qtbot, doc):
    tabs, mapw = _tabs_with_map(qtbot, doc, 1366, 700)
    tabs.setCurrentWidget(mapw)
    _settle()
    qtbot.mouseClick(mapw.panel_strip.strip, Qt.MouseButton.LeftButton)
    _settle()
    assert mapw.panel_strip.side.isVisible()
    _assert_fitted(mapw)
    qtbot.mouseClick(mapw.panel_strip.fold_btn, Qt.MouseButton.LeftButton)
    _settle()
    assert mapw.panel_strip.folded
    _assert_fitted(mapw)


def test_a_resized_window_refits_the_map_but_keeps_a_coachs_zoom(qtbot, doc):
    tabs, mapw = _tabs_with_map(qtbot, doc, 1366, 700)
    tabs.setCurrentWidget(mapw)
    _settle()
    tabs.resize(1200, 640)
    _settle()
    _assert_fitted(mapw)
    mapw.view.zoom_by(1.5)
    zoomed = _state(mapw)
    tabs.resize(1250, 600)
    _settle()
    assert _state(mapw)[0] == zoomed[0], "the coach's zoom is kept when the window changes size"
