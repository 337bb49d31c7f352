"""Validation helpers shared by the model's dataclasses.

Every invalid value raises :class:`ValidationError` naming the field, so the GUI,
the CLI and an import can tell the coach exactly what is wrong.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable


class ValidationError(ValueError):
    """A value breaks a rule of the model. ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


#: NUL and lone surrogates: no form produces them, SQLite's UTF-8 cannot hold a surrogate.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def check_chars(field: str, text: str) -> str:
    """Refuse characters no form can produce and no file can hold: NUL and lone surrogates."""
    bad = _UNSTORABLE.search(text)
    if bad:
        if bad.group() == "\x00":
            raise ValidationError(field, "holds a NUL character")
        raise ValidationError(field, "holds a broken character (a lone UTF-16 surrogate)")
    return text


def require_text(field: str, value: object, *, max_length: int = 2000) -> str:
    """Return ``value`` stripped; refuse non-strings, empty text and overlong text."""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    text = check_chars(field, value).strip()
    if not text:
        raise ValidationError(field, "may not be empty")
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text


def optional_text(field: str, value: object, *, max_length: int = 4000) -> str:
    """Return ``value`` stripped, or '' for None; refuse non-strings and overlong text."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    check_chars(field, value)
    if len(value) > max_length:
        raise ValidationError(field, f"is {len(value)} characters long; at most {max_length}")
    return value.strip()


def require_unit(field: str, value: object) -> float:
    """A normalized coordinate: a finite number within 0..1."""
    if type(value) is float and 0.0 <= value <= 1.0:  # the usual case (every row the map reads)
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field, f"must be a number, not {type(value).__name__}")
    v = float(value)
    if not (0.0 <= v <= 1.0):
        raise ValidationError(field, f"must be within 0..1, got {v:g}")
    return v


def require_choice(field: str, value: object, choices: Iterable[str]) -> str:
    """``value`` must be one of ``choices``."""
    options = tuple(choices)
    if value not in options:
        raise ValidationError(field, f"must be one of {', '.join(options)}; got {value!r}")
    return str(value)


def require_int(field: str, value: object, *, minimum: int | None = None,
                maximum: int | None = None) -> int:
    """An integer within the optional bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number, not {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValidationError(field, f"must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValidationError(field, f"must be at most {maximum}, got {value}")
    return value


def optional_date(field: str, value: object) -> str:
    """An ISO date (YYYY-MM-DD) or ''. Returned as text, which is how it is stored."""
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.datetime):  # a moment in time: its calendar day
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a date YYYY-MM-DD, not {type(value).__name__}")
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValidationError(field, f"must be a date YYYY-MM-DD, got {value!r}") from None
