"""The demo team's allocation round (see :mod:`.demo`).

A portfolio that adds up to far less innovation than anyone asked for, a new request that
forces a trade-off, and a CTO whose innovation time was short at the kick-off and is still
short now (the follow-up flags a permanent imbalance).
"""

from __future__ import annotations

from tension_desktop.model.allocation import SCHEME_KEYS, Split

from . import allocation
from .library import Library

# initiative title -> (category, effort in people)
PORTFOLIO = {
    "AI route optimisation pilot": ("innovate", 4),
    "Same-day delivery in 3 cities": ("improve", 9),
    "Billing platform migration": ("operate", 12),
    "Self-service customer portal v2": ("improve", 6),
    "EU data residency programme": ("operate", 10),
    "Usage-based pricing": ("innovate", 3),
    "Warehouse robotics trial": ("innovate", 2),
    "Follow-the-sun support": ("operate", 8),
}
REQUEST = ("Carbon reporting for retail customers", "innovate", 5)

# portfolio (operate, improve, innovate) per participant, in demo.PARTICIPANTS order
PORTFOLIO_SPLITS = [(40, 35, 25), (30, 35, 35), (55, 35, 10), (50, 35, 15), (30, 40, 30), (25, 40, 35)]
# (scheme, scope, now, should) per participant; the CTO splits four ways
TIME_SPLITS = [
    ("exec", "enterprise", (70, 30), (60, 40)),
    ("cto", "", (15, 25, 45, 15), (30, 30, 20, 20)),
    ("exec", "function", (90, 10), (80, 20)),
    ("exec", "function", (85, 15), (80, 20)),
    ("exec", "business unit", (80, 20), (75, 25)),
    ("exec", "business unit", (55, 45), (50, 50)),
]
# the kick-off: operational oversight was already eating the CTO's strategy time
KICKOFF_TIME = {1: ("cto", "", (20, 25, 40, 15), (30, 30, 20, 20)), 2: ("exec", "function", (90, 10), (80, 20))}


def _time(lib: Library, wid: int, pid: int, scheme: str, scope: str, now, should) -> None:
    keys = SCHEME_KEYS[scheme]
    for kind, shares in (("time_now", now), ("time_should", should)):
        allocation.set_split(lib, wid, Split(participant_id=pid, kind=kind, scheme=scheme, scope=scope,
                                             shares=dict(zip(keys, shares, strict=True))))


def add_kickoff(lib: Library, wid: int, pids: list[int]) -> None:
    """The kick-off's time splits (what the follow-up compares with)."""
    for index, (scheme, scope, now, should) in KICKOFF_TIME.items():
        _time(lib, wid, pids[index], scheme, scope, now, should)


def add_main(lib: Library, wid: int, pids: list[int], iids: dict[str, int]) -> None:
    """The main session's portfolio and splits, revealed."""
    for title, (category, effort) in PORTFOLIO.items():
        allocation.set_initiative(lib, wid, iids[title], category, effort)
    allocation.add_request(lib, wid, *REQUEST)
    for pid, shares in zip(pids, PORTFOLIO_SPLITS, strict=True):
        allocation.set_split(lib, wid, Split(participant_id=pid, kind="portfolio", scheme="portfolio",
                                             shares=dict(zip(("operate", "improve", "innovate"), shares, strict=True))))
    for pid, (scheme, scope, now, should) in zip(pids, TIME_SPLITS, strict=True):
        _time(lib, wid, pid, scheme, scope, now, should)
