"""Every edit of the stage gates, each one undo step through the document.

The screen (:mod:`.view`) only turns a drop or a form into one of these calls: a gate
decision (the decision and the initiative's new stage in one transaction), the team's own
gate criteria, and where an initiative's current phase runs.
"""

from __future__ import annotations

from typing import Any

from tension_desktop.model.stage_gate import STAGE_TITLES, GateDecision
from tension_desktop.store import people, stage_gates

from ..document import EditCommand, WorkshopDocument

#: the fields of an initiative's current phase, as the phase form gives them
PHASE_FIELDS = ("scope_kind", "scope", "metric")


class DecideCommand(EditCommand):
    """Record a gate decision and the initiative's new stage; undo takes both back."""

    def __init__(self, doc: WorkshopDocument, decision: GateDecision) -> None:
        verb = "Reopen" if decision.reopened else "Gate"
        title = people.get_initiative(doc.lib, decision.initiative_id).title
        super().__init__(f"{verb}: {title} to {STAGE_TITLES[decision.to_stage]}")
        self.doc, self.decision = doc, decision

    def apply(self) -> None:
        self.decision = self.doc.call(stage_gates.record_decision, self.doc.workshop_id, self.decision)

    def revert(self) -> None:
        self.doc.call(stage_gates.undo_decision, self.decision.id)


def decide(doc: WorkshopDocument, decision: GateDecision) -> bool:
    """Record a gate decision as one undo step (stage and decision together)."""
    return doc.push(DecideCommand(doc, decision))


def set_own_criteria(doc: WorkshopDocument, values: dict[str, Any]) -> bool:
    """The team's own gate criteria (its definition of ready); False if nothing changed."""
    wid = doc.workshop_id
    old = stage_gates.own_criteria(doc.lib, wid)
    if values == old:
        return False
    return doc.apply("Edit our gate criteria",
                     lambda: doc.call(stage_gates.set_own_criteria, wid, values),
                     lambda: doc.call(stage_gates.set_own_criteria, wid, old))


def set_phase(doc: WorkshopDocument, initiative_id: int, values: tuple[str, str, str]) -> bool:
    """Where an initiative's current phase runs and its success metric; False if unchanged."""
    ini = people.get_initiative(doc.lib, initiative_id)
    old = (ini.phase_scope_kind, ini.phase_scope, ini.phase_metric)
    if tuple(values) == old:
        return False
    return doc.edit_row(f"Phase of {ini.title[:40]}", stage_gates.set_phase, ini.id,
                        dict(zip(PHASE_FIELDS, values, strict=True)), dict(zip(PHASE_FIELDS, old, strict=True)))
