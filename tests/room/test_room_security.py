"""The room link's protocol and security on 127.0.0.1: every refusal stores nothing."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tension_desktop.room.protocol import MAX_BODY
from tension_desktop.room.server import Limits, RoomServer
from tension_desktop.room.tasks import Task
from tension_desktop.store import board, library_path, people
from tension_desktop.store import tension_map as tmap

from .helpers import Client, open_room, start_private_round


def stored(lib, wid) -> tuple:
    """Everything a phone could have written: private placements, board cards, the round."""
    from tension_desktop.store import workshops

    return (tuple(tmap.list_placements(lib, wid, ("private",))), tuple(board.list_cards(lib, wid)),
            workshops.get_setting(lib, wid, "turns:tension_map"))


@pytest.fixture
def room(demo_lib, data_dir):
    wid = demo_lib.demo_id
    ids = start_private_round(demo_lib, wid, "tension_map")
    server, backend = open_room(library_path(data_dir), wid, Task("tension_map"))
    yield demo_lib, wid, ids, server
    server.stop()
    backend.close()


def test_room_core_imports_no_qt():
    code = ("import sys, pkgutil, importlib, tension_desktop.room as r\n"
            "for m in pkgutil.walk_packages(r.__path__, 'tension_desktop.room.'): importlib.import_module(m.name)\n"
            "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_joined_phone_places_its_own_initiative_and_reads_only_its_own(room):
    lib, wid, ids, server = room
    iid = people.list_initiatives(lib, wid)[0].id
    a, b = Client(server), Client(server)
    assert a.join(ids[0]).status == 200 and b.join(ids[1]).status == 200
    assert a.edit(op="place", initiative=iid, x=0.25, y=0.75).status == 200
    assert [(p.participant_id, p.x, p.y) for p in tmap.list_placements(lib, wid, ("private",))] == [(ids[0], 0.25, 0.75)]
    assert b.request("GET", "api/state").json["mine"] == {}          # never another's input
    assert a.request("GET", "api/state").json["mine"] == {str(iid): [0.25, 0.75]}


def test_without_the_secret_or_with_a_wrong_one_everything_is_refused(room):
    lib, wid, ids, server = room
    before = stored(lib, wid)
    c = Client(server)
    for path in ("/", "/index.html", "/static/app.js", "/api/roster", "/r/", "/r//", "/r//api/roster",
                 f"/r/{server.secret}x/", f"/r/{server.secret[:-1]}/", f"/R/{server.secret}/", f"//r/{server.secret}/"):
        assert c.request("GET", path, absolute=True).status == 404, path
    wrong = server.secret[:-1] + ("A" if server.secret[-1] != "A" else "B")
    assert c.request("GET", "", secret=wrong).status == 404
    assert c.request("POST", "api/join", {"participant": ids[0]}, headers={"X-Room-Join": "1"},
                     secret=wrong).status == 404
    assert stored(lib, wid) == before and server.claims == {}


def test_stolen_released_or_expired_tokens_are_refused(room, demo_lib, data_dir):
    lib, wid, ids, server = room
    iid = people.list_initiatives(lib, wid)[0].id
    a = Client(server)
    a.join(ids[0])
    token = a.token
    before = stored(lib, wid)
    forged = Client(server, token=token[:-2] + "xx")
    assert forged.edit(op="place", initiative=iid, x=0.5, y=0.5).status == 401
    server.release(ids[0])
    time.sleep(0.2)
    assert a.edit(op="place", initiative=iid, x=0.5, y=0.5).status == 401   # released: the token died
    # a token of a closed room is worth nothing in the next one
    other, backend = open_room(library_path(data_dir), wid, Task("tension_map"))
    try:
        thief = Client(other, token=token)
        assert thief.edit(op="place", initiative=iid, x=0.5, y=0.5).status == 401
        assert thief.request("GET", "api/state").status == 401
    finally:
        other.stop()
        backend.close()
    assert stored(lib, wid) == before


def test_one_device_per_name(room):
    lib, wid, ids, server = room
    first, second = Client(server), Client(server)
    assert first.join(ids[0]).status == 200
    r = second.join(ids[0])
    assert r.status == 409 and second.token is None
    server.release(ids[0])
    time.sleep(0.2)
    assert second.join(ids[0]).status == 200          # the coach released the name


def test_a_name_outside_the_round_cannot_join(room):
    lib, wid, ids, server = room
    assert Client(server).join(max(ids) + 1000).status == 403
    assert server.claims == {}


@pytest.mark.parametrize("host", ["evil.example:80", "localhost", "127.0.0.1", "127.0.0.1:1", ""])
def test_a_wrong_host_is_refused(room, host):
    lib, wid, ids, server = room
    before = stored(lib, wid)
    c = Client(server)
    assert c.request("GET", "", host=host).status == 421
    assert c.request("POST", "api/join", {"participant": ids[0]}, headers={"X-Room-Join": "1"},
                     host=host).status == 421
    assert stored(lib, wid) == before and server.claims == {}


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "https://127.0.0.1", "http://127.0.0.1"])
def test_a_wrong_origin_is_refused_and_no_cors_is_offered(room, origin):
    lib, wid, ids, server = room
    c = Client(server)
    r = c.request("POST", "api/join", {"participant": ids[0]}, headers={"X-Room-Join": "1"}, origin=origin)
    assert r.status == 403 and server.claims == {}
    pre = c.request("OPTIONS", "api/join", headers={"Access-Control-Request-Method": "POST"}, origin=origin)
    assert pre.status in (403, 405)
    assert not any(k.lower().startswith("access-control") for k in r.headers | pre.headers)


def test_writes_need_the_custom_header_json_and_an_origin(room):
    """CSRF: a form or an image on another page can set none of these."""
    lib, wid, ids, server = room
    c = Client(server)
    assert c.request("POST", "api/join", {"participant": ids[0]}).status == 403              # no X-Room-Join
    assert c.request("POST", "api/join", {"participant": ids[0]}, headers={"X-Room-Join": "1"},
                     origin=None).status == 403                                               # no Origin
    assert c.request("POST", "api/join", raw=b"participant=7", headers={
        "X-Room-Join": "1", "Content-Type": "application/x-www-form-urlencoded"}).status == 415
    assert c.request("GET", "api/join").status == 404
    assert server.claims == {}


@pytest.mark.parametrize("body", [
    b"", b"not json", b"[]", b"null", b'{"op": "place"}', b'{"seq": 1, "op": "launch"}',
    b'{"seq": 1, "op": "place", "initiative": 1, "x": 2, "y": 0.5}',
    b'{"seq": 1, "op": "place", "initiative": 1, "x": NaN, "y": 0.5}',
    b'{"seq": 1, "op": "place", "initiative": "1", "x": 0.5, "y": 0.5}',
    b'{"seq": 1, "op": "place", "initiative": true, "x": 0.5, "y": 0.5}',
    b'{"seq": 0, "op": "undo"}', b'{"seq": -1, "op": "undo"}', b'{"seq": 1.5, "op": "undo"}',
    b'{"seq": 1, "op": "place", "initiative": 999999, "x": 0.5, "y": 0.5}',
    b'{"seq": 1, "op": "place", "initiative": 1, "x": 0.5, "y": 0.5, "participant": 2}',
    b'{"seq": 1, "op": "sort", "element": 1, "column": "must_protect"}',
    b'{"seq": 1, "op": "done", "done": "yes"}',
    b'\xff\xfe{}', b'{"seq": 1, "op": "place", "initiative": [1], "x": 0.5, "y": 0.5}',
])
def test_malformed_messages_are_refused(room, body):
    lib, wid, ids, server = room
    c = Client(server)
    c.join(ids[0])
    before = stored(lib, wid)
    r = c.request("POST", "api/edit", raw=body)
    assert 400 <= r.status < 500, (body, r.status)
    assert stored(lib, wid) == before


def test_oversized_messages_are_refused(room):
    lib, wid, ids, server = room
    c = Client(server)
    c.join(ids[0])
    before = stored(lib, wid)
    big = b'{"seq": 1, "op": "undo", "pad": "' + b"x" * MAX_BODY + b'"}'
    assert c.request("POST", "api/edit", raw=big).status == 413
    # a lying Content-Length cannot smuggle more in
    assert c.request("POST", "api/edit", raw=big, headers={"Content-Length": "40"}).status in (400, 413)
    assert stored(lib, wid) == before


@pytest.mark.parametrize("path", ["static/../../server.py", "static/..%2f..%2fserver.py", "static/%2e%2e/protocol.py",
                                  "static/", "static/.", "static/__init__.py", "static//etc/passwd",
                                  "../../../../etc/passwd", "static/..\\..\\server.py", "static/app.js%00.css"])
def test_only_packaged_page_files_are_served(room, path):
    lib, wid, ids, server = room
    r = Client(server).request("GET", path)
    assert r.status in (400, 404), path
    assert b"import" not in r.body and b"root:" not in r.body


def test_the_page_files_are_served_with_a_strict_policy(room):
    lib, wid, ids, server = room
    c = Client(server)
    for path, kind in (("", "text/html"), ("static/app.js", "text/javascript"), ("static/style.css", "text/css")):
        r = c.request("GET", path)
        assert r.status == 200 and r.headers["Content-Type"].startswith(kind)
        assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert r.headers["Referrer-Policy"] == "no-referrer"
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_a_flood_from_one_device_is_bounded_and_nothing_beyond_it_stored(demo_lib, data_dir):
    wid = demo_lib.demo_id
    ids = start_private_round(demo_lib, wid, "tension_map")
    limits = Limits(device_rate=5, device_burst=10, address_rate=5, address_burst=10)
    server, backend = open_room(library_path(data_dir), wid, Task("tension_map"), limits)
    try:
        c = Client(server)
        assert c.join(ids[0]).status == 200
        iids = [i.id for i in people.list_initiatives(demo_lib, wid)]
        start = time.monotonic()
        statuses = [c.edit(op="place", initiative=iids[n % len(iids)], x=(n % 97) / 100, y=0.5).status
                    for n in range(120)]
        elapsed = time.monotonic() - start
        ok = statuses.count(200)
        assert set(statuses) <= {200, 429} and statuses.count(429) > 0
        assert ok <= 10 + 5 * elapsed + 1
        # unknown callers are bounded per address too
        stranger = Client(server)
        codes = [stranger.request("GET", "", secret="nope").status for _ in range(60)]
        assert codes.count(429) > 0 and set(codes) <= {404, 429}
    finally:
        server.stop()
        backend.close()


def test_the_server_binds_one_interface_never_all(demo_lib, data_dir):
    with pytest.raises(ValueError):
        RoomServer(object(), "0.0.0.0")
    with pytest.raises(ValueError):
        RoomServer(object(), "localhost")


def test_a_closed_room_listens_no_more(room):
    lib, wid, ids, server = room
    port = server.port
    server.stop()
    import socket

    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2)


def test_a_resent_edit_is_applied_once_and_undo_takes_back_one_step(room):
    lib, wid, ids, server = room
    iid = people.list_initiatives(lib, wid)[0].id
    c = Client(server)
    c.join(ids[0])
    body = {"seq": 1, "op": "place", "initiative": iid, "x": 0.1, "y": 0.2}
    assert c.request("POST", "api/edit", body).json["changed"]
    again = c.request("POST", "api/edit", {**body, "x": 0.9})   # the same number: a resend, never applied
    assert again.status == 200 and again.json.get("repeat")
    c.seq = 1
    c.edit(op="place", initiative=iid, x=0.3, y=0.4)
    assert [(p.x, p.y) for p in tmap.list_placements(lib, wid, ("private",))] == [(0.3, 0.4)]
    c.edit(op="undo")
    assert [(p.x, p.y) for p in tmap.list_placements(lib, wid, ("private",))] == [(0.1, 0.2)]


def test_dots_never_exceed_the_allowance_and_only_on_cards_of_this_pre_mortem(demo_lib, data_dir):
    from tension_desktop.store import premortem

    wid = demo_lib.demo_id
    scope = people.list_initiatives(demo_lib, wid)[0].id
    risks = [r.id for r in premortem.list_cards(demo_lib, wid, scope)]
    if not risks:
        premortem.add_risk(demo_lib, wid, premortem.Risk(text="Vendor fails", category="Technical",
                                                         initiative_id=scope))
        risks = [r.id for r in premortem.list_cards(demo_lib, wid, scope)]
    ids = start_private_round(demo_lib, wid, "premortem_vote", scope)
    server, backend = open_room(library_path(data_dir), wid, Task("premortem_vote", scope))
    try:
        c = Client(server)
        c.join(ids[0])
        allowance = premortem.dots_allowance(demo_lib, wid)
        assert c.edit(op="dots", risk=risks[0], dots=allowance).status == 200
        before = premortem.participant_votes(demo_lib, wid, scope, ids[0])
        if len(risks) > 1:
            assert c.edit(op="dots", risk=risks[1], dots=1).status == 400
        others = [r["id"] for r in demo_lib.query("SELECT id FROM risks WHERE initiative_id IS NOT ?", (scope,))]
        for rid in others[:2] + [10**9]:
            assert c.edit(op="dots", risk=rid, dots=1).status in (400, 404)
        assert c.edit(op="dots", risk=risks[0], dots=allowance + 100).status == 400
        assert premortem.participant_votes(demo_lib, wid, scope, ids[0]) == before
        assert c.edit(op="place", initiative=people.list_initiatives(demo_lib, wid)[0].id, x=0.5, y=0.5).status == 400
    finally:
        server.stop()
        backend.close()


@pytest.mark.parametrize("ratings", [{"rationale": 0, "fairness": 3, "escalation": 3},
                                     {"rationale": 6, "fairness": 3, "escalation": 3},
                                     {"rationale": 3, "fairness": 3},
                                     {"rationale": 3, "fairness": "3", "escalation": 3},
                                     {"rationale": 3, "fairness": 3, "escalation": 3, "mood": 1}])
def test_pulse_ratings_are_whole_numbers_one_to_five(demo_lib, data_dir, ratings):
    from tension_desktop.store import session

    wid = demo_lib.demo_id
    ids = start_private_round(demo_lib, wid, "pulse")
    server, backend = open_room(library_path(data_dir), wid, Task("pulse"))
    try:
        c = Client(server)
        c.join(ids[0])
        assert c.edit(op="rate", **ratings).status == 400
        assert session.list_pulse(demo_lib, wid) == []
        assert c.edit(op="rate", rationale=1, fairness=5, escalation=3).status == 200
        assert [(p.participant_id, p.rationale, p.fairness, p.escalation)
                for p in session.list_pulse(demo_lib, wid)] == [(ids[0], 1, 5, 3)]
    finally:
        server.stop()
        backend.close()
