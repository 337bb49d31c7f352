"""Export the map: PNG of the current view or of the whole map (rendered from the scene),
and CSV (one row per placement, the same file `tension-desktop export map` writes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget

from tension_desktop.export.map_csv import write_map_csv
from tension_desktop.store import StoreError

from ..output import save_png, show_output_error
from .items import MAP_VIEW_RECT


def _without_tray(widget, fn):
    view = widget.view
    was = view.tray_visible
    view.set_tray_visible(False)
    try:
        return fn()
    finally:
        view.set_tray_visible(was)


def export_view_png(widget, path: Path) -> Path:
    """What the map view shows right now (zoom and pan as they are), without the tray."""
    image = _without_tray(widget, lambda: widget.view.viewport().grab().toImage())
    return save_png(image, path)


def export_map_png(widget, path: Path, width: int = 3200) -> Path:
    """The whole map at print resolution (``width`` px), whatever the zoom."""
    rect = MAP_VIEW_RECT
    height = int(width * rect.height() / rect.width())
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)

    def render() -> None:
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        widget.scene.render(painter, QRectF(0, 0, width, height), rect)
        painter.end()

    _without_tray(widget, render)
    return save_png(image, path)


def export_dialog(widget: QWidget, what: str) -> Path | None:
    """Ask where to save, then export ``what`` ('view', 'map' or 'csv')."""
    suffix = "csv" if what == "csv" else "png"
    name = {"view": "tension-map-view.png", "map": "tension-map.png", "csv": "tension-map.csv"}[what]
    from ..file_dialogs import save_file

    path = save_file(widget, "csv" if what == "csv" else "image", "Export the map", name,
                     f"{suffix.upper()} (*.{suffix})")
    if not path:
        return None
    try:
        if what == "csv":
            return write_map_csv(widget.doc.lib, widget.doc.workshop_id, Path(path))
        if what == "view":
            return export_view_png(widget, Path(path))
        return export_map_png(widget, Path(path))
    except (OSError, StoreError) as exc:
        show_output_error(widget, str(exc))
        return None
