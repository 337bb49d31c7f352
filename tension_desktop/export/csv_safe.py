"""The one CSV writer of every CSV the app writes: spreadsheet-safe text, no Qt.

What it guarantees, whatever a participant typed:

- **RFC 4180**: rows end with CRLF; a cell holding a comma, a double quote, a carriage
  return or a line feed is quoted (quotes doubled), so ``"Bob\\r=1+1"`` stays one cell of
  one row in every reader, Python's :mod:`csv` included.
- **No formulas**: a text cell whose first character, or first character after leading
  whitespace, is ``= + - @`` (or their full-width forms ``＝ ＋ － ＠``, which some
  spreadsheet locales also treat as a formula), or that starts with a tab or a carriage
  return, gets a leading apostrophe ``'`` (OWASP's "CSV injection" advice). Spreadsheets
  then show it as text. This applies to every text cell of every column, labels and
  names from settings included.
- **Numbers stay numbers**: cells the app computes are passed as ``int``, ``float`` or
  :class:`~decimal.Decimal` and written as plain numbers, never prefixed (``-0.25`` is a
  number, not a formula). Anything else is text, so a number stored as text by an
  import (``"-2+3"``) is neutralised like any other text.
- **Opens right in Excel and LibreOffice**: UTF-8 with a byte order mark (Excel's cue for
  UTF-8), comma separated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

#: Cell values: text (neutralised) or numbers the app computed (written as they are).
Cell = str | int | float | Decimal | None

#: The encoding every CSV file is written in (UTF-8 with a BOM).
ENCODING = "utf-8-sig"

#: First characters a spreadsheet may read as the start of a formula (after leading spaces).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
#: Characters that make a cell suspect when they come first, before any stripping (OWASP).
CONTROL_STARTS = frozenset("\t\r")


class _Dialect(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"  # RFC 4180; CR and LF in a cell are then always quoted
    quoting = csv.QUOTE_MINIMAL
    strict = True


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: prefixed with ``'`` if it could start a formula."""
    if text[:1] in CONTROL_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def cell(value: Cell) -> str:
    """One cell's text: numbers as written by Python, text neutralised, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int to Python, but text to a reader
        return neutralise(str(value))
    if isinstance(value, int | float | Decimal):
        return str(value)
    return neutralise(str(value))


def csv_text(rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV text of ``rows`` (the first is usually the header), CRLF line ends, every cell safe."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect=_Dialect)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()


def csv_bytes(rows: Iterable[Sequence[Cell]]) -> bytes:
    """The file's bytes: :func:`csv_text` encoded as UTF-8 with a BOM."""
    return csv_text(rows).encode(ENCODING)
