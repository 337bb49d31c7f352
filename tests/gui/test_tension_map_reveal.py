"""The revealed map reads from the back of the room: one label per initiative with its whole
title, no two labels overlapping, none on a quadrant name, names 20 mm tall on the whiteboard
panel, and twelve people whose markers a grayscale print tells apart."""

from __future__ import annotations

import itertools
import random

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from tension_desktop.gui import canvas as canvas_module
from tension_desktop.gui import legibility
from tension_desktop.gui.document import WorkshopDocument
from tension_desktop.gui.markers import paint_marker
from tension_desktop.gui.tension_map import TensionMapWidget
from tension_desktop.gui.tension_map.items import card_font
from tension_desktop.model import Placement
from tension_desktop.model.colours import PALETTE
from tension_desktop.model.legibility import px_per_mm
from tension_desktop.store import people, workshops
from tension_desktop.store import tension_map as store
from tests.input import mouse_drag

TITLES = ("AI route optimisation pilot", "Same-day delivery in 3 cities", "Billing platform migration",
          "Self-service customer portal v2", "EU data residency programme", "Usage-based pricing",
          "Warehouse robotics trial", "Follow-the-sun support", "Partner API marketplace",
          "Data centre exit", "Fraud scoring model", "Carbon reporting", "Returns in store",
          "Mobile app rewrite", "Supplier risk dashboard", "Price guarantee", "Chatbot for claims",
          "SAP upgrade", "Zero-trust network", "Loyalty programme relaunch")


def _panel(monkeypatch, width: int, height: int, diagonal: float = 86.0, whiteboard: float | None = None):
    """The widget is on a ``diagonal``-inch panel of width x height pixels (in the whiteboard
    type when ``whiteboard`` gives its scale)."""
    monkeypatch.setattr(legibility, "panel_pitch",
                        lambda _w: (px_per_mm(width, height, diagonal_in=diagonal), float(width), float(height)))
    if whiteboard is not None:
        monkeypatch.setattr(canvas_module, "whiteboard_scale_for", lambda _w: whiteboard)


def _show(qtbot, doc, w: int, h: int) -> TensionMapWidget:
    widget = TensionMapWidget(doc)
    qtbot.addWidget(widget)
    widget.resize(w, h)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.update_whiteboard_scale()
    widget.view.fit_all()
    QApplication.processEvents()  # the labels are laid out on the next event loop turn
    return widget


def _label_boxes(w: TensionMapWidget) -> dict[int, QRectF]:
    """Where each initiative's label box is drawn, in viewport pixels (from the items), after
    the next event loop turn (the label layout is deferred to it, coalesced)."""
    QApplication.processEvents()
    t = w.view.viewportTransform()
    out = {}
    for iid, label in w.map.labels.items():
        if label.isVisible():
            out[iid] = label.deviceTransform(t).mapRect(label.box())
    return out


def _bands(w: TensionMapWidget) -> list[QRectF]:
    t = w.view.viewportTransform()
    return [t.mapRect(r) for r in w.map.background.reserved_bands()]


def _check_legible(w: TensionMapWidget, titles: dict[int, str]) -> None:
    boxes = _label_boxes(w)
    assert set(boxes) == set(titles)  # every initiative placed has its one label, on the map
    for iid, label in w.map.labels.items():
        assert " ".join(label.lines) == " ".join(titles[iid].split())  # the whole title, every word
        assert len(label.lines) <= 2
    for (a, ra), (b, rb) in itertools.combinations(boxes.items(), 2):
        assert not ra.intersects(rb), (titles[a], titles[b])
    for iid, r in boxes.items():
        for band in _bands(w):
            assert not r.intersects(band), titles[iid]
    agreed = [c for c in w.map.cards.values() if c.agreed]
    t = w.view.viewportTransform()
    for card in agreed:
        cr = card.deviceTransform(t).mapRect(card._rect)
        assert not any(cr.intersects(r) for r in boxes.values())
    assert w.map.placer.overlaps == 0


@pytest.mark.parametrize(("size", "whiteboard"), [((1920, 1000), None), ((1366, 740), None),
                                                  ((1920, 1080), 1.35), ((3840, 2160), 2.7)])
def test_the_revealed_demo_shows_every_whole_title_and_nothing_overlaps(qtbot, doc, monkeypatch, size, whiteboard):
    _panel(monkeypatch, *size, whiteboard=whiteboard)
    w = _show(qtbot, doc, *size)
    titles = {i.id: i.title for i in doc.initiatives()}
    _check_legible(w, titles)
    # every placement is a marker without text, in its person's colour and shape
    assert all(c.marker_mode for c in w.map.cards.values() if not c.agreed)


def _big_workshop(lib, people_n: int = 12, initiatives_n: int = 20) -> int:
    rnd = random.Random(13)
    wid = workshops.create_workshop(lib, "Big team", "Two-day offsite").id
    pids = [people.add_participant(lib, wid, f"Exec {n}", f"VP {n}").id for n in range(people_n)]
    iids = [people.add_initiative(lib, wid, TITLES[n % len(TITLES)]).id for n in range(initiatives_n)]
    for iid in iids:
        cx, cy = rnd.random(), rnd.random()
        for pid in pids:
            store.place(lib, wid, Placement(initiative_id=iid, x=min(1, max(0, rnd.gauss(cx, 0.15))),
                                            y=min(1, max(0, rnd.gauss(cy, 0.15))), round="revealed",
                                            participant_id=pid))
    return wid


@pytest.mark.parametrize(("size", "whiteboard"), [((1920, 1080), 1.35), ((3840, 2160), 2.7), ((1920, 1000), None)])
def test_a_twelve_person_twenty_initiative_workshop_has_no_overlapping_labels(qtbot, lib, monkeypatch, size,
                                                                             whiteboard):
    _panel(monkeypatch, *size, whiteboard=whiteboard)
    doc = WorkshopDocument(lib, _big_workshop(lib))
    w = _show(qtbot, doc, *size)
    _check_legible(w, {i.id: i.title for i in doc.initiatives()})
    doc.deleteLater()


def test_labels_are_laid_out_again_after_a_drag_and_a_zoom(qtbot, doc, monkeypatch):
    _panel(monkeypatch, 1920, 1000)
    w = _show(qtbot, doc, 1920, 1000)
    titles = {i.id: i.title for i in doc.initiatives()}
    card = next(c for c in w.map.cards.values() if c.round == "revealed")
    start = w.view.mapFromScene(card.pos())
    mouse_drag(qtbot, w.view.viewport(), start, start + (w.view.mapFromScene(QPointF(800, 500)) - start))
    moved = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    assert (moved.x, moved.y) != (0, 0)
    _check_legible(w, titles)
    w.view.zoom_by(1.6, QPointF(w.view.viewport().rect().center()))
    boxes = _label_boxes(w)
    for ra, rb in itertools.combinations(boxes.values(), 2):
        assert not ra.intersects(rb)


def test_a_drop_lays_out_only_its_own_initiative_and_a_hidden_map_lays_out_nothing(qtbot, doc, monkeypatch):
    """The typed notice of one drop (``changes.row("placements")``) moves that initiative's
    label only; a notice that reaches a hidden map lays nothing out until it is shown."""
    _panel(monkeypatch, 1920, 1000)
    w = _show(qtbot, doc, 1920, 1000)
    titles = {i.id: i.title for i in doc.initiatives()}
    placer = w.map.placer
    placer.flush()
    calls: list[object] = []
    whole, one = placer.layout, placer.layout_one
    monkeypatch.setattr(placer, "layout", lambda: (calls.append("all"), whole())[1])
    monkeypatch.setattr(placer, "layout_one", lambda iid: (calls.append(iid), one(iid))[1])
    card = next(c for c in w.map.cards.values() if c.round == "revealed")
    before = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    start = w.view.mapFromScene(card.pos())
    mouse_drag(qtbot, w.view.viewport(), start, start + (w.view.mapFromScene(QPointF(800, 500)) - start))
    moved = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    assert (moved.x, moved.y) != (before.x, before.y)
    QApplication.processEvents()
    assert calls and calls[0] == card.initiative_id  # its own label first, never a whole layout
    assert set(calls) <= {card.initiative_id, "all"}  # no other initiative's label is asked for
    _check_legible(w, titles)

    w.hide()
    calls.clear()
    runs = placer.runs
    doc.undo_stack.undo()  # the same notice, to a map nobody sees
    QApplication.processEvents()
    back = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    assert (back.x, back.y) == (before.x, before.y)
    assert placer.runs == runs  # asked, but nothing laid out while hidden
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    assert placer.runs > runs  # laid out once shown, at the room it has now
    _check_legible(w, titles)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (3840, 2160)])
def test_names_are_20_mm_and_secondary_text_12_mm_tall_on_an_86_inch_whiteboard(qtbot, doc, monkeypatch,
                                                                                 width, height):
    _panel(monkeypatch, width, height, whiteboard=1.35 * height / 1080)
    w = _show(qtbot, doc, width, height)
    pitch = px_per_mm(width, height, diagonal_in=86)
    zoom = w.view.zoom

    def cap_mm(px: float, bold: bool = True) -> float:
        return QFontMetricsF(card_font(max(1, round(px)), bold)).capHeight() / pitch

    names = [label.font_px for label in w.map.labels.values()]
    names += [c.font_px * c.scale() for c in w.map.cards.values() if c.agreed]
    names.append(w.map.background.name_size * zoom)
    assert min(cap_mm(px) for px in names) >= 19.5  # 20 mm, within a pixel's rounding
    bg = w.map.background
    secondary = [bg.gov_size * zoom, bg.axis_size * zoom, bg.small_size * zoom]
    secondary += [16 * c.scale() for c in w.map.cards.values() if c.agreed]  # the governance line
    assert min(cap_mm(px, False) for px in secondary) >= 11.7


def test_the_coach_sets_the_panel_diagonal_when_the_screen_reports_a_wrong_size(qtbot, tmp_path):
    from tension_desktop.gui.qt import keep_settings_in, settings_path

    before = settings_path()
    keep_settings_in(tmp_path)
    try:
        legibility.set_panel_diagonal(65)
        assert legibility.panel_diagonal_setting() == 65
        legibility.set_panel_diagonal(None)
        assert legibility.panel_diagonal_setting() is None
    finally:
        keep_settings_in(before.parent if before else None)


def test_a_new_panel_size_applies_at_once_not_at_the_next_fit(qtbot, doc, monkeypatch, tmp_path):
    """View -> Whiteboard panel size…: the map's names, quadrant names and secondary text take
    the sizes for the new panel on the next frame, without anyone tapping Fit."""
    from tension_desktop.gui.qt import keep_settings_in, settings_path

    before = settings_path()
    keep_settings_in(tmp_path)
    try:
        legibility.set_panel_diagonal(86)
        # a 1920x1080 panel whose size is the coach's setting (the offscreen screen reports none)
        monkeypatch.setattr(legibility, "panel_pitch", lambda _w: (
            px_per_mm(1920, 1080, diagonal_in=legibility.panel_diagonal_setting() or 86), 1920.0, 1080.0))
        monkeypatch.setattr(canvas_module, "whiteboard_scale_for", lambda _w: 1.35)
        w = _show(qtbot, doc, 1920, 1080)
        fits = []
        monkeypatch.setattr(w.view, "fit_all", lambda: fits.append(1))  # a Fit would be seen

        def smallest_cap_mm(diagonal: float) -> tuple[float, float]:
            QApplication.processEvents()
            pitch = px_per_mm(1920, 1080, diagonal_in=diagonal)
            zoom = w.view.zoom
            names = [label.font_px for label in w.map.labels.values() if label.isVisible()]
            names += [c.font_px * c.scale() for c in w.map.cards.values() if c.agreed]
            names.append(w.map.background.name_size * zoom)
            bg = w.map.background
            secondary = [bg.gov_size * zoom, bg.axis_size * zoom, bg.small_size * zoom]
            secondary += [16 * c.scale() for c in w.map.cards.values() if c.agreed]
            cap = lambda px, bold: QFontMetricsF(card_font(max(1, round(px)), bold)).capHeight() / pitch  # noqa: E731
            return min(cap(px, True) for px in names), min(cap(px, False) for px in secondary)

        name_86, secondary_86 = smallest_cap_mm(86)
        assert name_86 >= 19.5 and secondary_86 >= 11.7
        # the room's panel is a 55-inch one: its pixels are smaller, letters need more of them
        legibility.set_panel_diagonal(55)
        name_55, secondary_55 = smallest_cap_mm(55)
        assert name_55 >= 19.5 and secondary_55 >= 11.7  # on the 55-inch panel, at once
        assert fits == []  # nobody tapped Fit
        # laid out again for the larger letters: still no two labels overlapping (a name with
        # no room left waits for the step-through)
        boxes = _label_boxes(w)
        assert boxes and all(not a.intersects(b) for a, b in itertools.combinations(boxes.values(), 2))
        assert w.map.placer.overlaps == 0
    finally:
        legibility.set_panel_diagonal(None)
        keep_settings_in(before.parent if before else None)


def _render(marker: str, colour: str, size: int = 48) -> QImage:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    paint_marker(p, marker, QPointF(size / 2, size / 2), size * 0.32, colour)
    p.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute grey difference per pixel (0..255)."""
    total = 0
    for y in range(a.height()):
        for x in range(a.width()):
            total += abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value())
    return total / (a.width() * a.height())


def test_twelve_people_stay_tellable_apart_in_grayscale(qtbot):
    greys = [_render(shape, colour) for colour, shape in PALETTE]
    assert len({shape for _c, shape in PALETTE}) == 12
    for (i, a), (j, b) in itertools.combinations(enumerate(greys), 2):
        # the old palette's repeated shapes differed by 6-9 (two circles, two squares): not enough
        assert _difference(a, b) > 12.0, (PALETTE[i], PALETTE[j])


def test_next_most_disputed_steps_through_the_initiatives_one_at_a_time_with_names_on_the_markers(qtbot, doc,
                                                                                                   monkeypatch):
    _panel(monkeypatch, 1920, 1080, whiteboard=1.35)
    w = _show(qtbot, doc, 1920, 1080)
    ranked = [d.initiative_id for d in w.map.ranked_disputes()]
    assert w.stepper.isVisible()
    for n in range(2):
        qtbot.mouseClick(w.stepper.next_btn, Qt.MouseButton.LeftButton)
        iid = ranked[n]
        assert w.map.focus == iid
        far = w.map.furthest_of(iid)[0]
        for card in w.map.cards.values():
            if card.initiative_id == iid and card.round == "revealed":
                who = w.map.people[card.participant_id]
                assert who.role in card.name_tag and card.opacity() == 1.0
                assert ("furthest" in card.name_tag) == (card.participant_id == far)
                assert card.furthest == (card.participant_id == far)
            else:
                assert not card.name_tag and card.opacity() < 0.5
        # the shown group is big: it fills a good part of the view, and its labels stay clear
        assert w.view.zoom > 1.2 * w.view.whiteboard_scale * 0.5
        assert w.map.placer.overlaps == 0
        t = w.view.viewportTransform()
        tags = [c.deviceTransform(t).mapRect(c._tag_rect()) for c in w.map.cards.values() if c.name_tag]
        names = [r for k, r in _label_boxes(w).items() if k == iid]
        for a, b in itertools.combinations(tags + names, 2):  # every name readable on its own
            assert not a.intersects(b)
    qtbot.mouseClick(w.stepper.all_btn, Qt.MouseButton.LeftButton)
    assert w.map.focus is None and not any(c.name_tag for c in w.map.cards.values())
    assert all(c.opacity() == 1.0 for c in w.map.cards.values())


def test_the_person_view_highlights_one_persons_placements_and_dims_the_rest(qtbot, doc, monkeypatch):
    _panel(monkeypatch, 1920, 1000)
    w = _show(qtbot, doc, 1920, 1000)
    me = doc.participants()[2]
    w.stepper.set_person(me.id)
    for card in w.map.cards.values():
        if card.agreed:
            continue
        assert (card.opacity() == 1.0) == (card.participant_id == me.id)
    assert me.role in w.stepper.person_btn.text()
    qtbot.mouseClick(w.stepper.all_btn, Qt.MouseButton.LeftButton)
    assert all(c.opacity() == 1.0 for c in w.map.cards.values())


def test_during_a_private_round_the_step_through_is_hidden(qtbot, doc, monkeypatch):
    _panel(monkeypatch, 1920, 1000)
    w = _show(qtbot, doc, 1920, 1000)
    w.start_private_round()
    assert not w.stepper.isVisible()


def test_on_a_1366_screen_the_panel_folds_to_a_strip_and_one_tap_brings_it_back(qtbot, doc, monkeypatch):
    _panel(monkeypatch, 1366, 768, diagonal=14)
    w = _show(qtbot, doc, 1366, 700)
    strip = w.panel_strip
    assert strip.folded and strip.strip.isVisible() and not strip.side.isVisible()
    # the map's view (right of the tray) has more than half the width of the window
    assert w.view.viewport().width() - w.view.tray_width() > w.width() / 2
    folded_zoom = w.view.zoom
    qtbot.mouseClick(strip.strip, Qt.MouseButton.LeftButton)
    assert strip.side.isVisible() and not strip.strip.isVisible()
    open_zoom = w.view.zoom
    assert open_zoom < folded_zoom
    qtbot.mouseClick(strip.fold_btn, Qt.MouseButton.LeftButton)
    assert strip.folded and w.view.zoom > open_zoom
    _check_legible(w, {i.id: i.title for i in doc.initiatives()})


def test_the_coachs_tray_uses_two_columns_rather_than_pages(qtbot, lib, monkeypatch):
    _panel(monkeypatch, 1366, 768, diagonal=14)
    doc = WorkshopDocument(lib, _big_workshop(lib, 3, 20))
    w = _show(qtbot, doc, 1366, 700)
    assert w.view.tray_panel.pages == 1
    assert all(chip.isVisible() for chip in w.view.tray_chips)
    doc.deleteLater()


def test_the_whole_map_png_is_the_group_view_laid_out_for_the_image(qtbot, doc, monkeypatch, tmp_path):
    from tension_desktop.gui.tension_map.export import export_map_png

    _panel(monkeypatch, 1920, 1000)
    w = _show(qtbot, doc, 1920, 1000)
    before = _label_boxes(w)
    out = export_map_png(w, tmp_path / "map.png", width=2400)
    overlaps, hidden, placed = w.map.placer.printed
    assert (overlaps, hidden) == (0, 0) and placed == len(doc.initiatives()) + 2  # 8 names, 2 agreed cards
    image = QImage(str(out))
    assert image.width() == 2400
    # back on screen: the same labels in the same places, nothing overlapping
    assert _label_boxes(w) == before
    _check_legible(w, {i.id: i.title for i in doc.initiatives()})


@pytest.mark.parametrize(("size", "diagonal", "whiteboard"), [((3840, 2160), 46.0, 2.7), ((1366, 768), 46.0, 1.35),
                                                              ((1920, 1080), 55.0, 1.35), ((1366, 740), 14.0, None)])
def test_no_card_or_label_covers_a_quadrant_name(qtbot, doc, monkeypatch, size, diagonal, whiteboard):
    """Where the physical sizes make the agreed cards huge (a 46-inch 4K panel: 20 mm names are
    75 px), they are drawn smaller rather than over a quadrant name; measured from the items."""
    from tension_desktop.gui.tension_map.probe import covering, quadrant_name_rects

    _panel(monkeypatch, *size, diagonal=diagonal, whiteboard=whiteboard)
    w = _show(qtbot, doc, *size)
    assert quadrant_name_rects(w)
    assert covering(w) == []
    t = w.view.viewportTransform()
    agreed = [c for c in w.map.cards.values() if c.agreed]
    assert agreed and all(c.isVisible() for c in agreed)  # the decisions stay on the map
    names = [r for r in quadrant_name_rects(w)]
    for card in agreed:
        drawn = card.deviceTransform(t).mapRect(card._rect)
        assert not any(drawn.intersects(r) for r in names)
    # the quadrant names are drawn above the people's markers (a marker never hides one)
    assert all(w.map.background.names.zValue() > c.zValue() for c in w.map.cards.values() if c.marker_mode)


def test_at_1366_the_step_through_buttons_stand_in_the_toolbar_row_and_leave_the_map_its_height(qtbot, doc,
                                                                                             monkeypatch):
    _panel(monkeypatch, 1366, 768, diagonal=14)
    w = _show(qtbot, doc, 1366, 700)
    stepper = w.stepper
    assert stepper.isVisible()
    at = stepper.geometry()
    bar = w.toolbar
    assert bar.geometry().contains(at.center())  # in the toolbar's row
    for button in bar.left + bar.right:
        if button.isVisible():
            assert not at.intersects(button.geometry().translated(bar.pos())), button.objectName()
    assert w.rect().contains(at)
    view_rect = w.view.geometry()
    assert not view_rect.intersects(at)  # not over the map
    assert w.view.top_reserve == 0 and w.view.right_reserve == 0
    # and the buttons work from there: a real click steps to the most disputed initiative
    qtbot.mouseClick(stepper.next_btn, Qt.MouseButton.LeftButton)
    assert w.map.focus == w.map.ranked_disputes()[0].initiative_id
