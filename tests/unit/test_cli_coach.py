"""The CLI for a coach: help and an example for every command, exit codes, the data folder,
versions; a workshop file on the command line; no display; portable mode; self-check."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tension_desktop import __version__, registry
from tension_desktop.cli import _window_only, build_parser, main
from tension_desktop.portable import DATA_FOLDER, MARKER, portable_data_dir
from tension_desktop.store import library_path
from tension_desktop.store.paths import default_data_dir

ROOT = Path(__file__).resolve().parents[2]


def subparsers(parser):
    action = next((a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"), None)
    return dict(action.choices) if action else {}


def every_command() -> list[tuple[str, object]]:
    found = []
    for name, p in subparsers(build_parser()).items():
        found.append((name, p))
        found += [(f"{name} {n}", q) for n, q in subparsers(p).items()]
    return found


def test_every_command_has_help_a_description_and_an_example():
    parser = build_parser()
    top = subparsers(parser)
    helps = {a.dest: a.help for a in next(a for a in parser._actions if a.dest == "command")._choices_actions}
    for name in top:
        assert helps.get(name), f"`{name}` has no one-line help"
    commands = every_command()
    assert len(commands) >= 12
    for name, p in commands:
        text = p.format_help()
        assert p.description, f"`{name}` has no description"
        assert "example:\n  tension-desktop " + name.split()[0] in text, f"`{name}` --help shows no example"
        for action in p._actions:
            if action.dest not in ("help", "command", "what"):
                assert action.help, f"`{name}` {action.dest} has no help"


def test_the_main_help_states_exit_codes_the_data_folder_and_opening_a_file():
    text = build_parser().format_help()
    assert str(default_data_dir()) in text
    for code in ("0  done", "1  it did not work", "2  the command was typed wrong"):
        assert code in text
    assert "tension-desktop offsite.tension" in text and MARKER in text


def test_demo_help_says_each_run_adds_a_copy():
    assert "Each run adds one more copy" in subparsers(build_parser())["demo"].format_help()


def test_version_names_qt_pyside_and_python(capsys):
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"tension-desktop {__version__} (Qt {qVersion()}, PySide6 {pyside}, Python ")


@pytest.mark.parametrize("argv, expected", [
    ([], (None, None)),
    (["offsite.tension"], (None, Path("offsite.tension"))),
    (["--data-dir", "d", "Team.JSON"], (Path("d"), Path("Team.JSON"))),
    (["--data-dir=d"], (Path("d"), None)),
    (["-psn_0_12345", "a.tension"], (None, Path("a.tension"))),
    (["a.tension", "b.tension"], None),
    (["notes.txt"], None),
    (["demo"], None),
    (["--version"], None),
])
def test_only_a_window_and_at_most_one_workshop_file_bypass_the_parser(argv, expected):
    assert _window_only(argv) == expected


def no_display_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "xdg"), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux can lack a display")
@pytest.mark.parametrize("args", [[], ["offsite.tension"]])
def test_with_no_display_the_app_prints_one_line_exits_1_and_locks_nothing(tmp_path, args):
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data), *args],
                            env=no_display_env(tmp_path), capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tension-desktop: no display"), result.stderr
    assert not data.exists() and not (tmp_path / "xdg").exists()


def test_portable_marker_beside_the_app_moves_the_data_folder_beside_it(tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    assert portable_data_dir(folder) is None
    (folder / MARKER).write_text("")
    assert portable_data_dir(folder) == folder / DATA_FOLDER


FROZEN = textwrap.dedent("""
    import sys
    sys.frozen = True
    sys.executable = sys.argv[1]
    from tension_desktop.cli import main
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize("layout", ["folder", "mac-app"])
def test_a_packaged_app_with_the_marker_keeps_its_library_beside_it(tmp_path, layout):
    stick = tmp_path / "stick"
    exe = (stick / "Tension Desktop.app" / "Contents" / "MacOS" / "tension-desktop" if layout == "mac-app"
           else stick / "tension-desktop" / "tension-desktop")
    exe.parent.mkdir(parents=True)
    exe.write_text("")
    home = exe.parent if layout == "folder" else stick
    env = {**no_display_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}

    def cli(*args):
        return subprocess.run([sys.executable, "-c", FROZEN, str(exe), *args], env=env, capture_output=True,
                              text=True, timeout=120, cwd=ROOT)

    assert cli("demo").returncode == 0  # no marker: the usual folder
    assert library_path(tmp_path / "xdg" / "tension-desktop").is_file()
    assert not (home / DATA_FOLDER).exists()
    (home / MARKER).write_text("")
    result = cli("demo")
    assert result.returncode == 0, result.stderr
    assert library_path(home / DATA_FOLDER).is_file()
    assert str(home / DATA_FOLDER) in cli("check").stdout  # commands read the portable library
    other = tmp_path / "other"
    assert cli("--data-dir", str(other), "demo").returncode == 0  # --data-dir still wins
    assert library_path(other).is_file()


def test_the_window_of_a_portable_app_opens_the_portable_library_and_settings(tmp_path, monkeypatch):
    import tension_desktop.gui.app as app_module

    seen = {}
    monkeypatch.setattr(app_module, "run_app", lambda data_dir=None, argv=None, open_file=None:
                        seen.update(data_dir=data_dir, open_file=open_file) or 0)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    exe = tmp_path / "app" / "tension-desktop"
    exe.parent.mkdir()
    (exe.parent / MARKER).write_text("")
    monkeypatch.setattr(sys, "executable", str(exe))
    assert main(["offsite.tension"]) == 0
    assert seen == {"data_dir": exe.parent / DATA_FOLDER, "open_file": Path("offsite.tension")}


def test_self_check_passes_with_every_registered_module():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "tension_desktop", "self-check"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok: {len(registry.EXERCISES)} exercises, ")


@pytest.mark.parametrize("module", registry.modules())
def test_self_check_fails_naming_a_registered_module_the_build_left_out(module):
    """What a hidden import missing from the packaging spec looks like in a frozen app."""
    code = textwrap.dedent(f"""
        import sys
        sys.modules[{module!r}] = None  # importing it now raises ModuleNotFoundError
        from tension_desktop.cli import main
        sys.exit(main(["self-check"]))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1, result.stdout
    assert module in result.stderr and "ok:" not in result.stdout


@pytest.mark.parametrize("kind", ["exercise", "export"])
def test_self_check_fails_naming_a_registered_attribute_that_is_missing(kind):
    """A module that imports but lacks the attribute the registry names (a renamed screen
    factory or export pair) fails too."""
    entry = ('registry.ExerciseEntry("ghost", "Ghost", 99, "tension_desktop.gui.board:no_such_screen")'
             if kind == "exercise" else
             'registry.ExportEntry("ghost", "a ghost", "tension_desktop.export.board_cli:NO_SUCH_PAIR")')
    field = "EXERCISES" if kind == "exercise" else "EXPORTS"
    code = textwrap.dedent(f"""
        import sys
        from tension_desktop import registry
        registry.{field} = (*registry.{field}, {entry})
        from tension_desktop.selfcheck import run
        sys.exit(run())
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1, result.stdout
    attr = "no_such_screen" if kind == "exercise" else "NO_SUCH_PAIR"
    assert "'ghost'" in result.stderr and attr in result.stderr, result.stderr
    assert "ok:" not in result.stdout
