"""The limits of stored values that the model's classes and the forms read: text lengths and
counts, defined once. :mod:`.rules` builds the checks of every stored value on them.

A module of its own (plain numbers, nothing else) because the model's classes load with the
app's first window, while the rules (and their checks) are needed only when something is
written or imported.
"""

from __future__ import annotations

#: Longest text of each stored text column ("table.column") or setting part, in characters.
#: The model's dataclasses, the forms and the import read these numbers.
LENGTHS: dict[str, int] = {
    "teams.name": 200,
    "workshops.title": 200,
    "participants.name": 120,
    "participants.role": 120,
    "initiatives.title": 200,
    "initiatives.description": 2000,
    "board_elements.text": 300,
    "board_cards.rationale": 500,
    "risks.category": 60,
    "risks.text": 1000,
    "risks.mitigation": 1000,
    "gate_decisions.evidence": 4000,
    "gate_decisions.rollback": 4000,
    "decisions.decision": 1000,
    "covenant_items.text": 4000,
    "covenant_items.limit_text": 2000,
    "thresholds.metric": 500,
    "thresholds.threshold": 1000,
    "thresholds.lever": 2000,
    "thresholds.draft_for": 500,
    "thresholds.overrides": 1000,
    "decisions.required_inputs": 2000,
    "decisions.escalation": 1000,
    "covenant_reviews.note": 1000,
    "near_misses.text": 2000,
    "commitments.text": 500,
    "agenda_phases.title": 200,
    "agenda_phases.notes": 20000,
    "agenda_phases.prompt": 1000,       # each prompt of a phase
    "opening_round.risk": 1000,
    "opening_round.opportunity": 1000,
    "setting.map_label": 120,           # axis names, quadrant labels, governance names
    "setting.lane_key": 60,
    "setting.lane_title": 60,
    "setting.final_answer": 4000,
    "setting.review_note": 2000,
    "setting.gate_criterion": 500,      # one criterion of a team's own gate bar
    "initiatives.phase_scope": 200,     # where the current phase runs (a region, a unit...)
    "initiatives.phase_metric": 300,    # how the phase's success is measured
    "timestamp": 40,
    "polarity_items.text": 500,
    "polarity_voices.preserve": 1000,
    "polarity_voices.fear": 1000,
    "portfolio_items.title": 200,
    "setting.pole_name": 60,
    "setting.category_name": 60,
    "structure_blockers.text": 300,
    "structure_sorts.rationale": 500,
    "readiness_items.text": 300,
    "readiness_checks.evidence": 4000,
}

#: Other limits of the forms, stored with the same single definition.
MAX_PROMPTS = 50            # prompts of one agenda phase
MAX_PHASE_MINUTES = 24 * 60
MAX_LANES = 12              # pre-mortem capture lanes
MAX_DOTS = 20               # dots per participant in the pre-mortem vote
MAX_SECONDS = 7 * 24 * 3600  # a recorded phase length
MAX_ID = 2**53              # ids must survive a round trip through JSON readers
MAX_POSITION = 10**9        # an order number, with room for every row the app adds after it
