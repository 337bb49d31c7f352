"""The covenant handouts and the session report, read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.export.fonts import UnprintableText
from tension_desktop.export.layout import default_paper
from tension_desktop.export.report_pdf import export_report
from tension_desktop.model import Commitment, CovenantItem, DecisionRight, EscalationThreshold
from tension_desktop.store import covenant, people, session, workshops

HOSTILE = ["<b>x</b> & <font>", '<font color="red">red</font>', '<img src="/etc/passwd"/>', "a &amp; b <br/>"]
NAMES = ["Αλεξάνδρα Παπαδοπούλου", "Дмитрий Соколов", "王小明", "佐藤 花子", "김민준", "فاطمة الزهراء",
         "דוד לוי", "<b>Bob</b> & Co", "José Ñúñez", "Zoë O'Brien-Łukasiewicz", "Ιωάννης", "Ольга"]
LONG = ("The customer promise on delivery windows is never traded for speed. " * 30)[:2000]
WORD = "Supercalifragilisticexpialidocious" + "x" * 26  # 60 characters, no space


def build_workshop(lib, n_people: int = 12) -> int:
    ws = workshops.create_workshop(lib, "Ομάδα ηγεσίας <Team>", "Offsite — 可靠性 & innovation", "2026-11-20")
    pids = [people.add_participant(lib, ws.id, NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}"),
                                   role=["CEO", "CTO", "COO", "CFO"][i % 4]).id for i in range(n_people)]
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=LONG))
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=WORD))
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=HOSTILE[0]))
    covenant.add_item(lib, ws.id, CovenantItem(kind="degradable", text="Латентность оформления заказа",
                                                limit=HOSTILE[2]))
    covenant.add_item(lib, ws.id, CovenantItem(kind="degradable", text="支付延迟", limit="最多 200 毫秒，两周"))
    for i, pid in enumerate(pids):
        covenant.add_threshold(lib, ws.id, EscalationThreshold(
            metric=f"Metric {i} {NAMES[i % len(NAMES)]}", threshold=f"{i + 1} % {HOSTILE[1]}",
            lever=f"Lever {i}: pause rollout {HOSTILE[3]}", owner_ids=(pid,)))
    covenant.add_threshold(lib, ws.id, EscalationThreshold(metric="معدل التسرب", threshold="٣٪ شهريًا",
                                                           lever="إيقاف الإطلاق لمدة ٣٠ يومًا", owner_ids=(pids[5],)))
    covenant.add_decision(lib, ws.id, DecisionRight(decision="Go/no-go <EU>", roles={
        "recommend": (pids[1],), "approve": (pids[0],), "implement": (pids[2], pids[3]), "informed": tuple(pids[4:])}))
    covenant.add_decision(lib, ws.id, DecisionRight(decision="החלטה על ספק", roles={"approve": (pids[6],),
                                                                                 "recommend": (pids[7],)}))
    session.add_commitment(lib, ws.id, Commitment(kind="experiment", text="Pilot in Lyon & <Manila>",
                                                  owner_id=pids[2], due_date="2026-12-15"))
    session.add_commitment(lib, ws.id, Commitment(kind="safeguard", text="Runbook 운영 안전장치", owner_id=pids[4],
                                                  due_date="2027-01-10"))
    session.add_commitment(lib, ws.id, Commitment(kind="communication", text="Note to all staff",
                                                  owner_id=pids[0], due_date="2026-11-30"))
    return ws.id


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def squash(text: str) -> str:
    """Extracted text without line breaks and spaces, to compare wrapped text."""
    return re.sub(r"\s+", "", text)


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Base font name -> embedded? for every font used on any page."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            embedded = bool(desc) and any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(f["/BaseFont"]).split("+")[-1]] = embedded
    return fonts


@pytest.fixture
def ws(lib):
    lib.ws = build_workshop(lib)
    return lib


def test_team_covenant_holds_every_name_threshold_lever_and_commitment_as_typed(ws, tmp_path):
    [res] = export_covenant(ws, ws.ws, tmp_path / "team.pdf", paper="a4")
    text = squash(text_of(res.path))
    expected = [*HOSTILE[:1], "<img src=\"/etc/passwd\"/>", "Pilot in Lyon & <Manila>", "Note to all staff",
                "2026-12-15", WORD, LONG, "Латентность оформления заказа", "支付延迟",
                *[f"{i + 1} % {HOSTILE[1]}" for i in range(12)], *[f"Lever {i}: pause rollout {HOSTILE[3]}" for i in range(12)]]
    for name in NAMES:
        if not any("\u0590" <= c <= "\u06ff" for c in name):
            expected.append(name)
    for want in expected:
        assert squash(want) in text, want


def test_hostile_markup_is_printed_literally_not_applied(ws, tmp_path):
    [res] = export_covenant(ws, ws.ws, tmp_path / "team.pdf")
    text = text_of(res.path)
    assert "<b>Bob</b> & Co" in text
    assert '<font color="red">red</font>' in squash(text).replace("fontcolor", "font color")
    raw = res.path.read_bytes()
    assert b"/Subtype /Image" not in raw and b"/XObject" not in raw  # <img> never opened a file


def test_fonts_are_embedded_and_cover_cjk_and_korean(ws, tmp_path):
    [res] = export_covenant(ws, ws.ws, tmp_path / "team.pdf")
    fonts = embedded_fonts(res.path)
    used = {k: v for k, v in fonts.items() if k != "/Helvetica"}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback", "NanumGothic"} <= set(used)
    assert all(used.values()), used


def test_right_to_left_text_is_shaped_and_ordered_for_display(ws, tmp_path):
    [res] = export_covenant(ws, ws.ws, tmp_path / "team.pdf")
    text = text_of(res.path)
    assert "דוד לוי" in text or "דוד לוי"[::-1] in text
    # Arabic comes out in presentation forms (shaped), not as isolated letters
    assert any("\ufe70" <= c <= "\ufeff" for c in text)


def test_one_personal_handout_per_participant_with_their_box_and_name_in_the_header(ws, tmp_path):
    results = export_covenant(ws, ws.ws, None, per_participant=tmp_path / "people", paper="letter")
    assert len(results) == 12
    first = text_of(results[0].path)
    assert "Personal copy: " + NAMES[0] in first
    assert "Your part in this covenant" in first
    reader = PdfReader(str(results[0].path))
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # US Letter
    bob = text_of(next(r.path for r in results if "Bob" in r.path.name))
    assert "Personal copy: <b>Bob</b> & Co" in bob
    assert all(not ("<" in r.path.name or ">" in r.path.name) for r in results)


def test_page_count_is_stable_and_every_page_is_numbered(ws, tmp_path):
    [res] = export_covenant(ws, ws.ws, tmp_path / "team.pdf", paper="a4")
    pages = [p.extract_text() for p in PdfReader(str(res.path)).pages]
    assert res.pages == len(pages) >= 3
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page


def test_table_headers_repeat_when_a_table_breaks_across_pages(lib, tmp_path):
    ws = workshops.create_workshop(lib, "T", "W")
    pid = people.add_participant(lib, ws.id, "Ana").id
    for i in range(60):
        covenant.add_threshold(lib, ws.id, EscalationThreshold(metric=f"Metric {i}", threshold=f"{i} %",
                                                               lever="pause", owner_ids=(pid,)))
    [res] = export_covenant(lib, ws.id, tmp_path / "t.pdf")
    pages = [p.extract_text() for p in PdfReader(str(res.path)).pages]
    with_rows = [p for p in pages if "Metric 5" in p or "Metric 59" in p]
    assert len(pages) >= 3
    assert all("Pre-approved lever" in p for p in with_rows)


def test_an_empty_covenant_lays_out(lib, tmp_path):
    ws = workshops.create_workshop(lib, "T", "Empty")
    [res] = export_covenant(lib, ws.id, tmp_path / "e.pdf")
    assert "Nothing recorded yet." in text_of(res.path)


def test_text_no_font_can_print_is_named_instead_of_printing_boxes(lib, tmp_path):
    ws = workshops.create_workshop(lib, "T", "W")
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text="Runes ᚠᚢᚦᚨ"))
    with pytest.raises(UnprintableText) as err:
        export_covenant(lib, ws.id, tmp_path / "x.pdf")
    assert "protected item" in str(err.value) and "ᚠᚢᚦᚨ" in str(err.value)
    assert not (tmp_path / "x.pdf").exists()
    [res] = export_covenant(lib, ws.id, tmp_path / "x.pdf", missing="replace")
    assert res.problems and res.pages == 1


@pytest.mark.parametrize(("env", "paper"), [({"LANG": "en_US.UTF-8"}, "letter"), ({"LANG": "de_DE.UTF-8"}, "a4"),
                                            ({"LC_PAPER": "fr_CA.UTF-8", "LANG": "fr_FR.UTF-8"}, "letter"),
                                            ({"LC_ALL": "en_GB.UTF-8", "LANG": "en_US"}, "a4")])
def test_paper_follows_the_locale(env, paper):
    assert default_paper(env) == paper


def test_session_report_has_map_board_risks_and_covenant(demo_lib, tmp_path):
    res = export_report(demo_lib, demo_lib.demo_id, tmp_path / "r.pdf", paper="a4")
    text = text_of(res.path)
    for want in ("Tension map", "Most disputed initiatives", "Board: where we agree", "Reliability covenant",
                 "Escalation thresholds", "Open points in the covenant", "Placed by"):
        assert want in text, want
    raw = res.path.read_bytes()
    assert b"/Subtype /Image" not in raw  # the map is vector drawing, not a picture
    assert res.pages >= 3


def test_session_report_of_the_international_workshop(ws, tmp_path):
    res = export_report(ws, ws.ws, tmp_path / "r.pdf")
    text = squash(text_of(res.path))
    assert squash("Pilot in Lyon & <Manila>") in text
    assert squash("<b>x</b> & <font>") in text


def test_visual_order_reverses_rtl_words_and_keeps_numbers_left_to_right():
    from tension_desktop.export.fonts import visual

    assert visual("שלום עולם", True) == "םלוע םולש"
    assert "30" in visual("עד 30 יום", True)
    assert visual("דוד לוי (CISO)", True) == "(CISO) יול דוד"  # brackets mirrored, not ")CISO("


def test_a_long_rtl_paragraph_breaks_lines_in_reading_order():
    from tension_desktop.export.fonts import BidiParagraph
    from tension_desktop.export.layout import styles

    words = [f"מילה{n}" for n in range(40)]
    bp = BidiParagraph(" ".join(words), styles()["body"])
    lines = bp._lines(120)
    assert len(lines) > 3
    assert lines[0].split()[0] == "מילה0" and lines[-1].split()[-1] == "מילה39"
    w, h = bp.wrap(120, 1000)
    assert w <= 120 and h > 3 * 14


HEADINGS = ("1. Protected at all costs", "2. May degrade temporarily during experiments", "3. Escalation thresholds",
            "4. Decision rights", "5. Closing commitments", "Signatures")


@pytest.mark.parametrize("n_items", [0, 8, 14, 20, 26, 33])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(lib, tmp_path, n_items):
    ws = workshops.create_workshop(lib, "T", f"W{n_items}")
    pid = people.add_participant(lib, ws.id, "Ana").id
    for i in range(n_items):
        covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=f"Item {i} " + "word " * (i % 9 * 8)))
    covenant.add_item(lib, ws.id, CovenantItem(kind="degradable", text="Latency", limit="+200 ms"))
    covenant.add_threshold(lib, ws.id, EscalationThreshold(metric="Churn", threshold="3 %", lever="pause",
                                                           owner_ids=(pid,)))
    [res] = export_covenant(lib, ws.id, tmp_path / "h.pdf")
    for page in PdfReader(str(res.path)).pages:
        lines = [ln.strip() for ln in page.extract_text().splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("Page ") and "W" + str(n_items) not in ln]
        assert body and body[-1] not in HEADINGS, body[-3:]
