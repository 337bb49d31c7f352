"""Recognizing a library file without writing to it: ours, damaged, foreign or newer.

Used before anything is written beside a file (even the lock), by the read-only CLI
commands, and by import. The identity (application id, schema version) is first read
from the raw bytes: the file's header and, when a write-ahead log holds newer commits,
the newest committed copy of page 1 in the log (after a crash the newest identity may
still be there). Only a file that passes is opened through SQLite, so another program's
file, and its ``-wal``/``-shm`` files, are never touched.
"""

from __future__ import annotations

import functools
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path

from tension_desktop.terminal import flatten, summary

from .errors import LibraryRefused
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, run_step

SQLITE_HEADER = b"SQLite format 3\x00"


def _side_files(path: Path) -> tuple[Path, Path]:
    return Path(str(path) + "-wal"), Path(str(path) + "-shm")


_WAL_MAGIC = (0x377F0682, 0x377F0683)  # little- / big-endian checksums


def _checksum(data: bytes, s0: int, s1: int, big: bool) -> tuple[int, int]:
    ints = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    for i in range(0, len(ints), 2):
        s0 = (s0 + ints[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + ints[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _log_frames(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """The valid frames of the write-ahead log beside ``path``: (page number, size after
    commit or 0, page bytes), in order, checked as SQLite checks them (salts, checksums)."""
    wal, _shm = _side_files(path)
    try:
        fh = wal.open("rb")
    except OSError:
        return
    with fh:
        head = fh.read(32)
        if len(head) < 32:
            return
        magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", head)
        if magic not in _WAL_MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
            return
        big = magic == _WAL_MAGIC[1]
        s0, s1 = _checksum(head[:24], 0, 0, big)
        if (s0, s1) != (c1, c2):
            return
        while True:
            frame = fh.read(24)
            page = fh.read(page_size)
            if len(frame) < 24 or len(page) < page_size:
                return
            pgno, commit, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", frame)
            if (f_salt1, f_salt2) != (salt1, salt2) or pgno == 0:
                return
            s0, s1 = _checksum(frame[:8] + page, s0, s1, big)
            if (s0, s1) != (f_c1, f_c2):
                return
            yield pgno, commit, page


def log_has_commits(path: Path) -> bool:
    """Whether the write-ahead log beside ``path`` holds at least one committed transaction."""
    return any(commit for _pgno, commit, _page in _log_frames(path))


def raw_identity(path: Path, header: bytes) -> tuple[int, int, bool]:
    """(application id, user version, log has commits) from raw bytes, never through SQLite.

    ``header`` is the file's first 100 bytes; a newer committed page 1 in the log wins."""
    page1, pending, committed = header, None, False
    for pgno, commit, page in _log_frames(path):
        if pgno == 1:
            pending = page
        if commit:
            committed = True
            if pending is not None:
                page1, pending = pending, None
    if len(page1) < 72:
        return 0, 0, committed
    user_version, app_id = struct.unpack(">I", page1[60:64])[0], struct.unpack(">I", page1[68:72])[0]
    return app_id, user_version, committed


def inspection_uri(path: Path) -> str:
    """A read-only URI that leaves no side files when there is nothing in a write-ahead log.

    With no committed transaction in a ``-wal`` file beside it, the file is read as
    ``immutable``, so SQLite creates no ``-wal``/``-shm`` files next to somebody else's file.
    Only when a log with commits exists (an app was killed, or is running) is it read
    through the log.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if log_has_commits(path) else uri + "&immutable=1"


def inspect_file(path: Path) -> int:
    """Check that ``path`` is a library we may open; return its schema version.

    Raises :class:`LibraryRefused` for a non-SQLite file, a damaged file, a foreign SQLite
    file and a file from a newer version. Never writes to the file or its side files: the
    identity is read from the raw bytes (header and write-ahead log) first, and only a file
    that is ours, or an SQLite file with no identity and no log, is opened through SQLite.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise LibraryRefused(f"Cannot read {path}: {exc.strerror or exc}") from None
    if size == 0 and not log_has_commits(path):
        return 0
    if not header.startswith(SQLITE_HEADER):
        raise LibraryRefused(f"{path} is not a Tension Desktop library (it is not an SQLite file). It was left untouched.")
    app_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    user_version, logged = 0, False
    if app_id != APPLICATION_ID:  # ours once means ours for good; otherwise the log may say more
        app_id, user_version, logged = raw_identity(path, header)
    if app_id != APPLICATION_ID and (app_id != 0 or user_version != 0 or logged):
        # our app writes its identity in its first commit, so a log with commits and no identity is not ours
        raise LibraryRefused(
            f"{path} is an SQLite file that belongs to another program "
            f"(application id {app_id:#x}, not Tension Desktop's). It was left untouched."
        )
    if user_version > SCHEMA_VERSION:
        raise LibraryRefused(
            f"{path} was written by a newer Tension Desktop (library version {user_version}; this app reads "
            f"up to {SCHEMA_VERSION}). Update the app to open it. The file was left untouched."
        )
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
    """Table -> columns of a library at this version (:mod:`.shape`, checked by a test
    against what the migrations build; built from them if it were ever of another version)."""
    from .shape import SHAPE, SHAPE_VERSION

    if SHAPE_VERSION != SCHEMA_VERSION:
        return build_shape()
    return {table: frozenset(columns) for table, columns in SHAPE.items()}


def build_shape() -> dict[str, frozenset[str]]:
    """Table -> columns, as the migrations of this version build them (on an in-memory file)."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS:
            run_step(conn, step)
        return _shape(conn)
    finally:
        conn.close()


def _shape(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Table -> its columns, read in one statement (the table-valued ``pragma_table_info``)."""
    columns: dict[str, set[str]] = {}
    for table, column in conn.execute(
            "SELECT m.name, p.name FROM sqlite_master AS m LEFT JOIN pragma_table_info(m.name) AS p "
            "WHERE m.type = 'table'"):
        found = columns.setdefault(table, set())
        if column is not None:
            found.add(column)
    return {table: frozenset(names) for table, names in columns.items()}


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
