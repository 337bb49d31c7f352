"""The room link's messages: strict shapes, sizes and types, the app's own validation rules.

Every message a phone sends is a small JSON object. :func:`parse_edit` refuses anything
that is not exactly one of the known operations with exactly its fields, each of the right
type and within the limits :mod:`tension_desktop.model.rules` gives the stored columns; the
row an edit would write is then checked again with :func:`~tension_desktop.model.rules.check_row`
by :mod:`tension_desktop.room.tasks`. Nothing here touches the store or the network.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from tension_desktop.model.board import COLUMNS
from tension_desktop.model.pulse import QUESTIONS as PULSE
from tension_desktop.model.rules import LENGTHS, MAX_DOTS, MAX_ID, MAX_POSITION
from tension_desktop.model.validation import (
    ValidationError,
    optional_text,
    require_choice,
    require_int,
    require_text,
    require_unit,
)

#: the largest request body the server reads (bytes); an opening-round answer of 1000
#: characters, each escaped as \\uXXXX, still fits
MAX_BODY = 8192
#: the exercises the phone page can do
EXERCISES = ("tension_map", "board", "premortem_vote", "pulse", "opening", "premortem_cards")
#: the opening round's two questions (the columns of ``opening_round``)
ANSWER_FIELDS = ("risk", "opportunity")
#: edit operations and the fields each one takes (besides "op" and "seq")
OPS: dict[str, frozenset[str]] = {
    "place": frozenset({"initiative", "x", "y"}),     # tension map: put (or move) an initiative
    "unplace": frozenset({"initiative"}),             # tension map: take it off the map again
    "sort": frozenset({"element", "column", "why"}),  # board: a card into a column (None: unsorted), its why
    "dots": frozenset({"risk", "dots"}),              # pre-mortem: this many of my dots on one card
    "rate": frozenset(PULSE),                         # pulse: my three ratings, 1..5 each
    "answer": frozenset({"field", "text"}),           # opening round: my risk or my opportunity
    "card": frozenset({"category", "text"}),          # pre-mortem: write a card (a failure mode) in a lane
    "uncard": frozenset({"card"}),                    # pre-mortem: take one of my cards back
    "undo": frozenset(),                              # take back this phone's last edit
    "done": frozenset({"done"}),                      # "I am done" (or not any more)
}
MAX_SEQ = 2**31


class Refused(Exception):
    """A request the room refuses: ``status`` is the HTTP status, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Edit:
    """One validated edit from a phone. ``seq`` numbers the device's edits (1, 2, ...) so a
    resent edit (a phone that lost the answer) is recognised and never applied twice."""

    seq: int
    op: str
    initiative: int | None = None
    element: int | None = None
    x: float | None = None
    y: float | None = None
    column: str | None = None
    why: str | None = None
    done: bool | None = None
    risk: int | None = None
    dots: int | None = None
    ratings: tuple[tuple[str, int], ...] = ()
    field: str | None = None
    text: str | None = None
    category: str | None = None
    card: int | None = None


def load_json(body: bytes) -> dict[str, Any]:
    """Parse a request body: UTF-8 JSON, one object, within :data:`MAX_BODY`."""
    if len(body) > MAX_BODY:
        raise Refused(413, "message too large")
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, "message is not JSON") from None
    if not isinstance(data, dict):
        raise Refused(400, "message must be a JSON object")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _ident(field: str, value: Any) -> int:
    return require_int(field, value, minimum=1, maximum=MAX_ID)


def parse_edit(data: dict[str, Any]) -> Edit:
    """The edit a message asks for, or :class:`Refused` (400) naming what is wrong."""
    try:
        op = require_choice("op", data.get("op"), OPS)
        extra = set(data) - OPS[op] - {"op", "seq"}
        missing = OPS[op] - set(data) - {"why"}  # the why may be left out
        if extra:
            raise ValidationError(sorted(extra)[0], "is not a field of this message")
        if missing:
            raise ValidationError(sorted(missing)[0], "is missing")
        seq = require_int("seq", data.get("seq"), minimum=1, maximum=MAX_SEQ)
        if op in ("place", "unplace"):
            iid = _ident("initiative", data["initiative"])
            if op == "unplace":
                return Edit(seq, op, initiative=iid)
            x, y = require_unit("x", data["x"]), require_unit("y", data["y"])
            if not (math.isfinite(x) and math.isfinite(y)):
                raise ValidationError("x", "must be a finite number")
            return Edit(seq, op, initiative=iid, x=x, y=y)
        if op == "sort":
            column = data["column"]
            if column is not None:
                column = require_choice("column", column, COLUMNS)
            why = data.get("why")
            if why is not None:
                why = optional_text("why", why, max_length=LENGTHS["board_cards.rationale"])
            return Edit(seq, op, element=_ident("element", data["element"]), column=column, why=why)
        if op == "dots":
            return Edit(seq, op, risk=_ident("risk", data["risk"]),
                        dots=require_int("dots", data["dots"], minimum=0, maximum=MAX_DOTS))
        if op == "rate":
            return Edit(seq, op, ratings=tuple((k, require_int(k, data[k], minimum=1, maximum=5)) for k in PULSE))
        if op == "answer":
            name = require_choice("field", data["field"], ANSWER_FIELDS)
            text = optional_text(name, data["text"], max_length=LENGTHS[f"opening_round.{name}"])
            return Edit(seq, op, field=name, text=text)
        if op == "card":
            return Edit(seq, op, category=require_text("category", data["category"], max_length=LENGTHS["risks.category"]),
                        text=require_text("card", data["text"], max_length=LENGTHS["risks.text"]))
        if op == "uncard":
            return Edit(seq, op, card=_ident("card", data["card"]))
        if op == "done":
            if not isinstance(data["done"], bool):
                raise ValidationError("done", "must be true or false")
            return Edit(seq, op, done=data["done"])
        return Edit(seq, op)
    except ValidationError as exc:
        raise Refused(400, str(exc)) from None


def parse_join(data: dict[str, Any]) -> int:
    """The participant a join message claims."""
    if set(data) != {"participant"}:
        raise Refused(400, "a join names exactly one participant")
    try:
        return _ident("participant", data["participant"])
    except ValidationError as exc:
        raise Refused(400, str(exc)) from None


__all__ = ["ANSWER_FIELDS", "EXERCISES", "MAX_BODY", "MAX_POSITION", "OPS", "Edit", "Refused", "load_json", "parse_edit",
           "parse_join"]
