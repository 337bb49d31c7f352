"""The demo team's polarity map (see :mod:`.demo`).

Meridian Freight's map shows both anti-patterns the material names: one action step is
"innovation hours after the evening dispatch", and most of the team asks for 50/50.
"""

from __future__ import annotations

from tension_desktop.model.polarity import PolarityItem, PolarityVoice

from . import polarity
from .library import Library

POLES = {"a": "Innovation", "b": "Execution"}

# (pole, kind, text, owner index or None), participants as in demo.PARTICIPANTS
ITEMS = [
    ("a", "upside", "New revenue lines before competitors copy us", None),
    ("a", "upside", "Engineers who stay because the work is interesting", None),
    ("a", "upside", "Customers see us as the freight company that moves first", None),
    ("a", "downside", "Pilots nobody supports after launch", None),
    ("a", "downside", "Ops drowning in exceptions from half-finished tools", None),
    ("b", "upside", "99.5 % on-time delivery our anchor customers pay for", None),
    ("b", "upside", "Margins that fund everything else", None),
    ("b", "upside", "Audits passed without a fire drill", None),
    ("b", "downside", "A 2009 billing system nobody dares to touch", None),
    ("b", "downside", "Best engineers leave for start-ups", None),
    ("a", "action", "Two-week experiment slots with a named ops partner", 5),
    ("a", "action", "Innovation hours after the evening dispatch", 1),
    ("b", "action", "Every pilot ships with a runbook and a rollback", 2),
    ("a", "warning", "Pilot incidents above 2 per week for a month", 2),
    ("a", "warning", "Support tickets from pilot depots up 20 % quarter on quarter", None),
    ("b", "warning", "No new experiment started in 8 weeks", 5),
    ("b", "warning", "Innovation share of engineering time below 15 %", 1),
]

# (preserve, fear, pole, share of attention for innovation), per participant
VOICES = [
    ("Our reputation as the carrier that keeps its word.", "We become a museum while start-ups take the "
     "mid-market.", "b", 50),
    ("Engineers who want to build, not only patch.", "Every idea dies in a risk review that never ends.", "a", 40),
    ("Dispatch that works at 5 a.m. whatever the software does.", "We launch faster than we can support, and the "
     "depots pay for it.", "b", 20),
    ("A cost base that survives a bad quarter.", "We fund pilots forever without killing any.", "b", 50),
    ("Something new to tell customers every quarter.", "We lose the retail anchors to a faster competitor.", "a", 50),
    ("Room to run real experiments with real drivers.", "Execution by day, innovation at night: we burn out the "
     "people who care most.", "a", 50),
]


def add_main(lib: Library, wid: int, pids: list[int]) -> None:
    """The main session's polarity map, its voices revealed."""
    polarity.set_poles(lib, wid, POLES)
    for pole, kind, text, owner in ITEMS:
        polarity.add_item(lib, wid, PolarityItem(pole=pole, kind=kind, text=text,
                                                 owner_id=pids[owner] if owner is not None else None))
    for pid, (preserve, fear, pole, share) in zip(pids, VOICES, strict=True):
        polarity.set_voice(lib, wid, PolarityVoice(participant_id=pid, preserve=preserve, fear=fear, pole=pole,
                                                   share_a=share))
