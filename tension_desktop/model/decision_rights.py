"""Decision rights: who recommends, approves (exactly one), implements, is informed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .findings import CovenantWarning
from .rules import LENGTHS
from .validation import ValidationError, optional_date, optional_text, require_text

#: the hygiene fields of a decision right, in the order a memo prints them
HYGIENE_FIELDS = ("required_inputs", "decide_by", "escalation", "tiebreaker_id")

ROLES = ("recommend", "approve", "implement", "informed")
ROLE_TITLES = {"recommend": "Recommends", "approve": "Approves", "implement": "Implements", "informed": "Informed"}


@dataclass(frozen=True, slots=True)
class DecisionRight:
    """A major decision and the participants in each role (participant ids per role)."""

    decision: str
    roles: dict[str, tuple[int, ...]] = field(default_factory=dict)
    position: int = 0
    id: int | None = None
    #: decision hygiene: what must be on the table, by when, what escalates it, and the one
    #: person who breaks a tie (disagree and commit)
    required_inputs: str = ""
    decide_by: str = ""
    escalation: str = ""
    tiebreaker_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "decision", require_text("decision", self.decision, max_length=LENGTHS["decisions.decision"]))
        object.__setattr__(self, "required_inputs", optional_text("required inputs", self.required_inputs,
                                                                  max_length=LENGTHS["decisions.required_inputs"]))
        object.__setattr__(self, "decide_by", optional_date("decide-by date", self.decide_by))
        object.__setattr__(self, "escalation", optional_text("escalation trigger", self.escalation,
                                                             max_length=LENGTHS["decisions.escalation"]))
        for role in self.roles:
            if role not in ROLES:
                raise ValidationError("decision role", f"must be one of {', '.join(ROLES)}; got {role!r}")

    def holders(self, role: str) -> tuple[int, ...]:
        return tuple(self.roles.get(role, ()))


def approver_warnings(decisions: Iterable[DecisionRight], names: Mapping[int, str] | None = None) -> list[CovenantWarning]:
    """Exactly one approver (the DRI): flag a decision with none, or with more than one.

    Shared approval is the failure mode the chart exists to expose, so two approvers are
    named in the message.
    """
    names = names or {}
    out = []
    for d in decisions:
        approvers = d.holders("approve")
        if not approvers:
            out.append(CovenantWarning("decision_approver", "decisions",
                                       f"Nobody approves “{d.decision}”. Who is the one person who decides?",
                                       d.id))
        elif len(approvers) > 1:
            who = [names.get(p, f"participant {p}") for p in approvers]
            joined = ", ".join(who[:-1]) + " and " + who[-1]
            out.append(CovenantWarning("decision_approver", "decisions",
                                       f"“{d.decision}” has {len(approvers)} approvers: {joined}. "
                                       "Shared approval means nobody decides: choose one.", d.id))
    return out
