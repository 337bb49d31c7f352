"""Structure before behaviour in the session report: the constraint diagnosis (blockers,
disagreements first, what the room agreed, the scorecard's spread) and the 90-day readiness
plan (targets held or slipping, indicators against baseline and target with a vector chart,
mechanism, cadence, who moved, and at week 12 the closing answer with its evidence).
A section is left out when its exercise was not run."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from tension_desktop.model import readiness as plan_model
from tension_desktop.model import structure as model
from tension_desktop.store import Library, rounds
from tension_desktop.store import readiness as plan_store
from tension_desktop.store import structure as store

from .covenant_pdf import Story
from .fonts import SANS, register_fonts
from .layout import INK, MUTED, RULE

SERIES_COLOURS = ("#0b4f8a", "#c05621", "#2f855a")


def diagnosis_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    blockers = store.list_blockers(lib, workshop_id)
    scores = store.list_scores(lib, workshop_id)
    if not blockers and not scores:
        return []
    out: list[Flowable] = [*s.heading("Constraint diagnosis: behavioural or structural?", "h2")]
    for exercise in ("structure_blockers", "structure_sort", "structure_score"):
        note = rounds.shown_note(lib, workshop_id, exercise)
        if note:
            out.append(s.p(f"{rounds.EXERCISES[exercise].title}: {note}", "body", "round"))
    if blockers:
        rows = []
        for sp in model.alignment(blockers, store.list_sorts(lib, workshop_id)):
            agreed = model.KIND_TITLES.get(sp.element.agreed_kind, "—")
            note = "Split" if sp.hidden_conflict else ""
            rows.append([s.p(sp.element.text, "cell", "blocker"),
                         *[s.fixed(str(sp.counts[k]), "cell") for k in model.KINDS],
                         s.fixed(agreed, "cell"), s.fixed(note, "cellhead" if sp.hidden_conflict else "cell")])
        out.append(s.table(["Blocker (disagreements first)", "Behav-<br/>ioural", "Struct-<br/>ural", "Not<br/>sure",
                            "Agreed", "Note"], rows, [0.44, 0.1, 0.1, 0.08, 0.16, 0.12]))
        structural, agreed_n = model.share_structural(blockers)
        if agreed_n:
            out.append(s.fixed(f"The room agreed on {agreed_n} blocker{'s' * (agreed_n != 1)}: {structural} "
                               "structural.", "note"))
    out += s.heading("Scorecard: the three structural conditions", "h3")  # never alone at a page's foot
    if scores:
        out += [s.fixed(line.replace("&", "&amp;").replace("<", "&lt;"), "body")
                for line in model.scorecard_summary(scores).splitlines()]
    else:
        out.append(s.empty("Not rated yet."))
    return out


def chart_drawing(items: list[plan_model.PlanItem], values: list[plan_model.WeekValue], week: int,
                  width: float) -> Drawing:
    """Small multiples, one panel per indicator on its own scale, weeks 1-12 across: the
    readings (a line), the baseline (grey, dashed) and the target (green, dashed)."""
    register_fonts()
    height = 42 * mm
    d = Drawing(width, height)
    n = max(1, len(items))
    pw = width / n
    for i, item in enumerate(items):
        x0, y0, w, h = i * pw + 6, 10, pw - 14, height - 22
        d.add(Rect(x0, y0, w, h, strokeColor=RULE, fillColor=None, strokeWidth=0.5))
        d.add(String(x0, height - 9, f"Indicator {i + 1}", fontName=SANS, fontSize=8, fillColor=INK))
        d.add(String(x0, 1, "week 1", fontName=SANS, fontSize=6.5, fillColor=MUTED))
        d.add(String(x0 + w, 1, f"week {plan_model.WEEKS}", fontName=SANS, fontSize=6.5, fillColor=MUTED,
                     textAnchor="end"))
        readings = plan_model.series(values, item.id)
        numbers = [v for _w, v in readings] + [x for x in (item.baseline, item.goal) if x is not None]
        lo, hi = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.1
        lo, hi = lo - pad, hi + pad

        def at(wk: float, v: float, x0=x0, y0=y0, w=w, h=h, lo=lo, hi=hi) -> tuple[float, float]:
            return x0 + (wk - 1) / (plan_model.WEEKS - 1) * w, y0 + (v - lo) / (hi - lo) * h
        for value, colour, label in ((item.baseline, "#829ab1", "baseline"), (item.goal, "#2f855a", "target")):
            if value is None:
                continue
            _x, y = at(1, value)
            d.add(Line(x0, y, x0 + w, y, strokeColor=colors.HexColor(colour), strokeDashArray=[3, 2]))
            d.add(String(x0 + 2, y + 2, f"{label} {value:g}", fontName=SANS, fontSize=6.5,
                         fillColor=colors.HexColor(colour)))
        if 1 <= week <= plan_model.WEEKS:
            x, _y = at(week, lo)
            d.add(Line(x, y0, x, y0 + h, strokeColor=colors.HexColor("#f0b429")))
        colour = colors.HexColor(SERIES_COLOURS[i % len(SERIES_COLOURS)])
        pts = [at(wk, v) for wk, v in readings]
        if len(pts) > 1:
            d.add(PolyLine([c for p in pts for c in p], strokeColor=colour, strokeWidth=1.5))
        for x, y in pts:
            d.add(Circle(x, y, 1.8, fillColor=colour, strokeColor=colour))
    return d


def plan_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    items = plan_store.list_items(lib, workshop_id)
    if not items:
        return []
    values = plan_store.list_values(lib, workshop_id)
    check = plan_store.get_check(lib, workshop_id)
    week = plan_store.current_week(lib, workshop_id)
    out: list[Flowable] = [*s.heading("90-day readiness plan", "h2")]
    phase = plan_model.phase_of(week)
    where = ("Before week 1." if not week else f"Week {week}, past the {plan_model.WEEKS} weeks." if week > 12
             else f"Week {week} of {plan_model.WEEKS}" + (f": {phase[3].lower()}." if phase else "."))
    out.append(s.fixed(where + (f" Week 1 started on {check.start_date}." if check.start_date else ""), "note"))
    status = {"": "—", "held": "Held", "slipping": "Slipping"}
    targets = [i for i in items if i.kind == "target"]
    out.append(s.table(["Behaviour target", "Owner", "This session"],
                       [[s.p(t.text or "—", "cell", "target"), s.people([t.owner_id] if t.owner_id else [], "owner"),
                         s.fixed(status[t.status], "cell")] for t in targets], [0.6, 0.25, 0.15]))
    out.append(Spacer(1, 3 * mm))
    indicators = [i for i in items if i.kind == "indicator"]
    rows = []
    for n, i in enumerate(indicators, 1):
        readings = plan_model.series(values, i.id)
        latest = f"week {readings[-1][0]}: {readings[-1][1]:g}" if readings else "—"
        share = plan_model.progress(i, values)
        rows.append([s.fixed(str(n), "cell"), s.p(i.text or "—", "cell", "indicator"),
                     s.people([i.owner_id] if i.owner_id else [], "owner"),
                     s.fixed("—" if i.baseline is None else f"{i.baseline:g}", "cell"),
                     s.fixed("—" if i.goal is None else f"{i.goal:g}", "cell"), s.fixed(latest, "cell"),
                     s.fixed("—" if share is None else f"{share * 100:.0f} %", "cell")])
    out.append(s.table(["#", "Leading indicator", "Owner", "Base-<br/>line", "Target", "Latest", "Of the way"], rows,
                       [0.05, 0.34, 0.17, 0.08, 0.09, 0.15, 0.12]))
    out.append(Spacer(1, 3 * mm))
    if indicators:
        out += [chart_drawing(indicators, values, week, s.width), Spacer(1, 3 * mm)]
    for kind in ("mechanism", "cadence"):
        mine = [i for i in items if i.kind == kind]
        if mine:
            out.append(s.table([plan_model.ITEM_TITLES[kind], "Owner"],
                               [[s.p(i.text or "—", "cell", kind), s.people([i.owner_id] if i.owner_id else [],
                                                                            "owner")] for i in mine], [0.7, 0.3]))
            out.append(Spacer(1, 3 * mm))
    out.append(s.fixed("Whose behaviour moved: " + plan_model.MOVED_TITLES[check.moved].lower() + ".", "body"))
    if plan_model.closing_due(week) or check.answer:
        out += s.heading(f"Closing question: {plan_model.CLOSING_QUESTION}", "h3")
        out.append(s.fixed(plan_model.ANSWER_TITLES[check.answer] + ".", "body"))
        out.append(s.p("Evidence: " + (check.evidence or plan_model.evidence(items, values, check)), "body",
                       "evidence"))
    gaps = plan_model.gaps(items)
    if gaps:
        out.append(s.p("Still open in the plan: " + "; ".join(gaps) + ".", "note", "plan gaps"))
    return out


def structure_sections(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    """The report's sections on structure before behaviour (none when neither was run)."""
    return [*diagnosis_section(s, lib, workshop_id), *plan_section(s, lib, workshop_id)]
