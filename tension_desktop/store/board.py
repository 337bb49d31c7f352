"""Three-column board: elements and each participant's cards.

A board is the elements of one initiative, or of the whole workshop (``initiative_id``
NULL). A card's place is its column and its order among the same participant's cards in
that column (``position`` 0..n-1), never pixels.
"""

from __future__ import annotations

from tension_desktop.model import BoardCard, BoardElement
from tension_desktop.model.board import place_card

from .library import Library
from .rows import Snapshot, restore, snapshot

#: workshop_settings keys
SCOPE_KEY = "board:scope"
RATIONALE_KEY = "board:rationale_required"


def _element(r: dict) -> BoardElement:
    return BoardElement(text=r["text"], initiative_id=r["initiative_id"], position=r["position"],
                        agreed_column=r["agreed_column"], id=r["id"])


def _card(r: dict) -> BoardCard:
    return BoardCard(element_id=r["element_id"], participant_id=r["participant_id"], column=r["column_key"],
                     position=r["position"], rationale=r["rationale"], id=r["id"])


def _scope_sql(initiative_id: int | None) -> tuple[str, tuple]:
    if initiative_id is None:
        return "initiative_id IS NULL", ()
    return "initiative_id = ?", (initiative_id,)


def list_elements(lib: Library, workshop_id: int) -> list[BoardElement]:
    """Every element of the workshop (all boards), in the order they were written down."""
    rows = lib.query("SELECT * FROM board_elements WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [_element(r) for r in rows]


def elements_for(lib: Library, workshop_id: int, initiative_id: int | None) -> list[BoardElement]:
    """The elements of one board: an initiative's, or the whole workshop's (None)."""
    where, args = _scope_sql(initiative_id)
    rows = lib.query(f"SELECT * FROM board_elements WHERE workshop_id = ? AND {where} ORDER BY position, id",
                     (workshop_id, *args))
    return [_element(r) for r in rows]


def add_element(lib: Library, workshop_id: int, text: str, initiative_id: int | None = None) -> BoardElement:
    with lib.edit() as db:
        pos = db.execute("SELECT ifnull(max(position), -1) + 1 FROM board_elements WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        el = BoardElement(text=text, initiative_id=initiative_id, position=pos)
        cur = db.execute("INSERT INTO board_elements (workshop_id, initiative_id, text, position) VALUES (?, ?, ?, ?)",
                         [workshop_id, el.initiative_id, el.text, el.position])
        lib.touch_workshop(workshop_id)
    return BoardElement(text=el.text, initiative_id=initiative_id, position=pos, id=cur.lastrowid)


def add_elements(lib: Library, workshop_id: int, texts: list[str], initiative_id: int | None = None) -> list[int]:
    """Add several elements in one edit (typed one per line, or picked from a list); returns their ids."""
    elements = [BoardElement(text=t, initiative_id=initiative_id) for t in texts if t.strip()]
    ids = []
    with lib.edit() as db:
        pos = db.execute("SELECT coalesce(max(position) + 1, 0) FROM board_elements WHERE workshop_id = ?",
                         [workshop_id]).fetchone()[0]
        for n, el in enumerate(elements):
            cur = db.execute("INSERT INTO board_elements (workshop_id, initiative_id, text, position) "
                             "VALUES (?, ?, ?, ?)", [workshop_id, initiative_id, el.text, pos + n])
            ids.append(cur.lastrowid)
        lib.touch_workshop(workshop_id)
    return ids


def remove_elements(lib: Library, element_ids: list[int]) -> Snapshot:
    """Remove elements with their cards, in one edit; the snapshot puts them back exactly."""
    snap = Snapshot()
    with lib.edit() as db:
        for eid in element_ids:
            part = snapshot(lib, "board_elements", eid)
            for table, rows in part.rows.items():
                for row in rows.values():
                    snap.add(table, row)
            db.execute("DELETE FROM board_elements WHERE id = ?", [eid])
    return snap


def put_back(lib: Library, snap: Snapshot) -> None:
    """Undo of a remove: the same rows with the same ids."""
    restore(lib, snap)


def get_element(lib: Library, element_id: int) -> BoardElement:
    return _element(lib.query("SELECT * FROM board_elements WHERE id = ?", (element_id,))[0])


def set_agreed_column(lib: Library, element_id: int, column: str | None) -> None:
    """Settle an element into the group's agreed column (None: not agreed yet)."""
    if column is not None:
        BoardElement(text="x", agreed_column=column)  # validates the column
    with lib.edit() as db:
        db.execute("UPDATE board_elements SET agreed_column = ? WHERE id = ?", [column, element_id])
        row = db.execute("SELECT workshop_id FROM board_elements WHERE id = ?", [element_id]).fetchone()
        if row:
            lib.touch_workshop(row[0])


def list_cards(lib: Library, workshop_id: int) -> list[BoardCard]:
    rows = lib.query("SELECT * FROM board_cards WHERE workshop_id = ? ORDER BY column_key, position, id", (workshop_id,))
    return [_card(r) for r in rows]


def cards_for(lib: Library, workshop_id: int, initiative_id: int | None,
              participant_id: int | None = None) -> list[BoardCard]:
    """The cards of one board (optionally of one participant), by column and order."""
    where, args = _scope_sql(initiative_id)
    sql = ("SELECT c.* FROM board_cards c JOIN board_elements e ON e.id = c.element_id "
           f"WHERE c.workshop_id = ? AND e.{where}")
    params: tuple = (workshop_id, *args)
    if participant_id is not None:
        sql += " AND c.participant_id = ?"
        params += (participant_id,)
    return [_card(r) for r in lib.query(sql + " ORDER BY c.column_key, c.position, c.id", params)]


def put_card(lib: Library, workshop_id: int, card: BoardCard) -> BoardCard:
    """Store a participant's card for an element (replacing their earlier one)."""
    with lib.edit() as db:
        db.execute(
            "INSERT INTO board_cards (workshop_id, element_id, participant_id, column_key, position, rationale) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(element_id, participant_id) DO UPDATE SET "
            "column_key = excluded.column_key, position = excluded.position, rationale = excluded.rationale",
            [workshop_id, card.element_id, card.participant_id, card.column, card.position, card.rationale],
        )
        lib.touch_workshop(workshop_id)
    row = lib.query("SELECT id FROM board_cards WHERE element_id = ? AND participant_id = ?",
                    (card.element_id, card.participant_id))[0]
    return BoardCard(element_id=card.element_id, participant_id=card.participant_id, column=card.column,
                     position=card.position, rationale=card.rationale, id=row["id"])


def element_scope(lib: Library, element_id: int) -> int | None:
    return lib.query("SELECT initiative_id FROM board_elements WHERE id = ?", (element_id,))[0]["initiative_id"]


def set_participant_cards(lib: Library, workshop_id: int, initiative_id: int | None, participant_id: int,
                          cards: list[BoardCard]) -> None:
    """Make one participant's cards on one board exactly ``cards``, in one edit.

    Only rows that differ are written. Cards missing from ``cards`` are taken off the board.
    Used for a drop (the new state) and for its undo (the state before), so undo and redo
    restore every card's column and order exactly, including the cards that made room.
    """
    current = {c.element_id: c for c in cards_for(lib, workshop_id, initiative_id, participant_id)}
    wanted = {c.element_id: c for c in cards}
    with lib.edit() as db:
        for eid, old in current.items():
            if eid not in wanted:
                db.execute("DELETE FROM board_cards WHERE id = ?", [old.id])
        for eid, c in wanted.items():
            old = current.get(eid)
            if old is not None:
                if (old.column, old.position, old.rationale) != (c.column, c.position, c.rationale):
                    db.execute("UPDATE board_cards SET column_key = ?, position = ?, rationale = ? WHERE id = ?",
                               [c.column, c.position, c.rationale, old.id])
                continue
            free = c.id is not None and db.execute("SELECT 1 FROM board_cards WHERE id = ?", [c.id]).fetchone() is None
            db.execute("INSERT INTO board_cards (id, workshop_id, element_id, participant_id, column_key, position, "
                       "rationale) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [c.id if free else None, workshop_id, eid, participant_id, c.column, c.position, c.rationale])
        lib.touch_workshop(workshop_id)


def move_card(lib: Library, workshop_id: int, element_id: int, participant_id: int, column: str | None,
              index: int, rationale: str | None = None) -> tuple[list[BoardCard], list[BoardCard]]:
    """Put a participant's card of ``element_id`` at ``index`` of ``column`` (None: off the board).

    Returns ``(before, after)``: that participant's cards on this board before and after, the
    exact states an undo command restores with :func:`set_participant_cards`.
    """
    scope = element_scope(lib, element_id)
    before = cards_for(lib, workshop_id, scope, participant_id)
    after = place_card(before, element_id, participant_id, column, index, rationale)
    set_participant_cards(lib, workshop_id, scope, participant_id, after)
    return before, cards_for(lib, workshop_id, scope, participant_id)


def set_rationale(lib: Library, element_id: int, participant_id: int, rationale: str) -> None:
    """Change the why of one card."""
    card = BoardCard(element_id=element_id, participant_id=participant_id, column="can_flex", rationale=rationale)
    with lib.edit() as db:
        db.execute("UPDATE board_cards SET rationale = ? WHERE element_id = ? AND participant_id = ?",
                   [card.rationale, element_id, participant_id])


def has_element(lib: Library, element_id: int) -> bool:
    """Is the element still there (it may have been removed or undone meanwhile)?"""
    return bool(lib.query("SELECT 1 FROM board_elements WHERE id = ?", (element_id,)))
