"""What a participant may see and change in the running round, on the store (no Qt, no network).

The server never reads or writes the store itself: its backend calls these functions on
the thread that owns the library connection. A participant's *state* holds their own
inputs only, never anyone else's; an edit is *planned* here (checked against the round,
the workshop and the app's row rules) and returns a :class:`Change` that knows how to write
itself and how to be taken back. The GUI turns a change into the same undo command its
canvases push; :func:`apply` writes it directly (tests, benchmarks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tension_desktop.model import BoardCard, Placement
from tension_desktop.model.board import COLUMN_TITLES, COLUMNS, place_card
from tension_desktop.model.colours import text_colour_on
from tension_desktop.model.pulse import QUESTIONS, PulseCheck
from tension_desktop.model.rules import LENGTHS, check_row
from tension_desktop.model.turns import TurnRound
from tension_desktop.model.validation import ValidationError
from tension_desktop.store import board, people, premortem, session, workshops
from tension_desktop.store import tension_map as tmap
from tension_desktop.store.library import Library

from .protocol import ANSWER_FIELDS, EXERCISES, Edit, Refused

#: the opening round's questions, as the desktop form asks them
OPENING_QUESTIONS = {"risk": "One risk this team underappreciates",
                     "opportunity": "One opportunity this team underuses"}

#: the id a row checked before it is written stands in with (the store gives the real one)
NEW_ROW = 1


@dataclass(frozen=True)
class Task:
    """The round the room is open for: an exercise and its scope (a board's initiative)."""

    exercise: str
    scope: int | None = None

    def __post_init__(self) -> None:
        if self.exercise not in EXERCISES:
            raise ValueError(f"the room link does not serve {self.exercise!r}")


@dataclass
class Change:
    """One planned edit of one participant: what to write and what undoes it exactly."""

    op: str
    participant_id: int
    text: str
    #: tension map: the initiative and the placement before / after (None: not on the map)
    initiative_id: int | None = None
    before_placement: Placement | None = None
    after_xy: tuple[float, float] | None = None
    #: board: the participant's cards of the board before and after
    scope: int | None = None
    before_cards: list[BoardCard] = field(default_factory=list)
    after_cards: list[BoardCard] = field(default_factory=list)
    done: bool | None = None
    #: any other exercise: the store calls that make and undo it (the library records what they write)
    redo: tuple[Callable[..., Any], tuple] | None = None
    undo: tuple[Callable[..., Any], tuple] | None = None


def turn_round(lib: Library, workshop_id: int, exercise: str) -> TurnRound | None:
    """The running private round of ``exercise`` (from the workshop's settings), or None."""
    data = workshops.get_setting(lib, workshop_id, f"turns:{exercise}")
    return TurnRound.from_dict(data) if data else None


def roster(lib: Library, workshop_id: int, task: Task) -> list[dict[str, Any]]:
    """Who may join: the participants of the running round, in its order (names only)."""
    r = turn_round(lib, workshop_id, task.exercise)
    if r is None:
        return []
    by_id = {p.id: p for p in people.list_participants(lib, workshop_id)}
    return [{"id": pid, "name": by_id[pid].name, "colour": by_id[pid].colour} for pid in r.order if pid in by_id]


def require_open(lib: Library, workshop_id: int, task: Task, pid: int) -> TurnRound:
    """The running round, if ``pid`` takes part in it; :class:`Refused` otherwise."""
    r = turn_round(lib, workshop_id, task.exercise)
    if r is None:
        raise Refused(409, "the round has ended")
    if pid not in r.order:
        raise Refused(403, "not a participant of this round")
    return r


def state(lib: Library, workshop_id: int, task: Task, pid: int) -> dict[str, Any]:
    """What one participant's phone shows: the task and their own inputs, nobody else's."""
    r = turn_round(lib, workshop_id, task.exercise)
    if r is None or pid not in r.order:
        return {"exercise": task.exercise, "open": False}
    me = people.get_participant(lib, pid)
    out: dict[str, Any] = {"exercise": task.exercise, "open": True, "name": me.name, "colour": me.colour,
                           "ink": text_colour_on(me.colour),
                           "done": pid in r.phones_done, "progress": {"done": r.done_count, "of": len(r.order)}}
    if task.exercise == "tension_map":
        out["axes"] = tmap.axis_labels(lib, workshop_id)
        out["quadrants"] = tmap.quadrant_labels(lib, workshop_id)
        out["initiatives"] = [{"id": i.id, "title": i.title} for i in people.list_initiatives(lib, workshop_id)]
        out["mine"] = {str(p.initiative_id): [p.x, p.y] for p in tmap.list_placements(lib, workshop_id, ("private",))
                       if p.participant_id == pid}
    elif task.exercise == "premortem_vote":
        out["allowance"] = premortem.dots_allowance(lib, workshop_id)
        out["risks"] = [{"id": r.id, "text": r.text, "category": r.category}
                        for r in premortem.list_cards(lib, workshop_id, task.scope)]
        out["mine"] = {str(rid): n for rid, n in premortem.participant_votes(lib, workshop_id, task.scope, pid).items()}
    elif task.exercise == "opening":
        out["questions"] = [{"key": k, "text": OPENING_QUESTIONS[k], "max": LENGTHS[f"opening_round.{k}"]}
                            for k in ANSWER_FIELDS]
        risk, opportunity = session.list_opening(lib, workshop_id).get(pid, ("", ""))
        out["mine"] = {"risk": risk, "opportunity": opportunity}
    elif task.exercise == "premortem_cards":
        out["lanes"] = [{"key": lane.key, "title": lane.title} for lane in premortem.lanes(lib, workshop_id)]
        out["max"] = LENGTHS["risks.text"]
        out["initiative"] = people.get_initiative(lib, task.scope).title if task.scope else ""
        out["mine"] = [{"id": d.id, "text": d.text, "category": d.category}
                       for d in premortem.list_drafts(lib, workshop_id, task.scope, pid)]
    elif task.exercise == "pulse":
        out["questions"] = [{"key": k, "text": t} for k, t in QUESTIONS.items()]
        mine = next((p for p in session.list_pulse(lib, workshop_id) if p.participant_id == pid), None)
        out["mine"] = {k: getattr(mine, k) for k in QUESTIONS} if mine else {}
    else:
        out["columns"] = [{"key": c, "title": COLUMN_TITLES[c]} for c in COLUMNS]
        out["elements"] = [{"id": e.id, "text": e.text} for e in board.elements_for(lib, workshop_id, task.scope)]
        out["mine"] = {str(c.element_id): {"column": c.column, "position": c.position, "why": c.rationale}
                       for c in board.cards_for(lib, workshop_id, task.scope, pid)}
        out["why_required"] = bool(workshops.get_setting(lib, workshop_id, board.RATIONALE_KEY, False))
    return out


def plan(lib: Library, workshop_id: int, task: Task, pid: int, edit: Edit) -> Change | None:
    """Check ``edit`` for participant ``pid`` against the running round, the workshop and the
    row rules; return the change to make (None: nothing changes). Raises :class:`Refused`."""
    require_open(lib, workshop_id, task, pid)
    try:
        if edit.op in ("place", "unplace"):
            if task.exercise != "tension_map":
                raise Refused(400, "this round is not the tension map")
            if edit.initiative not in {i.id for i in people.list_initiatives(lib, workshop_id)}:
                raise Refused(404, "no such initiative in this workshop")
            before = tmap.get_placement(lib, workshop_id, edit.initiative, pid, "private")
            if edit.op == "unplace":
                if before is None:
                    return None
                return Change("place", pid, "Take an initiative off the map (phone)", edit.initiative, before, None)
            check_row("placements", {"id": NEW_ROW, "initiative_id": edit.initiative, "participant_id": pid, "round": "private",
                                     "x": edit.x, "y": edit.y}, fill_defaults=True)
            if before is not None and (before.x, before.y) == (edit.x, edit.y):
                return None
            title = people.get_initiative(lib, edit.initiative).title
            return Change("place", pid, f"Place {title} (phone)", edit.initiative, before, (edit.x, edit.y))
        if edit.op == "sort":
            if task.exercise != "board":
                raise Refused(400, "this round is not the board")
            if edit.element not in {e.id for e in board.elements_for(lib, workshop_id, task.scope)}:
                raise Refused(404, "no such element on this board")
            before = board.cards_for(lib, workshop_id, task.scope, pid)
            current = next((c for c in before if c.element_id == edit.element), None)
            if edit.column is not None and current is not None and current.column == edit.column:
                index = current.position  # the same column: only the why changes, the card stays put
            else:
                index = len([c for c in before if c.column == edit.column and c.element_id != edit.element])
            after = place_card(before, edit.element, pid, edit.column, index, edit.why)
            for c in after:
                check_row("board_cards", {"id": NEW_ROW, "element_id": c.element_id, "participant_id": pid, "column_key": c.column,
                                          "position": c.position, "rationale": c.rationale}, fill_defaults=True)
            if after == before:
                return None
            where = COLUMN_TITLES[edit.column] if edit.column else "To sort"
            return Change("sort", pid, f"Move card to {where} (phone)", scope=task.scope, before_cards=before,
                          after_cards=after)
        if edit.op == "dots":
            if task.exercise != "premortem_vote":
                raise Refused(400, "this round is not the dot vote")
            if edit.risk not in {r.id for r in premortem.list_cards(lib, workshop_id, task.scope)}:
                raise Refused(404, "no such card in this pre-mortem")
            before = premortem.participant_votes(lib, workshop_id, task.scope, pid)
            after = {rid: n for rid, n in before.items() if rid != edit.risk}
            if edit.dots:
                after[edit.risk] = edit.dots
            if sum(after.values()) > premortem.dots_allowance(lib, workshop_id):
                raise Refused(400, "dots: no dots left; take one back from another card first")
            for rid, n in after.items():
                check_row("risk_votes", {"id": NEW_ROW, "risk_id": rid, "participant_id": pid, "dots": n})
            delta = after.get(edit.risk, 0) - before.get(edit.risk, 0)
            if delta == 0:
                return None
            # the canvas's own dot edit: this card only, within the allowance, taken back exactly
            args = (workshop_id, edit.risk, pid)
            return Change("rows", pid, "Spend dots (phone)", redo=(premortem.add_dot, (*args, delta)),
                          undo=(premortem.add_dot, (*args, -delta)))
        if edit.op == "rate":
            if task.exercise != "pulse":
                raise Refused(400, "this round is not the pulse")
            new = PulseCheck(participant_id=pid, **dict(edit.ratings))
            old = next((p for p in session.list_pulse(lib, workshop_id) if p.participant_id == pid), None)
            if old is not None and all(getattr(old, k) == getattr(new, k) for k in QUESTIONS):
                return None
            return Change("rows", pid, "Rate the pulse (phone)", redo=(session.set_pulse, (workshop_id, new)),
                          undo=(session.set_pulse, (workshop_id, old, pid)))
        if edit.op == "answer":
            if task.exercise != "opening":
                raise Refused(400, "this round is not the opening round")
            old = session.list_opening(lib, workshop_id).get(pid, ("", ""))
            new = dict(zip(ANSWER_FIELDS, old, strict=True))
            new[edit.field] = edit.text or ""
            check_row("opening_round", {"id": NEW_ROW, "participant_id": pid, **new})
            if (new["risk"], new["opportunity"]) == old:
                return None
            return Change("rows", pid, "Opening round answer (phone)",
                          redo=(session.set_opening, (workshop_id, pid, new["risk"], new["opportunity"])),
                          undo=(session.set_opening, (workshop_id, pid, *old)))
        if edit.op in ("card", "uncard"):
            if task.exercise != "premortem_cards":
                raise Refused(400, "this round is not the pre-mortem's card writing")
            if edit.op == "uncard":
                mine = {d.id for d in premortem.list_drafts(lib, workshop_id, task.scope, pid)}
                if edit.card not in mine:
                    raise Refused(404, "no such card of yours")  # never another person's
                slot = {"id": edit.card}
                return Change("rows", pid, "Take a failure mode back (phone)",
                              redo=(_remove_into, (slot,)), undo=(_restore_from, (slot,)))
            if edit.category not in {lane.key for lane in premortem.lanes(lib, workshop_id)}:
                raise Refused(400, "category: not a lane of this pre-mortem")
            check_row("risk_drafts", {"id": NEW_ROW, "initiative_id": task.scope, "participant_id": pid,
                                      "category": edit.category, "text": edit.text}, fill_defaults=True)
            slot: dict = {"id": None}
            return Change("rows", pid, "Write a failure mode (phone)",
                          redo=(premortem.add_draft, (workshop_id, task.scope, pid, edit.category, edit.text, slot)),
                          undo=(premortem.remove_draft, (slot,)))
        if edit.op == "done":
            return Change("done", pid, "Done (phone)", done=edit.done)
    except ValidationError as exc:
        raise Refused(400, str(exc)) from None
    raise Refused(400, f"{edit.op} is not an edit of the store")


def _remove_into(lib: Library, slot: dict) -> None:
    """Take a hidden card back, keeping its row in ``slot`` for the undo."""
    slot["row"] = premortem.remove_draft(lib, slot["id"])


def _restore_from(lib: Library, slot: dict) -> None:
    premortem.restore_draft(lib, slot.pop("row", None))


def write(lib: Library, workshop_id: int, change: Change, *, undo: bool = False) -> None:
    """Write ``change`` (or take it back) through the store, in one transaction each."""
    if change.op == "place":
        if undo or change.after_xy is None:
            target = change.before_placement if undo else None
            tmap.put_back(lib, workshop_id, target, change.initiative_id, change.participant_id, "private")
        else:
            x, y = change.after_xy
            tmap.place(lib, workshop_id, Placement(initiative_id=change.initiative_id, x=x, y=y, round="private",
                                                   participant_id=change.participant_id))
    elif change.op == "rows":
        fn, args = change.undo if undo else change.redo
        fn(lib, *args)
    elif change.op == "sort":
        board.set_participant_cards(lib, workshop_id, change.scope, change.participant_id,
                                    change.before_cards if undo else change.after_cards)
        if not undo:  # new cards got ids: keep them so a redo writes the same rows
            change.after_cards = board.cards_for(lib, workshop_id, change.scope, change.participant_id)


def mark_done(lib: Library, workshop_id: int, task: Task, pid: int, done: bool) -> TurnRound:
    """The participant says on their phone that they are done (stored with the round)."""
    from tension_desktop.store import rounds

    r = require_open(lib, workshop_id, task, pid).with_phone(pid).phone_done(pid, done)
    with lib.edit():
        workshops.set_setting(lib, workshop_id, f"turns:{task.exercise}", r.to_dict())
        rounds.mark_turn(lib, workshop_id, task.exercise, task.scope, pid, "done" if done else "waiting")
    return r


def join(lib: Library, workshop_id: int, task: Task, pid: int) -> TurnRound:
    """The participant answers on their phone from now on (stored with the round)."""
    r = require_open(lib, workshop_id, task, pid)
    joined = r.with_phone(pid)
    if joined != r:
        workshops.set_setting(lib, workshop_id, f"turns:{task.exercise}", joined.to_dict())
    return joined
