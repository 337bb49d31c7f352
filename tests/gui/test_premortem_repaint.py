"""A pre-mortem edit redraws what changed: lanes and ranked-list widgets are kept, and no
layout request climbs to the tab widget (which would repaint the whole window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialogButtonBox, QTabWidget

from tension_desktop.gui.premortem import PremortemView
from tension_desktop.store import premortem


class LayoutRequests(QObject):
    """Counts LayoutRequest events delivered to one widget."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


@pytest.fixture
def tabbed(qtbot, doc):
    tabs = QTabWidget()
    view = PremortemView(doc)
    tabs.addTab(view, "Pre-mortem")
    qtbot.addWidget(tabs)
    tabs.resize(1600, 900)
    tabs.show()
    qtbot.waitExposed(tabs)
    view.reveal()
    qtbot.wait(20)
    return tabs, view


def test_setting_a_mitigation_keeps_the_lanes_and_stays_inside_the_tab(qtbot, tabbed):
    tabs, view = tabbed
    lib, wid, ini = view.doc.lib, view.doc.workshop_id, view.initiative_id
    lanes, boxes = list(view.lanes), list(view.ranking.top_boxes)
    requests = LayoutRequests(tabs)
    target = next(r for r in premortem.ranked(lib, wid, ini)[:3] if not r.risk.mitigation)
    old_status = view.ranking.status.text()
    qtbot.mouseClick(view.ranking.owner_buttons[target.risk.id], Qt.MouseButton.LeftButton)
    dlg = view.dialog
    dlg.owner.setCurrentIndex(1)
    dlg.mitigation.setPlainText("Shadow-run for four weeks, then decide.")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.wait(50)  # layout requests and paints are posted events
    assert premortem.get_risk(lib, target.risk.id).mitigation.startswith("Shadow-run")
    # the screen shows the edit ...
    card_text = [t.toPlainText() for t in view.cards[target.risk.id].footer_items]
    assert any(t.startswith("Mitigation: Shadow-run") for t in card_text)
    box = next(b for b in view.ranking.top_boxes if b.risk_id == target.risk.id)
    assert box.mitigation.text().startswith("Mitigation: Shadow-run")
    assert view.ranking.status.text() != old_status or "Not complete" in old_status
    # ... without re-laying out the tabs, nor re-creating the lanes or the ranked list
    assert requests.count == 0
    assert all(a is b for a, b in zip(view.lanes, lanes, strict=True)) and len(view.lanes) == len(lanes)
    assert all(a is b for a, b in zip(view.ranking.top_boxes, boxes, strict=True))


def test_a_growing_card_leaves_the_lanes_alone_and_moves_the_scroll_range(qtbot, tabbed):
    tabs, view = tabbed
    tabs.resize(1200, 500)  # the cards reach below the visible part
    qtbot.wait(20)
    assert view.view.sceneRect().height() * view.view.transform().m22() > view.view.viewport().height()
    lowest = max(view.cards.values(), key=lambda c: c.sceneBoundingRect().bottom())  # in the longest lane
    rid = lowest.row_id
    old = premortem.get_risk(view.doc.lib, rid).mitigation
    longer = (old + " " if old else "") + "Run both systems side by side for a month. " * 3
    heights = [ln.rect().height() for ln in view.lanes]
    scene_h = view.view.sceneRect().height()
    view.doc.apply("mitigation", lambda: view.doc.call(premortem.update_risk, rid, mitigation=longer),
                   lambda: view.doc.call(premortem.update_risk, rid, mitigation=old))
    lane = next(ln for ln in view.lanes if ln.rect().contains(view.cards[rid].sceneBoundingRect().center()))
    assert [ln.rect().height() for ln in view.lanes] == heights
    assert lane.rect().bottom() >= view.view.sceneRect().bottom()  # lanes still reach the bottom
    assert view.view.sceneRect().height() > scene_h
