"""Helpers for app-shell GUI tests: a MainWindow on a real library with private QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def restore_app_state() -> None:
    """Undo what a window test changes process-wide (theme, QSettings location), so later
    tests see the plain QApplication they expect."""
    app = QApplication.instance()
    if app is not None:
        # first delete the windows pytest-qt closed (deleteLater): resetting the style sheet
        # restyles every widget still alive
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.setStyleSheet("")
        app.setProperty("tensionTheme", None)
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    from tension_desktop.gui.qt import keep_settings_in

    keep_settings_in(None)


def isolate_settings(folder: Path) -> None:
    """QSettings (geometry, last workshop) go to ``folder``, never to the tester's own."""
    from tension_desktop.gui.qt import app_settings, keep_settings_in, set_identity

    set_identity()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    keep_settings_in(folder)  # what the app does with --data-dir: folder/tension-desktop.ini
    app_settings().clear()


def make_window(qtbot, lib, settings_dir: Path):
    """A shown MainWindow on ``lib`` with the light theme (buttons have their real size)."""
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.gui.theme import apply_theme

    isolate_settings(settings_dir)
    qtbot._request.addfinalizer(restore_app_state)  # pytest-qt keeps the test's request here
    apply_theme(QApplication.instance(), "light")
    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    from tension_desktop.gui.access_names import names_installed

    qtbot.waitUntil(names_installed)  # the screen-reader names come just after the first frame
    return window


def click(qtbot, widget: QWidget) -> None:
    """A real left click in the middle of a button (it must be enabled and visible)."""
    assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName()} cannot be clicked"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def show_header(qtbot, view) -> None:
    """A short window (1366x768) folds the workshop's header and tabs into one strip: tap it
    (as the coach does) so the Home button and the tabs can be clicked."""
    fold = view.header_fold
    if fold.folded:
        click(qtbot, fold.strip)
    assert not fold.folded and view.home_btn.isVisible()


def click_row(qtbot, view: QAbstractItemView, row: int, parent=None) -> None:
    """Click a row of a list or tree view on its viewport."""
    model = view.model()
    index = model.index(row, 0) if parent is None else model.index(row, 0, parent)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 20, rect.center().y()))
    assert view.currentIndex() == index


def ok_button(dialog) -> QWidget:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)
