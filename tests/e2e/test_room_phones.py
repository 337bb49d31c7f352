"""The room link end to end: Debian's chromium (driven by Playwright, phone viewport with
touch) joins the real exercise screens through the room's server on 127.0.0.1."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable

import pytest

from tension_desktop.store import board, people, rounds
from tension_desktop.store import tension_map as tmap

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.e2e
sync_api = pytest.importorskip("playwright.sync_api")
if not shutil.which("chromium"):
    pytest.skip("Debian's chromium is not installed (make test installs it: scripts/sysdeps.sh)",
                allow_module_level=True)

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def in_browser(qtbot, script: Callable, timeout: int = 90_000):
    """Run ``script(browser)`` on a thread of its own while the GUI thread keeps serving the
    room (every phone request runs on the GUI thread); returns what the script returned."""
    out: dict = {}

    def run() -> None:
        try:
            with sync_api.sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
                try:
                    out["value"] = script(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # noqa: BLE001 - raised again on the test's thread
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    qtbot.waitUntil(lambda: not t.is_alive(), timeout=timeout)
    if "error" in out:
        raise out["error"]
    return out.get("value")


def join(browser, url: str, name: str):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    page.goto(url)
    page.get_by_role("button", name=name).tap()
    page.locator("#bottom").wait_for()  # a task view is on screen (its footer with Undo and Done)
    return ctx, page


def saved(page) -> None:
    page.locator("#status.saved").wait_for(timeout=20_000)


def set_slider(page, index: int, value: int) -> None:
    page.locator("#initiatives input[type=range]").nth(index).evaluate(
        "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('change', {bubbles: true})); }", value)


@pytest.fixture
def map_screen(qtbot, doc):
    from tension_desktop.gui.tension_map.widget import TensionMapWidget

    w = TensionMapWidget(doc)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    if w.private.room is not None:
        w.private.room.close()


def test_two_phones_place_privately_the_laptop_shows_progress_the_reveal_shows_exactly_what_was_sent(
        qtbot, map_screen, doc):
    w = map_screen
    lib, wid = doc.lib, doc.workshop_id
    everyone = doc.participants()
    w.private.start()
    win = w.private.show_room()
    qtbot.addWidget(win)
    w.private.room.open("127.0.0.1", 0)
    url = w.private.room.url
    a, b = everyone[0], everyone[1]
    inits = people.list_initiatives(lib, wid)

    def phones(browser):
        ctx_a, pa = join(browser, url, a.name)
        ctx_b, pb = join(browser, url, b.name)
        # A: first initiative by sliders (exact), second by a tap on the map (top right quadrant)
        pa.locator("#initiatives .item-head").nth(0).tap()
        set_slider(pa, 0, 30)
        saved(pa)
        set_slider(pa, 1, 80)
        saved(pa)
        pa.locator("#initiatives .item-head").nth(1).tap()
        pa.evaluate("window.scrollTo(0, 0)")
        box = pa.locator("#map").bounding_box()
        pa.touchscreen.tap(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.2)
        saved(pa)
        # B: one initiative, then a move, then Undo of the move
        pb.locator("#initiatives .item-head").nth(2).tap()
        set_slider(pb, 0, 10)
        saved(pb)
        set_slider(pb, 0, 60)
        saved(pb)
        pb.get_by_role("button", name="Undo").tap()
        saved(pb)
        pb.get_by_role("button", name="I am done").tap()
        saved(pb)
        # the other phone's content never reaches A's page
        text_a = pa.locator("body").inner_text()
        # a third phone without the secret is refused
        ctx_c = browser.new_context(**PHONE)
        pc = ctx_c.new_page()
        wrong = url.rstrip("/").rsplit("/", 1)[0] + "/not-the-secret/"
        refused = pc.goto(wrong).status
        taken = pc.goto(url) and pc.get_by_role("button", name=a.name).is_disabled()
        shot = pa.screenshot()
        for c in (ctx_a, ctx_b, ctx_c):
            c.close()
        return {"text_a": text_a, "refused": refused, "taken": taken, "shot": shot}

    seen = in_browser(qtbot, phones)
    assert seen["refused"] == 404 and seen["taken"]
    assert b.name not in seen["text_a"]
    hidden = {(p.participant_id, p.initiative_id): (p.x, p.y) for p in tmap.list_placements(lib, wid, ("private",))}
    assert hidden[(a.id, inits[0].id)] == (0.3, 0.8)
    x, y = hidden[(a.id, inits[1].id)]
    assert x > 0.7 and y > 0.7                      # the tap landed top right
    assert hidden[(b.id, inits[2].id)] == (0.1, 0.5)  # B's move was undone on the phone
    assert len(hidden) == 3
    # the laptop shows progress only: no placement of anyone on the map, the count of who is done
    assert w.visible_placements() == []
    qtbot.waitUntil(lambda: "1 of" in win.progress.text())
    assert set(w.private.room.joined) == {a.id, b.id}
    # the coach reveals (the room closes with the round); the store holds exactly what was sent
    assert w.private.reveal()
    qtbot.waitUntil(lambda: not w.private.room.is_open)
    shown = {(p.participant_id, p.initiative_id): (p.x, p.y) for p in tmap.list_placements(lib, wid, ("revealed",))}
    assert shown == hidden
    assert rounds.latest(lib, wid, "tension_map").revealed


def test_a_board_round_sorted_on_a_phone_beside_a_turn_on_the_shared_screen(qtbot, doc):
    from tension_desktop.gui.board.widget import BoardWidget

    w = BoardWidget(doc)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    lib, wid = doc.lib, doc.workshop_id
    everyone = doc.participants()
    w.private.start()
    w.private.room.open("127.0.0.1", 0)
    url = w.private.room.url
    elements = board.elements_for(lib, wid, w.scope)
    phone = everyone[0]

    def sort(browser):
        ctx, page = join(browser, url, phone.name)
        cards = page.locator("#board .card")
        first = cards.filter(has_text=elements[0].text).first
        first.locator("textarea").fill("<b>regulator</b> & customers")
        first.get_by_role("button", name="Must protect").tap()
        saved(page)
        second = page.locator("#board .card").filter(has_text=elements[1].text).first
        second.get_by_role("button", name="Need evidence").tap()
        saved(page)
        page.get_by_role("button", name="I am done").tap()
        saved(page)
        html = page.locator("#board").inner_html()
        ctx.close()
        return html

    try:
        html = in_browser(qtbot, sort)
        # the shared screen meanwhile hands over to the next person, the phone's owner passed by
        assert w.turns.round.current != phone.id
        cards = {c.element_id: (c.column, c.rationale) for c in board.cards_for(lib, wid, w.scope, phone.id)}
        assert cards == {elements[0].id: ("must_protect", "<b>regulator</b> & customers"),
                         elements[1].id: ("need_evidence", "")}
        assert "<b>regulator" not in html        # shown as text, never as HTML
        assert w.turns.round.done_count == 1
    finally:
        w.private.room.close()


def phone_map(page, n: int) -> list[tuple[int, float, float]]:
    """Place the first two initiatives with the sliders; returns what was sent (by index)."""
    sent = []
    for k in range(2):
        page.locator("#initiatives .item-head").nth(k).tap()
        x, y = 10 + 10 * n + k, 90 - 10 * n - k
        set_slider(page, 0, x)
        saved(page)
        set_slider(page, 1, y)
        saved(page)
        sent.append((k, x / 100, y / 100))
    return sent


def phone_board(page, n: int) -> list[tuple[int, str, str]]:
    """Sort two elements with a why; returns what was sent (by index)."""
    from tension_desktop.model.board import COLUMN_TITLES, COLUMNS

    sent = []
    texts = [t.inner_text() for t in page.locator("#board .card .card-text").all()]
    for k in range(2):
        column = COLUMNS[(n + k) % 3]
        card = page.locator("#board .card").filter(has_text=texts[k]).first
        why = f"phone {n} says {k}"
        card.locator("textarea").fill(why)
        card.get_by_role("button", name=COLUMN_TITLES[column]).tap()
        saved(page)
        sent.append((k, column, why))
    return sent


@pytest.mark.parametrize("which", ["map", "board"])
def test_a_seven_person_round_runs_from_five_phones_and_the_shared_screen_together(qtbot, demo_lib, tmp_path,
                                                                                    which):
    from PySide6.QtCore import Qt

    from tests.gui.private import pass_on
    from tests.gui.shell import click, make_window
    from tests.gui.test_private_rounds import BoardExercise, MapExercise

    wid = demo_lib.demo_id
    people.add_participant(demo_lib, wid, "Lena <i>Fischer</i>")  # the seventh, with markup in her name
    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1600, 1000)
    window.open_workshop(wid)
    ex = MapExercise() if which == "map" else BoardExercise()
    w = ex.open(qtbot, window)
    ex.start(qtbot, w)
    everyone = [p.id for p in w.doc.participants()]
    assert len(everyone) == 7
    click(qtbot, w.private.overlay.room_btn)
    win = w.private.room_window
    qtbot.waitExposed(win)
    win.networks.setCurrentIndex(win.networks.findData("127.0.0.1"))
    click(qtbot, win.open_btn)
    assert w.private.room.is_open and w.private.room.server.host == "127.0.0.1"
    url = w.private.room.url
    names = {p.id: p.name for p in w.doc.participants()}
    on_phones = everyone[:5]

    def phones(browser):
        sent = {}
        for n, pid in enumerate(on_phones):
            ctx, page = join(browser, url, names[pid])
            sent[pid] = phone_map(page, n) if which == "map" else phone_board(page, n)
            page.get_by_role("button", name="I am done").tap()
            saved(page)
            ctx.close()
        return sent

    sent = in_browser(qtbot, phones, timeout=180_000)
    r = w.private.controller.round
    assert set(r.phones) == set(on_phones) and set(r.phones_done) == set(on_phones)
    assert r.current == everyone[5]  # the hand-over passed the five phones by
    assert "5 of 7 done" in win.progress.text()
    # the two without a phone take their turns on the shared screen, seeing only their own
    for n in range(2):
        qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)
        assert ex.shown(w) <= {w.private.controller.current}
        ex.act(qtbot, w, n)
        assert ex.shown(w) == {w.private.controller.current}
        pass_on(qtbot, w.private)
    assert w.private.controller.round.finished
    qtbot.waitUntil(lambda: "7 of 7 done" in win.progress.text())
    assert ex.shown(w) == set()
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)  # "Reveal to everyone"
    qtbot.waitUntil(lambda: not w.private.room.is_open)
    stored = ex.stored(w)
    lib = w.doc.lib
    if which == "map":
        iids = [i.id for i in people.list_initiatives(lib, wid)]
        for pid in on_phones:
            assert sorted(stored[pid]) == sorted((iids[k], x, y) for k, x, y in sent[pid])
    else:
        eids = [e.id for e in board.elements_for(lib, wid, None)]
        for pid in on_phones:
            assert sorted(stored[pid]) == sorted((eids[k], col, why) for k, col, why in sent[pid])
    assert set(stored) == set(everyone)


@pytest.mark.parametrize("which", ["premortem_vote", "pulse"])
def test_dots_and_the_pulse_from_phones(qtbot, demo_lib, tmp_path, which):
    from PySide6.QtCore import Qt

    from tension_desktop.store import premortem
    from tension_desktop.store import session as session_store
    from tests.gui.shell import click, make_window
    from tests.gui.test_private_rounds import DotVoteExercise, PulseExercise, skip_rest

    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1600, 1000)
    window.open_workshop(demo_lib.demo_id)
    ex = DotVoteExercise() if which == "premortem_vote" else PulseExercise()
    w = ex.open(qtbot, window)
    ex.start(qtbot, w)
    win = w.private.show_room()
    qtbot.waitExposed(win)
    win.networks.setCurrentIndex(win.networks.findData("127.0.0.1"))
    click(qtbot, win.open_btn)
    url = w.private.room.url
    lib, wid = w.doc.lib, w.doc.workshop_id
    a, b = w.doc.participants()[:2]
    scope = w.private.controller.scope()
    allowance = premortem.dots_allowance(lib, wid)

    def phones(browser):
        for n, person in enumerate((a, b)):
            ctx, page = join(browser, url, person.name)
            if which == "premortem_vote":
                plus = page.get_by_role("button", name="Add a dot").nth(n)
                for _ in range(allowance):
                    plus.tap()
                    saved(page)
                assert plus.is_disabled()                          # no dots left
                page.get_by_role("button", name="Take a dot back").nth(n).tap()
                saved(page)
            else:
                for key_n, value in enumerate((2 + n, 4, 5 - n)):
                    page.locator(".question").nth(key_n).get_by_role("button", name=str(value), exact=False).last.tap()
                saved(page)
            page.get_by_role("button", name="I am done").tap()
            saved(page)
            ctx.close()

    in_browser(qtbot, phones)
    assert set(w.private.controller.round.phones_done) == {a.id, b.id}
    assert ex.shown(w) <= {w.private.controller.current}
    skip_rest(qtbot, w)
    qtbot.mouseClick(w.private.overlay.start_btn, Qt.MouseButton.LeftButton)  # reveal
    qtbot.waitUntil(lambda: not w.private.room.is_open)
    if which == "premortem_vote":
        risks = [r.id for r in premortem.list_cards(lib, wid, scope)]
        assert premortem.participant_votes(lib, wid, scope, a.id) == {risks[0]: allowance - 1}
        assert premortem.participant_votes(lib, wid, scope, b.id) == {risks[1]: allowance - 1}
    else:
        got = {p.participant_id: (p.rationale, p.fairness, p.escalation) for p in session_store.list_pulse(lib, wid)}
        assert got == {a.id: (2, 4, 5), b.id: (3, 4, 4)}
