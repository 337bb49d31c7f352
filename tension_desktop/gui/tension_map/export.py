"""Export the map: PNG of the current view or of the whole map (rendered from the scene),
and CSV (one row per placement, the same file `tension-desktop export map` writes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from tension_desktop.export.map_csv import write_map_csv
from tension_desktop.store import StoreError

from ..output import save_png, show_output_error
from .items import CARD_FONT_PX, MAP_VIEW_RECT


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


class _PrintView(QGraphicsView):
    """A view of the map's scene at print size, for the label layout to place the labels
    at the sizes the image needs (the same group view as on screen, scaled for print)."""

    viewChanged = Signal()

    def __init__(self, scene, width: int, height: int, name_px: int) -> None:
        super().__init__(scene)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.resize(width, height)
        self.show()
        self.fitInView(MAP_VIEW_RECT, Qt.AspectRatioMode.KeepAspectRatio)
        self.name_px = name_px
        self.reserved_rects: list = []

    def min_name_px(self) -> int:
        return self.name_px

    def min_secondary_px(self) -> int:
        return round(self.name_px * 0.72)

    def label_font_px(self) -> int:
        return self.name_px

    def tray_width(self) -> float:
        return 0.0


def export_map_png(widget, path: Path, width: int = 3200) -> Path:
    """The whole map at print resolution (``width`` px), whatever the zoom, in the group view:
    every label laid out again for the image's size (names about 1/70 of its width)."""
    rect = MAP_VIEW_RECT
    height = int(width * rect.height() / rect.width())
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    view, placer = widget.view, widget.map.placer
    name_px = max(14, round(width / 70))

    def render() -> None:
        printer = _PrintView(widget.scene, width, height, name_px)
        cards = list(widget.map.cards.values())
        try:
            for card in cards:
                card.set_card_scale(name_px / CARD_FONT_PX)
            placer.view = printer
            placer.layout()
            placer.printed = (placer.overlaps, placer.hidden, len(placer.boxes))
            painter = QPainter(image)
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            printer.render(painter, QRectF(0, 0, width, height), printer.viewport().rect())
            painter.end()
        finally:
            placer.view = view
            printer.setScene(None)
            printer.deleteLater()
            view._card_scale = -1.0  # every card back to the screen's size, labels laid out again
            view._rescale_cards()
            placer.layout()

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
