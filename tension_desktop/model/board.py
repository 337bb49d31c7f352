"""Three-column board: elements sorted by each executive into Must protect / Can flex / Need evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .rules import LENGTHS
from .validation import ValidationError, optional_text, require_choice, require_int, require_text

COLUMNS = ("must_protect", "can_flex", "need_evidence")
COLUMN_TITLES = {"must_protect": "Must protect", "can_flex": "Can flex", "need_evidence": "Need evidence"}


@dataclass(frozen=True, slots=True)
class BoardElement:
    """Something to sort, e.g. "EU data residency"; belongs to an initiative or the whole workshop."""

    text: str
    initiative_id: int | None = None
    position: int = 0
    agreed_column: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", require_text("element text", self.text, max_length=LENGTHS["board_elements.text"]))
        if self.agreed_column is not None:
            require_choice("element agreed column", self.agreed_column, COLUMNS)


@dataclass(frozen=True, slots=True)
class BoardCard:
    """One participant's sorting of one element, with their short rationale (the why)."""

    element_id: int
    participant_id: int
    column: str
    position: int = 0
    rationale: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("card column", self.column, COLUMNS)
        require_int("card position", self.position, minimum=0)
        object.__setattr__(self, "rationale", optional_text("card rationale", self.rationale, max_length=LENGTHS["board_cards.rationale"]))
        if self.participant_id is None:
            raise ValidationError("card participant", "a card belongs to one participant")


# -- what the agreed board hands to the covenant and the stage gates -----------------------
# (shared contract: the covenant editor and the gate view call these)

def protected_candidates(elements: list[BoardElement]) -> list[BoardElement]:
    """Elements the group agreed to 'Must protect': candidates for "protected at all costs"."""
    return [e for e in elements if e.agreed_column == "must_protect"]


def degradable_candidates(elements: list[BoardElement]) -> list[BoardElement]:
    """Elements agreed as 'Can flex': candidates for "may degrade temporarily"."""
    return [e for e in elements if e.agreed_column == "can_flex"]


def evidence_questions(elements: list[BoardElement], initiative_id: int | None = None) -> list[BoardElement]:
    """Elements agreed as 'Need evidence' (optionally of one initiative): open gate questions."""
    return [e for e in elements if e.agreed_column == "need_evidence"
            and (initiative_id is None or e.initiative_id == initiative_id)]


# -- alignment: how the executives split each element ----------------------------------------

def split_counts(cards: list[BoardCard], columns: tuple[str, ...] = COLUMNS) -> dict[str, int]:
    """How many cards of one element sit in each column (every column present, in ``columns`` order)."""
    counts = dict.fromkeys(columns, 0)
    for c in cards:
        counts[c.column] += 1
    return counts


def dispute_score(counts: dict[str, int]) -> float:
    """One minus the share of the most common column: 0 = everyone agrees, toward 1 = split.

    An element nobody sorted yet scores 0 (nothing to dispute).
    """
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return 1.0 - max(counts.values()) / total


def is_hidden_conflict(counts: dict[str, int]) -> bool:
    """The early warning: someone must protect what someone else would flex."""
    return counts.get("must_protect", 0) > 0 and counts.get("can_flex", 0) > 0


def split_label(counts: dict[str, int]) -> str:
    """ "Must protect 4 · Can flex 1 · Need evidence 1" (every column, in board order)."""
    return " · ".join(f"{COLUMN_TITLES[c]} {counts.get(c, 0)}" for c in COLUMNS)


def majority_column(counts: dict[str, int], columns: tuple[str, ...] = COLUMNS) -> str | None:
    """The single most common column, or None if nobody sorted it or the top is tied."""
    top = max(counts.values()) if counts else 0
    if top == 0:
        return None
    leaders = [c for c in columns if counts.get(c, 0) == top]
    return leaders[0] if len(leaders) == 1 else None


@dataclass(frozen=True, slots=True)
class ElementSplit:
    """One element of the alignment view: its split, its cards, and how disputed it is."""

    element: BoardElement
    counts: dict[str, int]
    cards: tuple[BoardCard, ...]
    dispute: float
    hidden_conflict: bool

    @property
    def label(self) -> str:
        return split_label(self.counts)

    @property
    def sorted_by(self) -> int:
        return sum(self.counts.values())

    def cards_in(self, column: str) -> list[BoardCard]:
        return [c for c in self.cards if c.column == column]


def alignment(elements: list[BoardElement], cards: list[BoardCard], *, columns: tuple[str, ...] = COLUMNS,
              conflict: Callable[[dict[str, int]], bool] = is_hidden_conflict) -> list[ElementSplit]:
    """The alignment view, disputes first.

    Order: hidden conflicts (must protect and can flex at once) first, then by dispute score
    (highest first), then in the order the elements were written down. Other sorting
    exercises (the constraint diagnosis) pass their own ``columns`` and ``conflict``: any
    element with an ``id`` and cards with ``element_id`` and ``column`` will do.
    """
    by_element: dict[int | None, list[BoardCard]] = {}
    for c in cards:
        by_element.setdefault(c.element_id, []).append(c)
    splits = []
    for e in elements:
        mine = tuple(by_element.get(e.id, ()))
        counts = split_counts(list(mine), columns)
        splits.append(ElementSplit(e, counts, mine, dispute_score(counts), conflict(counts)))
    order = {id(s): n for n, s in enumerate(splits)}
    return sorted(splits, key=lambda s: (not s.hidden_conflict, -round(s.dispute, 9), order[id(s)]))


# -- moving cards: column + order, never pixels ------------------------------------------------

def place_card(cards: list[BoardCard], element_id: int, participant_id: int, column: str | None,
               index: int, rationale: str | None = None) -> list[BoardCard]:
    """One participant's cards after putting ``element_id`` at ``index`` of ``column``.

    ``cards`` are that participant's cards (of one board). ``column=None`` takes the card back
    off the board (to "to sort"). Positions in every column are renumbered 0..n-1, so the
    result is the exact state to store; the old list is the exact state to restore on undo.
    ``rationale=None`` keeps the card's rationale.
    """
    mine = [c for c in cards if c.participant_id == participant_id]
    moving = next((c for c in mine if c.element_id == element_id), None)
    rest = [c for c in mine if c.element_id != element_id]
    columns: dict[str, list[BoardCard]] = {col: sorted((c for c in rest if c.column == col),
                                                       key=lambda c: (c.position, c.element_id))
                                           for col in COLUMNS}
    if column is not None:
        why = rationale if rationale is not None else (moving.rationale if moving else "")
        new = BoardCard(element_id=element_id, participant_id=participant_id, column=column, position=0,
                        rationale=why, id=moving.id if moving else None)
        target = columns[column]
        target.insert(max(0, min(index, len(target))), new)
    result = []
    for col in COLUMNS:
        for n, c in enumerate(columns[col]):
            result.append(BoardCard(element_id=c.element_id, participant_id=participant_id, column=col,
                                    position=n, rationale=c.rationale, id=c.id))
    return result
