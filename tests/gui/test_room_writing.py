"""Phones and the shared screen write opening-round answers and pre-mortem cards in one
private round: real clicks and keys on the laptop, phone requests over HTTP on 127.0.0.1,
then the store. Nothing shows on the laptop until the reveal; a restart keeps the room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desktop.store import premortem, room_links, session
from tests.gui.test_room_link import off_thread
from tests.room.helpers import Client


def open_room(qtbot, private):
    qtbot.mouseClick(private.overlay.room_btn, Qt.MouseButton.LeftButton)
    win = private.room_window
    qtbot.addWidget(win)
    win.networks.setCurrentIndex(win.networks.findData("127.0.0.1"))
    qtbot.mouseClick(win.open_btn, Qt.MouseButton.LeftButton)
    assert private.room.is_open
    return win


def list_texts(lst) -> list[str]:
    return [lst.item(i).text() for i in range(lst.count())]


@pytest.fixture
def opening(qtbot, doc):
    from tension_desktop.gui.session import OpeningView

    w = OpeningView(doc)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.private.room is not None:
        w.private.room.close()


def test_opening_answers_from_a_phone_and_the_shared_screen_stay_hidden_until_the_reveal(qtbot, opening):
    w, doc = opening, opening.doc
    people = doc.participants()
    a, b = people[0], people[1]
    qtbot.mouseClick(w.round_btn, Qt.MouseButton.LeftButton)
    assert w.controller.active and w.private.overlay.isVisible()
    server = open_room(qtbot, w.private).room.server

    def phone():
        c = Client(server)
        assert c.join(a.id).status == 200
        assert c.edit(op="answer", field="risk", text="<i>Silent churn</i>").status == 200
        assert c.edit(op="answer", field="opportunity", text="Shared data").status == 200
        assert c.edit(op="done", done=True).status == 200
        return c

    ca = off_thread(qtbot, phone)
    assert session.list_opening(doc.lib, doc.workshop_id) == {a.id: ("<i>Silent churn</i>", "Shared data")}
    assert list_texts(w.risks) == [] and list_texts(w.opportunities) == []       # the laptop shows nothing
    assert not doc.undo_stack.canUndo()                                          # nor can it undo the phone
    # the phone's person is passed by: the shared screen hands over to B, who types alone
    assert w.controller.current == b.id
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    assert w.current == b.id and w.risk.toPlainText() == ""
    assert not w.group.button(a.id).isEnabled()                                  # nobody else's answer
    qtbot.keyClicks(w.risk, "Key person risk")
    qtbot.mouseClick(w.save_btn, Qt.MouseButton.LeftButton)
    assert list_texts(w.risks) == ["Key person risk\n— " + b.label]              # B sees B's own only
    qtbot.mouseClick(w.private.bar.done_btn, Qt.MouseButton.LeftButton)
    if w.private.confirm is not None:                                            # the opportunity is still open
        qtbot.mouseClick(w.private.pass_btn, Qt.MouseButton.LeftButton)
    assert w.risk.toPlainText() == "" and list_texts(w.risks) == []             # nothing of B's stays
    while w.controller.round is not None and not w.controller.round.finished:
        w.controller.skip()
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)     # "Reveal to everyone"
    assert not w.controller.active and not w.private.room.is_open               # the room ends with the round
    assert sorted(list_texts(w.risks)) == sorted([f"<i>Silent churn</i>\n— {a.label}",
                                                  f"Key person risk\n— {b.label}"])
    with pytest.raises(OSError):                                                 # nothing listens any more
        off_thread(qtbot, lambda: ca.request("GET", "api/state"))
    doc.undo_stack.undo()                                                        # the reveal, in one step
    assert w.controller.active and list_texts(w.risks) == []


@pytest.fixture
def pre(qtbot, doc):
    from tension_desktop.gui.premortem import PremortemView

    w = PremortemView(doc)
    qtbot.addWidget(w)
    w.resize(1366, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.writing.private.room is not None:
        w.writing.private.room.close()


def test_premortem_cards_from_a_phone_and_a_turn_are_hidden_until_the_reveal(qtbot, pre):
    w, doc = pre, pre.doc
    a, b = doc.participants()[:2]
    before = set(w.cards)
    qtbot.mouseClick(w.write_btn, Qt.MouseButton.LeftButton)
    assert w.writing.isVisible() and w.writing.private.overlay.isVisible()
    assert not w.vote_btn.isEnabled()                                            # one round at a time
    server = open_room(qtbot, w.writing.private).room.server
    lane = premortem.lanes(doc.lib, doc.workshop_id)[1].key

    def phone():
        c = Client(server)
        assert c.join(a.id).status == 200
        assert c.edit(op="card", category=lane, text="Phone card").status == 200
        return c

    off_thread(qtbot, phone)
    assert set(w.cards) == before                                                # not on the canvas
    assert w.writing.controller.current == b.id
    qtbot.mouseClick(w.writing.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    assert list_texts(w.writing.mine) == []                                      # A's card is not B's to see
    w.writing.text.setFocus()
    qtbot.keyClicks(w.writing.text, "Turn card")
    qtbot.keyClick(w.writing.text, Qt.Key.Key_Return)
    assert [d.text for d in premortem.list_drafts(doc.lib, doc.workshop_id, w.initiative_id, b.id)] == ["Turn card"]
    assert len(list_texts(w.writing.mine)) == 1 and set(w.cards) == before
    qtbot.mouseClick(w.writing.private.bar.done_btn, Qt.MouseButton.LeftButton)
    assert list_texts(w.writing.mine) == []
    while w.writing.controller.round is not None and not w.writing.controller.round.finished:
        w.writing.controller.skip()
    qtbot.mouseClick(w.writing.private.overlay.start_btn, Qt.MouseButton.LeftButton)
    texts = {r.text: r.author_id for r in premortem.list_cards(doc.lib, doc.workshop_id, w.initiative_id)}
    assert texts["Phone card"] == a.id and texts["Turn card"] == b.id
    assert len(w.cards) == len(before) + 2 and not w.writing.isVisible()
    doc.undo_stack.undo()                                                        # the reveal, in one step
    assert "Phone card" not in {r.text for r in premortem.list_cards(doc.lib, doc.workshop_id, w.initiative_id)}
    assert w.writing.controller.active


def test_after_a_restart_the_coach_reopens_the_room_and_the_phone_carries_on(qtbot, doc):
    from tension_desktop.gui.tension_map.widget import TensionMapWidget

    w = TensionMapWidget(doc)
    qtbot.addWidget(w)
    w.show()
    w.private.start()
    win = open_room(qtbot, w.private)
    room = w.private.room
    a = doc.participants()[0]
    iid = doc.initiatives()[0].id
    phone = off_thread(qtbot, lambda: (c := Client(room.server), c.join(a.id))[0])
    secret, port = room.server.secret, room.server.port
    room.shutdown()                          # what quitting does: the server stops, the room is kept
    assert not room.is_open
    kept = room_links.saved_room(doc.lib, doc.workshop_id, "tension_map", None)
    assert kept.secret == secret and set(kept.tokens) == {a.id} and phone.token not in kept.tokens.values()
    win.refresh()
    assert win.open_btn.text() == "Reopen the room"
    qtbot.mouseClick(win.open_btn, Qt.MouseButton.LeftButton)
    assert (room.server.secret, room.server.port) == (secret, port)
    phone.server = room.server
    assert off_thread(qtbot, lambda: phone.edit(op="place", initiative=iid, x=0.4, y=0.4).status) == 200
    qtbot.mouseClick(win.close_btn, Qt.MouseButton.LeftButton)   # the coach closes it: the tokens die
    assert room_links.saved_room(doc.lib, doc.workshop_id, "tension_map", None) is None
    assert win.open_btn.text() == "Open the room"


def test_a_workshop_reopened_mid_card_round_opens_on_the_premortem_locked(qtbot, demo_lib, tmp_path):
    from tests.gui.shell import click, make_window

    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1366, 768)
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    view.open_exercise("premortem")
    w = view.exercise_widgets["premortem"]
    click(qtbot, w.write_btn)
    click(qtbot, w.writing.private.overlay.start_btn)
    w.writing.text.setText("Written before the crash")
    w.writing.add()
    window.show_home()
    window.open_workshop(demo_lib.demo_id)
    view = window.workshop_view
    qtbot.waitUntil(lambda: window.doc.active_round() is not None)
    active = window.doc.active_round()
    assert active.exercise == "premortem_cards" and active.in_turn
    assert [i for i in range(view.tabs.count()) if view.tabs.isTabEnabled(i)] == [view.tabs.currentIndex()]
    w = view.exercise_widgets["premortem"]
    assert w.writing.isVisible() and not w.view.isVisible()      # the panel, not the board of cards
    assert [w.writing.mine.item(i).text().split(": ", 1)[1] for i in range(w.writing.mine.count())] == \
        ["Written before the crash"]


def test_a_round_ended_early_keeps_answers_and_cards_hidden_until_the_reveal(qtbot, opening, pre):
    from tests.gui.private import pass_on
    from tests.gui.shell import click

    doc = opening.doc
    a = doc.participants()[0]
    # the opening round: A answers in a turn, the coach ends the round early
    click(qtbot, opening.round_btn)
    click(qtbot, opening.private.overlay.start_btn)
    qtbot.keyClicks(opening.risk, "Hidden until the reveal")
    click(qtbot, opening.save_btn)
    pass_on(qtbot, opening.private)
    click(qtbot, opening.private.overlay.stop_btn)          # "End private round" on the hand-over
    assert not opening.controller.active
    assert list_texts(opening.risks) == [] and not opening.group.button(a.id).isEnabled()
    assert opening.reveal_btn.isVisible() and opening.reveal_btn.isEnabled()
    click(qtbot, opening.reveal_btn)
    assert list_texts(opening.risks) == [f"Hidden until the reveal\n— {a.label}"]
    # the pre-mortem's cards: the same
    before = len(pre.cards)
    click(qtbot, pre.write_btn)
    click(qtbot, pre.writing.private.overlay.start_btn)
    pre.writing.text.setFocus()
    qtbot.keyClicks(pre.writing.text, "Hidden card")
    click(qtbot, pre.writing.add_btn)
    pass_on(qtbot, pre.writing.private)
    click(qtbot, pre.writing.private.overlay.stop_btn)
    assert not pre.writing.isVisible() and len(pre.cards) == before
    assert pre.reveal_cards_btn.isVisible()
    click(qtbot, pre.reveal_cards_btn)
    assert len(pre.cards) == before + 1 and not pre.reveal_cards_btn.isVisible()
