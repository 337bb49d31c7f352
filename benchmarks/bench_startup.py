"""Start-up time and peak memory of the app with a large workshop open, against a bare window.

(a) Time from process start until the main window has painted the largest workshop of a
    50-workshop library open (200 initiatives, 10 participants, 2,000 placements, 500 board
    cards), against a bare PySide6 QMainWindow of the same size painted. Goal: ratio <= 1.5.
(d) Peak resident memory of those same processes. Goal: ratio <= 1.6.
(e) The CPU time (user + system) each child had used by then, against the bare window's: the
    work the start does, which other load on the machine does not blur (no goal of its own).
(f) A floor: a plain PySide6 window that shows what the workshop's first frame shows (menu bar,
    status line, fifteen tabs, the two lists of the same workshop read with ``sqlite3``) and
    nothing of the app: no style sheet, no integrity check, no undo, no touch set-up. Its time
    against the bare window says what any PySide6 window with that content costs (the ``Qt``
    namespace's 93 Python enums, the font database, text); the app's time against the floor
    says what the app's own code adds. No goal of its own.

Each measurement is a fresh subprocess (interpreter start included, for both); the parent
times from spawn to the child's "painted" line. Runs alternate app/bare; medians are
reported. A private Xvfb (real xcb window) is used when available, else Qt offscreen.

What is measured is the installed-app case: byte-code caches (.pyc) exist for the app and its
dependencies (pip writes them at install). The benchmark compiles them first, so the figure is
the same whether or not PYTHONDONTWRITEBYTECODE is set in the shell that runs it (without
caches, compiling the app's modules would add tens of milliseconds to every start).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
RUNS = 7
SIZE = (1440, 900)


def _report_after_paint(app, target_name: str) -> None:
    """Print 'painted <peak RSS kB> <CPU s>' once the first paint of the widget named ``target_name``
    (or of its viewport) finished, then quit.

    The watch looks at that one widget only, never at every event of the application: an
    application-wide Python event filter would be handed every object of the process, and
    the first object of a class PySide does not wrap (Qt's private gesture manager, made by
    every scroll area) makes PySide create all its lazily created types at once, 20-30 ms the
    app itself never spends. A posted call looks for the widget each time the event loop
    comes round until it exists (the window may build it in a queued step); a widget is
    always painted through a posted event after it was made, so its first paint is seen."""
    import resource

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget
    from shiboken6.Shiboken import getAllValidWrappers

    class PaintWatch(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, finish)  # runs after this paint and its flush
            return False

    def finish() -> None:
        app.processEvents()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"painted {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}", flush=True)
        app.quit()

    watch = PaintWatch(app)
    app._paint_watch = watch  # keep alive

    def look() -> None:
        # the windows among the objects Python holds already: asking Qt for its top-level
        # widgets would wrap Qt's private ones too (and so create every lazy type, see above)
        for top in [w for w in getAllValidWrappers() if isinstance(w, QWidget) and w.isWindow()]:
            target = top if top.objectName() == target_name else top.findChild(QWidget, target_name)
            if target is not None:
                target.installEventFilter(watch)
                viewport = getattr(target, "viewport", None)
                if callable(viewport):
                    viewport().installEventFilter(watch)
                return
        QTimer.singleShot(0, look)

    QTimer.singleShot(0, look)


def child_app(data_dir: str) -> None:
    """The real start-up path (``tension-desktop --data-dir DIR``: cli.main -> run_app), its
    modules imported in the app's own order: the command line first (it imports no Qt), then
    the window's start-up module (which imports PySide6). The QApplication is made here first
    only to watch for the paint (run_app uses the one that exists)."""
    from tension_desktop.cli import main as cli_main
    from tension_desktop.gui import app as _window_start  # noqa: F401 (what cli.main imports for the window)
    from tension_desktop.gui.qt import prepare_process

    # isort: split
    from PySide6.QtWidgets import QApplication

    prepare_process()
    app = QApplication(sys.argv[:1])
    # the initiatives list of the open workshop: the last thing the coach waits for
    _report_after_paint(app, "initiativeList")
    sys.exit(cli_main(["--data-dir", data_dir]))


def child_floor(data_dir: str, workshop_id: int) -> None:
    """(f): the same first frame, plain PySide6, none of the app's code (see the docstring)."""
    import sqlite3

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QHBoxLayout,
        QLabel,
        QListView,
        QMainWindow,
        QTabWidget,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    db = sqlite3.connect(Path(data_dir) / "library.tension-library")
    people = db.execute("SELECT name FROM participants WHERE workshop_id = ? ORDER BY position, id",
                        (workshop_id,)).fetchall()
    rows = db.execute("SELECT title, description FROM initiatives WHERE workshop_id = ? ORDER BY position, id",
                      (workshop_id,)).fetchall()
    db.close()
    window = QMainWindow()
    for title in ("&File", "&Edit", "&View", "&Help"):
        menu = window.menuBar().addMenu(title)
        for i in range(6):
            menu.addAction(f"{title[1:]} {i + 1}")
    window.statusBar().showMessage("Every change is saved as you make it.")
    tabs = QTabWidget()
    page = QWidget()
    lists = QHBoxLayout(page)
    for name, texts in (("floorPeople", [r[0] for r in people]),
                        ("initiativeList", [f"{r[0]}\n{r[1] or 'No description yet'}" for r in rows])):
        model = QStandardItemModel(page)
        for text in texts:
            model.appendRow(QStandardItem(text))
        view = QListView()
        view.setObjectName(name)
        view.setWordWrap(True)
        view.setUniformItemSizes(True)
        view.setModel(model)
        lists.addWidget(view)
    tabs.addTab(page, "People && initiatives")
    for i in range(14):
        tabs.addTab(QLabel(f"Exercise {i + 1}", alignment=Qt.AlignmentFlag.AlignCenter), f"Exercise {i + 1}")
    window.setCentralWidget(tabs)
    window.resize(*SIZE)
    _report_after_paint(app, "initiativeList")
    window.show()
    sys.exit(app.exec())


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setObjectName("bare")
    window.resize(*SIZE)
    _report_after_paint(app, "bare")
    window.show()
    sys.exit(app.exec())


def _one(cmd: list[str], env: dict) -> tuple[float, int, float]:
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if not line.startswith("painted"):
        raise RuntimeError(f"child did not paint: {line!r} {proc.stderr.read()}")
    return elapsed, int(line.split()[1]), float(line.split()[2])


def main() -> None:
    import compileall
    import os
    import sysconfig
    import tempfile

    from PySide6.QtCore import QSettings

    from benchmarks._large import build_large_library, count, display
    from benchmarks._results import median, record
    from tension_desktop.gui.qt import SETTINGS_FILE

    # An installed app has byte-code caches (pip compiles them); make sure this checkout has
    # them too, even where PYTHONDONTWRITEBYTECODE is set, so both sides start like a user's.
    compileall.compile_dir(str(HERE.parent / "tension_desktop"), quiet=1)
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=2)  # some packages ship templates that are not Python
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        largest = build_large_library(data)
        print(f"built the large library in {time.perf_counter() - t:.1f} s: {count(data, largest)}")
        # the app reopens the last workshop (settings file beside a --data-dir library)
        settings = QSettings(str(data.resolve() / SETTINGS_FILE), QSettings.Format.IniFormat)
        settings.setValue("lastWorkshop", largest)
        settings.sync()

        me = str(Path(__file__).resolve())
        app_times, bare_times, app_rss, bare_rss, app_cpu, bare_cpu = [], [], [], [], [], []
        floor_times, floor_cpu = [], []
        floor = [sys.executable, me, "--child-floor", str(data), str(largest)]
        with display() as env:
            print(f"platform: {env['QT_QPA_PLATFORM']}; byte-code caches: compiled beforehand "
                  f"(PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} does not matter)")
            _one([sys.executable, me, "--child-app", str(data)], env)  # warm the file cache once
            _one([sys.executable, me, "--child-bare"], env)
            _one(floor, env)
            for _ in range(RUNS):
                s, kb, cpu = _one([sys.executable, me, "--child-app", str(data)], env)
                app_times.append(s)
                app_rss.append(kb)
                app_cpu.append(cpu)
                s, kb, cpu = _one([sys.executable, me, "--child-bare"], env)
                bare_times.append(s)
                bare_rss.append(kb)
                bare_cpu.append(cpu)
                s, _kb, cpu = _one(floor, env)
                floor_times.append(s)
                floor_cpu.append(cpu)
        record("startup: large workshop painted (median)", median(app_times) * 1000, "ms",
               baseline=median(bare_times) * 1000, goal="ratio <= 1.5")
        record("memory: peak RSS, large workshop open (median)", median(app_rss) / 1024, "MiB",
               baseline=median(bare_rss) / 1024, goal="ratio <= 1.6")
        record("startup: large workshop painted, CPU time (median)", median(app_cpu) * 1000, "ms",
               baseline=median(bare_cpu) * 1000)
        record("startup: plain PySide6 window with the same first frame, against a bare window (median)",
               median(floor_times) * 1000, "ms", baseline=median(bare_times) * 1000)
        record("startup: large workshop painted, against that plain window (median)", median(app_times) * 1000,
               "ms", baseline=median(floor_times) * 1000)
        record("startup: plain window with the same first frame, CPU time against the bare window's (median)",
               median(floor_cpu) * 1000, "ms", baseline=median(bare_cpu) * 1000)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child-app":
        child_app(sys.argv[2])
    elif len(sys.argv) > 3 and sys.argv[1] == "--child-floor":
        child_floor(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-bare":
        child_bare()
    else:
        main()
