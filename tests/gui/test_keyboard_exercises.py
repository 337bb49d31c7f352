"""The four exercises without a canvas (polarity, allocation, constraint diagnosis, readiness)
with the keyboard only: in the real window, every key goes to whatever has the keyboard focus
(``QApplication.focusWidget()``), as a keyboard user's would; Tab, arrows, Enter, Space and
typed text, never a click; then the SQLite file holds what the participant did."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tension_desktop.store import allocation, polarity, readiness, structure
from tests.gui.shell import make_window

Key = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard"
    return w


def press(qtbot, key: Qt.Key, modifier=NONE, times: int = 1) -> None:
    """``key`` to whatever has the keyboard focus, as a keyboard would."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot, wanted: Callable[[QWidget], bool], what: str, limit: int = 80, back: bool = False) -> QWidget:
    """Tab (or Shift+Tab) until the focused control is the one wanted; never more than ``limit``."""
    for _ in range(limit):
        w = focused()
        if wanted(w):
            return w
        press(qtbot, Key.Key_Backtab if back else Key.Key_Tab)
    raise AssertionError(f"Tab never reached {what}; stuck on {focused().objectName() or focused()!r}")


def arrow_to(qtbot, name: str, key: Qt.Key = Qt.Key.Key_Right, limit: int = 12) -> QWidget:
    """Arrow keys within a group of buttons (Tab reaches the group once) until ``name`` has the
    focus: ``key`` first, the opposite arrow once the group's end is reached."""
    back = {Qt.Key.Key_Right: Qt.Key.Key_Left, Qt.Key.Key_Left: Qt.Key.Key_Right}[key]
    for _ in range(limit):
        if focused().objectName() == name:
            return focused()
        before = focused()
        press(qtbot, key)
        if focused() is before:
            key = back
    raise AssertionError(f"the arrows never reached {name}; stuck on {focused().objectName()}")


def named(name: str) -> Callable[[QWidget], bool]:
    return lambda w: w.objectName() == name


def _open(qtbot, demo_lib, tmp_path, key: str):
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.open_workshop(demo_lib.demo_id)
    window.workshop_view.open_exercise(key)
    view = window.workshop_view.exercise_widgets[key]
    qtbot.waitExposed(view)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus(Qt.FocusReason.TabFocusReason)  # where Ctrl+Tab to the exercise's tab leaves the keyboard
    return window, view


def start_turn(qtbot, view, start_name: str) -> None:
    """Tab to the exercise's private-round button, Space; Space on the hand-over starts the turn."""
    tab_to(qtbot, named(start_name), start_name)
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: focused().objectName() == "startTurn")
    press(qtbot, Key.Key_Space)


def test_a_polarity_voice_with_the_keyboard_only(qtbot, demo_lib, tmp_path):
    lib, wid = demo_lib, demo_lib.demo_id
    _window, view = _open(qtbot, demo_lib, tmp_path, "polarity")
    start_turn(qtbot, view, "startPolarityRound")
    pid = view.controller.current
    assert focused().objectName() == "voicePreserve"  # the turn starts on its first question
    type_text(qtbot, "Our release discipline")
    press(qtbot, Key.Key_Tab)  # out of the text box, not a tab character in it
    assert focused().objectName() == "voiceFear"
    type_text(qtbot, "Nobody dares to try anything")
    tab_to(qtbot, lambda w: w.objectName().startswith("voicePole_"), "the poles")
    arrow_to(qtbot, "voicePole_b")
    press(qtbot, Key.Key_Space)
    tab_to(qtbot, lambda w: w.objectName().startswith("voiceShare_"), "the shares")
    arrow_to(qtbot, "voiceShare_30")
    press(qtbot, Key.Key_Space)
    tab_to(qtbot, named("saveVoice"), "Save my answers")
    press(qtbot, Key.Key_Space)
    voice = polarity.voice_of(lib, wid, pid)
    assert (voice.preserve, voice.fear, voice.pole, voice.share_a) == (
        "Our release discipline", "Nobody dares to try anything", "b", 30)
    press(qtbot, Key.Key_Return, CTRL)  # Ctrl+Enter: the turn ends, the hand-over comes
    qtbot.waitUntil(lambda: view.controller.current != pid)
    assert focused().objectName() == "startTurn"


def test_an_allocation_split_with_the_keyboard_only(qtbot, demo_lib, tmp_path):
    lib, wid = demo_lib, demo_lib.demo_id
    _window, view = _open(qtbot, demo_lib, tmp_path, "allocation")
    start_turn(qtbot, view, "startAllocationRound")
    pid = view.controller.current
    start = dict(view.form.portfolio.values)
    assert focused().objectName() == "portfolio_operate_minus"  # the turn starts on its first stepper
    press(qtbot, Key.Key_Tab)
    assert focused().objectName() == "portfolio_operate_plus"
    press(qtbot, Key.Key_Space, times=2)
    tab_to(qtbot, named("portfolio_innovate_minus"), "less for the last category")
    press(qtbot, Key.Key_Space, times=2)
    tab_to(qtbot, named("scheme_exec"), "the time schemes")  # one group: Tab reaches its checked button,
    arrow_to(qtbot, "scheme_cto")                          # the arrows the others
    press(qtbot, Key.Key_Space)
    tab_to(qtbot, named("saveSplits"), "Save my splits", back=True)
    press(qtbot, Key.Key_Space)
    saved = allocation.splits_of(lib, wid, pid)
    want = dict(start, operate=start["operate"] + 10, innovate=start["innovate"] - 10)
    assert saved["portfolio"].shares == want
    assert saved["time_now"].scheme == saved["time_should"].scheme == "cto"
    press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: view.controller.current != pid)


def test_blockers_named_and_sorted_with_the_keyboard_only(qtbot, demo_lib, tmp_path):
    lib, wid = demo_lib, demo_lib.demo_id
    _window, view = _open(qtbot, demo_lib, tmp_path, "structure")
    tab_to(qtbot, lambda w: w.objectName().startswith("step_structure"), "the steps")
    arrow_to(qtbot, "step_structure_blockers", Key.Key_Left)  # the steps are one group: arrows within it
    press(qtbot, Key.Key_Space)
    start_turn(qtbot, view, "start_structure_blockers")
    controller = view.blockers.controller
    pid = controller.current
    assert focused().objectName() == "blockerEntry"  # the turn starts where blockers are typed
    for text in ("Sales is paid on volume", "Nobody may stop a release"):
        type_text(qtbot, text)
        press(qtbot, Key.Key_Return)
    mine = [b.text for b in structure.list_blockers(lib, wid) if b.participant_id == pid]
    assert mine[-2:] == ["Sales is paid on volume", "Nobody may stop a release"]
    press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: controller.current != pid)
    assert focused().objectName() == "startTurn"
    while not controller.round.finished:  # the others pass: "Skip this person", by Tab and Space
        tab_to(qtbot, named("skipTurn"), "Skip this person")
        press(qtbot, Key.Key_Space)
    tab_to(qtbot, named("startTurn"), "Reveal to everyone")
    press(qtbot, Key.Key_Space)
    assert not controller.active and not view.blockers.hidden

    # the second step: the same person sorts every blocker, with a why
    tab_to(qtbot, lambda w: w.objectName().startswith("step_structure"), "the steps")
    arrow_to(qtbot, "step_structure_sort")
    press(qtbot, Key.Key_Space)
    start_turn(qtbot, view, "start_structure_sort")
    controller = view.sorting.controller
    sorter = controller.current
    blockers = structure.list_blockers(lib, wid)
    for n, b in enumerate(blockers):
        tab_to(qtbot, named(f"why_{b.id}"), f"the why of blocker {n + 1}")
        type_text(qtbot, f"why {n}")
        kind = ("structural", "behavioural")[n % 2]
        tab_to(qtbot, lambda w, b=b: w.objectName().startswith(f"sort_{b.id}_"), f"the kinds of blocker {n + 1}",
               back=True)
        arrow_to(qtbot, f"sort_{b.id}_{kind}")
        press(qtbot, Key.Key_Space)
        assert focused().objectName() == f"sort_{b.id}_{kind}"  # the redraw keeps the keyboard where it was
    sorts = {s.blocker_id: (s.kind, s.rationale) for s in structure.list_sorts(lib, wid) if s.participant_id == sorter}
    assert sorts == {b.id: (("structural", "behavioural")[n % 2], f"why {n}") for n, b in enumerate(blockers)}


def test_the_readiness_plan_filled_in_with_the_keyboard_only(qtbot, demo_lib, tmp_path):
    lib, wid = demo_lib, demo_lib.demo_id
    _window, view = _open(qtbot, demo_lib, tmp_path, "readiness")
    items = readiness.list_items(lib, wid)
    target = next(i for i in items if i.kind == "target")
    indicator = next(i for i in items if i.kind == "indicator")
    tab_to(qtbot, named(f"text_{target.id}"), "the first behaviour target")
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "Decisions are written down within a day")
    press(qtbot, Key.Key_Tab)
    assert focused().objectName() == f"owner_{target.id}"
    press(qtbot, Key.Key_Down)
    owner = view.owners[target.id].currentData()
    tab_to(qtbot, named(f"goal_{indicator.id}"), "the first indicator's target")
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "12")
    press(qtbot, Key.Key_Tab)
    saved = {i.id: i for i in readiness.list_items(lib, wid)}
    assert saved[target.id].text == "Decisions are written down within a day"
    assert saved[target.id].owner_id == owner is not None
    assert saved[indicator.id].goal == 12
    # a weekly value: Tab into the table (its first week opens for typing), Tab to week 2, type, Enter
    table = view.table
    tab_to(qtbot, lambda w: w is table or table.isAncestorOf(w), "the weekly values")
    assert (table.currentRow(), table.currentColumn()) == (0, 0)
    press(qtbot, Key.Key_Tab)
    assert (table.currentRow(), table.currentColumn()) == (0, 1)
    type_text(qtbot, "7")
    press(qtbot, Key.Key_Return)  # the table stores the typed value once the event loop runs

    def week_2() -> set:
        first = view.indicator_ids[0]
        return {v.value for v in readiness.list_values(lib, wid) if v.item_id == first and v.week == 2}

    qtbot.waitUntil(lambda: week_2() == {7})
