"""The covenant over time: what a follow-up session reviews and the figures it yields.

A covenant the team never reviews is theatre. When a session is continued, every threshold,
decision right and open pre-mortem mitigation travels with it, and the follow-up walks
through each one: a threshold held, was breached, had its lever pulled, or was changed; a
decision right was decided (by whom: the named approver or someone else) or not yet; a
mitigation is done or still open. Near misses (a number that almost went red, a decision
that almost went around its approver) are logged as they are told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .validation import ValidationError, optional_text

#: what each kind of review row can be marked as ('' is not reviewed yet)
OUTCOMES: dict[str, tuple[str, ...]] = {
    "threshold": ("held", "breached", "lever_pulled", "changed"),
    "decision": ("decided", "not_decided"),
    "mitigation": ("done", "open"),
}
OUTCOME_TITLES = {"held": "Held", "breached": "Breached", "lever_pulled": "Lever pulled", "changed": "Changed",
                  "decided": "Decided", "not_decided": "Not decided yet", "done": "Done", "open": "Open"}
KIND_TITLES = {"threshold": "Threshold", "decision": "Decision right", "mitigation": "Mitigation"}


def check_outcome(kind: str, outcome: str) -> str:
    """``outcome`` when it is one of ``kind``'s outcomes (or '' for not reviewed yet)."""
    if kind not in OUTCOMES:
        raise ValidationError("review kind", f"must be one of {', '.join(OUTCOMES)}; got {kind!r}")
    if outcome and outcome not in OUTCOMES[kind]:
        raise ValidationError("review outcome", f"must be one of {', '.join(OUTCOMES[kind])}; got {outcome!r}")
    return outcome


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One carried-over threshold, decision right or mitigation and how the follow-up judged it.

    ``subject`` is its text (metric, decision, risk + mitigation); ``named`` the owner or
    approver the covenant named (None: nobody, or several); ``decided_by`` who actually
    decided (decisions only).
    """

    kind: str
    subject: str
    outcome: str = ""
    note: str = ""
    named: int | None = None
    decided_by: int | None = None
    subject_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        check_outcome(self.kind, self.outcome)
        object.__setattr__(self, "note", optional_text("review note", self.note, max_length=2000))

    @property
    def by_named_approver(self) -> bool | None:
        """For a decided decision right: did the named approver decide? None when unknown."""
        if self.kind != "decision" or self.outcome != "decided" or self.decided_by is None:
            return None
        return self.decided_by == self.named


@dataclass(frozen=True, slots=True)
class ReviewFigures:
    """What the team chart shows of one follow-up's covenant review."""

    thresholds_reviewed: int = 0
    thresholds_breached: int = 0
    levers_pulled: int = 0
    decisions_decided: int = 0
    decisions_by_named_approver: int = 0
    mitigations_done: int = 0
    mitigations_reviewed: int = 0
    near_misses: int = 0

    @property
    def named_approver_share(self) -> float | None:
        """Decisions taken by the named approver, as a share of the decided ones (None: none decided)."""
        return self.decisions_by_named_approver / self.decisions_decided if self.decisions_decided else None


def review_figures(entries: Iterable[ReviewEntry], near_misses: int = 0) -> ReviewFigures:
    """Count a follow-up's review. A breached threshold whose lever was pulled as agreed is
    marked 'lever pulled' (it breached too); 'breached' alone means nobody acted."""
    entries = list(entries)
    th = [e for e in entries if e.kind == "threshold" and e.outcome]
    decided = [e for e in entries if e.kind == "decision" and e.outcome == "decided" and e.decided_by is not None]
    mit = [e for e in entries if e.kind == "mitigation" and e.outcome]
    return ReviewFigures(
        thresholds_reviewed=len(th),
        thresholds_breached=sum(1 for e in th if e.outcome in ("breached", "lever_pulled")),
        levers_pulled=sum(1 for e in th if e.outcome == "lever_pulled"),
        decisions_decided=len(decided),
        decisions_by_named_approver=sum(1 for e in decided if e.by_named_approver),
        mitigations_done=sum(1 for e in mit if e.outcome == "done"),
        mitigations_reviewed=len(mit),
        near_misses=near_misses,
    )
