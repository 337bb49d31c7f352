"""The room link: 12 phones on 127.0.0.1 placing and moving at once through the real server
(aiohttp in its own thread) and the store (one transaction per edit, answered after commit).

Figures (nothing fails on a time):
* ``room: edit round trip p95 (ms)``: from sending an edit to the phone holding its answer;
* ``room: 12 phones, server CPU (%)``: the process's CPU time less the phones' own threads,
  over the wall time, as a share of one core;
* ``room: edit round trip through the window p95 (ms)``: the same 12 phones against the
  real window (offscreen): each edit handed to the GUI thread and pushed as the map's
  undo command while the map screen is open;
* ``room: push to 12 phones p95 (ms)``: from a phone's "I am done" being sent to each of
  the 12 phones' WebSockets holding the "changed" notice (the progress they show).

Run: ``.venv/bin/python benchmarks/bench_room.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _results import percentile, record  # noqa: E402

from tension_desktop.room.tasks import Task  # noqa: E402
from tension_desktop.store import library_path, open_library, people  # noqa: E402
from tension_desktop.store.demo import create_demo  # noqa: E402
from tests.room.helpers import add_people, many_phones, open_room, start_private_round  # noqa: E402

SECONDS = 10.0
#: each phone sends its next edit this long after the last answer (4 drops a second per
#: person: far faster than anyone drags a card, 48 edits a second for the room)
PAUSE = 0.25


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lib = open_library(library_path(folder))
        wid = create_demo(lib)
        add_people(lib, wid, 12)
        pids = start_private_round(lib, wid, "tension_map")
        iids = [i.id for i in people.list_initiatives(lib, wid)]
        server, backend = open_room(library_path(folder), wid, Task("tension_map"))
        try:
            cpu0, wall0 = time.process_time(), time.perf_counter()
            runs = many_phones(server, pids, iids, seconds=SECONDS, max_edits=10**6, pause=PAUSE)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        finally:
            server.stop()
            backend.close()
            lib.close()
    latencies = [t for r in runs for t in r.latencies]
    server_cpu = max(0.0, cpu - sum(r.cpu for r in runs))
    edits = sum(r.acked for r in runs)
    print(f"{edits} edits acknowledged from {len(runs)} phones in {wall:.1f} s")
    record("room: edit round trip p95 (ms)", percentile(latencies, 95) * 1000, "ms", goal="< 50 ms on loopback")
    record("room: 12 phones, server CPU (%)", server_cpu / wall * 100, "%",
           goal="one core = 100 %; 12 phones, each an edit every 0.25 s")


def through_the_window() -> None:
    from PySide6.QtWidgets import QApplication

    from tension_desktop.gui.document import WorkshopDocument
    from tension_desktop.gui.tension_map.widget import TensionMapWidget

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        lib = open_library(library_path(Path(tmp)))
        wid = create_demo(lib)
        add_people(lib, wid, 12)
        doc = WorkshopDocument(lib, wid)
        w = TensionMapWidget(doc)
        w.resize(1280, 800)
        w.show()
        w.private.start()
        w.private.room.open("127.0.0.1", 0)
        pids = list(w.private.controller.round.order)
        iids = [i.id for i in people.list_initiatives(lib, wid)]
        out: list = []
        t = threading.Thread(target=lambda: out.extend(many_phones(w.private.room.server, pids, iids,
                                                                   seconds=SECONDS, max_edits=10**6, pause=PAUSE)))
        t.start()
        while t.is_alive():
            app.processEvents()
            time.sleep(0.001)
        w.private.room.close()
        w.close()
        lib.close()
    latencies = [x for r in out for x in r.latencies]
    print(f"{sum(r.acked for r in out)} edits through the window")
    record("room: edit round trip through the window p95 (ms)", percentile(latencies, 95) * 1000, "ms",
           goal="< 50 ms on loopback")


def push(rounds_: int = 40) -> None:
    """12 phones with their sockets open; one of them toggles "I am done" ``rounds_`` times."""
    import asyncio
    import json

    import aiohttp

    from tests.room.helpers import Client

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lib = open_library(library_path(folder))
        wid = create_demo(lib)
        add_people(lib, wid, 12)
        pids = start_private_round(lib, wid, "tension_map")
        server, backend = open_room(library_path(folder), wid, Task("tension_map"))
        phones = [Client(server) for _ in pids]
        for c, pid in zip(phones, pids, strict=True):
            c.join(pid)
        hostport = f"{server.host}:{server.port}"
        delays: list[float] = []

        async def run() -> None:
            async with aiohttp.ClientSession() as session:
                sockets = []
                for c in phones:
                    ws = await session.ws_connect(f"http://{hostport}/r/{server.secret}/api/live",
                                                  headers={"Origin": f"http://{hostport}"})
                    await ws.send_str(json.dumps({"token": c.token}))
                    assert json.loads((await ws.receive()).data)["type"] == "hello"
                    sockets.append(ws)
                for n in range(rounds_):
                    t0 = time.perf_counter()
                    sent = asyncio.create_task(asyncio.to_thread(phones[0].edit, op="done", done=n % 2 == 0))
                    for ws in sockets:
                        msg = await ws.receive(timeout=10)
                        assert json.loads(msg.data)["type"] == "changed"
                        delays.append(time.perf_counter() - t0)
                    await sent
                for ws in sockets:
                    await ws.close()

        try:
            asyncio.run(run())
        finally:
            server.stop()
            backend.close()
            lib.close()
    print(f"{len(delays)} notices pushed")
    record("room: push to 12 phones p95 (ms)", percentile(delays, 95) * 1000, "ms",
           goal="well under the 5 s the page polled every before")


if __name__ == "__main__":
    main()
    through_the_window()
    push()
