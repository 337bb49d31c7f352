"""The allocation round in the session report: the portfolio's splits as stacked bars beside
the target and what the initiatives add up to, the categories ranked by disagreement, what
each new request displaces, and each leader's time now vs as it should be (a permanent
imbalance flagged across sessions). Left out when the round was not run; the splits print
only once revealed (a hidden round prints a note, never the splits)."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable

from tension_desktop.model.allocation import (
    CATEGORIES,
    PART_TITLES,
    actual_shares,
    persistent_imbalances,
    portfolio_reveal,
    time_readings,
    trade_off,
)
from tension_desktop.store import Library, allocation, people, rounds

from .covenant_pdf import Story

BAR_COLOURS = ["#2f855a", "#3182ce", "#b7791f", "#805ad5"]


def bars(rows: list[tuple[str, list[float]]], width: float, labels: list[str]) -> Drawing:
    """Stacked bars, one per row (label, shares adding up to 100), under a legend."""
    from .report_pdf import _label  # one way to put user text into a drawing (font runs, RTL)

    bar_h, gap, label_w, legend_h = 14, 6, width * 0.28, 16
    d = Drawing(width, len(rows) * (bar_h + gap) + legend_h + 4)
    y = d.height - legend_h
    x = 0.0
    for n, label in enumerate(labels):
        d.add(Rect(x, y + 4, 10, 10, fillColor=colors.HexColor(BAR_COLOURS[n]), strokeColor=None))
        _label(d, x + 14, y + 5, label, 8)
        x += 14 + len(label) * 4.5 + 12
    for label, shares in rows:
        y -= bar_h + gap
        _label(d, 0, y + 3, label[:40], 8)
        x = label_w
        for n, share in enumerate(shares):
            w = (width - label_w) * share / 100
            if w > 0:
                d.add(Rect(x, y, w, bar_h, fillColor=colors.HexColor(BAR_COLOURS[n]), strokeColor=colors.white))
                if w > 18:
                    _label(d, x + 3, y + 3, f"{share:.0f}", 8, fill=colors.white)
            x += w
    return d


def _shares(shares: dict[str, int] | None) -> str:
    return " / ".join(f"{PART_TITLES[k]} {v}" for k, v in shares.items()) if shares else "—"


def allocation_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    items = allocation.list_items(lib, workshop_id)
    hidden = rounds.is_hidden(lib, workshop_id, "allocation")
    splits = [] if hidden else allocation.list_splits(lib, workshop_id)
    if not items and not splits and not hidden:
        return []
    cats = allocation.category_names(lib, workshop_id)
    target = allocation.target(lib, workshop_id)
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    out: list[Flowable] = [*s.heading("Allocation: the portfolio and our time", "h2")]
    actual = actual_shares(items)
    rows = [("Agreed target", [target[c] for c in CATEGORIES])]
    if any(actual.values()):
        rows.append(("On the table now", [actual[c] for c in CATEGORIES]))
    rows += [(names.get(x.participant_id, "?"), [x.shares[c] for c in CATEGORIES])
             for x in splits if x.kind == "portfolio"]
    out.append(bars(rows, s.width, [cats[c] for c in CATEGORIES]))
    if hidden:
        out.append(s.empty("The private splits are not revealed yet."))
    spreads = [c for c in portfolio_reveal(splits, items, target) if c.shares]
    if spreads:
        out.append(s.table(["Category (most disputed first)", "Spread", "Highest", "Lowest", "Target", "Actual"],
                           [[s.p(cats[c.category], "cell", "category"), s.fixed(f"{c.spread} points", "cell"),
                             # a no-break space keeps "55 %" on one line in a narrow cell
                             s.p(f"{names.get(c.highest, '?')} {c.shares[c.highest]}\u00a0%", "cell",
                                 "participant name"),
                             s.p(f"{names.get(c.lowest, '?')} {c.shares[c.lowest]}\u00a0%", "cell", "participant name"),
                             s.fixed(f"{c.target} %", "cell"), s.fixed(f"{c.actual:.0f} %", "cell")]
                            for c in spreads], [0.3, 0.12, 0.18, 0.18, 0.1, 0.12]))
    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    for req in (i for i in items if i.request):
        t = trade_off(req, items, target)
        freed = ", ".join(titles.get(c, "?") for c in t.candidates) or "nothing on the table"
        out.append(s.p(f"New request: {req.title} ({cats[req.category]}, effort {req.effort}). It moves "
                       f"{cats[req.category]} to {t.after[req.category]:.0f} %; to stay on target, effort "
                       f"{t.effort_to_free} has to leave {cats[t.gives]}: {freed}.", "body", "request"))
    readings = time_readings(splits)
    if readings:
        now = {names.get(r.participant_id, "?"): r for r in readings}
        lasting = persistent_imbalances(allocation.earlier_readings(lib, workshop_id), now)
        trows = [[s.p(who, "cell", "participant name"), s.p(_shares(r.now), "cell", "time now"),
                  s.p(_shares(r.should), "cell", "time should"), s.p(_shares(r.reference), "cell", "reference"),
                  s.p("; ".join([*r.warnings, *([lasting[who]] if who in lasting else [])]) or "—", "cell",
                      "time warning")]
                 for who, r in now.items()]
        out.append(s.table(["Who", "Time now", "As it should be", "Reference", "Watch"], trows,
                           [0.14, 0.2, 0.2, 0.18, 0.28]))
    return out
