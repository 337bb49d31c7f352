"""The packaged app (dist/, from `make package`): its size, and how fast its window appears.

(a) Size of the one-folder app (dist/tension-desktop) and of the Linux archive
    (.tar.gz). Goals (issue 17): folder <= 150 MB, archive <= 65 MB.
(b) Time from process start until the window is on the screen (mapped and visible to the X
    server, found by xdotool), the frozen app against the same app from the venv
    (``python -m tension_desktop``), both on the large workshop of bench_startup (reopened
    as the last workshop) on a private Xvfb. Runs alternate; medians. The ratio is what
    coaches get from the package against what developers see.

Without a built package it says so and records nothing.
"""

from __future__ import annotations

import os
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


def time_to_window(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn until a visible 'Tension Desktop' window exists; then the app is closed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Tension Desktop"],
                                   env=env, capture_output=True, text=True).stdout.strip()
            if found:
                elapsed = time.perf_counter() - start
                break
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited: {proc.stderr.read().decode(errors='replace')}")
            if time.perf_counter() - start > 60:
                raise RuntimeError("no window within 60 s")
            time.sleep(0.005)
        window = found.splitlines()[-1]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, capture_output=True, timeout=20)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], env=env, capture_output=True, timeout=20)
        proc.wait(timeout=30)
    finally:
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
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("no Xvfb/xdotool: the window time is not measured")
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
        frozen, venv = [], []
        with display() as env:
            env = {**env, "PYTHONPATH": str(ROOT), "XDG_RUNTIME_DIR": tmp}
            time_to_window(frozen_cmd, env)  # warm the file cache once each
            time_to_window(venv_cmd, env)
            for _ in range(RUNS):
                frozen.append(time_to_window(frozen_cmd, env))
                venv.append(time_to_window(venv_cmd, env))
    record("package: time to visible window, frozen vs venv (ratio)", median(frozen) * 1000, "ms",
           baseline=median(venv) * 1000, goal="large workshop reopened; ratio near 1 (no slower than the venv)")
    return 0


if __name__ == "__main__":
    os.environ.pop("QT_QPA_PLATFORM", None)
    sys.exit(main())
