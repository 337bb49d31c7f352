"""The session report: the tension map as a vector drawing, the board's alignment table,
the pre-mortem's top risks and the covenant, with the covenant's open points.

Drawn from model data with ``reportlab.graphics`` (no Qt, no screenshots), so it works
headless from the CLI.
"""

from __future__ import annotations

import time
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from tension_desktop.model import board as board_model
from tension_desktop.model import premortem as premortem_model
from tension_desktop.model import tension_map as map_model
from tension_desktop.model.colours import marker_for
from tension_desktop.model.commitments import KIND_TITLES, KINDS, closing_gaps
from tension_desktop.model.covenant import covenant_warnings
from tension_desktop.model.label_layout import Box, LabelRequest, layout_labels, wrap_two_lines
from tension_desktop.model.markers import is_open, marker_outline
from tension_desktop.store import Library, board, people, premortem, rounds, tension_map

from .covenant_pdf import CovenantData, PdfResult, Story, _check
from .fonts import (
    SANS,
    SANS_BOLD,
    clean,
    has_rtl,
    register_fonts,
    runs,
    shaped_runs,
    text_width,
    visual,
)
from .layout import INK, MUTED, RULE, build_pdf, frame_width
from .report_allocation import allocation_section
from .report_polarity import polarity_section
from .report_session import session_sections
from .report_structure import structure_sections


def _label(d: Drawing, x: float, y: float, text: str, size: float, *, anchor: str = "start",
           base: str = SANS, fill=INK, problems: list | None = None, field: str = "label") -> None:
    """User text inside a drawing: one String per font run, measured for anchoring. Indic,
    Thai and Arabic runs are drawn as HarfBuzz shapes them (:func:`.fonts.shaped_runs`), whole
    runs: a name is never cut inside a syllable."""
    text = clean(text).replace("\n", " ")
    runs(text, base, field, problems)  # names unprintable characters
    if has_rtl(text):
        text = visual(text, False)
    pieces = shaped_runs(text, base, size)
    width = sum(w for _, _, w in pieces)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    for font, chunk, w in pieces:
        d.add(String(x, y, chunk, fontName=font, fontSize=size, fillColor=fill))
        x += w


def _marker(d: Drawing, shape: str, x: float, y: float, r: float, colour) -> None:
    """One of the twelve marker identities (the same outlines the screen draws)."""
    if is_open(shape):
        kw = {"fillColor": colors.white, "strokeColor": colour, "strokeWidth": r * 0.45}
        r *= 0.85
    else:
        kw = {"fillColor": colour, "strokeColor": INK, "strokeWidth": 0.6}
    pts = marker_outline(shape, x, y, r * 1.1, y_up=True)
    if pts is None:
        d.add(Circle(x, y, r * 1.1, **kw))
    else:
        d.add(Polygon([c for p in pts for c in p], **kw))


#: Text sizes in the report's map (points): names as on screen in the group view, secondary smaller
MAP_NAME_PT, MAP_SECONDARY_PT = 7.5, 6.0


def _map_frame(lib: Library, workshop_id: int, side: float, problems: list | None,
               width: float) -> tuple[Drawing, object, float, list[Box]]:
    """The map's square ``side`` points wide with its quadrants, their names and governance
    in reserved bands, and the axis names: (drawing, page(x, y_down) -> drawing point,
    side, reserved bands in points from the square's top-left); the drawing is ``width`` wide."""
    pad_l, pad_b = 14 * mm, 12 * mm
    d = Drawing(width, side + pad_b + 6 * mm)
    x0, y0 = pad_l, pad_b
    top = y0 + side

    def page(x: float, y_down: float) -> tuple[float, float]:
        """Map coordinates (points from the square's top-left, y down) -> drawing points."""
        return x0 + x, top - y_down

    axes = tension_map.axis_labels(lib, workshop_id)
    quads = tension_map.quadrant_labels(lib, workshop_id)
    gov = tension_map.governance_names(lib, workshop_id)
    half = side / 2
    shade = {"routine": 1.0, "safe_to_experiment": 0.96, "protect_and_run": 0.96, "bet_with_guardrails": 0.92}
    bands: list[Box] = []
    for key, (qx, qy) in {"routine": (0, 0), "safe_to_experiment": (1, 0), "protect_and_run": (0, 1),
                          "bet_with_guardrails": (1, 1)}.items():
        g = shade[key]
        d.add(Rect(x0 + qx * half, y0 + qy * half, half, half, fillColor=colors.Color(g, g, g),
                   strokeColor=RULE, strokeWidth=0.5))
        # the quadrant's name and governance in a reserved band along the map's outer edge
        name, sub = quads.get(key, key), gov.get(key, "").split(":")[0]
        cx = qx * half + half / 2
        nw = min(half - 4, text_width(clean(name), SANS_BOLD, 8) + 4)
        sw = min(half - 4, text_width(clean(sub), SANS, MAP_SECONDARY_PT) + 4)
        if qy == 1:  # top quadrants: the band under the top edge
            ny, sy = 2.0, 12.0
        else:
            ny, sy = side - 11.0, side - 19.0
        bands += [Box(cx - nw / 2, ny, nw, 10), Box(cx - sw / 2, sy, sw, 8)]
        px, py = page(cx, ny + 8)
        _label(d, px, py, name, 8, anchor="middle", base=SANS_BOLD, fill=MUTED, problems=problems,
               field="quadrant label")
        px, py = page(cx, sy + 6)
        _label(d, px, py, sub, MAP_SECONDARY_PT, anchor="middle", fill=MUTED, problems=problems, field="governance")
    d.add(Rect(x0, y0, side, side, fillColor=None, strokeColor=INK, strokeWidth=1))
    _label(d, x0 + side / 2, y0 - 9 * mm, axes["x"] + "  →", 9, anchor="middle", problems=problems,
           field="axis label")
    # vertical axis label, written bottom-up beside the square
    g = Group()
    tmp = Drawing(side, 12)
    _label(tmp, side / 2, 0, axes["y"] + "  →", 9, anchor="middle", problems=problems, field="axis label")
    for c in tmp.contents:
        g.add(c)
    g.transform = (0, 1, -1, 0, x0 - 5 * mm, y0)
    d.add(g)

    return d, page, side, bands


def map_drawing(lib: Library, workshop_id: int, width: float, problems: list | None = None,
                layout_out: dict | None = None) -> Drawing:
    """The tension map in the same legible group view as the screen: one label per initiative
    with its whole title (two lines at most) at its group position, placed by the shared label
    layout so that no two overlap and none covers a quadrant name; the spread as a hull; each
    person's placement as their marker (one of twelve identities, no text) with a thin line to
    the centre; agreed positions as open black squares. ``layout_out`` (a dict) receives the
    label boxes and reserved bands, in points from the map's top-left (the tests check them)."""
    register_fonts()  # measured below (and the drawing may be made on its own)
    d, page, side, bands = _map_frame(lib, workshop_id, min(width - 42 * mm, 125 * mm), problems, width)
    x0, y0 = 14 * mm, 12 * mm

    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    ps = people.list_participants(lib, workshop_id)
    colour_of = {p.id: p.colour for p in ps}
    placements = tension_map.list_placements(lib, workshop_id, ("revealed", "agreed"))
    groups = {iid: g for iid, g in map_model.by_initiative(placements).items() if iid in titles}
    ring = colors.Color(0.2, 0.25, 0.32, alpha=0.55)
    points: list[tuple[float, float]] = []
    anchors: dict[int, tuple[float, float]] = {}
    for iid, group in groups.items():
        pts = [(p.x * side, (1 - p.y) * side) for p in group]
        cx, cy = map_model.centroid(pts)
        anchors[iid] = (cx, cy)
        hull = map_model.convex_hull(pts)
        if len(hull) >= 3:
            d.add(Polygon([c for x, y in hull for c in page(x, y)], fillColor=colors.Color(0.2, 0.25, 0.32, alpha=0.05),
                          strokeColor=ring, strokeWidth=0.4))
        for x, y in pts:
            d.add(Line(*page(cx, cy), *page(x, y), strokeColor=ring, strokeWidth=0.3))
        points += pts
    for group in groups.values():
        for p in group:
            hexc = colour_of.get(p.participant_id, "#888888")
            _marker(d, marker_for(hexc), *page(p.x * side, (1 - p.y) * side), 2.4, colors.HexColor(hexc))
    for p in placements:
        if p.round == "agreed" and p.initiative_id in titles:
            px, py = page(p.x * side, (1 - p.y) * side)
            d.add(Rect(px - 3.5, py - 3.5, 7, 7, fillColor=None, strokeColor=INK, strokeWidth=1.3))

    # one label per initiative: the whole title, placed clear of every other and of the bands
    lines_of: dict[int, list[str]] = {}
    requests = []
    order = [dp.initiative_id for dp in map_model.rank_disputes(placements) if dp.initiative_id in anchors]
    order += [iid for iid in anchors if iid not in order]
    for iid in order:
        lines = wrap_two_lines(clean(titles[iid]), lambda t: text_width(t, SANS_BOLD, MAP_NAME_PT), 30 * mm)
        lines_of[iid] = lines
        w = max(text_width(line, SANS_BOLD, MAP_NAME_PT) for line in lines) + 4
        h = len(lines) * MAP_NAME_PT * 1.15 + 3
        requests.append(LabelRequest(iid, anchors[iid], w, h))
    laid = layout_labels(requests, Box(1, 1, side - 2, side - 2), bands, points, gap=1.5)
    if layout_out is not None:
        layout_out.update(label_boxes={p.key: p.box for p in laid if p.fits}, bands=list(bands))
    for placed in laid:
        if not placed.fits:
            continue  # no room at all (a very crowded map): the tables below still list it
        box = placed.box
        if placed.leader is not None:
            (ax, ay), (ex, ey) = placed.leader
            d.add(Line(*page(ax, ay), *page(ex, ey), strokeColor=INK, strokeWidth=0.5))
        bx, by = page(box.x, box.bottom)
        d.add(Rect(bx, by, box.w, box.h, rx=1.5, ry=1.5, fillColor=colors.Color(1, 1, 1, alpha=0.92),
                   strokeColor=colors.Color(0.2, 0.25, 0.32), strokeWidth=0.4))
        for n, line in enumerate(lines_of[placed.key]):
            lx, ly = page(box.x + box.w / 2, box.y + 1.5 + (n + 1) * MAP_NAME_PT * 1.15 - 1.6)
            _label(d, lx, ly, line, MAP_NAME_PT, anchor="middle", base=SANS_BOLD, problems=problems,
                   field="initiative")
    # legend: who is which marker
    lx, ly = x0 + side + 5 * mm, y0 + side - 6
    _label(d, lx, ly, "Placed by", 8, base=SANS_BOLD)
    for n, p in enumerate(ps):
        y = ly - 11 * (n + 1)
        if y < y0:
            break
        _marker(d, marker_for(p.colour), lx + 3, y + 3, 2.6, colors.HexColor(p.colour))
        _label(d, lx + 9, y, (f"{p.role} · " if p.role else "") + p.name, 7, problems=problems,
               field="participant name")
    y = ly - 11 * (len(ps) + 2)
    if y > y0:
        d.add(Rect(lx, y - 1, 7, 7, fillColor=None, strokeColor=INK, strokeWidth=1.3))
        _label(d, lx + 11, y, "Agreed position", 7)
    return d


#: More initiatives on the map than this (or a name with no room on it) make it "crowded": the
#: report then adds one page per disputed initiative, the step-through in print
CROWDED_INITIATIVES = 10
#: The person's label on a dispute page (points)
DISPUTE_NAME_PT = 9.0
FURTHEST = colors.HexColor("#b91c1c")


def dispute_drawing(lib: Library, workshop_id: int, initiative_id: int, width: float,
                    problems: list | None = None, layout_out: dict | None = None) -> Drawing:
    """One disputed initiative as the step-through shows it, in print: the whole map with its
    quadrant names, only this initiative's placements, each person's marker labelled with
    their role and name (placed clear of each other and of the quadrant names, with a leader
    line when moved), the group's outline and centre, and the person furthest from the group
    ringed in red and marked "furthest". ``layout_out`` receives the label boxes and bands."""
    register_fonts()
    side = min(width - 4 * mm - 14 * mm, 150 * mm)
    d, page, side, bands = _map_frame(lib, workshop_id, side, problems, width)
    ps = {p.id: p for p in people.list_participants(lib, workshop_id)}
    group = [p for p in tension_map.list_placements(lib, workshop_id, ("revealed",))
             if p.initiative_id == initiative_id]
    far, _distance = map_model.furthest_participant(group)
    pts = [(p.x * side, (1 - p.y) * side) for p in group]
    ring = colors.Color(0.71, 0.33, 0.04, alpha=0.9)
    if pts:
        cx, cy = map_model.centroid(pts)
        hull = map_model.convex_hull(pts)
        if len(hull) >= 3:
            d.add(Polygon([c for x, y in hull for c in page(x, y)],
                          fillColor=colors.Color(0.96, 0.62, 0.04, alpha=0.16), strokeColor=ring, strokeWidth=1.2))
        for x, y in pts:
            d.add(Line(*page(cx, cy), *page(x, y), strokeColor=ring, strokeWidth=0.8))
        d.add(Circle(*page(cx, cy), 3.2, fillColor=None, strokeColor=ring, strokeWidth=1.2))
    requests = []
    text_of: dict[int, str] = {}
    for p, (x, y) in zip(group, pts, strict=True):
        who = ps.get(p.participant_id)
        if who is None:
            continue
        text = clean(f"{who.role} · {who.name}" if who.role else who.name)
        if p.participant_id == far:
            text += "  ← furthest"
        text_of[p.participant_id] = text
        w = text_width(text, SANS_BOLD, DISPUTE_NAME_PT) + 5
        requests.append(LabelRequest(p.participant_id, (x, y), w, DISPUTE_NAME_PT * 1.25 + 3))
    # the person furthest from the group first: the room talks about them first
    requests.sort(key=lambda r: r.key != far)
    # every marker stays visible: a name sits beside its marker (a leader line when moved)
    markers = [Box(x - 5.5, y - 5.5, 11, 11) for x, y in pts]
    laid = layout_labels(requests, Box(1, 1, side - 2, side - 2), bands + markers, (), gap=1.5)
    if layout_out is not None:
        layout_out.update(label_boxes={q.key: q.box for q in laid if q.fits}, bands=list(bands),
                          markers=markers, missed=[q.key for q in laid if not q.fits])
    for p, (x, y) in zip(group, pts, strict=True):
        hexc = ps[p.participant_id].colour if p.participant_id in ps else "#888888"
        if p.participant_id == far:
            d.add(Circle(*page(x, y), 7, fillColor=None, strokeColor=FURTHEST, strokeWidth=1.4,
                         strokeDashArray=[2, 1.5]))
        _marker(d, marker_for(hexc), *page(x, y), 4.0, colors.HexColor(hexc))
    for placed in laid:
        if not placed.fits:
            continue  # listed in the table under the drawing
        box = placed.box
        if placed.leader is not None:
            (ax, ay), (ex, ey) = placed.leader
            d.add(Line(*page(ax, ay), *page(ex, ey), strokeColor=INK, strokeWidth=0.6))
        bx, by = page(box.x, box.bottom)
        edge = FURTHEST if placed.key == far else colors.Color(0.2, 0.25, 0.32)
        d.add(Rect(bx, by, box.w, box.h, rx=1.5, ry=1.5, fillColor=colors.Color(1, 1, 1, alpha=0.94),
                   strokeColor=edge, strokeWidth=0.9 if placed.key == far else 0.5))
        lx, ly = page(box.x + box.w / 2, box.bottom - 3.2)
        _label(d, lx, ly, text_of[placed.key], DISPUTE_NAME_PT, anchor="middle", base=SANS_BOLD,
               fill=FURTHEST if placed.key == far else INK, problems=problems, field="participant name")
    return d


def dispute_pages(s: Story, lib: Library, workshop_id: int, crowded: bool) -> list[Flowable]:
    """One page per disputed initiative, most disputed first, when the map is crowded."""
    if not crowded:
        return []
    placements = tension_map.list_placements(lib, workshop_id, ("revealed",))
    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    ps = {p.id: p for p in people.list_participants(lib, workshop_id)}
    disputes = [dp for dp in map_model.rank_disputes(placements) if dp.initiative_id in titles]
    out: list[Flowable] = []
    for n, dp in enumerate(disputes, 1):
        out.append(PageBreak())
        out += s.heading(f"Disputed initiative {n} of {len(disputes)}", "h2")
        out.append(s.p(titles[dp.initiative_id], "h3", "initiative"))
        out.append(dispute_drawing(lib, workshop_id, dp.initiative_id, s.width, s.problems))
        who = ps.get(dp.furthest_participant_id)
        far = f"{who.role} · {who.name}" if who is not None and who.role else (who.name if who else "—")
        out.append(s.p(f"Spread {dp.spread * 100:.0f} % of the map's diagonal, {dp.count} people. "
                       f"Furthest from the group: {far} ({dp.furthest_distance:.2f} of the diagonal away, "
                       "ringed in red).", "body", "participant name"))
    return out


def map_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    inits = people.list_initiatives(lib, workshop_id)
    placements = tension_map.list_placements(lib, workshop_id)
    out: list[Flowable] = [*s.heading("Tension map", "h2")]
    if not inits:
        return [*out, s.empty("No initiatives recorded.")]
    note = rounds.shown_note(lib, workshop_id, "tension_map")
    if note:
        out.append(s.p(note, "body", "round"))
    laid: dict = {}
    out.append(map_drawing(lib, workshop_id, s.width, s.problems, laid))
    out.append(Spacer(1, 6))
    on_map = {p.initiative_id for p in placements if p.round in ("revealed", "agreed")}
    s.map_crowded = len(on_map) > CROWDED_INITIATIVES or len(laid.get("label_boxes", {})) < len(
        {p.initiative_id for p in placements if p.round == "revealed"} & {i.id for i in inits})
    agreed = map_model.agreed_positions(placements)
    quads = tension_map.quadrant_labels(lib, workshop_id)
    gov = tension_map.governance_names(lib, workshop_id)
    rows = []
    for n, i in enumerate(inits, 1):
        a = agreed.get(i.id)
        rows.append([s.fixed(str(n), "cellhead"), s.p(i.title, "cell", "initiative"),
                     s.p(quads.get(a.quadrant, a.quadrant) if a else "not agreed yet", "cell", "quadrant label"),
                     s.p(gov.get(a.quadrant, "") if a else "—", "cell", "governance")])
    out.append(s.table(["#", "Initiative", "Agreed quadrant", "Governance it implies"], rows,
                       [0.06, 0.36, 0.2, 0.38]))
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    titles = {i.id: i.title for i in inits}
    disputes = map_model.rank_disputes(placements)
    out += s.heading("Most disputed initiatives", "h3")
    if not disputes:
        out.append(s.empty("No revealed placements yet."))
    else:
        drows = [[s.fixed(str(n), "cell"), s.p(titles.get(d.initiative_id, "?"), "cell", "initiative"),
                  s.fixed(f"{d.spread * 100:.0f} %", "cell"),
                  s.p(names.get(d.furthest_participant_id, "—"), "cell", "participant name")]
                 for n, d in enumerate(disputes, 1)]
        out.append(s.table(["Rank", "Initiative", "Spread", "Furthest from the group"], drows,
                           [0.08, 0.52, 0.12, 0.28]))
    return out


def board_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    out: list[Flowable] = [*s.heading("Board: where we agree and where we differ", "h2")]
    elements = board.list_elements(lib, workshop_id)
    if not elements:
        return [*out, s.empty("No board elements recorded.")]
    splits = board_model.alignment(elements, board.list_cards(lib, workshop_id))
    notes = [rounds.shown_note(lib, workshop_id, "board", scope) for scope in
             [None, *(i.id for i in people.list_initiatives(lib, workshop_id))]]
    for note in filter(None, notes):
        out.append(s.p(note, "body", "round"))
    rows = []
    for sp in splits:
        agreed = board_model.COLUMN_TITLES.get(sp.element.agreed_column or "", "—")
        note = "Hidden conflict" if sp.hidden_conflict else ("Split" if sp.dispute > 0 else "")
        rows.append([s.p(sp.element.text, "cell", "board element"),
                     *[s.fixed(str(sp.counts[c]), "cell") for c in board_model.COLUMNS],
                     s.fixed(agreed, "cell"), s.fixed(note, "cellhead" if sp.hidden_conflict else "cell")])
    out.append(s.table(["Element", "Must<br/>protect", "Can<br/>flex", "Need<br/>evidence", "Agreed", "Note"], rows,
                       [0.34, 0.1, 0.09, 0.11, 0.17, 0.19]))
    return out


def premortem_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    scopes: list[tuple[int | None, str]] = [(None, "Whole workshop")]
    scopes += [(i.id, i.title) for i in people.list_initiatives(lib, workshop_id)]
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    body: list[Flowable] = []
    for iid, title in scopes:
        top = premortem_model.top_risks(premortem.ranked(lib, workshop_id, iid))
        if not top:
            continue
        rows = [[s.fixed(str(r.rank), "cell"), s.p(r.risk.text, "cell", "risk"), s.fixed(str(r.dots), "cell"),
                 s.p(names.get(r.risk.owner_id, "— no owner —"), "cell", "risk owner"),
                 s.p(r.risk.mitigation or "—", "cell", "risk mitigation")] for r in top]
        body.append(KeepTogether([s.p(title, "h3", "initiative"),
                                  s.table(["Rank", "Risk", "Dots", "Owner", "Mitigation"], rows,
                                          [0.08, 0.36, 0.08, 0.18, 0.30])]))
    if not body:
        return []  # the pre-mortem is optional: no section when it was not run
    # the heading goes with the first initiative's block: that block moves to the next page
    # whole (KeepTogether), and the heading must not stay behind on this one
    *space, title = s.heading("Pre-mortem: top risks", "h2")
    return [*space, KeepTogether([title, body[0]]), *body[1:]]


def warnings_section(s: Story) -> list[Flowable]:
    d = s.data
    warnings = covenant_warnings(participants=d.participants, items=d.items, thresholds=d.thresholds,
                                 decisions=d.decisions, commitments=d.commitments, owner_limit=d.owner_limit)
    out: list[Flowable] = [*s.heading("Open points in the covenant", "h2")]
    gaps = closing_gaps(d.commitments)
    open_kinds = [KIND_TITLES[k].lower() for k in KINDS if {"commitment", "what"} & set(gaps.get(k, ()))]
    if not warnings and not open_kinds:
        return [*out, s.fixed("None: every threshold and decision has exactly one owner.", "note")]
    lines = [s.p("• " + w.message, "item", "covenant check") for w in warnings]
    if open_kinds:
        lines.append(s.fixed("• Closing commitments not yet agreed: " + ", ".join(open_kinds) + ".", "item"))
    return [*out, *lines]


def export_report(lib: Library, workshop_id: int, out: Path | str, *, paper: str | None = None,
                  missing: str = "error") -> PdfResult:
    """Write the session report PDF."""
    start = time.perf_counter()
    out = Path(out)
    data = CovenantData.load(lib, workshop_id)
    s = Story(data, frame_width(paper))
    story: list[Flowable] = [*s.title_block("Session report")]
    story += map_section(s, lib, workshop_id)
    story += dispute_pages(s, lib, workshop_id, getattr(s, "map_crowded", False))
    story += board_section(s, lib, workshop_id)
    story += premortem_section(s, lib, workshop_id)
    story += polarity_section(s, lib, workshop_id) + allocation_section(s, lib, workshop_id)
    story += s.heading("Reliability covenant", "h2")
    s.section_level = "h3"
    story += [*s.covenant_body(open_points=False), *warnings_section(s)]
    s.section_level = "h2"
    story += structure_sections(s, lib, workshop_id)
    story += session_sections(s, lib, workshop_id)
    _check(s, missing)
    pages = build_pdf(out, story, paper=paper, title=f"Session report – {data.title}", footer=data.footer)
    return PdfResult(out, pages, time.perf_counter() - start, tuple(s.problems))
