"""The polarity map and the allocation round as CSV, through the one CSV writer
(:mod:`.csv_safe`: formula-neutralised cells, UTF-8 with a BOM).

* polarity: one row per entry of the map (pole, kind, text, owner), then one row per
  revealed private voice (never a hidden one);
* allocation: one row per initiative or request of the portfolio, the target, and one row
  per revealed split (portfolio, time now, time as it should be).
"""

from __future__ import annotations

from pathlib import Path

from tension_desktop.model.allocation import CATEGORIES, PART_TITLES
from tension_desktop.model.polarity import KIND_TITLES
from tension_desktop.store import Library, allocation, people, polarity, rounds
from tension_desktop.store.safe_files import write_atomically

from .csv_safe import Cell, csv_bytes

POLARITY_HEADER = ["section", "pole", "kind", "text", "owner", "speaks_for", "preserve", "fear", "attention_share"]
ALLOCATION_HEADER = ["section", "participant", "initiative", "kind", "scheme", "scope", "part", "value"]


def polarity_rows(lib: Library, workshop_id: int) -> list[list[Cell]]:
    """The CSV rows (header first) of the polarity map."""
    poles = polarity.poles(lib, workshop_id)
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    rows: list[list[Cell]] = [POLARITY_HEADER]
    for i in polarity.list_items(lib, workshop_id):
        rows.append(["map", poles[i.pole], KIND_TITLES[i.kind], i.text, names.get(i.owner_id, ""), "", "", "", ""])
    if not rounds.is_hidden(lib, workshop_id, "polarity"):
        for v in polarity.list_voices(lib, workshop_id):
            rows.append(["voice", "", "", "", names.get(v.participant_id, ""), poles.get(v.pole, ""), v.preserve,
                         v.fear, "" if v.share_a is None else v.share_a])
    return rows


def allocation_rows(lib: Library, workshop_id: int) -> list[list[Cell]]:
    """The CSV rows (header first) of the allocation round."""
    cats = allocation.category_names(lib, workshop_id)
    names = {p.id: p.name for p in people.list_participants(lib, workshop_id)}
    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    rows: list[list[Cell]] = [ALLOCATION_HEADER]
    target = allocation.target(lib, workshop_id)
    rows += [["target", "", "", "portfolio", "", "", cats[c], target[c]] for c in CATEGORIES]
    for i in allocation.list_items(lib, workshop_id):
        rows.append(["request" if i.request else "portfolio", "", i.title if i.request else
                     titles.get(i.initiative_id, ""), "", "", "", cats[i.category], i.effort])
    if not rounds.is_hidden(lib, workshop_id, "allocation"):
        for s in allocation.list_splits(lib, workshop_id):
            for part, value in s.shares.items():
                rows.append(["split", names.get(s.participant_id, ""), "", s.kind, s.scheme, s.scope,
                             cats.get(part) or PART_TITLES.get(part, part), value])
    return rows


def write_polarity_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    out = Path(out)
    write_atomically(out, csv_bytes(polarity_rows(lib, workshop_id)))
    return out


def write_allocation_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    out = Path(out)
    write_atomically(out, csv_bytes(allocation_rows(lib, workshop_id)))
    return out
