"""Application start-up: open the library (one app per library), first-start demo, window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tension_desktop.store import LibraryInUse, StoreError, library_path, open_library, workshops
from tension_desktop.terminal import one_line

from .qt import keep_settings_in, prepare_process, set_identity
from .theme import apply_theme


def app_data_dir() -> Path:
    """Qt's AppDataLocation (the same folder the store computes without Qt)."""
    from PySide6.QtCore import QStandardPaths  # only without --data-dir

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def fit_to_screen(window: QWidget, width: int = 1440, height: int = 900) -> None:
    """First-start size: 1440x900 on a 1080-line screen, grown with an unscaled larger panel
    (2880x1800 on a 4K panel at 100 %, like its type), or the screen's free area if smaller
    (a 1366x768 laptop), centred. Saved geometry (QSettings) replaces this on later starts."""
    from .theme import screen_factor

    area = window.screen().availableGeometry()
    factor = screen_factor()
    w, h = min(round(width * factor), area.width()), min(round(height * factor), area.height())
    # centred as QStyle.alignedRect would (QStyle's Python enums cost ms to create at start-up)
    window.setGeometry(QRect(area.x() + area.width() // 2 - w // 2, area.y() + area.height() // 2 - h // 2, w, h))


def _fail(app: QApplication, message: str) -> int:
    print(f"tension-desktop: {one_line(message)}", file=sys.stderr)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        from PySide6.QtWidgets import QMessageBox

        from .plain import message_box

        message_box(QMessageBox.Icon.Critical, "Tension Desktop", message).exec()
    return 1


NO_DISPLAY = ("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
              "the commands work without one: tension-desktop --help")


def run_app(data_dir: Path | None = None, argv: list[str] | None = None, open_file: Path | None = None) -> int:
    """Start the window on the library in ``data_dir`` (default: AppDataLocation); with
    ``open_file`` (a workshop file) offer to import it and open it once the window is up.

    With no display it prints one line and returns 1 (the window would run unseen)."""
    from .qt import no_display

    if no_display():
        print(f"tension-desktop: {one_line(NO_DISPLAY)}", file=sys.stderr)
        return 1
    # Start-up creates many long-lived objects (Qt types and enums, dataclasses, widgets):
    # no garbage-collection passes over them until the window is up; then they are set aside
    # (frozen), so later collections do not walk them again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(data_dir, argv, collecting, open_file)
    finally:
        if collecting:
            gc.enable()


def _run(data_dir: Path | None, argv: list[str] | None, collecting: bool, open_file: Path | None) -> int:
    prepare_process()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    set_identity()
    # settings beside a portable library (USB stick, tests) instead of the user's own
    keep_settings_in(data_dir)
    apply_theme(app, "light")
    from PySide6.QtGui import QIcon

    from .theme import ICONS_DIR

    app.setWindowIcon(QIcon(str(ICONS_DIR / "tension-desktop.svg")))
    path = library_path(data_dir or app_data_dir())
    try:
        lib = open_library(path)
    except LibraryInUse as exc:  # the app runs already on this library: hand over to it
        from .hand_over import hand_over

        if hand_over(path, open_file):
            print(f"tension-desktop: {one_line(_handed_over(open_file))}")
            return 0
        return _fail(app, str(exc))
    except StoreError as exc:
        return _fail(app, str(exc))
    try:
        if not workshops.list_teams(lib):  # no team, no workshop (each belongs to a team)
            from tension_desktop.store.demo import create_demo  # first start only

            create_demo(lib)
    except StoreError as exc:
        print(f"tension-desktop: could not create the demo workshop: {one_line(exc)}", file=sys.stderr)
    from .main_window import MainWindow

    window = MainWindow(lib)
    fit_to_screen(window)
    window.restore_settings()
    window.show()
    # layouts that showing asked for (the status bar grows to its styled font when shown) are
    # done now, before the first frame: otherwise that frame is laid out with the old sizes
    # and the whole window is laid out and painted a second time right after it
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    # a workshop file double-clicked: macOS sends it as an event (at launch and while running),
    # other systems start the app with it as an argument. The filter sees every event of the
    # app, so it is installed only where such events come.
    if sys.platform == "darwin":
        app.installEventFilter(FileOpener(window, app))
    if open_file is not None:
        QTimer.singleShot(0, lambda: window.offer_import(open_file))
    # a second start on this library (a double-clicked workshop file) hands over to this app;
    # listened for once the first frame is up (the local socket is not needed before)
    QTimer.singleShot(HAND_OVER_AFTER_MS, lambda: _listen(window, lib.path))
    if collecting:
        QTimer.singleShot(0, _collect_after_start)
    try:
        return app.exec()
    finally:
        lib.close()


class FileOpener(QObject):
    """Passes the operating system's "open this file" requests (``QFileOpenEvent``: a
    double-clicked ``.tension`` file on macOS) to :meth:`MainWindow.offer_import`."""

    def __init__(self, window, app: QObject) -> None:
        super().__init__(app)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # the event goes to the application object; everything else passes untouched, cheaply
        if watched is self.parent() and event.type() == QEvent.Type.FileOpen:
            path = event.file() or event.url().toLocalFile()
            if path:
                self.window.offer_import(Path(path))
                return True
        return False


#: how long after the window is shown the app starts listening for a second start (ms)
HAND_OVER_AFTER_MS = 300


def _listen(window, library: Path) -> None:
    from .hand_over import HandOverListener

    window.hand_over = HandOverListener(window, library)


def _handed_over(open_file: Path | None) -> str:
    if open_file is None:
        return "Tension Desktop is running on this library already: its window was brought to the front."
    return (f"Tension Desktop is running on this library already: it was asked to import {open_file.name} "
            "(answer there).")


def _collect_after_start() -> None:
    gc.freeze()
    gc.enable()
