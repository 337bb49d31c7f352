"""One running app per library: an OS-level lock on a file beside the library.

The operating system releases the lock when the process dies, even by SIGKILL or a
power cut, so there is never a stale lock to clean up by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import LibraryInUse, StorageReadOnly

_PID_WIDTH = 16
_WINDOWS_LOCK_OFFSET = 1024


class LibraryLock:
    """An exclusive, non-blocking lock on ``<library>.lock``."""

    def __init__(self, library: Path) -> None:
        self.path = library.with_name(library.name + ".lock")
        self._fd: int | None = None
        self.created = False

    def acquire(self) -> None:
        """Take the lock or raise :class:`LibraryInUse` naming the holder's process id."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.created = not self.path.exists()
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageReadOnly(
                f"{self.path.parent} cannot be written to ({exc.strerror or exc}), so the library there cannot be "
                "opened for changes. Move it to a folder you can write to, or open it read-only."
            ) from None
        try:
            if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
                import msvcrt

                # Lock a byte past the process id, so a second instance can still read the id.
                os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = ""
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                holder = os.read(fd, 32).decode("ascii", "replace").strip()
            except OSError:
                pass
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise LibraryInUse(
                f"The library {self.path.with_suffix('')} is already open in another Tension Desktop window{who}. "
                "Switch to that window, or close it first."
            ) from None
        try:  # the holder's process id, for the second instance's message
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode("ascii").ljust(_PID_WIDTH))
        except OSError:
            pass  # a full disk must not stop the app from opening; the message just names no process
        self._fd = fd

    def release(self, *, remove: bool = False) -> None:
        """Let go of the lock; ``remove`` also deletes the lock file if this lock created it
        (used when the library is refused, so nothing is left beside a file that is not ours)."""
        if self._fd is not None:
            if remove and self.created:
                self.path.unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
