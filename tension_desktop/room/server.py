"""The room link's web server: aiohttp in its own thread with its own event loop.

Security, in the order a request meets it (every refusal stores nothing):

1. a rate limit per remote address (unknown callers) and per device (after joining);
2. the ``Host`` header must be exactly the room's address and port (DNS rebinding), and an
   ``Origin``, when present, exactly ``http://`` + that address; no CORS header is ever sent
   (a preflight gets no answer that allows anything);
3. the path must start with ``/r/<secret>/``: the room's fresh random join secret, carried
   in the QR code (compared in constant time);
4. static files only from the packaged ``static/`` folder, by name from a fixed list read
   at start (no path is ever joined with what a request says);
5. writes are JSON ``POST`` with an ``Origin`` and a custom header (``X-Room-Token``: the
   device's session token, or ``X-Room-Join`` to join): a form or an image on another site
   can send neither (CSRF); bodies over :data:`~.protocol.MAX_BODY` are refused;
6. a session token names one participant of the round; the participant is taken from the
   token, never from the message, so a device can only write its own inputs and only read
   its own state. One device per name; the coach may release a name. The server keeps only
   a SHA-256 of each token; the backend stores it with the join (``Request.key``, before the
   phone hears its token) so a room reopened on the same round after a restart of the app
   accepts the same phones. Tokens
   die when the coach closes the room or the round ends.
7. push: ``GET api/live`` upgrades to a WebSocket (same Host, Origin (required) and secret
   checks; the device's token is its first message, since a browser cannot set headers on a
   WebSocket). The server then pushes small notices: ``changed`` (fetch your state again),
   ``released`` (your name was freed), ``closed`` (the room or the round ended; says why).
   Messages from the phone are bounded (:data:`MAX_WS_MESSAGE` bytes) and rate limited; one
   socket per device (a new one replaces the old), at most :data:`MAX_SOCKETS` in all. The
   page falls back to polling while its socket is down.

Edits go to the :class:`Backend` (the GUI's document, or the store directly in tests); the
phone is answered only after the backend says the store committed the edit.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hashlib
import hmac
import ipaddress
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from aiohttp import WSCloseCode, WSMsgType, web

from .protocol import MAX_BODY, Edit, Refused, load_json, parse_edit, parse_join

STATIC_DIR = Path(__file__).with_name("static")
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",   # the secret is in the address: never pass it on
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
_REST = web.RequestKey("room_rest", str)
_DEVICE = web.RequestKey("room_device", object)
#: how long the server waits for the backend (the GUI thread) to commit an edit
BACKEND_TIMEOUT = 15.0
#: the largest WebSocket message a phone may send (its token, as JSON)
MAX_WS_MESSAGE = 256
#: how long a new socket may take to send its token
WS_AUTH_TIMEOUT = 5.0
#: open sockets in all (one per device; the rest wait for their token)
MAX_SOCKETS = 128
#: what a phone is told when the room ends (the page shows it instead of "Offline")
CLOSED_MESSAGES = {
    "closed": "The coach closed the room.",
    "ended": "The round has ended: look at the shared screen.",
}
#: WebSocket close codes the page understands (4000-4999 are the application's)
WS_CLOSED, WS_NO_TOKEN, WS_FLOOD, WS_REPLACED = 4000, 4401, 4429, 4409


def token_hash(token: str) -> str:
    """What the server (and the library) keeps of a device token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Request:
    """One call into the backend: ``op`` is 'roster', 'state', 'join', 'edit' or 'undo'."""

    op: str
    participant_id: int | None = None
    edit: Edit | None = None
    #: a join: the SHA-256 of the token the phone will get (kept before the phone hears it)
    key: str | None = None


class Backend(Protocol):
    """What the server needs from the app. ``submit`` may be called from the server's thread;
    it runs the request where the library lives and resolves the future with a JSON-able
    dict (or :class:`Refused`) once the store committed."""

    def submit(self, request: Request) -> concurrent.futures.Future: ...

    def devices_changed(self, joined: dict[int, float]) -> None:
        """Participant id -> when their device was last seen (monotonic seconds); any thread."""

    def tokens_changed(self, tokens: dict[int, str]) -> None:
        """Participant id -> the SHA-256 of their device's token (to keep the room across a
        restart of the app); any thread. May do nothing."""


@dataclass
class Bucket:
    """A token bucket: ``rate`` requests a second, bursts of ``capacity``."""

    rate: float
    capacity: float
    level: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        if self.level < 0:
            self.level = self.capacity
        self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.level >= 1.0:
            self.level -= 1.0
            return True
        return False


@dataclass
class Device:
    #: the SHA-256 of the device's token (the token itself is never kept)
    key: str
    participant_id: int
    bucket: Bucket
    last_seq: int = 0
    last_reply: dict | None = None
    seen: float = field(default_factory=time.monotonic)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    socket: web.WebSocketResponse | None = None


@dataclass(frozen=True)
class Limits:
    """Rate limits: per device after joining, and per remote address for everything else."""

    device_rate: float = 20.0
    device_burst: float = 40.0
    address_rate: float = 10.0
    address_burst: float = 30.0


def host_header(host: str, port: int) -> str:
    """The exact ``Host`` a browser sends for the room's address."""
    ip = ipaddress.ip_address(host)
    return f"[{ip}]:{port}" if ip.version == 6 else f"{ip}:{port}"


class RoomServer:
    """One open room: a fresh secret, the device tokens, the HTTP server on one address.

    ``start()`` returns once the server listens (or raises OSError); ``stop()`` closes it,
    and every token dies with it. Thread-safe: ``release``/``stop`` may be called from the
    GUI thread."""

    def __init__(self, backend: Backend, host: str, port: int = 0, *, limits: Limits | None = None,
                 secret_bytes: int = 9, secret: str | None = None, tokens: dict[int, str] | None = None) -> None:
        ipaddress.ip_address(host)  # a literal address of one interface, never a name
        if ipaddress.ip_address(host).is_unspecified:
            raise ValueError("the room binds to one interface, never to all of them")
        self.backend = backend
        self.host = host
        self.port = port
        self.limits = limits or Limits()
        #: the join secret (72 bits by default: short enough to type, and requests are rate limited);
        #: a room reopened on the same round after a restart keeps its secret (``secret``)
        self.secret = secret or secrets.token_urlsafe(secret_bytes)
        #: token hash -> device; participant id -> device (``tokens``: hashes kept from before a restart)
        self.devices: dict[str, Device] = {}
        self.claims: dict[int, Device] = {}
        for pid, key in (tokens or {}).items():
            self._add_device(Device(key, pid, self._device_bucket()))
        self.sockets: set[web.WebSocketResponse] = set()
        self._sending: set[asyncio.Future] = set()
        self.ending: str | None = None
        self.addresses: dict[str, Bucket] = {}
        self.files = {p.name: (p.read_bytes(), CONTENT_TYPES[p.suffix]) for p in sorted(STATIC_DIR.iterdir())
                      if p.is_file() and p.suffix in CONTENT_TYPES}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stopping: asyncio.Event | None = None

    # -- life cycle ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The address the QR code carries (with the secret)."""
        return f"http://{host_header(self.host, self.port)}/r/{self.secret}/"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 10.0) -> None:
        self._thread = threading.Thread(target=self._run, name="room-link", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise OSError("the room did not start in time")
        if self._error is not None:
            self._thread.join(timeout)
            raise OSError(str(self._error)) from self._error

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            self._error = exc
            self._ready.set()
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._stopping = asyncio.Event()
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True, backlog=64)
        await site.start()
        if self.port == 0:
            self.port = self._runner.addresses[0][1]
        self._ready.set()
        await self._stopping.wait()
        # every phone hears why its socket closes: the room or the round ended (tokens die),
        # or only the app is going away (tokens kept: the phones fall back to polling)
        reason = self.ending
        for ws in list(self.sockets):
            with contextlib.suppress(ConnectionError, RuntimeError):  # a phone that went away
                if reason is not None:
                    await ws.send_str(json.dumps({"type": "closed", "reason": reason,
                                                  "message": CLOSED_MESSAGES[reason]}))
                    await ws.close(code=WS_CLOSED, message=reason.encode())
                else:
                    await ws.close(code=WSCloseCode.GOING_AWAY, message=b"the laptop is going away")
        await self._runner.cleanup()

    def stop(self, timeout: float = 10.0, *, reason: str | None = None) -> None:
        """Stop listening. ``reason`` 'closed' (the coach closed the room) or 'ended' (the
        round ended) tells every phone so; None (the app quits, the workshop closes) only
        goes away. Either way the tokens leave this server's memory."""
        if reason is not None and reason not in CLOSED_MESSAGES:
            raise ValueError(f"reason: must be one of {', '.join(CLOSED_MESSAGES)}")
        self.ending = reason
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive() and self._stopping is not None:
            loop.call_soon_threadsafe(self._stopping.set)
            thread.join(timeout)
        self.devices.clear()
        self.claims.clear()

    def release(self, participant_id: int) -> None:
        """The coach frees a name: that device's token dies, another device may claim it."""
        self._in_loop(lambda: self._release(participant_id))

    def notify(self) -> None:
        """Tell every connected phone that the round changed (progress, a reveal coming):
        they fetch their own state again. Any thread."""
        self._in_loop(lambda: self._broadcast({"type": "changed"}))

    def _release(self, participant_id: int) -> None:
        dev = self.claims.pop(participant_id, None)
        if dev is not None:
            self.devices.pop(dev.key, None)
            if dev.socket is not None:
                self._send(dev.socket, {"type": "released"}, close=WS_NO_TOKEN)
        self._tell()

    def _in_loop(self, fn: Callable[[], None]) -> None:
        if self._loop is not None and self.running:
            self._loop.call_soon_threadsafe(fn)

    def _tell(self) -> None:
        self.backend.devices_changed({pid: d.seen for pid, d in self.claims.items()})
        tokens_changed = getattr(self.backend, "tokens_changed", None)
        if tokens_changed is not None:
            tokens_changed({pid: d.key for pid, d in self.claims.items()})

    def _device_bucket(self) -> Bucket:
        return Bucket(self.limits.device_rate, self.limits.device_burst)

    def _add_device(self, dev: Device) -> None:
        self.devices[dev.key] = dev
        self.claims[dev.participant_id] = dev

    def _send(self, ws: web.WebSocketResponse, message: dict, *, close: int | None = None) -> None:
        async def go() -> None:
            with contextlib.suppress(ConnectionError, RuntimeError):  # a phone that went away
                await ws.send_str(json.dumps(message))
                if close is not None:
                    await ws.close(code=close)
        task = asyncio.ensure_future(go())
        self._sending.add(task)  # held until done (the loop keeps only a weak reference)
        task.add_done_callback(self._sending.discard)

    def _broadcast(self, message: dict) -> None:
        for dev in self.claims.values():
            if dev.socket is not None and not dev.socket.closed:
                self._send(dev.socket, message)

    # -- the guard every request passes ----------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        try:
            response = await self._checked(request, handler)
        except Refused as exc:
            response = web.json_response({"error": exc.message}, status=exc.status)
        except web.HTTPException as exc:  # aiohttp's own refusals (413 too large, ...)
            response = web.json_response({"error": exc.reason}, status=exc.status)
        if not response.prepared:  # a WebSocket sent its headers when it opened
            response.headers.update(SECURITY_HEADERS)
        return response

    async def _checked(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        token = request.headers.get("X-Room-Token", "")
        device = self.devices.get(token_hash(token)) if 0 < len(token) <= 128 else None
        if device is not None:
            if not device.bucket.take():
                raise Refused(429, "too many requests from this device")
        else:
            address = request.remote or "?"
            bucket = self.addresses.get(address)
            if bucket is None:
                if len(self.addresses) > 4096:
                    self.addresses.clear()
                bucket = self.addresses[address] = Bucket(self.limits.address_rate, self.limits.address_burst)
            if not bucket.take():
                raise Refused(429, "too many requests")
        expected = host_header(self.host, self.port)
        if request.headers.get("Host", "") != expected:
            raise Refused(421, "wrong host")
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{expected}":
            raise Refused(403, "wrong origin")
        parts = request.path.split("/")
        # "", "r", secret, rest...
        if len(parts) < 4 or parts[1] != "r" or not hmac.compare_digest(parts[2].encode(), self.secret.encode()):
            raise Refused(404, "not found")
        request[_REST] = "/".join(parts[3:])
        request[_DEVICE] = device
        if request.method == "POST":
            if origin is None:
                raise Refused(403, "a write needs an origin")
            if request.content_type != "application/json":
                raise Refused(415, "a write is JSON")
            if request.content_length is None or request.content_length > MAX_BODY:
                raise Refused(413, "message too large")
        elif request.method != "GET":
            raise Refused(405, "method not allowed")
        return await handler(request)

    # -- routes ----------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        rest: str = request[_REST]
        if request.method == "GET":
            if rest == "":
                return self._file("index.html")
            if rest.startswith("static/"):
                return self._file(rest[len("static/"):])
            if rest == "api/roster":
                return await self._roster()
            if rest == "api/state":
                return await self._state(request)
            if rest == "api/live":
                return await self._live(request)
        elif rest == "api/join":
            return await self._join(request)
        elif rest == "api/edit":
            return await self._edit(request)
        raise Refused(404, "not found")

    def _file(self, name: str) -> web.Response:
        found = self.files.get(name)
        if found is None:
            raise Refused(404, "not found")
        body, ctype = found
        return web.Response(body=body, headers={"Content-Type": ctype})

    async def _call(self, req: Request) -> dict:
        future = self.backend.submit(req)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), BACKEND_TIMEOUT)
        except TimeoutError:
            raise Refused(503, "the laptop is busy; try again") from None

    def _device(self, request: web.Request) -> Device:
        device: Device | None = request[_DEVICE]
        if device is None:
            raise Refused(401, "join the room first")
        device.seen = time.monotonic()
        return device

    async def _roster(self) -> web.Response:
        people = (await self._call(Request("roster")))["people"]
        for p in people:
            p["taken"] = p["id"] in self.claims
        return web.json_response({"people": people})

    async def _state(self, request: web.Request) -> web.Response:
        device = self._device(request)
        out = await self._call(Request("state", device.participant_id))
        out["seq"] = device.last_seq
        return web.json_response(out)

    async def _body(self, request: web.Request) -> dict[str, Any]:
        return load_json(await request.content.read(MAX_BODY + 1))

    async def _join(self, request: web.Request) -> web.Response:
        if request.headers.get("X-Room-Join") != "1":
            raise Refused(403, "a join needs the room's header")
        pid = parse_join(await self._body(request))
        if pid in self.claims:
            raise Refused(409, "this name is taken on another device; ask the coach to release it")
        token = secrets.token_urlsafe(32)
        await self._call(Request("join", pid, key=token_hash(token)))  # refuses a name that is not in the round
        if pid in self.claims:  # claimed while the backend answered
            raise Refused(409, "this name is taken on another device; ask the coach to release it")
        self._add_device(Device(token_hash(token), pid, self._device_bucket()))
        self._tell()
        return web.json_response({"token": token, "participant": pid})

    async def _edit(self, request: web.Request) -> web.Response:
        device = self._device(request)
        edit = parse_edit(await self._body(request))
        async with device.lock:  # one edit of a device at a time, in the order sent
            if self.devices.get(device.key) is not device:
                raise Refused(401, "this device was released")
            if edit.seq == device.last_seq and device.last_reply is not None:
                return web.json_response({**device.last_reply, "repeat": True})  # a resend: never twice
            if edit.seq < device.last_seq:
                raise Refused(409, "an older edit: already superseded")
            reply = await self._call(Request("undo" if edit.op == "undo" else "edit", device.participant_id, edit))
            device.last_seq, device.last_reply = edit.seq, {**reply, "seq": edit.seq}
        if edit.op == "done":  # the room's progress moved: every phone shows it
            self._broadcast({"type": "changed"})
        return web.json_response(device.last_reply)

    async def _live(self, request: web.Request) -> web.StreamResponse:
        """The push channel: a WebSocket whose first message is the device's token."""
        if request.headers.get("Origin") is None:
            raise Refused(403, "a live connection needs an origin")
        if len(self.sockets) >= MAX_SOCKETS:
            raise Refused(503, "too many connections")
        ws = web.WebSocketResponse(max_msg_size=MAX_WS_MESSAGE, heartbeat=20.0, autoping=True,
                                   compress=False)
        if not ws.can_prepare(request).ok:
            raise Refused(400, "a live connection is a WebSocket")
        await ws.prepare(request)
        self.sockets.add(ws)
        device: Device | None = None
        try:
            try:
                first = await ws.receive(timeout=WS_AUTH_TIMEOUT)
            except TimeoutError:
                await ws.close(code=WS_NO_TOKEN, message=b"join the room first")
                return ws
            device = self._socket_device(first)
            if device is None:
                await ws.close(code=WS_NO_TOKEN, message=b"join the room first")
                return ws
            if device.socket is not None and not device.socket.closed:  # one socket per device
                self._send(device.socket, {"type": "replaced"}, close=WS_REPLACED)
            device.socket = ws
            device.seen = time.monotonic()
            await ws.send_str(json.dumps({"type": "hello"}))
            async for msg in ws:  # the phone has nothing more to say: anything it sends is counted
                if msg.type != WSMsgType.TEXT or not device.bucket.take():
                    await ws.close(code=WS_FLOOD, message=b"too many messages")
                    break
            return ws
        finally:
            self.sockets.discard(ws)
            if device is not None and device.socket is ws:
                device.socket = None

    def _socket_device(self, msg: Any) -> Device | None:
        """The device a socket's first message names (its token), or None."""
        if msg.type != WSMsgType.TEXT:
            return None
        try:
            data = load_json(msg.data.encode("utf-8"))
        except Refused:
            return None
        token = data.get("token")
        if set(data) != {"token"} or not isinstance(token, str) or not 0 < len(token) <= 128:
            return None
        return self.devices.get(token_hash(token))

