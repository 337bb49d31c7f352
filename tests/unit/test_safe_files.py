"""The one output writer: whole or not at all, never over the library; portable file names."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension_desktop.store import safe_files
from tension_desktop.store.safe_files import (
    OutputFailed,
    OutputRefused,
    atomic_path,
    is_library_path,
    portable_filename,
    refuse_library_path,
    write_atomically,
)

GOOD = b"%PDF-1.4 a good file from an earlier export\n" * 100


@pytest.fixture(params=["unnamed", "named"])
def temp_kind(request, monkeypatch):
    """Both ways the writer makes its temporary file: Linux's unnamed O_TMPFILE, and a
    hidden name in the target folder (other systems, file systems without O_TMPFILE)."""
    if request.param == "named":
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    elif not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE here")
    return request.param


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_bytes_and_replaces_a_file_whole(tmp_path, temp_kind):
    out = tmp_path / "out.pdf"
    out.write_bytes(GOOD)
    os.chmod(out, 0o640)
    assert write_atomically(out, b"new") == out
    assert out.read_bytes() == b"new"
    assert out.stat().st_mode & 0o777 == 0o640, "the replaced file keeps its permissions"
    assert only(tmp_path) == ["out.pdf"]
    write_atomically(tmp_path / "sub" / "new.csv", lambda fh: fh.write(b"a,b\r\n"))
    assert (tmp_path / "sub" / "new.csv").read_bytes() == b"a,b\r\n"


def _half_then(exc: BaseException):
    def write(fh) -> None:
        fh.write(b"half a file" * 1000)
        raise exc
    return write


@pytest.mark.parametrize("exc", [RuntimeError("layout failed"), KeyboardInterrupt(),
                                 OSError(errno.ENOSPC, "No space left on device"),
                                 UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")],
                         ids=["exception", "ctrl-c", "disk-full", "unprintable"])
def test_a_failure_mid_write_keeps_the_old_file_and_leaves_nothing(tmp_path, temp_kind, exc):
    out = tmp_path / "covenant.pdf"
    out.write_bytes(GOOD)
    with pytest.raises(OutputFailed if isinstance(exc, OSError) else type(exc)):
        write_atomically(out, _half_then(exc))
    assert out.read_bytes() == GOOD
    assert only(tmp_path) == ["covenant.pdf"]
    # and no empty or partial file appears where there was none
    with pytest.raises(OutputFailed, match="No space left"):
        write_atomically(tmp_path / "new.pdf", _half_then(OSError(errno.ENOSPC, "No space left on device")))
    assert only(tmp_path) == ["covenant.pdf"]


def test_a_full_disk_at_fsync_or_rename_keeps_the_old_file(tmp_path, temp_kind, monkeypatch):
    out = tmp_path / "board.csv"
    out.write_bytes(GOOD)

    def full(*_a):
        raise OSError(errno.ENOSPC, "No space left on device")

    for name in ("fsync", "replace"):
        with monkeypatch.context() as m:
            m.setattr(safe_files.os, name, full)
            with pytest.raises(OutputFailed, match="No space left on device.*unchanged"):
                write_atomically(out, b"x" * 100_000)
        assert out.read_bytes() == GOOD
        assert only(tmp_path) == ["board.csv"]


def test_atomic_path_builds_a_file_and_cleans_up_after_a_failure(tmp_path):
    import sqlite3

    out = tmp_path / "offsite.tension"
    out.write_bytes(GOOD)
    with pytest.raises(RuntimeError), atomic_path(out) as tmp:
        conn = sqlite3.connect(tmp)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        raise RuntimeError("copy failed")
    assert out.read_bytes() == GOOD and only(tmp_path) == ["offsite.tension"]
    with atomic_path(out) as tmp:
        tmp.write_bytes(b"whole")
    assert out.read_bytes() == b"whole" and only(tmp_path) == ["offsite.tension"]


# -- the library and its side files ---------------------------------------------------------
@pytest.fixture
def library(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    lib = data / "library.tension-library"
    for name in ("library.tension-library", "library.tension-library-wal", "library.tension-library-shm",
                 "library.tension-library.lock", "library.tension-library.v1-backup-20250101-101010"):
        (data / name).write_bytes(GOOD)
    return lib


SPELLINGS = {
    "absolute": lambda lib, cwd: lib,
    "relative": lambda lib, cwd: Path(os.path.relpath(lib, cwd)),
    "bare name from inside": lambda lib, cwd: Path(lib.name),
    "dot-dot": lambda lib, cwd: lib.parent / "nowhere" / ".." / lib.name,
    "other case": lambda lib, cwd: lib.parent / lib.name.upper(),
    "wal": lambda lib, cwd: lib.with_name(lib.name + "-wal"),
    "shm other case": lambda lib, cwd: lib.with_name(lib.name.title() + "-SHM"),
    "journal (not there yet)": lambda lib, cwd: lib.with_name(lib.name + "-journal"),
    "lock": lambda lib, cwd: lib.with_name(lib.name + ".lock"),
    "backup": lambda lib, cwd: lib.with_name(lib.name + ".v1-backup-20250101-101010"),
    "future backup": lambda lib, cwd: lib.with_name(lib.name + ".v7-backup-20990101-000000"),
    "scratch folder": lambda lib, cwd: lib.with_name(lib.name + ".scratch"),
}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_the_library_is_refused(library, monkeypatch, spelling):
    monkeypatch.chdir(library.parent)
    out = SPELLINGS[spelling](library, library.parent)
    before = {p.name: p.read_bytes() for p in library.parent.iterdir()}
    assert is_library_path(out, library)
    with pytest.raises(OutputRefused, match="left untouched"):
        write_atomically(out, b"oops", library=library)
    assert {p.name: p.read_bytes() for p in library.parent.iterdir()} == before


def test_links_to_the_library_are_refused(library, tmp_path):
    sym = tmp_path / "looks-harmless.pdf"
    sym.symlink_to(library)
    dirlink = tmp_path / "datalink"
    dirlink.symlink_to(library.parent)
    hard = tmp_path / "hard.pdf"
    os.link(library, hard)
    for out in (sym, dirlink / library.name, hard, dirlink / (library.name + "-wal")):
        with pytest.raises(OutputRefused):
            write_atomically(out, b"oops", library=library)
    assert library.read_bytes() == GOOD


def test_open_libraries_are_protected_without_being_named(lib, tmp_path):
    """open_library registers the file: a writer that is not told about it still refuses."""
    with pytest.raises(OutputRefused):
        refuse_library_path(lib.path)
    with pytest.raises(OutputRefused):
        write_atomically(Path(lib.path).with_name(Path(lib.path).name + "-shm"), b"x")
    # ordinary neighbours are fine, including names that merely start like the library
    write_atomically(Path(lib.path).with_name("library.tension-library.pdf"), b"ok")
    write_atomically(tmp_path / "report.pdf", b"ok")


def test_a_closed_library_is_no_longer_registered(tmp_path):
    from tension_desktop.store import open_library

    path = tmp_path / "other.tension-library"
    lib = open_library(path)
    with pytest.raises(OutputRefused):
        refuse_library_path(path.with_name(path.name + ".lock"))
    lib.close()
    assert os.path.realpath(path) not in safe_files._protected
    refuse_library_path(path.with_name(path.name + ".lock"))  # nothing has it open any more


# -- file names -------------------------------------------------------------------------------
RESERVED = ["CON", "prn", "Aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "CON.txt", "nul .tar", "COM¹"]
NAMES = ["Ana", "Zoë Ångström", "Ольга", "王小明", "김민준", "محمد", "שרה", "😀" * 80, "𝐀𝐁𝐂" * 30,
         "名" * 120, "a/b\\c:d*e?f\"g<h>i|j", "..", ".", " ", "...hidden", "trail. . .", "\x00\x1b[2J\x7f\x85",
         "Bob\r\n=1+1", "Eve\u202efdp.exe", "x" * 400, "e\u0301" * 200, "\ud800lone", "👩‍👩‍👧‍👦" * 20, *RESERVED]
BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)} | {chr(c) for c in range(0x7F, 0xA0)}


def check_portable(name: str) -> None:
    assert 0 < len(name.encode("utf-8")) <= 255
    assert not FORBIDDEN & set(name)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in name)
    assert not BIDI & set(name)
    assert name == name.strip(" ") and not name.endswith(".")
    assert name.split(".")[0].rstrip(" ").upper() not in safe_files._RESERVED
    assert name not in (".", "..")


@pytest.mark.parametrize("text", NAMES + RESERVED)
def test_portable_filenames(text, tmp_path):
    name = portable_filename(text, ".pdf")
    check_portable(name)
    assert name.endswith(".pdf")
    (tmp_path / name).write_bytes(b"x")  # the file system takes it


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300), st.integers(min_value=1, max_value=999))
def test_handout_names_fit_every_file_system_and_still_name_the_person(text, n):
    from tension_desktop.export.covenant_pdf import handout_filename

    name = handout_filename(n, SimpleNamespace(name=text))
    check_portable(name)
    assert name.startswith(f"{n:02d} ") and name.endswith(".pdf")  # unique per participant by its number
    kept = [c for c in text if c not in FORBIDDEN | BIDI | set(" ._") and not 0xD800 <= ord(c) <= 0xDFFF]
    if kept and len(text.encode("utf-8", "surrogatepass")) < 200:
        assert kept[0] in name, "the file still names the person"


def test_any_tension_desktop_sqlite_file_is_refused_even_if_no_library_is_open(tmp_path):
    """Another data folder's library (or a backup, or a workshop file) is never an output's
    target; only a workshop export may replace an earlier workshop file."""
    from tension_desktop.store import open_library

    other = tmp_path / "elsewhere" / "my-old-library"
    open_library(other).close()
    good = other.read_bytes()
    for out in (other, tmp_path / "elsewhere" / ".." / "elsewhere" / "my-old-library"):
        with pytest.raises(OutputRefused, match="left untouched"):
            write_atomically(out, b"a csv")
    assert other.read_bytes() == good
    write_atomically(other, b"replaced", may_replace_workshop_file=True)
    assert other.read_bytes() == b"replaced"


def test_writing_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "synced" / "report.pdf"
    real.parent.mkdir()
    real.write_bytes(GOOD)
    link = tmp_path / "report.pdf"
    link.symlink_to(real)
    write_atomically(link, b"new report")
    assert link.is_symlink() and real.read_bytes() == b"new report"
    assert only(real.parent) == ["report.pdf"]
