"""A card dropped on the board lands where it was dropped, at the insertion line, not at the
end of its group."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tension_desktop.store import board
from tests.gui.test_board_sorting import (
    answer_why,
    bw,
    centre,
    column_point,
    mine,
    sort_with_mouse,
    to_sort_item,
    vp,
)

__all__ = ["bw"]


def _order(bw) -> list[str]:
    return [board.get_element(bw.doc.lib, c.element_id).text
            for c in sorted((c for c in mine(bw) if c.column == "need_evidence"), key=lambda c: c.position)]


def test_a_card_lands_at_the_insertion_line(qtbot, bw):
    sort_with_mouse(qtbot, bw, "EU data residency", "need_evidence")
    sort_with_mouse(qtbot, bw, "Launch in Q2", "need_evidence")
    assert _order(bw) == ["EU data residency", "Launch in Q2"]
    first, second = bw.canvas.cards_in("need_evidence")
    between = (first.sceneBoundingRect().bottom() + second.sceneBoundingRect().top()) / 2
    y = bw.canvas.mapFromScene(first.sceneBoundingRect().center().x(), between).y()
    start, end = centre(bw, to_sort_item(bw, "Vendor choice")), column_point(bw, "need_evidence", y)
    qtbot.mousePress(vp(bw), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 9):
        p = start + (end - start) * (i / 8)
        qtbot.mouseMove(vp(bw), QPoint(int(p.x()), int(p.y())))
    marker = bw.canvas.marker
    assert marker.isVisible()
    line_y = marker.line().y1()
    assert first.sceneBoundingRect().bottom() <= line_y <= second.sceneBoundingRect().top(), \
        "the line shows the gap between the two cards"
    qtbot.mouseRelease(vp(bw), Qt.MouseButton.LeftButton, pos=end)
    answer_why(qtbot, bw, "")
    assert _order(bw) == ["EU data residency", "Vendor choice", "Launch in Q2"], "not at the end of the group"
    landed = next(c for c in bw.canvas.cards_in("need_evidence") if c.text == "Vendor choice")
    assert abs(landed.sceneBoundingRect().top() - line_y) < 12, "it lands where the line was"


def test_below_someone_elses_cards_the_line_shows_where_the_card_really_lands(qtbot, bw):
    sort_with_mouse(qtbot, bw, "EU data residency", "need_evidence")
    other = next(p for p in bw.doc.participants() if p.id != bw.sorter)
    launch = next(e for e in board.list_elements(bw.doc.lib, bw.doc.workshop_id) if e.text == "Launch in Q2")
    bw.doc.call(board.move_card, bw.doc.workshop_id, launch.id, other.id, "need_evidence", 0)
    bw.refresh()
    eu, theirs = bw.canvas.cards_in("need_evidence")  # grouped by person: the sorter's card first
    assert theirs.participant_id == other.id
    below = bw.canvas.mapFromScene(theirs.sceneBoundingRect().center().x(),
                                   theirs.sceneBoundingRect().bottom() + 40).y()
    start, end = centre(bw, to_sort_item(bw, "Vendor choice")), column_point(bw, "need_evidence", below)
    qtbot.mousePress(vp(bw), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 9):
        p = start + (end - start) * (i / 8)
        qtbot.mouseMove(vp(bw), QPoint(int(p.x()), int(p.y())))
    line_y = bw.canvas.marker.line().y1()
    qtbot.mouseRelease(vp(bw), Qt.MouseButton.LeftButton, pos=end)
    answer_why(qtbot, bw, "")
    landed = next(c for c in bw.canvas.cards_in("need_evidence") if c.text == "Vendor choice")
    assert abs(landed.sceneBoundingRect().top() - line_y) < 12, \
        f"the line promised y={line_y:.0f}, the card landed at {landed.sceneBoundingRect().top():.0f}"
