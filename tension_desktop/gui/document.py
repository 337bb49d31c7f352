"""The workshop document: the one object the GUI writes through.

Views never write SQL. An edit is a ``QUndoCommand`` whose ``redo()``/``undo()`` call a
document method; the method calls the store (one transaction) and then emits what
changed: one typed :class:`~tension_desktop.store.changes.Changes` notice (the tables and
settings the edit wrote, as the library recorded them), which each view asks a precise
question (``changes.touches("placements")``). If the store refuses (disk full, read-only), the document emits
``storeFailed`` with a message and raises :class:`EditFailed` so the command can mark
itself obsolete; the undo stack then drops it and the views stay as the file is.

Threading: GUI thread only, like the library connection it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from tension_desktop.model import ValidationError
from tension_desktop.store import Library, StoreError, people, workshops
from tension_desktop.store.changes import Changes
from tension_desktop.store.rows import Snapshot, delete_with_snapshot

from .plain import undo_text


class EditFailed(Exception):
    """The store refused an edit; the message was already shown to the user."""


class WorkshopDocument(QObject):
    """One open workshop: its library, id, undo stack and change signals."""

    #: a :class:`Changes` notice: what one edit wrote (tables, settings keys, declared rows)
    changed = Signal(object)
    participantsChanged = Signal()
    initiativesChanged = Signal()
    workshopChanged = Signal()
    storeFailed = Signal(str)
    #: a private round started, changed hands or ended (see gui/turns.py): lock or unlock
    privateRoundChanged = Signal()

    def __init__(self, lib: Library, workshop_id: int, parent: QObject | None = None, *,
                 undo_stack: QUndoStack | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.workshop_id = workshop_id
        #: its own stack, or a shared one (the home screen's edits of workshops it has not opened)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        #: exercise -> its TurnController (gui/turns.py), registered when the screen is built
        self.rounds: dict[str, QObject] = {}
        self._calls = 0  # document calls running (one inside another shares its notice)

    # -- generic plumbing --------------------------------------------------------------
    def call(self, fn: Callable[..., Any], *args: Any, quiet: bool = False,
             rows: dict[str, tuple] | None = None, **kwargs: Any) -> Any:
        """Run a store function; on success emit what it wrote as one :class:`Changes` notice
        (with ``rows``, the rows it is about, declared for views that redraw one row); on
        refusal emit ``storeFailed`` and raise :class:`EditFailed`. ``quiet`` writes without
        a notice (bookkeeping the views do not show, e.g. which initiative is current)."""
        if self._calls == 0:
            self.lib.take_changes()  # what was written outside the document is not this edit's
        self._calls += 1
        try:
            result = fn(self.lib, *args, **kwargs)
        except (StoreError, ValidationError) as exc:
            self.storeFailed.emit(str(exc))
            raise EditFailed(str(exc)) from exc
        finally:
            self._calls -= 1
        changes = self.lib.take_changes()
        if not quiet:
            if rows:
                changes = changes | Changes.of(rows=rows)
            self.notify(changes)
        return result

    def notify(self, changes: Changes) -> None:
        """Tell every view what changed."""
        self.changed.emit(changes)
        if changes.touches("participants"):
            self.participantsChanged.emit()
        if changes.touches("initiatives"):
            self.initiativesChanged.emit()
        if changes.touches("workshops"):
            self.workshopChanged.emit()

    def push(self, command: QUndoCommand) -> bool:
        """Push a command; returns False if the store refused it (it is then not on the stack)."""
        before = self.undo_stack.count()
        command.setText(undo_text(command.text()))  # names in "Undo …" show as typed
        self.undo_stack.push(command)
        return self.undo_stack.count() > before

    def apply(self, text: str, redo: Callable[[], Any], undo: Callable[[], Any]) -> bool:
        """Push a simple command made of two callables that call this document."""
        return self.push(FnCommand(text, redo, undo))

    # -- private rounds ----------------------------------------------------------------------
    def register_round(self, controller: QObject) -> None:
        """Called by each exercise's TurnController: the window locks while any round runs."""
        key = controller.exercise
        self.rounds[key] = controller
        # a screen built again (the pulse window) registers anew: only its own entry goes
        controller.destroyed.connect(lambda _o=None, ref=controller: self.rounds.get(key) is ref
                                     and self.rounds.pop(key, None))
        self.privateRoundChanged.emit()

    def active_round(self):
        """The TurnController whose private round is running, or None."""
        return next((c for c in list(self.rounds.values()) if c.active), None)

    # -- reading ---------------------------------------------------------------------------
    @property
    def workshop(self):
        return workshops.get_workshop(self.lib, self.workshop_id)

    @property
    def team_name(self) -> str:
        return workshops.team_name(self.lib, self.workshop.team_id)

    def participants(self):
        return people.list_participants(self.lib, self.workshop_id)

    def initiatives(self):
        return people.list_initiatives(self.lib, self.workshop_id)

    # -- ordered rows: add, edit, move, remove (each one undo step) -------------------------
    def add_row(self, table: str, text: str, create: Callable[[], Any]) -> bool:
        """Add a row (``create()`` stores it and returns it with its id); undo removes it with
        what was attached to it since, redo puts the same row back."""
        return self.push(AddRowCommand(self, table, text, create))

    def edit_row(self, text: str, update: Callable[..., Any], row_id: int, after: dict[str, Any],
                 before: dict[str, Any]) -> bool:
        """Change fields of one row: ``update(lib, row_id, **after)``; undo writes ``before`` back."""
        return self.apply(text, lambda: self.call(update, row_id, **after),
                          lambda: self.call(update, row_id, **before))

    def move_row(self, text: str, move: Callable[..., Any], row_id: int, order: list[int], new_index: int) -> bool:
        """Move one row of an ordered list (``order``: the ids as shown) to ``new_index``; undo
        moves it back."""
        old = order.index(row_id)
        return self.apply(text, lambda: self.call(move, row_id, new_index), lambda: self.call(move, row_id, old))

    def remove_row(self, table: str, text: str, remove: Callable[[], Snapshot]) -> bool:
        """Remove a row with what depends on it; undo restores exactly what was removed."""
        return self.push(RemoveRowCommand(self, table, text, remove))

    # -- participants and initiatives ------------------------------------------------------
    def add_participant(self, name: str, role: str = "", colour: str | None = None) -> bool:
        return self.add_row("participants", f"Add participant {name}",
                            lambda: people.add_participant(self.lib, self.workshop_id, name, role, colour))

    def edit_participant(self, participant_id: int, **changes: Any) -> bool:
        old = people.get_participant(self.lib, participant_id)
        return self.edit_row(f"Edit participant {old.name}", people.update_participant, participant_id, changes,
                             {k: getattr(old, k) for k in changes})

    def move_participant(self, participant_id: int, new_position: int) -> bool:
        return self.move_row("Reorder participants", people.move_participant, participant_id,
                             [p.id for p in self.participants()], new_position)

    def remove_participant(self, participant_id: int) -> bool:
        name = people.get_participant(self.lib, participant_id).name
        return self.remove_row("participants", f"Remove participant {name}",
                               lambda: people.remove_participant(self.lib, participant_id))

    def add_initiative(self, title: str, description: str = "") -> bool:
        return self.add_row("initiatives", f"Add initiative {title}",
                            lambda: people.add_initiative(self.lib, self.workshop_id, title, description))

    def edit_initiative(self, initiative_id: int, **changes: Any) -> bool:
        old = people.get_initiative(self.lib, initiative_id)
        return self.edit_row(f"Edit initiative {old.title}", people.update_initiative, initiative_id, changes,
                             {k: getattr(old, k) for k in changes})

    def move_initiative(self, initiative_id: int, new_position: int) -> bool:
        return self.move_row("Reorder initiatives", people.move_initiative, initiative_id,
                             [i.id for i in self.initiatives()], new_position)

    def remove_initiative(self, initiative_id: int) -> bool:
        title = people.get_initiative(self.lib, initiative_id).title
        return self.remove_row("initiatives", f"Remove initiative {title}",
                               lambda: people.remove_initiative(self.lib, initiative_id))

    def rename_workshop(self, title: str) -> bool:
        """Rename the workshop as one undo step (the one rename: the home screen uses it too)."""
        return self.push(RenameWorkshopCommand(self, title))

    def restore(self, snap: Snapshot) -> None:
        """Put back removed rows (undo of a remove): the notice names every table restored
        (a participant comes back with their placements, cards, votes...)."""
        self.call(people.undo_remove, snap)


class EditCommand(QUndoCommand):
    """The base of every undoable edit.

    A subclass writes :meth:`apply` and :meth:`revert`, each calling the document (which
    calls the store in one transaction and tells the views). A refused edit
    (:class:`EditFailed`, its message already shown) makes the command obsolete, here and
    only here: the undo stack drops it and the views stay as the file is.
    """

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        try:
            self.apply()
        except EditFailed:
            self.setObsolete(True)

    def undo(self) -> None:
        try:
            self.revert()
        except EditFailed:
            self.setObsolete(True)


class FnCommand(EditCommand):
    """An undo step made of two callables that call the document."""

    def __init__(self, text: str, redo: Callable[[], Any], undo: Callable[[], Any]) -> None:
        super().__init__(text)
        self._redo = redo
        self._undo = undo

    def apply(self) -> None:
        self._redo()

    def revert(self) -> None:
        self._undo()


class AddRowCommand(EditCommand):
    """Add a row; undo removes it with everything attached; redo puts the same row back."""

    def __init__(self, doc: WorkshopDocument, table: str, text: str, create: Callable[[], Any]) -> None:
        super().__init__(text)
        self.doc, self.table, self._create = doc, table, create
        self.row_id: int | None = None
        self._snap: Snapshot | None = None

    def apply(self) -> None:
        if self._snap is None:
            self.row_id = self.doc.call(lambda _lib: self._create()).id
        else:
            self.doc.restore(self._snap)

    def revert(self) -> None:
        self._snap = self.doc.call(delete_with_snapshot, self.table, self.row_id)


class RemoveRowCommand(EditCommand):
    """Remove a row (and what depends on it); undo restores exactly what was removed."""

    def __init__(self, doc: WorkshopDocument, table: str, text: str, remove: Callable[[], Snapshot]) -> None:
        super().__init__(text)
        self.doc, self.table, self._remove = doc, table, remove
        self._snap: Snapshot | None = None
        self._table_id: int | None = None

    def apply(self) -> None:
        if self._table_id is None:
            self._snap = self.doc.call(lambda _lib: self._remove())
            self._table_id = next(iter(self._snap.rows[self.table]))
        else:
            self._snap = self.doc.call(delete_with_snapshot, self.table, self._table_id)

    def revert(self) -> None:
        self.doc.restore(self._snap)


class RenameWorkshopCommand(EditCommand):
    """Give the workshop a new title; undo gives the old one back."""

    def __init__(self, doc: WorkshopDocument, title: str) -> None:
        super().__init__("Rename workshop")
        self.doc, self.title, self.old = doc, title, doc.workshop.title

    def apply(self) -> None:
        self.doc.call(workshops.rename_workshop, self.doc.workshop_id, self.title)

    def revert(self) -> None:
        self.doc.call(workshops.rename_workshop, self.doc.workshop_id, self.old)
