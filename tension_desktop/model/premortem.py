"""Pre-mortem: failure modes in four lanes, dot votes, and owned mitigations for the top three."""

from __future__ import annotations

from dataclasses import dataclass

from .validation import optional_text, require_int, require_text

CATEGORIES = ("technical", "organizational", "financial", "customer")
CATEGORY_TITLES = {
    "technical": "Technical",
    "organizational": "Organizational",
    "financial": "Financial",
    "customer": "Customer-facing",
}


@dataclass(frozen=True, slots=True)
class Risk:
    """A failure mode: "it is twelve months later and this failed because ..."."""

    text: str
    category: str = "technical"
    initiative_id: int | None = None
    author_id: int | None = None
    votes: int = 0
    owner_id: int | None = None
    mitigation: str = ""
    position: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", require_text("risk text", self.text, max_length=1000))
        object.__setattr__(self, "category", require_text("risk category", self.category, max_length=60))
        require_int("risk votes", self.votes, minimum=0)
        object.__setattr__(self, "mitigation", optional_text("risk mitigation", self.mitigation, max_length=1000))

    @property
    def is_owned(self) -> bool:
        """A risk with no owner or no mitigation is not done."""
        return self.owner_id is not None and bool(self.mitigation)
