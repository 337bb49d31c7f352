"""Every edit of the polarity map, each one undo step through the document.

Each is built on the document's one edit base (:class:`~tension_desktop.gui.document.EditCommand`,
through ``doc.apply`` / ``doc.add_row`` / ``doc.remove_row``): one store transaction each
way, the change notice read from what the store wrote, a refused edit dropped in one place.
Undo texts never name a participant or quote a private answer.
"""

from __future__ import annotations

from tension_desktop.model.polarity import KIND_TITLES, PolarityItem, PolarityVoice
from tension_desktop.store import polarity as store

from ..document import WorkshopDocument

#: the tables the map and its private round are drawn from
ITEMS, VOICES = "polarity_items", "polarity_voices"


def rename_poles(doc: WorkshopDocument, names: dict[str, str] | None) -> bool:
    """Name the two poles (``None``: back to the names from the map's axes)."""
    old: list[dict | None] = [None]

    def redo() -> None:
        old[0] = doc.call(store.set_poles, doc.workshop_id, names)

    return doc.apply("Rename the poles", redo, lambda: doc.call(store.set_poles, doc.workshop_id, old[0]))


def add_item(doc: WorkshopDocument, item: PolarityItem) -> bool:
    """Add an upside, downside, action step or early warning; undo removes that row, redo
    puts the same row back."""
    return doc.add_row(ITEMS, f"Add {KIND_TITLES[item.kind].lower().rstrip('s')}",
                       lambda: store.add_item(doc.lib, doc.workshop_id, item))


def edit_item(doc: WorkshopDocument, item_id: int, text: str, owner_id: int | None) -> bool:
    """Change an entry's text and owner."""
    old = store.get_item(doc.lib, item_id)
    return doc.edit_row("Edit polarity map entry", store.update_item, item_id,
                        {"text": text, "owner_id": owner_id}, {"text": old.text, "owner_id": old.owner_id})


def remove_item(doc: WorkshopDocument, item_id: int) -> bool:
    """Delete an entry; undo puts it back with its id."""
    return doc.remove_row(ITEMS, "Delete polarity map entry", lambda: store.remove_item(doc.lib, item_id))


def warning_to_threshold(doc: WorkshopDocument, item_id: int) -> bool:
    """An early warning becomes a covenant threshold draft (one tap, one undo step)."""
    return doc.add_row("thresholds", "Make a threshold draft from an early warning",
                       lambda: store.warning_to_threshold(doc.lib, item_id))


def save_voice(doc: WorkshopDocument, voice: PolarityVoice) -> bool:
    """One person's private answers (neutral text: names nobody, quotes nothing)."""
    old: list[PolarityVoice | None] = [None]

    def redo() -> None:
        old[0] = doc.call(store.set_voice, doc.workshop_id, voice)

    return doc.apply("Save my answers", redo,
                     lambda: doc.call(store.set_voice, doc.workshop_id, old[0], participant_id=voice.participant_id))
