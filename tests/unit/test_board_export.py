"""Board CSV: one row per card, disputes first, any language, no spreadsheet formulas; CLI."""

from __future__ import annotations

import csv
import subprocess
import sys

from tension_desktop.cli import main
from tension_desktop.export.board_csv import HEADER, board_rows, write_board_csv
from tension_desktop.store import board, library_path, people, workshops


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_has_one_row_per_card_with_split_and_conflict(demo_lib, tmp_path):
    rows = _read(write_board_csv(demo_lib, demo_lib.demo_id, tmp_path / "b.csv"))
    assert rows[0] == HEADER
    cards = board.list_cards(demo_lib, demo_lib.demo_id)
    assert len(rows) - 1 == len(cards)
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first["hidden_conflict"] == "yes" and first["split"].startswith("Must protect ")
    assert first["rationale"]


def test_csv_keeps_non_latin_text_and_defuses_formulas(lib, tmp_path):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    pid = people.add_participant(lib, ws.id, "Σοφία", "CFO").id
    a, b = board.add_elements(lib, ws.id, ["数据驻留 в ЕС", "=HYPERLINK(\"x\")"], None)
    board.move_card(lib, ws.id, a, pid, "must_protect", 0, rationale="لا استثناء")
    board.set_agreed_column(lib, a, "must_protect")
    rows = _read(write_board_csv(lib, ws.id, tmp_path / "b.csv"))
    by_element = {r[1]: dict(zip(HEADER, r, strict=True)) for r in rows[1:]}
    row = by_element["数据驻留 в ЕС"]
    assert (row["participant"], row["rationale"], row["agreed_column"]) == ("Σοφία", "لا استثناء", "Must protect")
    assert "'=HYPERLINK(\"x\")" in by_element  # an element nobody sorted still has a row, defused
    assert board_rows(lib, ws.id)[0] == HEADER


def test_cli_export_board_writes_the_csv(demo_lib, data_dir, tmp_path, capsys):
    wid = demo_lib.demo_id
    demo_lib.close()
    out = tmp_path / "board.csv"
    assert main(["--data-dir", str(data_dir), "export", "board", str(wid), "--out", str(out)]) == 0
    assert len(_read(out)) > 10
    assert main(["--data-dir", str(data_dir), "export", "board", "999", "--out", str(out)]) == 1


def test_cli_export_board_runs_without_qt(demo_lib, data_dir, tmp_path):
    demo_lib.close()
    code = ("import sys; from tension_desktop.cli import main; "
            f"rc = main(['--data-dir', {str(data_dir)!r}, 'export', 'board', '1', '--out', "
            f"{str(tmp_path / 'x.csv')!r}]); assert 'PySide6' not in sys.modules; sys.exit(rc)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
    assert library_path(data_dir).exists()
