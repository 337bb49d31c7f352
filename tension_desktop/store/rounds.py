"""Private rounds as history: numbered rounds, who had a turn, the inputs each round ended with.

One mechanism for every private exercise (the tension map, the board, the pre-mortem dot
vote, the pulse check). An exercise is described once by an :class:`Inputs` entry in
:data:`EXERCISES`: which table holds its inputs, which rows belong to one board (scope),
which of them are still hidden, and how a reveal turns hidden rows into the room's.

* :func:`start_round`: a new round starts empty. Whatever the room saw (the live inputs)
  stays in the history (as an ``open`` round when no revealed round holds it already) and
  leaves the live table, so a person who is skipped shows as skipped, never with the
  positions of an earlier round.
* :func:`mark_turn`: a turn is ``done`` or ``skipped``.
* :func:`reveal` / :func:`unreveal`: the one stored reveal, exact to undo: the hidden
  inputs become the room's, the round records the inputs it ended with and its reveal
  time, and the round's turn state (a workshop setting) ends with it.
* :func:`history`, :func:`round_inputs`, :func:`moves`: compare rounds ("how did positions
  move between round 1 and round 2?").
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .library import Library

KIND = "private_rounds"


@dataclass(frozen=True)
class Inputs:
    """Where one exercise keeps its inputs, and what its reveal does."""

    table: str
    #: SQL selecting the exercise's rows of a scope: ``(where, params(workshop, scope))``
    scope: Callable[[int, int | None], tuple[str, list]]
    #: extra condition for the rows the room sees ("" = every row of the scope)
    live: str
    #: extra condition for rows still hidden in a running or unrevealed round
    hidden: str
    #: row -> (participant_id, {"initiative_id"|"element_id"|"risk_id": id}, value dict)
    entry: Callable[[dict], tuple[int | None, dict[str, int], dict]]
    #: SQL run by the reveal (hidden -> live), params (workshop, scope)
    reveal: tuple[str, ...] = ()
    #: what a round of this exercise is called in the report and exports
    title: str = ""


def _map_scope(wid: int, _scope: int | None) -> tuple[str, list]:
    return "workshop_id = ?", [wid]


def _board_scope(wid: int, scope: int | None) -> tuple[str, list]:
    return ("workshop_id = ? AND element_id IN (SELECT id FROM board_elements WHERE workshop_id = ? "
            "AND initiative_id IS ?)", [wid, wid, scope])


def _votes_scope(wid: int, scope: int | None) -> tuple[str, list]:
    return ("workshop_id = ? AND risk_id IN (SELECT id FROM risks WHERE workshop_id = ? AND initiative_id IS ?)",
            [wid, wid, scope])


def _pulse_scope(wid: int, _scope: int | None) -> tuple[str, list]:
    return "workshop_id = ?", [wid]


def _drafts_scope(wid: int, scope: int | None) -> tuple[str, list]:
    return "workshop_id = ? AND initiative_id IS ?", [wid, scope]


EXERCISES: dict[str, Inputs] = {
    "tension_map": Inputs(
        "placements", _map_scope,
        live="round = 'revealed' AND participant_id IS NOT NULL", hidden="round = 'private'",
        entry=lambda r: (r["participant_id"], {"initiative_id": r["initiative_id"]}, {"x": r["x"], "y": r["y"]}),
        reveal=("DELETE FROM placements WHERE workshop_id = ? AND round = 'revealed' AND participant_id IS NOT NULL "
                "AND ? IS NULL",
                "UPDATE placements SET round = 'revealed' WHERE workshop_id = ? AND round = 'private' AND ? IS NULL"),
        title="Tension map"),
    "board": Inputs(
        "board_cards", _board_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {"element_id": r["element_id"]},
                         {"column": r["column_key"], "position": r["position"], "rationale": r["rationale"]}),
        title="Three-column board"),
    "premortem_vote": Inputs(
        "risk_votes", _votes_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {"risk_id": r["risk_id"]}, {"dots": r["dots"]}),
        title="Pre-mortem dot vote"),
    "pulse": Inputs(
        "pulse_checks", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {},
                         {"rationale": r["rationale"], "fairness": r["fairness"], "escalation": r["escalation"]}),
        title="Pulse check"),
    "polarity": Inputs(
        "polarity_voices", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {},
                         {k: r[k] for k in ("pole", "preserve", "fear", "share_a") if r[k] is not None}),
        title="Polarity map: private voices"),
    "allocation": Inputs(
        "allocation_splits", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {},
                         {"kind": r["kind"], "scheme": r["scheme"], "scope": r["scope"], **json.loads(r["shares"])}),
        title="Allocation round"),
    # the opening round answered privately (on phones with the room link, or in turns)
    "opening": Inputs(
        "opening_round", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {}, {"risk": r["risk"], "opportunity": r["opportunity"]}),
        title="Opening round"),
    # pre-mortem cards written alone: hidden drafts; the reveal makes them the room's cards
    "premortem_cards": Inputs(
        "risk_drafts", _drafts_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {}, {"category": r["category"], "text": r["text"]}),
        title="Pre-mortem: cards written alone"),
    # the constraint diagnosis: naming blockers, sorting them, rating the three conditions
    # (a blocker's text is kept in the history cut to the first 60 characters)
    "structure_blockers": Inputs(
        "structure_blockers", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {}, {"blocker": r["text"][:60]}),
        title="Constraint diagnosis: blockers"),
    "structure_sort": Inputs(
        "structure_sorts", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {}, {"blocker_id": r["blocker_id"], "kind": r["kind"]}),
        title="Constraint diagnosis: sorting"),
    "structure_score": Inputs(
        "structure_scores", _pulse_scope, live="", hidden="",
        entry=lambda r: (r["participant_id"], {}, {k: r[k] for k in ("decision_authority", "feedback_loops",
                                                                     "accountability")}),
        title="Constraint diagnosis: scorecard"),
}


#: an exercise without an entry above: its round is recorded, its inputs are its own business
_NOTHING = Inputs("", _map_scope, live="", hidden="", entry=lambda r: (None, {}, {}))


@dataclass(frozen=True)
class RoundInfo:
    """One round of an exercise, as the history shows it."""

    id: int
    exercise: str
    scope: int | None
    number: int
    kind: str                       # 'private' or 'open' (what the room saw before a private round)
    revealed: bool
    done: tuple[int, ...] = ()      # participant ids whose turn is done
    skipped: tuple[int, ...] = ()   # participant ids who were skipped
    waiting: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """'Round 2 (private, revealed)': what exports and the report print."""
        state = "open placing" if self.kind == "open" else ("private, revealed" if self.revealed else "private, hidden")
        return f"Round {self.number} ({state})"


@dataclass(frozen=True)
class Entry:
    """One input of a round: who, on what (initiative / element / risk), and its value."""

    participant_id: int | None
    target: tuple[tuple[str, int], ...]
    value: tuple[tuple[str, Any], ...]

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.value)

    @property
    def target_id(self) -> int | None:
        return self.target[0][1] if self.target else None


def _rows(lib: Library, ex: Inputs, wid: int, scope: int | None, extra: str = "") -> list[dict]:
    where, params = ex.scope(wid, scope)
    if extra:
        where += f" AND ({extra})"
    return lib.query(f"SELECT * FROM {ex.table} WHERE {where} ORDER BY id", tuple(params))


def _entries(ex: Inputs, rows: list[dict]) -> list[Entry]:
    out = []
    for r in rows:
        pid, target, value = ex.entry(r)
        out.append(Entry(pid, tuple(sorted(target.items())), tuple(sorted(value.items()))))
    return out


def _put_rows(lib: Library, table: str, rows: list[dict]) -> None:
    for r in rows:
        cols = list(r)
        lib.db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                       [r[c] for c in cols])


def _delete_rows(lib: Library, table: str, rows: list[dict]) -> None:
    ids = [r["id"] for r in rows]
    for n in range(0, len(ids), 500):
        chunk = ids[n:n + 500]
        lib.db.execute(f"DELETE FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def _round_rows(lib: Library, wid: int, exercise: str, scope: int | None) -> list[dict]:
    return lib.query("SELECT * FROM private_rounds WHERE workshop_id = ? AND exercise = ? AND initiative_id IS ? "
                     "ORDER BY number", (wid, exercise, scope))


def _info(lib: Library, r: dict) -> RoundInfo:
    turns = lib.query("SELECT participant_id, status FROM private_round_turns WHERE round_id = ? ORDER BY position",
                      (r["id"],))
    by = {s: tuple(t["participant_id"] for t in turns if t["status"] == s) for s in ("done", "skipped", "waiting")}
    return RoundInfo(r["id"], r["exercise"], r["initiative_id"], r["number"], r["kind"], r["revealed_at"] is not None,
                     by["done"], by["skipped"], by["waiting"])


def history(lib: Library, workshop_id: int, exercise: str, scope: int | None = None) -> list[RoundInfo]:
    """Every round of an exercise (and scope), oldest first."""
    return [_info(lib, r) for r in _round_rows(lib, workshop_id, exercise, scope)]


def latest(lib: Library, workshop_id: int, exercise: str, scope: int | None = None) -> RoundInfo | None:
    rounds = history(lib, workshop_id, exercise, scope)
    return rounds[-1] if rounds else None


def is_hidden(lib: Library, workshop_id: int, exercise: str, scope: int | None = None) -> bool:
    """Is the latest round a private one whose inputs the room has not seen yet?"""
    rows = lib.query("SELECT kind, revealed_at FROM private_rounds WHERE workshop_id = ? AND exercise = ? "
                     "AND initiative_id IS ? ORDER BY number DESC LIMIT 1", (workshop_id, exercise, scope))
    return bool(rows) and rows[0]["kind"] == "private" and rows[0]["revealed_at"] is None


def shown_round(lib: Library, workshop_id: int, exercise: str, scope: int | None = None) -> RoundInfo | None:
    """The round whose inputs the room sees now (the latest revealed or open one)."""
    for r in reversed(history(lib, workshop_id, exercise, scope)):
        if r.kind == "open" or r.revealed:
            return r
    return None


def round_inputs(lib: Library, round_id: int) -> list[Entry]:
    """The inputs a round ended with (its history)."""
    rows = lib.query("SELECT * FROM private_round_inputs WHERE round_id = ? ORDER BY id", (round_id,))
    out = []
    for r in rows:
        target = tuple((k, r[k]) for k in ("element_id", "initiative_id", "risk_id") if r[k] is not None)
        out.append(Entry(r["participant_id"], target, tuple(sorted(json.loads(r["value"]).items()))))
    return out


def _store_inputs(lib: Library, wid: int, round_id: int, entries: list[Entry]) -> None:
    lib.db.execute("DELETE FROM private_round_inputs WHERE round_id = ?", [round_id])
    for e in entries:
        target = dict(e.target)
        lib.db.execute(
            "INSERT INTO private_round_inputs (workshop_id, round_id, participant_id, initiative_id, element_id, "
            "risk_id, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [wid, round_id, e.participant_id, target.get("initiative_id"), target.get("element_id"),
             target.get("risk_id"), json.dumps(dict(e.value), ensure_ascii=False)])


def _new_round(lib: Library, wid: int, exercise: str, scope: int | None, kind: str) -> int:
    number = (lib.db.execute("SELECT ifnull(max(number), 0) FROM private_rounds WHERE workshop_id = ? "
                             "AND exercise = ? AND initiative_id IS ?", [wid, exercise, scope]).fetchone()[0]) + 1
    return lib.db.execute("INSERT INTO private_rounds (workshop_id, exercise, initiative_id, number, kind, "
                          "revealed_at) VALUES (?, ?, ?, ?, ?, CASE WHEN ? = 'open' THEN strftime("
                          "'%Y-%m-%dT%H:%M:%fZ','now') END)", [wid, exercise, scope, number, kind, kind]).lastrowid


def start_round(lib: Library, workshop_id: int, exercise: str, scope: int | None,
                participant_ids: list[int]) -> int:
    """Open round n+1 of ``exercise``: earlier inputs go to the history and leave the live
    table (the round starts empty); returns the new round's id."""
    ex = EXERCISES.get(exercise)
    with lib.edit() as db:
        rounds = _round_rows(lib, workshop_id, exercise, scope)
        last = rounds[-1] if rounds else None
        if ex is None:
            pass  # an exercise that keeps its inputs elsewhere: only the round is recorded
        elif last is not None and last["kind"] == "private" and last["revealed_at"] is None:
            # a round stopped early and never revealed keeps what it gathered, still unrevealed
            _store_inputs(lib, workshop_id, last["id"], _entries(ex, _rows(lib, ex, workshop_id, scope, ex.hidden or "1")))
        if ex is not None:
            live = _entries(ex, _rows(lib, ex, workshop_id, scope, ex.live or "1"))
            if live and (last is None or sorted(round_inputs(lib, last["id"]), key=repr) != sorted(live, key=repr)):
                _store_inputs(lib, workshop_id, _new_round(lib, workshop_id, exercise, scope, "open"), live)
            old = _rows(lib, ex, workshop_id, scope, " OR ".join(f"({c})" for c in (ex.live, ex.hidden) if c) or "1")
            _delete_rows(lib, ex.table, old)
        round_id = _new_round(lib, workshop_id, exercise, scope, "private")
        for pos, pid in enumerate(participant_ids):
            db.execute("INSERT INTO private_round_turns (workshop_id, round_id, participant_id, position) "
                       "VALUES (?, ?, ?, ?)", [workshop_id, round_id, pid, pos])
        if exercise == "premortem_vote":
            from .premortem import set_revealed

            set_revealed(lib, workshop_id, scope, False)
        lib.touch_workshop(workshop_id)
    return round_id


def mark_turn(lib: Library, workshop_id: int, exercise: str, scope: int | None, participant_id: int | None,
              status: str) -> None:
    """Record that ``participant_id``'s turn in the running round is done or was skipped."""
    rounds = _round_rows(lib, workshop_id, exercise, scope)
    if not rounds or participant_id is None:
        return
    with lib.edit() as db:
        db.execute("UPDATE private_round_turns SET status = ? WHERE round_id = ? AND participant_id = ?",
                   [status, rounds[-1]["id"], participant_id])


@dataclass(frozen=True)
class RevealRecord:
    """What a reveal changed, so undo puts it back exactly."""

    exercise: str
    scope: int | None
    round_id: int | None
    rows_before: tuple[dict, ...]
    turn_key: str | None = None
    turn_value: Any = None
    extra: dict = field(default_factory=dict)


def reveal(lib: Library, workshop_id: int, exercise: str, scope: int | None = None,
           turn_key: str | None = None) -> RevealRecord:
    """The one reveal: hidden inputs become the room's (earlier ones leave: rounds never
    merge), the round keeps the inputs it ended with, and its turn state ends."""
    from .workshops import get_setting, set_setting

    ex = EXERCISES.get(exercise, _NOTHING)
    with lib.edit() as db:
        before = _rows(lib, ex, workshop_id, scope) if ex.table else []
        for sql in ex.reveal:
            db.execute(sql, [workshop_id, scope])
        rounds = _round_rows(lib, workshop_id, exercise, scope)
        round_id = None
        if rounds and rounds[-1]["kind"] == "private" and rounds[-1]["revealed_at"] is None:
            round_id = rounds[-1]["id"]
            if ex.table:
                _store_inputs(lib, workshop_id, round_id, _entries(ex, _rows(lib, ex, workshop_id, scope, ex.live or "1")))
            db.execute("UPDATE private_rounds SET revealed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
                       [round_id])
        extra: dict = {}
        if exercise == "premortem_cards":
            from .premortem import reveal_drafts

            extra["risk_ids"] = reveal_drafts(lib, workshop_id, scope)
        if exercise == "premortem_vote":
            from .premortem import revealed, set_revealed

            extra["was_revealed"] = revealed(lib, workshop_id, scope)
            set_revealed(lib, workshop_id, scope, True)
        turn_value = None
        if turn_key:
            turn_value = get_setting(lib, workshop_id, turn_key)
            set_setting(lib, workshop_id, turn_key, None)
        lib.touch_workshop(workshop_id)
    return RevealRecord(exercise, scope, round_id, tuple(before), turn_key, turn_value, extra)


def unreveal(lib: Library, workshop_id: int, record: RevealRecord) -> None:
    """Undo :func:`reveal` exactly: the inputs hidden again, the round unrevealed, the turn
    state as it was."""
    from .workshops import set_setting

    ex = EXERCISES.get(record.exercise, _NOTHING)
    with lib.edit() as db:
        for rid in record.extra.get("risk_ids", ()):  # a card round's cards go back to being drafts
            db.execute("DELETE FROM risks WHERE id = ?", [rid])
        if ex.table:
            _delete_rows(lib, ex.table, _rows(lib, ex, workshop_id, record.scope))
            _put_rows(lib, ex.table, list(record.rows_before))
        if record.round_id is not None:
            db.execute("DELETE FROM private_round_inputs WHERE round_id = ?", [record.round_id])
            db.execute("UPDATE private_rounds SET revealed_at = NULL WHERE id = ?", [record.round_id])
        if record.exercise == "premortem_vote":
            from .premortem import set_revealed

            set_revealed(lib, workshop_id, record.scope, bool(record.extra.get("was_revealed")))
        if record.turn_key:
            set_setting(lib, workshop_id, record.turn_key, record.turn_value)
        lib.touch_workshop(workshop_id)


def moves(lib: Library, round_a: int, round_b: int) -> dict[tuple[int | None, int | None], float]:
    """(participant, target) -> how far that input moved from round ``a`` to round ``b``
    (the distance between the two positions on the map, 0..1.41); inputs in only one of
    the rounds are left out."""
    a = {(e.participant_id, e.target_id): e.values for e in round_inputs(lib, round_a)}
    b = {(e.participant_id, e.target_id): e.values for e in round_inputs(lib, round_b)}
    out = {}
    for key in a.keys() & b.keys():
        va, vb = a[key], b[key]
        if all(isinstance(v.get(k), int | float) for v in (va, vb) for k in ("x", "y")):
            out[key] = math.hypot(vb["x"] - va["x"], vb["y"] - va["y"])
    return out


def shown_note(lib: Library, workshop_id: int, exercise: str, scope: int | None = None) -> str:
    """What an export or the report says about the round it shows: "Shows round 2 (private,
    revealed); skipped: Cy Chen." or "" when the exercise never ran a private round."""
    rounds_ = history(lib, workshop_id, exercise, scope)
    if not any(r.kind == "private" for r in rounds_):
        return ""
    shown = shown_round(lib, workshop_id, exercise, scope)
    hidden = " A later private round is not revealed yet." if is_hidden(lib, workshop_id, exercise, scope) else ""
    if shown is None:
        return "No private round revealed yet." + hidden
    names = {r["id"]: r["name"] for r in lib.query("SELECT id, name FROM participants WHERE workshop_id = ?",
                                                     (workshop_id,))}
    skipped = [names[p] for p in shown.skipped if p in names]
    return (f"Shows {shown.label[0].lower()}{shown.label[1:]} of {len(rounds_)}"
            + (f"; skipped: {', '.join(skipped)}" if skipped else "") + "." + hidden)
