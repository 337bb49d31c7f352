"""The room link's push channel (a WebSocket on 127.0.0.1) and a room surviving a restart
of the app: the same security checks as every other request, bounded messages, floods cut
off, a closed room said plainly, old tokens accepted by a room reopened on the same round."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from tension_desktop.room import server as room_server
from tension_desktop.room.backend import StoreBackend
from tension_desktop.room.server import RoomServer
from tension_desktop.room.tasks import Task
from tension_desktop.store import library_path, open_library, people, room_links
from tension_desktop.store import tension_map as tmap

from .helpers import Client, open_room, start_private_round


@pytest.fixture
def room(demo_lib, data_dir):
    wid = demo_lib.demo_id
    ids = start_private_round(demo_lib, wid, "tension_map")
    server, backend = open_room(library_path(data_dir), wid, Task("tension_map"))
    yield demo_lib, wid, ids, server
    server.stop()
    backend.close()


def private_placements(lib, wid) -> list[tuple]:
    return [(p.participant_id, p.initiative_id, p.x, p.y) for p in tmap.list_placements(lib, wid, ("private",))]


async def _socket(server: RoomServer, *, origin: str | None = "same", host: str | None = None,
                  secret: str | None = None, first: str | bytes | None = None, token: str | None = None,
                  then: list[str] | None = None, expect: int = 1, timeout: float = 10.0) -> dict:
    """Open the live socket like a phone's browser, send ``first`` (or the token) and the
    ``then`` messages, read up to ``expect`` messages; returns what happened."""
    hostport = f"{server.host}:{server.port}"
    headers = {"Host": host if host is not None else hostport}
    if origin == "same":
        headers["Origin"] = f"http://{hostport}"
    elif origin is not None:
        headers["Origin"] = origin
    url = f"http://{hostport}/r/{secret if secret is not None else server.secret}/api/live"
    out: dict = {"status": None, "messages": [], "close": None}
    async with aiohttp.ClientSession(skip_auto_headers=("User-Agent",)) as session:
        try:
            ws = await session.ws_connect(url, headers=headers, autoping=True, max_msg_size=0)
        except aiohttp.WSServerHandshakeError as exc:
            out["status"] = exc.status
            return out
        out["status"] = 101
        if first is not None:
            await (ws.send_bytes(first) if isinstance(first, bytes) else ws.send_str(first))
        elif token is not None:
            await ws.send_str(json.dumps({"token": token}))
        for m in then or ():
            if ws.closed:
                break
            try:
                await ws.send_str(m)
            except ConnectionError:
                break
        while len(out["messages"]) < expect:
            msg = await ws.receive(timeout=timeout)
            if msg.type == aiohttp.WSMsgType.TEXT:
                out["messages"].append(json.loads(msg.data))
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED):
                break
        if not ws.closed and out["messages"] and out["messages"][-1].get("type") in ("released", "closed"):
            await ws.receive(timeout=timeout)  # the close frame that follows
        out["close"] = ws.close_code
        await ws.close()
    return out


def socket(server: RoomServer, **kw) -> dict:
    return asyncio.run(_socket(server, **kw))


def no_sockets(server: RoomServer) -> bool:
    """Once the server has finished with the sockets that closed (it may learn of a close a
    moment after the phone): no socket is left open."""
    import time

    end = time.monotonic() + 5.0
    while server.sockets and time.monotonic() < end:
        time.sleep(0.02)
    return not server.sockets


def test_a_joined_phone_hears_progress_a_notice_and_its_release_by_push(room):
    lib, wid, ids, server = room
    a, b = Client(server), Client(server)
    assert a.join(ids[0]).status == 200 and b.join(ids[1]).status == 200

    async def scenario() -> list[dict]:
        task = asyncio.create_task(_socket(server, token=a.token, expect=4))
        await asyncio.sleep(0.5)
        # another phone says it is done: every phone hears that the round changed
        assert (await asyncio.to_thread(b.edit, op="done", done=True)).status == 200
        await asyncio.sleep(0.3)
        server.notify()            # the laptop: a turn passed on the shared screen
        await asyncio.sleep(0.3)
        server.release(ids[0])     # the coach frees this phone's name
        return await task

    out = asyncio.run(scenario())
    assert out["status"] == 101
    assert [m["type"] for m in out["messages"]] == ["hello", "changed", "changed", "released"]
    assert out["close"] == room_server.WS_NO_TOKEN
    assert all(set(m) == {"type"} for m in out["messages"])   # notices only: never anyone's content


@pytest.mark.parametrize("first", [None, "", "hello", '{"token": "forged"}', "[]", '{"token": 7}',
                                   '{"token": "x", "participant": 1}', b"\x00\x01binary"])
def test_a_socket_without_a_valid_token_is_closed_and_hears_nothing(room, first, monkeypatch):
    lib, wid, ids, server = room
    monkeypatch.setattr(room_server, "WS_AUTH_TIMEOUT", 0.5)   # read at connect time: no token in time
    Client(server).join(ids[0])
    before = private_placements(lib, wid)
    out = socket(server, first=first, expect=1)
    assert out["status"] == 101 and out["messages"] == [] and out["close"] == room_server.WS_NO_TOKEN
    assert private_placements(lib, wid) == before and no_sockets(server)


@pytest.mark.parametrize("origin, host, secret, status", [
    (None, None, None, 403),                        # a page's script always sends an Origin
    ("http://evil.example", None, None, 403),       # another site's page (cross-site WebSocket hijacking)
    ("null", None, None, 403),
    ("same", "evil.example:80", None, 421),         # DNS rebinding
    ("same", None, "wrong-secret", 404),
])
def test_a_socket_from_elsewhere_is_refused_before_it_opens(room, origin, host, secret, status):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])
    out = socket(server, origin=origin, host=host, secret=secret, token=a.token)
    assert out["status"] == status and no_sockets(server)


def test_a_plain_get_of_the_socket_is_refused(room):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])
    assert a.request("GET", "api/live", origin=f"http://{a.host}").status == 400


def test_an_oversized_socket_message_closes_the_socket(room):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])
    big = json.dumps({"token": a.token, "pad": "x" * room_server.MAX_WS_MESSAGE})
    out = socket(server, first=big, expect=1)
    assert out["messages"] == [] and out["close"] == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    # after the token, too: the phone has nothing long to say
    out = socket(server, token=a.token, then=["x" * (room_server.MAX_WS_MESSAGE + 1)], expect=2)
    assert [m["type"] for m in out["messages"]] == ["hello"]
    assert out["close"] == aiohttp.WSCloseCode.MESSAGE_TOO_BIG


def test_a_socket_flood_is_cut_off_within_the_device_burst(room):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])
    burst = int(server.limits.device_burst)
    out = socket(server, token=a.token, then=["{}"] * (burst * 3), expect=2)
    assert [m["type"] for m in out["messages"]] == ["hello"]
    assert out["close"] == room_server.WS_FLOOD
    assert no_sockets(server)


def test_socket_openings_count_against_the_address_limit_and_the_total(room, monkeypatch):
    lib, wid, ids, server = room
    server.limits = room_server.Limits(address_rate=0.5, address_burst=5)
    server.addresses.clear()
    statuses = [socket(server, first="no token", expect=1)["status"] for _ in range(8)]
    assert statuses.count(429) >= 3 and 101 in statuses          # bounded in count, whatever the timing
    assert no_sockets(server)


def test_one_socket_per_device_a_new_one_replaces_the_old(room):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])

    async def scenario() -> tuple[dict, dict]:
        old = asyncio.create_task(_socket(server, token=a.token, expect=3))
        await asyncio.sleep(0.5)
        new = await _socket(server, token=a.token, expect=1)
        return await old, new

    old, new = asyncio.run(scenario())
    assert [m["type"] for m in old["messages"]] == ["hello", "replaced"] and old["close"] == room_server.WS_REPLACED
    assert [m["type"] for m in new["messages"]] == ["hello"]


@pytest.mark.parametrize("reason, message", [("closed", "The coach closed the room."),
                                             ("ended", "The round has ended: look at the shared screen.")])
def test_a_closed_room_tells_the_phone_why(room, reason, message):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])

    async def scenario() -> dict:
        task = asyncio.create_task(_socket(server, token=a.token, expect=3))
        await asyncio.sleep(0.5)
        await asyncio.to_thread(server.stop, reason=reason)
        return await task

    out = asyncio.run(scenario())
    assert out["messages"] == [{"type": "hello"}, {"type": "closed", "reason": reason, "message": message}]
    assert out["close"] == room_server.WS_CLOSED


def test_the_app_going_away_is_not_a_closed_room(room):
    lib, wid, ids, server = room
    a = Client(server)
    a.join(ids[0])

    async def scenario() -> dict:
        task = asyncio.create_task(_socket(server, token=a.token, expect=3))
        await asyncio.sleep(0.5)
        await asyncio.to_thread(server.stop)
        return await task

    out = asyncio.run(scenario())
    assert [m["type"] for m in out["messages"]] == ["hello"]           # no "closed": the phone waits
    assert out["close"] == aiohttp.WSCloseCode.GOING_AWAY


# -- a restart of the app ----------------------------------------------------------------------

def _open_kept(path, wid: int, task: Task, port: int = 0) -> tuple[RoomServer, StoreBackend]:
    """Open the room the way the app does: the kept one for this round if there is one."""
    backend = StoreBackend(path, wid, task)
    kept = backend.saved()
    server = RoomServer(backend, "127.0.0.1", kept.port if kept else port,
                        secret=kept.secret if kept else None, tokens=kept.tokens if kept else None)
    server.start()
    backend.keep_room(server.secret, server.host, server.port)
    return server, backend


def test_after_a_restart_the_reopened_room_accepts_the_old_token(demo_lib, data_dir):
    lib, wid = demo_lib, demo_lib.demo_id
    ids = start_private_round(lib, wid, "tension_map")
    iids = [i.id for i in people.list_initiatives(lib, wid)]
    path = library_path(data_dir)
    task = Task("tension_map")
    server, backend = _open_kept(path, wid, task)
    phone = Client(server)
    assert phone.join(ids[0]).status == 200
    assert phone.edit(op="place", initiative=iids[0], x=0.2, y=0.3).status == 200
    token, secret, port = phone.token, server.secret, server.port
    # the app quits: the server stops, the library closes (the phones' tokens stay kept)
    server.stop()
    backend.close()
    lib.close()
    kept_file = path.read_bytes()
    assert token.encode() not in kept_file and secret.encode() in kept_file  # only the token's hash is kept

    lib = open_library(path)                         # the app starts again, opens the library
    try:
        server, backend = _open_kept(path, wid, task)
        try:
            assert (server.secret, server.port) == (secret, port)     # the same address: no rescan
            phone.server = server
            assert phone.request("GET", "api/state").status == 200
            assert phone.edit(op="place", initiative=iids[1], x=0.7, y=0.6).status == 200
            assert sorted(private_placements(lib, wid)) == sorted([(ids[0], iids[0], 0.2, 0.3),
                                                                   (ids[0], iids[1], 0.7, 0.6)])
            assert Client(server).join(ids[0]).status == 409           # the name is still taken
            assert socket(server, token=token)["messages"] == [{"type": "hello"}]
        finally:
            server.stop(reason="closed")
            backend.forget()                          # the coach closed the room: the tokens die
            backend.close()
        server, backend = _open_kept(path, wid, task)
        try:
            assert server.secret != secret
            phone.server = server
            assert phone.request("GET", "api/state", secret=secret).status == 404
            assert phone.request("GET", "api/state").status == 401
            assert room_links.saved_room(lib, wid, "tension_map", None).tokens == {}
        finally:
            server.stop()
            backend.close()
    finally:
        lib.close()


def test_a_new_round_does_not_take_the_old_rooms_tokens(demo_lib, data_dir):
    lib, wid = demo_lib, demo_lib.demo_id
    ids = start_private_round(lib, wid, "tension_map")
    path, task = library_path(data_dir), Task("tension_map")
    server, backend = _open_kept(path, wid, task)
    phone = Client(server)
    phone.join(ids[0])
    server.stop()
    backend.close()
    assert room_links.saved_room(lib, wid, "tension_map", None) is not None
    start_private_round(lib, wid, "tension_map")     # round 2: the kept room was round 1's
    assert room_links.saved_room(lib, wid, "tension_map", None) is None
    server, backend = _open_kept(path, wid, task)
    try:
        phone.server = server
        assert phone.request("GET", "api/state").status == 401
    finally:
        server.stop()
        backend.close()


def test_kept_tokens_must_be_hashes(demo_lib):
    with pytest.raises(ValueError):
        room_links.keep_tokens(demo_lib, demo_lib.demo_id, "tension_map", None, {1: "a-raw-token"})
