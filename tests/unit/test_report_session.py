"""The session report holds the session itself: opening round, gate decisions, final answer, pulse, open points."""

from __future__ import annotations

from pypdf import PdfReader

from tension_desktop.export.report_pdf import export_report
from tension_desktop.model import DecisionRight, PulseCheck
from tension_desktop.model.pulse import QUESTIONS
from tension_desktop.store import covenant, people, session, stage_gates


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def test_the_report_adds_the_opening_round_gates_final_answer_pulse_and_open_points(demo_lib, tmp_path):
    wid = demo_lib.demo_id
    ps = people.list_participants(demo_lib, wid)
    session.set_opening(demo_lib, wid, ps[4].id, "Sales <b>over-promises</b> & nobody says no", "Pilot customers")
    session.set_final_answer(demo_lib, wid, "We disagree in the room, not in the corridor.")
    session.set_pulse(demo_lib, wid, PulseCheck(participant_id=ps[0].id, rationale=1, fairness=1, escalation=1))
    covenant.add_decision(demo_lib, wid, DecisionRight(decision="Close Lisbon", roles={"approve": (ps[0].id,
                                                                                                   ps[1].id)}))
    text = text_of(export_report(demo_lib, wid, tmp_path / "r.pdf").path)
    assert "Opening round" in text and "Sales <b>over-promises</b> & nobody says no" in text
    assert "Stage-gate decisions" in text
    for d in stage_gates.list_decisions(demo_lib, wid):
        assert " ".join(d.evidence.split())[:30] in text
    assert "(reopened)" in text
    assert "We disagree in the room, not in the corridor." in text
    checks = session.list_pulse(demo_lib, wid)
    for key, question in QUESTIONS.items():
        avg = sum(getattr(c, key) for c in checks) / len(checks)
        assert f"{question}: average {avg:.1f}" in text
    assert "Open points in the covenant" in text and "“Close Lisbon” has 2 approvers" in text
    assert text.count("has 2 approvers") == 1  # listed once, not again inside the covenant
