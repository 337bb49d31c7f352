"""Opening the library file safely, and the one way to write to it.

Rules this module keeps:

* A file that is not ours (not SQLite, damaged, foreign, or from a newer version) is
  never written to: it is inspected through a read-only connection and refused with a
  :class:`LibraryRefused` whose message a coach can act on.
* WAL journal, foreign keys on, ``synchronous=FULL``: an edit acknowledged to the user
  survives SIGKILL and power loss.
* Every user edit is one transaction: ``with lib.edit(): ...``. Disk-full and read-only
  failures become :class:`StorageFull` / :class:`StorageReadOnly`; the transaction rolls
  back, so everything stored before stays intact.
* Migrations run in order, each in its own transaction with its ``user_version`` bump,
  after a backup copy of the file has been taken.

Threading: a :class:`Library` and its connection belong to the thread that opened it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import ChangeRecorder, Changes
from .errors import LibraryRefused, StorageFull, StorageReadOnly, StoreError
from .identity import SQLITE_HEADER, check_shape, inspect_file, inspection_uri
from .lock import LibraryLock
from .safe_files import atomic_path, protect, release, scratch_dir
from .schema import MIGRATIONS, SCHEMA_VERSION, run_step

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["SQLITE_HEADER", "Library", "inspect_file", "memory_library", "migrate", "open_library"]


def _translate(exc: sqlite3.Error, *, reading: bool = False, opening: Path | None = None) -> StoreError:
    text = str(exc).lower()
    damaged = "malformed" in text or "not a database" in text or "corrupt" in text
    if opening is not None and damaged:
        return LibraryRefused(f"{opening} is damaged and cannot be read ({exc}). It was left untouched.")
    if damaged:
        return StoreError(f"The library is damaged ({exc}); this change was not saved. Run `tension-desktop "
                          "check`, and restore a backup or an exported workshop file.")
    if opening is not None and ("readonly" in text or "read-only" in text or "unable to open" in text):
        return StorageReadOnly(f"{opening} cannot be written to (read-only file or folder). Move it to a folder you "
                               "can write to, or open it read-only.")
    if reading:
        return StoreError(f"The library could not be read ({exc}). Nothing was changed.")
    if "full" in text:
        return StorageFull("The disk is full, so this change was not saved. Everything saved before is safe; free some space and try again.")
    if "readonly" in text or "read-only" in text or "read only" in text:
        return StorageReadOnly("The library cannot be written to (read-only file or folder), so this change was not saved. Everything saved before is safe.")
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreError(f"This change breaks a rule of the library and was not saved: {exc}")
    return StoreError(f"This change could not be saved: {exc}")


_TOUCH = "UPDATE workshops SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?"


class Library:
    """An open library file. Use :func:`open_library` to get one."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool, lock: LibraryLock | None) -> None:
        self._conn = conn
        self._db: sqlite_utils.Database | None = None
        self.path = path
        self.readonly = readonly
        self._lock = lock
        #: what the edits since the last :meth:`take_changes` wrote (tables, settings keys)
        self._changes = ChangeRecorder()
        self._changes.ignore.add(_TOUCH)  # bookkeeping for the home screen, not a change to show
        self._edit_depth = 0
        self._protected = str(path) != ":memory:"
        if self._protected:
            protect(path)  # no output of this process may write over it while it is open

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, made on first use: reading needs only
        sqlite3, so opening a workshop does not wait for sqlite-utils to import (start-up)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn, tracer=self._changes)
        return self._db

    @contextlib.contextmanager
    def edit(self) -> Iterator[sqlite_utils.Database]:
        """One user edit: a transaction (a savepoint when nested) with errors translated.

        What it writes is recorded (:meth:`take_changes`); an edit that fails records nothing."""
        if self.readonly:
            raise StorageReadOnly("This library was opened read-only; changes are not possible here.")
        self._edit_depth += 1
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as exc:
            if self._edit_depth == 1:
                self._changes.clear()
            raise _translate(exc) from exc
        except BaseException:
            if self._edit_depth == 1:
                self._changes.clear()
            raise
        finally:
            self._edit_depth -= 1

    def take_changes(self) -> Changes:
        """What the edits since the last call changed (tables, settings keys), as a typed
        notice; the record starts afresh."""
        return self._changes.take()

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Rows of a read-only query as dicts."""
        try:
            cursor = self._conn.execute(sql, params)
            columns = [c[0] for c in cursor.description or ()]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise _translate(exc, reading=True) from exc

    def query_rows(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        """Rows of a read-only query as tuples, in the order the query names its columns (for
        reads of thousands of rows, where building a dict per row is most of the cost)."""
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, reading=True) from exc

    def touch_workshop(self, workshop_id: int) -> None:
        """Record that a workshop changed (used by the home screen's ordering)."""
        self.db.execute(_TOUCH, [workshop_id])

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` plus a foreign key check; ['ok'] when all is well."""
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            def column(table: str, fkid: int) -> str:
                links = self.conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
                return next((f"{link[3]} -> {link[2]}" for link in links if link[0] == fkid), "?")

            rows = [r for r in rows if r != "ok"] + [
                f"foreign key broken in {t} row {rid} ({column(t, fkid)})" for t, rid, _parent, fkid in fk[:100]]
        return rows

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.conn.execute("PRAGMA optimize")
            self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._protected:
            release(self.path)
            self._protected = False

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _backup_before_migration(path: Path, version: int) -> Path:
    """Copy the library to ``<name>.v<version>-backup-<date>`` before upgrading it.

    The copy is made through the one output writer (:func:`~.safe_files.atomic_path`): under
    a temporary name, renamed when complete, so a crash mid-copy never leaves a half backup
    under the real name (nor blocks the next try).
    """
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-backup-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.v{version}-backup-{stamp}-{n}")
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with atomic_path(target, own_backup=True) as partial:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
    finally:
        src.close()
    return target


def _clean_leftovers(path: Path) -> None:
    """Remove what a killed process left beside the library: an import's scratch copies and
    half-made backups (only called while holding the library's lock)."""
    scratch = scratch_dir(path)
    if scratch.is_dir():
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)
    # the names ``.~<name>.v*-backup-*.tmp*`` and ``<name>.v*-backup-*.partial*``, matched by hand:
    # a glob compiles a regular expression per pattern, the largest part of this at start-up
    with os.scandir(path.parent) as entries:
        stale = [entry.path for entry in entries if _is_leftover(entry.name, path.name)]
    for name in stale:
        Path(name).unlink(missing_ok=True)


def _is_leftover(name: str, library: str) -> bool:
    """True for a half-made backup of the library called ``library`` (see :func:`_clean_leftovers`)."""
    for prefix, ending in ((f".~{library}.v", ".tmp"), (f"{library}.v", ".partial")):
        if name.startswith(prefix):
            backup = name.find("-backup-", len(prefix))
            if backup >= 0 and name.find(ending, backup + len("-backup-")) >= 0:
                return True
    return False


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"Could not switch the library to WAL mode (got {mode}).")
    conn.execute("PRAGMA synchronous = FULL")


def migrate(db: sqlite_utils.Database, *, target: int = SCHEMA_VERSION) -> None:
    """Run the missing migrations up to ``target``, each in its own transaction."""
    current = db.conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current, target):
        with db.atomic():
            run_step(db.conn, MIGRATIONS[version])
            db.conn.execute(f"PRAGMA user_version = {version + 1}")


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that sees what a running app has committed.

    A write-ahead-log library needs its ``-shm`` file to be read; in a read-only folder
    that cannot be created. Then, when no log with content exists (so nobody is writing),
    the file is read as immutable instead.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as exc:
        conn.close()
        fallback = inspection_uri(path)
        if fallback == uri:
            raise _translate(exc, reading=True) from exc
    conn = sqlite3.connect(fallback, uri=True, check_same_thread=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise _translate(exc, reading=True) from exc
    return conn


def memory_library() -> Library:
    """A new, empty library at the current version held in memory (to build a workshop
    file whose bytes then go through the one output writer)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    library = Library(conn, Path(":memory:"), readonly=False, lock=None)
    migrate(library.db)
    return library


def open_library(path: Path, *, readonly: bool = False, lock: bool = True,
                 target_version: int = SCHEMA_VERSION) -> Library:
    """Open (creating if needed) the library at ``path``.

    ``readonly=True`` opens without the lock and without writing anything: the CLI's
    list/export/check use it while the app has the library open. ``lock=False`` skips the
    one-app lock (tests and the crash-test child only). ``target_version`` exists for
    tests that need an old-version file.
    """
    path = Path(path)
    exists = path.exists()
    if readonly:
        if not exists:
            raise StoreError(f"There is no library at {path} yet. Start the app or run `tension-desktop demo` first.")
        version = inspect_file(path)
        if version < SCHEMA_VERSION:
            raise StoreError(f"{path} is at library version {version}; open it in the app once to upgrade it.")
        return Library(_connect_readonly(path), path, readonly=True, lock=None)  # inspect_file checked its shape

    # Refuse a file that is not ours before anything (even the lock file) is written beside it.
    version = inspect_file(path) if exists else 0
    library_lock = None
    if lock:
        library_lock = LibraryLock(path.resolve())  # one lock per file, however it is reached
        library_lock.acquire()
    try:
        if not exists and path.exists():  # created by someone else meanwhile
            version = inspect_file(path)
        if library_lock is not None:
            _clean_leftovers(path)
        # inspect_file already checked the table layout of a file at this version
        shape_checked = version == SCHEMA_VERSION
        if 0 < version < target_version:
            try:
                _backup_before_migration(path, version)
            except (OSError, sqlite3.Error) as exc:
                raise StoreError(f"Could not make a backup of {path} before upgrading it ({exc}), so it was not "
                                 "upgraded and nothing was changed. Free some space and try again.") from None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path)
        except sqlite3.Error as exc:
            raise _translate(exc, opening=path) from exc
        try:
            _configure(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise _translate(exc, opening=path) from exc
        except UnicodeDecodeError as exc:  # SQLite's message about a damaged page is not even text
            conn.close()
            raise LibraryRefused(f"{path} is damaged and cannot be read ({exc}). It was left untouched.") from None
        library = Library(conn, path, readonly=False, lock=library_lock)
        try:
            if version < target_version:  # sqlite-utils is imported only when a migration runs
                migrate(library.db, target=target_version)
        except UnicodeDecodeError as exc:
            conn.close()
            raise LibraryRefused(f"{path} is damaged and cannot be read ({exc}).") from None
        except sqlite3.Error as exc:
            conn.close()
            error = _translate(exc)
            if type(error) is StoreError:  # not a full disk or read-only folder: a migration step failed
                error = StoreError(f"Could not upgrade {path} to library version {target_version} ({exc}). "
                                   f"It was left at version {version}, unchanged.")
            raise error from exc
        if target_version == SCHEMA_VERSION and not shape_checked:
            try:
                check_shape(conn, path)
            except BaseException:
                conn.close()
                raise
        return library
    except BaseException as exc:
        if library_lock is not None:
            library_lock.release(remove=isinstance(exc, LibraryRefused))
        raise
