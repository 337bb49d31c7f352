"""End to end: the real `tension-desktop --data-dir TMP` in a real X11 window (its own Xvfb).

CI has no display, so the test starts a private Xvfb on a free display number
(``-displayfd``), runs the app there with the xcb platform, waits for its window,
closes it with Ctrl+Q like a user, and then checks the library file on disk.
"""

from __future__ import annotations

import subprocess

import pytest

from tension_desktop.store import LibraryInUse, library_path, open_library, workshops
from tension_desktop.store.demo import TITLE

from .xhelpers import (
    app_command,
    app_env,
    quit_with_ctrl_q,
    require_tools,
    wait_for_window,
    xdotool,
    xvfb_display,
)


@pytest.fixture
def xvfb():
    """A private X server; yields its DISPLAY string and kills it afterwards."""
    require_tools()
    with xvfb_display() as display:
        yield display


def test_the_real_app_opens_a_window_on_a_fresh_library_and_closes_cleanly_with_ctrl_q(xvfb, tmp_path):
    data = tmp_path / "data"
    env = app_env(xvfb, tmp_path)
    app = subprocess.Popen([*app_command(), "--data-dir", str(data)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = wait_for_window(xvfb, app)
        geometry = xdotool(xvfb, "getwindowgeometry", window)
        assert "Geometry:" in geometry
        width, height = (int(v) for v in geometry.split("Geometry:")[1].split()[0].split("x"))
        assert width <= 1366 and height <= 768, f"the window fits a 1366x768 screen ({width}x{height})"

        # while it runs, the library is the app's: a second writer is refused
        with pytest.raises(LibraryInUse):
            open_library(library_path(data))

        quit_with_ctrl_q(xvfb, window, app)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()

    with open_library(library_path(data)) as lib:  # the lock was released on exit
        assert lib.integrity_check() == ["ok"]
        titles = [w.title for w in workshops.list_workshops(lib)]
        assert TITLE in titles, "the first start created the demo workshop"
    assert (data / "tension-desktop.ini").is_file(), "window geometry was kept in QSettings beside the portable library"
    assert [p.name for p in data.rglob("*.ini")] == ["tension-desktop.ini"], "one clean settings file, no Qt folders"
