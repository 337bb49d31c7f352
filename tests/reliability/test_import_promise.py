"""The import promise: any workshop that imports opens every screen and exports every file.

A valid export of the demo is mutated (see :mod:`tests.reliability.import_mutations`) and
imported into a real library on disk. Either the import is refused with one line naming
the file and the record or field, and the library is unchanged (its workshop list and a
checksum of every table), or the workshop imported and every export succeeds: map CSV,
board CSV, covenant PDF with a handout per participant, session report PDF, and the
workshop again as .tension and .json (which imports again); the same for hand-edited
.tension files. The GUI half (every tab builds) is in tests/gui/test_import_promise_gui.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tension_desktop.export.board_csv import write_board_csv
from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.export.map_csv import write_map_csv
from tension_desktop.export.report_pdf import export_report
from tension_desktop.store import ImportRefused, transfer, workshops
from tests.reliability.import_mutations import base_export, library_state, mutated, write


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    return base_export(tmp_path_factory.mktemp("base"))


def export_everything(lib, wid: int, folder: Path) -> None:
    """Every file the app writes from a workshop; each must succeed."""
    assert write_map_csv(lib, wid, folder / "map.csv").stat().st_size > 0
    assert write_board_csv(lib, wid, folder / "board.csv").stat().st_size > 0
    people = lib.query("SELECT count(*) AS n FROM participants WHERE workshop_id = ?", (wid,))[0]["n"]
    results = export_covenant(lib, wid, folder / "covenant.pdf", per_participant=folder / "handouts",
                              missing="replace", allow_open_points=True)  # printed marked, listed
    assert len(results) == 1 + people
    assert all(r.path.stat().st_size > 0 for r in results)
    assert export_report(lib, wid, folder / "report.pdf", missing="replace").path.stat().st_size > 0
    transfer.export_workshop(lib, wid, folder / "again.tension")
    again = transfer.export_workshop(lib, wid, folder / "again.json")
    assert transfer.import_workshop(lib, again) > wid, "what imported once imports again"


def import_or_refused(lib, path: Path) -> int | None:
    """Import ``path``; on refusal check the promise of a refusal and return None."""
    before = library_state(lib)
    try:
        return transfer.import_workshop(lib, path)
    except ImportRefused as exc:
        message = str(exc)
        assert "\n" not in message and "\r" not in message, f"not one line: {message!r}"
        assert exc.file == path.name and message.startswith(path.name)
        assert exc.record or exc.field, f"names neither record nor field: {message}"
        message.encode("utf-8")  # printable on a UTF-8 terminal (no lone surrogates)
        assert library_state(lib) == before, "a refused import changed the library"
        return None


def test_the_unchanged_base_export_imports_and_exports_everything(lib, base, tmp_path):
    path = write(base, tmp_path / "base.json", ascii_only=False)
    new_id = import_or_refused(lib, path)
    assert new_id is not None
    export_everything(lib, new_id, tmp_path)


@settings(max_examples=50, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data(), ascii_only=st.booleans())
def test_any_workshop_that_imports_exports_every_file(lib, base, data, ascii_only):
    changed, what = data.draw(mutated(base))
    with tempfile.TemporaryDirectory() as folder:
        path = write(changed, Path(folder) / "mutated.json", ascii_only=ascii_only)
        new_id = import_or_refused(lib, path)
        event("imported" if new_id is not None else "refused")
        if new_id is not None:
            export_everything(lib, new_id, Path(folder))
            for wid in (new_id, *(w.id for w in workshops.list_workshops(lib) if w.id > new_id)):
                workshops.delete_workshop(lib, wid)  # keep the library small between examples


SQL_VALUES = st.one_of(
    st.sampled_from([None, b"", b"\x00\xff", b"ABC", 0, -1, 2**63 - 1, 1.5, float("inf"), "", " ", "x" * 5000,
                     "3", "third", "[]", "{}", "\U0001F600", "\u202e", "2026-13-01"]),
    st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), st.text(max_size=20), st.binary(max_size=8),
)


@pytest.fixture(scope="module")
def base_tension(base, tmp_path_factory) -> Path:
    from tests.reliability.import_mutations import tension_file

    return tension_file(base, tmp_path_factory.mktemp("tension"))


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_tension_file_that_imports_exports_every_file(lib, base_tension, data):
    """The same promise for a hand-edited .tension file: any SQLite value in any column
    (SQLite stores what it is given: text in a whole-number column, binary data in text)."""
    import sqlite3

    from tension_desktop.model import rules

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edited.tension"
        path.write_bytes(base_tension.read_bytes())
        conn = sqlite3.connect(path)
        try:
            for _ in range(data.draw(st.integers(1, 2))):
                table = data.draw(st.sampled_from(sorted(rules.table_rules())))
                column = data.draw(st.sampled_from(sorted(rules.table_rules()[table])))
                value = data.draw(SQL_VALUES)
                try:
                    conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = "
                                 f"(SELECT min(rowid) FROM {table})", [value])
                except (sqlite3.IntegrityError, OverflowError):
                    pass  # the schema's own constraints (NOT NULL, CHECK) keep this one out
            conn.commit()
        finally:
            conn.close()
        new_id = import_or_refused(lib, path)
        event("imported" if new_id is not None else "refused")
        if new_id is not None:
            export_everything(lib, new_id, Path(folder))
            for wid in (new_id, *(w.id for w in workshops.list_workshops(lib) if w.id > new_id)):
                workshops.delete_workshop(lib, wid)
