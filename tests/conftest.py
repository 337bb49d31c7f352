"""Shared fixtures: a real library file on disk, opened the way the app opens it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tension_desktop.store import library_path, open_library  # noqa: E402
from tension_desktop.store.demo import create_demo  # noqa: E402


@pytest.fixture(autouse=True)
def _delete_closed_widgets():
    """After each test, delete what it closed and handed to ``deleteLater`` (pytest-qt closes
    the test's windows that way before the fixtures are torn down). The app's event loop does
    this by itself; a test run has no such loop, so without this every window of every test
    stayed alive (33,000 widgets after the import-promise test), and each later restyle (a
    theme applied, a style sheet reset) walked them all: 20-25 s per covenant-editor test."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:  # a unit test that never touched Qt
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def lib(data_dir: Path):
    """An empty library in a temporary folder (real SQLite file, WAL, FULL sync, locked)."""
    library = open_library(library_path(data_dir))
    yield library
    library.close()


@pytest.fixture
def demo_lib(lib):
    """The library with the demo workshop; ``demo_lib.demo_id`` is its id."""
    lib.demo_id = create_demo(lib)
    return lib


@pytest.fixture
def doc(qtbot, demo_lib):
    """A WorkshopDocument on the demo workshop (needs Qt)."""
    from tension_desktop.gui.document import WorkshopDocument

    document = WorkshopDocument(demo_lib, demo_lib.demo_id)
    yield document
    document.deleteLater()
