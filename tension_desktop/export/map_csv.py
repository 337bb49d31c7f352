"""The tension map as CSV: one row per placement, for people who want a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tension_desktop.model.tension_map import quadrant_of, rank_disputes
from tension_desktop.store import Library, people, rounds
from tension_desktop.store import tension_map as store

COLUMNS = ("initiative", "participant", "role", "round", "innovation_x", "criticality_y", "quadrant",
           "governance", "initiative_spread", "shown_round")


def _cell(text: str) -> str:
    """Participant text as a plain cell: a leading = + - @ would run as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def map_rows(lib: Library, workshop_id: int) -> list[dict[str, str]]:
    """One dict per placement (all rounds), in stored order; agreed rows name the group."""
    who = {p.id: p for p in people.list_participants(lib, workshop_id)}
    what = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    labels = store.quadrant_labels(lib, workshop_id)
    governance = store.governance_names(lib, workshop_id)
    placements = store.list_placements(lib, workshop_id)
    spreads = {d.initiative_id: d.spread for d in rank_disputes(placements)}
    shown = rounds.shown_round(lib, workshop_id, "tension_map")
    shown_label = shown.label if shown is not None else ""
    rows = []
    for p in placements:
        person = who.get(p.participant_id)
        quadrant = quadrant_of(p.x, p.y)
        rows.append({
            "initiative": _cell(what.get(p.initiative_id, "")),
            "participant": _cell(person.name) if person else "(group)",
            "role": _cell(person.role) if person else "",
            "round": p.round,
            "innovation_x": f"{p.x:.4f}",
            "criticality_y": f"{p.y:.4f}",
            "quadrant": _cell(labels[quadrant]),
            "governance": _cell(governance[quadrant]) if p.round == "agreed" else "",
            "initiative_spread": f"{spreads[p.initiative_id]:.4f}" if p.initiative_id in spreads else "",
            # which private round a revealed placement belongs to ("Round 2 (private, revealed)")
            "shown_round": shown_label if p.round == "revealed" else "",
        })
    return rows


def map_csv_text(lib: Library, workshop_id: int) -> str:
    """The CSV text (header + one row per placement)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(map_rows(lib, workshop_id))
    return buf.getvalue()


def write_map_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    """Write the CSV (UTF-8 with BOM so spreadsheet programs read accents right)."""
    out = Path(out)
    out.write_text(map_csv_text(lib, workshop_id), encoding="utf-8-sig")
    return out
