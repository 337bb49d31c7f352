"""The domain in plain dataclasses and pure functions. No Qt, no SQL."""

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

__all__ = [
    "AgendaPhase", "BoardCard", "BoardElement", "CATEGORIES", "COLUMNS", "Commitment",
    "CovenantItem", "DecisionRight", "EscalationThreshold", "GateDecision", "Initiative",
    "KINDS", "Participant", "Placement", "PulseCheck", "ROLES", "ROUNDS", "Risk", "STAGES",
    "Team", "ValidationError", "Workshop", "quadrant_of",
]
