"""The one way a screen opens a form: window-modal, without a nested event loop (a finger, a
screen reader and a test can all reach it while it is open).

While a form is open it is the owner's ``dialog`` attribute: the one test hook.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog


def open_form(owner: QObject | object, dlg: QDialog, on_accept: Callable[[], object] | None = None, *,
              on_close: Callable[[int], object] | None = None, delete: bool = True) -> QDialog:
    """Show ``dlg`` window-modally; ``on_accept()`` when it is accepted, then ``on_close(result)``
    however it closed. ``owner.dialog`` is the form while it is open. ``delete``: the form is
    deleted once closed (a form that deletes itself on close passes False)."""
    owner.dialog = dlg

    def finished(result: int) -> None:
        if getattr(owner, "dialog", None) is dlg:
            owner.dialog = None
        if on_close is not None:
            on_close(result)
        if delete:
            dlg.deleteLater()

    if on_accept is not None:
        dlg.accepted.connect(on_accept)
    dlg.finished.connect(finished)
    dlg.open()
    return dlg
