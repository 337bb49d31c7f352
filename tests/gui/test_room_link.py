"""The room link in the window: real clicks on the room window, phone requests (HTTP on
127.0.0.1 from another thread) through the document's undo commands, then the store."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from tension_desktop.store import people, workshops
from tension_desktop.store import tension_map as tmap
from tests.room.helpers import Client


def off_thread(qtbot, fn: Callable):
    """Run a phone's requests on another thread while the GUI thread serves them."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=30_000)
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def open_map(qtbot, doc):
    from tension_desktop.gui.tension_map.widget import TensionMapWidget

    w = TensionMapWidget(doc)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.private.start()
    qtbot.mouseClick(w.private.overlay.room_btn, Qt.MouseButton.LeftButton)
    win = w.private.room_window
    qtbot.addWidget(win)
    win.networks.setCurrentIndex(win.networks.findData("127.0.0.1"))
    qtbot.mouseClick(win.open_btn, Qt.MouseButton.LeftButton)
    assert w.private.room.is_open
    yield w, win
    w.private.room.close()


def test_the_room_lists_networks_and_never_opens_on_all_of_them(open_map):
    w, win = open_map
    addresses = [win.networks.itemData(i) for i in range(win.networks.count())]
    assert "127.0.0.1" in addresses and "0.0.0.0" not in addresses
    assert win.qr.pixmap() is not None and not win.qr.pixmap().isNull()
    assert win.address.text() == w.private.room.url and w.private.room.server.secret in win.address.text()


def test_each_phone_edit_is_one_undo_step_of_that_phone_and_the_shared_screen_cannot_undo_it(qtbot, open_map):
    w, win = open_map
    doc = w.doc
    a, b = doc.participants()[:2]
    iid = doc.initiatives()[0].id
    server = w.private.room.server

    def phone_a():
        c = Client(server)
        assert c.join(a.id).status == 200
        assert c.edit(op="place", initiative=iid, x=0.2, y=0.2).status == 200
        assert c.edit(op="place", initiative=iid, x=0.7, y=0.6).status == 200
        return c

    ca = off_thread(qtbot, phone_a)
    assert tmap.get_placement(doc.lib, doc.workshop_id, iid, a.id, "private").x == 0.7
    assert w.private.room.stacks[a.id].count() == 2
    assert not doc.undo_stack.canUndo()           # the shared screen's history holds none of it
    doc.undo_stack.undo()
    assert tmap.get_placement(doc.lib, doc.workshop_id, iid, a.id, "private").x == 0.7
    assert off_thread(qtbot, lambda: ca.edit(op="undo").status) == 200
    assert (tmap.get_placement(doc.lib, doc.workshop_id, iid, a.id, "private").x,
            tmap.get_placement(doc.lib, doc.workshop_id, iid, a.id, "private").y) == (0.2, 0.2)
    # another phone's undo never touches A's
    def phone_b():
        c = Client(server)
        assert c.join(b.id).status == 200
        return c.edit(op="undo").json
    assert off_thread(qtbot, phone_b)["changed"] is False
    assert tmap.get_placement(doc.lib, doc.workshop_id, iid, a.id, "private").x == 0.2
    assert w.visible_placements() == []           # the laptop shows none of it


def test_the_coach_sees_who_joined_and_releases_a_name_with_a_tap(qtbot, open_map):
    w, win = open_map
    a = w.doc.participants()[0]
    server = w.private.room.server
    first = off_thread(qtbot, lambda: (c := Client(server), c.join(a.id))[0])
    qtbot.waitUntil(lambda: a.id in win.release_btns)
    assert off_thread(qtbot, lambda: Client(server).join(a.id).status) == 409
    qtbot.mouseClick(win.release_btns[a.id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: a.id not in win.release_btns)
    assert off_thread(qtbot, lambda: first.request("GET", "api/state").status) == 401
    assert off_thread(qtbot, lambda: Client(server).join(a.id).status) == 200


def test_closing_the_room_or_ending_the_round_stops_the_server(qtbot, open_map):
    import socket

    w, win = open_map
    port = w.private.room.server.port
    qtbot.mouseClick(win.close_btn, Qt.MouseButton.LeftButton)
    assert not w.private.room.is_open
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)
    qtbot.mouseClick(win.open_btn, Qt.MouseButton.LeftButton)
    assert w.private.room.is_open
    port = w.private.room.server.port
    qtbot.mouseClick(w.private.overlay.stop_btn, Qt.MouseButton.LeftButton)  # "End private round"
    assert not w.private.room.is_open
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_the_round_with_its_phones_survives_a_restart_and_a_phone_resumes_its_own_state(qtbot, demo_lib, open_map):
    from tension_desktop.gui.document import WorkshopDocument
    from tension_desktop.gui.tension_map.widget import TensionMapWidget

    w, win = open_map
    a = w.doc.participants()[0]
    iid = w.doc.initiatives()[1].id
    server = w.private.room.server

    def phone():
        c = Client(server)
        c.join(a.id)
        c.edit(op="place", initiative=iid, x=0.4, y=0.9)
        c.edit(op="done", done=True)
    off_thread(qtbot, phone)
    w.private.room.close()
    # the app again: a new document and screen over the same file
    doc2 = WorkshopDocument(demo_lib, demo_lib.demo_id)
    w2 = TensionMapWidget(doc2)
    qtbot.addWidget(w2)
    r = w2.private.controller.round
    assert r is not None and a.id in r.phones and a.id in r.phones_done
    assert workshops.get_setting(demo_lib, demo_lib.demo_id, "turns:tension_map")["phones"] == [a.id]
    w2.private.room.open("127.0.0.1", 0)
    try:
        def again():
            c = Client(w2.private.room.server)
            assert c.join(a.id).status == 200   # a new room: the phone scans the new code, its state is back
            return c.request("GET", "api/state").json
        state = off_thread(qtbot, again)
        assert state["mine"] == {str(iid): [0.4, 0.9]} and state["done"] is True
    finally:
        w2.private.room.close()


def test_names_are_plain_text_in_the_room_window(qtbot, doc):
    from PySide6.QtWidgets import QLabel

    from tension_desktop.gui.tension_map.widget import TensionMapWidget

    doc.call(people.add_participant, doc.workshop_id, "<b>Bold</b> <img src=x>")
    w = TensionMapWidget(doc)
    qtbot.addWidget(w)
    w.private.start()
    win = w.private.show_room()
    qtbot.addWidget(win)
    w.private.room.open("127.0.0.1", 0)
    try:
        labels = [lab for lab in win.findChildren(QLabel) if "<b>Bold" in lab.text()]
        assert labels and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in labels)
    finally:
        w.private.room.close()


def _phone_edits(exercise: str, w) -> list[dict]:
    """Two edits of one phone in ``exercise``'s round (the second changes what the first wrote)."""
    from tension_desktop.store import board, premortem

    lib, wid, scope = w.doc.lib, w.doc.workshop_id, w.private.controller.scope()
    if exercise == "tension_map":
        iid = w.doc.initiatives()[0].id
        return [{"op": "place", "initiative": iid, "x": 0.2, "y": 0.3},
                {"op": "place", "initiative": iid, "x": 0.7, "y": 0.6}]
    if exercise == "board":
        eid = board.elements_for(lib, wid, scope)[0].id
        return [{"op": "sort", "element": eid, "column": "must_protect", "why": "because"},
                {"op": "sort", "element": eid, "column": "can_flex", "why": "on second thoughts"}]
    if exercise == "premortem_vote":
        first, second = [r.id for r in premortem.list_cards(lib, wid, scope)][:2]
        return [{"op": "dots", "risk": first, "dots": 1}, {"op": "dots", "risk": second, "dots": 1}]
    return [{"op": "rate", "rationale": 2, "fairness": 3, "escalation": 4},
            {"op": "rate", "rationale": 5, "fairness": 5, "escalation": 1}]


@pytest.fixture(params=["tension_map", "board", "premortem_vote", "pulse"])
def any_round(request, qtbot, demo_lib, tmp_path):
    from tests.gui.shell import click, make_window
    from tests.gui.test_private_rounds import EXERCISES

    ex = next(e for e in EXERCISES if e.exercise == request.param)
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1600, 1000)
    window.open_workshop(demo_lib.demo_id)
    w = ex.open(qtbot, window)
    ex.start(qtbot, w)
    click(qtbot, w.private.overlay.room_btn)
    win = w.private.room_window
    qtbot.waitExposed(win)
    win.networks.setCurrentIndex(win.networks.findData("127.0.0.1"))
    click(qtbot, win.open_btn)
    assert w.private.room.is_open
    yield ex, w
    w.private.room.close()


def test_every_phone_edit_is_one_undo_step_of_that_phone_in_every_round_it_serves(qtbot, any_round):
    """A drop, a sort, a dot and a pulse from a phone: each is one step of that phone's own
    history (undone exactly, through the document), none of the shared screen's."""
    ex, w = any_round
    doc = w.doc
    a, b = doc.participants()[:2]
    server = w.private.room.server
    edits = _phone_edits(ex.exercise, w)
    mine = lambda: sorted(ex.stored(w).get(a.id, []))  # noqa: E731
    states = [mine()]
    ca = Client(server)
    assert off_thread(qtbot, lambda: ca.join(a.id).status) == 200
    for edit in edits:
        assert off_thread(qtbot, lambda e=edit: ca.edit(**e).status) == 200
        states.append(mine())
    assert states[0] != states[1] != states[2]
    assert w.private.room.stacks[a.id].count() == len(edits)
    assert not doc.undo_stack.canUndo()  # the shared screen's history holds none of it
    cb = Client(server)
    assert off_thread(qtbot, lambda: cb.join(b.id).status) == 200
    assert off_thread(qtbot, lambda: cb.edit(op="undo").json)["changed"] is False  # B cannot undo A
    assert mine() == states[2]
    for expected in (states[1], states[0]):
        assert off_thread(qtbot, lambda: ca.edit(op="undo").json)["changed"] is True
        assert mine() == expected
    assert off_thread(qtbot, lambda: ca.edit(op="undo").json)["changed"] is False
    assert ex.shown(w) <= {w.private.controller.current, -1}  # the laptop showed none of it
