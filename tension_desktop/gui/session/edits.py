"""Every write of the session screens (agenda, run, opening round, close, pulse, follow-up
review, covenant review), each undoable edit one step through the document.

The screens only turn input into one of these calls. Three writes are bookkeeping, not
undo steps, and also live here: a new workshop's agenda and commitments made from the
templates (quiet), the time a phase really took, and continuing in a new session (a new
workshop, undone by deleting it from the home screen). A refused write has had its message
shown by the document; they return what was stored or None.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tension_desktop.model.agenda import AgendaPhase
from tension_desktop.model.commitments import KIND_TITLES
from tension_desktop.model.pulse import PulseCheck
from tension_desktop.store import covenant_review, session

from ..document import EditFailed, WorkshopDocument

#: the table of the agenda's phases
PHASES = "agenda_phases"


def _quietly(doc: WorkshopDocument, fn, *args: Any) -> Any:
    """A write that is no undo step (bookkeeping): its result, or None if refused."""
    try:
        return doc.call(fn, *args, quiet=True)
    except EditFailed:
        return None


# -- the agenda ---------------------------------------------------------------------------------
def ensure_agenda(doc: WorkshopDocument) -> None:
    """A new workshop starts from the built-in 90-minute (or follow-up) template."""
    _quietly(doc, session.ensure_agenda, doc.workshop_id)


def update_phase(doc: WorkshopDocument, text: str, phase_id: int, **changes: Any) -> bool:
    """Change fields of one phase."""
    old = session.get_phase(doc.lib, phase_id)
    before = {k: getattr(old, k) for k in changes}
    return doc.apply(text, lambda: doc.call(session.update_phase, phase_id, **changes),
                     lambda: doc.call(session.update_phase, phase_id, **before))


def add_phase(doc: WorkshopDocument, phase: AgendaPhase, position: int) -> bool:
    lib, wid = doc.lib, doc.workshop_id
    return doc.add_row(PHASES, f"Add phase {phase.title}", lambda: session.add_phase(lib, wid, phase, position))


def remove_phase(doc: WorkshopDocument, phase_id: int) -> bool:
    title = session.get_phase(doc.lib, phase_id).title
    return doc.remove_row(PHASES, f"Remove phase {title}", lambda: session.remove_phase(doc.lib, phase_id))


def move_phase(doc: WorkshopDocument, phase_id: int, new_position: int) -> bool:
    order = [p.id for p in session.list_phases(doc.lib, doc.workshop_id)]
    return doc.move_row("Reorder agenda", session.move_phase, phase_id, order, new_position)


def clear_times(doc: WorkshopDocument) -> bool:
    """Forget the recorded phase times."""
    wid = doc.workshop_id
    old: dict[int, int | None] = {}

    def redo() -> None:
        old.update(doc.call(session.clear_actuals, wid))

    return doc.apply("Clear recorded times", redo, lambda: doc.call(session.restore_actuals, dict(old)))


def use_phases(doc: WorkshopDocument, name: str, phases: list[AgendaPhase]) -> bool:
    """Replace the agenda by a template's phases (``name``: the template's)."""
    wid = doc.workshop_id
    old: list[AgendaPhase] = []

    def redo() -> None:
        old[:] = doc.call(session.replace_phases, wid, phases)

    return doc.apply(f"Use agenda {name}", redo,
                     lambda: doc.call(session.replace_phases, wid, [replace(p, id=None) for p in old]))


def record_actual(doc: WorkshopDocument, phase_id: int, seconds: int) -> None:
    """How long a phase really took (run mode; refused: the message was shown, the session goes on)."""
    try:
        doc.call(session.record_actual, phase_id, seconds)
    except EditFailed:
        pass


# -- the opening round and the close -----------------------------------------------------------
def set_opening(doc: WorkshopDocument, participant_id: int, risk: str, opportunity: str) -> bool:
    """One person's opening answers (True if they are already stored as given)."""
    wid = doc.workshop_id
    old = session.list_opening(doc.lib, wid).get(participant_id, ("", ""))
    if (risk.strip(), opportunity.strip()) == old:
        return True
    return doc.apply("Opening round answer",
                     lambda: doc.call(session.set_opening, wid, participant_id, risk, opportunity),
                     lambda: doc.call(session.set_opening, wid, participant_id, *old))


def ensure_commitments(doc: WorkshopDocument) -> None:
    """The close's three commitment cards exist (bookkeeping, no undo step)."""
    _quietly(doc, session.ensure_commitments, doc.workshop_id)


def _commitment_before(doc: WorkshopDocument, commitment_id: int, changes: dict[str, Any]) -> dict[str, Any] | None:
    """The fields ``changes`` would change, as stored; None if it changes nothing."""
    old = session.get_commitment(doc.lib, commitment_id)
    before = {k: getattr(old, k) for k in changes}
    return None if before == {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()} else before


def commitment_unchanged(doc: WorkshopDocument, commitment_id: int, **changes: Any) -> bool:
    """Would :func:`edit_commitment` with these changes change nothing?"""
    return _commitment_before(doc, commitment_id, changes) is None


def edit_commitment(doc: WorkshopDocument, commitment_id: int, **changes: Any) -> bool:
    """Change fields of one commitment; False if nothing changed."""
    before = _commitment_before(doc, commitment_id, changes)
    if before is None:
        return False
    kind = session.get_commitment(doc.lib, commitment_id).kind
    return doc.apply(f"Edit {KIND_TITLES[kind].lower()}",
                     lambda: doc.call(session.update_commitment, commitment_id, **changes),
                     lambda: doc.call(session.update_commitment, commitment_id, **before))


def set_final_answer(doc: WorkshopDocument, text: str) -> bool:
    """The answer to the final question; False if unchanged."""
    wid = doc.workshop_id
    old = session.final_answer(doc.lib, wid)
    if text.strip() == old:
        return False
    return doc.apply("Answer to the final question", lambda: doc.call(session.set_final_answer, wid, text),
                     lambda: doc.call(session.set_final_answer, wid, old))


def mark_close_done(doc: WorkshopDocument) -> bool:
    """Mark the close done (True if it already is)."""
    wid = doc.workshop_id
    if session.close_done(doc.lib, wid):
        return True
    return doc.apply("Mark the close done", lambda: doc.call(session.set_close_done, wid, True),
                     lambda: doc.call(session.set_close_done, wid, False))


def set_pulse(doc: WorkshopDocument, new: PulseCheck, old: PulseCheck | None) -> bool:
    """One person's pulse answers (their private turn); the undo text names no one and no answer."""
    wid, pid = doc.workshop_id, new.participant_id
    return doc.apply("Rate the pulse", lambda: doc.call(session.set_pulse, wid, new),
                     lambda: doc.call(session.set_pulse, wid, old, participant_id=pid))


# -- the follow-up review ---------------------------------------------------------------------
def review_commitment(doc: WorkshopDocument, commitment_id: int, status: str | None,
                      note: str | None = None) -> bool:
    """Mark an earlier commitment (status None keeps it) and/or its note; False if unchanged."""
    current = session.get_commitment(doc.lib, commitment_id)
    status = status or current.status
    prev = session.previous_workshop(doc.lib, doc.workshop_id)
    old_note = session.review_notes(doc.lib, prev.id).get(current.kind, "") if prev else ""
    if status == current.status and (note is None or note.strip() == old_note):
        return False
    return doc.apply(f"Review commitment: {status}",
                     lambda: doc.call(session.review_commitment, commitment_id, status, note),
                     lambda: doc.call(session.review_commitment, commitment_id, current.status,
                                      old_note if note is not None else None))


def continue_workshop(doc: WorkshopDocument, title: str):
    """The team's next session made from this one (a new workshop): it, or None if refused."""
    return _quietly(doc, session.continue_workshop, doc.workshop_id, title)


def mark_covenant_review(doc: WorkshopDocument, review_id: int, *, outcome: str | None = None,
                         note: str | None = None, decided_by: object = ...) -> bool:
    """Mark a covenant review row (outcome, note, who decided); False if unchanged."""
    old = covenant_review.get_review(doc.lib, review_id)
    new = {"outcome": old.outcome if outcome is None else outcome,
           "note": old.note if note is None else note.strip(),
           "decided_by": old.decided_by if decided_by is ... else decided_by}
    before = {"outcome": old.outcome, "note": old.note, "decided_by": old.decided_by}
    if new == before:
        return False
    return doc.apply(f"Review: {old.subject[:40]}", lambda: doc.call(covenant_review.set_review, review_id, **new),
                     lambda: doc.call(covenant_review.set_review, review_id, **before))


def add_near_miss(doc: WorkshopDocument, text: str) -> bool:
    """Log a near miss (blank text: nothing)."""
    text = text.strip()
    if not text:
        return False
    wid = doc.workshop_id
    made: list[int] = []

    def redo() -> None:
        made.append(doc.call(covenant_review.add_near_miss, wid, text))

    def undo() -> None:
        doc.call(covenant_review.remove_near_miss, made.pop())

    return doc.apply("Log near miss", redo, undo)
