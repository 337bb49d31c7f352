"""The session itself: agenda phases, the opening round, commitments, the pulse, follow-up.

Every function takes the library first and writes in one ``lib.edit()``. Functions that
change something return what was there before, so the GUI can undo exactly.
"""

from __future__ import annotations

import json
from dataclasses import replace

from tension_desktop.model import AgendaPhase, Commitment, PulseCheck, Workshop
from tension_desktop.model.agenda_templates import DEFAULT_TEMPLATE, FOLLOW_UP_TEMPLATE, template
from tension_desktop.model.commitments import KINDS, REVIEW_STATUSES
from tension_desktop.model.pulse import SessionSignals, mean_days, pulse_averages
from tension_desktop.model.rules import LENGTHS
from tension_desktop.model.stage_gate import STAGES
from tension_desktop.model.validation import ValidationError, optional_text

from .covenant_review import carry_covenant
from .covenant_review import figures as review_figures
from .library import Library
from .rows import Snapshot, copy_rows, delete_with_snapshot
from .settings_ids import copy_settings
from .workshops import create_workshop, get_setting, get_workshop, set_setting


# -- agenda ---------------------------------------------------------------------------
def _phase(r: dict) -> AgendaPhase:
    return AgendaPhase(title=r["title"], minutes=r["minutes"], exercise=r["exercise"],
                       prompts=tuple(json.loads(r["prompts"] or "[]")), position=r["position"],
                       actual_seconds=r["actual_seconds"], id=r["id"], notes=r.get("notes") or "")


def list_phases(lib: Library, workshop_id: int) -> list[AgendaPhase]:
    """The workshop's agenda in order."""
    rows = lib.query("SELECT * FROM agenda_phases WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [_phase(r) for r in rows]


def get_phase(lib: Library, phase_id: int) -> AgendaPhase:
    rows = lib.query("SELECT * FROM agenda_phases WHERE id = ?", (phase_id,))
    if not rows:
        raise KeyError(f"There is no agenda phase with id {phase_id}.")
    return _phase(rows[0])


def _phase_workshop(lib: Library, phase_id: int) -> int:
    rows = lib.query("SELECT workshop_id FROM agenda_phases WHERE id = ?", (phase_id,))
    if not rows:
        raise KeyError(f"There is no agenda phase with id {phase_id}.")
    return rows[0]["workshop_id"]


def _insert_phase(lib: Library, workshop_id: int, phase: AgendaPhase, pos: int) -> int:
    cur = lib.db.execute(
        "INSERT INTO agenda_phases (workshop_id, position, title, minutes, exercise, prompts, notes, actual_seconds)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [workshop_id, pos, phase.title, phase.minutes, phase.exercise,
         json.dumps(list(phase.prompts), ensure_ascii=False), phase.notes, phase.actual_seconds],
    )
    return cur.lastrowid


def add_phase(lib: Library, workshop_id: int, phase: AgendaPhase, position: int | None = None) -> AgendaPhase:
    """Add a phase at the end (or before ``position``)."""
    with lib.edit() as db:
        count = db.execute("SELECT coalesce(max(position) + 1, 0) FROM agenda_phases WHERE workshop_id = ?",
                           [workshop_id]).fetchone()[0]
        pos = count if position is None else max(0, min(position, count))
        db.execute("UPDATE agenda_phases SET position = position + 1 WHERE workshop_id = ? AND position >= ?",
                   [workshop_id, pos])
        new_id = _insert_phase(lib, workshop_id, phase, pos)
        lib.touch_workshop(workshop_id)
    return replace(phase, position=pos, id=new_id)


def update_phase(lib: Library, phase_id: int, **changes) -> AgendaPhase:
    """Change title, minutes, exercise, prompts, notes or actual_seconds; returns the old phase."""
    old = get_phase(lib, phase_id)
    new = replace(old, **changes)
    with lib.edit() as db:
        db.execute("UPDATE agenda_phases SET title = ?, minutes = ?, exercise = ?, prompts = ?, notes = ?,"
                   " actual_seconds = ? WHERE id = ?",
                   [new.title, new.minutes, new.exercise, json.dumps(list(new.prompts), ensure_ascii=False),
                    new.notes, new.actual_seconds, phase_id])
        lib.touch_workshop(_phase_workshop(lib, phase_id))
    return old


def move_phase(lib: Library, phase_id: int, new_position: int) -> int:
    """Put a phase at ``new_position`` (0-based); returns its old position."""
    workshop_id = _phase_workshop(lib, phase_id)
    ids = [p.id for p in list_phases(lib, workshop_id)]
    old = ids.index(phase_id)
    ids.remove(phase_id)
    ids.insert(max(0, min(new_position, len(ids))), phase_id)
    with lib.edit() as db:
        for pos, rid in enumerate(ids):
            db.execute("UPDATE agenda_phases SET position = ? WHERE id = ?", [pos, rid])
        lib.touch_workshop(workshop_id)
    return old


def remove_phase(lib: Library, phase_id: int) -> Snapshot:
    """Remove a phase; the snapshot puts it back exactly (its position is left free)."""
    _phase_workshop(lib, phase_id)
    return delete_with_snapshot(lib, "agenda_phases", phase_id)


def replace_phases(lib: Library, workshop_id: int, phases: list[AgendaPhase]) -> list[AgendaPhase]:
    """Swap the whole agenda (apply a template, or undo that); returns the agenda as it was."""
    old = list_phases(lib, workshop_id)
    with lib.edit() as db:
        db.execute("DELETE FROM agenda_phases WHERE workshop_id = ?", [workshop_id])
        for pos, phase in enumerate(phases):
            _insert_phase(lib, workshop_id, phase, pos)
        lib.touch_workshop(workshop_id)
    return old


def apply_template(lib: Library, workshop_id: int, name: str) -> list[AgendaPhase]:
    """Replace the agenda with a built-in template; returns the old agenda."""
    return replace_phases(lib, workshop_id, template(name))


def ensure_agenda(lib: Library, workshop_id: int) -> bool:
    """Give a workshop with no phases its starting agenda: the 90-minute template, or the
    follow-up template for a continued workshop. True if one was added."""
    if list_phases(lib, workshop_id):
        return False
    ws = get_workshop(lib, workshop_id)
    apply_template(lib, workshop_id, FOLLOW_UP_TEMPLATE if ws.continued_from else DEFAULT_TEMPLATE)
    return True


def record_actual(lib: Library, phase_id: int, seconds: int) -> None:
    """Store how long a phase really ran (run mode)."""
    with lib.edit() as db:
        db.execute("UPDATE agenda_phases SET actual_seconds = ? WHERE id = ?", [max(0, int(seconds)), phase_id])


def clear_actuals(lib: Library, workshop_id: int) -> dict[int, int | None]:
    """Forget the recorded times (after a rehearsal); returns phase id -> old seconds."""
    old = {p.id: p.actual_seconds for p in list_phases(lib, workshop_id)}
    with lib.edit() as db:
        db.execute("UPDATE agenda_phases SET actual_seconds = NULL WHERE workshop_id = ?", [workshop_id])
    return old


def restore_actuals(lib: Library, actuals: dict[int, int | None]) -> None:
    """Put recorded times back (undo of :func:`clear_actuals`)."""
    with lib.edit() as db:
        for phase_id, seconds in actuals.items():
            db.execute("UPDATE agenda_phases SET actual_seconds = ? WHERE id = ?", [seconds, phase_id])


# -- opening round --------------------------------------------------------------------
def list_opening(lib: Library, workshop_id: int) -> dict[int, tuple[str, str]]:
    """participant id -> (risk, opportunity), in participant order."""
    rows = lib.query("SELECT o.participant_id, o.risk, o.opportunity FROM opening_round o "
                     "JOIN participants p ON p.id = o.participant_id WHERE o.workshop_id = ? "
                     "ORDER BY p.position, p.id", (workshop_id,))
    return {r["participant_id"]: (r["risk"], r["opportunity"]) for r in rows}


def set_opening(lib: Library, workshop_id: int, participant_id: int, risk: str,
                opportunity: str) -> tuple[str, str]:
    """Store one executive's risk and opportunity; returns what was there ('' if nothing)."""
    risk = optional_text("opening risk", risk, max_length=LENGTHS["opening_round.risk"])
    opportunity = optional_text("opening opportunity", opportunity,
                                max_length=LENGTHS["opening_round.opportunity"])
    old = list_opening(lib, workshop_id).get(participant_id, ("", ""))
    with lib.edit() as db:
        if not risk and not opportunity:
            db.execute("DELETE FROM opening_round WHERE workshop_id = ? AND participant_id = ?",
                       [workshop_id, participant_id])
        else:
            db.execute(
                "INSERT INTO opening_round (workshop_id, participant_id, risk, opportunity) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(workshop_id, participant_id) DO UPDATE SET risk = excluded.risk, "
                "opportunity = excluded.opportunity",
                [workshop_id, participant_id, risk, opportunity],
            )
        lib.touch_workshop(workshop_id)
    return old


# -- closing commitments --------------------------------------------------------------
def _commitment(r: dict) -> Commitment:
    return Commitment(kind=r["kind"], text=r["text"], owner_id=r["owner_id"], due_date=r["due_date"],
                      status=r["status"], id=r["id"])


def list_commitments(lib: Library, workshop_id: int) -> list[Commitment]:
    rows = lib.query("SELECT * FROM commitments WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [_commitment(r) for r in rows]


def get_commitment(lib: Library, commitment_id: int) -> Commitment:
    rows = lib.query("SELECT * FROM commitments WHERE id = ?", (commitment_id,))
    if not rows:
        raise KeyError(f"There is no commitment with id {commitment_id}.")
    return _commitment(rows[0])


def add_commitment(lib: Library, workshop_id: int, c: Commitment) -> Commitment:
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM commitments WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute(
            "INSERT INTO commitments (workshop_id, kind, text, owner_id, due_date, status, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, c.kind, c.text, c.owner_id, c.due_date, c.status, pos],
        )
        lib.touch_workshop(workshop_id)
    return replace(c, id=cur.lastrowid)


def ensure_commitments(lib: Library, workshop_id: int) -> list[Commitment]:
    """Make sure the three commitments (experiment, safeguard, communication) exist."""
    have = {c.kind for c in list_commitments(lib, workshop_id)}
    missing = [k for k in KINDS if k not in have]
    if missing:
        with lib.edit():
            for kind in missing:
                add_commitment(lib, workshop_id, Commitment(kind=kind))
    return list_commitments(lib, workshop_id)


def update_commitment(lib: Library, commitment_id: int, **changes) -> Commitment:
    """Change text, owner_id, due_date or status; returns the old commitment."""
    old = get_commitment(lib, commitment_id)
    new = replace(old, **changes)
    with lib.edit() as db:
        db.execute("UPDATE commitments SET text = ?, owner_id = ?, due_date = ?, status = ? WHERE id = ?",
                   [new.text, new.owner_id, new.due_date, new.status, commitment_id])
        wid = db.execute("SELECT workshop_id FROM commitments WHERE id = ?", [commitment_id]).fetchone()[0]
        lib.touch_workshop(wid)
    return old


# -- small session settings (JSON in workshop_settings) --------------------------------
def final_answer(lib: Library, workshop_id: int) -> str:
    return get_setting(lib, workshop_id, "final_question_answer", "") or ""


def set_final_answer(lib: Library, workshop_id: int, text: str) -> str:
    """Store the answer to the final question; returns the old answer."""
    old = final_answer(lib, workshop_id)
    set_setting(lib, workshop_id, "final_question_answer", optional_text("final answer", text, max_length=LENGTHS["setting.final_answer"]) or None)
    return old


def close_done(lib: Library, workshop_id: int) -> bool:
    return bool(get_setting(lib, workshop_id, "close_done", False))


def set_close_done(lib: Library, workshop_id: int, done: bool) -> bool:
    """Mark the close done (the GUI checks the three commitments first); returns the old value."""
    old = close_done(lib, workshop_id)
    set_setting(lib, workshop_id, "close_done", True if done else None)
    return old


# -- follow-up ------------------------------------------------------------------------
def review_notes(lib: Library, workshop_id: int) -> dict[str, str]:
    """Notes written while reviewing a workshop's commitments, by commitment kind."""
    return dict(get_setting(lib, workshop_id, "commitment_review_notes", {}) or {})


def review_commitment(lib: Library, commitment_id: int, status: str, note: str | None = None) -> tuple[str, str]:
    """Mark an earlier commitment done, slipped, dropped (or open again) with a note.

    Returns the old (status, note)."""
    if status not in (*REVIEW_STATUSES, "open"):
        raise ValidationError("review", f"must be one of {', '.join(REVIEW_STATUSES)}")
    c = get_commitment(lib, commitment_id)
    wid = lib.query("SELECT workshop_id FROM commitments WHERE id = ?", (commitment_id,))[0]["workshop_id"]
    notes = review_notes(lib, wid)
    old = (c.status, notes.get(c.kind, ""))
    with lib.edit():
        update_commitment(lib, commitment_id, status=status)
        if note is not None:
            notes[c.kind] = optional_text("review note", note, max_length=LENGTHS["setting.review_note"])
            set_setting(lib, wid, "commitment_review_notes", {k: v for k, v in notes.items() if v} or None)
    return old


def previous_workshop(lib: Library, workshop_id: int) -> Workshop | None:
    ws = get_workshop(lib, workshop_id)
    if ws.continued_from is None:
        return None
    try:
        return get_workshop(lib, ws.continued_from)
    except KeyError:
        return None


def continue_workshop(lib: Library, source_id: int, title: str, date: str = "") -> Workshop:
    """A new workshop of the same team, continued from ``source_id``.

    Carries forward the participants, the initiatives (with their stage) and their agreed
    positions on the tension map, the team's labels and preferences (the settings marked
    ``carry_forward`` in :mod:`.settings_ids`; a private round, the chosen pre-mortem
    initiative and revealed votes start fresh), the covenant (items, thresholds with their owner,
    decision rights with their roles, open pre-mortem mitigations, each with a review row:
    :mod:`.covenant_review`), and starts from the follow-up agenda, whose first real
    phase reviews the earlier commitments and decisions.
    """
    src = get_workshop(lib, source_id)
    team = lib.query("SELECT name FROM teams WHERE id = ?", (src.team_id,))[0]["name"]
    with lib.edit() as db:
        new = create_workshop(lib, team, title, date, continued_from=source_id)
        participants = lib.query("SELECT * FROM participants WHERE workshop_id = ? ORDER BY position, id", (source_id,))
        participant_ids = copy_rows(db, "participants", participants, values={"workshop_id": new.id})
        initiatives = lib.query("SELECT * FROM initiatives WHERE workshop_id = ? ORDER BY position, id", (source_id,))
        initiative_ids = copy_rows(db, "initiatives", initiatives, values={"workshop_id": new.id})
        agreed = lib.query("SELECT * FROM placements WHERE workshop_id = ? AND round = 'agreed'", (source_id,))
        copy_rows(db, "placements", agreed, values={"workshop_id": new.id, "participant_id": None},
                  id_maps={"initiatives": initiative_ids})
        # the covenant travels with the team and opens the follow-up's review
        carry_covenant(lib, source_id, new.id, participant_ids, initiative_ids)
        # the team's labels and preferences carry forward (settings_ids.SETTING_RULES)
        copy_settings(lib, source_id, new.id, {"participants": participant_ids, "initiatives": initiative_ids},
                      continuing=True)
        apply_template(lib, new.id, FOLLOW_UP_TEMPLATE)
    return get_workshop(lib, new.id)


def revisited_decisions(lib: Library, workshop_id: int) -> list[dict]:
    """Decisions to revisit at the start of a follow-up: the earlier workshop's gate
    decisions (initiative, move, owner, review date, whether it was a reopening)."""
    prev = previous_workshop(lib, workshop_id)
    if prev is None:
        return []
    rows = lib.query(
        "SELECT g.*, i.title AS initiative, p.name AS owner FROM gate_decisions g "
        "JOIN initiatives i ON i.id = g.initiative_id LEFT JOIN participants p ON p.id = g.owner_id "
        "WHERE g.workshop_id = ? ORDER BY g.review_date = '', g.review_date, g.decided_at", (prev.id,))
    for r in rows:
        r["reopened"] = STAGES.index(r["to_stage"]) < STAGES.index(r["from_stage"])
    return rows


# -- pulse ----------------------------------------------------------------------------
def _pulse(r: dict) -> PulseCheck:
    return PulseCheck(participant_id=r["participant_id"], rationale=r["rationale"], fairness=r["fairness"],
                      escalation=r["escalation"], id=r["id"])


def list_pulse(lib: Library, workshop_id: int) -> list[PulseCheck]:
    rows = lib.query("SELECT * FROM pulse_checks WHERE workshop_id = ? ORDER BY id", (workshop_id,))
    return [_pulse(r) for r in rows]


def add_pulse(lib: Library, workshop_id: int, pulse: PulseCheck) -> PulseCheck:
    with lib.edit() as db:
        cur = db.execute("INSERT INTO pulse_checks (workshop_id, participant_id, rationale, fairness, escalation) "
                         "VALUES (?, ?, ?, ?, ?)",
                         [workshop_id, pulse.participant_id, pulse.rationale, pulse.fairness, pulse.escalation])
    return replace(pulse, id=cur.lastrowid)


def set_pulse(lib: Library, workshop_id: int, pulse: PulseCheck | None,
              participant_id: int | None = None) -> PulseCheck | None:
    """One executive's pulse (replacing an earlier one); ``None`` clears it. Returns the old one."""
    pid = pulse.participant_id if pulse is not None else participant_id
    old = next((p for p in list_pulse(lib, workshop_id) if p.participant_id == pid), None)
    with lib.edit() as db:
        if pid is not None:
            db.execute("DELETE FROM pulse_checks WHERE workshop_id = ? AND participant_id = ?", [workshop_id, pid])
        if pulse is not None:
            add_pulse(lib, workshop_id, pulse)
    return old


# -- signals over time ----------------------------------------------------------------
def team_workshops(lib: Library, team_id: int) -> list[dict]:
    """The team's workshops, oldest first."""
    return lib.query("SELECT * FROM workshops WHERE team_id = ? ORDER BY CASE WHEN date = '' THEN created_at "
                     "ELSE date END, created_at, id", (team_id,))


def team_signals(lib: Library, team_id: int) -> list[SessionSignals]:
    """Per session of a team, oldest first: commitments kept, decisions and reopenings,
    days from an initiative's first session to its gate decision, pulse averages."""
    out = []
    first_seen: dict[str, str] = {}
    for ws in team_workshops(lib, team_id):
        opened = ws["date"] or ws["created_at"]
        for r in lib.query("SELECT title FROM initiatives WHERE workshop_id = ?", (ws["id"],)):
            first_seen.setdefault(r["title"].casefold(), opened)
        commitments = list_commitments(lib, ws["id"])
        reviewed = [c for c in commitments if c.status != "open"]
        gates = lib.query("SELECT g.from_stage, g.to_stage, g.decided_at, g.opened_at, g.reopen_cause, i.title "
                          "FROM gate_decisions g JOIN initiatives i ON i.id = g.initiative_id WHERE g.workshop_id = ?",
                          (ws["id"],))
        # latency: from when the decision was opened to when it was decided (older rows without
        # an opening time fall back to when the initiative was first seen)
        spans = [(g["opened_at"] or first_seen.get(g["title"].casefold(), opened), g["decided_at"]) for g in gates]
        causes: dict[str, int] = {}
        for g in gates:
            if STAGES.index(g["to_stage"]) < STAGES.index(g["from_stage"]):
                causes[g["reopen_cause"]] = causes.get(g["reopen_cause"], 0) + 1
        out.append(SessionSignals(
            workshop_id=ws["id"], title=ws["title"], date=ws["date"],
            commitments_done=sum(1 for c in reviewed if c.status == "done"),
            commitments_reviewed=len(reviewed),
            decisions=len(gates),
            decisions_reopened=sum(1 for g in gates if STAGES.index(g["to_stage"]) < STAGES.index(g["from_stage"])),
            decision_days=mean_days(spans),
            pulse=pulse_averages(list_pulse(lib, ws["id"])),
            review=review_figures(lib, ws["id"]) if ws["continued_from"] is not None else None,
            reopened_by_cause=causes,
        ))
    return out
