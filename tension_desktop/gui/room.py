"""The room link in the window: open a room for a private round, show its QR code, hand
every phone's request to the document's normal write path on the GUI thread.

* :class:`QtBackend`: the server (its own thread) calls ``submit``; a queued signal carries
  the request to the GUI thread, where it runs through the same undo commands as the
  canvases, all :class:`~.document.EditCommand` (a phone's drop is the map's ``DropCommand``,
  a sort the board's ``MoveCardCommand``, made by the exercise's ``phone_command``; a dot or a
  pulse a :class:`~.document.FnCommand` of the screen's own store calls), each one
  transaction through ``doc.call`` (the views hear one typed notice); the future (and so the
  phone's answer) resolves only after the store committed.
* every phone has its own undo stack on the laptop: each phone edit is one undoable step,
  taken back by that phone's Undo. The shared screen's Ctrl+Z reaches only the person at the
  screen (the private-round contract: nobody undoes anyone else's input).
* :class:`RoomController`: one open room per private round; closing it, the round ending
  (reveal, stop) and quitting the app stop the server. The room's secret, address and the
  SHA-256 of each phone's token are kept in the library (:mod:`~tension_desktop.store.room_links`),
  so after a restart of the app the coach reopens the room on the same round and the phones
  carry on without rescanning; the coach closing the room or the round ending forgets them
  (every token dies), and the phones are told why (push). Every change of the round (a turn
  passed, a phone done) is pushed to the phones.
* :class:`RoomWindow`: which network, the large QR code and short address, who joined (with
  a Release for each name) and progress only: never anyone's content.
"""

from __future__ import annotations

import concurrent.futures
import io

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QPixmap, QUndoStack
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tension_desktop.model.validation import ValidationError
from tension_desktop.room import tasks
from tension_desktop.room.protocol import Refused
from tension_desktop.room.server import Request, RoomServer
from tension_desktop.store import StoreError, people, room_links

from .document import EditFailed, FnCommand, WorkshopDocument
from .widgets import big_button

#: the port the room prefers (a short address); any free port when it is taken
PREFERRED_PORT = 8421


def interfaces() -> list[tuple[str, str]]:
    """(label, IPv4 address) of every network the laptop is on, the room's Wi-Fi or its own
    hotspot first; this laptop only (loopback) last."""
    found, loop = [], []
    flags = QNetworkInterface.InterfaceFlag
    for iface in QNetworkInterface.allInterfaces():
        f = iface.flags()
        if not (f & flags.IsUp and f & flags.IsRunning):
            continue
        for entry in iface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            if f & flags.IsLoopBack:
                loop.append((f"This laptop only ({ip.toString()})", ip.toString()))
            else:
                found.append((f"{iface.humanReadableName()}: {ip.toString()}", ip.toString()))
    return found + loop


class QtBackend(QObject):
    """Runs the server's requests on the GUI thread, through the document."""

    _request = Signal(object, object)
    devicesChanged = Signal(object)

    def __init__(self, room: RoomController) -> None:
        super().__init__(room)
        self.room = room
        self._request.connect(self._run, Qt.ConnectionType.QueuedConnection)

    # called on the server's thread
    def submit(self, request: Request) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._request.emit(request, future)
        return future

    def devices_changed(self, joined: dict[int, float]) -> None:
        self.devicesChanged.emit(dict(joined))

    @Slot(object, object)
    def _run(self, request: Request, future: concurrent.futures.Future) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(self.room.handle(request))
        except Refused as exc:
            future.set_exception(exc)
        except (ValidationError, StoreError) as exc:
            future.set_exception(Refused(400, str(exc)))
        except Exception as exc:  # noqa: BLE001 - the phone is told; the laptop keeps running
            future.set_exception(Refused(500, f"the laptop could not do this ({type(exc).__name__})"))


class RoomController(QObject):
    """One room for one private round (see the module docstring)."""

    changed = Signal()

    def __init__(self, private, parent: QObject | None = None) -> None:
        super().__init__(parent or private)
        self.private = private
        self.doc: WorkshopDocument = private.doc
        self.server: RoomServer | None = None
        self.backend: QtBackend | None = None
        self.task: tasks.Task | None = None
        self.stacks: dict[int, QUndoStack] = {}
        self.joined: dict[int, float] = {}
        private.controller.changed.connect(self._round_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # the exercise's screen goes (workshop closed): the server stops with it
        holder = self._holder = {"server": None}
        private.host.destroyed.connect(lambda *_a: holder["server"] is not None and holder["server"].stop())

    @property
    def is_open(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def url(self) -> str:
        return self.server.url if self.server else ""

    def saved(self) -> room_links.SavedRoom | None:
        """The room kept from before a restart of the app, for the running round (or None)."""
        c = self.private.controller
        if not c.active:
            return None
        return room_links.saved_room(self.doc.lib, self.doc.workshop_id, c.exercise, c.scope())

    def open(self, host: str, port: int = PREFERRED_PORT) -> None:
        """Start the room's server on ``host`` (one interface's address). Raises OSError.

        A room kept for this round on the same address reopens with the same secret and port
        and accepts the phones that joined it (they need not rescan)."""
        c = self.private.controller
        if not c.active:
            raise OSError("start a private round first")
        self.shutdown()
        self.task = tasks.Task(c.exercise, c.scope())
        kept = self.saved()
        if kept is not None and kept.host != host:
            kept = None  # another network: the old address is dead, the phones scan the new code
        self.backend = QtBackend(self)
        self.backend.devicesChanged.connect(self._devices)
        for attempt in dict.fromkeys((kept.port if kept else port, port, 0)):
            self.server = RoomServer(self.backend, host, attempt, secret=kept.secret if kept else None,
                                     tokens=kept.tokens if kept else None)
            try:
                self.server.start()
                self._holder["server"] = self.server
                break
            except OSError:
                self.server = None
                if attempt == 0:
                    raise
        self.doc.call(room_links.keep_room, self.doc.workshop_id, self.task.exercise, self.task.scope,
                      secret=self.server.secret, host=host, port=self.server.port, quiet=True)
        if kept is not None and kept.tokens:
            self._devices({pid: 0.0 for pid in self.server.claims})
        self.changed.emit()

    def close(self, reason: str = "closed") -> None:
        """The coach closes the room (``reason`` 'closed') or the round ended ('ended'): the
        phones are told, the server stops, every device token dies (also the kept ones),
        every phone's undo history goes."""
        task = self.task
        self._stop(reason)
        if task is not None:
            try:
                self.doc.call(room_links.forget, self.doc.workshop_id, task.exercise, task.scope, quiet=True)
            except EditFailed:  # a read-only or failing library keeps a dead room: harmless, a new
                pass            # round or the next close forgets it
        self.changed.emit()

    def shutdown(self) -> None:
        """The app quits or the room is reopened: stop listening, keep what a reopened room
        on the same round needs (the phones fall back to polling and wait)."""
        self._stop(None)
        self.changed.emit()

    def _stop(self, reason: str | None) -> None:
        if self.server is not None:
            self.server.stop(reason=reason)
        self.server = self._holder["server"] = None
        self.joined = {}
        for stack in self.stacks.values():
            stack.deleteLater()
        self.stacks = {}

    def release(self, participant_id: int) -> None:
        """The coach frees a name: the phone's token dies, the kept one too."""
        if self.server is not None and self.task is not None:
            self.server.release(participant_id)
            self.doc.call(room_links.drop_token, self.doc.workshop_id, self.task.exercise, self.task.scope,
                          participant_id, quiet=True)

    def _devices(self, joined: dict[int, float]) -> None:
        self.joined = joined
        self.changed.emit()

    def _round_changed(self) -> None:
        if self.server is not None and not self.private.controller.active:
            self.close("ended")  # revealed or stopped: the room ends with the round
        else:
            if self.server is not None:
                self.server.notify()  # progress moved: the phones hear it at once
            self.changed.emit()

    def progress(self) -> str:
        r = self.private.controller.round
        if r is None:
            return ""
        return f"{r.done_count} of {len(r.order)} done"

    # -- the requests, on the GUI thread ---------------------------------------------------------
    def handle(self, request: Request) -> dict:
        if self.task is None or not self.is_open:
            raise Refused(409, "the room is closed")
        lib, wid, task, pid = self.doc.lib, self.doc.workshop_id, self.task, request.participant_id
        if request.op == "roster":
            return {"people": tasks.roster(lib, wid, task)}
        assert pid is not None
        if request.op == "state":
            return tasks.state(lib, wid, task, pid)
        tasks.require_open(lib, wid, task, pid)
        if request.op == "join":
            self.private.controller.phone_joined(pid)
            if request.key:  # kept before the phone hears its token: a restart cannot lose it
                self.doc.call(room_links.keep_token, wid, task.exercise, task.scope, pid, request.key, quiet=True)
            return {"ok": True}
        stack = self.stacks.get(pid)
        if stack is None:
            stack = self.stacks[pid] = QUndoStack(self)
        if request.op == "undo":
            if not stack.canUndo():
                return {"ok": True, "changed": False}
            stack.undo()
            return {"ok": True, "changed": True}
        edit = request.edit
        assert edit is not None
        if edit.op == "done":
            self.private.controller.phone_done(pid, bool(edit.done))
            return {"ok": True, "changed": True}
        change = tasks.plan(lib, wid, task, pid, edit)
        if change is None:
            return {"ok": True, "changed": False}
        before = stack.count()
        stack.push(self._command(change))
        if stack.count() == before:
            raise Refused(500, "the laptop could not save this")
        return {"ok": True, "changed": True}

    def _command(self, change: tasks.Change):
        from .plain import undo_text

        who = people.get_participant(self.doc.lib, change.participant_id).name
        text = undo_text(f"{change.text}: {who}")
        if change.op == "rows":  # a dot or a pulse: the same store calls as the screen's own edit
            (redo, redo_args), (undo, undo_args) = change.redo, change.undo
            return FnCommand(text, lambda: self.doc.call(redo, *redo_args),
                             lambda: self.doc.call(undo, *undo_args))
        # a drop or a sort: the exercise's own canvas command (the exercise hands its maker to
        # PrivateRound, so this shared module imports no exercise package)
        make = self.private.phone_command
        if make is None:
            raise Refused(400, f"{change.op} is not an edit of this round")
        return make(self.doc, text, change)


def qr_pixmap(url: str, size: int) -> QPixmap:
    """The room's QR code as a pixmap about ``size`` pixels wide (made offline by segno)."""
    import segno

    code = segno.make(url, error="m")
    modules = code.symbol_size(scale=1, border=4)[0]
    buf = io.BytesIO()
    code.save(buf, kind="png", scale=max(1, size // modules), border=4)
    pix = QPixmap()
    pix.loadFromData(buf.getvalue(), "PNG")
    return pix


class RoomWindow(QWidget):
    """The room on the shared screen: network, QR code, address, who joined, progress."""

    def __init__(self, room: RoomController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.room = room
        self.setObjectName("roomWindow")
        self.setWindowTitle("The room: answer on your phone")
        self.networks = QComboBox()
        self.networks.setObjectName("roomNetwork")
        self.networks.setMinimumHeight(48)
        self.networks.setToolTip("The network phones join: the room's Wi-Fi or this laptop's hotspot")
        self.open_btn = big_button("Open the room", primary=True, name="roomOpen")
        self.close_btn = big_button("Close the room", name="roomClose")
        self.open_btn.clicked.connect(self._open)
        self.close_btn.clicked.connect(lambda: room.close("closed"))
        self.qr = QLabel()
        self.qr.setObjectName("roomQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address = QLabel()
        self.address.setObjectName("roomAddress")
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.progress = QLabel()
        self.progress.setObjectName("roomProgress")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress.setStyleSheet("font-size: 28pt; font-weight: 700;")
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.people_box = QWidget()
        self.people_grid = QGridLayout(self.people_box)
        self.release_btns: dict[int, QWidget] = {}
        top = QHBoxLayout()
        top.addWidget(self.networks, 1)
        top.addWidget(self.open_btn)
        top.addWidget(self.close_btn)
        body = QHBoxLayout()
        body.addWidget(self.qr, 3)
        side = QVBoxLayout()
        side.addWidget(self.progress)
        side.addWidget(self.people_box)
        side.addStretch(1)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addLayout(body, 1)
        layout.addWidget(self.address)
        for label, ip in interfaces():
            self.networks.addItem(label, ip)
        room.changed.connect(self.refresh)
        self.resize(1100, 760)
        self.refresh()

    def _open(self) -> None:
        ip = self.networks.currentData()
        if not ip:
            self.note.setText("This laptop is on no network. Turn on its hotspot or join the room's Wi-Fi.")
            return
        try:
            self.room.open(ip)
        except OSError as exc:
            self.note.setText(f"The room could not open: {exc}")

    def refresh(self) -> None:
        room = self.room
        is_open = room.is_open
        self.networks.setEnabled(not is_open)
        self.open_btn.setVisible(not is_open)
        self.close_btn.setVisible(is_open)
        if is_open:
            self.note.setText("Scan the code with your phone's camera and tap your name. Phones show only your "
                              "own answers; this screen shows progress only, until the reveal.")
            at = self.networks.findData(room.server.host)
            if at >= 0:
                self.networks.setCurrentIndex(at)  # the network the room listens on
            side = max(240, min(self.width() // 2, self.height() - 220))
            self.qr.setPixmap(qr_pixmap(room.url, side))
            self.address.setText(room.url)
        else:
            self.qr.clear()
            self.address.setText("")
            kept = room.saved()
            at = self.networks.findData(kept.host) if kept is not None else -1
            if at >= 0:
                self.networks.setCurrentIndex(at)
                self.open_btn.setText("Reopen the room")
                self.note.setText("This round's room was open before the app closed. Reopen it on the same network: "
                                  "the phones that joined keep their names and need not scan again.")
            else:
                self.open_btn.setText("Open the room")
                self.note.setText("Nothing listens until you open the room. Phones then reach only this laptop, "
                                  "on the network you choose, and only with the code shown here.")
        self.progress.setText(room.progress() if is_open else "")
        self._people()

    def _people(self) -> None:
        while self.people_grid.count():
            w = self.people_grid.takeAt(0).widget()
            if w is not None:
                w.hide()  # gone from the screen now, not when the event loop deletes it
                w.deleteLater()
        self.release_btns = {}
        if not self.room.is_open:
            return
        r = self.room.private.controller.round
        order = r.order if r else ()
        done = set(r.phones_done) if r else set()
        names = {p.id: p.name for p in self.room.doc.participants()}
        for row, pid in enumerate(order):
            name = QLabel(names.get(pid, "?"))
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setStyleSheet("font-size: 14pt;")
            joined = pid in self.room.joined
            state = QLabel("done" if pid in done else ("on a phone" if joined else "shared screen"))
            state.setTextFormat(Qt.TextFormat.PlainText)
            self.people_grid.addWidget(name, row, 0)
            self.people_grid.addWidget(state, row, 1)
            if joined:
                btn = big_button("Release", name=f"roomRelease{pid}")
                btn.setToolTip("Free this name for another phone")
                btn.clicked.connect(lambda _c=False, p=pid: self.room.release(p))
                self.people_grid.addWidget(btn, row, 2)
                self.release_btns[pid] = btn

    def closeEvent(self, event) -> None:
        super().closeEvent(event)  # hiding the window leaves the room open; "Close the room" closes it
