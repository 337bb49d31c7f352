"""Soak: 12 phones on 127.0.0.1 place and move at once for a bounded time; no edit is lost
and none is applied twice (the store holds each phone's last acknowledged positions, and
exactly one change per acknowledged edit)."""

from __future__ import annotations

from tension_desktop.room.tasks import Task
from tension_desktop.store import library_path, people
from tension_desktop.store import tension_map as tmap

from .helpers import add_people, many_phones, open_room, start_private_round


def test_twelve_phones_lose_and_duplicate_nothing(demo_lib, data_dir):
    wid = demo_lib.demo_id
    add_people(demo_lib, wid, 12)
    pids = start_private_round(demo_lib, wid, "tension_map")
    assert len(pids) == 12
    iids = [i.id for i in people.list_initiatives(demo_lib, wid)]
    server, backend = open_room(library_path(data_dir), wid, Task("tension_map"))
    try:
        runs = many_phones(server, pids, iids, seconds=6.0, max_edits=60)
    finally:
        server.stop()
        history = {pid: len(changes) for pid, changes in backend.history.items()}
        backend.close()
    stored = {(p.participant_id, p.initiative_id): (p.x, p.y) for p in tmap.list_placements(demo_lib, wid, ("private",))}
    expected = {(r.participant_id, iid): xy for r in runs for iid, xy in r.last.items()}
    assert stored == expected                                 # nothing lost, nothing from elsewhere
    assert all(r.refused == [] for r in runs)
    assert sum(r.acked for r in runs) >= 12 * 5
    # exactly one stored change per acknowledged edit that changed something: none twice
    assert {r.participant_id: r.changed for r in runs} == {pid: history.get(pid, 0) for pid in pids}
