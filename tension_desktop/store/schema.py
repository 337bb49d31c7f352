"""The library's schema as ordered migrations.

Each migration is either a list of SQL statements or a Python step (a callable taking the
connection, for a data migration such as reshaping a JSON setting); either runs in one
transaction together with the ``PRAGMA user_version`` bump, so a file is always at exactly
one version. Later features append steps; never edit a step that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

#: 'TENS' - PRAGMA application_id identifies our files among other SQLite files.
APPLICATION_ID = 0x54454E53

_V1_CORE = [
    f"PRAGMA application_id = {APPLICATION_ID}",
    """CREATE TABLE teams (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    )""",
    """CREATE TABLE workshops (
        id INTEGER PRIMARY KEY,
        team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        date TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    )""",
    "CREATE INDEX workshops_team ON workshops(team_id)",
    """CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        colour TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX participants_workshop ON participants(workshop_id, position)",
    """CREATE TABLE initiatives (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX initiatives_workshop ON initiatives(workshop_id, position)",
]

_V2_EXERCISES = [
    "ALTER TABLE workshops ADD COLUMN continued_from INTEGER REFERENCES workshops(id) ON DELETE SET NULL",
    "ALTER TABLE initiatives ADD COLUMN stage TEXT NOT NULL DEFAULT 'discover'",
    # Free-form per-workshop settings (axis labels, quadrant labels, governance names,
    # rationale required?, private round state...), values are JSON.
    """CREATE TABLE workshop_settings (
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (workshop_id, key)
    )""",
    """CREATE TABLE placements (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
        round TEXT NOT NULL CHECK (round IN ('private','revealed','agreed')),
        x REAL NOT NULL CHECK (x BETWEEN 0 AND 1),
        y REAL NOT NULL CHECK (y BETWEEN 0 AND 1)
    )""",
    "CREATE UNIQUE INDEX placements_one_per_person ON placements(initiative_id, round, ifnull(participant_id, 0))",
    "CREATE INDEX placements_workshop ON placements(workshop_id)",
    """CREATE TABLE board_elements (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        agreed_column TEXT CHECK (agreed_column IN ('must_protect','can_flex','need_evidence'))
    )""",
    "CREATE INDEX board_elements_workshop ON board_elements(workshop_id)",
    """CREATE TABLE board_cards (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        element_id INTEGER NOT NULL REFERENCES board_elements(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        column_key TEXT NOT NULL CHECK (column_key IN ('must_protect','can_flex','need_evidence')),
        position INTEGER NOT NULL DEFAULT 0,
        rationale TEXT NOT NULL DEFAULT '',
        UNIQUE (element_id, participant_id)
    )""",
    "CREATE INDEX board_cards_workshop ON board_cards(workshop_id)",
    """CREATE TABLE risks (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        author_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        owner_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        mitigation TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        merged_into INTEGER REFERENCES risks(id) ON DELETE CASCADE
    )""",
    "CREATE INDEX risks_workshop ON risks(workshop_id)",
    """CREATE TABLE risk_votes (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        dots INTEGER NOT NULL DEFAULT 1 CHECK (dots >= 0),
        UNIQUE (risk_id, participant_id)
    )""",
    """CREATE TABLE gate_decisions (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
        from_stage TEXT NOT NULL,
        to_stage TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '',
        rollback TEXT NOT NULL DEFAULT '',
        owner_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        review_date TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    )""",
    "CREATE INDEX gate_decisions_initiative ON gate_decisions(initiative_id)",
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        decision TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE decision_roles (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('recommend','approve','implement','informed')),
        UNIQUE (decision_id, participant_id, role)
    )""",
    """CREATE TABLE covenant_items (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('protected','degradable')),
        text TEXT NOT NULL,
        limit_text TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE thresholds (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        threshold TEXT NOT NULL DEFAULT '',
        lever TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE threshold_owners (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        threshold_id INTEGER NOT NULL REFERENCES thresholds(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        UNIQUE (threshold_id, participant_id)
    )""",
    """CREATE TABLE commitments (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('experiment','safeguard','communication')),
        text TEXT NOT NULL DEFAULT '',
        owner_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        due_date TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','slipped','dropped')),
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE agenda_phases (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL,
        minutes INTEGER NOT NULL DEFAULT 10,
        exercise TEXT NOT NULL DEFAULT '',
        prompts TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        actual_seconds INTEGER
    )""",
    """CREATE TABLE opening_round (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        risk TEXT NOT NULL DEFAULT '',
        opportunity TEXT NOT NULL DEFAULT '',
        UNIQUE (workshop_id, participant_id)
    )""",
    """CREATE TABLE pulse_checks (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        rationale INTEGER NOT NULL CHECK (rationale BETWEEN 1 AND 5),
        fairness INTEGER NOT NULL CHECK (fairness BETWEEN 1 AND 5),
        escalation INTEGER NOT NULL CHECK (escalation BETWEEN 1 AND 5),
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    )""",
]

# Private rounds kept as history: one row per round of an exercise (numbered per exercise
# and scope), who had a turn (done / skipped), and the inputs the round ended with.
_V3_PRIVATE_ROUNDS = [
    """CREATE TABLE private_rounds (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 1),
        kind TEXT NOT NULL DEFAULT 'private' CHECK (kind IN ('private','open')),
        started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        revealed_at TEXT
    )""",
    "CREATE INDEX private_rounds_workshop ON private_rounds(workshop_id, exercise, number)",
    """CREATE TABLE private_round_turns (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        round_id INTEGER NOT NULL REFERENCES private_rounds(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','done','skipped')),
        UNIQUE (round_id, participant_id)
    )""",
    """CREATE TABLE private_round_inputs (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        round_id INTEGER NOT NULL REFERENCES private_rounds(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        element_id INTEGER REFERENCES board_elements(id) ON DELETE CASCADE,
        risk_id INTEGER REFERENCES risks(id) ON DELETE CASCADE,
        value TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX private_round_inputs_round ON private_round_inputs(round_id)",
]

# The covenant over time: a threshold may be a draft (what it is for, metric still empty)
# and names who may ignore the other numbers when it goes red; a follow-up reviews each
# carried-over threshold, decision right and open mitigation, and keeps a near-miss log.
# A decision right carries its hygiene.
_V4_COVENANT_REVIEW = [
    "ALTER TABLE thresholds ADD COLUMN draft_for TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE thresholds ADD COLUMN overrides TEXT NOT NULL DEFAULT ''",
    # decision hygiene: required inputs, decide-by date, escalation trigger, one tie-breaker
    "ALTER TABLE decisions ADD COLUMN required_inputs TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decisions ADD COLUMN decide_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decisions ADD COLUMN escalation TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decisions ADD COLUMN tiebreaker_id INTEGER REFERENCES participants(id) ON DELETE SET NULL",
    # decision latency (opened -> decided) and why a decision was reopened
    "ALTER TABLE gate_decisions ADD COLUMN opened_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE gate_decisions ADD COLUMN reopen_cause TEXT NOT NULL DEFAULT '' "
    "CHECK (reopen_cause IN ('', 'new_information', 'poor_framing'))",
    """CREATE TABLE covenant_reviews (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('threshold','decision','mitigation')),
        threshold_id INTEGER REFERENCES thresholds(id) ON DELETE CASCADE,
        decision_id INTEGER REFERENCES decisions(id) ON DELETE CASCADE,
        risk_id INTEGER REFERENCES risks(id) ON DELETE CASCADE,
        outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('','held','breached','lever_pulled','changed',
                                                            'decided','not_decided','done','open')),
        decided_by INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        note TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX covenant_reviews_workshop ON covenant_reviews(workshop_id, kind, position)",
    """CREATE TABLE near_misses (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
]

# Stage gates: the phase an initiative is in records where it runs (a region, a business
# unit, a segment or a workflow) and how its success is measured.
_V5_PHASE_SCOPE = [
    "ALTER TABLE initiatives ADD COLUMN phase_scope_kind TEXT NOT NULL DEFAULT '' "
    "CHECK (phase_scope_kind IN ('', 'region', 'business_unit', 'segment', 'workflow'))",
    "ALTER TABLE initiatives ADD COLUMN phase_scope TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE initiatives ADD COLUMN phase_metric TEXT NOT NULL DEFAULT ''",
]

# The polarity map (two poles, their upsides, downsides, action steps and early warnings,
# and each person's private voice) and the allocation round (initiatives by portfolio
# category with an effort, new requests, and each person's private splits: the portfolio
# and their own time, now and as it should be).
_V6_POLARITY = [
    """CREATE TABLE polarity_items (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        pole TEXT NOT NULL CHECK (pole IN ('a','b')),
        kind TEXT NOT NULL CHECK (kind IN ('upside','downside','action','warning')),
        text TEXT NOT NULL,
        owner_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX polarity_items_workshop ON polarity_items(workshop_id, pole, kind, position)",
    """CREATE TABLE polarity_voices (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        pole TEXT NOT NULL DEFAULT '' CHECK (pole IN ('','a','b')),
        preserve TEXT NOT NULL DEFAULT '',
        fear TEXT NOT NULL DEFAULT '',
        share_a INTEGER CHECK (share_a IS NULL OR share_a BETWEEN 0 AND 100),
        UNIQUE (workshop_id, participant_id)
    )""",
    """CREATE TABLE portfolio_items (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL CHECK (category IN ('operate','improve','innovate')),
        effort INTEGER NOT NULL DEFAULT 0 CHECK (effort >= 0),
        request INTEGER NOT NULL DEFAULT 0 CHECK (request IN (0, 1)),
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX portfolio_items_workshop ON portfolio_items(workshop_id)",
    """CREATE TABLE allocation_splits (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('portfolio','time_now','time_should')),
        scheme TEXT NOT NULL CHECK (scheme IN ('portfolio','exec','cto')),
        scope TEXT NOT NULL DEFAULT '',
        shares TEXT NOT NULL DEFAULT '{}',
        UNIQUE (participant_id, kind)
    )""",
    "CREATE INDEX allocation_splits_workshop ON allocation_splits(workshop_id)",
]

# Structure before behaviour: the constraint diagnosis (blockers named privately, each
# sorted by each executive as behavioural / structural / not sure, the three-condition
# scorecard) and the 90-day readiness plan (targets, indicators, mechanism, cadence; weekly
# indicator values; each follow-up's check and the closing answer).
_V7_STRUCTURE = [
    """CREATE TABLE structure_blockers (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        text TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        agreed_kind TEXT NOT NULL DEFAULT '' CHECK (agreed_kind IN ('','behavioural','structural','unsure'))
    )""",
    "CREATE INDEX structure_blockers_workshop ON structure_blockers(workshop_id, position)",
    """CREATE TABLE structure_sorts (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        blocker_id INTEGER NOT NULL REFERENCES structure_blockers(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('behavioural','structural','unsure')),
        rationale TEXT NOT NULL DEFAULT '',
        UNIQUE (blocker_id, participant_id)
    )""",
    """CREATE TABLE structure_scores (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participants(id) ON DELETE CASCADE,
        decision_authority INTEGER NOT NULL CHECK (decision_authority BETWEEN 1 AND 5),
        feedback_loops INTEGER NOT NULL CHECK (feedback_loops BETWEEN 1 AND 5),
        accountability INTEGER NOT NULL CHECK (accountability BETWEEN 1 AND 5)
    )""",
    """CREATE TABLE readiness_items (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('target','indicator','mechanism','cadence')),
        text TEXT NOT NULL DEFAULT '',
        owner_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        baseline REAL,
        goal REAL,
        position INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT '' CHECK (status IN ('','held','slipping'))
    )""",
    "CREATE INDEX readiness_items_workshop ON readiness_items(workshop_id, kind, position)",
    """CREATE TABLE readiness_values (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES readiness_items(id) ON DELETE CASCADE,
        week INTEGER NOT NULL CHECK (week BETWEEN 1 AND 13),
        value REAL NOT NULL,
        UNIQUE (item_id, week)
    )""",
    """CREATE TABLE readiness_checks (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL UNIQUE REFERENCES workshops(id) ON DELETE CASCADE,
        start_date TEXT NOT NULL DEFAULT '',
        moved TEXT NOT NULL DEFAULT '' CHECK (moved IN ('','team','leader_only')),
        answer TEXT NOT NULL DEFAULT '' CHECK (answer IN ('','coaching','structure')),
        evidence TEXT NOT NULL DEFAULT ''
    )""",
]

# The room link across a restart of the app: the open room of a private round (its join
# secret, the network address and port it listened on) and the phones that joined it, each
# only as the SHA-256 of its session token. Not workshop data: never exported, copied or
# imported (not in WORKSHOP_TABLES); deleted when the coach closes the room or the round ends.
# And the pre-mortem's cards written alone (on phones or in turns): hidden drafts until the
# reveal makes them the room's cards (rows of ``risks``).
_V8_ROOM_LINKS = [
    """CREATE TABLE room_links (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        round_id INTEGER REFERENCES private_rounds(id) ON DELETE CASCADE,
        secret TEXT NOT NULL,
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        UNIQUE (workshop_id, exercise, initiative_id)
    )""",
    """CREATE TABLE room_devices (
        id INTEGER PRIMARY KEY,
        room_id INTEGER NOT NULL REFERENCES room_links(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL CHECK (length(token_hash) = 64),
        UNIQUE (room_id, participant_id)
    )""",
    """CREATE TABLE risk_drafts (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        initiative_id INTEGER REFERENCES initiatives(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX risk_drafts_workshop ON risk_drafts(workshop_id, initiative_id, participant_id)",
]

#: A migration step: SQL statements, or a Python step run on the connection inside the
#: step's transaction (it must not commit; it may read and write anything).
Migration = list[str] | Callable[[sqlite3.Connection], None]

#: MIGRATIONS[n] brings a file from user_version n to n + 1.
MIGRATIONS: list[Migration] = [
    _V1_CORE, _V2_EXERCISES, _V3_PRIVATE_ROUNDS, _V4_COVENANT_REVIEW, _V5_PHASE_SCOPE, _V6_POLARITY,
    _V7_STRUCTURE, _V8_ROOM_LINKS,
]



def run_step(conn: sqlite3.Connection, step: Migration) -> None:
    """Run one migration step on ``conn`` (the caller owns the transaction)."""
    if callable(step):
        step(conn)
        return
    for statement in step:
        conn.execute(statement)


#: The version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)

#: Tables that hold one workshop's data, in an order where every referenced table comes
#: first, with their foreign keys: column -> referenced table. Used by transfer,
#: duplicate and delete. New exercise tables must be added here. Settings (JSON values in
#: workshop_settings) are copied through the registry in settings_ids.py: register new keys there.
WORKSHOP_TABLES: dict[str, dict[str, str]] = {
    "workshop_settings": {},
    "participants": {},
    "initiatives": {},
    "placements": {"initiative_id": "initiatives", "participant_id": "participants"},
    "board_elements": {"initiative_id": "initiatives"},
    "board_cards": {"element_id": "board_elements", "participant_id": "participants"},
    "risks": {"initiative_id": "initiatives", "author_id": "participants",
              "owner_id": "participants", "merged_into": "risks"},
    "risk_votes": {"risk_id": "risks", "participant_id": "participants"},
    "gate_decisions": {"initiative_id": "initiatives", "owner_id": "participants"},
    "decisions": {"tiebreaker_id": "participants"},
    "decision_roles": {"decision_id": "decisions", "participant_id": "participants"},
    "covenant_items": {},
    "thresholds": {},
    "threshold_owners": {"threshold_id": "thresholds", "participant_id": "participants"},
    "commitments": {"owner_id": "participants"},
    "agenda_phases": {},
    "opening_round": {"participant_id": "participants"},
    "pulse_checks": {"participant_id": "participants"},
    "private_rounds": {"initiative_id": "initiatives"},
    "private_round_turns": {"round_id": "private_rounds", "participant_id": "participants"},
    "private_round_inputs": {"round_id": "private_rounds", "participant_id": "participants",
                             "initiative_id": "initiatives", "element_id": "board_elements", "risk_id": "risks"},
    "covenant_reviews": {"threshold_id": "thresholds", "decision_id": "decisions", "risk_id": "risks",
                         "decided_by": "participants"},
    "near_misses": {},
    "polarity_items": {"owner_id": "participants"},
    "polarity_voices": {"participant_id": "participants"},
    "portfolio_items": {"initiative_id": "initiatives"},
    "allocation_splits": {"participant_id": "participants"},
    "structure_blockers": {"participant_id": "participants"},
    "structure_sorts": {"blocker_id": "structure_blockers", "participant_id": "participants"},
    "structure_scores": {"participant_id": "participants"},
    "readiness_items": {"owner_id": "participants"},
    "readiness_values": {"item_id": "readiness_items"},
    "readiness_checks": {},
    "risk_drafts": {"initiative_id": "initiatives", "participant_id": "participants"},
}
