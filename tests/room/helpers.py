"""Helpers for the room link's tests: a demo library with a running private round, a room
server on 127.0.0.1 backed by the store, and an HTTP client that sets every header itself."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tension_desktop.model.turns import TurnRound
from tension_desktop.room.backend import StoreBackend
from tension_desktop.room.server import Limits, RoomServer
from tension_desktop.room.tasks import Task
from tension_desktop.store import people, rounds, workshops


def start_private_round(lib, wid: int, exercise: str, scope: int | None = None) -> list[int]:
    """Start a private round the way the app's TurnController does; returns the order."""
    ids = [p.id for p in people.list_participants(lib, wid)]
    rounds.start_round(lib, wid, exercise, scope, ids)
    workshops.set_setting(lib, wid, f"turns:{exercise}", TurnRound.start(exercise, ids).to_dict())
    return ids


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    """Talks to one room like a phone's browser, every header spelled out."""

    def __init__(self, server: RoomServer, token: str | None = None) -> None:
        self.server = server
        self.token = token
        self.seq = 0

    @property
    def host(self) -> str:
        return f"{self.server.host}:{self.server.port}"

    def request(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None,
                host: str | None = None, origin: str | None = "same", raw: bytes | None = None,
                secret: str | None = None, absolute: bool = False) -> Reply:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=30)
        try:
            full = path if absolute else f"/r/{secret if secret is not None else self.server.secret}/{path}"
            conn.putrequest(method, full, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host if host is not None else self.host)
            hdrs = dict(headers or {})
            if origin == "same":
                if method == "POST":
                    hdrs.setdefault("Origin", f"http://{self.host}")
            elif origin is not None:
                hdrs["Origin"] = origin
            if self.token:
                hdrs.setdefault("X-Room-Token", self.token)
            data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
            if method == "POST":
                hdrs.setdefault("Content-Type", "application/json")
                hdrs.setdefault("Content-Length", str(len(data)))
            for k, v in hdrs.items():
                conn.putheader(k, v)
            conn.endheaders(data if method == "POST" else None)
            res = conn.getresponse()
            return Reply(res.status, res.read(), {k: v for k, v in res.getheaders()})
        finally:
            conn.close()

    def join(self, pid: int) -> Reply:
        r = self.request("POST", "api/join", {"participant": pid}, headers={"X-Room-Join": "1"})
        if r.status == 200:
            self.token = r.json["token"]
        return r

    def edit(self, **edit: Any) -> Reply:
        self.seq += 1
        return self.request("POST", "api/edit", {"seq": self.seq, **edit})


def open_room(path: Path, wid: int, task: Task, limits: Limits | None = None) -> tuple[RoomServer, StoreBackend]:
    backend = StoreBackend(path, wid, task)
    server = RoomServer(backend, "127.0.0.1", 0, limits=limits)
    server.start()
    return server, backend
