"""The room link across a restart of the app: what a reopened room needs so phones need not
rescan (no Qt, no network).

One row per open room (a workshop's private round of one exercise and scope): its join
secret, the address and port it listened on, and the round it belongs to; one row per phone
that joined, holding only the SHA-256 of the phone's session token. A room reopened on the
same round finds them and accepts the same phones; a new round, the coach closing the room
or the round ending forget them (:func:`forget`). These tables are not workshop data: they
are never exported, copied or imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .library import Library

_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SavedRoom:
    """A room as it was when the app last ran: reopen it on ``host``:``port`` with ``secret``;
    ``tokens`` maps participant id -> the SHA-256 of their phone's token."""

    secret: str
    host: str
    port: int
    round_id: int | None
    tokens: dict[int, str] = field(default_factory=dict)


def current_round(lib: Library, workshop_id: int, exercise: str, scope: int | None) -> int | None:
    """The id of the latest private round of ``exercise`` (the one a room serves), or None."""
    rows = lib.query("SELECT id FROM private_rounds WHERE workshop_id = ? AND exercise = ? AND initiative_id IS ? "
                     "ORDER BY number DESC LIMIT 1", (workshop_id, exercise, scope))
    return rows[0]["id"] if rows else None


def _room_id(lib: Library, workshop_id: int, exercise: str, scope: int | None) -> int | None:
    rows = lib.query("SELECT id FROM room_links WHERE workshop_id = ? AND exercise = ? AND initiative_id IS ?",
                     (workshop_id, exercise, scope))
    return rows[0]["id"] if rows else None


def saved_room(lib: Library, workshop_id: int, exercise: str, scope: int | None) -> SavedRoom | None:
    """The room kept for the running round of ``exercise``, or None (none kept, or it
    belonged to an earlier round)."""
    rows = lib.query("SELECT * FROM room_links WHERE workshop_id = ? AND exercise = ? AND initiative_id IS ?",
                     (workshop_id, exercise, scope))
    if not rows:
        return None
    r = rows[0]
    if r["round_id"] != current_round(lib, workshop_id, exercise, scope):
        return None
    tokens = {d["participant_id"]: d["token_hash"]
              for d in lib.query("SELECT participant_id, token_hash FROM room_devices WHERE room_id = ?", (r["id"],))}
    return SavedRoom(r["secret"], r["host"], r["port"], r["round_id"], tokens)


def keep_room(lib: Library, workshop_id: int, exercise: str, scope: int | None, *, secret: str, host: str,
              port: int) -> None:
    """Remember the room just opened (its phones keep theirs if it is the same room)."""
    round_id = current_round(lib, workshop_id, exercise, scope)
    with lib.edit() as db:
        rows = db.execute("SELECT id, secret, round_id FROM room_links WHERE workshop_id = ? AND exercise = ? "
                          "AND initiative_id IS ?", [workshop_id, exercise, scope]).fetchall()
        if rows and (rows[0][1], rows[0][2]) == (secret, round_id):
            db.execute("UPDATE room_links SET host = ?, port = ? WHERE id = ?", [host, port, rows[0][0]])
            return
        db.execute("DELETE FROM room_links WHERE workshop_id = ? AND exercise = ? AND initiative_id IS ?",
                   [workshop_id, exercise, scope])
        db.execute("INSERT INTO room_links (workshop_id, exercise, initiative_id, round_id, secret, host, port) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", [workshop_id, exercise, scope, round_id, secret, host, port])


def _kept_room(lib: Library, workshop_id: int, exercise: str, scope: int | None, keys) -> int | None:
    """The kept room's id (None: no room kept), once every key is a SHA-256 in hex."""
    if not all(_HASH.fullmatch(key) for key in keys):
        raise ValueError("a kept token is a SHA-256 in hex")
    return _room_id(lib, workshop_id, exercise, scope)


def keep_tokens(lib: Library, workshop_id: int, exercise: str, scope: int | None, tokens: dict[int, str]) -> None:
    """The phones that hold a name now: participant id -> SHA-256 of the token (hex)."""
    room = _kept_room(lib, workshop_id, exercise, scope, tokens.values())
    if room is None:
        return
    with lib.edit() as db:
        db.execute("DELETE FROM room_devices WHERE room_id = ?", [room])
        for pid, key in sorted(tokens.items()):
            db.execute("INSERT INTO room_devices (room_id, participant_id, token_hash) VALUES (?, ?, ?)",
                       [room, pid, key])


def keep_token(lib: Library, workshop_id: int, exercise: str, scope: int | None, participant_id: int,
               key: str) -> None:
    """One phone just joined (before it hears its token): keep the token's SHA-256 (hex)."""
    room = _kept_room(lib, workshop_id, exercise, scope, [key])
    if room is None:
        return
    with lib.edit() as db:
        db.execute("INSERT INTO room_devices (room_id, participant_id, token_hash) VALUES (?, ?, ?) "
                   "ON CONFLICT(room_id, participant_id) DO UPDATE SET token_hash = excluded.token_hash",
                   [room, participant_id, key])


def drop_token(lib: Library, workshop_id: int, exercise: str, scope: int | None, participant_id: int) -> None:
    """The coach released a name: that phone's kept token dies too."""
    room = _room_id(lib, workshop_id, exercise, scope)
    if room is None:
        return
    with lib.edit() as db:
        db.execute("DELETE FROM room_devices WHERE room_id = ? AND participant_id = ?", [room, participant_id])


def forget(lib: Library, workshop_id: int, exercise: str, scope: int | None) -> None:
    """The room is closed for good (the coach closed it, the round ended): its secret and
    every phone's token die."""
    with lib.edit() as db:
        db.execute("DELETE FROM room_links WHERE workshop_id = ? AND exercise = ? AND initiative_id IS ?",
                   [workshop_id, exercise, scope])
