"""Moving one workshop between machines: a ``.tension`` file or a JSON file.

``.tension`` is an SQLite file with the library's identity (application id and schema
version) that holds exactly one team and one workshop. JSON holds the same rows as
plain objects (see README, "File formats"). Import is all-or-nothing: the file is first
loaded and checked in a scratch database, then copied into the library in one
transaction; any problem raises :class:`ImportRefused` naming file, record and field,
and the library is unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tension_desktop import __version__
from tension_desktop.model import Team, ValidationError, Workshop
from tension_desktop.model.rules import check_row, references

from .errors import ImportRefused, LibraryRefused, StorageFull, StorageReadOnly, StoreError
from .identity import SQLITE_HEADER, describe_problems, inspect_file, inspection_uri
from .library import Library, memory_library, open_library
from .rows import insert_row
from .safe_files import (
    refuse_library_path,
    scratch_dir,
    write_atomically,
)
from .schema import SCHEMA_VERSION, WORKSHOP_TABLES
from .workshops import copy_workshop_rows, find_or_create_team, get_workshop, team_name

JSON_FORMAT = "tension-desktop/workshop"
JSON_FORMAT_VERSION = 1

#: Top-level fields of the JSON form (see README, "File formats").
_JSON_FIELDS = {"format", "format_version", "schema_version", "exported_at", "exported_by", "team", "workshop",
                "tables"}


def _safe(text: object, limit: int = 60) -> str:
    """A name taken from a file, fit for a one-line message: control characters, lone
    surrogates and the like escaped, long names cut."""
    text = str(text)
    out = "".join(c if c.isprintable() and not "\ud800" <= c <= "\udfff" else ascii(c)[1:-1] for c in text)
    return out if len(out) <= limit else out[: limit - 3] + "..."


def _refuse_row(exc: ValidationError, name: str, record: str) -> ImportRefused:
    return ImportRefused(exc.message, file=name, record=record, field=_safe(exc.field))


def _check_links(source: Library, name: str, ws_id: int) -> None:
    """Rules between rows that the app keeps: a card is merged into a visible card only."""
    row = source.conn.execute(
        "SELECT r.id FROM risks r JOIN risks t ON t.id = r.merged_into "
        "WHERE r.workshop_id = ? AND (t.merged_into IS NOT NULL OR t.workshop_id != r.workshop_id) "
        "ORDER BY r.id LIMIT 1", (ws_id,)).fetchone()
    if row:
        raise ImportRefused("is merged into a card that is itself merged into another", file=name,
                            record=f"risks id {row[0]}", field="merged_into")


def _is_workshop_file(path: Path) -> bool:
    """True for a ``.tension`` file of ours holding exactly one workshop (an earlier export)."""
    try:
        inspect_file(path)
    except LibraryRefused:
        return False
    try:
        conn = sqlite3.connect(inspection_uri(path), uri=True)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("SELECT count(*) FROM workshops").fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _refuse_overwrite_of_foreign(out: Path, lib: Library | None = None) -> None:
    """An existing file at ``out`` is only replaced if it is one of our workshop files.

    The open library itself, a whole library (several workshops) and anything that is not
    ours are never overwritten.
    """
    refuse_library_path(out, lib.path if lib is not None else None, may_replace_workshop_file=True)
    if not out.exists():
        return
    if not out.is_file():
        raise StoreError(f"{out} exists and is not a file; it was left untouched. Choose another file name.")
    try:
        with out.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise StoreError(f"{out} exists and cannot be read ({exc.strerror or exc}); it was left untouched.") from None
    if out.suffix.lower() == ".json":
        try:
            if json.loads(out.read_text(encoding="utf-8")).get("format") == JSON_FORMAT:
                return
        except (ValueError, UnicodeDecodeError, AttributeError):
            pass
    elif head.startswith(SQLITE_HEADER) and _is_workshop_file(out):
        return
    raise StoreError(f"{out} exists and is not a Tension Desktop workshop file; it was left untouched. "
                     "Choose another file name.")


def export_workshop(lib: Library, workshop_id: int, out: Path) -> Path:
    """Write workshop ``workshop_id`` to ``out``: ``.json`` as JSON, anything else as ``.tension``."""
    out = Path(out)
    ws = get_workshop(lib, workshop_id)
    _refuse_overwrite_of_foreign(out, lib)
    if out.suffix.lower() == ".json":
        text = json.dumps(workshop_to_dict(lib, workshop_id), ensure_ascii=False, indent=1)
        return write_atomically(out, text.encode("utf-8"), library=lib.path, may_replace_workshop_file=True)
    target = memory_library()  # built in memory: a killed export leaves nothing behind
    try:
        with target.edit() as db:
            team_id = db.execute("INSERT INTO teams (name) VALUES (?)", [team_name(lib, ws.team_id)]).lastrowid
            new_id = db.execute("INSERT INTO workshops (team_id, title, date) VALUES (?, ?, ?)",
                                [team_id, ws.title, ws.date]).lastrowid
            copy_workshop_rows(target, workshop_id, new_id, source=lib)
        data = target.conn.serialize()
    finally:
        target.close()
    write_atomically(out, data, library=lib.path, may_replace_workshop_file=True)
    return out


def workshop_to_dict(lib: Library, workshop_id: int) -> dict:
    """The documented JSON form of one workshop."""
    ws = get_workshop(lib, workshop_id)
    tables = {}
    for table in WORKSHOP_TABLES:
        rows = lib.query(f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY rowid", (workshop_id,))
        tables[table] = [{k: v for k, v in r.items() if k != "workshop_id"} for r in rows]
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "exported_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "exported_by": f"Tension Desktop {__version__}",
        "team": {"name": team_name(lib, ws.team_id)},
        "workshop": {"title": ws.title, "date": ws.date},
        "tables": tables,
    }


def _load_json_into(scratch: Library, path: Path, name: str) -> None:
    """Check the JSON file's outline and every record against the model's rules
    (:mod:`tension_desktop.model.rules`), then load it into the scratch library."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # a byte-order mark from Windows editors is fine
    except UnicodeDecodeError:
        raise ImportRefused("is not UTF-8 text", file=name) from None
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", file=name) from None
    except RecursionError:
        raise ImportRefused("is nested too deeply to be a workshop file", file=name) from None
    except OSError as exc:
        raise ImportRefused(f"cannot be read ({exc.strerror or exc})", file=name) from None
    except ValueError:  # a number of thousands of digits
        raise ImportRefused("holds a number too long to be read", file=name) from None
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise ImportRefused(f"is not a Tension Desktop workshop file (no \"format\": \"{JSON_FORMAT}\")", file=name,
                            field="format")
    for key in ("format_version", "schema_version"):
        value = data.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ImportRefused("must be a whole number", file=name, field=key)
    for key, newest in (("format_version", JSON_FORMAT_VERSION), ("schema_version", SCHEMA_VERSION)):
        if data.get(key, 0) > newest:
            raise ImportRefused("was written by a newer Tension Desktop; update the app to import it", file=name,
                                field=key)
    unknown = sorted(str(k) for k in set(data) - _JSON_FIELDS)
    if unknown:
        raise ImportRefused("is not a field of this version", file=name, field=_safe(unknown[0]))
    team = data.get("team") or {}
    workshop = data.get("workshop") or {}
    for record, value, fields in (("team", team, {"name"}), ("workshop", workshop, {"title", "date"})):
        if not isinstance(value, dict):
            raise ImportRefused("must be an object", file=name, record=record)
        extra = sorted(str(k) for k in set(value) - fields)
        if extra:
            raise ImportRefused("is not a field of this version", file=name, record=record, field=_safe(extra[0]))
    if not isinstance(team.get("name", ""), str):
        raise ImportRefused("must be text", file=name, record="team", field="name")
    try:
        ws = Workshop(team_id=0, title=workshop.get("title"), date=workshop.get("date", ""))
        tname = Team(name=(team.get("name") or "").strip() or "Imported team").name
    except ValidationError as exc:
        record = "team" if exc.field.startswith("team") else "workshop"
        raise ImportRefused(exc.message, file=name, record=record, field=exc.field) from None
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ImportRefused("must be an object holding the tables", file=name, field="tables")
    unknown = sorted(set(tables) - set(WORKSHOP_TABLES))
    if unknown:
        raise ImportRefused("is not a table of this version", file=name, record=_safe(unknown[0]))
    db = scratch.db
    with scratch.edit():
        team_id = db.execute("INSERT INTO teams (name) VALUES (?)", [tname]).lastrowid
        ws_id = db.execute("INSERT INTO workshops (id, team_id, title, date) VALUES (1, ?, ?, ?)",
                           [team_id, ws.title, ws.date]).lastrowid
        for table in WORKSHOP_TABLES:
            rows = tables.get(table, [])
            if not isinstance(rows, list):
                raise ImportRefused("must be a list of records", file=name, record=table)
            refs = references(table)
            pending: list[tuple[int, int, dict[str, int]]] = []
            for index, row in enumerate(rows):
                record = f"{table}[{index}]"
                if not isinstance(row, dict):
                    raise ImportRefused("must be an object", file=name, record=record)
                try:
                    row = check_row(table, row, fill_defaults=True)
                except ValidationError as exc:
                    raise _refuse_row(exc, name, record) from None
                for col, ref in refs.items():
                    if row.get(col) is not None and ref != table:
                        found = db.execute(f"SELECT 1 FROM {ref} WHERE id = ? AND workshop_id = ?",
                                           [row[col], ws_id]).fetchone()
                        if not found:
                            raise ImportRefused(f"refers to {ref} id {row[col]}, which is not in the file",
                                                file=name, record=record, field=col)
                # a link within the table (a risk merged into a later one) is set once all rows are in
                self_links = {c: row[c] for c, ref in refs.items() if ref == table and row.get(c) is not None}
                if self_links:
                    pending.append((index, row["id"], self_links))
                values = {**{k: (None if k in self_links else v) for k, v in row.items()}, "workshop_id": ws_id}
                cols = list(values)
                try:
                    insert_row(db, table, values)
                except sqlite3.Error as exc:
                    field = next((c for c in cols if f"{table}.{c}" in str(exc)), "")
                    raise ImportRefused(f"breaks a rule ({exc})", file=name, record=record, field=field) from None
            for index, row_id, links in pending:
                for col, target in links.items():
                    if not db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [target]).fetchone():
                        raise ImportRefused(f"refers to {table} id {target}, which is not in the file",
                                            file=name, record=f"{table}[{index}]", field=col)
                    db.execute(f"UPDATE {table} SET {col} = ? WHERE id = ?", [target, row_id])


def _refuse_cut_short(path: Path, name: str) -> None:
    """A ``.tension`` file is whole database pages; one cut short (a USB stick pulled too
    early) is refused even where SQLite would read the missing bytes as zeros."""
    with path.open("rb") as fh:
        header = fh.read(100)
    size = path.stat().st_size
    page_size = int.from_bytes(header[16:18], "big") if len(header) == 100 else 0
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big") if header[92:96] == header[24:28] else 0
    expected = max(pages * page_size, page_size)
    if page_size < 512 or size % page_size or size < expected:
        raise ImportRefused(f"is cut short ({size} bytes, a whole file has {expected}); copy it again",
                            file=name)


def _open_tension_copy(path: Path, workdir: Path, name: str) -> Library:
    _refuse_cut_short(path, name)  # first: a cut file may have lost part of its schema
    try:
        inspect_file(path)
    except LibraryRefused as exc:
        raise ImportRefused(str(exc), file=name) from None
    copy = workdir / "incoming.tension"
    shutil.copyfile(path, copy)
    try:
        return open_library(copy, lock=False)
    except (StorageFull, StorageReadOnly):
        raise
    except (StoreError, sqlite3.Error, UnicodeDecodeError) as exc:
        raise ImportRefused(str(exc).replace(str(copy), "the file"), file=name) from None


def _check_source(source: Library, name: str) -> None:
    """Refuse a damaged source, or one whose rows point at rows that are not there."""
    rows = [r[0] for r in source.conn.execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        raise ImportRefused(f"is damaged ({describe_problems(rows)})", file=name)
    broken = source.conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken:
        table, rowid, parent, fkid = broken
        column = next((fk[3] for fk in source.conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
                       if fk[0] == fkid), "")
        record = f"{table} id {rowid}" if table in _HAS_ID else f"{table} row {rowid}"
        raise ImportRefused(f"refers to a {parent} row that is not in the file", file=name, record=record,
                            field=column)


_HAS_ID = {"teams", "workshops", *(t for t in WORKSHOP_TABLES if t != "workshop_settings")}


def _columns(library: Library, table: str) -> list[str]:
    return list(library.db[table].columns_dict)


def _check_rows(source: Library, lib: Library, name: str, src_ws: dict) -> str:
    """Apply the model's rules (:mod:`tension_desktop.model.rules`) to every row the file
    brings, the same rules for ``.tension`` and ``.json``; return the team name.

    A file made by hand (or by a newer, more lenient version) may hold what the library's
    own constraints allow but the app cannot show: a position that is text, an empty name,
    a setting of the wrong shape, binary data where text belongs, a column this version
    does not know.
    """
    tname = team_name(source, src_ws["team_id"])
    try:
        tname = Team(name="Imported team" if isinstance(tname, str) and not tname.strip() else tname).name
        Workshop(team_id=0, title=src_ws["title"], date=src_ws["date"])
    except ValidationError as exc:
        record = "team" if exc.field.startswith("team") else "workshop"
        raise ImportRefused(exc.message, file=name, record=record, field=exc.field) from None
    for table in WORKSHOP_TABLES:
        extra = sorted(set(_columns(source, table)) - set(_columns(lib, table)))
        if extra:
            raise ImportRefused("is a field this version does not know", file=name, record=table,
                                field=_safe(extra[0]))
        for row in source.query(f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY rowid", (src_ws["id"],)):
            try:
                check_row(table, row)
            except ValidationError as exc:
                record = f"{table} id {row['id']}" if "id" in row else f"{table} {_safe(row.get('key', ''))}"
                raise _refuse_row(exc, name, record) from None
    _check_links(source, name, src_ws["id"])
    return tname


@contextlib.contextmanager
def _scratch_folder(lib: Library) -> Iterator[str]:
    """A scratch folder for one import, beside the library rather than in the system temp
    folder: what a killed import leaves there is removed when the library is next opened."""
    scratch = scratch_dir(Path(lib.path))
    scratch.mkdir(exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="import-", dir=scratch) as workdir:
            yield workdir
    finally:
        with contextlib.suppress(OSError):
            scratch.rmdir()  # only when empty: another import may still use it


def import_workshop(lib: Library, path: Path) -> int:
    """Import a ``.tension`` or ``.json`` workshop file; returns the new workshop id."""
    path = Path(path)
    name = _safe(path.name, limit=120)
    if not path.is_file():
        raise ImportRefused("does not exist or is not a file", file=_safe(path, limit=200))
    with path.open("rb") as fh:
        is_sqlite = fh.read(16) == SQLITE_HEADER
    with _scratch_folder(lib) as workdir:
        if is_sqlite:
            source = _open_tension_copy(path, Path(workdir), name)
        else:
            source = open_library(Path(workdir) / "scratch.tension", lock=False)
            try:
                _load_json_into(source, path, name)
            except BaseException:
                source.close()
                raise
        try:
            try:
                _check_source(source, name)
                workshops = source.query("SELECT * FROM workshops ORDER BY id")
                if len(workshops) != 1:
                    raise ImportRefused(f"holds {len(workshops)} workshops; a workshop file holds exactly one",
                                        file=name)
                src_ws = workshops[0]
                tname = _check_rows(source, lib, name, src_ws)
            except (ImportRefused, StorageFull, StorageReadOnly):
                raise
            except (StoreError, sqlite3.Error, UnicodeDecodeError) as exc:  # damage the quick check missed
                raise ImportRefused(f"is damaged and cannot be read ({exc})", file=name) from None
            try:
                with lib.edit() as db:
                    team = find_or_create_team(lib, tname)
                    new_id = db.execute("INSERT INTO workshops (team_id, title, date) VALUES (?, ?, ?)",
                                        [team.id, src_ws["title"], src_ws["date"]]).lastrowid
                    copy_workshop_rows(lib, src_ws["id"], new_id, source=source)
            except (StorageFull, StorageReadOnly):
                raise
            except (StoreError, KeyError) as exc:  # a rule of the library the file breaks
                raise ImportRefused(f"could not be imported: {exc}", file=name) from None
            return new_id
        finally:
            source.close()
