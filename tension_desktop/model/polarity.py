"""The polarity map: two interdependent poles the team manages rather than solves.

For each pole (``"a"`` on the left, ``"b"`` on the right) the room writes its upsides and
the downsides of over-focusing on it (the 2x2), then action steps that keep its upside and
early warnings (measurable, each with an owner) that say the team is sliding into its
downside. A private round first: each person writes what they are trying to preserve, what
they fear if the other side wins, which pole they speak for, and how much of the team's
attention should go to the left pole. The reveal groups the voices under the poles.

:func:`anti_patterns` reads the team's own answers for the two ways of "balancing" that
fail (DOMAIN.md section 11). Plain Python: no Qt, no SQL.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .rules import LENGTHS
from .validation import ValidationError, optional_text, require_choice, require_text

POLES = ("a", "b")
#: The four quadrants of the 2x2 and the two lists below it, per pole.
KINDS = ("upside", "downside", "action", "warning")
KIND_TITLES = {"upside": "Upsides", "downside": "Downsides of over-focusing", "action": "Action steps",
               "warning": "Early warnings"}
#: What each kind says about one pole ("Upsides of Innovation").
KIND_PROMPTS = {"upside": "What {pole} gives us", "downside": "When we serve only {pole}",
                "action": "Steps that keep the upside of {pole}",
                "warning": "Measurable signs we are sliding into too much {pole} (each with an owner)"}

#: The private round's questions (the playbook's first script).
PRESERVE_QUESTION = "What I am trying to preserve"
FEAR_QUESTION = "What I fear will happen if the other side wins"
SHARE_QUESTION = "How much of our attention should go to {pole}?"
SHARE_STEP = 10


@dataclass(frozen=True, slots=True)
class PolarityItem:
    """One line of the map: an upside, a downside, an action step or an early warning of a pole."""

    pole: str
    kind: str
    text: str
    owner_id: int | None = None
    position: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("pole", self.pole, POLES)
        require_choice("polarity item kind", self.kind, KINDS)
        object.__setattr__(self, "text", require_text("polarity item", self.text,
                                                      max_length=LENGTHS["polarity_items.text"]))

    @property
    def needs_owner(self) -> bool:
        """An early warning without an owner is a number nobody watches."""
        return self.kind == "warning" and self.owner_id is None


@dataclass(frozen=True, slots=True)
class PolarityVoice:
    """One person's private answer: what they preserve, what they fear, the pole they speak
    for (``""`` = not said) and the share of attention for pole ``a`` (None = not said)."""

    participant_id: int
    preserve: str = ""
    fear: str = ""
    pole: str = ""
    share_a: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        require_choice("pole", self.pole, ("", *POLES))
        object.__setattr__(self, "preserve", optional_text("what I preserve", self.preserve,
                                                           max_length=LENGTHS["polarity_voices.preserve"]))
        object.__setattr__(self, "fear", optional_text("what I fear", self.fear,
                                                       max_length=LENGTHS["polarity_voices.fear"]))
        if self.share_a is not None and (isinstance(self.share_a, bool) or not isinstance(self.share_a, int)
                                         or not 0 <= self.share_a <= 100):
            raise ValidationError("attention share", "must be a whole number from 0 to 100")

    def missing(self) -> list[str]:
        """What the person has not answered yet ('preserve', 'fear', 'pole', 'share')."""
        return [k for k, done in (("preserve", self.preserve), ("fear", self.fear), ("pole", self.pole),
                                  ("share", self.share_a is not None)) if not done]


def default_poles(axis_labels: Mapping[str, str]) -> dict[str, str]:
    """The poles named from the tension map's axes: 'Innovation intensity' -> 'Innovation'."""
    def short(label: str) -> str:
        words = label.split()
        return words[0] if len(words) == 2 else label
    return {"a": short(axis_labels.get("x", "Innovation")), "b": short(axis_labels.get("y", "Reliability"))}


def grouped(items: Iterable[PolarityItem]) -> dict[tuple[str, str], list[PolarityItem]]:
    """(pole, kind) -> items in order, every key present."""
    out: dict[tuple[str, str], list[PolarityItem]] = {(p, k): [] for p in POLES for k in KINDS}
    for item in sorted(items, key=lambda i: (i.position, i.id or 0)):
        out[(item.pole, item.kind)].append(item)
    return out


def voices_by_pole(voices: Iterable[PolarityVoice]) -> dict[str, list[PolarityVoice]]:
    """The reveal: each voice under the pole it speaks for ('' = spoke for neither)."""
    out: dict[str, list[PolarityVoice]] = {"a": [], "b": [], "": []}
    for v in voices:
        if v.preserve or v.fear or v.pole:
            out[v.pole].append(v)
    return out


# -- the two ways of "balancing" that fail --------------------------------------------------
#: Words that say a pole is served in separate time, on top of a full day of the other.
_SEPARATE = re.compile(r"\b(by day|at night|nights?|evenings?|weekends?|after hours|after-hours|overtime|"
                       r"on top of|side project|second job|in (?:our|their|my) spare time|"
                       r"full[- ]time job)\b", re.IGNORECASE)
#: Shares treated as an even split (the urgent side always overruns it).
EVEN = range(45, 56)


@dataclass(frozen=True, slots=True)
class AntiPattern:
    """A warning the map shows: which anti-pattern, why it fails, and the answers that show it."""

    key: str
    title: str
    why: str
    evidence: tuple[str, ...]


def anti_patterns(items: Iterable[PolarityItem], voices: Iterable[PolarityVoice],
                  poles: Mapping[str, str]) -> list[AntiPattern]:
    """The anti-patterns the team's own answers show, most serious first.

    * ``separate_jobs``: an action step or a voice serves a pole in separate time ("execution
      by day, innovation at night"): two full-time jobs end in burnout.
    * ``even_split``: most people who gave a share asked for an even split: the urgent pole
      overruns it week after week and the other one starves.
    """
    items, voices = list(items), list(voices)
    out = []
    texts = [i.text for i in items if i.kind in ("action", "upside")] + \
            [t for v in voices for t in (v.preserve, v.fear) if t]
    evidence = tuple(dict.fromkeys(t for t in texts if _SEPARATE.search(t)))
    if evidence:
        out.append(AntiPattern(
            "separate_jobs", "Two full-time jobs",
            "Serving one pole by day and the other at night or at weekends ends in burnout; "
            "build both into the same working week.", evidence))
    shares = [v.share_a for v in voices if v.share_a is not None]
    even = [s for s in shares if s in EVEN]
    if shares and len(even) * 2 > len(shares):
        out.append(AntiPattern(
            "even_split", "An even split",
            f"{len(even)} of {len(shares)} asked for about 50/50 between {poles['a']} and {poles['b']}. "
            "The urgent side overruns an even split every week: protect the other side's share explicitly.",
            tuple(dict.fromkeys(f"{s}/{100 - s}" for s in even))))
    return out


def share_summary(voices: Iterable[PolarityVoice]) -> tuple[int, int, int] | None:
    """(median, lowest, highest) share for pole ``a``; None when nobody gave one."""
    shares = sorted(v.share_a for v in voices if v.share_a is not None)
    if not shares:
        return None
    return int(round(statistics.median(shares))), shares[0], shares[-1]


def threshold_draft(item: PolarityItem, poles: Mapping[str, str]) -> tuple[str, str]:
    """An early warning as a covenant threshold draft: (metric, what it is a draft for)."""
    if item.kind != "warning":
        raise ValidationError("polarity item", "only an early warning becomes a threshold")
    metric = item.text[: LENGTHS["thresholds.metric"]]
    draft_for = f"Polarity map: early warning of too much {poles[item.pole]}"[: LENGTHS["thresholds.draft_for"]]
    return metric, draft_for
