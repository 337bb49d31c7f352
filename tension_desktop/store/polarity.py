"""The polarity map's rows: the poles' names, the items of the 2x2 and below it, the voices.

Every write is one ``lib.edit()`` transaction and returns what the GUI needs to undo it
exactly (the old value, or a :class:`~.rows.Snapshot` for a removal). The private voices
are the inputs of the ``polarity`` private round (:mod:`.rounds`).
"""

from __future__ import annotations

from dataclasses import replace

from tension_desktop.model import EscalationThreshold
from tension_desktop.model.polarity import (
    POLES,
    PolarityItem,
    PolarityVoice,
    default_poles,
    threshold_draft,
)
from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.validation import ValidationError, require_text

from .covenant import _next_position, _workshop_of, add_threshold
from .library import Library
from .rows import Snapshot, copy_rows, delete_with_snapshot
from .tension_map import axis_labels
from .workshops import get_setting, set_setting

POLES_KEY = "polarity:poles"


def poles(lib: Library, workshop_id: int) -> dict[str, str]:
    """The two poles' names: the team's own, or named from the tension map's axes."""
    return {**default_poles(axis_labels(lib, workshop_id)), **(get_setting(lib, workshop_id, POLES_KEY) or {})}


def set_poles(lib: Library, workshop_id: int, names: dict[str, str] | None) -> dict | None:
    """Rename the poles (``None``: back to the names from the map's axes); returns the old setting."""
    old = get_setting(lib, workshop_id, POLES_KEY)
    if names is not None:
        names = {p: require_text("pole name", names[p], max_length=LENGTHS["setting.pole_name"]) for p in POLES}
    with lib.edit():
        set_setting(lib, workshop_id, POLES_KEY, names)
        lib.touch_workshop(workshop_id)
    return old


# -- items -------------------------------------------------------------------------------------
def _item(r: dict) -> PolarityItem:
    return PolarityItem(pole=r["pole"], kind=r["kind"], text=r["text"], owner_id=r["owner_id"],
                        position=r["position"], id=r["id"])


def list_items(lib: Library, workshop_id: int) -> list[PolarityItem]:
    rows = lib.query("SELECT * FROM polarity_items WHERE workshop_id = ? ORDER BY pole, kind, position, id",
                     (workshop_id,))
    return [_item(r) for r in rows]


def get_item(lib: Library, item_id: int) -> PolarityItem:
    rows = lib.query("SELECT * FROM polarity_items WHERE id = ?", (item_id,))
    if not rows:
        raise KeyError(f"There is no polarity item with id {item_id}.")
    return _item(rows[0])


def _check_owner(lib: Library, workshop_id: int, owner_id: int | None) -> None:
    if owner_id is not None and not lib.query("SELECT 1 FROM participants WHERE id = ? AND workshop_id = ?",
                                              (owner_id, workshop_id)):
        raise ValidationError("owner", "is not a participant of this workshop")


def add_item(lib: Library, workshop_id: int, item: PolarityItem) -> PolarityItem:
    """Add an item at the end of its pole's list of its kind."""
    _check_owner(lib, workshop_id, item.owner_id)
    with lib.edit() as db:
        pos = _next_position(db, "polarity_items", "workshop_id = ? AND pole = ? AND kind = ?",
                             [workshop_id, item.pole, item.kind])
        cur = db.execute("INSERT INTO polarity_items (workshop_id, pole, kind, text, owner_id, position) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         [workshop_id, item.pole, item.kind, item.text, item.owner_id, pos])
        lib.touch_workshop(workshop_id)
    return replace(item, position=pos, id=cur.lastrowid)


def update_item(lib: Library, item_id: int, *, text: str | None = None, owner_id: int | None | str = "keep"
                ) -> PolarityItem:
    """Change an item's text and/or owner (``owner_id=None`` clears it); returns the old item."""
    old = get_item(lib, item_id)
    wid = _workshop_of(lib, "polarity_items", item_id)
    new = replace(old, text=old.text if text is None else text,
                  owner_id=old.owner_id if owner_id == "keep" else owner_id)
    _check_owner(lib, wid, new.owner_id)
    with lib.edit() as db:
        db.execute("UPDATE polarity_items SET text = ?, owner_id = ? WHERE id = ?", [new.text, new.owner_id, item_id])
        lib.touch_workshop(wid)
    return old


def move_item(lib: Library, item_id: int, new_index: int) -> None:
    """Reorder within the same pole and kind."""
    item = get_item(lib, item_id)
    wid = _workshop_of(lib, "polarity_items", item_id)
    with lib.edit() as db:
        ids = [r[0] for r in db.execute("SELECT id FROM polarity_items WHERE workshop_id = ? AND pole = ? AND kind = ? "
                                        "ORDER BY position, id", [wid, item.pole, item.kind])]
        ids.remove(item_id)
        ids.insert(max(0, min(new_index, len(ids))), item_id)
        for pos, rid in enumerate(ids):
            db.execute("UPDATE polarity_items SET position = ? WHERE id = ?", [pos, rid])
        lib.touch_workshop(wid)


def remove_item(lib: Library, item_id: int) -> Snapshot:
    return delete_with_snapshot(lib, "polarity_items", item_id)


def warning_to_threshold(lib: Library, item_id: int) -> EscalationThreshold:
    """An early warning becomes a covenant threshold draft (metric = the warning, owner = its
    owner, threshold and lever left to the covenant). Returns the new threshold."""
    item = get_item(lib, item_id)
    wid = _workshop_of(lib, "polarity_items", item_id)
    metric, draft_for = threshold_draft(item, poles(lib, wid))
    owners = (item.owner_id,) if item.owner_id is not None else ()
    return add_threshold(lib, wid, EscalationThreshold(metric=metric, draft_for=draft_for, owner_ids=owners))


# -- the private voices -------------------------------------------------------------------------
def _voice(r: dict) -> PolarityVoice:
    return PolarityVoice(participant_id=r["participant_id"], preserve=r["preserve"], fear=r["fear"],
                         pole=r["pole"], share_a=r["share_a"], id=r["id"])


def list_voices(lib: Library, workshop_id: int) -> list[PolarityVoice]:
    rows = lib.query("SELECT v.* FROM polarity_voices v JOIN participants p ON p.id = v.participant_id "
                     "WHERE v.workshop_id = ? ORDER BY p.position, p.id", (workshop_id,))
    return [_voice(r) for r in rows]


def voice_of(lib: Library, workshop_id: int, participant_id: int) -> PolarityVoice | None:
    rows = lib.query("SELECT * FROM polarity_voices WHERE workshop_id = ? AND participant_id = ?",
                     (workshop_id, participant_id))
    return _voice(rows[0]) if rows else None


def set_voice(lib: Library, workshop_id: int, voice: PolarityVoice | None, participant_id: int | None = None
              ) -> PolarityVoice | None:
    """One person's voice (replacing their earlier one); ``None`` clears it. Returns the old one."""
    pid = voice.participant_id if voice is not None else participant_id
    if pid is None:
        raise ValidationError("participant", "a voice belongs to one participant")
    _check_owner(lib, workshop_id, pid)
    old = voice_of(lib, workshop_id, pid)
    with lib.edit() as db:
        db.execute("DELETE FROM polarity_voices WHERE workshop_id = ? AND participant_id = ?", [workshop_id, pid])
        if voice is not None:
            db.execute("INSERT INTO polarity_voices (workshop_id, participant_id, pole, preserve, fear, share_a) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [workshop_id, pid, voice.pole, voice.preserve, voice.fear, voice.share_a])
        lib.touch_workshop(workshop_id)
    return old


__all__ = ["POLES_KEY", "add_item", "get_item", "list_items", "list_voices", "move_item", "poles", "remove_item",
           "set_poles", "set_voice", "update_item", "voice_of", "warning_to_threshold"]


def carry_map(lib: Library, source_id: int, target_id: int, participant_ids: dict[int, int]) -> None:
    """Continue: the map's entries (owners mapped to the follow-up's people) go to the new
    workshop; the private voices do not (a new round asks again). Inside an edit."""
    items = lib.query("SELECT * FROM polarity_items WHERE workshop_id = ? ORDER BY id", (source_id,))
    copy_rows(lib.db, "polarity_items", items, values={"workshop_id": target_id},
              id_maps={"participants": participant_ids})
