"""The packaged app (dist/, from `make package`): its size, and how fast its window appears.

(a) Size of the one-folder app (dist/tension-desktop) and of the Linux archive
    (.tar.gz). Goals (issue 17): folder <= 150 MB, archive <= 65 MB.
(b) Time from process start until the window is on the screen (mapped and visible to the X
    server, as xev reports it), the frozen app against the same app from the venv
    (``python -m tension_desktop``), both on the large workshop of bench_startup (reopened
    as the last workshop) on a private Xvfb. Runs alternate; medians. The ratio is what
    coaches get from the package against what developers see.
(c) The start-up goal of issue 17 in the frozen app: the same time to the visible window, the
    frozen app with the large workshop reopened against a bare PySide6 window of the same size
    (1440x900, a QMainWindow and nothing else, started from the venv), found the same way.
    Goal: ratio <= 1.5 (bench_startup.py measures the painted workshop from the venv).

Without a built package it says so and records nothing.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
APP = ROOT / "dist" / "tension-desktop"
RUNS = 5


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


#: a bare PySide6 window (the reference of the start-up goal): shown at once, closed by the parent
BARE = ("import sys\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication(sys.argv[:1])\n"
        "window = QMainWindow()\n"
        "window.setWindowTitle('Bare window')\n"
        "window.resize(1440, 900)\n"
        "window.show()\n"
        "sys.exit(app.exec())\n")


def _listening_xev(env: dict[str, str]) -> subprocess.Popen:
    """An ``xev`` on the root window that reports events already: a property set on the root
    window comes back (a few tries; an ``xev`` that reports nothing is replaced)."""
    for _ in range(3):
        watch = subprocess.Popen(["stdbuf", "-oL", "xev", "-root", "-event", "substructure", "-event", "property"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and watch.poll() is None:
            subprocess.run(["xprop", "-root", "-f", "BENCH_READY", "8s", "-set", "BENCH_READY", "1"], env=env,
                           capture_output=True, timeout=20)
            ready, _, _ = select.select([watch.stdout], [], [], 0.2)
            if ready and b"PropertyNotify" in os.read(watch.stdout.fileno(), 65536):
                return watch
        watch.kill()
        watch.wait()
    raise RuntimeError("xev reported nothing on the private X server")


def time_to_window(cmd: list[str], env: dict[str, str], name: str = "Tension Desktop") -> float:
    """Seconds from spawn until the first window of ``cmd`` is mapped (visible) on the private
    X server; then it is closed (Ctrl+Q, the app's Quit; the bare window, which has no menu,
    is terminated).

    The X server reports the map itself (``xev`` on the root window, one process started
    beforehand): nothing polls, so nothing competes with the app for the CPU while it starts
    (spawning ``xdotool search`` every few ms did, and more the longer a start took)."""
    watch = _listening_xev(env)  # not timed
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        window, mapped, pending = None, False, ""
        while window is None:
            ready, _, _ = select.select([watch.stdout], [], [], 0.5)
            if ready:  # read what is there (a buffered readline would hide lines from select)
                pending += os.read(watch.stdout.fileno(), 65536).decode(errors="replace")
                *lines, pending = pending.split("\n")
                for line in lines:
                    if line.startswith("MapNotify"):
                        mapped = True
                    elif mapped and "window 0x" in line:
                        elapsed = time.perf_counter() - start
                        window = line.split("window ")[-1].split(",")[0].strip()
                        break
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited: {proc.stderr.read().decode(errors='replace')}")
            if time.perf_counter() - start > 60:
                raise RuntimeError("no window within 60 s")
        if name == "Tension Desktop":
            subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, capture_output=True, timeout=20)
            subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], env=env, capture_output=True, timeout=20)
        else:
            proc.terminate()
        proc.wait(timeout=30)
    finally:
        watch.kill()
        watch.wait()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return elapsed


def main() -> int:
    from benchmarks._large import build_large_library, display
    from benchmarks._results import median, record

    exe = APP / "tension-desktop"
    if not exe.exists():
        print("no packaged app in dist/: run `make package` first (nothing recorded)")
        return 0
    record("package: folder size (MB)", folder_mb(APP), "MB", goal="<= 150 MB")
    archives = sorted(APP.parent.glob("tension-desktop-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if archives:
        record("package: archive size (MB)", archives[-1].stat().st_size / 2**20, "MB", goal="<= 65 MB (.tar.gz)")
    if not all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "xev", "xprop")):
        print("no Xvfb/xdotool/xev/xprop: the window time is not measured")
        return 0
    from PySide6.QtCore import QSettings

    from tension_desktop.gui.qt import SETTINGS_FILE

    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        data = Path(tmp) / "data"
        largest = build_large_library(data)
        settings = QSettings(str(data.resolve() / SETTINGS_FILE), QSettings.Format.IniFormat)
        settings.setValue("lastWorkshop", largest)
        settings.sync()
        frozen_cmd = [str(exe), "--data-dir", str(data)]
        venv_cmd = [sys.executable, "-m", "tension_desktop", "--data-dir", str(data)]
        bare_cmd = [sys.executable, "-c", BARE]
        frozen, venv, bare = [], [], []
        with display() as env:
            env = {**env, "PYTHONPATH": str(ROOT), "XDG_RUNTIME_DIR": tmp}
            time_to_window(frozen_cmd, env)  # warm the file cache once each
            time_to_window(venv_cmd, env)
            time_to_window(bare_cmd, env, "Bare window")
            for _ in range(RUNS):
                frozen.append(time_to_window(frozen_cmd, env))
                venv.append(time_to_window(venv_cmd, env))
                bare.append(time_to_window(bare_cmd, env, "Bare window"))
    record("package: time to visible window, frozen vs venv (ratio)", median(frozen) * 1000, "ms",
           baseline=median(venv) * 1000, goal="large workshop reopened; ratio near 1 (no slower than the venv)")
    record("startup: large workshop visible, frozen app vs bare window (median)", median(frozen) * 1000, "ms",
           baseline=median(bare) * 1000, goal="ratio <= 1.5")
    record("startup: large workshop visible, venv app vs bare window (median)", median(venv) * 1000, "ms",
           baseline=median(bare) * 1000, goal="ratio <= 1.5")
    return 0


if __name__ == "__main__":
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.exit(main())
