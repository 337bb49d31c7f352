"""Recognizing a library file without writing to it: ours, damaged, foreign or newer.

Used before anything is written beside a file (even the lock), by the read-only CLI
commands, and by import. The identity is read through SQLite rather than from the raw
header, because after a crash the newest identity may still be in the write-ahead log.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from tension_desktop.terminal import flatten, summary

from .errors import LibraryRefused
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"


def _side_files(path: Path) -> tuple[Path, Path]:
    return Path(str(path) + "-wal"), Path(str(path) + "-shm")


def inspection_uri(path: Path) -> str:
    """A read-only URI that leaves no side files when there is nothing in a write-ahead log.

    With no (or an empty) ``-wal`` file beside it, the file is read as ``immutable``, so
    SQLite creates no ``-wal``/``-shm`` files next to somebody else's file. Only when a
    log with content exists (an app was killed, or is running) is it read through the log.
    """
    wal, _shm = _side_files(path)
    try:
        has_log = wal.stat().st_size > 0
    except OSError:
        has_log = False
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if has_log else uri + "&immutable=1"


def inspect_file(path: Path) -> int:
    """Check that ``path`` is a library we may open; return its schema version.

    Raises :class:`LibraryRefused` for a non-SQLite file, a damaged file, a foreign SQLite
    file and a file from a newer version. Never writes to the file, and leaves no side
    files beside it unless a write-ahead log was already there.

    The identity is read through SQLite, not from the raw header, because after a crash
    the newest identity and version may still be in the write-ahead log.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise LibraryRefused(f"Cannot read {path}: {exc.strerror or exc}") from None
    if size == 0:
        return 0
    if not header.startswith(SQLITE_HEADER):
        raise LibraryRefused(f"{path} is not a Tension Desktop library (it is not an SQLite file). It was left untouched.")
    conn = None
    try:
        conn = sqlite3.connect(inspection_uri(path), uri=True)
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (app_id != 0 or user_version != 0 or tables > 0):
            raise LibraryRefused(
                f"{path} is an SQLite file that belongs to another program "
                f"(application id {app_id:#x}, not Tension Desktop's). It was left untouched."
            )
        if user_version > SCHEMA_VERSION:
            raise LibraryRefused(
                f"{path} was written by a newer Tension Desktop (library version {user_version}; this app reads "
                f"up to {SCHEMA_VERSION}). Update the app to open it. The file was left untouched."
            )
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows == [("ok",)] and user_version == SCHEMA_VERSION:
            check_shape(conn, path)
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # damaged schema text can fail to decode
        raise LibraryRefused(f"{path} is damaged and cannot be read ({exc}). It was left untouched.") from None
    finally:
        if conn is not None:
            conn.close()
    if rows != [("ok",)]:
        detail = describe_problems(r[0] for r in rows)
        raise LibraryRefused(f"{path} is damaged ({detail}). It was left untouched.")
    return user_version


def describe_problems(rows: Iterable[object]) -> str:
    """SQLite's integrity report (rows that may span several lines) as one line: the first
    problems, then how many more (``"...; ... and 11 more"``)."""
    lines = [flatten(line) for row in rows for line in str(row).splitlines()
             if line.strip() and not line.startswith("*** in database")]
    return summary(lines)


@functools.cache
def _expected_shape() -> dict[str, frozenset[str]]:
    """Table -> columns, as the migrations of this version build them (on an in-memory file)."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS:
            for statement in step:
                conn.execute(statement)
        return _shape(conn)
    finally:
        conn.close()


def _shape(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in tables}


def check_shape(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a library whose tables are not those this version builds (damaged schema text).

    Extra tables or columns are allowed; a missing one means the file cannot be trusted.
    """
    try:
        found = _shape(conn)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise LibraryRefused(f"{path} is damaged and cannot be read ({exc}).") from None
    for table, columns in _expected_shape().items():
        missing = sorted(columns - found.get(table, frozenset()))
        if missing:
            raise LibraryRefused(f"{path} is damaged: table {table} lacks {', '.join(missing)}. "
                                 "Restore a backup or an exported workshop file.")
