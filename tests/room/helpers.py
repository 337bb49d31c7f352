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


@dataclass
class PhoneRun:
    """What one simulated phone sent and what it was told."""

    participant_id: int
    sent: int = 0
    acked: int = 0
    refused: list[int] | None = None
    latencies: list[float] | None = None
    last: dict[int, tuple[float, float]] | None = None   # initiative -> the last position acknowledged
    cpu: float = 0.0
    changed: int = 0     # acknowledged edits that changed the store


def phone(server: RoomServer, pid: int, initiatives: list[int], *, seconds: float, max_edits: int,
          seed: int, pause: float = 0.0) -> PhoneRun:
    """One phone: join, then place and move initiatives until the time or the count runs out.
    Every edit waits for its answer (as the page does); a refused edit is resent once."""
    import random
    import time

    rnd = random.Random(seed)
    run = PhoneRun(pid, refused=[], latencies=[], last={})
    c = Client(server)
    assert c.join(pid).status == 200
    start_cpu, end = time.thread_time(), time.monotonic() + seconds
    while time.monotonic() < end and run.sent < max_edits:
        iid = rnd.choice(initiatives)
        x, y = round(rnd.random(), 3), round(rnd.random(), 3)
        c.seq += 1
        body = {"seq": c.seq, "op": "place", "initiative": iid, "x": x, "y": y}
        t0 = time.perf_counter()
        r = c.request("POST", "api/edit", body)
        if r.status == 429:  # over the device's rate: the page waits and resends the same edit
            time.sleep(0.2)
            r = c.request("POST", "api/edit", body)
        run.latencies.append(time.perf_counter() - t0)
        run.sent += 1
        if pause:
            time.sleep(pause)
        if r.status == 200:
            run.acked += 1
            run.changed += bool(r.json.get("changed"))
            run.last[iid] = (x, y)
        else:
            run.refused.append(r.status)
    run.cpu = time.thread_time() - start_cpu
    return run


def many_phones(server: RoomServer, pids: list[int], initiatives: list[int], *, seconds: float,
                max_edits: int, pause: float = 0.0) -> list[PhoneRun]:
    """Every phone on a thread of its own, all at once."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(pids)) as pool:
        futures = [pool.submit(phone, server, pid, initiatives, seconds=seconds, max_edits=max_edits, seed=n,
                               pause=pause)
                   for n, pid in enumerate(pids)]
        return [f.result() for f in futures]


def add_people(lib, wid: int, total: int) -> None:
    """Make the workshop's team ``total`` strong (the benchmark and soak use 12)."""
    have = len(people.list_participants(lib, wid))
    for n in range(have, total):
        people.add_participant(lib, wid, f"Executive {n + 1}")
