"""The import promise, GUI half: any workshop that imports opens every screen.

Mutated exports of the demo (see :mod:`tests.reliability.import_mutations`) are imported
into a real library on disk; each one that imports is opened in the main window and
every exercise tab is shown by a real click on its tab, with no exception raised in any
slot or paint. Refusals are checked as in tests/reliability/test_import_promise.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tension_desktop.store import workshops
from tests.gui.shell import make_window
from tests.reliability.import_mutations import base_export, mutated, write
from tests.reliability.test_import_promise import import_or_refused


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    return base_export(tmp_path_factory.mktemp("base"))


def visit_every_tab(qtbot, window, workshop_id: int) -> None:
    """Open the workshop and click each tab; every screen builds and paints. Then add a
    participant and an initiative the way the roster does, and undo both."""
    opened: list[str] = []
    with qtbot.capture_exceptions() as raised:
        window.open_workshop(workshop_id)
        view = window.workshop_view
        bar = view.tabs.tabBar()
        for index in range(view.tabs.count()):
            qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            if view.tabs.currentIndex() == index:
                opened.append(bar.tabText(index))
                view.tabs.currentWidget().repaint()
            QApplication.processEvents()
        built, screens = len(view.exercise_widgets.built()), len(view.exercise_widgets)
        added = [window.doc.add_participant("Zoë Ng"), window.doc.add_initiative("Night depot pilot")]
        window.doc.undo_stack.undo()
        window.doc.undo_stack.undo()
        window.show_home()
        QApplication.processEvents()
        # the workshop view just closed goes as the app's event loop would take it (deleteLater)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not raised, "; ".join(f"{e[0].__name__}: {e[1]}" for e in raised)
    assert len(opened) == screens + 1 and built == screens, f"only {opened} opened"
    assert added == [True, True], "adding a participant and an initiative failed"


def test_the_unchanged_base_export_opens_every_screen(qtbot, lib, base, tmp_path):
    window = make_window(qtbot, lib, tmp_path / "settings")
    new_id = import_or_refused(lib, write(base, tmp_path / "base.json", ascii_only=False))
    visit_every_tab(qtbot, window, new_id)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_any_workshop_that_imports_opens_every_screen(qtbot, lib, base, tmp_path, data):
    window = getattr(lib, "_test_window", None)
    if window is None:  # one window for every example: the test is about the workshop, not the window
        window = lib._test_window = make_window(qtbot, lib, tmp_path / "settings")
    changed, _what = data.draw(mutated(base))
    with tempfile.TemporaryDirectory() as folder:
        new_id = import_or_refused(lib, write(changed, Path(folder) / "mutated.json", ascii_only=True))
    event("imported" if new_id is not None else "refused")
    if new_id is not None:
        visit_every_tab(qtbot, window, new_id)
        workshops.delete_workshop(lib, new_id)
