"""A workshop file opened from outside (argument or the OS's file-open event) is offered for
import and opened; Help → About shows versions, the data folder and the licences."""

from __future__ import annotations

from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tension_desktop import __version__
from tension_desktop.store import library_path, open_library, transfer, workshops
from tension_desktop.store.demo import create_demo
from tests.gui.shell import click, make_window

FONTS = Path(__file__).resolve().parents[2] / "tension_desktop" / "resources" / "fonts"


@pytest.fixture
def workshop_file(tmp_path) -> Path:
    """A .tension file exported from another library's demo workshop."""
    path = tmp_path / "offsite.tension"
    with open_library(library_path(tmp_path / "source")) as other:
        transfer.export_workshop(other, create_demo(other), path)
    return path


def offer_box(window) -> QMessageBox:
    box = window.dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "offerImportBox"
    assert box.isVisible()
    return box


@pytest.mark.parametrize("how", ["argument", "file-open event"])
def test_a_workshop_file_from_outside_is_offered_then_imported_and_opened(qtbot, tmp_path, lib, workshop_file, how):
    from tension_desktop.gui.app import FileOpener

    window = make_window(qtbot, lib, tmp_path / "settings")
    before = {w.id for w in workshops.list_workshops(lib)}
    if how == "argument":
        window.offer_import(workshop_file)  # what run_app does for `tension-desktop FILE`
    else:
        opener = FileOpener(window, QApplication.instance())  # what run_app installs on macOS
        QApplication.instance().installEventFilter(opener)
        try:
            QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(workshop_file)))
        finally:
            QApplication.instance().removeEventFilter(opener)
            opener.deleteLater()
    box = offer_box(window)
    assert "offsite.tension" in box.text()
    assert {w.id for w in workshops.list_workshops(lib)} == before  # nothing until the coach says yes
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: window.doc is not None)
    added = {w.id for w in workshops.list_workshops(lib)} - before
    assert len(added) == 1
    assert window.doc.workshop_id == added.pop()
    assert window.stack.currentWidget() is window.workshop_view
    assert workshop_file.is_file()


def test_declining_the_offer_imports_nothing(qtbot, tmp_path, lib, workshop_file):
    window = make_window(qtbot, lib, tmp_path / "settings")
    window.offer_import(workshop_file)
    click(qtbot, offer_box(window).button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: window.dialog is None)
    assert workshops.list_workshops(lib) == []
    assert window.doc is None


def test_a_damaged_file_from_outside_is_refused_with_a_message_and_nothing_added(qtbot, tmp_path, lib):
    bad = tmp_path / "broken.tension"
    bad.write_bytes(b"not a workshop")
    window = make_window(qtbot, lib, tmp_path / "settings")
    window.offer_import(bad)
    click(qtbot, offer_box(window).button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "storeErrorBox") is not None)
    assert workshops.list_workshops(lib) == []
    assert window.doc is None


def test_about_shows_versions_data_folder_and_licences_and_opens_the_folder(qtbot, tmp_path, lib, monkeypatch):
    from tension_desktop.gui import about

    opened: list[QUrl] = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = make_window(qtbot, lib, tmp_path / "settings")
    window.act_about.trigger()
    dialog = window.dialog
    assert isinstance(dialog, about.AboutDialog) and dialog.isVisible()
    versions = dialog.versions_label.text()
    assert __version__ in versions and f"Qt {qVersion()}" in versions and f"PySide6 {PySide6.__version__}" in versions
    data_dir = Path(lib.path).parent
    assert str(data_dir) in dialog.folder_label.text()
    notices = dialog.licences.toPlainText()
    for name in ("Qt 6", "LGPL-3.0", "PySide6", "ReportLab", "sqlite-utils", "uharfbuzz", "python-bidi",
                 "SIL Open Font License", "Noto"):
        assert name in notices, name
    click(qtbot, dialog.open_folder)
    assert [u.toLocalFile() for u in opened] == [str(data_dir)]


def test_every_licence_the_notices_name_ships_with_the_app():
    from tension_desktop.gui.about import LICENSES_DIR, notices

    text = notices()
    named = {part.split(")")[0] for part in text.split("(") if part.split(")")[0].endswith(".txt")}
    assert named, "the notices name no licence files"
    for name in named:
        assert (LICENSES_DIR / name).is_file() or (FONTS / name).is_file(), name
    families = {"Noto": "Noto", "DejaVu": "DejaVu", "Nanum": "Nanum", "Droid": "DroidSansFallback"}
    for font in FONTS.glob("*.ttf"):  # every bundled font is covered by a licence file
        family = next((f for prefix, f in families.items() if font.name.startswith(prefix)), None)
        assert family is not None, f"{font.name}: which licence? (add it to the notices and here)"
        assert (FONTS / f"LICENSE-{family}.txt").is_file(), font.name
        assert f"LICENSE-{family}.txt" in text, font.name
