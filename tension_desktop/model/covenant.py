"""The reliability covenant: what is protected, what may degrade, and who escalates when."""

from __future__ import annotations

from dataclasses import dataclass, field

from .validation import optional_text, require_choice, require_text

ITEM_KINDS = ("protected", "degradable")


@dataclass(frozen=True, slots=True)
class CovenantItem:
    """A protected item, or a degradable one with its limit ("+200 ms for 2 weeks, pilot only")."""

    kind: str
    text: str
    limit: str = ""
    position: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("covenant item kind", self.kind, ITEM_KINDS)
        object.__setattr__(self, "text", require_text("covenant item", self.text, max_length=500))
        object.__setattr__(self, "limit", optional_text("covenant item limit", self.limit, max_length=500))


@dataclass(frozen=True, slots=True)
class EscalationThreshold:
    """One metric, one owner, the threshold that triggers action, and the pre-approved lever."""

    metric: str
    threshold: str = ""
    lever: str = ""
    owner_ids: tuple[int, ...] = field(default=())
    position: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "metric", require_text("threshold metric", self.metric, max_length=200))
        object.__setattr__(self, "threshold", optional_text("threshold", self.threshold, max_length=300))
        object.__setattr__(self, "lever", optional_text("threshold lever", self.lever, max_length=500))
        object.__setattr__(self, "owner_ids", tuple(self.owner_ids))
