"""Files the window writes: through the core's one output writer, with a clear message on failure.

Images are encoded in memory (``QBuffer``) and handed to
:func:`tension_desktop.store.safe_files.write_atomically` as bytes, so a PNG is written
whole or not at all and never over the library, exactly like the PDFs and CSV files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tension_desktop.store.safe_files import OutputFailed, write_atomically

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPixmap


def png_bytes(image: QImage | QPixmap) -> bytes:
    """The PNG encoding of ``image``."""
    # imported at first use: the window imports this module at start-up
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buf, "PNG")
    buf.close()
    if not ok:
        raise OutputFailed("The image could not be encoded as PNG; nothing was written.")
    return bytes(data.data())


def save_png(image: QImage | QPixmap, path: Path | str) -> Path:
    """Write ``image`` as a PNG at ``path`` through the one output writer."""
    return write_atomically(Path(path), png_bytes(image))


def show_output_error(parent: QWidget, message: str) -> QMessageBox:
    """A warning that an output was refused or failed (non-blocking, plain text)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Not written", message, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("outputErrorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    status = getattr(parent.window(), "statusBar", None)
    if callable(status):
        status().showMessage(message, 15000)
    return box


def export_csv(parent: QWidget, title: str, default_name: str, write: Callable[[Path], object]) -> Path | None:
    """Ask where to save a CSV and write it with ``write(path)``; a refused path (the library,
    a folder) is shown, never raised. One routine for every exercise's "Export as CSV".

    Returns the path written, or None when the dialog was cancelled or the write refused."""
    from tension_desktop.store import StoreError

    from .file_dialogs import save_file

    path = save_file(parent, "csv", title, default_name, "CSV (*.csv)")
    if not path:
        return None
    try:
        write(Path(path))
    except (OSError, StoreError) as exc:
        show_output_error(parent, str(exc))
        return None
    return Path(path)
