"""The domain in plain dataclasses and pure functions. No Qt, no SQL."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .agenda import AgendaPhase
    from .board import COLUMNS, BoardCard, BoardElement
    from .commitments import KINDS, Commitment
    from .covenant import CovenantItem, EscalationThreshold
    from .decision_rights import ROLES, DecisionRight
    from .premortem import CATEGORIES, Risk
    from .pulse import PulseCheck
    from .stage_gate import STAGES, GateDecision
    from .tension_map import ROUNDS, Placement, quadrant_of
    from .validation import ValidationError
    from .workshop import Initiative, Participant, Team, Workshop

#: name -> the module defining it. Each module is imported on first use of one of its names,
#: so start-up pays only for the dataclasses it needs.
_WHERE = {
    "AgendaPhase": "agenda", "BoardCard": "board", "BoardElement": "board", "COLUMNS": "board",
    "Commitment": "commitments", "KINDS": "commitments", "CovenantItem": "covenant",
    "EscalationThreshold": "covenant", "DecisionRight": "decision_rights", "ROLES": "decision_rights",
    "CATEGORIES": "premortem", "Risk": "premortem", "PulseCheck": "pulse", "GateDecision": "stage_gate",
    "STAGES": "stage_gate", "Placement": "tension_map", "ROUNDS": "tension_map",
    "quadrant_of": "tension_map", "ValidationError": "validation", "Initiative": "workshop",
    "Participant": "workshop", "Team": "workshop", "Workshop": "workshop",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "AgendaPhase", "BoardCard", "BoardElement", "CATEGORIES", "COLUMNS", "Commitment",
    "CovenantItem", "DecisionRight", "EscalationThreshold", "GateDecision", "Initiative",
    "KINDS", "Participant", "Placement", "PulseCheck", "ROLES", "ROUNDS", "Risk", "STAGES",
    "Team", "ValidationError", "Workshop", "quadrant_of",
]
