"""The tension map with real mouse and touch events on the viewport, checked in the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from tension_desktop.gui.document import WorkshopDocument
from tension_desktop.gui.tension_map import TensionMapWidget
from tension_desktop.gui.tension_map.items import MAP_H, MAP_W, PlacementCard, to_scene
from tension_desktop.store import people, workshops
from tension_desktop.store import tension_map as store
from tests.input import mouse_drag, pinch, touch_drag, touch_tap

TOL = 0.02


def _show(qtbot, doc) -> TensionMapWidget:
    w = TensionMapWidget(doc)
    qtbot.addWidget(w)
    w.resize(800, 780)  # the offscreen screen is 800x800: touch points beyond it are dropped
    w.show()
    qtbot.waitExposed(w)
    w.view.fit_all()
    return w


@pytest.fixture
def fresh(qtbot, lib):
    """A workshop with three people, three initiatives and nothing placed yet."""
    wid = workshops.create_workshop(lib, "Team", "Offsite").id
    for name, role in (("Ana Lima", "CEO"), ("Bo Berg", "CFO"), ("Cy Chen", "COO")):
        people.add_participant(lib, wid, name, role)
    for title in ("Pilot", "Migration", "Pricing"):
        people.add_initiative(lib, wid, title)
    doc = WorkshopDocument(lib, wid)
    yield doc
    doc.deleteLater()


def at(w: TensionMapWidget, x: float, y: float) -> QPoint:
    """Viewport pixel of a normalized map point."""
    return w.view.mapFromScene(to_scene(x, y))


def chip_point(w: TensionMapWidget, initiative_id: int) -> QPoint:
    chip = next(c for c in w.view.tray_chips if c.initiative_id == initiative_id)
    return w.view.mapFromScene(chip.pos()) + QPoint(40, 20)


def card_point(card: PlacementCard) -> QPoint:
    view = card.scene().views()[0]
    return view.mapFromScene(card.pos()) + QPoint(int(card.offset.x() * card.scale()), int(card.offset.y() * card.scale()))


def top_card(w: TensionMapWidget, wanted) -> PlacementCard:
    """A card matching ``wanted`` that nothing covers at its own point (so a press grabs it);
    not fanned out (an agreed card may sit aside from its point, where the label layout put it)."""
    for card in w.map.cards.values():
        pt = card_point(card)
        if wanted(card) and (card.offset.isNull() or card.agreed) and w.view._hit_test(pt.x(), pt.y()) is card:
            return card
    raise AssertionError("no uncovered card")


def placements(doc, round=None):
    return store.list_placements(doc.lib, doc.workshop_id, (round,) if round else None)


def test_a_mouse_drag_from_the_tray_places_for_the_chosen_participant_and_undo_removes_it(qtbot, fresh):
    w = _show(qtbot, fresh)
    bo = fresh.participants()[1]
    w.chip.set_participant(bo.id)
    pilot = fresh.initiatives()[0]
    mouse_drag(qtbot, w.view.viewport(), chip_point(w, pilot.id), at(w, 0.7, 0.3))
    [p] = placements(fresh)
    assert (p.participant_id, p.initiative_id, p.round) == (bo.id, pilot.id, "revealed")
    assert p.x == pytest.approx(0.7, abs=TOL) and p.y == pytest.approx(0.3, abs=TOL)
    assert (pilot.id, bo.id, "revealed") in w.map.cards
    fresh.undo_stack.undo()
    assert placements(fresh) == []
    assert w.map.cards == {}
    fresh.undo_stack.redo()
    assert placements(fresh) == [p]  # the same row, same id


def test_a_finger_drag_from_the_tray_places_a_card(qtbot, fresh):
    w = _show(qtbot, fresh)
    pricing = fresh.initiatives()[2]
    touch_drag(w.view.viewport(), chip_point(w, pricing.id), at(w, 0.2, 0.85))
    [p] = placements(fresh)
    assert p.initiative_id == pricing.id
    assert (p.x, p.y) == (pytest.approx(0.2, abs=TOL), pytest.approx(0.85, abs=TOL))
    assert next(c for c in w.view.tray_chips if c.initiative_id == pricing.id).placed


def test_a_one_finger_drag_moves_a_card_and_undo_puts_it_back_exactly(qtbot, doc):
    w = _show(qtbot, doc)
    before = {(p.initiative_id, p.participant_id): p for p in placements(doc, "revealed")}
    card = top_card(w, lambda c: c.round == "revealed")
    touch_drag(w.view.viewport(), card_point(card), at(w, 0.1, 0.15))
    moved = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    old = before[(card.initiative_id, card.participant_id)]
    assert (moved.x, moved.y) == (pytest.approx(0.1, abs=TOL), pytest.approx(0.15, abs=TOL))
    assert moved.id == old.id
    doc.undo_stack.undo()
    assert store.get_placement(doc.lib, doc.workshop_id, *card.key) == old


def test_a_mouse_drag_moves_a_card(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.agreed)
    old = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    start = card_point(card)
    # towards the middle of the map, so the move is never clamped at an edge
    step_x, step_y = max(12, round(0.15 * MAP_W * w.view.zoom)), max(12, round(0.2 * MAP_H * w.view.zoom))
    dx, dy = (step_x if old.x < 0.5 else -step_x), (step_y if old.y > 0.5 else -step_y)
    mouse_drag(qtbot, w.view.viewport(), start, start + QPoint(dx, dy))
    moved = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    assert moved.x == pytest.approx(old.x + dx / w.view.zoom / MAP_W, abs=TOL)
    assert moved.y == pytest.approx(old.y - dy / w.view.zoom / MAP_H, abs=TOL)


def test_one_finger_on_empty_space_pans_and_changes_nothing(qtbot, doc):
    w = _show(qtbot, doc)
    rows = placements(doc)
    empty = w.view.mapFromScene(QPointF(MAP_W / 2, MAP_H + 70))
    assert w.view.card_at(QPointF(empty)) is None
    before = w.view.mapToScene(QPoint(500, 400))
    touch_drag(w.view.viewport(), empty, empty + QPoint(150, -100))
    after = w.view.mapToScene(QPoint(500, 400))
    assert after.x() < before.x() - 50 and after.y() > before.y() + 30
    assert placements(doc) == rows


def test_a_two_finger_pinch_zooms(qtbot, doc):
    w = _show(qtbot, doc)
    rows = placements(doc)
    zoom = w.view.zoom
    pinch(w.view.viewport(), w.view.viewport().rect().center(), 100, 300)
    assert w.view.zoom > zoom * 1.5
    assert placements(doc) == rows


def test_ctrl_wheel_zooms_and_fit_shows_the_whole_map(qtbot, doc):
    w = _show(qtbot, doc)
    zoom = w.view.zoom
    qtbot.wait(1)
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    vp = w.view.viewport()
    centre = QPointF(vp.rect().center())
    ev = QWheelEvent(centre, QPointF(vp.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 240),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, ev)
    assert w.view.zoom > zoom * 1.2
    qtbot.mouseClick(w.fit_btn, Qt.MouseButton.LeftButton)
    assert w.view.zoom == pytest.approx(zoom)
    shown = w.view.mapToScene(vp.rect()).boundingRect()
    assert shown.contains(to_scene(0, 0)) and shown.contains(to_scene(1, 1))


def test_a_card_dropped_on_the_tray_leaves_the_map_and_undo_brings_it_back(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.agreed)
    old = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    tray = QPoint(60, w.view.viewport().height() - 30)
    touch_drag(w.view.viewport(), card_point(card), tray)
    assert store.get_placement(doc.lib, doc.workshop_id, *card.key) is None
    assert card.key not in w.map.cards
    doc.undo_stack.undo()
    assert store.get_placement(doc.lib, doc.workshop_id, *card.key) == old


def test_tapping_the_most_disputed_initiative_highlights_it_and_names_who_sits_furthest(qtbot, doc):
    w = _show(qtbot, doc)
    first = w.panel.disputed.item(0)
    pricing = next(i for i in doc.initiatives() if i.title == "Usage-based pricing")
    assert first.data(Qt.ItemDataRole.UserRole) == pricing.id
    rect = w.panel.disputed.visualItemRect(first)
    qtbot.mouseClick(w.panel.disputed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.map.focus == pricing.id
    mine = [c for c in w.map.cards.values() if c.initiative_id == pricing.id]
    others = [c for c in w.map.cards.values() if c.initiative_id != pricing.id]
    assert all(c.opacity() == 1.0 for c in mine) and all(c.opacity() < 0.5 for c in others)
    furthest = [c for c in mine if c.furthest]
    assert len(furthest) == 1
    cfo = next(p for p in doc.participants() if p.role == "CFO")
    assert furthest[0].participant_id == cfo.id
    assert "CFO" in w.panel.focus_note.text()
    assert w.map.groups[pricing.id].focused
    touch_tap(w.view.viewport(), w.view.mapFromScene(QPointF(MAP_W / 2, MAP_H + 70)))
    assert w.map.focus is None


def test_agree_mode_stores_the_group_position_and_shows_its_governance(qtbot, doc):
    w = _show(qtbot, doc)
    qtbot.mouseClick(w.agree_btn, Qt.MouseButton.LeftButton)
    pilot = next(i for i in doc.initiatives() if i.title == "AI route optimisation pilot")
    touch_drag(w.view.viewport(), chip_point(w, pilot.id), at(w, 0.8, 0.25))
    agreed = store.get_placement(doc.lib, doc.workshop_id, pilot.id, None, "agreed")
    assert agreed is not None and agreed.participant_id is None
    assert (agreed.x, agreed.y) == (pytest.approx(0.8, abs=TOL), pytest.approx(0.25, abs=TOL))
    card = w.map.cards[(pilot.id, None, "agreed")]
    assert card.governance == "Stage-gate model"
    assert w.map.focus == pilot.id and card.opacity() == 1.0  # settling it shows its group
    assert not w.chip.isVisible()  # the group places, not one person
    assert "AI route optimisation pilot: Safe to experiment, Stage-gate model" in w.panel.agreed.text()
    # revealed cards cannot be dragged in agree mode: a drag on one pans instead
    revealed = next(c for c in w.map.cards.values() if c.round == "revealed")
    assert not revealed.draggable
    doc.undo_stack.undo()
    assert store.get_placement(doc.lib, doc.workshop_id, pilot.id, None, "agreed") is None


def test_editing_labels_is_one_undo_step(qtbot, doc):
    from tension_desktop.gui.tension_map.commands import labels_command

    w = _show(qtbot, doc)
    doc.push(labels_command(doc, {"axes": {"x": "Growth"}, "quadrants": {"routine": "Keep running"},
                                  "governance": {"routine": "Monthly check"}}))
    assert w.map.background.axes["x"] == "Growth"
    assert w.map.background.quadrants["routine"] == "Keep running"
    assert store.governance_names(doc.lib, doc.workshop_id)["routine"] == "Monthly check"
    doc.undo_stack.undo()
    assert w.map.background.axes["x"] == "Innovation intensity"
    assert store.labels(doc.lib, doc.workshop_id) == {"axes": {}, "quadrants": {}, "governance": {}}


def test_cards_sit_at_their_stored_point_whatever_the_window_size(qtbot, doc):
    from tension_desktop.gui.tension_map.items import to_unit

    w = _show(qtbot, doc)
    for size in ((1366, 700), (1900, 1000)):
        w.resize(*size)
        qtbot.wait(10)
        for key, card in w.map.cards.items():
            p = store.get_placement(doc.lib, doc.workshop_id, *key)
            assert to_unit(card.pos()) == (pytest.approx(p.x, abs=1e-3), pytest.approx(p.y, abs=1e-3))


def test_png_exports_of_the_view_and_the_whole_map(qtbot, doc, tmp_path):
    from PySide6.QtGui import QImage

    from tension_desktop.gui.tension_map.export import export_map_png, export_view_png

    w = _show(qtbot, doc)
    whole = export_map_png(w, tmp_path / "map.png", width=1600)
    image = QImage(str(whole))
    assert image.width() == 1600 and not image.isNull()
    view = export_view_png(w, tmp_path / "view.png")
    assert QImage(str(view)).width() == w.view.viewport().width()
    assert w.view.tray_panel.isVisible()  # the tray came back after the export


def test_a_long_list_of_initiatives_pages_the_tray_with_big_buttons(qtbot, fresh):
    for n in range(25):
        people.add_initiative(fresh.lib, fresh.workshop_id, f"Extra initiative {n}")
    w = _show(qtbot, fresh)
    panel = w.view.tray_panel
    assert panel.pages > 1
    last = w.view.tray_chips[-1]
    assert not last.isVisible()
    prev, nxt = panel._buttons()
    assert nxt.height() >= 48 and nxt.width() >= 48
    origin = w.view.mapFromScene(panel.pos())
    for _ in range(panel.pages - 1):
        touch_tap(w.view.viewport(), origin + nxt.center().toPoint())
    assert w.view.tray_page == panel.pages - 1 and last.isVisible()
    touch_drag(w.view.viewport(), chip_point(w, last.initiative_id), at(w, 0.6, 0.6))
    [p] = placements(fresh)
    assert p.initiative_id == last.initiative_id


def test_cards_shrink_with_a_small_map_and_keep_their_size_when_zoomed_in(qtbot, doc):
    w = _show(qtbot, doc)
    card = next(iter(w.map.cards.values()))
    assert card.scale() == pytest.approx(0.55)  # an 800 px window: the map is small
    w.view.zoom_by(12)
    assert card.scale() == pytest.approx(1.0)
    w.view.zoom_by(2)
    assert card.scale() == pytest.approx(1.0)  # never bigger: zooming in pulls cards apart


def test_a_card_drawn_small_is_still_a_48_px_target(qtbot, doc):
    w = _show(qtbot, doc)
    card = next(iter(w.map.cards.values()))
    assert card.scale() < 0.6
    hit = card.deviceTransform(w.view.viewportTransform()).mapRect(card.boundingRect())
    assert hit.height() >= 48 - 1e-6


def test_a_chip_carried_from_the_tray_takes_the_colour_of_who_places_it(qtbot, fresh):
    w = _show(qtbot, fresh)
    bo = fresh.participants()[1]
    w.chip.set_participant(bo.id)
    pilot = fresh.initiatives()[0]
    chip = next(c for c in w.view.tray_chips if c.initiative_id == pilot.id)
    vp, start = w.view.viewport(), chip_point(w, pilot.id)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(60, 40))
    qtbot.mouseMove(vp, start + QPoint(120, 80))
    assert chip.carried is not None and chip.carried[0].name() == bo.colour
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(120, 80))
    assert chip.carried is None


def test_a_drag_writes_nothing_until_the_card_is_released(qtbot, doc):
    w = _show(qtbot, doc)
    card = top_card(w, lambda c: c.round == "revealed")
    before = store.get_placement(doc.lib, doc.workshop_id, *card.key)
    vp, start = w.view.viewport(), card_point(card)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(vp, start + QPoint(20 * k, 10 * k))
        assert store.get_placement(doc.lib, doc.workshop_id, *card.key) == before
    assert doc.undo_stack.count() == 0
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 50))
    assert store.get_placement(doc.lib, doc.workshop_id, *card.key) != before
    assert doc.undo_stack.count() == 1


def test_the_labels_form_keeps_only_what_differs_from_the_defaults(qtbot, doc):
    from tension_desktop.gui.tension_map.labels_dialog import LabelsDialog

    dlg = LabelsDialog(doc)
    qtbot.addWidget(dlg)
    dlg.fields[("axes", "x")].clear()
    qtbot.keyClicks(dlg.fields[("axes", "x")], "Growth <b>now</b>")
    dlg.fields[("quadrants", "routine")].clear()  # emptied: back to the default
    assert dlg.values() == {"axes": {"x": "Growth <b>now</b>"}, "quadrants": {}, "governance": {}}


def test_in_agree_mode_a_finger_on_a_revealed_card_pans_and_a_tap_on_it_still_focuses(qtbot, doc):
    w = _show(qtbot, doc)
    qtbot.mouseClick(w.agree_btn, Qt.MouseButton.LeftButton)
    # a card that stays clear of the tray after the pan below
    card = top_card(w, lambda c: c.round == "revealed" and card_point(c).x() > w.view.tray_width() + 120)
    assert not card.draggable
    before = store.list_placements(doc.lib, doc.workshop_id)
    scroll = (w.view.horizontalScrollBar().value(), w.view.verticalScrollBar().value())
    start = card_point(card)
    touch_drag(w.view.viewport(), start, start + QPoint(-60, 40))
    assert (w.view.horizontalScrollBar().value(), w.view.verticalScrollBar().value()) == (scroll[0] + 60, scroll[1] - 40)
    assert store.list_placements(doc.lib, doc.workshop_id) == before
    stored = next(p for p in before if (p.initiative_id, p.participant_id, p.round) == card.key)
    assert w.map.cards[card.key].pos() == to_scene(stored.x, stored.y)  # the card did not move
    touch_tap(w.view.viewport(), card_point(card))
    assert w.map.focus == card.initiative_id


def test_a_narrow_toolbar_moves_its_right_hand_buttons_to_a_second_row_and_back(qtbot, doc):
    w = _show(qtbot, doc)
    bar = w.toolbar
    assert bar.two_rows  # 800 px cannot hold eleven buttons at their full size
    for b in (w.undo_btn, w.export_btn):
        assert b.width() >= b.sizeHint().width()  # whole labels, never clipped
    assert w.export_btn.y() > w.place_btn.y()
    w.resize(max(1900, bar.needed_width() + 40), 780)
    qtbot.waitUntil(lambda: not bar.two_rows)
    assert w.export_btn.y() == w.undo_btn.y() and abs(w.export_btn.y() - w.place_btn.y()) < 10


def test_the_toolbar_rearranges_when_a_private_round_hides_and_shows_buttons(qtbot, doc):
    w = _show(qtbot, doc)
    w.resize(880, 780)  # without the theme the placing-as chip has the default type: 880 px is too narrow
    qtbot.waitUntil(lambda: w.toolbar.two_rows)
    w.start_private_round()  # Place, Agree, Private round, Reveal hide: everything fits one row
    qtbot.waitUntil(lambda: not w.toolbar.two_rows)
    w.controller.stop()
    qtbot.waitUntil(lambda: w.toolbar.two_rows)  # all buttons back: two rows again
    assert all(b.width() >= b.sizeHint().width() for b in w.toolbar.left + w.toolbar.right if not b.isHidden())
