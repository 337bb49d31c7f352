"""What the map looks like on screen, measured from the real items in the real view: how much
of the window the map gets, and what covers a quadrant name. Tests, the screenshot script and
the benchmarks use it (the same numbers the room would see).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF

from .items import MAP_RECT

if TYPE_CHECKING:  # pragma: no cover
    from .widget import TensionMapWidget


def map_rect(w: TensionMapWidget) -> QRectF:
    """The map's quadrants on screen, in viewport pixels (the part inside the viewport)."""
    view = w.view
    shown = view.viewportTransform().mapRect(MAP_RECT)
    return shown.intersected(QRectF(view.viewport().rect()))


def map_share(w: TensionMapWidget) -> float:
    """The map's quadrants' area over the window's area (the map widget's top-level window)."""
    r = map_rect(w)
    win = w.window().size()
    return (r.width() * r.height()) / max(1, win.width() * win.height())


def quadrant_name_rects(w: TensionMapWidget) -> list[QRectF]:
    """Where the quadrant names and their governance are drawn, in viewport pixels."""
    t = w.view.viewportTransform()
    return [t.mapRect(r) for r in w.map.background.reserved_bands()]


def covering(w: TensionMapWidget, markers: bool = False) -> list[str]:
    """What covers a quadrant name now: labels, agreed cards, name tags, the floating controls
    and the tray (``markers``: the people's placement markers too). One line per cover."""
    view, m = w.view, w.map
    t = view.viewportTransform()
    things: list[tuple[str, QRectF]] = []
    for iid, label in m.labels.items():
        if label.isVisible() and label.opacity() > 0.5:
            things.append((f"label {m.titles.get(iid, iid)!r}", label.deviceTransform(t).mapRect(label.box())))
    for key, card in m.cards.items():
        if not card.isVisible() or card.opacity() <= 0.5:
            continue
        if card.agreed:
            things.append((f"agreed card {card.title!r}", card.deviceTransform(t).mapRect(card._rect)))
        elif card.name_tag:
            things.append((f"name tag {card.name_tag!r}", card.deviceTransform(t).mapRect(card._tag_rect())))
        if markers and card.marker_mode:
            things.append((f"marker {key}", card.deviceTransform(t).mapRect(card._rect)))
    vp = view.viewport()
    for child in (getattr(w, "stepper", None),):
        if child is not None and child.isVisible():
            top_left = vp.mapFrom(child.parentWidget(), child.geometry().topLeft()) if child.parentWidget() is not vp \
                else child.geometry().topLeft()
            things.append(("map controls", QRectF(QPoint(top_left), child.size().toSizeF())))
    if view.tray_visible:
        things.append(("tray", QRectF(0, 0, view.tray_width(), vp.height())))
    found = []
    for band in quadrant_name_rects(w):
        if band.width() <= 0:
            continue
        for what, r in things:
            if r.intersects(band):
                found.append(f"{what} covers a quadrant name at {band.x():.0f},{band.y():.0f}")
    return found


def map_report(w: TensionMapWidget) -> str:
    """One line: the map's size on screen, its share of the window, and its covers."""
    r = map_rect(w)
    win = w.window().size()
    covers = covering(w)
    return (f"window {win.width()}x{win.height()} map {r.width():.0f}x{r.height():.0f} "
            f"({100 * map_share(w):.0f}% of the window), {len(covers)} covers"
            + "".join(f"\n    {c}" for c in covers))
