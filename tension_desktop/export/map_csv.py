"""The tension map as CSV: one row per placement, for people who want a spreadsheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tension_desktop.model.tension_map import quadrant_of, rank_disputes
from tension_desktop.store import Library, people, rounds
from tension_desktop.store import tension_map as store
from tension_desktop.store.safe_files import write_atomically

from .csv_safe import Cell, csv_bytes, csv_text

COLUMNS = ("initiative", "participant", "role", "round", "innovation_x", "criticality_y", "quadrant",
           "governance", "initiative_spread", "shown_round")


def _decimal(value: float) -> Decimal:
    """A coordinate or spread as a number cell with four decimals."""
    return Decimal(f"{value:.4f}")


def map_rows(lib: Library, workshop_id: int) -> list[dict[str, Cell]]:
    """One dict per placement (all rounds), in stored order; agreed rows name the group.

    Text values are raw (the CSV writer neutralises them); numbers are numbers."""
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
            "initiative": what.get(p.initiative_id, ""),
            "participant": person.name if person else "(group)",
            "role": person.role if person else "",
            "round": p.round,
            "innovation_x": _decimal(p.x),
            "criticality_y": _decimal(p.y),
            "quadrant": labels[quadrant],
            "governance": governance[quadrant] if p.round == "agreed" else "",
            "initiative_spread": _decimal(spreads[p.initiative_id]) if p.initiative_id in spreads else "",
            # which private round a revealed placement belongs to ("Round 2 (private, revealed)")
            "shown_round": shown_label if p.round == "revealed" else "",
        })
    return rows


def _table(lib: Library, workshop_id: int) -> list[list[Cell]]:
    return [list(COLUMNS), *([row[c] for c in COLUMNS] for row in map_rows(lib, workshop_id))]


def map_csv_text(lib: Library, workshop_id: int) -> str:
    """The CSV text (header + one row per placement), as :mod:`.csv_safe` writes every CSV."""
    return csv_text(_table(lib, workshop_id))


def write_map_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    """Write the CSV (UTF-8 with BOM so spreadsheet programs read accents right)."""
    out = Path(out)
    write_atomically(out, csv_bytes(_table(lib, workshop_id)))
    return out
