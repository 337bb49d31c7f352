"""Pieces the structure exercises share (the diagnosis and the readiness plan): type sized
for the room on the whiteboard, and emptying a layout that is rebuilt on every change."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from tension_desktop.model.legibility import NAME_CAP_MM, SECONDARY_CAP_MM

from .legibility import min_font_px


def room_type(widget: QWidget) -> None:
    """Sizes from physics on the whiteboard: the texts the room reads (blockers, plan lines:
    property ``blockerText``) get capitals of at least NAME_CAP_MM on the panel in use, their
    secondary lines (property ``secondary``) SECONDARY_CAP_MM (model/legibility.py)."""
    app = QApplication.instance()
    if app is None or app.property("tensionTheme") != "whiteboard":
        return
    for w in widget.findChildren(QWidget):
        cap = NAME_CAP_MM if w.property("blockerText") else SECONDARY_CAP_MM if w.property("secondary") else 0
        if not cap or not isinstance(w, QLabel | QLineEdit):
            continue
        font = QFont(w.font())
        need = min_font_px(widget, cap, font)
        if need and _font_px(font) < need:
            font.setPixelSize(need)
            w.setFont(font)
            # a style sheet's font-size would win over setFont: the size goes into the sheet too
            w.setStyleSheet(w.styleSheet() + f"font-size: {need}px;")


def _font_px(font: QFont) -> int:
    """The pixel size a font is drawn at (point sizes converted at 96 dpi)."""
    return font.pixelSize() if font.pixelSize() > 0 else round(font.pointSizeF() * 96 / 72)


def clear_layout(layout) -> None:
    """Empty a layout: its widgets leave the screen now and are deleted later."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            w = item.widget()
            w.hide()  # off screen now, not when the event loop gets to deleting it
            w.setParent(None)
            w.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
