"""The allocation round's rows: category names and target, the portfolio, the private splits.

Every write is one ``lib.edit()`` transaction and returns what the GUI needs to undo it
exactly. The splits are the inputs of the ``allocation`` private round (:mod:`.rounds`).
"""

from __future__ import annotations

import json
from dataclasses import replace

from tension_desktop.model.allocation import (
    CATEGORIES,
    DEFAULT_CATEGORY_NAMES,
    DEFAULT_TARGET,
    PortfolioItem,
    Split,
    TimeReading,
    check_shares,
    time_readings,
)
from tension_desktop.model.commitments import Commitment
from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.validation import ValidationError, require_text

from .library import Library
from .rows import Snapshot, copy_rows, delete_with_snapshot
from .workshops import get_setting, get_workshop, set_setting

CATEGORIES_KEY = "allocation:categories"
TARGET_KEY = "allocation:target"


def category_names(lib: Library, workshop_id: int) -> dict[str, str]:
    return {**DEFAULT_CATEGORY_NAMES, **(get_setting(lib, workshop_id, CATEGORIES_KEY) or {})}


def set_category_names(lib: Library, workshop_id: int, names: dict[str, str] | None) -> dict | None:
    """Rename the categories (``None``: the default names); returns the old setting."""
    old = get_setting(lib, workshop_id, CATEGORIES_KEY)
    if names is not None:
        names = {c: require_text("category name", names[c], max_length=LENGTHS["setting.category_name"])
                 for c in CATEGORIES}
    with lib.edit():
        set_setting(lib, workshop_id, CATEGORIES_KEY, names)
        lib.touch_workshop(workshop_id)
    return old


def target(lib: Library, workshop_id: int) -> dict[str, int]:
    """The agreed target split (40/40/20 until the team agrees another)."""
    return dict(get_setting(lib, workshop_id, TARGET_KEY) or DEFAULT_TARGET)


def set_target(lib: Library, workshop_id: int, shares: dict[str, int] | None) -> dict | None:
    """Agree a target split (``None``: back to 40/40/20); returns the old setting."""
    old = get_setting(lib, workshop_id, TARGET_KEY)
    if shares is not None:
        shares = check_shares("target", "portfolio", shares)
    with lib.edit():
        set_setting(lib, workshop_id, TARGET_KEY, shares)
        lib.touch_workshop(workshop_id)
    return old


# -- the portfolio -----------------------------------------------------------------------------
def _item(r: dict) -> PortfolioItem:
    return PortfolioItem(category=r["category"], effort=r["effort"], initiative_id=r["initiative_id"],
                         title=r["title"], request=bool(r["request"]), position=r["position"], id=r["id"])


def list_items(lib: Library, workshop_id: int) -> list[PortfolioItem]:
    """Initiatives with a category (in the initiatives' order), then the new requests."""
    rows = lib.query("SELECT p.* FROM portfolio_items p LEFT JOIN initiatives i ON i.id = p.initiative_id "
                     "WHERE p.workshop_id = ? ORDER BY p.request, i.position, p.position, p.id", (workshop_id,))
    return [_item(r) for r in rows]


def get_item(lib: Library, item_id: int) -> PortfolioItem:
    rows = lib.query("SELECT * FROM portfolio_items WHERE id = ?", (item_id,))
    if not rows:
        raise KeyError(f"There is no portfolio item with id {item_id}.")
    return _item(rows[0])


def item_for(lib: Library, workshop_id: int, initiative_id: int) -> PortfolioItem | None:
    rows = lib.query("SELECT * FROM portfolio_items WHERE workshop_id = ? AND initiative_id = ?",
                     (workshop_id, initiative_id))
    return _item(rows[0]) if rows else None


def set_initiative(lib: Library, workshop_id: int, initiative_id: int, category: str | None,
                   effort: int = 0) -> PortfolioItem | None:
    """Give an initiative its category and effort (``category=None`` takes it out of the
    portfolio); returns what it had before (None = not in the portfolio)."""
    if not lib.query("SELECT 1 FROM initiatives WHERE id = ? AND workshop_id = ?", (initiative_id, workshop_id)):
        raise ValidationError("initiative", "is not an initiative of this workshop")
    old = item_for(lib, workshop_id, initiative_id)
    new = PortfolioItem(category=category, effort=effort, initiative_id=initiative_id) if category else None
    with lib.edit() as db:
        db.execute("DELETE FROM portfolio_items WHERE workshop_id = ? AND initiative_id = ?",
                   [workshop_id, initiative_id])
        if new is not None:
            db.execute("INSERT INTO portfolio_items (workshop_id, initiative_id, category, effort) VALUES (?, ?, ?, ?)",
                       [workshop_id, initiative_id, new.category, new.effort])
        lib.touch_workshop(workshop_id)
    return old


def add_request(lib: Library, workshop_id: int, title: str, category: str, effort: int) -> PortfolioItem:
    """Place a new request into the portfolio (not yet part of what the initiatives add up to)."""
    title = require_text("request", title, max_length=LENGTHS["portfolio_items.title"])
    item = PortfolioItem(category=category, effort=effort, title=title, request=True)
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM portfolio_items WHERE workshop_id = ? "
                         "AND request = 1", [workshop_id]).fetchone()[0]
        cur = db.execute("INSERT INTO portfolio_items (workshop_id, title, category, effort, request, position) "
                         "VALUES (?, ?, ?, ?, 1, ?)", [workshop_id, title, category, effort, pos])
        lib.touch_workshop(workshop_id)
    return replace(item, position=pos, id=cur.lastrowid)


def remove_item(lib: Library, item_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "portfolio_items", item_id)


# -- the private splits --------------------------------------------------------------------------
def _split(r: dict) -> Split:
    return Split(participant_id=r["participant_id"], kind=r["kind"], scheme=r["scheme"], scope=r["scope"],
                 shares=json.loads(r["shares"]), id=r["id"])


def list_splits(lib: Library, workshop_id: int, kind: str | None = None) -> list[Split]:
    rows = lib.query("SELECT s.* FROM allocation_splits s JOIN participants p ON p.id = s.participant_id "
                     "WHERE s.workshop_id = ? AND (? IS NULL OR s.kind = ?) ORDER BY p.position, p.id, s.kind",
                     (workshop_id, kind, kind))
    return [_split(r) for r in rows]


def splits_of(lib: Library, workshop_id: int, participant_id: int) -> dict[str, Split]:
    """kind -> that person's split."""
    return {s.kind: s for s in list_splits(lib, workshop_id) if s.participant_id == participant_id}


def set_split(lib: Library, workshop_id: int, split: Split | None, *, participant_id: int | None = None,
              kind: str | None = None) -> Split | None:
    """One person's split of one kind (replacing their earlier one); ``None`` clears it
    (give ``participant_id`` and ``kind``). Returns the old one."""
    pid = split.participant_id if split is not None else participant_id
    kind = split.kind if split is not None else kind
    if not lib.query("SELECT 1 FROM participants WHERE id = ? AND workshop_id = ?", (pid, workshop_id)):
        raise ValidationError("participant", "is not a participant of this workshop")
    old = splits_of(lib, workshop_id, pid).get(kind)
    with lib.edit() as db:
        db.execute("DELETE FROM allocation_splits WHERE workshop_id = ? AND participant_id = ? AND kind = ?",
                   [workshop_id, pid, kind])
        if split is not None:
            db.execute("INSERT INTO allocation_splits (workshop_id, participant_id, kind, scheme, scope, shares) "
                       "VALUES (?, ?, ?, ?, ?, ?)", [workshop_id, pid, split.kind, split.scheme, split.scope,
                                                     json.dumps(split.shares)])
        lib.touch_workshop(workshop_id)
    return old


# -- across sessions and into the close ----------------------------------------------------------
def readings_by_name(lib: Library, workshop_id: int) -> dict[str, TimeReading]:
    """Each person's time reading, keyed by name (people are new rows in each session)."""
    names = {r["id"]: r["name"] for r in lib.query("SELECT id, name FROM participants WHERE workshop_id = ?",
                                                     (workshop_id,))}
    return {names[r.participant_id]: r for r in time_readings(list_splits(lib, workshop_id))
            if r.participant_id in names}


def earlier_readings(lib: Library, workshop_id: int) -> dict[str, TimeReading]:
    """The time readings of the session this one continues (empty when it continues none)."""
    earlier = get_workshop(lib, workshop_id).continued_from
    if earlier is None or not lib.query("SELECT 1 FROM workshops WHERE id = ?", (earlier,)):
        return {}
    return readings_by_name(lib, earlier)


def commit_from_reveal(lib: Library, workshop_id: int, kind: str, text: str, owner_id: int | None
                       ) -> tuple[int, Commitment | None]:
    """A commitment made straight from the reveal: it fills the close's first empty
    commitment of ``kind``, or is added beside it. Returns (commitment id, what that row was
    before; None when it was added)."""
    from .session import add_commitment, list_commitments, update_commitment

    c = Commitment(kind=kind, text=text, owner_id=owner_id)
    with lib.edit():
        empty = next((x for x in list_commitments(lib, workshop_id)
                      if x.kind == kind and not x.text and x.owner_id is None), None)
        if empty is not None:
            old = update_commitment(lib, empty.id, text=c.text, owner_id=c.owner_id)
            return empty.id, old
        return add_commitment(lib, workshop_id, c).id, None


def undo_commit(lib: Library, commitment_id: int, old: Commitment | None) -> None:
    """Undo :func:`commit_from_reveal`: the added commitment leaves, a filled one is empty again."""
    from .session import update_commitment

    if old is None:
        delete_with_snapshot(lib, "commitments", commitment_id)
    else:
        update_commitment(lib, commitment_id, text=old.text, owner_id=old.owner_id)


def carry_portfolio(lib: Library, source_id: int, target_id: int, initiative_ids: dict[int, int]) -> None:
    """Continue: each initiative keeps its category and effort in the follow-up; new requests
    and the private splits stay behind (the follow-up compares its splits with these).
    Inside an edit."""
    kept = lib.query("SELECT * FROM portfolio_items WHERE workshop_id = ? AND request = 0 ORDER BY id", (source_id,))
    copy_rows(lib.db, "portfolio_items", [r for r in kept if r["initiative_id"] in initiative_ids],
              values={"workshop_id": target_id}, id_maps={"initiatives": initiative_ids})
