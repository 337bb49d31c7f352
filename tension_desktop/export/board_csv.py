"""The three-column board as CSV: one row per card (and per element nobody sorted yet).

Columns say what a spreadsheet user needs: which board, the element, who put it where and
why, how the room split it, the dispute score, the hidden-conflict flag and the agreed
column. UTF-8 with a BOM so spreadsheet programs read Greek, Cyrillic, CJK and Arabic.
Cells a spreadsheet would run as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tension_desktop.model.board import COLUMN_TITLES, alignment
from tension_desktop.store import Library, board, people
from tension_desktop.store.safe_files import write_atomically

HEADER = ["board", "element", "participant", "role", "column", "position", "rationale",
          "split", "dispute", "hidden_conflict", "agreed_column"]


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def board_rows(lib: Library, workshop_id: int) -> list[list[str]]:
    """The CSV rows (header first) of every board of a workshop, disputes first per board."""
    titles = {i.id: i.title for i in people.list_initiatives(lib, workshop_id)}
    persons = {p.id: p for p in people.list_participants(lib, workshop_id)}
    rows = [HEADER]
    scopes = [None, *titles]
    for scope in scopes:
        elements = board.elements_for(lib, workshop_id, scope)
        if not elements:
            continue
        name = titles.get(scope, "Whole workshop") if scope is not None else "Whole workshop"
        for split in alignment(elements, board.cards_for(lib, workshop_id, scope)):
            el = split.element
            agreed = COLUMN_TITLES.get(el.agreed_column, "") if el.agreed_column else ""
            common = [split.label, f"{split.dispute:.2f}", "yes" if split.hidden_conflict else "no", agreed]
            if not split.cards:
                rows.append([_cell(v) for v in [name, el.text, "", "", "", "", "", *common]])
            for card in sorted(split.cards, key=lambda c: list(persons).index(c.participant_id)
                               if c.participant_id in persons else 999):
                p = persons.get(card.participant_id)
                rows.append([_cell(v) for v in [name, el.text, p.name if p else "", p.role if p else "",
                                                COLUMN_TITLES[card.column], card.position + 1, card.rationale,
                                                *common]])
    return rows


def write_board_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    """Write the board CSV to ``out`` and return the path."""
    out = Path(out)
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(board_rows(lib, workshop_id))
    write_atomically(out, buf.getvalue().encode("utf-8-sig"))
    return out
