"""Helpers for end-to-end tests: a private Xvfb, the real app as a process, xdotool, and a
layout probe that tells where the app's widgets sit on that X screen.

CI has no display: every e2e test starts its own Xvfb on a free display number
(``-displayfd``) and runs the app there with the xcb platform. There is no window manager,
so the window sits where the app puts it (``fit_to_screen``: the whole 1366x768 screen).

Where is the tension map's tray and its map? The tests do not guess pixels from a
screenshot: :func:`probe_tension_map` runs the app's own window classes (MainWindow,
theme, first-start size) on the SAME X server in a short-lived process, opens the demo
workshop's Tension map tab and reports the screen positions of the tray chips and of
points on the map. Same fonts, same style, same screen: the real app lays out the same.
Run as a script (``python xhelpers.py probe DATA_DIR``) it prints that report as JSON.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

NEEDED = ("Xvfb", "xdotool")


def require_tools() -> None:
    """Fail on CI (make test installs them), skip elsewhere, when Xvfb or xdotool are missing."""
    import pytest

    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        message = f"needs {', '.join(missing)} (make test installs them through scripts/sysdeps.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def xvfb_display(size: str = "1366x768x24") -> Iterator[str]:
    """A private X server on a free display number; yields its DISPLAY string, kills it after."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as fh:
            number = fh.readline().strip()
        assert number.isdigit(), "Xvfb did not report a display number"
        _wait_for_x_socket(int(number), server)
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_for_x_socket(number: int, server: subprocess.Popen, timeout: float = 10) -> None:
    """Until the X server accepts a connection on its socket: an app started at once once
    failed with "could not connect to display" (on a busy machine, after -displayfd answered)."""
    import socket

    path = f"/tmp/.X11-unix/X{number}"
    deadline = time.monotonic() + timeout
    while True:
        assert server.poll() is None, f"Xvfb on :{number} exited ({server.returncode})"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            try:
                sock.connect(path)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"Xvfb on :{number} accepts no connection on {path}") from None
        time.sleep(0.05)


def app_command() -> list[str]:
    """The installed ``tension-desktop`` script beside this Python, else ``python -m``."""
    script = Path(sys.executable).with_name("tension-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tension_desktop"]


def app_env(display: str, tmp_path: Path) -> dict[str, str]:
    """The environment of an app on ``display``: xcb, and config/data/runtime folders in tmp."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_RUNTIME_DIR=str(tmp_path / "runtime"))
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def xdotool(display: str, *args: str, timeout: float = 20) -> str:
    """Run xdotool on ``display``; returns its stdout."""
    env = {**os.environ, "DISPLAY": display}
    out = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout)
    return out.stdout.strip()


def wait_for_window(display: str, app: subprocess.Popen, timeout: float = 60) -> str:
    """The id of the app's visible 'Tension Desktop' window, once it is mapped."""
    import pytest

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert app.poll() is None, f"the app exited early:\n{app.stderr.read() if app.stderr else ''}"
        found = xdotool(display, "search", "--onlyvisible", "--name", "Tension Desktop", timeout=10)
        if found:
            return found.splitlines()[-1]
        time.sleep(0.3)
    pytest.fail("no visible 'Tension Desktop' window appeared")


def window_geometry(display: str, window: str) -> tuple[int, int, int, int]:
    """(x, y, width, height) of a window on the screen, from ``xdotool getwindowgeometry``."""
    text = xdotool(display, "getwindowgeometry", window)
    pos = text.split("Position:")[1].split()[0]
    size = text.split("Geometry:")[1].split()[0]
    x, y = (int(v) for v in pos.split(","))
    w, h = (int(v) for v in size.split("x"))
    return x, y, w, h


def wait_until(predicate, timeout: float = 10, interval: float = 0.1):
    """Poll ``predicate`` until it returns something truthy (returned) or time runs out (None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


def pixel(display: str, x: int, y: int) -> tuple[int, int, int]:
    """The (r, g, b) of one screen pixel, read with libX11 through ctypes (xdotool needs
    libX11 already; ImageMagick is not among the test's system packages)."""
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XDefaultRootWindow.restype = ctypes.c_ulong
    xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    xlib.XGetImage.restype = ctypes.c_void_p
    xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                               ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    xlib.XGetPixel.restype = ctypes.c_ulong
    xlib.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
    xlib.XDestroyImage.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = xlib.XOpenDisplay(display.encode())
    assert dpy, f"cannot open X display {display}"
    try:
        image = xlib.XGetImage(dpy, xlib.XDefaultRootWindow(dpy), x, y, 1, 1, 0xFFFFFFFF, 2)  # ZPixmap
        assert image, f"cannot read the pixel at {x},{y}"
        value = xlib.XGetPixel(image, 0, 0)
        xlib.XDestroyImage(image)
    finally:
        xlib.XCloseDisplay(dpy)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def quit_with_ctrl_q(display: str, window: str, app: subprocess.Popen, timeout: float = 30) -> None:
    """Close the app the way a coach does (Ctrl+Q in its window) and require a clean exit."""
    import pytest

    xdotool(display, "windowfocus", "--sync", window)
    xdotool(display, "key", "--clearmodifiers", "ctrl+q")
    try:
        app.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail("Ctrl+Q did not close the app")
    assert app.returncode == 0, app.stderr.read()


def stop(app: subprocess.Popen) -> None:
    """Kill an app process that is still running (cleanup after a failure)."""
    if app.poll() is None:
        app.kill()
        app.wait()


# -- the layout probe -------------------------------------------------------------------------------
#: normalized map points (x innovation, y criticality) the probe reports, by quadrant
PROBE_POINTS = {"routine": (0.25, 0.25), "safe_to_experiment": (0.75, 0.25),
                "protect_and_run": (0.25, 0.75), "bet_with_guardrails": (0.75, 0.75)}


def probe_tension_map(display: str, tmp_path: Path, timeout: float = 60) -> dict:
    """Lay the app's window out on ``display`` (see the module docstring) and return::

        {"window": [x, y, w, h], "chips": [{"initiative": title, "x": .., "y": .., "w": .., "h": ..}],
         "points": {quadrant: [x, y]}, "placing_as": participant name}

    with every position relative to the window's top-left corner (chips: their centre)."""
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir(exist_ok=True)
    env = app_env(display, probe_dir)
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "probe", str(probe_dir / "data")],
                         env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"the layout probe failed:\n{out.stderr}"
    return json.loads(out.stdout.strip().splitlines()[-1])


def _probe(data_dir: Path) -> dict:
    """Runs in the probe process: the app's start-up steps (a fresh library: no saved window
    geometry; its settings land in the probe's own XDG_CONFIG_HOME), then the demo's Tension
    map tab."""
    from PySide6.QtCore import QElapsedTimer, QPoint, QPointF, QThread
    from PySide6.QtWidgets import QApplication

    from tension_desktop.gui.app import fit_to_screen
    from tension_desktop.gui.main_window import MainWindow
    from tension_desktop.gui.qt import prepare_process, set_identity
    from tension_desktop.gui.tension_map.items import to_scene
    from tension_desktop.gui.theme import apply_theme
    from tension_desktop.store import library_path, open_library, workshops
    from tension_desktop.store.demo import TEAM, TITLE, create_demo

    prepare_process()
    app = QApplication(sys.argv[:1])
    set_identity()
    apply_theme(app, "light")
    lib = open_library(library_path(data_dir))
    try:
        create_demo(lib)
        (demo_id,) = [r.id for r in workshops.list_workshops(lib) if (r.team_name, r.title) == (TEAM, TITLE)]
        window = MainWindow(lib)
        fit_to_screen(window)
        window.show()
        window.open_workshop(demo_id)
        mapw = window.workshop_view.exercise_widgets["tension_map"]
        window.workshop_view.open_exercise("tension_map")
        timer, settled = QElapsedTimer(), None
        timer.start()
        while timer.elapsed() < 20000:  # until the window is on screen, then 400 ms more for
            app.processEvents()         # the layout and fit_all to settle
            if settled is None and mapw.isVisible() and window.windowHandle().isExposed():
                settled = timer.elapsed()
            if settled is not None and timer.elapsed() - settled > 400:
                break
            QThread.msleep(5)
        view, vp = mapw.view, mapw.view.viewport()
        origin = window.geometry().topLeft()

        def rel(view_point: QPointF) -> list[int]:
            g = vp.mapToGlobal(view_point.toPoint()) - origin
            return [g.x(), g.y()]

        chips = []
        for chip in view.tray_chips:
            if not chip.isVisible():
                continue
            top_left = QPointF(view.mapFromScene(chip.pos()))
            centre = top_left + QPointF(chip.chip_w / 2, chip.h / 2)
            x, y = rel(centre)
            chips.append({"initiative": chip.title, "id": chip.initiative_id, "x": x, "y": y,
                          "w": chip.chip_w, "h": chip.h})
        points = {q: rel(QPointF(view.mapFromScene(to_scene(*xy)))) for q, xy in PROBE_POINTS.items()}
        viewport = vp.mapToGlobal(QPoint(0, 0)) - origin
        who = mapw.chip.participant()
        place = mapw.place_btn  # checked (dark) once the tab shows: the test waits for it
        mark = place.mapToGlobal(QPoint(10, place.height() // 2)) - origin
        report = {"window": [origin.x(), origin.y(), window.width(), window.height()],
                  "viewport": [viewport.x(), viewport.y(), vp.width(), vp.height()],
                  "tab_index": window.workshop_view.tabs.indexOf(mapw),
                  "place_button": [mark.x(), mark.y()],
                  "chips": chips, "points": points, "placing_as": who.name if who else None}
        window.close()
        return report
    finally:
        lib.close()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "probe":
        print(json.dumps(_probe(Path(sys.argv[2]))))
    else:
        sys.exit("usage: xhelpers.py probe DATA_DIR")
