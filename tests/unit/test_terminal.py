"""Text never controls the terminal, and every failure is one line on stderr.

The class: any text that reaches the terminal from the user (titles, names, file names,
arguments, the text an error quotes) shows control characters as visible escapes, on
every command and every error path; a failure is exactly one line.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tension_desktop.model.covenant import CovenantItem
from tension_desktop.store import covenant, library_path, open_library, people, workshops
from tension_desktop.terminal import CONTROL_CLASS, one_line, printable, summary

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}

#: Text that would retitle, clear, recolour or reorder a terminal if printed raw.
HOSTILE = ["\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x9b31mred", "del\x7f\x7f", "bell\x07", "\x1bc",
           "\u202eevil\u202c", "\u2066iso\u2069", "cr\roverwrite", "two\nlines", "\x85next"]
#: What the coach's own output may contain: letters, line feeds between lines, a tab between columns.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data), *args], cwd=ROOT,
                          env=ENV, capture_output=True, text=True, timeout=120, errors="surrogateescape")


def assert_clean(text: str) -> None:
    assert not RAW.search(text), f"raw control characters reach the terminal: {text!r}"


def assert_one_line_failure(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert_clean(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tension-desktop: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# -- the helpers ------------------------------------------------------------------------------------


@given(st.text())
def test_printable_leaves_no_control_character_and_keeps_one_line(text):
    shown = printable(text)
    assert not re.search(CONTROL_CLASS, shown)
    assert len(shown.splitlines()) <= 1
    assert not RAW.search(one_line(text)) and len(one_line(text).splitlines()) <= 1


@pytest.mark.parametrize("code", [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
                                  *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029, 0xD800])
def test_every_terminal_control_is_shown_as_an_escape(code):
    shown = printable(f"a{chr(code)}b")
    assert shown.startswith("a\\") and shown.endswith("b") and len(shown) > 3


def test_ordinary_text_of_any_script_is_printed_as_typed():
    text = "Σοφία Ιωάννου · Дмитрий · 数据驻留 · لا استثناء · 👩‍👩‍👧 · café \\x1b"
    assert printable(text) == text


def test_sqlite_reports_spanning_lines_become_one_line_of_problems():
    from tension_desktop.store.identity import describe_problems

    rows = ["*** in database main ***\nOn tree page 5 cell 11: Offset 65535 out of range\n"
            "On tree page 5 cell 10: Offset 65535 out of range\nOn tree page 5 cell 9: bad",
            "On tree page 5 cell 8: bad", "database disk image is malformed"]
    assert describe_problems(rows) == ("On tree page 5 cell 11: Offset 65535 out of range; "
                                       "On tree page 5 cell 10: Offset 65535 out of range; "
                                       "On tree page 5 cell 9: bad and 2 more")


def test_summary_names_the_first_and_counts_the_rest():
    assert summary(["a", "b"]) == "a; b"
    assert summary(map(str, range(7))) == "0; 1; 2 and 4 more"


# -- the command line -------------------------------------------------------------------------------


@pytest.fixture
def hostile_library(tmp_path) -> Path:
    """A library whose team names, workshop titles and participants hold terminal controls."""
    data = tmp_path / "data"
    lib = open_library(library_path(data))
    try:
        for n, text in enumerate(HOSTILE):
            ws = workshops.create_workshop(lib, f"Team {text}", f"Title {text}")
            people.add_participant(lib, ws.id, f"P{n} {text}")
    finally:
        lib.close()
    return data


def test_list_shows_every_hostile_title_escaped(hostile_library):
    result = cli(hostile_library, "list")
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 * len(HOSTILE)  # each team and each workshop on its own line, no more
    for text in HOSTILE:
        assert f"Title {printable(text)}" in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\x9b31mred" in result.stdout and "\\u202eevil" in result.stdout


def test_list_json_escapes_them_and_still_gives_the_exact_titles(hostile_library):
    result = cli(hostile_library, "list", "--json")
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout)
    titles = {w["title"] for t in json.loads(result.stdout) for w in t["workshops"]}
    stored_titles = set()
    with open_library(library_path(hostile_library), readonly=True) as lib:
        stored_titles = {w.title for w in workshops.list_workshops(lib)}
    assert titles == stored_titles and "Title \x1b]0;pwned\x07" in titles


@pytest.mark.parametrize("name", ["evil\x1b]0;pwned\x07.json", "clear\x1b[2J.tension", "csi\x9b31m.json",
                                  "bidi\u202egnp.json", "line\nbreak.json"])
def test_errors_naming_a_file_show_its_name_escaped_on_one_line(tmp_path, name):
    data = tmp_path / "data"
    assert_one_line_failure(cli(data, "import", str(tmp_path / name)), printable(name), "does not exist")
    bad = tmp_path / name
    bad.write_text("not JSON at all")
    assert_one_line_failure(cli(data, "import", str(bad)), printable(name))
    # an export to a folder that does not exist names the path (OSError)
    lib = open_library(library_path(data))
    wid = workshops.create_workshop(lib, "T", "W").id
    lib.close()
    for what in ("map", "board", "report", "covenant"):
        assert_one_line_failure(cli(data, "export", what, str(wid), "--out", str(tmp_path / name / "missing" / "x")),
                                printable(name))


def test_a_file_name_with_controls_is_echoed_escaped_after_a_good_export(tmp_path):
    data = tmp_path / "data"
    wid = cli(data, "demo").stdout.strip()
    for what in ("map", "board", "workshop", "report", "covenant"):
        out = tmp_path / f"{what}\x1b]0;pwned\x07\x9b2J.out"
        result = cli(data, "export", what, wid, "--out", str(out))
        assert result.returncode == 0, (what, result.stderr)
        assert_clean(result.stdout)
        assert printable(out) in result.stdout and out.exists()


def test_undecodable_bytes_in_a_file_name_give_one_line_not_a_traceback(tmp_path):
    data = tmp_path / "data"
    name = os.fsdecode(b"bad\xff\x1b[2J.json")
    result = cli(data, "import", str(tmp_path / name))
    assert_one_line_failure(result, "does not exist")


def test_usage_errors_quote_arguments_escaped(tmp_path):
    result = cli(tmp_path, "export", "workshop", "\x1b]0;pwned\x07", "--out", "x.json")
    assert result.returncode == 2
    assert_clean(result.stderr)
    assert "\\x1b]0;pwned\\x07" in result.stderr


# -- every multi-line error path is one line -------------------------------------------------------


def test_unprintable_text_in_many_fields_is_one_line_naming_the_first_and_counting_the_rest(tmp_path):
    data = tmp_path / "data"
    with open_library(library_path(data)) as lib:
        wid = workshops.create_workshop(lib, "T", "W").id
        for n in range(6):
            covenant.add_item(lib, wid, CovenantItem(kind="protected", text=f"Runes {n}\nᚠᚢᚦ\x1b[2J line two"))
    for what in ("covenant", "report"):
        line = assert_one_line_failure(cli(data, "export", what, str(wid), "--out", str(tmp_path / "x.pdf")),
                                       "protected item", "ᚠᚢᚦ", "--replace-missing")
        assert "Runes 0 ᚠᚢᚦ" in line and "and 3 more" in line, line
        assert not (tmp_path / "x.pdf").exists() or (tmp_path / "x.pdf").stat().st_size > 0


def test_check_with_many_broken_links_is_one_line_with_a_count(tmp_path):
    data = tmp_path / "data"
    wid = cli(data, "demo").stdout.strip()
    conn = sqlite3.connect(library_path(data))  # foreign keys are off in a bare connection
    conn.execute("DELETE FROM participants WHERE workshop_id = ?", [int(wid)])
    conn.commit()
    broken = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    conn.close()
    assert broken > 3
    line = assert_one_line_failure(cli(data, "check"), "foreign key broken in", f"and {min(broken, 100) - 3} more")
    assert line.count("foreign key broken") == 3


def test_a_damaged_page_is_reported_on_one_line_by_every_command(tmp_path):
    """SQLite's integrity messages span lines ("*** in database main ***\\n..."): still one line."""
    data = tmp_path / "data"
    cli(data, "demo")
    path = library_path(data)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'").fetchone()[0]
    conn.close()
    raw = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    raw[start + 8: start + 40] = b"\xff" * 32  # garbage cell pointers on the participants page
    path.write_bytes(bytes(raw))
    for args in (["check"], ["list"], ["demo"], ["export", "map", "1", "--out", str(tmp_path / "m.csv")]):
        line = assert_one_line_failure(cli(data, *args), "damaged")
        assert "*** in database" not in line
        if "On tree page" in line:  # SQLite's report: the first three problems and a count
            assert line.count("On tree page") == 3 and " more" in line, line


def test_an_index_missing_rows_is_reported_as_the_first_three_and_a_count(tmp_path):
    """``check`` on a library whose index lacks rows (quick_check passes, integrity_check
    lists one row per problem): one line, three problems named, the rest counted."""
    data = tmp_path / "data"
    cli(data, "demo")
    conn = sqlite3.connect(library_path(data))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA writable_schema=ON")  # the index now claims to cover another column
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX placements_workshop ON placements(id)' "
                 "WHERE name = 'placements_workshop'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(library_path(data))
    problems = len(conn.execute("PRAGMA integrity_check").fetchall())
    conn.close()
    assert problems > 3
    line = assert_one_line_failure(cli(data, "check"), "missing from index placements_workshop",
                                   f"and {problems - 3} more")
    assert line.count("missing from index") == 3


def test_a_command_that_forgets_to_escape_still_cannot_control_the_terminal(monkeypatch, capsys, tmp_path):
    """The last defence: while a command runs, stdout and stderr escape controls themselves,
    and the error printer makes any message one line."""
    from tension_desktop import cli as cli_module
    from tension_desktop.store import StoreError

    def careless(args) -> int:
        print("title \x1b]0;pwned\x07 \x9b2J \u202eevil\tcolumn")
        print("warning \x1b[2J", file=sys.stderr)
        raise StoreError("first line\nsecond line \x1b[31m")

    monkeypatch.setitem(cli_module.COMMANDS, "check", careless)  # any command may be the careless one
    assert cli_module.main(["--data-dir", str(tmp_path), "check"]) == 1
    out, err = capsys.readouterr()
    assert out == "title \\x1b]0;pwned\\x07 \\x9b2J \\u202eevil\tcolumn\n"  # the tab of a layout stays
    assert err.splitlines() == ["warning \\x1b[2J", "tension-desktop: first line\\nsecond line \\x1b[31m"]
    assert sys.stdout is not None and "Escaping" not in type(sys.stdout).__name__  # streams restored
