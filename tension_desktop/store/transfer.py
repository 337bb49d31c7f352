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
from collections.abc import Callable, Iterator
from pathlib import Path

from tension_desktop import __version__
from tension_desktop.model import (
    AgendaPhase,
    BoardCard,
    BoardElement,
    Commitment,
    CovenantItem,
    DecisionRight,
    EscalationThreshold,
    GateDecision,
    Initiative,
    Participant,
    Placement,
    PulseCheck,
    Risk,
    Team,
    ValidationError,
    Workshop,
)

from .errors import ImportRefused, LibraryRefused, StorageFull, StorageReadOnly, StoreError
from .identity import SQLITE_HEADER, describe_problems, inspect_file, inspection_uri
from .library import Library, memory_library, open_library
from .safe_files import (
    refuse_library_path,
    scratch_dir,
    write_atomically,
)
from .schema import SCHEMA_VERSION, WORKSHOP_TABLES
from .workshops import copy_workshop_rows, find_or_create_team, get_workshop, team_name

JSON_FORMAT = "tension-desktop/workshop"
JSON_FORMAT_VERSION = 1

def _json_setting(row: dict) -> None:
    key, value = row.get("key"), row.get("value")
    if not isinstance(key, str) or not key:
        raise ValidationError("key", "a setting needs a name")
    if not isinstance(value, str):
        raise ValidationError("value", "a setting's value is JSON text")
    try:
        json.loads(value)
    except ValueError:
        raise ValidationError("value", "a setting's value is JSON text, and this is not valid JSON") from None


def _json_text_list(field: str, value: object) -> tuple[str, ...]:
    """A column holding a JSON list of texts (agenda prompts), as the app reads it."""
    try:
        items = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        items = None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValidationError(field, "must be JSON text holding a list of texts, e.g. [\"Why?\"]")
    return tuple(items)


#: Model checks for rows coming from a JSON file, by table.
_VALIDATORS: dict[str, Callable[[dict], object]] = {
    "participants": lambda r: Participant(name=r.get("name"), role=r.get("role", ""), colour=r.get("colour", "")),
    "initiatives": lambda r: Initiative(title=r.get("title"), description=r.get("description", ""),
                                        stage=r.get("stage", "discover")),
    "placements": lambda r: Placement(initiative_id=r.get("initiative_id"), x=r.get("x"), y=r.get("y"),
                                      round=r.get("round"), participant_id=r.get("participant_id")),
    "board_elements": lambda r: BoardElement(text=r.get("text"), agreed_column=r.get("agreed_column")),
    "board_cards": lambda r: BoardCard(element_id=r.get("element_id"), participant_id=r.get("participant_id"),
                                       column=r.get("column_key"), position=r.get("position", 0),
                                       rationale=r.get("rationale", "")),
    "risks": lambda r: Risk(text=r.get("text"), category=r.get("category", "technical"),
                            mitigation=r.get("mitigation", "")),
    "covenant_items": lambda r: CovenantItem(kind=r.get("kind"), text=r.get("text"), limit=r.get("limit_text", "")),
    "thresholds": lambda r: EscalationThreshold(metric=r.get("metric"), threshold=r.get("threshold", ""),
                                                lever=r.get("lever", ""), draft_for=r.get("draft_for", ""),
                                                overrides=r.get("overrides", "")),
    "commitments": lambda r: Commitment(kind=r.get("kind"), text=r.get("text", ""), due_date=r.get("due_date", ""),
                                        status=r.get("status", "open")),
    "workshop_settings": lambda r: _json_setting(r),
    "decisions": lambda r: DecisionRight(decision=r.get("decision"), required_inputs=r.get("required_inputs", ""),
                                         decide_by=r.get("decide_by", ""), escalation=r.get("escalation", "")),
    "gate_decisions": lambda r: GateDecision(initiative_id=r.get("initiative_id"), from_stage=r.get("from_stage"),
                                             to_stage=r.get("to_stage"), evidence=r.get("evidence", ""),
                                             rollback=r.get("rollback", ""), review_date=r.get("review_date", "")),
    "pulse_checks": lambda r: PulseCheck(participant_id=r.get("participant_id"), rationale=r.get("rationale"),
                                         fairness=r.get("fairness"), escalation=r.get("escalation")),
    "agenda_phases": lambda r: AgendaPhase(title=r.get("title"), minutes=r.get("minutes", 0),
                                           exercise=r.get("exercise", ""),
                                           prompts=_json_text_list("phase prompts", r.get("prompts", "[]"))),
}


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


def _load_json_into(scratch: Library, path: Path) -> None:
    name = path.name
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
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise ImportRefused(f"is not a Tension Desktop workshop file (no \"format\": \"{JSON_FORMAT}\")", file=name)
    if data.get("format_version", 0) > JSON_FORMAT_VERSION:
        raise ImportRefused("was written by a newer Tension Desktop; update the app to import it", file=name)
    team = data.get("team") or {}
    workshop = data.get("workshop") or {}
    for record, value in (("team", team), ("workshop", workshop)):
        if not isinstance(value, dict):
            raise ImportRefused("must be an object", file=name, record=record)
    if not isinstance(team.get("name", ""), str):
        raise ImportRefused("must be text", file=name, record="team", field="name")
    try:
        ws = Workshop(team_id=0, title=workshop.get("title"), date=workshop.get("date", ""))
        tname = (team.get("name") or "").strip() or "Imported team"
    except ValidationError as exc:
        raise ImportRefused(exc.message, file=name, record="workshop", field=exc.field) from None
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ImportRefused("has no \"tables\" object", file=name)
    unknown = set(tables) - set(WORKSHOP_TABLES)
    if unknown:
        raise ImportRefused(f"holds unknown tables: {', '.join(sorted(unknown))}", file=name)
    db = scratch.db
    with scratch.edit():
        team_id = db.execute("INSERT INTO teams (name) VALUES (?)", [tname]).lastrowid
        ws_id = db.execute("INSERT INTO workshops (id, team_id, title, date) VALUES (1, ?, ?, ?)",
                           [team_id, ws.title, ws.date]).lastrowid
        for table in WORKSHOP_TABLES:
            rows = tables.get(table, [])
            if not isinstance(rows, list):
                raise ImportRefused("must be a list of records", file=name, record=table)
            columns = {c.name for c in db[table].columns} - {"workshop_id"}
            pending: list[tuple[int, int, dict[str, int]]] = []
            for index, row in enumerate(rows):
                record = f"{table}[{index}]"
                if not isinstance(row, dict):
                    raise ImportRefused("must be an object", file=name, record=record)
                extra = set(row) - columns
                if extra:
                    raise ImportRefused(f"unknown field(s) {', '.join(sorted(extra))}", file=name, record=record,
                                        field=sorted(extra)[0])
                for key, value in row.items():
                    if isinstance(value, list | dict):
                        raise ImportRefused("must be text or a number, not a list or object", file=name,
                                            record=record, field=key)
                    if isinstance(value, int) and not -(2**63) <= value < 2**63:
                        raise ImportRefused("is too large a number", file=name, record=record, field=key)
                if table != "workshop_settings" and not isinstance(row.get("id"), int):
                    raise ImportRefused("needs a whole-number id", file=name, record=record, field="id")
                validator = _VALIDATORS.get(table)
                if validator:
                    try:
                        validator(row)
                    except ValidationError as exc:
                        raise ImportRefused(exc.message, file=name, record=record, field=exc.field) from None
                for col, ref in WORKSHOP_TABLES[table].items():
                    if row.get(col) is not None and ref != table:
                        found = db.execute(f"SELECT 1 FROM {ref} WHERE id = ? AND workshop_id = ?",
                                           [row[col], ws_id]).fetchone()
                        if not found:
                            raise ImportRefused(f"refers to {ref} id {row[col]}, which is not in the file",
                                                file=name, record=record, field=col)
                # a link within the table (a risk merged into a later one) is set once all rows are in
                self_links = {c: row[c] for c, ref in WORKSHOP_TABLES[table].items()
                              if ref == table and row.get(c) is not None}
                if self_links:
                    pending.append((index, row["id"], self_links))
                values = {k: (None if k in self_links else v) for k, v in row.items()}
                cols = list(values) + ["workshop_id"]
                try:
                    db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                               [*values.values(), ws_id])
                except sqlite3.Error as exc:
                    raise ImportRefused(f"breaks a rule ({exc})", file=name, record=record) from None
            for index, row_id, links in pending:
                for col, target in links.items():
                    if not db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [target]).fetchone():
                        raise ImportRefused(f"refers to {table} id {target}, which is not in the file",
                                            file=name, record=f"{table}[{index}]", field=col)
                    db.execute(f"UPDATE {table} SET {col} = ? WHERE id = ?", [target, row_id])


def _refuse_cut_short(path: Path) -> None:
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
                            file=path.name)


def _open_tension_copy(path: Path, workdir: Path) -> Library:
    _refuse_cut_short(path)  # first: a cut file may have lost part of its schema
    try:
        inspect_file(path)
    except LibraryRefused as exc:
        raise ImportRefused(str(exc), file=path.name) from None
    copy = workdir / "incoming.tension"
    shutil.copyfile(path, copy)
    try:
        return open_library(copy, lock=False)
    except (StorageFull, StorageReadOnly):
        raise
    except (StoreError, sqlite3.Error, UnicodeDecodeError) as exc:
        raise ImportRefused(str(exc).replace(str(copy), "the file"), file=path.name) from None


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
    return [r[1] for r in library.conn.execute(f"PRAGMA table_info({table})").fetchall()]


def _check_rows(source: Library, lib: Library, name: str, src_ws: dict) -> str:
    """Apply the model's rules to every row a ``.tension`` file brings; return the team name.

    A file made by hand (or by a newer, more lenient version) may hold what the library's
    own constraints allow but the app cannot show: an empty name, a colour that is not a
    colour, a column this version does not know.
    """
    tname = team_name(source, src_ws["team_id"]).strip() or "Imported team"
    try:
        Team(name=tname)
        Workshop(team_id=0, title=src_ws["title"], date=src_ws["date"])
    except ValidationError as exc:
        raise ImportRefused(exc.message, file=name, record="workshop", field=exc.field) from None
    for table in WORKSHOP_TABLES:
        extra = sorted(set(_columns(source, table)) - set(_columns(lib, table)))
        if extra:
            raise ImportRefused(f"has field(s) this version does not know: {', '.join(extra)}", file=name,
                                record=table, field=extra[0])
        validator = _VALIDATORS.get(table)
        if validator is None:
            continue
        for row in source.query(f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY rowid", (src_ws["id"],)):
            try:
                validator(row)
            except ValidationError as exc:
                record = f"{table} id {row['id']}" if "id" in row else f"{table} {row.get('key', '')}"
                raise ImportRefused(exc.message, file=name, record=record, field=exc.field) from None
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
    if not path.is_file():
        raise ImportRefused("does not exist or is not a file", file=str(path))
    with path.open("rb") as fh:
        is_sqlite = fh.read(16) == SQLITE_HEADER
    with _scratch_folder(lib) as workdir:
        if is_sqlite:
            source = _open_tension_copy(path, Path(workdir))
        else:
            source = open_library(Path(workdir) / "scratch.tension", lock=False)
            try:
                _load_json_into(source, path)
            except BaseException:
                source.close()
                raise
        try:
            try:
                _check_source(source, path.name)
                workshops = source.query("SELECT * FROM workshops ORDER BY id")
                if len(workshops) != 1:
                    raise ImportRefused(f"holds {len(workshops)} workshops; a workshop file holds exactly one",
                                        file=path.name)
                src_ws = workshops[0]
                tname = _check_rows(source, lib, path.name, src_ws)
            except (ImportRefused, StorageFull, StorageReadOnly):
                raise
            except (StoreError, sqlite3.Error, UnicodeDecodeError) as exc:  # damage the quick check missed
                raise ImportRefused(f"is damaged and cannot be read ({exc})", file=path.name) from None
            try:
                with lib.edit() as db:
                    team = find_or_create_team(lib, tname)
                    new_id = db.execute("INSERT INTO workshops (team_id, title, date) VALUES (?, ?, ?)",
                                        [team.id, src_ws["title"], src_ws["date"]]).lastrowid
                    copy_workshop_rows(lib, src_ws["id"], new_id, source=source)
            except (StorageFull, StorageReadOnly):
                raise
            except (StoreError, KeyError) as exc:  # a rule of the library the file breaks
                raise ImportRefused(f"could not be imported: {exc}", file=path.name) from None
            return new_id
        finally:
            source.close()
