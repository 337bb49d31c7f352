"""The pre-mortem screen driven with real mouse and touch events, checked in the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tension_desktop.gui.premortem import PremortemView
from tension_desktop.store import people, premortem
from tests.gui.private import pass_on
from tests.input import mouse_drag, touch_drag, touch_tap


@pytest.fixture
def view(qtbot, doc):
    v = PremortemView(doc)
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def centre(view: PremortemView, risk_id: int, dy: float = 0.0) -> QPoint:
    card = view.cards[risk_id]
    r = card.sceneBoundingRect()
    return view.view.mapFromScene(r.center().x(), r.top() + 30 + dy)


def tap(qtbot, view, pos: QPoint) -> None:
    """A finger tap. Touch points are screen coordinates and the offscreen platform's
    screen is 800x600: a touch outside it is dropped, so targets must lie inside."""
    window = view.view.viewport().mapTo(view.window(), pos)
    assert window.x() < 800 and window.y() < 600, "touch target outside the offscreen screen"
    touch_tap(view.view.viewport(), pos)


def risk_ids(view):
    return [r.id for r in premortem.list_cards(view.doc.lib, view.doc.workshop_id, view.initiative_id)]


def merged_into(lib, rid):
    return lib.query("SELECT merged_into FROM risks WHERE id = ?", (rid,))[0]["merged_into"]


def test_dropping_one_card_on_another_merges_them_and_undo_redo_follow(qtbot, view):
    lib = view.doc.lib
    a, b = risk_ids(view)[:2]
    mouse_drag(qtbot, view.view.viewport(), centre(view, a), centre(view, b))
    assert merged_into(lib, a) == b
    assert a not in view.cards and "+ " in view.cards[b].body.toPlainText()
    view.doc.undo_stack.undo()
    assert merged_into(lib, a) is None and a in view.cards
    view.doc.undo_stack.redo()
    assert merged_into(lib, a) == b


def test_a_finger_drags_a_card_into_another_lane(qtbot, view):
    lib = view.doc.lib
    rid = risk_ids(view)[0]
    before = premortem.get_risk(lib, rid).category
    lane = next(ln for ln in view.lanes if ln.key == "financial")
    target = view.view.mapFromScene(lane.rect().center().x(), lane.rect().bottom() - 60)
    touch_drag(view.view.viewport(), centre(view, rid), target)
    assert premortem.get_risk(lib, rid).category == "financial"
    view.doc.undo_stack.undo()
    assert premortem.get_risk(lib, rid).category == before
    view.doc.undo_stack.redo()
    assert premortem.get_risk(lib, rid).category == "financial"


def test_dot_voting_in_turns_keeps_votes_hidden_until_the_reveal(qtbot, view):
    lib, wid, ini = view.doc.lib, view.doc.workshop_id, view.initiative_id
    ids = risk_ids(view)
    order = [p.id for p in people.list_participants(lib, wid)]
    colours = {p.id: p.colour for p in people.list_participants(lib, wid)}
    qtbot.mouseClick(view.vote_btn, Qt.MouseButton.LeftButton)
    assert premortem.list_votes(lib, wid, ini) == []  # a fresh vote
    assert view.overlay.isVisible()
    second = [ids[1], ids[2], ids[4]]  # cards inside the offscreen screen (see tap())
    for n, pid in enumerate(order):
        assert view.overlay.isVisible() and view.controller.current == pid
        qtbot.mouseClick(view.overlay.start_btn, Qt.MouseButton.LeftButton)
        assert not view.overlay.isVisible() and view.vote_bar.isVisible()
        assert not view.reveal_btn.isEnabled()  # no reveal in the middle of someone's turn
        # nobody else's dots are drawn during this turn
        assert all(set(c.dots) <= {colours[pid]} for c in view.cards.values())
        assert not any(c.dots for c in view.cards.values())
        tap(qtbot, view, centre(view, ids[0]))
        tap(qtbot, view, centre(view, second[n % 3]))
        assert premortem.participant_votes(lib, wid, ini, pid) == {ids[0]: 1, second[n % 3]: 1}
        assert view.cards[ids[0]].dots == [colours[pid]]
        pass_on(qtbot, view.private)
    assert view.controller.round.finished and view.overlay.isVisible()
    assert not premortem.revealed(lib, wid, ini)
    assert "hidden" in view.ranking.status.text()
    qtbot.mouseClick(view.overlay.start_btn, Qt.MouseButton.LeftButton)  # "Reveal to everyone"
    assert premortem.revealed(lib, wid, ini) and view.controller.round is None
    assert view.cards[ids[0]].badge.startswith("#1") and len(view.cards[ids[0]].dots) == len(order)
    view.doc.undo_stack.undo()
    assert not premortem.revealed(lib, wid, ini) and not view.cards[ids[0]].dots
    view.doc.undo_stack.redo()
    assert premortem.revealed(lib, wid, ini)


def test_a_voter_takes_a_dot_back_with_minus_and_cannot_exceed_their_dots(qtbot, view):
    lib, wid, ini = view.doc.lib, view.doc.workshop_id, view.initiative_id
    ids = risk_ids(view)
    qtbot.mouseClick(view.vote_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.overlay.start_btn, Qt.MouseButton.LeftButton)
    pid = view.controller.current
    for _ in range(4):  # the fourth dot is refused: three each by default
        tap(qtbot, view, centre(view, ids[0]))
    assert premortem.participant_votes(lib, wid, ini, pid) == {ids[0]: 3}
    card = view.cards[ids[0]]
    minus = view.view.mapFromScene(card.mapToScene(card.minus_rect().center()))
    tap(qtbot, view, minus)
    assert premortem.participant_votes(lib, wid, ini, pid) == {ids[0]: 2}
    view.doc.undo_stack.undo()
    assert premortem.participant_votes(lib, wid, ini, pid) == {ids[0]: 3}
    view.doc.undo_stack.undo()
    assert premortem.participant_votes(lib, wid, ini, pid) == {ids[0]: 2}


def test_the_top_three_shows_what_is_missing_and_takes_an_owner_and_mitigation(qtbot, view):
    lib, wid, ini = view.doc.lib, view.doc.workshop_id, view.initiative_id
    view.reveal()
    assert not view.ranking.complete
    top = premortem.ranked(lib, wid, ini)[:3]
    missing = next(r for r in top if not r.risk.mitigation)
    assert "Not complete" in view.ranking.status.text()
    qtbot.mouseClick(view.ranking.owner_buttons[missing.risk.id], Qt.MouseButton.LeftButton)
    dlg = view.dialog
    dlg.owner.setCurrentIndex(2)
    dlg.mitigation.setPlainText("Shadow-run for four weeks; drivers keep the final say.")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    stored = premortem.get_risk(lib, missing.risk.id)
    assert stored.mitigation.startswith("Shadow-run") and stored.owner_id == dlg.owner.itemData(2)
    view.doc.undo_stack.undo()
    assert premortem.get_risk(lib, missing.risk.id).mitigation == missing.risk.mitigation
    for r in premortem.ranked(lib, wid, ini)[:3]:
        premortem.update_risk(lib, r.risk.id, owner_id=r.risk.owner_id or dlg.owner.itemData(1), mitigation="m")
    view.refresh()
    assert view.ranking.complete and "complete" in view.ranking.status.text()


def test_a_long_failure_mode_in_any_script_is_added_anonymously_and_undone(qtbot, view):
    lib, wid, ini = view.doc.lib, view.doc.workshop_id, view.initiative_id
    qtbot.mouseClick(view.anon_btn, Qt.MouseButton.LeftButton)
    assert premortem.anonymous(lib, wid)
    text = ("冬季路线模型失效，司机不再信任系统。" * 6 + " Водители игнорируют маршруты. " + "السائقون يتجاهلون المسارات")[:200]
    qtbot.mouseClick(view.add_btn, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    assert dlg.author.currentData() is None  # anonymous round
    dlg.text.setPlainText(text)
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    added = [r for r in premortem.list_cards(lib, wid, ini) if r.text == text.strip()]
    assert len(added) == 1 and added[0].author_id is None
    assert view.cards[added[0].id].body.toPlainText().startswith(text.strip()[:20])
    view.doc.undo_stack.undo()
    assert not [r for r in premortem.list_cards(lib, wid, ini) if r.text == text.strip()]
    view.doc.undo_stack.redo()
    assert [r.id for r in premortem.list_cards(lib, wid, ini) if r.text == text.strip()] == [added[0].id]


def test_an_empty_card_is_refused_with_a_message(qtbot, view):
    qtbot.mouseClick(view.add_btn, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "may not be empty" in dlg.message.text()
    dlg.reject()


def test_the_coach_renames_and_adds_lanes_and_undo_restores_them(qtbot, view):
    lib, wid = view.doc.lib, view.doc.workshop_id
    qtbot.mouseClick(view.lanes_btn, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    dlg.edits[0].setText("Tech & data")
    dlg.extra.setText("Regulatory")
    qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    titles = [ln.title for ln in premortem.lanes(lib, wid)]
    assert titles == ["Tech & data", "Organizational", "Financial", "Customer-facing", "Regulatory"]
    assert [ln.key for ln in view.lanes][-1] == "regulatory" and len(view.lanes) == 5
    view.doc.undo_stack.undo()
    assert [ln.title for ln in premortem.lanes(lib, wid)][0] == "Technical" and len(view.lanes) == 4
    view.doc.undo_stack.redo()
    assert len(premortem.lanes(lib, wid)) == 5


def test_votes_stay_hidden_while_the_screen_is_handed_over(qtbot, view):
    lib, wid, ini = view.doc.lib, view.doc.workshop_id, view.initiative_id
    qtbot.mouseClick(view.vote_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.overlay.start_btn, Qt.MouseButton.LeftButton)
    rid = risk_ids(view)[0]
    tap(qtbot, view, centre(view, rid))
    pass_on(qtbot, view.private)
    assert premortem.participant_votes(lib, wid, ini, view.controller.round.order[0]) == {rid: 1}
    assert view.overlay.isVisible() and view.overlay.geometry() == view.rect()
    assert not any(c.dots for c in view.cards.values()) and not any(c.badge for c in view.cards.values())


def test_a_merged_card_is_split_from_its_details_and_the_split_undone(qtbot, view):
    lib = view.doc.lib
    a, b = risk_ids(view)[:2]
    mouse_drag(qtbot, view.view.viewport(), centre(view, a), centre(view, b))
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, b))  # tap: details
    dlg = view.dialog
    split = dlg.findChild(type(dlg.buttons.buttons()[0]), "splitRisk")
    assert split is not None
    qtbot.mouseClick(split, Qt.MouseButton.LeftButton)
    assert merged_into(lib, a) is None and a in view.cards
    view.doc.undo_stack.undo()
    assert merged_into(lib, a) == b
