"""Decision rights: who recommends, approves (exactly one), implements, is informed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .validation import ValidationError, require_text

ROLES = ("recommend", "approve", "implement", "informed")
ROLE_TITLES = {"recommend": "Recommends", "approve": "Approves", "implement": "Implements", "informed": "Informed"}


@dataclass(frozen=True, slots=True)
class DecisionRight:
    """A major decision and the participants in each role (participant ids per role)."""

    decision: str
    roles: dict[str, tuple[int, ...]] = field(default_factory=dict)
    position: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "decision", require_text("decision", self.decision, max_length=300))
        for role in self.roles:
            if role not in ROLES:
                raise ValidationError("decision role", f"must be one of {', '.join(ROLES)}; got {role!r}")

    def holders(self, role: str) -> tuple[int, ...]:
        return tuple(self.roles.get(role, ()))
