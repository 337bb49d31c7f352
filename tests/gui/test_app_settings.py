"""Where the app keeps things: QSettings (geometry, last workshop) and the library folder."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from tension_desktop.gui.main_window import MainWindow
from tension_desktop.gui.qt import app_settings, keep_settings_in
from tension_desktop.store import default_data_dir, library_path, open_library
from tests.gui.shell import click, make_window, restore_app_state, show_header


def test_a_restarted_window_gets_its_geometry_and_last_workshop_back(qtbot, demo_lib, tmp_path):
    first = make_window(qtbot, demo_lib, tmp_path / "settings")
    # the offscreen test screen is 800x600, smaller than the window's minimum: relax it here
    first.setMinimumSize(400, 300)
    first.setGeometry(QRect(40, 60, 700, 500))
    click(qtbot, first.home.open_btn)
    assert app_settings().value("lastWorkshop", type=int) == demo_lib.demo_id
    first.close()
    assert [p.name for p in (tmp_path / "settings").iterdir()] == ["tension-desktop.ini"], \
        "settings are written beside the test, not to the user"

    second = MainWindow(demo_lib)
    second.setMinimumSize(400, 300)
    qtbot.addWidget(second)
    second.restore_settings()
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (700, 500)
    assert second.doc is not None and second.doc.workshop_id == demo_lib.demo_id
    assert second.stack.currentWidget() is second.workshop_view


def test_going_home_forgets_the_last_workshop(qtbot, demo_lib, tmp_path):
    first = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, first.home.open_btn)
    show_header(qtbot, first.workshop_view)
    click(qtbot, first.workshop_view.home_btn)
    first.close()
    second = MainWindow(demo_lib)
    qtbot.addWidget(second)
    second.restore_settings()
    assert second.doc is None and second.stack.currentWidget() is second.home


def test_a_deleted_last_workshop_opens_the_home_screen_instead(qtbot, demo_lib, tmp_path):
    from tension_desktop.store import workshops

    first = make_window(qtbot, demo_lib, tmp_path / "settings")
    click(qtbot, first.home.open_btn)
    first.close()
    workshops.delete_workshop(demo_lib, demo_lib.demo_id)
    second = MainWindow(demo_lib)
    qtbot.addWidget(second)
    second.restore_settings()
    assert second.doc is None


def test_qt_app_data_location_is_the_folder_the_store_computes_without_qt(qapp, tmp_path, monkeypatch):
    from tension_desktop.gui.qt import set_identity

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    set_identity()
    qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert qt_dir == str(default_data_dir())
    assert default_data_dir() == tmp_path / "xdg" / "tension-desktop"
    # and the library the window would open is the one the CLI would open
    (tmp_path / "xdg" / "tension-desktop").mkdir(parents=True)
    with open_library(library_path()) as lib:
        assert lib.path.parent == tmp_path / "xdg" / "tension-desktop"


def test_with_a_data_dir_the_settings_are_one_clean_file_beside_the_library(qapp, tmp_path):
    """``tension-desktop --data-dir DIR`` keeps DIR/tension-desktop.ini, no "Unknown Organization"
    folder, and every part of the app (window, session tools) writes to that one file."""
    from tension_desktop.gui.app import run_app
    from tension_desktop.gui.session import run as session_run

    data = tmp_path / "data"
    data.mkdir()

    def close_the_window() -> None:
        session_run.set_chime(True)  # a session setting, written through the same helper
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                w.close()

    QTimer.singleShot(300, close_the_window)
    try:
        assert run_app(data) == 0
    finally:
        restore_app_state()
    names = sorted(p.name for p in data.iterdir())
    assert "Unknown Organization" not in names
    assert "tension-desktop.ini" in names
    assert [n for n in names if n.endswith(".ini")] == ["tension-desktop.ini"]
    stored = QSettings(str(data / "tension-desktop.ini"), QSettings.Format.IniFormat)
    assert stored.value("geometry") is not None, "the window kept its geometry there"
    assert str(stored.value("session/chime")) == "true"
    keep_settings_in(None)
    assert not (tmp_path / "data" / "Unknown Organization").exists()


def test_a_first_start_window_is_centred_on_the_free_area_of_its_screen(qapp):
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtWidgets import QStyle, QWidget

    from tension_desktop.gui.app import fit_to_screen

    window = QWidget()
    area = window.screen().availableGeometry()
    for width, height in ((area.width() - 101, area.height() - 51), (area.width() + 500, 300)):
        fit_to_screen(window, width, height)
        size = QSize(min(width, area.width()), min(height, area.height()))
        expected = QStyle.alignedRect(Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, size, area)
        assert window.geometry() == expected


def test_the_panel_size_form_opens_through_the_hook_and_ok_sets_the_diagonal(qtbot, demo_lib, tmp_path):
    from tension_desktop.gui.legibility import panel_diagonal_setting, set_panel_diagonal

    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    set_panel_diagonal(None)
    window.ask_panel_size()
    dlg = window.dialog  # window-modal, no nested event loop
    assert dlg is not None and dlg.isVisible() and panel_diagonal_setting() is None
    dlg.setDoubleValue(75)
    dlg.accept()
    assert panel_diagonal_setting() == 75.0 and window.dialog is None
    set_panel_diagonal(None)
