"""Pre-mortem: failure-mode cards, merges (undoable), lanes, dot votes, owners and mitigations."""

from __future__ import annotations

from dataclasses import replace

from tension_desktop.model import Risk, ValidationError
from tension_desktop.model.premortem import (
    DEFAULT_DOTS,
    DEFAULT_LANES,
    Lane,
    RankedRisk,
    RiskVote,
    dots_left,
    fold_merged_votes,
    rank_risks,
)
from tension_desktop.model.rules import MAX_DOTS, MAX_LANES
from tension_desktop.model.validation import require_int

from .library import Library
from .rows import Snapshot, delete_with_snapshot, restore
from .workshops import get_setting, set_setting


def list_risks(lib: Library, workshop_id: int, initiative_id: int | None = None) -> list[Risk]:
    sql = ("SELECT r.*, (SELECT ifnull(sum(dots), 0) FROM risk_votes v WHERE v.risk_id = r.id) AS votes "
           "FROM risks r WHERE r.workshop_id = ? AND r.merged_into IS NULL")
    params: list = [workshop_id]
    if initiative_id is not None:
        sql += " AND r.initiative_id = ?"
        params.append(initiative_id)
    rows = lib.query(sql + " ORDER BY r.position, r.id", tuple(params))
    return [Risk(text=r["text"], category=r["category"], initiative_id=r["initiative_id"], author_id=r["author_id"],
                 votes=r["votes"], owner_id=r["owner_id"], mitigation=r["mitigation"], position=r["position"],
                 id=r["id"]) for r in rows]


def add_risk(lib: Library, workshop_id: int, risk: Risk) -> Risk:
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM risks WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute(
            "INSERT INTO risks (workshop_id, initiative_id, category, text, author_id, owner_id, mitigation, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, risk.initiative_id, risk.category, risk.text, risk.author_id, risk.owner_id,
             risk.mitigation, pos],
        )
        lib.touch_workshop(workshop_id)
    return Risk(text=risk.text, category=risk.category, initiative_id=risk.initiative_id, author_id=risk.author_id,
                owner_id=risk.owner_id, mitigation=risk.mitigation, position=pos, id=cur.lastrowid)


def set_votes(lib: Library, workshop_id: int, risk_id: int, participant_id: int, dots: int) -> None:
    """Set how many dots one participant puts on one risk (0 removes their vote)."""
    with lib.edit() as db:
        if dots <= 0:
            db.execute("DELETE FROM risk_votes WHERE risk_id = ? AND participant_id = ?", [risk_id, participant_id])
        else:
            db.execute(
                "INSERT INTO risk_votes (workshop_id, risk_id, participant_id, dots) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(risk_id, participant_id) DO UPDATE SET dots = excluded.dots",
                [workshop_id, risk_id, participant_id, dots],
            )


# -- reading -----------------------------------------------------------------------------

def _risk(r: dict, votes: int = 0, merged: tuple[str, ...] = ()) -> Risk:
    return Risk(text=r["text"], category=r["category"], initiative_id=r["initiative_id"], author_id=r["author_id"],
                votes=votes, owner_id=r["owner_id"], mitigation=r["mitigation"], position=r["position"],
                id=r["id"], merged=merged)


def get_risk(lib: Library, risk_id: int) -> Risk:
    """One risk as stored (merged or not), without votes."""
    rows = lib.query("SELECT * FROM risks WHERE id = ?", (risk_id,))
    if not rows:
        raise KeyError(f"There is no risk with id {risk_id}.")
    return _risk(rows[0])


def merged_map(lib: Library, workshop_id: int) -> dict[int, int]:
    """merged risk id -> the id it was merged into."""
    rows = lib.query("SELECT id, merged_into FROM risks WHERE workshop_id = ? AND merged_into IS NOT NULL",
                     (workshop_id,))
    return {r["id"]: r["merged_into"] for r in rows}


def list_cards(lib: Library, workshop_id: int, initiative_id: int | None) -> list[Risk]:
    """The visible cards of one initiative's pre-mortem: merged cards folded into their
    survivor (``Risk.merged`` holds their texts, oldest merge first), lane order."""
    sql = "SELECT * FROM risks WHERE workshop_id = ? AND initiative_id IS ?"
    rows = lib.query(sql + " ORDER BY position, id", (workshop_id, initiative_id))
    by_id = {r["id"]: r for r in rows}
    children: dict[int, list[dict]] = {}
    for r in rows:
        if r["merged_into"] is not None:
            children.setdefault(r["merged_into"], []).append(r)

    def texts(rid: int) -> list[str]:
        out = []
        for child in sorted(children.get(rid, []), key=lambda c: c["id"]):
            out.append(child["text"])
            out.extend(texts(child["id"]))
        return out

    return [_risk(r, merged=tuple(texts(r["id"]))) for r in rows
            if r["merged_into"] is None or r["merged_into"] not in by_id]


def list_votes(lib: Library, workshop_id: int, initiative_id: int | None, *, fold: bool = True) -> list[RiskVote]:
    """Dots of one initiative's pre-mortem; with ``fold`` merged cards' dots count for their survivor."""
    rows = lib.query(
        "SELECT v.risk_id, v.participant_id, v.dots FROM risk_votes v JOIN risks r ON r.id = v.risk_id "
        "WHERE v.workshop_id = ? AND r.initiative_id IS ? ORDER BY v.id", (workshop_id, initiative_id))
    votes = [RiskVote(risk_id=r["risk_id"], participant_id=r["participant_id"], dots=r["dots"]) for r in rows]
    return fold_merged_votes(votes, merged_map(lib, workshop_id)) if fold else votes


def ranked(lib: Library, workshop_id: int, initiative_id: int | None) -> list[RankedRisk]:
    """The ranked list of one initiative's pre-mortem (see :func:`model.premortem.rank_risks`)."""
    return rank_risks(list_cards(lib, workshop_id, initiative_id), list_votes(lib, workshop_id, initiative_id))


# -- editing cards -----------------------------------------------------------------------

def update_risk(lib: Library, risk_id: int, *, text: str | None = None, owner_id: int | None | object = ...,
                mitigation: str | None = None, author_id: int | None | object = ...) -> Risk:
    """Change a card's text, owner (None clears), mitigation or author (None = anonymous)."""
    old = get_risk(lib, risk_id)
    new = replace(old, text=old.text if text is None else text,
                  owner_id=old.owner_id if owner_id is ... else owner_id,
                  author_id=old.author_id if author_id is ... else author_id,
                  mitigation=old.mitigation if mitigation is None else mitigation)
    with lib.edit() as db:
        db.execute("UPDATE risks SET text = ?, owner_id = ?, mitigation = ?, author_id = ? WHERE id = ?",
                   [new.text, new.owner_id, new.mitigation, new.author_id, risk_id])
        _touch(lib, risk_id)
    return new


def _touch(lib: Library, risk_id: int) -> None:
    rows = lib.query("SELECT workshop_id FROM risks WHERE id = ?", (risk_id,))
    if rows:
        lib.touch_workshop(rows[0]["workshop_id"])


def lane_position(lib: Library, risk_id: int) -> tuple[str, int]:
    """(lane key, index within its lane) of a visible card: what undo of a move needs."""
    risk = get_risk(lib, risk_id)
    rows = lib.query("SELECT workshop_id FROM risks WHERE id = ?", (risk_id,))
    lane = [r.id for r in list_cards(lib, rows[0]["workshop_id"], risk.initiative_id) if r.category == risk.category]
    return risk.category, lane.index(risk_id) if risk_id in lane else len(lane)


def move_risk(lib: Library, risk_id: int, category: str, index: int) -> None:
    """Put a card into lane ``category`` at ``index`` (0 = top); the lane is renumbered."""
    risk = Risk(text="x", category=category)  # validates the lane key
    with lib.edit() as db:
        wid = db.execute("SELECT workshop_id FROM risks WHERE id = ?", [risk_id]).fetchone()[0]
        old = get_risk(lib, risk_id)
        ids = [r.id for r in list_cards(lib, wid, old.initiative_id) if r.category == risk.category and r.id != risk_id]
        ids.insert(max(0, min(index, len(ids))), risk_id)
        db.execute("UPDATE risks SET category = ? WHERE id = ?", [risk.category, risk_id])
        for pos, rid in enumerate(ids):
            db.execute("UPDATE risks SET position = ? WHERE id = ?", [pos, rid])
        lib.touch_workshop(wid)


def edit_card(lib: Library, risk_id: int, *, text: str, author_id: int | None, category: str) -> None:
    """One edit of a card's details: its text, its author (None = anonymous) and its lane."""
    with lib.edit():
        update_risk(lib, risk_id, text=text, author_id=author_id)
        if get_risk(lib, risk_id).category != category:
            move_risk(lib, risk_id, category, 10**6)


def merge_risks(lib: Library, survivor_id: int, merged_id: int) -> None:
    """Group two cards: ``merged_id`` is folded into ``survivor_id``. Both texts are kept
    (``risks.merged_into``), the merged card's dots count for the survivor; undo with
    :func:`unmerge_risk`."""
    if survivor_id == merged_id:
        raise ValidationError("merge", "a card cannot be merged into itself")
    with lib.edit() as db:
        rows = {r["id"]: r for r in lib.query("SELECT * FROM risks WHERE id IN (?, ?)", (survivor_id, merged_id))}
        if len(rows) != 2:
            raise KeyError("Both cards must exist to merge them.")
        if rows[survivor_id]["merged_into"] is not None or rows[merged_id]["merged_into"] is not None:
            raise ValidationError("merge", "only visible cards can be merged")
        db.execute("UPDATE risks SET merged_into = ? WHERE id = ?", [survivor_id, merged_id])
        lib.touch_workshop(rows[merged_id]["workshop_id"])


def unmerge_risk(lib: Library, merged_id: int) -> None:
    """Split a merged card out again (undo of a merge); it keeps its own text and dots."""
    with lib.edit() as db:
        db.execute("UPDATE risks SET merged_into = NULL WHERE id = ?", [merged_id])
        _touch(lib, merged_id)


def merged_ids(lib: Library, survivor_id: int) -> list[int]:
    """Ids of the cards merged directly into ``survivor_id``, oldest merge first."""
    return [r["id"] for r in lib.query("SELECT id FROM risks WHERE merged_into = ? ORDER BY id", (survivor_id,))]


def split_risk(lib: Library, survivor_id: int) -> list[int]:
    """Split every card merged directly into ``survivor_id`` out again; returns their ids."""
    ids = merged_ids(lib, survivor_id)
    with lib.edit() as db:
        db.execute("UPDATE risks SET merged_into = NULL WHERE merged_into = ?", [survivor_id])
        _touch(lib, survivor_id)
    return ids


def remerge(lib: Library, survivor_id: int, ids: list[int]) -> None:
    """Undo of :func:`split_risk`: fold those cards into ``survivor_id`` again (one edit)."""
    with lib.edit():
        for rid in ids:
            merge_risks(lib, survivor_id, rid)


def remove_risk(lib: Library, risk_id: int) -> Snapshot:
    """Delete a card (and its votes, and cards merged into it); a snapshot for undo."""
    return delete_with_snapshot(lib, "risks", risk_id)


def restore_risk(lib: Library, snap: Snapshot) -> None:
    restore(lib, snap)


# -- votes -------------------------------------------------------------------------------

def add_dot(lib: Library, workshop_id: int, risk_id: int, participant_id: int, delta: int = 1) -> int:
    """Add (or with a negative ``delta`` take back) a participant's dots on a card, within
    their allowance. Returns the new number of dots on that card from that participant."""
    with lib.edit():
        risk = get_risk(lib, risk_id)
        votes = list_votes(lib, workshop_id, risk.initiative_id, fold=False)
        mine = next((v.dots for v in votes if v.risk_id == risk_id and v.participant_id == participant_id), 0)
        new = max(0, mine + delta)
        if delta > 0 and dots_left(votes, participant_id, dots_allowance(lib, workshop_id)) < delta:
            raise ValidationError("dots", "no dots left: take one back from another card first")
        set_votes(lib, workshop_id, risk_id, participant_id, new)
    return new


def participant_votes(lib: Library, workshop_id: int, initiative_id: int | None,
                      participant_id: int) -> dict[int, int]:
    """risk id -> dots of one participant (unfolded), to restore them exactly on undo."""
    return {v.risk_id: v.dots for v in list_votes(lib, workshop_id, initiative_id, fold=False)
            if v.participant_id == participant_id}


def all_votes(lib: Library, workshop_id: int, initiative_id: int | None) -> dict[int, dict[int, int]]:
    """participant id -> {risk id: dots} (unfolded): a whole vote, for undo of a reset."""
    out: dict[int, dict[int, int]] = {}
    for v in list_votes(lib, workshop_id, initiative_id, fold=False):
        out.setdefault(v.participant_id, {})[v.risk_id] = v.dots
    return out


def replace_all_votes(lib: Library, workshop_id: int, initiative_id: int | None,
                      votes: dict[int, dict[int, int]]) -> None:
    """Replace every dot of one initiative's pre-mortem (reset a vote, or undo the reset)."""
    with lib.edit() as db:
        db.execute("DELETE FROM risk_votes WHERE risk_id IN "
                   "(SELECT id FROM risks WHERE workshop_id = ? AND initiative_id IS ?)", [workshop_id, initiative_id])
        for pid, dots in votes.items():
            for rid, n in dots.items():
                set_votes(lib, workshop_id, rid, int(pid), n)


# -- settings (workshop_settings JSON) -------------------------------------------------------
LANES_KEY = "premortem:lanes"
DOTS_KEY = "premortem:dots"
ANONYMOUS_KEY = "premortem:anonymous"
INITIATIVE_KEY = "premortem:initiative"
REVEALED_KEY = "premortem:revealed"


def lanes(lib: Library, workshop_id: int) -> list[Lane]:
    """The capture lanes, as the coach edited them (the four categories by default)."""
    data = get_setting(lib, workshop_id, LANES_KEY)
    return [Lane(k, t) for k, t in data] if data else list(DEFAULT_LANES)


def set_lanes(lib: Library, workshop_id: int, new: list[Lane] | None) -> None:
    """Store edited lanes (None restores the defaults). Keys must be unique; cards in a
    lane that disappears keep their key and show in the first lane until it comes back."""
    if new is not None:
        keys = [lane.key for lane in new]
        if len(set(keys)) != len(keys) or not keys:
            raise ValidationError("lanes", "need at least one lane and distinct keys")
        if len(new) > MAX_LANES:
            raise ValidationError("lanes", f"at most {MAX_LANES} lanes")
    set_setting(lib, workshop_id, LANES_KEY, None if new is None else [[lane.key, lane.title] for lane in new])


def dots_allowance(lib: Library, workshop_id: int) -> int:
    return int(get_setting(lib, workshop_id, DOTS_KEY, DEFAULT_DOTS))


def set_dots_allowance(lib: Library, workshop_id: int, dots: int) -> None:
    set_setting(lib, workshop_id, DOTS_KEY, require_int("dots per participant", dots, minimum=1, maximum=MAX_DOTS))


def anonymous(lib: Library, workshop_id: int) -> bool:
    """Are new cards left anonymous this round (the coach's choice)?"""
    return bool(get_setting(lib, workshop_id, ANONYMOUS_KEY, False))


def set_anonymous(lib: Library, workshop_id: int, value: bool) -> None:
    set_setting(lib, workshop_id, ANONYMOUS_KEY, bool(value))


def current_initiative(lib: Library, workshop_id: int) -> int | None:
    return get_setting(lib, workshop_id, INITIATIVE_KEY)


def set_current_initiative(lib: Library, workshop_id: int, initiative_id: int | None) -> None:
    set_setting(lib, workshop_id, INITIATIVE_KEY, initiative_id)


def revealed(lib: Library, workshop_id: int, initiative_id: int | None) -> bool:
    """Have this initiative's votes been revealed to the room?"""
    return str(initiative_id) in (get_setting(lib, workshop_id, REVEALED_KEY) or [])


def set_revealed(lib: Library, workshop_id: int, initiative_id: int | None, value: bool) -> None:
    current = set(get_setting(lib, workshop_id, REVEALED_KEY) or [])
    current = current | {str(initiative_id)} if value else current - {str(initiative_id)}
    set_setting(lib, workshop_id, REVEALED_KEY, sorted(current))


# -- cards written alone (a private round, exercise 'premortem_cards') ---------------------------
# Each person's cards are drafts (rows of risk_drafts) that nobody else sees; the round's
# reveal (store.rounds) makes them the room's cards, authored by their writers.

def list_drafts(lib: Library, workshop_id: int, initiative_id: int | None,
                participant_id: int | None = None) -> list[Risk]:
    """The hidden cards of one pre-mortem (one person's, with ``participant_id``), in the
    order written; ``author_id`` is the writer, ``id`` the draft's id."""
    sql = "SELECT * FROM risk_drafts WHERE workshop_id = ? AND initiative_id IS ?"
    params: list = [workshop_id, initiative_id]
    if participant_id is not None:
        sql += " AND participant_id = ?"
        params.append(participant_id)
    rows = lib.query(sql + " ORDER BY position, id", tuple(params))
    return [Risk(text=r["text"], category=r["category"], initiative_id=r["initiative_id"],
                 author_id=r["participant_id"], position=r["position"], id=r["id"]) for r in rows]


def add_draft(lib: Library, workshop_id: int, initiative_id: int | None, participant_id: int, category: str,
              text: str, slot: dict | None = None) -> int:
    """Write one hidden card; returns its id. ``slot`` (a dict) keeps the id between an undo
    and a redo, so the redo writes the same row again."""
    risk = Risk(text=text, category=category, initiative_id=initiative_id, author_id=participant_id)
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM risk_drafts WHERE workshop_id = ? "
                         "AND initiative_id IS ? AND participant_id = ?",
                         [workshop_id, initiative_id, participant_id]).fetchone()[0]
        cur = db.execute("INSERT INTO risk_drafts (id, workshop_id, initiative_id, participant_id, category, text, "
                         "position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(slot or {}).get("id"), workshop_id, initiative_id, participant_id, risk.category,
                          risk.text, pos])
        lib.touch_workshop(workshop_id)
    if slot is not None:
        slot["id"] = cur.lastrowid
    return cur.lastrowid


def remove_draft(lib: Library, draft_id: int | dict) -> dict | None:
    """Take a hidden card back (``draft_id`` or a slot of :func:`add_draft`); returns its row."""
    key = draft_id["id"] if isinstance(draft_id, dict) else draft_id
    rows = lib.query("SELECT * FROM risk_drafts WHERE id = ?", (key,))
    if not rows:
        return None
    with lib.edit() as db:
        db.execute("DELETE FROM risk_drafts WHERE id = ?", [key])
        lib.touch_workshop(rows[0]["workshop_id"])
    return rows[0]


def restore_draft(lib: Library, row: dict | None) -> None:
    """Put back a hidden card :func:`remove_draft` took (the same row, the same id)."""
    if row is None:
        return
    with lib.edit() as db:
        cols = list(row)
        db.execute(f"INSERT INTO risk_drafts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                   [row[c] for c in cols])
        lib.touch_workshop(row["workshop_id"])


def reveal_drafts(lib: Library, workshop_id: int, initiative_id: int | None) -> list[int]:
    """The reveal of a card round (inside its transaction): every hidden card becomes a card
    of the pre-mortem, written by its writer, in the lane chosen; returns the new risks' ids."""
    new = []
    for d in list_drafts(lib, workshop_id, initiative_id):
        new.append(add_risk(lib, workshop_id, Risk(text=d.text, category=d.category, initiative_id=initiative_id,
                                                    author_id=d.author_id)).id)
    with lib.edit() as db:
        db.execute("DELETE FROM risk_drafts WHERE workshop_id = ? AND initiative_id IS ?", [workshop_id, initiative_id])
    return new
