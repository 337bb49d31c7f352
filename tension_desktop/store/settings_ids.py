"""What happens to each workshop setting when a workshop is copied.

Workshop settings are JSON values, and several of them hold row ids: the board's scope
(an initiative), the pre-mortem's chosen initiative and which initiatives' votes are
revealed. Duplicating, importing (``.tension`` or ``.json``) or continuing a workshop
gives its rows new ids, so these values are rewritten through the same id map as the
rows. This registry is the one place that knows, per setting key (or key prefix ending
in ``:``):

* ``ids``: which JSON paths hold which table's ids. A path is ``""`` (the value
  itself), a dict key, ``"[]"`` (each element of a list), or such parts joined by ``.``.
  An id may be stored as a number or as its text (``"12"``); ``None``/``"None"`` means
  "the whole workshop" and is kept.
* ``copy=False``: transient session state, dropped on every copy (a private round in
  progress does not travel; its private items stay hidden until revealed in the copy).
* ``carry_forward``: kept when a workshop is continued (the team's own labels and
  preferences); every other setting starts fresh in a follow-up.

An id that is not among the copied rows (a row deleted since, or a hand-made file) is
never kept dangling: an element of a list is left out, any other reference drops the
whole setting, which then falls back to its default. A setting with no rule here is
dropped on copy, since nothing says whether it holds ids: register every new key.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from .library import Library


class SettingRule(NamedTuple):
    """How one setting key (or key prefix ending in ``:``) is copied."""

    key: str
    ids: tuple[tuple[str, str], ...] = ()
    copy: bool = True
    carry_forward: bool = False

    def matches(self, key: str) -> bool:
        return key.startswith(self.key) if self.key.endswith(":") else key == self.key


#: Every workshop setting the app writes. tests/unit/test_settings_on_copy.py checks that
#: each ``*_KEY`` constant and literal key in the store is listed here.
SETTING_RULES: tuple[SettingRule, ...] = (
    # private round in progress (TurnRound: order = participant ids), one per exercise
    SettingRule("turns:", ids=(("order.[]", "participants"),), copy=False),
    # tension map labels: keyed by quadrant and axis, no ids
    SettingRule("tension_map:governance", carry_forward=True),
    SettingRule("tension_map:quadrant_labels", carry_forward=True),
    SettingRule("tension_map:axis_labels", carry_forward=True),
    # board: what is being sorted ({"initiative_id": id or None}) and the rationale rule
    SettingRule("board:scope", ids=(("initiative_id", "initiatives"),)),
    SettingRule("board:rationale_required", carry_forward=True),
    # pre-mortem: lanes and dots are the coach's preferences; the chosen initiative and
    # the initiatives whose votes are revealed (ids as text, "None" = whole workshop)
    SettingRule("premortem:lanes", carry_forward=True),
    SettingRule("premortem:dots", carry_forward=True),
    SettingRule("premortem:anonymous", carry_forward=True),
    SettingRule("premortem:initiative", ids=(("", "initiatives"),)),
    SettingRule("premortem:revealed", ids=(("[]", "initiatives"),)),
    # the session's close and the notes written while reviewing commitments (by kind)
    SettingRule("final_question_answer"),
    SettingRule("close_done"),
    SettingRule("commitment_review_notes"),
    # the team's own limits and definitions: they travel with the team to its next session
    SettingRule("covenant:owner_limit", carry_forward=True),
    SettingRule("stage_gate:criteria", carry_forward=True),
    # polarity map: the two poles' names; allocation: category names and the agreed target
    SettingRule("polarity:poles", carry_forward=True),
    SettingRule("allocation:categories", carry_forward=True),
    SettingRule("allocation:target", carry_forward=True),
)

_DROP = object()


def rule_for(key: str) -> SettingRule | None:
    """The rule of a setting key, exact keys before prefixes; None if unregistered."""
    exact = next((r for r in SETTING_RULES if r.key == key), None)
    return exact or next((r for r in SETTING_RULES if r.key.endswith(":") and r.matches(key)), None)


def _new_id(old: Any, mapping: dict[int, int]) -> Any:
    """The copied row's id for ``old`` in the same form (number or text), or _DROP."""
    if old is None or old == "None":
        return old
    as_text = isinstance(old, str)
    if as_text:
        if not old.isdigit():
            return _DROP
        old = int(old)
    elif isinstance(old, bool) or not isinstance(old, int):
        return _DROP
    new = mapping.get(old)
    if new is None:
        return _DROP
    return str(new) if as_text else new


def _remap_path(value: Any, parts: list[str], mapping: dict[int, int]) -> Any:
    if not parts:
        return _new_id(value, mapping)
    head, rest = parts[0], parts[1:]
    if head == "[]":
        if not isinstance(value, list):
            return _DROP
        kept = [_remap_path(v, rest, mapping) for v in value]
        return [v for v in kept if v is not _DROP]
    if not isinstance(value, dict):
        return _DROP
    if head not in value:
        return value
    inner = _remap_path(value[head], rest, mapping)
    return _DROP if inner is _DROP else {**value, head: inner}


def remap_setting(key: str, value: Any, id_map: dict[str, dict[int, int]], *,
                  continuing: bool = False) -> Any:
    """``value`` of setting ``key`` for a copy whose rows got ``id_map`` (table -> old
    id -> new id); ``None`` when the setting does not go into the copy."""
    rule = rule_for(key)
    if rule is None or not rule.copy or (continuing and not rule.carry_forward):
        return None
    for path, table in rule.ids:
        value = _remap_path(value, [p for p in path.split(".") if p], id_map.get(table, {}))
        if value is _DROP:
            return None
    return value


def copy_settings(lib: Library, source_id: int, target_id: int, id_map: dict[str, dict[int, int]], *,
                  source: Library | None = None, continuing: bool = False) -> None:
    """Copy the settings of workshop ``source_id`` (in ``source``, default ``lib``) to
    ``target_id`` through the registry. Call inside an edit, after the rows are copied."""
    src = source or lib
    for row in src.query("SELECT key, value FROM workshop_settings WHERE workshop_id = ? ORDER BY rowid",
                         (source_id,)):
        try:
            value = json.loads(row["value"])
        except (TypeError, ValueError):
            continue
        new = remap_setting(row["key"], value, id_map, continuing=continuing)
        if new is not None:
            lib.db.execute("INSERT OR REPLACE INTO workshop_settings (workshop_id, key, value) VALUES (?, ?, ?)",
                           [target_id, row["key"], json.dumps(new, ensure_ascii=False)])
