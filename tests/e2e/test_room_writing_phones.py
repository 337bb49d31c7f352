"""Phones write opening-round answers and pre-mortem cards end to end: Debian's chromium
(Playwright, a 375x667 touch phone) on the room's server on 127.0.0.1, the real exercise
screens on the GUI thread; the reveal reaches the phone by push (a WebSocket frame)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from tension_desktop.store import board, premortem, session
from tests.e2e.test_room_phones import PHONE, in_browser, join, saved

pytestmark = pytest.mark.e2e


def on_signal(qtbot, event: threading.Event, action) -> QTimer:
    """Run ``action`` on the GUI thread once the browser thread sets ``event``."""
    timer = QTimer()
    timer.setInterval(50)

    def check() -> None:
        if event.is_set():
            timer.stop()
            action()

    timer.timeout.connect(check)
    timer.start()
    return timer


def pushed_frames(page) -> list[str]:
    """Every WebSocket frame the page receives, as text."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    return frames


def until(page, fn: str, seconds: float = 30.0) -> None:
    """Wait until ``fn`` (a JavaScript function) is true on the page. (Playwright's own
    wait_for_function evaluates a string, which the page's Content-Security-Policy forbids.)"""
    for _ in range(int(seconds / 0.1)):
        if page.evaluate(fn):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {fn}")


def wait_live(page) -> None:
    until(page, "() => document.body.dataset.live === 'push'")


@pytest.fixture
def opening(qtbot, doc):
    from tension_desktop.gui.session import OpeningView

    w = OpeningView(doc)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    if w.private.room is not None:
        w.private.room.close()


def test_a_phone_writes_its_opening_answers_and_hears_the_reveal_by_push(qtbot, opening, doc):
    w = opening
    a = doc.participants()[0]
    w.private.start()
    w.private.room.open("127.0.0.1", 0)
    url = w.private.room.url
    ready = threading.Event()
    timer = on_signal(qtbot, ready, w.private.reveal)
    risk = "Customers <b>leave</b> & we learn late"

    def phone(browser):
        ctx = browser.new_context(**PHONE)
        page = ctx.new_page()
        frames = pushed_frames(page)
        page.goto(url)
        page.get_by_role("button", name=a.name).tap()
        page.locator("#view-opening:not([hidden])").wait_for()
        wait_live(page)
        page.locator("#answer-risk").tap()
        page.locator("#answer-risk").fill(risk)
        page.locator("#answer-opportunity").tap()        # leaving the field saves it
        saved(page)
        page.locator("#answer-opportunity").fill("Partners' data")
        page.get_by_role("button", name="Save").tap()
        saved(page)
        shot = page.screenshot(full_page=False)
        ready.set()                                       # the coach reveals on the laptop
        page.locator("#view-ended:not([hidden])").wait_for(timeout=30_000)
        ended = page.locator("#ended-text").inner_text()
        html = page.locator("#view-opening").inner_html()
        ctx.close()
        return {"frames": frames, "ended": ended, "shot": shot, "html": html}

    seen = in_browser(qtbot, phone)
    timer.stop()
    assert session.list_opening(doc.lib, doc.workshop_id) == {a.id: (risk, "Partners' data")}
    assert seen["ended"] == "The round has ended: look at the shared screen."
    assert any('"closed"' in f for f in seen["frames"])   # it came by push, not by a poll
    assert "<b>leave</b>" not in seen["html"]               # typed text never becomes markup
    assert not w.controller.active


@pytest.fixture
def pre(qtbot, doc):
    from tension_desktop.gui.premortem import PremortemView

    w = PremortemView(doc)
    qtbot.addWidget(w)
    w.resize(1280, 900)
    w.show()
    yield w
    if w.writing.private.room is not None:
        w.writing.private.room.close()


def test_phones_write_premortem_cards_privately_and_the_reveal_shows_exactly_those(qtbot, pre, doc):
    w = pre
    a, b = doc.participants()[:2]
    lanes = premortem.lanes(doc.lib, doc.workshop_id)
    before = {r.id for r in premortem.list_cards(doc.lib, doc.workshop_id, w.initiative_id)}
    w.writing.private.start()
    w.writing.private.room.open("127.0.0.1", 0)
    url = w.writing.private.room.url
    ready = threading.Event()
    timer = on_signal(qtbot, ready, w.writing.private.reveal)

    def add(page, text: str, lane_title: str) -> None:
        page.locator("#card-text").tap()
        page.locator("#card-text").fill(text)
        page.locator("#card-lane").select_option(label=lane_title)
        page.get_by_role("button", name="Add the card").tap()
        saved(page)

    def phones(browser):
        ctx_a, pa = join(browser, url, a.name)
        ctx_b, pb = join(browser, url, b.name)
        frames = pushed_frames(pb)
        pb.reload()                                       # B's page again, now with its frames recorded
        pb.locator("#view-premortem_cards:not([hidden])").wait_for()
        wait_live(pa)
        wait_live(pb)
        add(pa, "<img src=x onerror=alert(1)>", lanes[0].title)
        add(pa, "Scope creep", lanes[1].title)
        pa.get_by_role("button", name="Take back: Scope creep").tap()
        saved(pa)
        add(pb, "Budget cut mid-year", lanes[1].title)
        pb.get_by_role("button", name="I am done").tap()
        saved(pb)
        text_a = pa.locator("body").inner_text()
        shot = pa.screenshot()
        ready.set()
        pa.locator("#view-ended:not([hidden])").wait_for(timeout=30_000)
        pb.locator("#view-ended:not([hidden])").wait_for(timeout=30_000)
        for c in (ctx_a, ctx_b):
            c.close()
        return {"text_a": text_a, "frames": frames, "shot": shot}

    seen = in_browser(qtbot, phones)
    timer.stop()
    assert "Budget cut" not in seen["text_a"]                 # never another person's card
    assert "<img src=x onerror=alert(1)>" in seen["text_a"]    # shown as the text typed
    assert any('"closed"' in f for f in seen["frames"])
    cards = {(r.author_id, r.category, r.text) for r in premortem.list_cards(doc.lib, doc.workshop_id, w.initiative_id)
             if r.id not in before}
    assert cards == {(a.id, lanes[0].key, "<img src=x onerror=alert(1)>"), (b.id, lanes[1].key, "Budget cut mid-year")}
    assert premortem.list_drafts(doc.lib, doc.workshop_id, w.initiative_id) == []



def test_a_push_while_a_why_is_typed_loses_nothing_typed(qtbot, demo_lib, tmp_path):
    """A notice (another phone done, a turn passed) arrives after a board "why" was typed but
    before its column was chosen: the page reloads its state, and keeps the text typed."""
    from tension_desktop.model.board import COLUMN_TITLES
    from tests.gui.shell import make_window
    from tests.gui.test_private_rounds import BoardExercise

    window = make_window(qtbot, demo_lib, tmp_path / "settings")
    window.resize(1600, 1000)
    window.open_workshop(demo_lib.demo_id)
    ex = BoardExercise()
    w = ex.open(qtbot, window)
    ex.start(qtbot, w)
    w.private.room.open("127.0.0.1", 0)
    url = w.private.room.url
    a = w.doc.participants()[0]
    typed = threading.Event()
    timer = on_signal(qtbot, typed, w.private.room.server.notify)

    def phone(browser):
        ctx, page = join(browser, url, a.name)
        frames = pushed_frames(page)
        page.reload()
        page.locator("#view-board:not([hidden])").wait_for()
        wait_live(page)
        card = page.locator("#board .card").first
        text = card.locator(".card-text").inner_text()
        card.locator("textarea").tap()
        page.keyboard.type("Because the pilot depends on it")
        page.locator("#view-board h1").tap()               # away from the field: nothing sent yet
        typed.set()                                        # the laptop pushes a change now
        for _ in range(200):                               # until the notice has arrived and been acted on
            if any('"changed"' in f for f in frames):
                break
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
        card = page.locator("#board .card").filter(has_text=text).first
        kept = card.locator("textarea").input_value()
        card.get_by_role("button", name=COLUMN_TITLES["must_protect"]).tap()
        saved(page)
        ctx.close()
        return {"frames": frames, "kept": kept}

    seen = in_browser(qtbot, phone)
    timer.stop()
    assert any('"changed"' in f for f in seen["frames"])
    assert seen["kept"] == "Because the pilot depends on it"
    mine = [c for c in board.cards_for(w.doc.lib, w.doc.workshop_id, None, a.id)]
    assert [(c.column, c.rationale) for c in mine] == [("must_protect", "Because the pilot depends on it")]


def test_while_the_socket_is_down_the_page_polls(qtbot, opening, doc, monkeypatch):
    """The phone's socket drops and cannot come back (the laptop refuses new sockets): the
    page says so (``data-live="poll"``) and still shows the round's progress by polling."""
    import asyncio

    from tension_desktop.room import server as room_server

    w = opening
    a = doc.participants()[1]          # the first person takes the shared screen's first turn
    w.private.start()
    w.private.room.open("127.0.0.1", 0)
    server = w.private.room.server
    url = w.private.room.url
    dropped, passed = threading.Event(), threading.Event()

    def drop() -> None:
        monkeypatch.setattr(room_server, "MAX_SOCKETS", 0)   # no socket comes back
        for ws in list(server.sockets):
            asyncio.run_coroutine_threadsafe(ws.close(code=1011), server._loop).result(5)

    timers = [on_signal(qtbot, dropped, drop), on_signal(qtbot, passed, w.controller.skip)]

    def phone(browser):
        ctx, page = join(browser, url, a.name)
        wait_live(page)
        before = page.locator("#progress").inner_text()
        dropped.set()
        until(page, "() => document.body.dataset.live === 'poll'")
        passed.set()                                    # the shared screen passes a turn on
        for _ in range(150):                            # the page's next poll shows it (every 5 s)
            after = page.locator("#progress").inner_text()
            if after.startswith("1 of"):
                break
            page.wait_for_timeout(200)
        ctx.close()
        return before, after

    before, after = in_browser(qtbot, phone)
    for t in timers:
        t.stop()
    assert before.startswith("0 of") and after.startswith("1 of")
