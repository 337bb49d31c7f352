"""The window's save dialogs: the library is never an output (a clear message, nothing
written), and PNG/CSV/PDF files go through the one writer (a failed write keeps the old file)."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from tension_desktop.gui.board import BoardWidget
from tension_desktop.gui.tension_map.export import export_dialog
from tests.gui.shell import click, make_window


def library_state(lib) -> tuple[str, list[str]]:
    return hashlib.sha256(Path(lib.path).read_bytes()).hexdigest(), list(lib.conn.iterdump())


def error_boxes(name: str = "outputErrorBox") -> list:
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


def close_boxes() -> None:
    for box in error_boxes() + error_boxes("storeErrorBox"):
        box.close()


def library_spellings(lib) -> list[str]:
    path = Path(lib.path)
    return [str(path), str(path.parent / "x" / ".." / path.name.upper()), f"{path}-wal", f"{path}.lock"]


@pytest.fixture
def window(qtbot, demo_lib, tmp_path):
    w = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, w.home.open_btn)
    assert w.workshop_view.open_exercise("covenant")
    return w


def test_pdf_and_workshop_exports_refuse_the_library_with_a_message(qtbot, window, demo_lib):
    export = window.workshop_view.exercise_widgets["covenant"].export
    before = library_state(demo_lib)
    for spelling in library_spellings(demo_lib):
        for run in (export.export_team, export.export_report):
            assert run(spelling) is None
            qtbot.waitUntil(lambda: bool(error_boxes()))
            assert "library" in error_boxes()[0].text()
            close_boxes()
        assert export.export_each(spelling) == []
        qtbot.waitUntil(lambda: bool(error_boxes()))
        close_boxes()
        window.export_workshop(demo_lib.demo_id, spelling)
        qtbot.waitUntil(lambda: bool(error_boxes("storeErrorBox")))
        close_boxes()
    assert library_state(demo_lib) == before


def test_map_and_board_save_dialogs_refuse_the_library(qtbot, doc, monkeypatch):
    from tension_desktop.gui.tension_map import TensionMapWidget

    before = library_state(doc.lib)
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen[-1], ""))
    tmap = TensionMapWidget(doc)
    qtbot.addWidget(tmap)
    tmap.show()
    qtbot.waitExposed(tmap)
    board = BoardWidget(doc)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitExposed(board)
    for spelling in library_spellings(doc.lib):
        chosen.append(spelling)
        for what in ("view", "map", "csv"):
            assert export_dialog(tmap, what) is None
            qtbot.waitUntil(lambda: bool(error_boxes()))
            close_boxes()
        for dialog in (board._export_png_dialog, board._export_csv_dialog):
            dialog()
            qtbot.waitUntil(lambda: bool(error_boxes()))
            assert "library" in error_boxes()[0].text()
            close_boxes()
    assert library_state(doc.lib) == before


def test_a_png_that_cannot_be_written_keeps_the_earlier_file(qtbot, doc, tmp_path, monkeypatch):
    from tension_desktop.store import safe_files

    board = BoardWidget(doc)
    qtbot.addWidget(board)
    board.resize(790, 580)
    board.show()
    qtbot.waitExposed(board)
    out = tmp_path / "png" / "board.png"
    assert not QImage(str(board.export_png(out))).isNull()
    good = out.read_bytes()

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_files.os, "fsync", full)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    board._export_png_dialog()
    qtbot.waitUntil(lambda: bool(error_boxes()))
    assert "No space left on device" in error_boxes()[0].text()
    close_boxes()
    assert out.read_bytes() == good
    assert [p.name for p in out.parent.iterdir()] == ["board.png"]


def test_per_participant_export_in_the_window_names_the_handout_it_could_not_write(qtbot, window, demo_lib, tmp_path):
    from tension_desktop.store import people

    export = window.workshop_view.exercise_widgets["covenant"].export
    folder = tmp_path / "handouts"
    folder.mkdir()
    third = people.list_participants(demo_lib, demo_lib.demo_id)[2]
    (folder / f"03 {third.name}.pdf").mkdir()  # something in the way of one handout
    assert export.export_each(str(folder)) == []
    qtbot.waitUntil(lambda: bool(error_boxes()))
    text = error_boxes()[0].text()
    assert f"03 {third.name}.pdf" in text and "1 of" in text
    close_boxes()
    written = [p for p in folder.iterdir() if p.is_file()]
    assert len(written) == len(people.list_participants(demo_lib, demo_lib.demo_id)) - 1
