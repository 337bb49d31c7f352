"""The three-column board as CSV: one row per card (and per element nobody sorted yet).

Columns say what a spreadsheet user needs: which board, the element, who put it where and
why, how the room split it, the dispute score, the hidden-conflict flag and the agreed
column. UTF-8 with a BOM so spreadsheet programs read Greek, Cyrillic, CJK and Arabic.
Written by :mod:`.csv_safe`, the one CSV writer: cells a spreadsheet would run as a
formula are prefixed with an apostrophe, line breaks in a cell are quoted.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tension_desktop.model.board import COLUMN_TITLES, alignment
from tension_desktop.store import Library, board, people
from tension_desktop.store.safe_files import write_atomically

from .csv_safe import Cell, csv_bytes

HEADER = ["board", "element", "participant", "role", "column", "position", "rationale",
          "split", "dispute", "hidden_conflict", "agreed_column"]


def board_rows(lib: Library, workshop_id: int) -> list[list[Cell]]:
    """The CSV rows (header first) of every board of a workshop, disputes first per board.

    Text is raw (the CSV writer neutralises it); the position and dispute are numbers."""
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
            common = [split.label, Decimal(f"{split.dispute:.2f}"), "yes" if split.hidden_conflict else "no",
                      agreed]
            if not split.cards:
                rows.append([name, el.text, "", "", "", "", "", *common])
            for card in sorted(split.cards, key=lambda c: list(persons).index(c.participant_id)
                               if c.participant_id in persons else 999):
                p = persons.get(card.participant_id)
                rows.append([name, el.text, p.name if p else "", p.role if p else "",
                             COLUMN_TITLES[card.column], card.position + 1, card.rationale, *common])
    return rows


def write_board_csv(lib: Library, workshop_id: int, out: Path) -> Path:
    """Write the board CSV to ``out`` and return the path."""
    out = Path(out)
    write_atomically(out, csv_bytes(board_rows(lib, workshop_id)))
    return out
