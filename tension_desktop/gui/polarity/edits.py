"""Every edit of the polarity map, each one undo command through the document.

All commands share one small base, :class:`PolarityEdit`: ``redo`` runs ``do()`` and
``undo`` runs ``undo_it()``, both through ``doc.call`` (one store transaction each), and a
refused edit marks the command obsolete once, here. Undo texts never name a participant
or quote a private answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from tension_desktop.model.polarity import KIND_TITLES, PolarityItem, PolarityVoice
from tension_desktop.store import covenant
from tension_desktop.store import polarity as store
from tension_desktop.store.rows import Snapshot

from ..document import EditFailed, WorkshopDocument

KIND = "polarity"
#: the covenant's change kind (a threshold draft made from an early warning)
COVENANT_KIND = "covenant"


class PolarityEdit(QUndoCommand):
    """One undoable edit: subclasses say what ``do`` and ``undo_it`` call."""

    def __init__(self, doc: WorkshopDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.wid = doc.workshop_id

    def call(self, fn, *args: Any, kind: str = KIND, **kwargs: Any) -> Any:
        return self.doc.call(fn, *args, kind=kind, **kwargs)

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def undo_it(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def redo(self) -> None:
        try:
            self.do()
        except EditFailed:
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self.undo_it()
        except EditFailed:
            self.setObsolete(True)


class RenamePoles(PolarityEdit):
    def __init__(self, doc: WorkshopDocument, names: dict[str, str] | None) -> None:
        super().__init__(doc, "Rename the poles")
        self.names, self.old = names, None

    def do(self) -> None:
        self.old = self.call(store.set_poles, self.wid, self.names)

    def undo_it(self) -> None:
        self.call(store.set_poles, self.wid, self.old)


class AddItem(PolarityEdit):
    """Add an upside, downside, action step or early warning; undo removes that row, redo
    puts the same row back."""

    def __init__(self, doc: WorkshopDocument, item: PolarityItem) -> None:
        super().__init__(doc, f"Add {KIND_TITLES[item.kind].lower().rstrip('s')}")
        self.item = item
        self.snap: Snapshot | None = None
        self.item_id: int | None = None

    def do(self) -> None:
        if self.snap is None:
            self.item_id = self.call(store.add_item, self.wid, self.item).id
        else:
            self.call(lambda lib: store.restore_rows(lib, self.snap))

    def undo_it(self) -> None:
        self.snap = self.call(store.remove_item, self.item_id)


class EditItem(PolarityEdit):
    def __init__(self, doc: WorkshopDocument, item_id: int, text: str, owner_id: int | None) -> None:
        super().__init__(doc, "Edit polarity map entry")
        self.item_id, self.text_, self.owner_id = item_id, text, owner_id
        self.old: PolarityItem | None = None

    def do(self) -> None:
        self.old = self.call(store.update_item, self.item_id, text=self.text_, owner_id=self.owner_id)

    def undo_it(self) -> None:
        self.call(store.update_item, self.item_id, text=self.old.text, owner_id=self.old.owner_id)


class RemoveItem(PolarityEdit):
    def __init__(self, doc: WorkshopDocument, item_id: int) -> None:
        super().__init__(doc, "Delete polarity map entry")
        self.item_id = item_id
        self.snap: Snapshot | None = None

    def do(self) -> None:
        self.snap = self.call(store.remove_item, self.item_id)

    def undo_it(self) -> None:
        self.call(lambda lib: store.restore_rows(lib, self.snap))


class WarningToThreshold(PolarityEdit):
    """An early warning becomes a covenant threshold draft (one tap, one undo step)."""

    def __init__(self, doc: WorkshopDocument, item_id: int) -> None:
        super().__init__(doc, "Make a threshold draft from an early warning")
        self.item_id = item_id
        self.threshold_id: int | None = None
        self.snap: Snapshot | None = None

    def do(self) -> None:
        if self.snap is None:
            self.threshold_id = self.call(store.warning_to_threshold, self.item_id, kind=COVENANT_KIND).id
        else:
            self.call(lambda lib: store.restore_rows(lib, self.snap), kind=COVENANT_KIND)
        self.doc.emit_changed(KIND, None)

    def undo_it(self) -> None:
        self.snap = self.call(covenant.remove_threshold, self.threshold_id, kind=COVENANT_KIND)
        self.doc.emit_changed(KIND, None)


class SetVoice(PolarityEdit):
    """One person's private answers (neutral text: names nobody, quotes nothing)."""

    def __init__(self, doc: WorkshopDocument, voice: PolarityVoice) -> None:
        super().__init__(doc, "Save my answers")
        self.voice = voice
        self.old: PolarityVoice | None = None

    def do(self) -> None:
        self.old = self.call(store.set_voice, self.wid, self.voice)

    def undo_it(self) -> None:
        self.call(store.set_voice, self.wid, self.old, participant_id=self.voice.participant_id)
