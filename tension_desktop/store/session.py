"""The session itself: commitments, agenda phases, the opening round and the pulse."""

from __future__ import annotations

import json

from tension_desktop.model import AgendaPhase, Commitment, PulseCheck

from .library import Library


def list_commitments(lib: Library, workshop_id: int) -> list[Commitment]:
    rows = lib.query("SELECT * FROM commitments WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [Commitment(kind=r["kind"], text=r["text"], owner_id=r["owner_id"], due_date=r["due_date"],
                       status=r["status"], id=r["id"]) for r in rows]


def add_commitment(lib: Library, workshop_id: int, c: Commitment) -> Commitment:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM commitments WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute(
            "INSERT INTO commitments (workshop_id, kind, text, owner_id, due_date, status, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [workshop_id, c.kind, c.text, c.owner_id, c.due_date, c.status, pos],
        )
        lib.touch_workshop(workshop_id)
    return Commitment(kind=c.kind, text=c.text, owner_id=c.owner_id, due_date=c.due_date, status=c.status,
                      id=cur.lastrowid)


def list_phases(lib: Library, workshop_id: int) -> list[AgendaPhase]:
    rows = lib.query("SELECT * FROM agenda_phases WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [AgendaPhase(title=r["title"], minutes=r["minutes"], exercise=r["exercise"],
                        prompts=tuple(json.loads(r["prompts"])), position=r["position"],
                        actual_seconds=r["actual_seconds"], id=r["id"]) for r in rows]


def add_phase(lib: Library, workshop_id: int, phase: AgendaPhase) -> AgendaPhase:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM agenda_phases WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        cur = db.execute(
            "INSERT INTO agenda_phases (workshop_id, position, title, minutes, exercise, prompts) VALUES (?, ?, ?, ?, ?, ?)",
            [workshop_id, pos, phase.title, phase.minutes, phase.exercise, json.dumps(list(phase.prompts), ensure_ascii=False)],
        )
        lib.touch_workshop(workshop_id)
    return AgendaPhase(title=phase.title, minutes=phase.minutes, exercise=phase.exercise, prompts=phase.prompts,
                       position=pos, id=cur.lastrowid)


def set_opening(lib: Library, workshop_id: int, participant_id: int, risk: str, opportunity: str) -> None:
    with lib.edit() as db:
        db.execute(
            "INSERT INTO opening_round (workshop_id, participant_id, risk, opportunity) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(workshop_id, participant_id) DO UPDATE SET risk = excluded.risk, opportunity = excluded.opportunity",
            [workshop_id, participant_id, risk.strip(), opportunity.strip()],
        )


def add_pulse(lib: Library, workshop_id: int, pulse: PulseCheck) -> None:
    with lib.edit() as db:
        db.execute("INSERT INTO pulse_checks (workshop_id, participant_id, rationale, fairness, escalation) "
                   "VALUES (?, ?, ?, ?, ?)",
                   [workshop_id, pulse.participant_id, pulse.rationale, pulse.fairness, pulse.escalation])
