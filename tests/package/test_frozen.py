"""Smoke test of the packaged app (`make package-smoke`, CI): the frozen CLI, its PDFs, its
self-check, its window under Xvfb, a workshop file opened from outside, and the Linux archives.

Runs only when ``TENSION_PACKAGE`` names the built folder (dist/tension-desktop; on macOS the
.app's Contents/MacOS folder); the normal suite skips it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tension_desktop import __version__, registry
from tests.e2e import xhelpers

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = os.environ.get("TENSION_PACKAGE")
pytestmark = pytest.mark.skipif(not PACKAGE, reason="set TENSION_PACKAGE=dist/tension-desktop (make package-smoke)")
LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def app_dir() -> Path:
    folder = (ROOT / PACKAGE).resolve()
    assert folder.is_dir(), f"no packaged app in {folder}: run make package"
    return folder


def exe(app_dir: Path, cli: bool = True) -> str:
    """The frozen app: on Windows the console twin for commands, the windowed exe otherwise."""
    if sys.platform == "win32":
        return str(app_dir / ("tension-desktop-cli.exe" if cli else "tension-desktop.exe"))
    return str(app_dir / "tension-desktop")


def env_without_display(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def run(app_dir: Path, tmp_path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([exe(app_dir), "--data-dir", str(tmp_path / "data"), *args], capture_output=True,
                            text=True, timeout=180, env=env_without_display(tmp_path))
    if check:
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result


def test_version_names_the_app_qt_and_pyside(app_dir, tmp_path):
    out = run(app_dir, tmp_path, "--version").stdout
    assert re.search(rf"tension-desktop {re.escape(__version__)} \(Qt 6\.\d+\.\d+, PySide6 6\.\d+", out), out


def test_self_check_finds_every_registered_exercise_and_export(app_dir, tmp_path):
    out = run(app_dir, tmp_path, "self-check").stdout
    assert out.startswith(f"ok: {len(registry.EXERCISES)} exercises, {len(registry.EXPORTS)} exports,"), out


def pdf_fonts(pdf: Path) -> list[list[str]]:
    """The rows of ``pdffonts`` (name, type, encoding, emb, sub, uni, object, id)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs pdffonts (poppler-utils)")
def test_demo_then_handouts_from_the_frozen_cli_embed_every_font(app_dir, tmp_path):
    wid = run(app_dir, tmp_path, "demo").stdout.strip()
    assert wid.isdigit()
    cov, rep = tmp_path / "covenant.pdf", tmp_path / "report.pdf"
    run(app_dir, tmp_path, "export", "covenant", wid, "--out", str(cov), "--allow-open-points")
    run(app_dir, tmp_path, "export", "report", wid, "--out", str(rep))
    for pdf in (cov, rep):
        assert pdf.read_bytes().startswith(b"%PDF")
        rows = pdf_fonts(pdf)
        assert rows, f"{pdf.name} has no fonts"
        for row in rows:
            emb = row[-5]  # columns from the right: emb sub uni object id
            assert emb == "yes", f"{pdf.name}: font {row[0]} is not embedded ({row})"
    listed = json.loads(run(app_dir, tmp_path, "list", "--json").stdout)
    assert int(wid) in [w["id"] for t in listed for w in t["workshops"]]


def test_without_a_display_the_window_says_so_and_exits_1(app_dir, tmp_path):
    if not LINUX:
        pytest.skip("only Linux can lack a display")
    result = subprocess.run([exe(app_dir, cli=False), "--data-dir", str(tmp_path / "data")], capture_output=True,
                            text=True, timeout=120, env=env_without_display(tmp_path))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "no display" in result.stderr
    assert not (tmp_path / "data").exists()  # nothing opened, nothing locked


def screen_is_not_blank(display: str) -> int:
    """How many colours a grid of 96 points over the screen shows (a blank screen: 1)."""
    return len({xhelpers.pixel(display, x, y) for x in range(20, 1366, 114) for y in range(20, 768, 96)})


@pytest.mark.skipif(not LINUX, reason="Xvfb runs on Linux")
def test_the_frozen_window_shows_and_ctrl_q_exits_0(app_dir, tmp_path):
    xhelpers.require_tools()
    with xhelpers.xvfb_display() as display:
        env = xhelpers.app_env(display, tmp_path)
        env.pop("PYTHONPATH", None)
        app = subprocess.Popen([exe(app_dir, cli=False), "--data-dir", str(tmp_path / "data")], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            window = xhelpers.wait_for_window(display, app)
            colours = xhelpers.wait_until(lambda: (n := screen_is_not_blank(display)) >= 4 and n, timeout=30)
            assert colours, "the frozen window painted nothing"
            xhelpers.quit_with_ctrl_q(display, window, app)
        finally:
            xhelpers.stop(app)


@pytest.mark.skipif(not LINUX, reason="Xvfb runs on Linux")
def test_a_workshop_file_given_to_the_frozen_app_is_offered_imported_and_opened(app_dir, tmp_path):
    xhelpers.require_tools()
    source = tmp_path / "source"
    wid = subprocess.run([exe(app_dir), "--data-dir", str(source), "demo"], capture_output=True, text=True,
                         timeout=120, env=env_without_display(tmp_path), check=True).stdout.strip()
    offsite = tmp_path / "offsite.tension"
    subprocess.run([exe(app_dir), "--data-dir", str(source), "export", "workshop", wid, "--out", str(offsite)],
                   timeout=120, env=env_without_display(tmp_path), check=True, capture_output=True)
    data = tmp_path / "data"
    with xhelpers.xvfb_display() as display:
        env = xhelpers.app_env(display, tmp_path)
        env.pop("PYTHONPATH", None)
        app = subprocess.Popen([exe(app_dir, cli=False), "--data-dir", str(data), str(offsite)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            window = xhelpers.wait_for_window(display, app)
            offer = xhelpers.wait_until(lambda: xhelpers.xdotool(display, "search", "--onlyvisible", "--name",
                                                                  "Import workshop"), timeout=30)
            assert offer, "no offer to import the file appeared"
            box = offer.splitlines()[-1]
            xhelpers.xdotool(display, "windowfocus", "--sync", box)
            xhelpers.xdotool(display, "key", "--clearmodifiers", "Return")  # the default: Import and open
            opened = xhelpers.wait_until(lambda: xhelpers.xdotool(display, "getwindowname", window).endswith(
                " - Tension Desktop"), timeout=30)  # "<workshop title> - Tension Desktop"
            assert opened, "the imported workshop was not opened"
            xhelpers.quit_with_ctrl_q(display, window, app)
        finally:
            xhelpers.stop(app)
    def listed(folder: Path) -> list[dict]:
        out = subprocess.run([exe(app_dir), "--data-dir", str(folder), "list", "--json"], capture_output=True,
                             text=True, timeout=120, env=env_without_display(tmp_path), check=True).stdout
        return [w for t in json.loads(out) for w in t["workshops"]]

    demo = listed(source)  # the new library's first start made these too
    title = next(w["title"] for w in demo if w["id"] == int(wid))
    now = [w["title"] for w in listed(data)]
    assert len(now) == len(demo) + 1  # the first-start demo and the imported copy
    assert now.count(title) == 2
    assert offsite.is_file()  # the file itself is left as it was


@pytest.mark.skipif(not LINUX, reason="Xvfb runs on Linux")
def test_a_file_opened_while_the_frozen_app_runs_is_handed_to_it(app_dir, tmp_path):
    """Double-clicking a workshop file while the app runs: the second start hands the file
    to the running window (which offers the import) and ends with exit 0."""
    xhelpers.require_tools()
    offsite = tmp_path / "offsite.tension"
    wid = subprocess.run([exe(app_dir), "--data-dir", str(tmp_path / "source"), "demo"], capture_output=True,
                         text=True, timeout=120, env=env_without_display(tmp_path), check=True).stdout.strip()
    subprocess.run([exe(app_dir), "--data-dir", str(tmp_path / "source"), "export", "workshop", wid, "--out",
                    str(offsite)], timeout=120, env=env_without_display(tmp_path), check=True, capture_output=True)
    data = tmp_path / "data"
    with xhelpers.xvfb_display() as display:
        env = xhelpers.app_env(display, tmp_path)
        env.pop("PYTHONPATH", None)
        app = subprocess.Popen([exe(app_dir, cli=False), "--data-dir", str(data)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            window = xhelpers.wait_for_window(display, app)
            second = subprocess.run([exe(app_dir, cli=False), "--data-dir", str(data), str(offsite)], env=env,
                                    capture_output=True, text=True, timeout=60)
            assert second.returncode == 0, second.stderr
            assert "asked to import offsite.tension" in second.stdout
            offer = xhelpers.wait_until(lambda: xhelpers.xdotool(display, "search", "--onlyvisible", "--name",
                                                                  "Import workshop"), timeout=30)
            assert offer, "the running app offered nothing"
            xhelpers.xdotool(display, "windowfocus", "--sync", offer.splitlines()[-1])
            xhelpers.xdotool(display, "key", "--clearmodifiers", "Escape")  # the coach says no
            xhelpers.quit_with_ctrl_q(display, window, app)
        finally:
            xhelpers.stop(app)


@pytest.mark.skipif(not LINUX, reason="the Linux archives")
def test_the_tar_and_deb_hold_the_app_its_menu_entry_file_type_and_cli(app_dir):
    dist = app_dir.parent
    tars = sorted(dist.glob("tension-desktop-*-linux-*.tar.gz"))
    assert tars, "no .tar.gz: run make package"
    with tarfile.open(tars[-1]) as tar:
        names = set(tar.getnames())
    for name in ("tension-desktop/tension-desktop", "tension-desktop/licenses/THIRD-PARTY-NOTICES.txt",
                 "tension-desktop/licenses/LGPL-3.0.txt", "tension-desktop/README.txt",
                 "tension-desktop/install-menu-entry.sh"):
        assert name in names, name
    debs = sorted(dist.glob("tension-desktop_*.deb"))
    if shutil.which("dpkg-deb") is None:
        pytest.skip("no dpkg-deb")
    assert debs, "no .deb: run make package"
    listing = subprocess.run(["dpkg-deb", "-c", str(debs[-1])], capture_output=True, text=True, check=True).stdout
    for path in ("./usr/bin/tension-desktop -> /opt/tension-desktop/tension-desktop",
                 "./usr/share/applications/tension-desktop.desktop",
                 "./usr/share/mime/packages/tension-desktop.xml",
                 "./usr/share/icons/hicolor/256x256/apps/tension-desktop.png",
                 "./opt/tension-desktop/tension-desktop"):
        assert path in listing, path
    control = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Package", "Version"], capture_output=True,
                             text=True, check=True).stdout
    assert f"Version: {__version__}" in control


@pytest.mark.skipif(not LINUX, reason="Linux libraries")
def test_the_bundle_takes_libstdcxx_and_libexpat_from_the_system(app_dir):
    """A libstdc++ or libexpat from a new build host would raise the glibc the app needs."""
    bundled = {p.name for p in (app_dir / "_internal").iterdir()}
    assert not [n for n in bundled if n.startswith(("libstdc++.so", "libexpat.so", "libgcc_s.so"))]
    assert not (app_dir / "_internal" / "PySide6" / "Qt" / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    assert not [n for n in bundled if n.startswith(("libgtk-3", "libgdk-3"))]


def test_the_package_stays_within_its_size_goals(app_dir):
    """Goals from issue 17: the folder at most 150 MB, the Linux archive at most 65 MB."""
    size = sum(f.stat().st_size for f in app_dir.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= 150 * 1024 * 1024, f"{size / 2**20:.0f} MB"
    for archive in app_dir.parent.glob("tension-desktop-*.tar.gz"):
        assert archive.stat().st_size <= 65 * 1024 * 1024, archive
