"""A second start on a library the app already has open hands over to the running app (a
workshop file double-clicked while the app runs), instead of failing on the library's lock.

The running app is this test's window with its listener; the second start is the real
command line in a child process (``python -m tension_desktop --data-dir DIR FILE``,
offscreen), as the file manager starts it. While the child waits for an answer, the test
spins the window's event loop.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMessageBox

from tension_desktop.gui.hand_over import HandOverListener, server_name
from tension_desktop.store import transfer, workshops
from tests.gui.shell import make_window

ROOT = Path(__file__).resolve().parents[2]


def _second_start(qtbot, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-m", "tension_desktop", "--data-dir", str(data_dir), *args],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=30000)
    out, err = child.communicate()
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def test_a_workshop_file_opened_while_the_app_runs_is_offered_there_and_imported(qtbot, demo_lib, data_dir,
                                                                                  tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.hand_over = HandOverListener(window, demo_lib.path)
    assert window.hand_over.listening
    file = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "Offsite «Q3».tension")
    before = len(workshops.list_workshops(demo_lib))

    done = _second_start(qtbot, data_dir, str(file))

    assert done.returncode == 0, done.stderr
    assert "asked to import Offsite «Q3».tension" in done.stdout
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.objectName() == "offerImportBox")
    box = window.dialog
    assert "Offsite «Q3».tension" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()  # the coach answers in the running app
    qtbot.waitUntil(lambda: len(workshops.list_workshops(demo_lib)) == before + 1)
    assert window.doc is not None and window.doc.workshop_id not in (None, demo_lib.demo_id)


def test_starting_the_app_again_brings_the_running_one_forward_and_imports_nothing(qtbot, demo_lib, data_dir,
                                                                                   tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.hand_over = HandOverListener(window, demo_lib.path)
    before = len(workshops.list_workshops(demo_lib))

    done = _second_start(qtbot, data_dir)

    assert done.returncode == 0, done.stderr
    assert "brought to the front" in done.stdout
    qtbot.wait(100)
    assert window.dialog is None
    assert len(workshops.list_workshops(demo_lib)) == before


def test_without_a_running_app_to_hand_over_to_the_lock_is_reported_as_before(qtbot, demo_lib, data_dir, tmp_path):
    """The library is held (here by this test) but nobody listens: one line, exit 1."""
    done = _second_start(qtbot, data_dir, str(tmp_path / "missing.tension"))
    assert done.returncode == 1
    assert "already open in another Tension Desktop window" in done.stderr


def test_a_message_that_is_not_a_request_is_dropped(qtbot, demo_lib, tmp_path):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.hand_over = HandOverListener(window, demo_lib.path)
    for junk in (b"<script>open</script>\n", b'{"open": 42}\n', b"[1, 2]\n", b"x" * 20000):
        socket = QLocalSocket()
        socket.connectToServer(server_name(demo_lib.path))
        qtbot.waitUntil(lambda s=socket: s.state() == QLocalSocket.LocalSocketState.ConnectedState)
        socket.write(junk)
        socket.flush()
        qtbot.waitUntil(lambda s=socket: s.state() == QLocalSocket.LocalSocketState.UnconnectedState
                        or s.bytesAvailable() > 0, timeout=5000)
        assert window.dialog is None, junk[:30]
        socket.abort()
    assert window.hand_over.listening
