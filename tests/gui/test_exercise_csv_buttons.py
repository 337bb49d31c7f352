"""Every exercise's *Export CSV…* button goes through the one save-dialog-and-refusal routine
(``gui.output.export_csv``): clicked in the real window, it writes what the core's CSV writer
writes, and a path that is the library itself is refused with a message, the file untouched."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tension_desktop.export.exercise_csv import write_allocation_csv, write_polarity_csv
from tension_desktop.export.structure_csv import write_diagnosis_csv, write_plan_csv
from tests.gui.shell import click, make_window

EXERCISES = {"polarity": write_polarity_csv, "allocation": write_allocation_csv,
             "structure": write_diagnosis_csv, "readiness": write_plan_csv}


def _open(qtbot, demo_lib, tmp_path, key):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    window.workshop_view.open_exercise(key)
    view = window.workshop_view.exercise_widgets[key]
    qtbot.waitExposed(view)
    return window, view


def _answer(monkeypatch, path) -> list[str]:
    """The save dialog answers ``path``; returns the titles it was opened with."""
    asked: list[str] = []

    def fake(parent, title, *args, **kwargs):
        asked.append(title)
        return str(path), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


@pytest.mark.parametrize("key", list(EXERCISES))
def test_the_csv_button_writes_what_the_core_writes(qtbot, demo_lib, tmp_path, monkeypatch, key):
    _window, view = _open(qtbot, demo_lib, tmp_path, key)
    target = tmp_path / "out" / f"{key}.csv"
    target.parent.mkdir()
    asked = _answer(monkeypatch, target)
    click(qtbot, view.csv_btn)
    assert asked, "no save dialog"
    direct = EXERCISES[key](demo_lib, demo_lib.demo_id, tmp_path / "direct.csv")
    assert target.read_bytes() == direct.read_bytes()
    assert target.read_bytes().count(b"\n") >= 2  # a header and at least one row of the demo


@pytest.mark.parametrize("key", list(EXERCISES))
def test_the_csv_button_refuses_the_library_and_says_so(qtbot, demo_lib, tmp_path, monkeypatch, key):
    window, view = _open(qtbot, demo_lib, tmp_path, key)
    library = demo_lib.path
    before = library.read_bytes()
    _answer(monkeypatch, library)
    click(qtbot, view.csv_btn)
    box = window.findChild(QMessageBox, "outputErrorBox")
    assert box is not None and box.isVisible()
    assert "librar" in box.text().lower()
    assert library.read_bytes() == before
