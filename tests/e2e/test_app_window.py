"""End to end: the real `tension-desktop --data-dir TMP` in a real X11 window (its own Xvfb).

CI has no display, so the test starts a private Xvfb on a free display number
(``-displayfd``), runs the app there with the xcb platform, waits for its window,
closes it with Ctrl+Q like a user, and then checks the library file on disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tension_desktop.store import LibraryInUse, library_path, open_library, workshops
from tension_desktop.store.demo import TITLE

NEEDED = ("Xvfb", "xdotool")


@pytest.fixture
def xvfb():
    """A private X server; yields its DISPLAY string and kills it afterwards."""
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        message = f"needs {', '.join(missing)} (make test installs them through scripts/sysdeps.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as fh:
            number = fh.readline().strip()
        assert number.isdigit(), "Xvfb did not report a display number"
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _app_command() -> list[str]:
    script = Path(sys.executable).with_name("tension-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tension_desktop"]


def _xdotool(display: str, *args: str, timeout: float = 20) -> str:
    env = {**os.environ, "DISPLAY": display}
    out = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout)
    return out.stdout.strip()


def _wait_for_window(display: str, app: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert app.poll() is None, f"the app exited early:\n{app.stderr.read() if app.stderr else ''}"
        found = _xdotool(display, "search", "--onlyvisible", "--name", "Tension Desktop", timeout=10)
        if found:
            return found.splitlines()[-1]
        time.sleep(0.3)
    pytest.fail("no visible 'Tension Desktop' window appeared")


def test_the_real_app_opens_a_window_on_a_fresh_library_and_closes_cleanly_with_ctrl_q(xvfb, tmp_path):
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_RUNTIME_DIR=str(tmp_path / "runtime"))
    (tmp_path / "runtime").mkdir(mode=0o700)
    app = subprocess.Popen([*_app_command(), "--data-dir", str(data)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = _wait_for_window(xvfb, app)
        geometry = _xdotool(xvfb, "getwindowgeometry", window)
        assert "Geometry:" in geometry
        width, height = (int(v) for v in geometry.split("Geometry:")[1].split()[0].split("x"))
        assert width <= 1366 and height <= 768, f"the window fits a 1366x768 screen ({width}x{height})"

        # while it runs, the library is the app's: a second writer is refused
        with pytest.raises(LibraryInUse):
            open_library(library_path(data))

        _xdotool(xvfb, "windowfocus", "--sync", window)
        _xdotool(xvfb, "key", "--clearmodifiers", "ctrl+q")
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("Ctrl+Q did not close the app")
        assert app.returncode == 0, app.stderr.read()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()

    with open_library(library_path(data)) as lib:  # the lock was released on exit
        assert lib.integrity_check() == ["ok"]
        titles = [w.title for w in workshops.list_workshops(lib)]
        assert TITLE in titles, "the first start created the demo workshop"
    assert list(data.rglob("*.ini")), "window geometry was kept in QSettings beside the portable library"
