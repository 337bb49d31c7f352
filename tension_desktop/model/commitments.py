"""Closing commitments: one experiment, one reliability safeguard, one communication step."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import LENGTHS
from .validation import optional_date, optional_text, require_choice

KINDS = ("experiment", "safeguard", "communication")
KIND_TITLES = {"experiment": "Experiment", "safeguard": "Reliability safeguard", "communication": "Communication step"}
STATUSES = ("open", "done", "slipped", "dropped")


@dataclass(frozen=True, slots=True)
class Commitment:
    """A commitment with an owner and a due date, reviewed at the next session."""

    kind: str
    text: str = ""
    owner_id: int | None = None
    due_date: str = ""
    status: str = "open"
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("commitment kind", self.kind, KINDS)
        require_choice("commitment status", self.status, STATUSES)
        object.__setattr__(self, "text", optional_text("commitment text", self.text, max_length=LENGTHS["commitments.text"]))
        object.__setattr__(self, "due_date", optional_date("commitment due date", self.due_date))

    def missing(self) -> list[str]:
        """What is still missing for this commitment to count ('what', 'owner', 'date')."""
        gaps = []
        if not self.text:
            gaps.append("what")
        if self.owner_id is None:
            gaps.append("owner")
        if not self.due_date:
            gaps.append("date")
        return gaps


#: The outcomes a follow-up session gives each earlier commitment.
REVIEW_STATUSES = ("done", "slipped", "dropped")
FINAL_QUESTION = "What will be different in our next meeting if we are truly aligned?"


def closing_gaps(commitments: list[Commitment]) -> dict[str, list[str]]:
    """Per kind of the three, what it still lacks ('commitment', 'what', 'owner', 'date').

    Empty when the close can be marked done. A kind with no commitment at all lacks
    'commitment'. Only the first commitment of each kind counts.
    """
    by_kind: dict[str, Commitment] = {}
    for c in commitments:
        by_kind.setdefault(c.kind, c)
    gaps: dict[str, list[str]] = {}
    for kind in KINDS:
        c = by_kind.get(kind)
        missing = ["commitment"] if c is None else c.missing()
        if missing:
            gaps[kind] = missing
    return gaps


def closing_message(gaps: dict[str, list[str]]) -> str:
    """A sentence the coach can read: which commitment lacks what."""
    if not gaps:
        return "All three commitments have an owner and a date."
    words = {"commitment": "is not written yet", "what": "says what", "owner": "an owner", "date": "a date"}
    lines = []
    for kind, missing in gaps.items():
        if missing == ["commitment"]:
            lines.append(f"{KIND_TITLES[kind]}: not written yet.")
        else:
            lines.append(f"{KIND_TITLES[kind]} needs " + " and ".join(words[m] for m in missing) + ".")
    return "The close is not done yet. " + " ".join(lines)


def review_counts(commitments: list[Commitment]) -> dict[str, int]:
    """How many earlier commitments are done, slipped, dropped or still open."""
    counts = dict.fromkeys(STATUSES, 0)
    for c in commitments:
        counts[c.status] += 1
    return counts


def kept_share(commitments: list[Commitment]) -> float | None:
    """Share of reviewed commitments that were done (None when none was reviewed)."""
    reviewed = [c for c in commitments if c.status != "open"]
    if not reviewed:
        return None
    return sum(1 for c in reviewed if c.status == "done") / len(reviewed)
