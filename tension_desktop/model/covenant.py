"""The reliability covenant: what is protected, what may degrade, and who escalates when.

Besides the dataclasses, this module holds the covenant's checks as pure functions. A
check never blocks an edit: it returns :class:`CovenantWarning` records whose message is
a sentence the coach can read out to the room.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .decision_rights import ROLES, approver_warnings
from .findings import CovenantWarning
from .rules import LENGTHS
from .validation import optional_text, require_choice, require_text

ITEM_KINDS = ("protected", "degradable")
ITEM_TITLES = {"protected": "Protected at all costs",
               "degradable": "May degrade temporarily during experiments"}


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
        object.__setattr__(self, "text", require_text("covenant item", self.text, max_length=LENGTHS["covenant_items.text"]))
        object.__setattr__(self, "limit", optional_text("covenant item limit", self.limit, max_length=LENGTHS["covenant_items.limit_text"]))


@dataclass(frozen=True, slots=True)
class EscalationThreshold:
    """One metric, one owner, the threshold that triggers action, and the pre-approved lever."""

    metric: str
    threshold: str = ""
    lever: str = ""
    owner_ids: tuple[int, ...] = field(default=())
    position: int = 0
    id: int | None = None
    #: a draft says what it is for ("Warehouse robotics trial"): its metric may still be empty
    draft_for: str = ""
    #: "If this goes red, who may ignore the other numbers?"
    overrides: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "draft_for", optional_text("threshold draft", self.draft_for, max_length=LENGTHS["thresholds.draft_for"]))
        if self.draft_for and not (self.metric or "").strip():
            object.__setattr__(self, "metric", "")
        else:
            object.__setattr__(self, "metric", require_text("threshold metric", self.metric, max_length=LENGTHS["thresholds.metric"]))
        object.__setattr__(self, "threshold", optional_text("threshold", self.threshold, max_length=LENGTHS["thresholds.threshold"]))
        object.__setattr__(self, "lever", optional_text("threshold lever", self.lever, max_length=LENGTHS["thresholds.lever"]))
        object.__setattr__(self, "overrides", optional_text("threshold overrides", self.overrides,
                                                         max_length=LENGTHS["thresholds.overrides"]))
        object.__setattr__(self, "owner_ids", tuple(self.owner_ids))

    @property
    def title(self) -> str:
        """The metric, or for a draft without one: "Define a threshold for …"."""
        return self.metric or f"Define a threshold for {self.draft_for}"


def _name(names: Mapping[int, str], pid: int) -> str:
    return names.get(pid, f"participant {pid}")


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


_DIGIT = re.compile(r"\d")


def has_number(text: str) -> bool:
    """True when ``text`` holds a figure in any script (3 %, ٣٪, 200 ms, ３)."""
    return any(unicodedata.category(ch) == "Nd" for ch in text) or bool(_DIGIT.search(text))


def threshold_warnings(thresholds: Iterable[EscalationThreshold],
                       names: Mapping[int, str] | None = None) -> list[CovenantWarning]:
    """One metric, one owner: flag no owner or several, no lever, no number in the threshold."""
    names = names or {}
    out: list[CovenantWarning] = []
    for t in thresholds:
        metric = f"“{t.metric}”"
        if not t.metric:
            out.append(CovenantWarning("threshold_draft", "thresholds",
                                       f"{t.title}: a draft. Which metric tells us, who owns it, at what number "
                                       "do we act and with which lever?", t.id))
            continue
        if not t.owner_ids:
            out.append(CovenantWarning("threshold_owner", "thresholds",
                                       f"The metric {metric} has no owner. One metric, one owner.", t.id))
        elif len(t.owner_ids) > 1:
            who = _and([_name(names, p) for p in t.owner_ids])
            out.append(CovenantWarning("threshold_owner", "thresholds",
                                       f"The metric {metric} has {len(t.owner_ids)} owners: {who}. "
                                       "One metric, one owner.", t.id))
        if not t.lever:
            nobody = " It is a number nobody can act on." if t.owner_ids else ""
            out.append(CovenantWarning("threshold_lever", "thresholds",
                                       f"The metric {metric} has no pre-approved lever: what may the owner "
                                       f"do without asking?{nobody}", t.id))
        if not t.threshold:
            out.append(CovenantWarning("threshold_number", "thresholds",
                                       f"The metric {metric} has no threshold yet: at what number do we act?",
                                       t.id))
        elif not has_number(t.threshold):
            out.append(CovenantWarning("threshold_number", "thresholds",
                                       f"The threshold of {metric} has no number in it: at what number "
                                       "do we act?", t.id))
    return out


#: more thresholds than this for one owner is a warning sign (nobody can watch ten numbers)
OWNER_LIMIT = 3


def overload_warnings(thresholds: Iterable[EscalationThreshold], names: Mapping[int, str] | None = None,
                      limit: int = OWNER_LIMIT) -> list[CovenantWarning]:
    """An owner of more than ``limit`` thresholds: one per such participant."""
    names = names or {}
    counts: dict[int, int] = {}
    for t in thresholds:
        for pid in t.owner_ids:
            counts[pid] = counts.get(pid, 0) + 1
    return [CovenantWarning("owner_overload", "participants",
                            f"{_name(names, pid)} owns {n} thresholds (more than {limit}): nobody can watch "
                            "that many numbers. Who else could own some?", pid)
            for pid, n in counts.items() if n > limit]


def normal_text(text: str) -> str:
    """Text compared for sameness: case, width, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def overlap_warnings(items: Iterable[CovenantItem]) -> list[CovenantWarning]:
    """A protected item that also appears as degradable (same words, ignoring case and punctuation)."""
    items = list(items)
    degradable = {normal_text(i.text) for i in items if i.kind == "degradable"}
    return [CovenantWarning("protected_and_degradable", "items",
                            f"“{i.text}” is both protected at all costs and allowed to degrade. "
                            "Which one is it?", i.id)
            for i in items if i.kind == "protected" and normal_text(i.text) in degradable]


def owners_of(thresholds: Iterable[EscalationThreshold], decisions: Iterable, commitments: Iterable) -> set[int]:
    """Participants who own something: a threshold, a decision as its approver, a commitment."""
    owned: set[int] = set()
    for t in thresholds:
        owned.update(t.owner_ids)
    for d in decisions:
        owned.update(d.holders("approve"))
    for c in commitments:
        if c.owner_id is not None:
            owned.add(c.owner_id)
    return owned


def idle_participant_warnings(participants: Iterable, thresholds: Iterable[EscalationThreshold],
                              decisions: Iterable, commitments: Iterable) -> list[CovenantWarning]:
    """Participants who own nothing: no threshold, no decision to approve, no commitment."""
    owned = owners_of(thresholds, decisions, commitments)
    return [CovenantWarning("owns_nothing", "participants",
                            f"{p.name} owns nothing yet: no threshold, no decision to approve, no commitment.",
                            p.id)
            for p in participants if p.id not in owned]


#: checks whose finding means the printed covenant would state a rule its rows break
RULE_CHECKS = ("threshold_owner", "threshold_lever", "threshold_number", "threshold_draft", "decision_approver",
               "protected_and_degradable")


def open_points(warnings: Iterable[CovenantWarning]) -> list[CovenantWarning]:
    """The findings that break one of the covenant's own rules (one metric, one owner, a
    threshold with a number, a pre-approved lever; exactly one approver; nothing both
    protected and degradable). A covenant with open points must say so where it is printed."""
    return [w for w in warnings if w.check in RULE_CHECKS]


def covenant_warnings(*, participants: Iterable = (), items: Iterable[CovenantItem] = (),
                      thresholds: Iterable[EscalationThreshold] = (), decisions: Iterable = (),
                      commitments: Iterable = (), owner_limit: int = OWNER_LIMIT) -> list[CovenantWarning]:
    """Every check, in the order of the covenant's sections."""
    participants, thresholds, decisions, commitments = (list(participants), list(thresholds),
                                                        list(decisions), list(commitments))
    names = {p.id: p.name for p in participants}
    return [*overlap_warnings(items), *threshold_warnings(thresholds, names),
            *approver_warnings(decisions, names), *overload_warnings(thresholds, names, owner_limit),
            *idle_participant_warnings(participants, thresholds, decisions, commitments)]


@dataclass(frozen=True, slots=True)
class PersonalPart:
    """What one executive personally holds: for the highlighted box of their handout."""

    participant_id: int
    thresholds: tuple[EscalationThreshold, ...] = ()
    decisions: tuple[tuple[object, tuple[str, ...]], ...] = ()  # (DecisionRight, roles held)
    commitments: tuple[object, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.thresholds or self.decisions or self.commitments)


def personal_part(participant_id: int, thresholds: Iterable[EscalationThreshold], decisions: Iterable,
                  commitments: Iterable) -> PersonalPart:
    """The thresholds they own, the decisions they hold a role in (with the roles), their commitments."""
    mine_t = tuple(t for t in thresholds if participant_id in t.owner_ids)
    mine_d = []
    for d in decisions:
        roles = tuple(r for r in ROLES if participant_id in d.holders(r))
        if roles:
            mine_d.append((d, roles))
    mine_c = tuple(c for c in commitments if c.owner_id == participant_id)
    return PersonalPart(participant_id, mine_t, tuple(mine_d), mine_c)
