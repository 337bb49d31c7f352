"""The follow-up walks through the covenant it carried over, with real taps and typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.store import covenant, people
from tension_desktop.store import covenant_review as review
from tests.gui.shell import click, make_window


@pytest.fixture
def follow_up(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, w.home.open_btn)
    w.workshop_view.open_exercise("review")
    new_id = w.workshop_view.exercise_widgets["review"].continue_workshop("January follow-up")
    w.workshop_view.open_exercise("review")
    w.activateWindow()
    qtbot.waitActive(w)
    return w, new_id, w.workshop_view.exercise_widgets["review"].covenant_review


def _button(qtbot, panel, review_id: int, outcome: str):
    button = next(b for b in panel.groups[review_id].buttons()
                  if b.objectName() == f"covenantReview_{review_id}_{outcome}")
    qtbot.waitUntil(button.isVisible)
    return button


def test_the_review_lists_every_carried_threshold_and_decision_and_stores_each_mark(qtbot, follow_up):
    window, new_id, panel = follow_up
    lib = window.lib
    entries = review.list_review(lib, new_id)
    assert set(panel.groups) == {e.id for e in entries}
    assert len([e for e in entries if e.kind == "threshold"]) == len(covenant.list_thresholds(lib, new_id)) > 0
    assert len([e for e in entries if e.kind == "decision"]) == len(covenant.list_decisions(lib, new_id)) > 0
    t = next(e for e in entries if e.kind == "threshold")
    click(qtbot, _button(qtbot, panel, t.id, "lever_pulled"))
    assert review.get_review(lib, t.id).outcome == "lever_pulled"
    note = panel.notes[t.id]
    qtbot.waitUntil(note.isVisible)
    note.setFocus()
    qtbot.keyClicks(note, "Pulled on day 2")
    panel.near_miss_edit.setFocus()  # the finger leaves the note
    assert review.get_review(lib, t.id).note == "Pulled on day 2"
    # a decision taken by someone other than the named approver
    d = next(e for e in entries if e.kind == "decision")
    ps = people.list_participants(lib, new_id)
    other = next(n for n, p in enumerate(ps, 1) if p.id != d.named)
    picker = panel.deciders[d.id]
    qtbot.waitUntil(picker.isVisible)
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Home)
    for _ in range(other):
        qtbot.keyClick(picker, Qt.Key.Key_Down)
    stored = review.get_review(lib, d.id)
    assert (stored.outcome, stored.decided_by, stored.by_named_approver) == ("decided", ps[other - 1].id, False)
    # near misses
    panel.near_miss_edit.setFocus()
    qtbot.keyClicks(panel.near_miss_edit, "Backlog at 149 tickets")
    click(qtbot, panel.near_miss_btn)
    assert [r["text"] for r in review.list_near_misses(lib, new_id)] == ["Backlog at 149 tickets"]
    assert panel.near_misses.count() == 1
    window.doc.undo_stack.undo()
    assert review.list_near_misses(lib, new_id) == []
    figures = window.workshop_view.exercise_widgets["review"].figures.text()
    assert "levers pulled as agreed 1" in figures and "named approver 0%" in figures


def test_a_session_that_continues_nothing_says_so(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    kickoff = [r["id"] for r in demo_lib.query("SELECT id FROM workshops ORDER BY id")][0]
    w.open_workshop(kickoff)
    w.workshop_view.open_exercise("review")
    panel = w.workshop_view.exercise_widgets["review"].covenant_review
    assert panel.groups == {} and "Nothing carried over" in panel.intro.text()

