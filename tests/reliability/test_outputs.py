"""Writing a file never destroys one: the library is never an output, and a failed or
killed export leaves an earlier file of the same name byte-identical and no partial file.

The command line is run as the coach runs it (``cli.main`` in process for the big matrix,
real subprocesses for kills), against a real library on disk.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tension_desktop.export.board_csv
import tension_desktop.export.map_csv
import tension_desktop.store.transfer  # noqa: F401 - imported before any test patches their writer
from tension_desktop import cli
from tension_desktop.store import library_path, open_library, safe_files
from tension_desktop.store.demo import create_demo

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
EXPORTS = ["map", "board", "covenant", "report", "workshop"]


def digest(folder: Path) -> dict[str, str]:
    """Every file of the data folder, by name, with a hash of its bytes (but the library's
    ``-shm``, the shared-memory index SQLite's readers update; what would write over it is
    refused by the same check as the rest, which the one-line refusal shows)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith("library-shm")}


@pytest.fixture
def data(tmp_path) -> tuple[Path, int]:
    """A data folder with the demo library, closed again (nothing of this process holds it)."""
    folder = tmp_path / "data"
    lib = open_library(library_path(folder))
    wid = create_demo(lib)
    lib.close()
    return folder, wid


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def one_line(rc: int, err: str) -> str:
    assert rc == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tension-desktop: "), err
    return lines[0]


SPELLINGS = {
    "absolute": lambda lib, tmp: lib,
    "relative from inside the data folder": lambda lib, tmp: Path(lib.name),
    "relative from elsewhere": lambda lib, tmp: Path("data") / lib.name,
    "through ..": lambda lib, tmp: lib.parent / "x" / ".." / lib.name,
    "through a symlink": lambda lib, tmp: tmp / "link-to-library",
    "through a folder symlink": lambda lib, tmp: tmp / "link-to-data" / lib.name,
    "in other letter case": lambda lib, tmp: lib.parent / "Library.Tension-Library",
    "its -wal": lambda lib, tmp: Path(str(lib) + "-wal"),
    "its -shm": lambda lib, tmp: Path(str(lib) + "-shm"),
    "its lock": lambda lib, tmp: Path(str(lib) + ".lock"),
    "a backup": lambda lib, tmp: Path(str(lib) + ".v1-backup-20260101-120000"),
}


@pytest.mark.parametrize("what", EXPORTS)
def test_no_export_writes_over_the_library_however_it_is_named(data, tmp_path, monkeypatch, capsys, what):
    folder, wid = data
    lib = library_path(folder)
    Path(str(lib) + ".v1-backup-20260101-120000").write_bytes(b"an old backup")
    (tmp_path / "link-to-library").symlink_to(lib)
    (tmp_path / "link-to-data").symlink_to(folder)
    run(capsys, "--data-dir", folder, "list")  # a read-only open: SQLite's -wal and -shm now exist
    assert Path(str(lib) + "-wal").exists()
    before = digest(folder)
    for name, spell in SPELLINGS.items():
        monkeypatch.chdir(folder if "inside" in name else tmp_path)
        out = spell(lib, tmp_path)
        rc, _out, err = run(capsys, "--data-dir", folder, "export", what, wid, "--out", out)
        line = one_line(rc, err)
        assert "library" in line, (name, line)
        assert digest(folder) == before, f"export {what} --out {name} changed the data folder"
    monkeypatch.chdir(tmp_path)
    rc, out, _err = run(capsys, "--data-dir", folder, "list")
    assert rc == 0 and "Innovation vs reliability offsite" in out


def test_per_participant_folder_cannot_be_the_library(data, capsys):
    folder, wid = data
    run(capsys, "--data-dir", folder, "list")
    before = digest(folder)
    rc, _out, err = run(capsys, "--data-dir", folder, "export", "covenant", wid, "--per-participant",
                        library_path(folder))
    assert "library" in one_line(rc, err)
    assert digest(folder) == before


def test_the_library_survives_every_refused_export_through_the_real_cli(data, tmp_path):
    """The reported example, end to end: relative path from inside the data folder, then demo and list."""
    folder, wid = data
    before = library_path(folder).read_bytes()
    for what in EXPORTS:
        r = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", ".", "export", what, str(wid),
                            "--out", "library.tension-library"], cwd=folder, env={**ENV, "PYTHONPATH": str(ROOT)},
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert library_path(folder).read_bytes() == before
    r = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(folder), "demo"],
                       cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(folder), "list", "--json"],
                       cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    [team] = json.loads(r.stdout)
    titles = [w["title"] for w in team["workshops"]]
    assert wid in [w["id"] for w in team["workshops"]] and "Kick-off offsite" in titles, "the workshops are all there"


# -- failures mid-export ------------------------------------------------------------------------
def _boom(*_a, **_k):
    raise RuntimeError("the layout failed half way")


@pytest.mark.parametrize("what", EXPORTS)
@pytest.mark.parametrize("failure", ["exception in the middle", "disk full"])
def test_a_failed_export_keeps_the_earlier_file(data, tmp_path, monkeypatch, capsys, what, failure):
    folder, wid = data
    suffix = {"map": ".csv", "board": ".csv", "workshop": ".json"}.get(what, ".pdf")
    out = tmp_path / "out" / f"earlier{suffix}"
    rc, _o, err = run(capsys, "--data-dir", folder, "export", what, wid, "--out", out)
    assert rc == 0, err
    good = out.read_bytes()
    if failure == "disk full":
        def full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(safe_files.os, "fsync", full)
    else:
        def half(fh):
            fh.write(b"partial")
            raise OSError(errno.EIO, "Input/output error")
        real = safe_files.write_atomically  # the real writer, fed content that fails half way
        monkeypatch.setattr(safe_files, "write_atomically", lambda o, d, **k: real(o, half, **k))
        for module in ("tension_desktop.export.map_csv", "tension_desktop.export.board_csv",
                       "tension_desktop.store.transfer"):
            monkeypatch.setattr(f"{module}.write_atomically", lambda o, d, **k: real(o, half, **k))
    rc, _o, err = run(capsys, "--data-dir", folder, "export", what, wid, "--out", out)
    line = one_line(rc, err)
    assert "unchanged" in line
    assert out.read_bytes() == good
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_a_failed_pdf_layout_writes_nothing(data, tmp_path, monkeypatch):
    from reportlab.platypus import SimpleDocTemplate

    from tension_desktop.export.report_pdf import export_report

    folder, wid = data
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF- an earlier report")
    monkeypatch.setattr(SimpleDocTemplate, "build", _boom)
    with open_library(library_path(folder), readonly=True) as lib, pytest.raises(RuntimeError):
        export_report(lib, wid, out)
    assert out.read_bytes() == b"%PDF- an earlier report"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["report.pdf"]


def test_a_failed_tension_export_keeps_the_earlier_file(data, tmp_path, monkeypatch):
    from tension_desktop.store import transfer, workshops

    folder, wid = data
    out = tmp_path / "offsite.tension"
    with open_library(library_path(folder), readonly=True) as lib:
        transfer.export_workshop(lib, wid, out)
        good = out.read_bytes()
        monkeypatch.setattr(transfer, "copy_workshop_rows", lambda *a, **k: _boom())
        with pytest.raises(RuntimeError):
            transfer.export_workshop(lib, wid, out)
        assert workshops.get_workshop(lib, wid)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["offsite.tension"]


# -- per-participant handouts ----------------------------------------------------------------------
def test_per_participant_export_reports_exactly_which_handouts_failed(data, tmp_path, capsys):
    folder, wid = data
    handouts = tmp_path / "handouts"
    handouts.mkdir()
    (handouts / "03 Priya Raman.pdf").mkdir()  # something in the way of one handout
    rc, out, err = run(capsys, "--data-dir", folder, "export", "covenant", wid, "--per-participant", handouts)
    line = one_line(rc, err)
    assert "1 of 6" in line and "03 Priya Raman.pdf" in line
    written = sorted(p.name for p in handouts.iterdir() if p.is_file())
    assert len(written) == 5 and all(name in out for name in written), "every other handout was written"


def test_per_participant_names_that_no_file_system_takes(tmp_path, capsys):
    from tension_desktop.store import people, workshops

    folder = tmp_path / "data"
    names = ["😀" * 70, "𝐀" * 80, "CON", "a/b:c*?", "..", "\u202eevil", "名" * 100, "Same", "same", "SAME"]
    with open_library(library_path(folder)) as lib:
        with lib.edit():
            wid = workshops.create_workshop(lib, "Team", "Names").id
        for n in names:
            people.add_participant(lib, wid, n, "Exec")
    handouts = tmp_path / "out"
    rc, out, err = run(capsys, "--data-dir", folder, "export", "covenant", wid, "--per-participant", handouts,
                       "--replace-missing")
    assert rc == 0, err
    files = sorted(handouts.iterdir())
    assert len(files) == len(names), "one handout per participant, none overwrote another"
    for f in files:
        assert len(f.name.encode("utf-8")) <= 255
        assert f.read_bytes().startswith(b"%PDF")


# -- killed exports and imports --------------------------------------------------------------------
@pytest.mark.parametrize(("what", "name", "whole"), [("report", "report.pdf", b"%PDF"),
                                                   ("workshop", "offsite.tension", b"SQLite format 3\x00")])
def test_an_export_killed_at_any_moment_leaves_the_earlier_file_or_the_new_one(data, tmp_path, what, name, whole):
    folder, wid = data
    rng = random.Random(3)
    out = tmp_path / "out" / name
    out.parent.mkdir()
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(folder), "export", what, str(wid),
                        "--out", str(out)], cwd=ROOT, env=ENV, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    whole_run = time.monotonic() - start  # kills are spread over a run's length
    earlier = out.read_bytes()
    outcomes = {"old": 0, "new": 0}
    for _trial in range(6):
        child = subprocess.Popen([sys.executable, "-m", "tension_desktop", "--data-dir", str(folder), "export",
                                  what, str(wid), "--out", str(out)], cwd=ROOT, env=ENV,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.1) * whole_run)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        now = out.read_bytes()
        if now == earlier:
            outcomes["old"] += 1
        else:
            assert now.startswith(whole), "a whole file of the right kind"
            if what == "report":
                assert now.rstrip().endswith(b"%%EOF")
            outcomes["new"] += 1
            earlier = now
        assert [p.name for p in out.parent.iterdir()] == [name], "no partial or temporary file"
    print(f"\nexport {what} kills: {outcomes}")


IMPORT_CHILD = """
import sys
from pathlib import Path
from tension_desktop.store import open_library, transfer
lib = open_library(Path(sys.argv[1]))
while True:
    print("importing", flush=True)
    transfer.import_workshop(lib, Path(sys.argv[2]))
"""


def test_a_killed_import_leaves_no_scratch_copy_behind(data, tmp_path):
    from tension_desktop.store import transfer

    folder, wid = data
    source = tmp_path / "offsite.json"
    with open_library(library_path(folder), readonly=True) as lib:
        transfer.export_workshop(lib, wid, source)
    systemp = tmp_path / "system-temp"
    systemp.mkdir()
    rng = random.Random(5)
    for _trial in range(4):
        child = subprocess.Popen([sys.executable, "-c", IMPORT_CHILD, str(library_path(folder)), str(source)],
                                 cwd=ROOT, env={**ENV, "TMPDIR": str(systemp), "TEMP": str(systemp)},
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert child.stdout.readline().strip() == "importing"
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=60)
        assert not list(systemp.iterdir()), "nothing of the import is in the system temp folder"
        with open_library(library_path(folder)) as lib:  # the next start cleans what the kill left
            assert lib.integrity_check() == ["ok"]
        assert not safe_files.scratch_dir(library_path(folder)).exists()


WRITER_CHILD = """
import sys, time
from tension_desktop.store.safe_files import write_atomically

def slow(fh):
    fh.write(b"half of the new file " * 50_000)
    fh.flush()
    print("half", flush=True)
    time.sleep(60)

write_atomically(sys.argv[1], slow)
"""


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="unnamed temporary files are Linux-only")
def test_a_writer_killed_half_way_leaves_the_earlier_file_and_nothing_else(tmp_path):
    out = tmp_path / "covenant.pdf"
    out.write_bytes(b"%PDF- the earlier covenant")
    child = subprocess.Popen([sys.executable, "-c", WRITER_CHILD, str(out)], cwd=ROOT, env=ENV,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "half"
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=60)
    assert out.read_bytes() == b"%PDF- the earlier covenant"
    assert [p.name for p in tmp_path.iterdir()] == ["covenant.pdf"]
