"""What an edit changed, as a typed notice (in the spirit of Anki's ``OpChanges``).

:class:`~.library.Library` records, while an edit runs, which tables each write statement
touched (read from the SQL it runs, through sqlite-utils' tracer) and which settings keys
(``workshop_settings`` rows, where the statement names the key). A delete also touches
every table whose rows point at the deleted ones (``ON DELETE CASCADE``/``SET NULL``), so a
view hears about the placements that went with a participant. The GUI's document hands
the notice to every view, which asks it a precise question: ``changes.touches("placements")``.

Rows where it is cheap: an edit may declare the rows it is about (the one placement that
moved), for a view that can redraw just that row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .schema import WORKSHOP_TABLES

SETTINGS = "workshop_settings"

#: table -> tables whose rows refer to it (one step)
_REFERRERS: dict[str, set[str]] = {}
for _table, _fks in WORKSHOP_TABLES.items():
    for _ref in _fks.values():
        _REFERRERS.setdefault(_ref, set()).add(_table)
_REFERRERS["workshops"] = {*WORKSHOP_TABLES, "workshops"}  # continued_from, and every workshop table
_REFERRERS["teams"] = {"workshops", *WORKSHOP_TABLES}


def _closure(table: str) -> frozenset[str]:
    """``table`` and every table a delete in it may change through foreign keys."""
    seen = {table}
    todo = [table]
    while todo:
        for ref in _REFERRERS.get(todo.pop(), ()):
            if ref not in seen:
                seen.add(ref)
                todo.append(ref)
    return frozenset(seen)


_WRITE = re.compile(
    r"^\s*(?:(?P<insert>INSERT)(?:\s+OR\s+(?P<conflict>\w+))?\s+INTO|(?P<replace>REPLACE)\s+INTO|"
    r"(?P<update>UPDATE)(?:\s+OR\s+\w+)?|(?P<delete>DELETE)\s+FROM)\s+[\"`\[]?(?P<table>\w+)",
    re.IGNORECASE)
#: the two statements that name one setting's key as their second parameter (store.workshops)
_SETTING_BY_KEY = re.compile(r"^\s*(INSERT\s+INTO\s+workshop_settings\s*\(\s*workshop_id\s*,\s*key\s*,|"
                             r"DELETE\s+FROM\s+workshop_settings\s+WHERE\s+workshop_id\s*=\s*\?\s+AND\s+key\s*=\s*\?)",
                             re.IGNORECASE)
_cache: dict[str, tuple[frozenset[str], bool]] = {}


def written_tables(sql: str) -> tuple[frozenset[str], bool]:
    """The tables a statement may change, and whether its second parameter is a settings key."""
    found = _cache.get(sql)
    if found is None:
        m = _WRITE.match(sql)
        if m is None:
            found = (frozenset(), False)
        else:
            table = m["table"]
            deletes = m["delete"] or m["replace"] or (m["conflict"] or "").upper() == "REPLACE"
            found = (_closure(table) if deletes else frozenset({table}), bool(_SETTING_BY_KEY.match(sql)))
        if len(_cache) < 4096:
            _cache[sql] = found
    return found


@dataclass(frozen=True)
class Changes:
    """A typed notice of what one edit changed. Empty when nothing was written."""

    tables: frozenset[str] = frozenset()
    #: settings keys written; None when a statement wrote settings without naming its key
    settings: frozenset[str] | None = frozenset()
    #: rows the edit declared it is about: table -> row keys (ids, or a placement's key)
    rows: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, *tables: str) -> bool:
        """Did the edit change any of these tables?"""
        return any(t in self.tables for t in tables)

    def touches_setting(self, *keys: str) -> bool:
        """Did the edit change any of these workshop settings?"""
        if SETTINGS not in self.tables:
            return False
        return self.settings is None or any(k in self.settings for k in keys)

    def row(self, table: str) -> Any | None:
        """The one row of ``table`` the edit declared it changed, if it declared exactly one."""
        keys = self.rows.get(table, ())
        return keys[0] if len(keys) == 1 else None

    def __or__(self, other: Changes) -> Changes:
        settings = None if self.settings is None or other.settings is None else self.settings | other.settings
        rows = {t: tuple(dict.fromkeys((*self.rows.get(t, ()), *other.rows.get(t, ()))))
                for t in {*self.rows, *other.rows}}
        return Changes(self.tables | other.tables, settings, MappingProxyType(rows))

    @classmethod
    def of(cls, *tables: str, settings: Iterable[str] = (), rows: Mapping[str, Iterable[Any]] | None = None) -> Changes:
        """A notice made by hand (a view state that is not a table, or declared rows)."""
        keys = frozenset(settings)
        all_tables = frozenset(tables) | ({SETTINGS} if keys else frozenset())
        return cls(all_tables, keys, MappingProxyType({t: tuple(r) for t, r in (rows or {}).items()}))


class ChangeRecorder:
    """Collects what write statements touch (sqlite-utils calls it for every statement)."""

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.settings: set[str] | None = set()
        self.ignore: set[str] = set()

    def __call__(self, sql: str, params: Any) -> None:
        if sql in self.ignore:
            return
        tables, by_key = written_tables(sql)
        if not tables:
            return
        self.tables |= tables
        if SETTINGS in tables and self.settings is not None:
            if by_key and isinstance(params, (list, tuple)) and len(params) > 1 and isinstance(params[1], str):
                self.settings.add(params[1])
            else:
                self.settings = None

    def take(self) -> Changes:
        """What was recorded since the last take, as a notice; starts afresh."""
        settings = None if self.settings is None else frozenset(self.settings)
        found = Changes(frozenset(self.tables), settings)
        self.tables, self.settings = set(), set()
        return found

    def clear(self) -> None:
        self.tables, self.settings = set(), set()
