"""The polarity map in the session report.

Left out when the exercise was not run. The private voices print only once their round
was revealed (a hidden round prints a note, never the answers).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from tension_desktop.model.polarity import KIND_TITLES, KINDS, POLES, anti_patterns, voices_by_pole
from tension_desktop.store import Library, people, polarity, rounds

from .covenant_pdf import Story


def polarity_section(s: Story, lib: Library, workshop_id: int) -> list[Flowable]:
    items = polarity.list_items(lib, workshop_id)
    hidden = rounds.is_hidden(lib, workshop_id, "polarity")
    voices = [] if hidden else polarity.list_voices(lib, workshop_id)
    if not items and not voices and not hidden:
        return []
    poles = polarity.poles(lib, workshop_id)
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    out: list[Flowable] = [*s.heading(f"Polarity map: {poles['a']} and {poles['b']}", "h2")]
    rows = []
    for kind in KINDS:
        cells = []
        for pole in POLES:
            lines = [i.text + (f" ({names.get(i.owner_id, '?')})" if i.owner_id is not None else
                               (" (no owner yet)" if kind == "warning" else ""))
                     for i in items if (i.pole, i.kind) == (pole, kind)]
            cells.append(s.p("\n".join(f"• {t}" for t in lines) or "—", "cell", "polarity entry"))
        rows.append([s.fixed(KIND_TITLES[kind], "cell"), *cells])
    out.append(s.table(["", poles["a"], poles["b"]], rows, [0.2, 0.4, 0.4]))
    for found in anti_patterns(items, voices, poles):
        out.append(s.p(f"Warning: {found.title}. {found.why}", "body", "polarity warning"))
    if hidden:
        out.append(s.empty("The private voices are not revealed yet."))
    elif voices:
        out.append(s.fixed(rounds.shown_note(lib, workshop_id, "polarity") or "Private voices", "note"))
        vrows = []
        for pole, group in voices_by_pole(voices).items():
            for v in group:
                vrows.append([s.p(names.get(v.participant_id, "?"), "cell", "participant name"),
                              s.p(poles[pole] if pole else "Both", "cell", "pole"),
                              s.p(v.preserve or "—", "cell", "what I preserve"),
                              s.p(v.fear or "—", "cell", "what I fear")])
        out.append(s.table(["Who", "Speaks for", "Trying to preserve", "Fears if the other side wins"], vrows,
                           [0.18, 0.14, 0.34, 0.34]))
    return out
