"""The tables and columns of a library at this version, as its migrations build them.

Checking an opened library against this (:func:`.identity.check_shape`) needs it at every
start; building it by running every migration on an in-memory file took about as long as
opening the library itself. ``tests/unit/test_library_shape.py`` checks that it is what the
migrations build, and prints the new text when a migration changed it.
"""

from __future__ import annotations

#: the library version (``SCHEMA_VERSION``) the shape below belongs to
SHAPE_VERSION = 8

#: table -> its columns
SHAPE: dict[str, tuple[str, ...]] = {
    "agenda_phases": (
        "actual_seconds", "exercise", "id", "minutes", "notes", "position", "prompts", "title", "workshop_id",
    ),
    "allocation_splits": ("id", "kind", "participant_id", "scheme", "scope", "shares", "workshop_id",),
    "board_cards": ("column_key", "element_id", "id", "participant_id", "position", "rationale", "workshop_id",),
    "board_elements": ("agreed_column", "id", "initiative_id", "position", "text", "workshop_id",),
    "commitments": ("due_date", "id", "kind", "owner_id", "position", "status", "text", "workshop_id",),
    "covenant_items": ("id", "kind", "limit_text", "position", "text", "workshop_id",),
    "covenant_reviews": (
        "decided_by", "decision_id", "id", "kind", "note", "outcome", "position", "risk_id", "threshold_id",
        "workshop_id",
    ),
    "decision_roles": ("decision_id", "id", "participant_id", "role", "workshop_id",),
    "decisions": (
        "decide_by", "decision", "escalation", "id", "position", "required_inputs", "tiebreaker_id", "workshop_id",
    ),
    "gate_decisions": (
        "decided_at", "evidence", "from_stage", "id", "initiative_id", "opened_at", "owner_id", "reopen_cause",
        "review_date", "rollback", "to_stage", "workshop_id",
    ),
    "initiatives": (
        "description", "id", "phase_metric", "phase_scope", "phase_scope_kind", "position", "stage", "title",
        "workshop_id",
    ),
    "near_misses": ("id", "position", "text", "workshop_id",),
    "opening_round": ("id", "opportunity", "participant_id", "risk", "workshop_id",),
    "participants": ("colour", "id", "name", "position", "role", "workshop_id",),
    "placements": ("id", "initiative_id", "participant_id", "round", "workshop_id", "x", "y",),
    "polarity_items": ("id", "kind", "owner_id", "pole", "position", "text", "workshop_id",),
    "polarity_voices": ("fear", "id", "participant_id", "pole", "preserve", "share_a", "workshop_id",),
    "portfolio_items": ("category", "effort", "id", "initiative_id", "position", "request", "title", "workshop_id",),
    "private_round_inputs": (
        "element_id", "id", "initiative_id", "participant_id", "risk_id", "round_id", "value", "workshop_id",
    ),
    "private_round_turns": ("id", "participant_id", "position", "round_id", "status", "workshop_id",),
    "private_rounds": (
        "exercise", "id", "initiative_id", "kind", "number", "revealed_at", "started_at", "workshop_id",
    ),
    "pulse_checks": ("created_at", "escalation", "fairness", "id", "participant_id", "rationale", "workshop_id",),
    "readiness_checks": ("answer", "evidence", "id", "moved", "start_date", "workshop_id",),
    "readiness_items": ("baseline", "goal", "id", "kind", "owner_id", "position", "status", "text", "workshop_id",),
    "readiness_values": ("id", "item_id", "value", "week", "workshop_id",),
    "risk_drafts": ("category", "id", "initiative_id", "participant_id", "position", "text", "workshop_id",),
    "risk_votes": ("dots", "id", "participant_id", "risk_id", "workshop_id",),
    "risks": (
        "author_id", "category", "id", "initiative_id", "merged_into", "mitigation", "owner_id", "position", "text",
        "workshop_id",
    ),
    "room_devices": ("id", "participant_id", "room_id", "token_hash",),
    "room_links": ("exercise", "host", "id", "initiative_id", "port", "round_id", "secret", "workshop_id",),
    "structure_blockers": ("agreed_kind", "id", "participant_id", "position", "text", "workshop_id",),
    "structure_scores": (
        "accountability", "decision_authority", "feedback_loops", "id", "participant_id", "workshop_id",
    ),
    "structure_sorts": ("blocker_id", "id", "kind", "participant_id", "rationale", "workshop_id",),
    "teams": ("created_at", "id", "name",),
    "threshold_owners": ("id", "participant_id", "threshold_id", "workshop_id",),
    "thresholds": ("draft_for", "id", "lever", "metric", "overrides", "position", "threshold", "workshop_id",),
    "workshop_settings": ("key", "value", "workshop_id",),
    "workshops": ("continued_from", "created_at", "date", "id", "team_id", "title", "updated_at",),
}
