"""The one way the app writes a file it hands to the coach: whole or not at all, never over the library.

Every output (PDFs, handouts, CSV, PNG, ``.tension`` and JSON workshop files, the backup
taken before a migration) goes through :func:`write_atomically` or :func:`atomic_path`:

* the content goes to a temporary file in the target folder (on Linux an unnamed
  ``O_TMPFILE``, so even SIGKILL leaves nothing), is flushed and fsynced, and only then
  renamed over the target (``os.replace``), and the folder is fsynced;
* on any failure (a full disk, an exception while building the content, Ctrl+C) the
  temporary file is removed and a file already at the target keeps its bytes;
* a target that resolves to the library or one of its side files (``-wal``, ``-shm``,
  ``-journal``, ``.lock``, backups, the import scratch folder) is refused with
  :class:`OutputRefused`, however it is spelled: relative, through ``..`` or a symlink,
  in another letter case, or as a hard link; so is any existing Tension Desktop SQLite
  file (another folder's library), except an earlier workshop file a workshop export replaces.

The libraries a process has open are registered by :func:`~tension_desktop.store.open_library`
(:func:`protect`), so every writer checks against them without being told.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import StoreError

__all__ = ["OutputFailed", "OutputRefused", "atomic_path", "is_library_path", "portable_filename", "protect",
           "refuse_library_path", "release", "scratch_dir", "write_atomically"]

#: Suffixes SQLite and the app put beside a library file.
_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".lock", ".scratch")
_BACKUP = re.compile(r"\.v\d+-backup-.*")
_TEMP_PREFIX = ".~"

_protected: Counter[str] = Counter()


class OutputRefused(StoreError):
    """The output path is the library or one of its side files; nothing was written."""


class OutputFailed(StoreError):
    """An output could not be written; a file already at the target keeps its bytes."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def protect(library: Path) -> None:
    """Register ``library`` (while it is open) as a path no output may write over."""
    _protected[os.path.realpath(library)] += 1


def release(library: Path) -> None:
    """Undo one :func:`protect` of ``library``."""
    key = os.path.realpath(library)
    _protected[key] -= 1
    if _protected[key] <= 0:
        del _protected[key]


def scratch_dir(library: Path) -> Path:
    """The folder beside ``library`` for an import's scratch copy (cleaned at the next open)."""
    return library.with_name(library.name + ".scratch")


def _same_dir(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(a).casefold() == os.path.normcase(b).casefold()


def _library_name(name: str, library_name: str) -> bool:
    """Whether a file name is the library's or one of its side files' (case-insensitive)."""
    name, lib = name.casefold(), library_name.casefold()
    if not name.startswith(lib):
        return False
    rest = name[len(lib):]
    return rest in _SIDE_SUFFIXES or bool(_BACKUP.fullmatch(rest))


def is_library_path(out: Path | str, library: Path | str) -> bool:
    """True when ``out`` resolves to ``library`` or one of its side files (or a folder of that name)."""
    real = os.path.realpath(out)
    lib_real = os.path.realpath(library)
    parent, name = os.path.split(real)
    lib_parent, lib_name = os.path.split(lib_real)
    if _library_name(name, lib_name) and _same_dir(parent, lib_parent):
        return True
    if os.path.exists(real):  # a hard link, or a path the checks above cannot see through
        for side in _SIDE_SUFFIXES:
            with contextlib.suppress(OSError):
                if os.path.samefile(real, lib_real + side):
                    return True
    return False


def _is_our_sqlite_file(path: str) -> bool:
    """Whether ``path`` is an existing file whose header names it a Tension Desktop library
    (or backup, or workshop file): SQLite magic and our application id."""
    from .schema import APPLICATION_ID

    try:
        with open(path, "rb") as fh:
            header = fh.read(72)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\x00") and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def refuse_library_path(out: Path | str, library: Path | str | None = None, *,
                        may_replace_workshop_file: bool = False) -> None:
    """Raise :class:`OutputRefused` when ``out`` would write over ``library``, any open
    library, or any existing Tension Desktop SQLite file (another data folder's library, a
    backup). ``may_replace_workshop_file`` lets a workshop export replace an earlier one
    (its caller checks that the file holds exactly one workshop)."""
    libraries = [*([library] if library is not None else []), *_protected]
    for lib in libraries:
        if is_library_path(out, lib):
            raise OutputRefused(f"{out} is the Tension Desktop library {Path(lib).name} or one of its files; it was "
                                "left untouched and nothing was written. Choose another file name or folder.")
    if not may_replace_workshop_file and os.path.isfile(out) and _is_our_sqlite_file(os.fspath(out)):
        raise OutputRefused(f"{out} is a Tension Desktop library or workshop file; it was left untouched and "
                            "nothing was written. Choose another file name.")


def _fsync_dir(folder: str) -> None:
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened for fsync there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(target: str) -> str:
    folder, name = os.path.split(target)
    return os.path.join(folder, f"{_TEMP_PREFIX}{name[:60]}.{os.urandom(4).hex()}.tmp")


def _open_temp(target: str) -> tuple[int, str | None]:
    """A file to write the content to: on Linux an unnamed one (``O_TMPFILE``), so even a
    SIGKILL leaves nothing behind; elsewhere a hidden temporary name in the target folder."""
    folder = os.path.dirname(target)
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(folder, tmpfile | os.O_WRONLY, 0o666), None
        except OSError:
            pass  # a file system without unnamed files: use a name
    tmp = _temp_name(target)
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp


def _link_unnamed(fd: int, target: str) -> str:
    """Give an ``O_TMPFILE`` file a (temporary) name beside ``target``; returns that name.

    ``linkat`` must follow the ``/proc`` link, which ``os.link`` only asks for when given a
    folder descriptor."""
    tmp = _temp_name(target)
    folder = os.open(os.path.dirname(target), os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", os.path.basename(tmp), dst_dir_fd=folder)
    finally:
        os.close(folder)
    return tmp


def _prepare(out: Path | str, library: Path | str | None, *, refuse: bool = True,
             may_replace_workshop_file: bool = False) -> str:
    if refuse:
        refuse_library_path(out, library, may_replace_workshop_file=may_replace_workshop_file)
    target = os.path.realpath(out)  # through a symlink: the file it points to is replaced, the link stays
    if os.path.isdir(target):
        raise OutputRefused(f"{out} is a folder; nothing was written. Choose a file name.")
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    except FileExistsError:  # a file where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, "a file is in the way of the folder", os.path.dirname(target)) from None
    return target


def _failed(out: Path | str, exc: OSError) -> OutputFailed:
    reason = exc.strerror or str(exc)
    return OutputFailed(f"Could not write {out} ({reason}). Nothing was written; a file already there is "
                        "unchanged.", reason)


def _commit(tmp: str, target: str) -> None:
    with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)
    os.replace(tmp, target)
    _fsync_dir(os.path.dirname(target))


def write_atomically(out: Path | str, data: bytes | Callable[[BinaryIO], None], *,
                     library: Path | str | None = None, may_replace_workshop_file: bool = False) -> Path:
    """Write ``data`` (bytes, or a function writing to a binary file) to ``out``, whole or not at all.

    ``library`` adds a library to refuse besides the open ones (see :func:`refuse_library_path`,
    also for ``may_replace_workshop_file``). Raises :class:`OutputRefused` for a library path
    and :class:`OutputFailed` when writing fails; any other exception from ``data`` passes
    through. In every failure the temporary file is gone and a file already at ``out`` is
    byte-identical. A path through a symlink replaces the file the link points to.
    """
    try:
        target = _prepare(out, library, may_replace_workshop_file=may_replace_workshop_file)
        fd, tmp = _open_temp(target)
    except OSError as exc:
        raise _failed(out, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            if tmp is None:  # give the unnamed file a name only now that it is complete
                tmp = _link_unnamed(fh.fileno(), target)
        _commit(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _failed(out, exc) from None
        raise
    return Path(out)


@contextlib.contextmanager
def atomic_path(out: Path | str, *, library: Path | str | None = None, own_backup: bool = False) -> Iterator[Path]:
    """A temporary path beside ``out`` to build a file at (e.g. an SQLite file); renamed over
    ``out`` when the block ends without an exception, removed (with SQLite's side files) otherwise.

    ``own_backup`` is for the library's new backup only (a name no file has yet): it skips
    the refusal of library names."""
    try:
        target = _prepare(out, library, refuse=not own_backup)
    except OSError as exc:
        raise _failed(out, exc) from None
    tmp = _temp_name(target)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _commit(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _failed(out, exc) from None
        raise
    finally:
        for side in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(tmp + side)


# -- file names ------------------------------------------------------------------------------------
#: Names Windows reserves whatever the extension (``CON.pdf`` is the console there).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{d}{n}" for d in ("COM", "LPT")
                                                               for n in [*"123456789", "¹", "²", "³"])}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+')
NAME_MAX_BYTES = 255


def portable_filename(text: str, suffix: str = "", *, prefix: str = "", fallback: str = "file",
                      max_bytes: int = NAME_MAX_BYTES) -> str:
    """A file name made from ``text`` that every common file system accepts.

    ``prefix + text + suffix`` with characters Windows or POSIX forbid (``<>:"/\\|?*``, control
    characters, bidi overrides, lone surrogates) replaced by ``_``, no leading or trailing dots
    or spaces, no reserved device name (``CON``, ``LPT1``...), and at most ``max_bytes`` bytes
    in UTF-8 (cut on a character boundary). ``fallback`` stands in when nothing is left.
    """
    def fit(stem: str) -> str:
        budget = max_bytes - len((prefix + suffix).encode("utf-8"))
        raw = stem.encode("utf-8")[:max(budget, 0)]
        return raw.decode("utf-8", "ignore").rstrip(" .")

    stem = fit(_UNSAFE.sub("_", str(text)).strip(" ._")) or fit(fallback)
    name = prefix + stem + suffix
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:  # reserved names are short: room for one more
        name = "_" + name
    return name
