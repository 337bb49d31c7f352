"""The rules of every stored value, defined once: text lengths, number ranges, choices,
nullability, references and the shape of every JSON workshop setting.

The model's dataclasses take their length limits from :data:`LENGTHS`, the forms set
their ``maxLength`` from it, the store checks settings with :func:`check_setting` before
writing them, and an import checks every row with :func:`check_row` and every setting
with :func:`check_setting`. So a workshop file can only bring in what the app itself
would have let the coach type, and whatever imports opens every screen and exports
every file.

Plain Python, no Qt, no SQL. Every refusal is a :class:`~.validation.ValidationError`
naming the field.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .limits import (  # noqa: F401 (the limits are read from here too)
    LENGTHS,
    MAX_DOTS,
    MAX_ID,
    MAX_LANES,
    MAX_PHASE_MINUTES,
    MAX_POSITION,
    MAX_PROMPTS,
    MAX_SECONDS,
)
from .validation import ValidationError, check_chars

_MISSING: Any = object()


def _type_name(value: object) -> str:
    return {bytes: "binary data", str: "text", bool: "true/false", float: "a fraction",
            int: "a whole number", type(None): "empty (null)"}.get(type(value), type(value).__name__)


# -- column rules ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Text:
    """Text up to ``max_length`` characters; ``required`` refuses empty (blank) text."""

    max_length: int
    required: bool = False
    nullable: bool = False
    default: Any = ""

    def check(self, field: str, value: object) -> object:
        if value is None and self.nullable:
            return value
        if not isinstance(value, str):
            raise ValidationError(field, f"must be text, not {_type_name(value)}")
        check_chars(field, value)
        if self.required and not value.strip():
            raise ValidationError(field, "may not be empty")
        if len(value) > self.max_length:
            raise ValidationError(field, f"is {len(value)} characters long; at most {self.max_length}")
        return value


@dataclass(frozen=True, slots=True)
class Whole:
    """A whole number (never true/false, never a fraction) within the bounds."""

    minimum: int | None = 0
    maximum: int | None = MAX_ID
    nullable: bool = False
    default: Any = _MISSING

    def check(self, field: str, value: object) -> object:
        if value is None and self.nullable:
            return value
        return check_whole(field, value, self.minimum, self.maximum)


def check_whole(field: str, value: object, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number within the bounds; refuses bool, fractions (even ``3.0``) and text."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number, not {_type_name(value)}")
    if minimum is not None and value < minimum:
        raise ValidationError(field, f"must be at least {minimum}, got {_short_number(value)}")
    if maximum is not None and value > maximum:
        raise ValidationError(field, f"must be at most {maximum}, got {_short_number(value)}")
    return value


def _short_number(value: int) -> str:
    return str(value) if abs(value) < 10**20 else ("-" if value < 0 else "") + "a number of 20 digits or more"


@dataclass(frozen=True, slots=True)
class Unit:
    """A finite number within 0..1 (a normalized canvas coordinate)."""

    default: Any = _MISSING
    nullable: bool = False

    def check(self, field: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(field, f"must be a number, not {_type_name(value)}")
        if not math.isfinite(value) or not 0 <= value <= 1:
            raise ValidationError(field, f"must be within 0..1, got {value!r}")
        return value


@dataclass(frozen=True, slots=True)
class Number:
    """A finite number (whole or fraction) within +/- ``limit``: an indicator's reading."""

    limit: float = 1e9
    nullable: bool = False
    default: Any = _MISSING

    def check(self, field: str, value: object) -> object:
        if value is None and self.nullable:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(field, f"must be a number, not {_type_name(value)}")
        if not math.isfinite(value) or abs(value) > self.limit:
            raise ValidationError(field, f"must be a finite number within +/-{self.limit:g}, got {value!r}")
        return value


@dataclass(frozen=True, slots=True)
class Choice:
    """One of ``options`` (text)."""

    options: tuple[str, ...]
    nullable: bool = False
    default: Any = _MISSING

    def check(self, field: str, value: object) -> object:
        if value is None and self.nullable:
            return value
        if not isinstance(value, str) or value not in self.options:
            raise ValidationError(field, f"must be one of {', '.join(self.options)}; got {_short(value)}")
        return value


def _iso(field: str, value: object, parse: Callable[[str], Any], what: str, *, exact: int | None = None,
         longest: int | None = None) -> str:
    """``value`` if it is ISO text ``parse`` reads (of ``exact`` or at most ``longest`` characters)."""
    if (not isinstance(value, str) or (exact is not None and len(value) != exact)
            or (longest is not None and len(value) > longest)):
        raise ValidationError(field, f"must be {what}, got {_short(value)}")
    try:
        parse(value)
    except ValueError:
        raise ValidationError(field, f"must be {what}, got {_short(value)}") from None
    return value


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date YYYY-MM-DD, or '' for none."""

    default: Any = ""
    nullable: bool = False

    def check(self, field: str, value: object) -> object:
        if value == "":
            return value
        return _iso(field, value, _dt.date.fromisoformat, "a date YYYY-MM-DD", exact=10)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A moment as ISO text starting with its date (2026-11-20T10:40:00.000Z)."""

    default: Any = _MISSING
    nullable: bool = False

    def check(self, field: str, value: object) -> object:
        if (value is None and self.nullable) or (value == "" and self.default == ""):
            return value
        return _iso(field, value, _dt.datetime.fromisoformat, "a date and time (ISO 8601)",
                    longest=LENGTHS["timestamp"])


@dataclass(frozen=True, slots=True)
class Colour:
    """A colour #RRGGBB."""

    default: Any = _MISSING
    nullable: bool = False

    def check(self, field: str, value: object) -> object:
        if (not isinstance(value, str) or len(value) != 7 or value[0] != "#"
                or any(c not in "0123456789abcdefABCDEF" for c in value[1:])):
            raise ValidationError(field, f"must look like #RRGGBB, got {_short(value)}")
        return value


@dataclass(frozen=True, slots=True)
class Ref:
    """The id of a row of ``table`` in the same workshop (checked by the importer)."""

    table: str
    nullable: bool = False
    default: Any = _MISSING

    def check(self, field: str, value: object) -> object:
        if value is None and self.nullable:
            return value
        return check_whole(field, value, 1, MAX_ID)


@dataclass(frozen=True, slots=True)
class JsonText:
    """Text holding JSON of the shape ``shape`` checks (agenda prompts)."""

    shape: Callable[[str, Any], Any]
    default: Any = _MISSING
    nullable: bool = False

    def check(self, field: str, value: object) -> object:
        if not isinstance(value, str):
            raise ValidationError(field, f"must be JSON text, not {_type_name(value)}")
        self.shape(field, parse_json(field, value))
        return value


Rule = Text | Whole | Unit | Number | Choice | Date | Stamp | Colour | Ref | JsonText


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_json(field: str, text: str) -> Any:
    """JSON text as the app reads it; refuses NaN/Infinity and broken text."""

    def no_constant(name: str) -> Any:
        raise ValidationError(field, f"holds {name}, which is not a number")

    try:
        return json.loads(text, parse_constant=no_constant)
    except ValidationError:
        raise
    except (ValueError, RecursionError):
        raise ValidationError(field, "is not valid JSON") from None


# -- shapes of JSON values --------------------------------------------------------------------
def _text_list(field: str, value: Any, *, item: str, max_items: int) -> list[str]:
    if not isinstance(value, list):
        raise ValidationError(field, f"must be a list, not {_json_name(value)}")
    if len(value) > max_items:
        raise ValidationError(field, f"has {len(value)} items; at most {max_items}")
    for i, v in enumerate(value):
        Text(LENGTHS[item]).check(f"{field}[{i}]", v)
    return value


def prompts_shape(field: str, value: Any) -> list[str]:
    """An agenda phase's prompts: a list of texts."""
    return _text_list(field, value, item="agenda_phases.prompt", max_items=MAX_PROMPTS)


def _json_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _text_map(keys: tuple[str, ...], length: str) -> Callable[[str, Any], Any]:
    def shape(field: str, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValidationError(field, f"must be an object, not {_json_name(value)}")
        for k, v in value.items():
            if k not in keys:
                raise ValidationError(f"{field}.{k}", f"is not one of {', '.join(keys)}")
            Text(LENGTHS[length], required=True).check(f"{field}.{k}", v)
        return value
    return shape


def _bool(field: str, value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValidationError(field, f"must be true or false, not {_json_name(value)}")
    return value


def _lanes(field: str, value: Any) -> Any:
    if not isinstance(value, list) or not value:
        raise ValidationError(field, "must be a list of at least one lane [key, title]")
    if len(value) > MAX_LANES:
        raise ValidationError(field, f"has {len(value)} lanes; at most {MAX_LANES}")
    keys = set()
    for i, lane in enumerate(value):
        if not isinstance(lane, list) or len(lane) != 2:
            raise ValidationError(f"{field}[{i}]", "must be a lane [key, title]")
        Text(LENGTHS["setting.lane_key"], required=True).check(f"{field}[{i}] key", lane[0])
        Text(LENGTHS["setting.lane_title"], required=True).check(f"{field}[{i}] title", lane[1])
        if lane[0] in keys:
            raise ValidationError(f"{field}[{i}] key", f"{lane[0]!r} is used by two lanes")
        keys.add(lane[0])
    return value


def _dots(field: str, value: Any) -> Any:
    return check_whole(field, value, 1, MAX_DOTS)


def _initiative_or_none(field: str, value: Any) -> Any:
    return None if value is None else check_whole(field, value, 1, MAX_ID)


def _revealed(field: str, value: Any) -> Any:
    if not isinstance(value, list):
        raise ValidationError(field, f"must be a list, not {_json_name(value)}")
    for i, v in enumerate(value):
        if not isinstance(v, str) or not (v == "None" or (v.isascii() and v.isdigit() and len(v) < 17)):
            raise ValidationError(f"{field}[{i}]", f"must be an initiative id as text or \"None\", got {_short(v)}")
    return value


def _scope(field: str, value: Any) -> Any:
    if not isinstance(value, dict) or set(value) != {"initiative_id"}:
        raise ValidationError(field, "must be an object {\"initiative_id\": id or null}")
    return {"initiative_id": _initiative_or_none(f"{field}.initiative_id", value["initiative_id"])}


def _final_answer(field: str, value: Any) -> Any:
    return Text(LENGTHS["setting.final_answer"], required=True).check(field, value)


def _close_done(field: str, value: Any) -> Any:
    if value is not True:
        raise ValidationError(field, "must be true (it is removed when not done)")
    return value


def _review_notes(field: str, value: Any) -> Any:
    from .commitments import KINDS

    return _text_map(KINDS, "setting.review_note")(field, value)


def _turns(field: str, value: Any) -> Any:
    from .turns import PHASES

    base = {"exercise", "order", "index", "phase"}
    if not isinstance(value, dict) or not base <= set(value) <= base | {"phones", "phones_done"}:
        raise ValidationError(field, "must be an object with exercise, order, index and phase "
                                     "(and optionally phones, phones_done)")
    Text(60, required=True).check(f"{field}.exercise", value["exercise"])
    if not isinstance(value["order"], list):
        raise ValidationError(f"{field}.order", "must be a list of participant ids")
    for i, pid in enumerate(value["order"]):
        check_whole(f"{field}.order[{i}]", pid, 1, MAX_ID)
    check_whole(f"{field}.index", value["index"], 0, len(value["order"]))
    Choice(PHASES).check(f"{field}.phase", value["phase"])
    for key in ("phones", "phones_done"):  # who answers on their own phone (the room link), who is done there
        ids = value.get(key, [])
        if not isinstance(ids, list) or any(pid not in value["order"] for pid in ids):
            raise ValidationError(f"{field}.{key}", "must be a list of participant ids of the round")
    return value


def _map_labels(keys_from: str) -> Callable[[str, Any], Any]:
    def shape(field: str, value: Any) -> Any:
        from . import tension_map as tm

        keys = tuple(getattr(tm, keys_from))
        return _text_map(keys, "setting.map_label")(field, value)
    return shape


#: Keys of a round's input that hold a sentence rather than a short code (the polarity
#: map's private voices), with their limits.
_ROUND_TEXTS = {"preserve": LENGTHS["polarity_voices.preserve"], "fear": LENGTHS["polarity_voices.fear"]}


def _poles(field: str, value: Any) -> Any:
    return _text_map(("a", "b"), "setting.pole_name")(field, value)


def _category_names(field: str, value: Any) -> Any:
    from .allocation import CATEGORIES

    return _text_map(CATEGORIES, "setting.category_name")(field, value)


def _target(field: str, value: Any) -> Any:
    from .allocation import check_shares

    return check_shares(field, "portfolio", value)


def _shares(field: str, value: Any) -> Any:
    """A split's shares: whole numbers 0..100 adding up to 100 (which parts: checked with the row)."""
    if not isinstance(value, dict) or not 2 <= len(value) <= 4:
        raise ValidationError(field, "must be an object of two to four shares")
    for k, v in value.items():
        Text(40, required=True).check(f"{field} key", k)
        check_whole(f"{field}.{k}", v, 0, 100)
    if sum(value.values()) != 100:
        raise ValidationError(field, "must add up to 100")
    return value


def _round_value(field: str, value: Any) -> Any:
    """What one input of a private round ended with: a small object of numbers and short texts
    (a map placement's ``x``/``y`` within 0..1, a board card's column and position, dots, ratings)."""
    if not isinstance(value, dict) or len(value) > 12:
        raise ValidationError(field, "must be an object of at most 12 values")
    for key, item in value.items():
        Text(40, required=True).check(f"{field} key", key)
        if key in ("x", "y"):
            Unit().check(f"{field}.{key}", item)
        elif isinstance(item, str):
            Text(_ROUND_TEXTS.get(key, 60)).check(f"{field}.{key}", item)
        elif isinstance(item, bool) or not isinstance(item, int | float) or not math.isfinite(item) \
                or abs(item) > MAX_POSITION:
            raise ValidationError(f"{field}.{key}", f"must be a number or a short text, got {_short(item)}")
    return value


def _gate_criteria(field: str, value: Any) -> Any:
    """A team's own gate criteria: {stage: {criterion: text}} (model.stage_gate.EDITABLE)."""
    from .stage_gate import EDITABLE
    from .workshop import STAGES

    if not isinstance(value, dict):
        raise ValidationError(field, f"must be an object, not {_json_name(value)}")
    for stage, criteria in value.items():
        Choice(STAGES).check(f"{field} stage", stage)
        _text_map(tuple(EDITABLE), "setting.gate_criterion")(f"{field}.{stage}", criteria)
    return value


#: The shape of every workshop setting the app reads, by key (or key prefix ending in ':').
#: A setting whose key is not here is not the app's: an import refuses it.
SETTING_SHAPES: dict[str, Callable[[str, Any], Any]] = {
    "turns:": _turns,
    "tension_map:governance": _map_labels("QUADRANTS"),
    "tension_map:quadrant_labels": _map_labels("QUADRANTS"),
    "tension_map:axis_labels": _map_labels("DEFAULT_AXIS_LABELS"),
    "board:scope": _scope,
    "board:rationale_required": _bool,
    "premortem:lanes": _lanes,
    "premortem:dots": _dots,
    "premortem:anonymous": _bool,
    "premortem:initiative": _initiative_or_none,
    "premortem:revealed": _revealed,
    "final_question_answer": _final_answer,
    "close_done": _close_done,
    "commitment_review_notes": _review_notes,
    "covenant:owner_limit": lambda field, value: check_whole(field, value, 1, 12),  # OWNER_LIMITS
    "stage_gate:criteria": lambda field, value: _gate_criteria(field, value),
    "polarity:poles": _poles,
    "allocation:categories": _category_names,
    "allocation:target": _target,
}


def setting_shape(key: str) -> Callable[[str, Any], Any] | None:
    """The shape check of setting ``key``, exact keys before prefixes; None if unknown."""
    if key in SETTING_SHAPES:
        return SETTING_SHAPES[key]
    return next((s for k, s in SETTING_SHAPES.items() if k.endswith(":") and key.startswith(k)), None)


def check_setting(key: object, value: Any) -> Any:
    """Refuse a setting the app would not write: unknown key or a value of the wrong shape.

    ``value`` is the decoded JSON value (``None`` means "removed" and is always fine).
    """
    if not isinstance(key, str) or not key:
        raise ValidationError("key", "a setting needs a name")
    check_chars("key", key)
    shape = setting_shape(key)
    if shape is None:
        raise ValidationError("key", f"{_short(key)} is not a setting of this version")
    if value is not None:
        shape(key, value)
    return value


# -- tables -------------------------------------------------------------------------------------
@functools.cache
def table_rules() -> dict[str, dict[str, Rule]]:
    """Column -> rule for every workshop table (and teams/workshops), ``workshop_id`` aside.

    Every column of the schema is listed: an import refuses fields not listed here.
    """
    from .agenda import EXERCISES
    from .allocation import CATEGORIES as ALLOCATION_CATEGORIES
    from .allocation import KINDS as SPLIT_KINDS
    from .allocation import SCHEMES, SCOPES
    from .board import COLUMNS
    from .commitments import KINDS, STATUSES
    from .covenant import ITEM_KINDS
    from .decision_rights import ROLES
    from .polarity import KINDS as POLARITY_KINDS
    from .polarity import POLES
    from .readiness import ANSWERS, MOVED, TARGET_STATUSES
    from .readiness import ITEM_KINDS as PLAN_KINDS
    from .stage_gate import SCOPE_KINDS
    from .structure import KINDS as STRUCTURE_KINDS
    from .tension_map import ROUNDS
    from .workshop import STAGES

    def text(key: str, **kw: Any) -> Text:
        return Text(LENGTHS[key], **kw)

    ident = Whole(1, MAX_ID)
    position = Whole(0, MAX_POSITION, default=0)
    return {
        "workshop_settings": {"key": Text(200, required=True, default=_MISSING),
                              "value": Text(10**6, default=_MISSING)},
        "participants": {"id": ident, "name": text("participants.name", required=True, default=_MISSING),
                         "role": text("participants.role"), "colour": Colour(), "position": position},
        "initiatives": {"id": ident, "title": text("initiatives.title", required=True, default=_MISSING),
                        "description": text("initiatives.description"), "position": position,
                        "stage": Choice(STAGES, default="discover"),
                        "phase_scope_kind": Choice(("", *SCOPE_KINDS), default=""),
                        "phase_scope": text("initiatives.phase_scope"),
                        "phase_metric": text("initiatives.phase_metric")},
        "placements": {"id": ident, "initiative_id": Ref("initiatives"),
                       "participant_id": Ref("participants", nullable=True, default=None),
                       "round": Choice(ROUNDS), "x": Unit(), "y": Unit()},
        "board_elements": {"id": ident, "initiative_id": Ref("initiatives", nullable=True, default=None),
                           "text": text("board_elements.text", required=True, default=_MISSING),
                           "position": position, "agreed_column": Choice(COLUMNS, nullable=True, default=None)},
        "board_cards": {"id": ident, "element_id": Ref("board_elements"), "participant_id": Ref("participants"),
                        "column_key": Choice(COLUMNS), "position": position,
                        "rationale": text("board_cards.rationale")},
        "risks": {"id": ident, "initiative_id": Ref("initiatives", nullable=True, default=None),
                  "category": text("risks.category", required=True, default=_MISSING),
                  "text": text("risks.text", required=True, default=_MISSING),
                  "author_id": Ref("participants", nullable=True, default=None),
                  "owner_id": Ref("participants", nullable=True, default=None),
                  "mitigation": text("risks.mitigation"), "position": position,
                  "merged_into": Ref("risks", nullable=True, default=None)},
        "risk_votes": {"id": ident, "risk_id": Ref("risks"), "participant_id": Ref("participants"),
                       "dots": Whole(0, MAX_DOTS, default=1)},
        "gate_decisions": {"id": ident, "initiative_id": Ref("initiatives"), "from_stage": Choice(STAGES),
                           "to_stage": Choice(STAGES), "evidence": text("gate_decisions.evidence"),
                           "rollback": text("gate_decisions.rollback"),
                           "owner_id": Ref("participants", nullable=True, default=None),
                           "review_date": Date(), "decided_at": Stamp(),
                           "opened_at": Stamp(default=""),
                           "reopen_cause": Choice(("", "new_information", "poor_framing"), default="")},
        "decisions": {"id": ident, "decision": text("decisions.decision", required=True, default=_MISSING),
                      "required_inputs": text("decisions.required_inputs"), "decide_by": Date(),
                      "escalation": text("decisions.escalation"),
                      "tiebreaker_id": Ref("participants", nullable=True, default=None),
                      "position": position},
        "decision_roles": {"id": ident, "decision_id": Ref("decisions"), "participant_id": Ref("participants"),
                           "role": Choice(ROLES)},
        "covenant_items": {"id": ident, "kind": Choice(ITEM_KINDS),
                           "text": text("covenant_items.text", required=True, default=_MISSING),
                           "limit_text": text("covenant_items.limit_text"), "position": position},
        "thresholds": {"id": ident, "metric": text("thresholds.metric", default=_MISSING),  # a draft may be blank
                       "threshold": text("thresholds.threshold"), "lever": text("thresholds.lever"),
                       "draft_for": text("thresholds.draft_for"), "overrides": text("thresholds.overrides"),
                       "position": position},
        "threshold_owners": {"id": ident, "threshold_id": Ref("thresholds"), "participant_id": Ref("participants")},
        "commitments": {"id": ident, "kind": Choice(KINDS), "text": text("commitments.text"),
                        "owner_id": Ref("participants", nullable=True, default=None), "due_date": Date(),
                        "status": Choice(STATUSES, default="open"), "position": position},
        "agenda_phases": {"id": ident, "position": position,
                          "title": text("agenda_phases.title", required=True, default=_MISSING),
                          "minutes": Whole(0, MAX_PHASE_MINUTES, default=10),
                          "exercise": Choice(EXERCISES, default=""),
                          "prompts": JsonText(prompts_shape, default="[]"),
                          "notes": text("agenda_phases.notes"),
                          "actual_seconds": Whole(0, MAX_SECONDS, nullable=True, default=None)},
        "risk_drafts": {"id": ident, "initiative_id": Ref("initiatives", nullable=True, default=None),
                        "participant_id": Ref("participants"),
                        "category": text("risks.category", required=True, default=_MISSING),
                        "text": text("risks.text", required=True, default=_MISSING), "position": position},
        "opening_round": {"id": ident, "participant_id": Ref("participants"),
                          "risk": text("opening_round.risk"), "opportunity": text("opening_round.opportunity")},
        "pulse_checks": {"id": ident, "participant_id": Ref("participants", nullable=True, default=None),
                         "rationale": Whole(1, 5), "fairness": Whole(1, 5), "escalation": Whole(1, 5),
                         "created_at": Stamp()},
        "covenant_reviews": {"id": ident, "kind": Choice(("threshold", "decision", "mitigation")),
                             "threshold_id": Ref("thresholds", nullable=True, default=None),
                             "decision_id": Ref("decisions", nullable=True, default=None),
                             "risk_id": Ref("risks", nullable=True, default=None),
                             "outcome": Choice(("", "held", "breached", "lever_pulled", "changed", "decided",
                                                "not_decided", "done", "open"), default=""),
                             "decided_by": Ref("participants", nullable=True, default=None),
                             "note": text("covenant_reviews.note"), "position": position},
        "near_misses": {"id": ident, "text": text("near_misses.text", required=True, default=_MISSING),
                        "position": position},
        "private_rounds": {"id": ident, "exercise": Text(60, required=True, default=_MISSING),
                           "initiative_id": Ref("initiatives", nullable=True, default=None),
                           "number": Whole(1, MAX_ID), "kind": Choice(("private", "open"), default="private"),
                           "started_at": Stamp(), "revealed_at": Stamp(nullable=True, default=None)},
        "private_round_turns": {"id": ident, "round_id": Ref("private_rounds"),
                                "participant_id": Ref("participants"), "position": position,
                                "status": Choice(("waiting", "done", "skipped"), default="waiting")},
        "private_round_inputs": {"id": ident, "round_id": Ref("private_rounds"),
                                 "participant_id": Ref("participants", nullable=True, default=None),
                                 "initiative_id": Ref("initiatives", nullable=True, default=None),
                                 "element_id": Ref("board_elements", nullable=True, default=None),
                                 "risk_id": Ref("risks", nullable=True, default=None),
                                 "value": JsonText(_round_value, default="{}")},
        "polarity_items": {"id": ident, "pole": Choice(POLES), "kind": Choice(POLARITY_KINDS),
                           "text": text("polarity_items.text", required=True, default=_MISSING),
                           "owner_id": Ref("participants", nullable=True, default=None), "position": position},
        "polarity_voices": {"id": ident, "participant_id": Ref("participants"),
                            "pole": Choice(("", *POLES), default=""),
                            "preserve": text("polarity_voices.preserve"), "fear": text("polarity_voices.fear"),
                            "share_a": Whole(0, 100, nullable=True, default=None)},
        "portfolio_items": {"id": ident, "initiative_id": Ref("initiatives", nullable=True, default=None),
                            "title": text("portfolio_items.title"), "category": Choice(ALLOCATION_CATEGORIES),
                            "effort": Whole(0, 100000, default=0), "request": Whole(0, 1, default=0),
                            "position": position},
        "allocation_splits": {"id": ident, "participant_id": Ref("participants"), "kind": Choice(SPLIT_KINDS),
                              "scheme": Choice(SCHEMES), "scope": Choice(("", *SCOPES), default=""),
                              "shares": JsonText(_shares, default=_MISSING)},
        # structure before behaviour: the constraint diagnosis and the 90-day readiness plan
        "structure_blockers": {"id": ident, "participant_id": Ref("participants", nullable=True, default=None),
                               "text": text("structure_blockers.text", required=True, default=_MISSING),
                               "position": position,
                               "agreed_kind": Choice(("", *STRUCTURE_KINDS), default="")},
        "structure_sorts": {"id": ident, "blocker_id": Ref("structure_blockers"),
                            "participant_id": Ref("participants"), "kind": Choice(STRUCTURE_KINDS),
                            "rationale": text("structure_sorts.rationale")},
        "structure_scores": {"id": ident, "participant_id": Ref("participants", nullable=True, default=None),
                             "decision_authority": Whole(1, 5), "feedback_loops": Whole(1, 5),
                             "accountability": Whole(1, 5)},
        "readiness_items": {"id": ident, "kind": Choice(PLAN_KINDS),
                            "text": text("readiness_items.text"),
                            "owner_id": Ref("participants", nullable=True, default=None),
                            "baseline": Number(nullable=True, default=None),
                            "goal": Number(nullable=True, default=None), "position": position,
                            "status": Choice(TARGET_STATUSES, default="")},
        "readiness_values": {"id": ident, "item_id": Ref("readiness_items"), "week": Whole(1, 13),
                             "value": Number()},
        "readiness_checks": {"id": ident, "start_date": Date(), "moved": Choice(MOVED, default=""),
                             "answer": Choice(ANSWERS, default=""),
                             "evidence": text("readiness_checks.evidence")},
    }


def check_row(table: str, row: Mapping[str, Any], *, fill_defaults: bool = False) -> dict[str, Any]:
    """Check one row of ``table`` against its rules; return it (with defaults filled in for
    missing fields when ``fill_defaults``). Raises :class:`ValidationError` naming the field.
    """
    rules = table_rules()[table]
    unknown = sorted(k for k in row if k not in rules and k != "workshop_id")
    if unknown:
        raise ValidationError(str(unknown[0]), "is not a field of this version")
    out: dict[str, Any] = {}
    for column, rule in rules.items():
        if column not in row:
            if not fill_defaults or rule.default is _MISSING:
                raise ValidationError(column, "is missing")
            out[column] = rule.default
            continue
        out[column] = rule.check(column, row[column])
    if table == "workshop_settings":
        try:
            check_setting(out["key"], parse_json(out["key"], out["value"]))
        except ValidationError as exc:
            if exc.field == "key":
                raise
            where = exc.field if exc.field.startswith(out["key"]) else f"{out['key']} {exc.field}"
            raise ValidationError("value", f"({where}) {exc.message}") from None
    elif table == "placements":
        if (out["round"] == "agreed") != (out["participant_id"] is None):
            raise ValidationError("participant_id", "an agreed placement belongs to the group; a private or "
                                                    "revealed one to one participant")
    elif table == "thresholds" and not out["metric"].strip() and not out["draft_for"].strip():
        raise ValidationError("metric", "is empty (only a draft threshold, with draft_for, may leave it blank)")
    elif table == "allocation_splits":
        from .allocation import Split

        Split(participant_id=0, kind=out["kind"], scheme=out["scheme"], scope=out["scope"],
              shares=parse_json("shares", out["shares"]))
    elif table == "portfolio_items" and out["request"] and not out["title"].strip():
        raise ValidationError("title", "a new request needs a title")
    elif table == "risks" and out["merged_into"] is not None and out["merged_into"] == out["id"]:
        raise ValidationError("merged_into", "a card cannot be merged into itself")
    return out


def references(table: str) -> dict[str, str]:
    """Column -> referenced table of ``table``'s reference columns."""
    return {c: r.table for c, r in table_rules()[table].items() if isinstance(r, Ref)}
