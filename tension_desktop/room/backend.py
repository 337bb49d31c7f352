"""A backend that runs the room's requests on the store directly, in one worker thread.

The GUI has its own backend (gui/room.py: the requests run on the GUI thread through the
document and its undo commands). This one serves the protocol and security tests, the soak
test and the benchmark without Qt: same planning (:mod:`.tasks`), same rules, one
transaction per edit, answered only after the commit.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tension_desktop.model.validation import ValidationError
from tension_desktop.store import StoreError, room_links
from tension_desktop.store.library import Library, open_library

from . import tasks
from .protocol import Refused
from .server import Request


def handle(lib: Library, workshop_id: int, task: tasks.Task, request: Request,
           history: dict[int, list[tasks.Change]],
           write: Callable[[tasks.Change, bool], None] | None = None) -> dict[str, Any]:
    """Run one request on ``lib`` (the thread that owns it). ``history`` keeps each phone's
    changes for its undo; ``write(change, undo)`` writes a change (default: the store)."""
    pid = request.participant_id
    put = write or (lambda change, undo: tasks.write(lib, workshop_id, change, undo=undo))
    try:
        if request.op == "roster":
            return {"people": tasks.roster(lib, workshop_id, task)}
        assert pid is not None
        if request.op == "join":
            tasks.join(lib, workshop_id, task, pid)
            if request.key:  # kept before the phone hears its token: a restart cannot lose it
                room_links.keep_token(lib, workshop_id, task.exercise, task.scope, pid, request.key)
            return {"ok": True}
        if request.op == "state":
            return tasks.state(lib, workshop_id, task, pid)
        if request.op == "undo":
            tasks.require_open(lib, workshop_id, task, pid)
            mine = history.get(pid, [])
            if not mine:
                return {"ok": True, "changed": False}
            put(mine.pop(), True)
            return {"ok": True, "changed": True}
        edit = request.edit
        assert edit is not None
        if edit.op == "done":
            tasks.mark_done(lib, workshop_id, task, pid, bool(edit.done))
            return {"ok": True, "changed": True}
        change = tasks.plan(lib, workshop_id, task, pid, edit)
        if change is None:
            return {"ok": True, "changed": False}
        put(change, False)
        history.setdefault(pid, []).append(change)
        return {"ok": True, "changed": True}
    except (ValidationError, StoreError) as exc:
        raise Refused(400, str(exc)) from None


class StoreBackend:
    """Serves one room from a library file, in its own worker thread (its own connection)."""

    def __init__(self, path: Path, workshop_id: int, task: tasks.Task) -> None:
        self.workshop_id = workshop_id
        self.task = task
        self.history: dict[int, list[tasks.Change]] = {}
        self.joined: dict[int, float] = {}
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="room-store")
        self.lib: Library = self._pool.submit(open_library, path, lock=False).result()

    def submit(self, request: Request) -> concurrent.futures.Future:
        return self._pool.submit(handle, self.lib, self.workshop_id, self.task, request, self.history)

    def devices_changed(self, joined: dict[int, float]) -> None:
        self.joined = dict(joined)

    def tokens_changed(self, tokens: dict[int, str]) -> None:
        """Keep the phones' token hashes in the library (a room reopened after a restart)."""
        self._pool.submit(room_links.keep_tokens, self.lib, self.workshop_id, self.task.exercise, self.task.scope,
                          dict(tokens))

    def saved(self) -> room_links.SavedRoom | None:
        """The room kept for this round from an earlier run, or None."""
        return self._pool.submit(room_links.saved_room, self.lib, self.workshop_id, self.task.exercise,
                                 self.task.scope).result()

    def keep_room(self, secret: str, host: str, port: int) -> None:
        """Remember the room just opened (the GUI does the same in its controller)."""
        self._pool.submit(lambda: room_links.keep_room(self.lib, self.workshop_id, self.task.exercise, self.task.scope,
                                                       secret=secret, host=host, port=port)).result()

    def forget(self) -> None:
        """The room closed for good: its secret and tokens leave the library."""
        self._pool.submit(room_links.forget, self.lib, self.workshop_id, self.task.exercise, self.task.scope).result()

    def close(self) -> None:
        self._pool.submit(self.lib.close).result()
        self._pool.shutdown()
