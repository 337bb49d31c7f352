"""The command line, run as a real subprocess: output, exit codes, no Qt, and the app's lock."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tension_desktop.cli import COMMANDS, build_parser
from tension_desktop.store import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}


def cli(data_dir: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data_dir), *args],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def one_line_failure(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"a failure is one line on stderr, got: {result.stderr!r}"
    assert lines[0].startswith("tension-desktop: ")
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.fixture
def demo_dir(tmp_path: Path) -> tuple[Path, int]:
    data = tmp_path / "data"
    result = cli(data, "demo", check=True)
    return data, int(result.stdout.strip())


def test_demo_prints_the_id_of_a_new_demo_workshop(tmp_path):
    first = cli(tmp_path, "demo", check=True)
    second = cli(tmp_path, "demo", check=True)
    assert re.fullmatch(r"\d+\n", first.stdout) and re.fullmatch(r"\d+\n", second.stdout)
    assert int(second.stdout) != int(first.stdout)


def test_list_prints_teams_and_workshops_as_text_and_as_json(demo_dir):
    data, wid = demo_dir
    text = cli(data, "list", check=True).stdout
    assert text.splitlines()[0] == "Meridian Freight - leadership team"
    assert f"{wid}" in text and "Innovation vs reliability offsite" in text and "6 participants" in text
    teams = json.loads(cli(data, "list", "--json", check=True).stdout)
    listed = teams[0]["workshops"]  # the demo team's two sessions, newest first
    assert teams == [{"id": teams[0]["id"], "name": "Meridian Freight - leadership team", "workshops": [
        {"id": wid, "title": "Innovation vs reliability offsite", "date": "2026-11-20",
         "updated_at": listed[0]["updated_at"], "participants": 6, "initiatives": 8},
        {"id": listed[1]["id"], "title": "Kick-off offsite", "date": "2026-09-18",
         "updated_at": listed[1]["updated_at"], "participants": 6, "initiatives": 6}]}]


def test_list_on_a_machine_without_a_library_says_so_and_creates_nothing(tmp_path):
    assert "No library yet" in cli(tmp_path / "none", "list", check=True).stdout
    assert cli(tmp_path / "none", "list", "--json", check=True).stdout.strip() == "[]"
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_export_then_import_through_the_cli_prints_the_new_id(demo_dir, tmp_path, suffix):
    data, wid = demo_dir
    out = tmp_path / f"offsite{suffix}"
    assert cli(data, "export", "workshop", str(wid), "--out", str(out), check=True).stdout.strip() == str(out)
    head = out.read_bytes()[:16]
    assert head == b"SQLite format 3\x00" if suffix == ".tension" else head.startswith(b"{")
    new_id = int(cli(tmp_path / "other", "import", str(out), check=True).stdout)
    listed = json.loads(cli(tmp_path / "other", "list", "--json", check=True).stdout)
    assert [w["id"] for t in listed for w in t["workshops"]] == [new_id]
    assert listed[0]["workshops"][0]["participants"] == 6


def test_check_prints_ok_for_a_sound_library(demo_dir):
    data, _ = demo_dir
    out = cli(data, "check", check=True).stdout
    assert out.startswith("ok: ") and f"library version {SCHEMA_VERSION}, 2 workshops)" in out  # the demo team's two sessions


def test_check_names_a_broken_link_and_exits_1(demo_dir):
    data, _ = demo_dir
    conn = sqlite3.connect(data / "library.tension-library")  # foreign keys are off in a bare connection
    conn.execute("UPDATE board_cards SET participant_id = 4242 WHERE id = 3")
    conn.commit()
    conn.close()
    one_line_failure(cli(data, "check"), "foreign key broken in board_cards row 3 (participant_id -> participants)")


def test_failures_exit_1_with_one_line_on_stderr(demo_dir, tmp_path):
    data, _ = demo_dir
    one_line_failure(cli(data, "export", "workshop", "999", "--out", str(tmp_path / "x.json")),
                     "no workshop with id 999")
    bad = tmp_path / "notes.json"
    bad.write_text("shopping list")
    one_line_failure(cli(data, "import", str(bad)), "notes.json", "not valid JSON")
    one_line_failure(cli(data, "import", str(tmp_path / "missing.tension")), "does not exist")
    png = tmp_path / "photo.tension"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    one_line_failure(cli(data, "import", str(png)), "photo.tension")
    one_line_failure(cli(tmp_path / "empty", "check"), "no library")


def test_a_damaged_library_makes_every_command_fail_cleanly_and_stay_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    library = data / "library.tension-library"
    library.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    before = library.read_bytes()
    for args in (["list"], ["check"], ["demo"], ["export", "workshop", "1", "--out", str(tmp_path / "x.json")]):
        one_line_failure(cli(data, *args), str(library))
    assert library.read_bytes() == before


@pytest.mark.parametrize("args", [["frobnicate"], ["export", "workshop"], ["export", "workshop", "one", "--out",
                                                                             "x.json"], ["list", "--yaml"]])
def test_usage_errors_exit_2(tmp_path, args):
    result = cli(tmp_path, *args)
    assert result.returncode == 2, result.stderr
    assert "usage: tension-desktop" in result.stderr and result.stdout == ""


def test_the_headless_commands_never_load_qt(demo_dir, tmp_path):
    data, wid = demo_dir
    wrapper = textwrap.dedent("""
        import sys
        from tension_desktop.cli import main
        code = main(sys.argv[1:])
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")
                        or m.startswith("tension_desktop.gui"))
        print("LOADED:" + ",".join(loaded), file=sys.stderr)
        sys.exit(code)
    """)
    runs = [["list"], ["list", "--json"], ["check"], ["demo"],
            ["export", "workshop", str(wid), "--out", str(tmp_path / "a.json")],
            ["export", "workshop", str(wid), "--out", str(tmp_path / "a.tension")],
            ["import", str(tmp_path / "a.json")]]
    # and every handout exporter features register (`export WHAT ID --out FILE`)
    extra = {"memo": ["--decision", "1"]}  # exporters with a required choice besides the id
    runs += [["export", *c.split()[1:], str(wid), "--out", str(tmp_path / f"{c.split()[1]}.out"),
              *extra.get(c.split()[1], [])]
             for c in _subcommands() if c.startswith("export ") and c != "export workshop"]
    runs += [["continue", str(wid)]]
    for args in runs:
        result = subprocess.run([sys.executable, "-c", wrapper, "--data-dir", str(data), *args], cwd=ROOT, env=ENV,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr.strip().splitlines()[-1] == "LOADED:", (args, result.stderr)


def test_read_only_commands_work_while_the_app_holds_the_library(demo_dir, tmp_path):
    data, wid = demo_dir
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from tension_desktop.store import library_path, open_library, workshops
            lib = open_library(library_path(__import__("pathlib").Path({str(data)!r})))
            workshops.rename_workshop(lib, {wid}, "Renamed while open")  # still only in the write-ahead log
            print("ready", flush=True)
            sys.stdin.readline()
            lib.close()
        """)], cwd=ROOT, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert "Renamed while open" in cli(data, "list", check=True).stdout
        assert cli(data, "check", check=True).stdout.startswith("ok: ")
        out = tmp_path / "handout.json"
        cli(data, "export", "workshop", str(wid), "--out", str(out), check=True)
        assert json.loads(out.read_text())["workshop"]["title"] == "Renamed while open"
        cli(data, "export", "workshop", str(wid), "--out", str(tmp_path / "handout.tension"), check=True)
        one_line_failure(cli(data, "import", str(out)), "already open")
        one_line_failure(cli(data, "demo"), "already open")
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=60)
    assert holder.returncode == 0


def _subcommands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = list(sub.choices)
    export = sub.choices["export"]
    what = next(a for a in export._actions if a.dest == "what")
    return names + [f"export {w}" for w in what.choices]


def test_every_cli_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)
    assert len(section) == 2, "README.md needs a '## Command line' section"
    commands = _subcommands()
    assert set(COMMANDS) <= set(commands)
    missing = [c for c in commands if f"tension-desktop {c}" not in section[1].split("\n## ", 1)[0]]
    assert missing == [], f"commands missing from README's '## Command line': {missing}"
