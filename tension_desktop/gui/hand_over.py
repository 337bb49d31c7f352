"""One app per library: a second start hands over to the running one.

A library is open in one app at a time (its lock). When the coach double-clicks a workshop
file, or the app's icon, while the app already runs on that library, the second start does
not fail on the lock: it asks the running app (over a local socket only this user can open)
to come to the front and, for a file, to offer importing it; then it ends. The running app
asks the coach before importing anything, as for a file opened any other way.

The message is one line of JSON, ``{"open": "/path/to/file" | null}``, at most
:data:`MAX_MESSAGE` bytes; anything else is ignored.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

    from .main_window import MainWindow

#: the longest message read (a path of a few thousand characters fits)
MAX_MESSAGE = 16384
#: how long a second start waits for the running app before it gives up (ms)
TIMEOUT_MS = 3000
#: how long it keeps knocking while nobody listens yet (an app that is still starting listens
#: a moment after its first frame; a command such as ``import`` never does)
KNOCK_MS = 2000


def server_name(library: Path) -> str:
    """The local socket's name for ``library`` (the same however the path was written)."""
    digest = hashlib.sha256(str(Path(library).resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return f"tension-desktop-{digest[:24]}"


class HandOverListener(QObject):
    """In the running app: takes a second start's request and passes it to the window."""

    def __init__(self, window: MainWindow, library: Path) -> None:
        super().__init__(window)
        from PySide6.QtNetwork import QLocalServer

        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        name = server_name(library)
        if not self.server.listen(name):
            # a socket left by an app that was killed: this app holds the library's lock, so
            # no running app owns that name
            QLocalServer.removeServer(name)
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine(MAX_MESSAGE + 1).data())
        try:
            message = json.loads(line)
            path = message.get("open") if isinstance(message, dict) else None
        except (ValueError, UnicodeDecodeError):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if isinstance(path, str) and path:
            window.offer_import(Path(path))


def hand_over(library: Path, file: Path | None) -> bool:
    """In a second start: ask the app running on ``library`` to come forward and (for a
    ``file``) to offer importing it. True when that app said it took the request."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    deadline = time.monotonic() + KNOCK_MS / 1000
    while True:
        socket.connectToServer(server_name(library))
        if socket.waitForConnected(TIMEOUT_MS):
            break
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    message = {"open": str(Path(file).resolve()) if file is not None else None}
    socket.write(json.dumps(message).encode("utf-8", "surrogateescape") + b"\n")
    if not socket.waitForBytesWritten(TIMEOUT_MS):
        return False
    while not socket.canReadLine():
        if not socket.waitForReadyRead(TIMEOUT_MS):
            return False
    answered = bytes(socket.readLine(16).data()).strip() == b"ok"
    socket.disconnectFromServer()
    return answered
