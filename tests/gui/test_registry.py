"""The one registry of exercises and exports: every entry imports, and the window, the
command line and the packaging all read it."""

from __future__ import annotations

import argparse
import ast
import sys
import types
from pathlib import Path

import pytest

from tension_desktop import registry
from tension_desktop.cli import build_parser
from tension_desktop.gui import exercises
from tension_desktop.gui.session.editor import PhaseDialog
from tension_desktop.model.agenda import EXERCISES as AGENDA_EXERCISES
from tension_desktop.model.agenda import AgendaPhase
from tension_desktop.model.validation import ValidationError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("entry", registry.EXERCISES, ids=lambda e: e.key)
def test_every_registered_exercise_screen_imports_and_can_be_built(entry):
    assert callable(registry.load(entry.screen))


@pytest.mark.parametrize("entry", registry.EXPORTS, ids=lambda e: e.name)
def test_every_registered_export_imports_as_a_configure_and_run_pair(entry):
    configure, run = registry.load(entry.command)
    assert callable(configure) and callable(run)
    parser = argparse.ArgumentParser()
    configure(parser)  # adds its arguments without failing


def test_keys_and_names_are_unique():
    keys = [e.key for e in registry.EXERCISES]
    names = [e.name for e in registry.EXPORTS]
    assert len(set(keys)) == len(keys) and len(set(names)) == len(names)


def test_the_window_shows_exactly_the_registered_exercises_in_order():
    assert [(e.key, e.title) for e in exercises.available()] == [
        (e.key, e.title) for e in sorted(registry.EXERCISES, key=lambda e: e.order)]


def test_an_agenda_phase_opens_exactly_the_registered_exercises_it_may(qtbot):
    """The registry is the one list: every entry with a phase title (all but the agenda itself)
    is a choice of the phase form, is a valid phase, and opens as a screen; nothing else is."""
    openable = [e for e in sorted(registry.EXERCISES, key=lambda e: e.order) if e.phase_title is not None]
    assert [k for k in AGENDA_EXERCISES if k] == [e.key for e in openable]
    assert "session" not in AGENDA_EXERCISES and len(openable) == len(registry.EXERCISES) - 1
    dialog = PhaseDialog()
    qtbot.addWidget(dialog)
    combo = dialog.exercise
    offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert offered == {"": "(no exercise)", **{e.key: e.phase_title or e.title.replace("&&", "&") for e in openable}}
    for e in openable:
        assert AgendaPhase("Phase", 10, exercise=e.key).exercise == e.key
        assert exercises.factory_for(e.key) is not None
    with pytest.raises(ValidationError):
        AgendaPhase("Phase", 10, exercise="session")


def test_the_agenda_names_no_exercise_itself():
    """No key or title of an exercise is written in model/agenda.py: it reads them from the
    registry, so a new exercise needs no second declaration there."""
    source = ast.parse((ROOT / "tension_desktop" / "model" / "agenda.py").read_text(encoding="utf-8"))
    literals = {n.value for n in ast.walk(source) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    names = {e.key for e in registry.EXERCISES} | set(registry.phase_exercises().values())
    assert not literals & names


def test_the_command_line_offers_every_registered_export():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    export = sub.choices["export"]
    whats = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    assert set(whats.choices) == {"workshop", *(e.name for e in registry.EXPORTS)}


def test_the_packaging_spec_bundles_every_module_the_registry_names(monkeypatch):
    """The spec is run as PyInstaller runs it (with its names provided), and its hidden
    imports are exactly the registry's modules. `make test` has no PyInstaller (it is the
    [packaging] extra, installed by `make package`): then its one helper the spec calls,
    copy_metadata, is stood in for, so the registry check still runs on every CI."""
    seen: dict = {}
    try:
        import PyInstaller.depend.bindepend  # noqa: F401
        import PyInstaller.utils.hooks  # noqa: F401
    except ModuleNotFoundError:
        stand_ins = {"PyInstaller.utils.hooks": {
                         "copy_metadata": lambda dist: [(f"{dist}.dist-info", f"{dist}.dist-info")]},
                     "PyInstaller.depend.bindepend": {"get_imports": lambda path: []}}
        for dotted, names in stand_ins.items():
            parts = dotted.split(".")
            for i in range(1, len(parts) + 1):
                name = ".".join(parts[:i])
                module = sys.modules.get(name)
                if module is None or not hasattr(module, "__path__") and i < len(parts):
                    module = types.ModuleType(name)
                    module.__path__ = []
                    monkeypatch.setitem(sys.modules, name, module)
                if i > 1:
                    setattr(sys.modules[".".join(parts[:i - 1])], parts[i - 1], module)
            for attr, value in names.items():
                setattr(sys.modules[dotted], attr, value)

    def analysis(*args, **kwargs):
        seen.update(kwargs)
        return argparse.Namespace(pure=[], scripts=[], binaries=[], datas=[])

    spec = ROOT / "packaging" / "tension-desktop.spec"
    names = {"SPECPATH": str(spec.parent), "Analysis": analysis, "PYZ": lambda *a, **k: None,
             "EXE": lambda *a, **k: None, "COLLECT": lambda *a, **k: None, "__file__": str(spec)}
    exec(compile(spec.read_text(), str(spec), "exec"), names)  # noqa: S102 (our own spec)
    room_link = names["ROOM_LINK"]  # imported when a round opens to phones, with its server and QR code
    assert seen["hiddenimports"] == [*registry.modules(), *room_link]
    assert {"tension_desktop.gui.room", "aiohttp", "segno"} <= set(room_link)
    static = ROOT / "tension_desktop" / "room" / "static"
    assert (str(static), "tension_desktop/room/static") in seen["datas"]
    assert (static / "index.html").is_file()
    for module in room_link:
        __import__(module)
    assert set(registry.modules()) >= {e.module for e in registry.EXERCISES} | {e.module for e in registry.EXPORTS}
