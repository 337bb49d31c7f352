"""Canvas gesture rules, without a window."""

from tension_desktop.gui.gestures import GestureRecognizer


def kinds(actions):
    return [a.kind for a in actions]


def test_a_finger_on_a_card_drags_it_and_releases_one_drop():
    g = GestureRecognizer(hit_test=lambda x, y: "card")
    assert g.press(0, 10, 10) == []
    assert kinds(g.move(0, 40, 10)) == ["drag_start", "drag_move"]
    assert kinds(g.move(0, 60, 10)) == ["drag_move"]
    assert kinds(g.release(0, 60, 10)) == ["drag_end"]
    assert g.state == "idle"


def test_a_short_press_without_moving_is_a_tap():
    g = GestureRecognizer(hit_test=lambda x, y: "card")
    g.press(0, 10, 10)
    g.move(0, 13, 12)  # inside the slop
    assert kinds(g.release(0, 13, 12)) == ["tap"]


def test_a_finger_on_empty_canvas_pans():
    g = GestureRecognizer(hit_test=lambda x, y: None)
    g.press(0, 100, 100)
    first = g.move(0, 130, 100)
    assert kinds(first) == ["pan"] and first[0].dx == 30
    assert g.move(0, 140, 90)[0].dy == -10


def test_a_second_finger_cancels_the_drag_and_pinches():
    g = GestureRecognizer(hit_test=lambda x, y: "card")
    g.press(0, 100, 100)
    g.move(0, 150, 100)
    assert kinds(g.press(1, 250, 100)) == ["drag_cancel"]
    zoom = [a for a in g.move(1, 350, 100) if a.kind == "zoom"]
    assert zoom and zoom[0].factor == 2.0  # gap 100 -> 200
    assert g.release(0, 150, 100) == []
    assert g.move(1, 400, 100) == []  # the remaining finger does nothing
    g.release(1, 400, 100)
    assert g.state == "idle"


def test_holding_still_is_a_long_press_and_the_release_does_nothing():
    g = GestureRecognizer(hit_test=lambda x, y: "card", long_press_ms=600)
    g.press(0, 10, 10, t=0)
    assert g.tick(300) == []
    assert kinds(g.tick(650)) == ["long_press"]
    assert g.release(0, 10, 10, t=700) == []


def test_moving_a_finger_that_pressed_a_tap_only_item_pans_instead_of_dragging_it():
    g = GestureRecognizer(hit_test=lambda x, y: "label", can_drag=lambda item: item != "label")
    g.press(0, 100, 100)
    first = g.move(0, 130, 100)
    assert kinds(first) == ["pan"] and first[0].dx == 30
    assert kinds(g.move(0, 140, 110)) == ["pan"]
    assert g.release(0, 140, 110) == []  # no drop, no tap


def test_a_tap_only_item_is_still_tapped_and_long_pressed():
    g = GestureRecognizer(hit_test=lambda x, y: "label", can_drag=lambda item: False)
    g.press(0, 10, 10, t=0)
    tap = g.release(0, 12, 10, t=100)
    assert kinds(tap) == ["tap"] and tap[0].item == "label"
    g.press(0, 10, 10, t=1000)
    held = g.tick(1700)
    assert kinds(held) == ["long_press"] and held[0].item == "label"


def test_a_draggable_item_still_drags_when_can_drag_is_given():
    g = GestureRecognizer(hit_test=lambda x, y: "card", can_drag=lambda item: item == "card")
    g.press(0, 10, 10)
    assert kinds(g.move(0, 40, 10)) == ["drag_start", "drag_move"]
