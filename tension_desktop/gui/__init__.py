"""Everything with widgets. The only package that imports Qt.

Its setup module comes first, before any other module of the package or what they import:
it tells PySide which modules need no ``__feature__`` look-up (see
:func:`tension_desktop.gui.qt.spare_pyside_source_reads`)."""

from . import qt as _qt  # noqa: F401 (first: the look-up spared for every module after it)
