"""A one-page decision memo for one decision right: the decision written down.

A decision is well made when its owner, its required inputs, its decide-by date, its
escalation trigger and a tie-breaker (disagree and commit: one named person) are known in
advance and written down. The memo prints them, says plainly what is still missing, and
leaves room for the decision and its rationale. Written through :func:`.layout.build_pdf`
(the one atomic writer, never over the library).
"""

from __future__ import annotations

import time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from tension_desktop.model.decision_rights import ROLE_TITLES, ROLES, DecisionRight
from tension_desktop.store import Library, covenant

from .covenant_pdf import CovenantData, PdfResult, Story, _check
from .grid import Grid
from .layout import INK, RULE, build_pdf, frame_width

#: what a memo says for a hygiene field nobody filled in
MISSING = "— not agreed yet —"


def decision_by_number(lib: Library, workshop_id: int, number: int) -> DecisionRight:
    """The ``number``-th decision right (1-based, in the covenant's order)."""
    decisions = covenant.list_decisions(lib, workshop_id)
    if not 1 <= number <= len(decisions):
        raise KeyError(f"Workshop {workshop_id} has no decision {number} (it has {len(decisions)}).")
    return decisions[number - 1]


def missing_hygiene(d: DecisionRight) -> list[str]:
    """What a well-made decision needs and this one does not have yet."""
    out = []
    if len(d.holders("approve")) != 1:
        out.append("exactly one approver")
    if not d.required_inputs:
        out.append("the required inputs")
    if not d.decide_by:
        out.append("a decide-by date")
    if not d.escalation:
        out.append("an escalation trigger")
    if d.tiebreaker_id is None:
        out.append("a tie-breaker")
    return out


def memo_story(data: CovenantData, d: DecisionRight, width: float) -> Story:
    s = Story(data, width)
    names = data.names

    def person(pid) -> str:
        return names.get(pid, "?") if pid is not None else MISSING

    approvers = d.holders("approve")
    rows: list[tuple[str, str, str]] = [
        ("Decision", d.decision, "decision"),
        ("Approver (decides)", person(approvers[0]) if len(approvers) == 1 else
         (", ".join(names.get(p, "?") for p in approvers) + " (open point: one approver)" if approvers
          else MISSING), "approver"),
        *[(ROLE_TITLES[r], ", ".join(names.get(p, "?") for p in d.holders(r)) or "—", f"decision {r}")
          for r in ROLES if r != "approve"],
        ("Required inputs", d.required_inputs or MISSING, "required inputs"),
        ("Decide by", d.decide_by or MISSING, "decide-by date"),
        ("Escalation trigger", d.escalation or MISSING, "escalation trigger"),
        ("Tie-breaker", person(d.tiebreaker_id), "tie-breaker"),
    ]
    table = Grid([[s.fixed(label, "cellhead"), s.p(value, "cell", field)] for label, value, field in rows],
                  colWidths=[42 * mm, width - 42 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    out: list[Flowable] = [*s.title_block("Decision memo"), table, Spacer(1, 8)]
    gaps = missing_hygiene(d)
    if gaps:
        out.append(s.fixed("<b>Not yet well made.</b> Still missing: " + ", ".join(gaps) + ".", "body"))
    else:
        out.append(s.fixed("Owner, inputs, date, escalation and tie-breaker were agreed in advance. "
                           "Disagree and commit: once the approver decides, the team carries it.", "note"))
    out.append(Spacer(1, 10))
    for label in ("What we decided", "Why (the rationale, and what would change our mind)"):
        box = Grid([[s.fixed(label, "cellhead")], [Spacer(1, 34 * mm)]], colWidths=[width], hAlign="LEFT")
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.7, INK), ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
        out += [box, Spacer(1, 8)]
    sign = Grid([[s.fixed("Approver", "small"), s.fixed("Date", "small")]], colWidths=[0.6 * width, 0.4 * width],
                 rowHeights=[14 * mm], hAlign="LEFT")
    sign.setStyle(TableStyle([("LINEABOVE", (0, 0), (0, 0), 0.7, INK), ("LINEABOVE", (1, 0), (1, 0), 0.7, INK),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out += [Spacer(1, 12 * mm), sign]
    s.flowables = out
    return s


def export_memo(lib: Library, workshop_id: int, number: int, out: Path | str, *, paper: str | None = None,
                missing: str = "error") -> PdfResult:
    """Write the memo of decision ``number`` (1-based) of a workshop to ``out``."""
    start = time.perf_counter()
    data = CovenantData.load(lib, workshop_id)
    d = decision_by_number(lib, workshop_id, number)
    s = memo_story(data, d, frame_width(paper))
    _check(s, missing)
    out = Path(out)
    pages = build_pdf(out, s.flowables, paper=paper, title=f"Decision memo – {d.decision[:60]}",
                      footer=data.footer)
    return PdfResult(out, pages, time.perf_counter() - start, tuple(s.problems))
