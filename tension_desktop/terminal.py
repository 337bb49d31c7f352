"""Text for a terminal: what the coach typed is shown, never obeyed. No Qt.

A title, a name or a file name may hold control characters (an imported workshop called
``"\\x1b]0;pwned\\x07"`` would retitle the terminal, ``"\\x1b[2J"`` would clear it). The
command line therefore prints user text through :func:`printable`, which shows every such
character as a visible escape (``\\x1b``, ``\\x9b``, ``\\u202e``):

- C0 controls (U+0000-U+001F, tab and line breaks included), DEL (U+007F) and the C1
  controls (U+0080-U+009F, ``\\x9b`` is a one-byte CSI);
- the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
  which reorder what the terminal shows ("Trojan Source");
- line and paragraph separators (U+2028, U+2029);
- lone surrogates (U+D800-U+DFFF, e.g. undecodable bytes of a file name), which a
  terminal cannot show and Python cannot encode.

A backslash is shown as it is: ``\\x1b`` typed as four characters and an escaped ESC print
the same, which is harmless.

:func:`guard_streams` is the last defence: while the CLI runs, ``sys.stdout`` and
``sys.stderr`` escape the same characters in anything written (keeping the line feeds and
tabs the CLI's own layout uses), so a message that forgot :func:`printable` still cannot
control the terminal. :func:`one_line` makes an error message one line; :func:`summary`
names the first items of a list and counts the rest.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import sys
from collections.abc import Iterable, Iterator

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_OTHER = f"\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff"
#: Every character user text must not send to a terminal raw (a regular expression class).
CONTROL_CLASS = f"[\x00-\x1f{_OTHER}]"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@functools.cache
def _pattern(kind: str) -> re.Pattern[str]:
    """Compiled on first use (the window's start-up imports this module and never needs it)."""
    return re.compile({
        "user": CONTROL_CLASS,
        "stream": f"[\x00-\x08\x0b-\x1f{_OTHER}]",  # keeps the line feeds and tabs of the CLI's layout
        "json": f"[{_OTHER}]",  # json.dumps escapes C0 itself
    }[kind])


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``str(text)`` with every control character shown as an escape (``\\x1b``, ``\\n``): one line."""
    return _pattern("user").sub(_escape, str(text))


def one_line(message: object) -> str:
    """An error message as one printable line: controls, line breaks included, shown escaped.

    The last defence of the CLI's error printer; messages that are lists by nature (SQLite's
    integrity report, unprintable fields) are made one line where they are built, with
    :func:`flatten` and :func:`summary`."""
    return printable(str(message).strip())


def flatten(text: object) -> str:
    """``text`` with every run of whitespace, line breaks included, as one space."""
    return " ".join(str(text).split())


def summary(items: Iterable[object], *, first: int = 3, sep: str = "; ") -> str:
    """The first ``first`` items joined by ``sep``, then how many more: ``"a; b; c and 4 more"``."""
    items = [str(i) for i in items]
    shown = sep.join(items[:first])
    rest = len(items) - first
    return f"{shown} and {rest} more" if rest > 0 else shown


def json_safe(text: str) -> str:
    """JSON text with the characters above written as ``\\uXXXX`` (still the same JSON value).

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls but leaves DEL, C1
    and bidi controls raw; in JSON text those can only occur inside strings."""
    return _pattern("json").sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _EscapingStream:
    """A text stream that escapes terminal controls in whatever is written through it."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_pattern("stream").sub(_escape, text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def guard_streams() -> Iterator[None]:
    """While inside, ``sys.stdout`` and ``sys.stderr`` escape terminal controls (see module doc)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _EscapingStream(saved[0]), _EscapingStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
