"""A finding of the covenant's checks, shared by the covenant and the decision rights
(its own module so that neither has to import the other to report one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CovenantWarning:
    """A non-blocking finding. ``message`` is a full sentence that can be read aloud.

    ``check`` names the rule ('threshold_owner', 'threshold_lever', 'threshold_number',
    'threshold_draft', 'decision_approver', 'protected_and_degradable', 'owner_overload',
    'owns_nothing'); ``section`` the
    part of the covenant ('thresholds', 'decisions', 'items', 'participants');
    ``subject_id`` the row it is about (threshold, decision, item or participant id).
    """

    check: str
    section: str
    message: str
    subject_id: int | None = None
