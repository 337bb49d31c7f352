"""Three-column board: elements and each participant's cards."""

from __future__ import annotations

from tension_desktop.model import BoardCard, BoardElement

from .library import Library


def list_elements(lib: Library, workshop_id: int) -> list[BoardElement]:
    rows = lib.query("SELECT * FROM board_elements WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
    return [BoardElement(text=r["text"], initiative_id=r["initiative_id"], position=r["position"],
                         agreed_column=r["agreed_column"], id=r["id"]) for r in rows]


def add_element(lib: Library, workshop_id: int, text: str, initiative_id: int | None = None) -> BoardElement:
    with lib.edit() as db:
        pos = db.execute("SELECT count(*) FROM board_elements WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        el = BoardElement(text=text, initiative_id=initiative_id, position=pos)
        cur = db.execute("INSERT INTO board_elements (workshop_id, initiative_id, text, position) VALUES (?, ?, ?, ?)",
                         [workshop_id, el.initiative_id, el.text, el.position])
        lib.touch_workshop(workshop_id)
    return BoardElement(text=el.text, initiative_id=initiative_id, position=pos, id=cur.lastrowid)


def set_agreed_column(lib: Library, element_id: int, column: str | None) -> None:
    with lib.edit() as db:
        db.execute("UPDATE board_elements SET agreed_column = ? WHERE id = ?", [column, element_id])


def list_cards(lib: Library, workshop_id: int) -> list[BoardCard]:
    rows = lib.query("SELECT * FROM board_cards WHERE workshop_id = ? ORDER BY column_key, position, id", (workshop_id,))
    return [BoardCard(element_id=r["element_id"], participant_id=r["participant_id"], column=r["column_key"],
                      position=r["position"], rationale=r["rationale"], id=r["id"]) for r in rows]


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
