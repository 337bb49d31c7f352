"""The session itself in the session report: the opening round's lists, the stage-gate
decisions taken, the answer to the final question and the pulse (averages and spread only,
never who gave what)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from tension_desktop.model.commitments import FINAL_QUESTION
from tension_desktop.model.pulse import pulse_summary
from tension_desktop.model.stage_gate import STAGE_TITLES
from tension_desktop.store import Library, people, session, stage_gates

from .covenant_pdf import Story


def opening_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    out: list[Flowable] = [*s.heading("Opening round", "h2")]
    answers = session.list_opening(lib, workshop_id)
    rows = [[s.people([pid], "participant name"), s.p(risk or "—", "cell", "opening risk"),
             s.p(opportunity or "—", "cell", "opening opportunity")]
            for pid, (risk, opportunity) in answers.items() if risk or opportunity]
    if not rows:
        return [*out, s.empty("Nobody named a risk or an opportunity yet.")]
    return [*out, s.table(["Who", "Underappreciated risk", "Underused opportunity"], rows, [0.2, 0.4, 0.4])]


def gates_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    out: list[Flowable] = [*s.heading("Stage-gate decisions", "h2")]
    decisions = stage_gates.list_decisions(lib, workshop_id)
    if not decisions:
        return [*out, s.empty("No stage-gate decision was taken in this session.")]
    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    rows = []
    for d in decisions:
        move = f"{STAGE_TITLES[d.from_stage]} → {STAGE_TITLES[d.to_stage]}" + (" (reopened)" if d.reopened else "")
        owner = [d.owner_id] if d.owner_id is not None else []
        rows.append([s.p(titles.get(d.initiative_id, "?"), "cell", "initiative"), s.fixed(move, "cell"),
                     s.p(d.evidence or "—", "cell", "gate evidence"), s.people(owner, "gate owner"),
                     s.fixed(d.review_date or "—", "cell")])
    return [*out, s.table(["Initiative", "Move", "Evidence or reason", "Owner", "Next review"], rows,
                          [0.22, 0.16, 0.36, 0.14, 0.12])]


def final_question_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    answer = session.final_answer(lib, workshop_id)
    return [*s.heading("The final question", "h2"), s.fixed(FINAL_QUESTION, "note"),
            s.p(answer, "body", "final answer") if answer else s.empty("Not answered yet.")]


def pulse_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    checks = session.list_pulse(lib, workshop_id)
    out: list[Flowable] = [*s.heading("Pulse", "h2")]
    lines = pulse_summary(checks).splitlines()
    return [*out, *[s.fixed(line.replace("&", "&amp;").replace("<", "&lt;"), "body") for line in lines]]


def session_sections(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    """The report's sections about the session itself, in the order of the agenda."""
    return [*opening_section(s, lib, workshop_id), *gates_section(s, lib, workshop_id),
            *final_question_section(s, lib, workshop_id), *pulse_section(s, lib, workshop_id)]
