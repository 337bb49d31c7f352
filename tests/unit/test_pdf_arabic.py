"""Arabic is shaped by HarfBuzz in every PDF, lines mixing directions read in the right order,
the text layer gives what was typed, and labels drawn on the map are shaped whole."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata

import pytest
import uharfbuzz as hb
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase.ttfonts import ShapedStr

from tension_desktop.export import fonts
from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.export.report_pdf import map_drawing
from tension_desktop.model import CovenantItem, EscalationThreshold, Placement
from tension_desktop.store import covenant, people, tension_map, workshops
from tests.unit.test_pdf_shaping import SAMPLES, contains, drawn_glyphs

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

NAME = "محمد العلي"
ROW = "نحمي ثقة العملاء قبل كل شيء، ولا نتنازل عن أمن البيانات"
MIXED = "نراجع مؤشر SLA 99.9% كل أسبوع (مع CFO)"


def harfbuzz_glyphs(font_file: str, word: str) -> list[int]:
    """HarfBuzz's shaping of one word with the bundled font, with the features ReportLab asks for."""
    face = hb.Face(hb.Blob.from_file_path(str(fonts.FONT_DIR / font_file)))
    buf = hb.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {"kern": True, "liga": True, "dlig": True})
    return [info.codepoint for info in buf.glyph_infos]


def pdftotext(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    out = "".join(c for c in out if c not in "\u202a\u202b\u202c\u200e\u200f")  # poppler's direction marks
    return " ".join(unicodedata.normalize("NFC", out).split())


@pytest.fixture
def arabic(lib):
    ws = workshops.create_workshop(lib, "فريق القيادة", "Offsite")
    pid = people.add_participant(lib, ws.id, NAME, role="المدير المالي").id
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=ROW))
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=MIXED))
    covenant.add_threshold(lib, ws.id, EscalationThreshold(metric="معدل التوقف", threshold="3 %",
                                                           lever="إيقاف الحملة فورا", owner_ids=(pid,)))
    return lib, ws.id


def test_every_arabic_word_is_drawn_as_harfbuzz_shapes_it(arabic, tmp_path):
    lib, wid = arabic
    team, handout = export_covenant(lib, wid, tmp_path / "team.pdf", per_participant=tmp_path / "h")
    for path in (team.path, handout.path):
        drawn = drawn_glyphs(path)
        assert drawn.get("NotoSansArabic-Regular"), path.name
        for word in " ".join((NAME, ROW, "إيقاف الحملة فورا", "نراجع مؤشر كل أسبوع")).split():
            word = word.strip("،")
            assert contains(drawn["NotoSansArabic-Regular"], harfbuzz_glyphs("NotoSansArabic-Regular.ttf", word)), word
    # the handout's heading prints the name in bold, shaped as well
    bold = drawn_glyphs(handout.path)["NotoSansArabic-Bold"]
    assert all(contains(bold, harfbuzz_glyphs("NotoSansArabic-Bold.ttf", w)) for w in NAME.split())


@needs_poppler
def test_the_text_layer_gives_the_typed_arabic_in_reading_order(arabic, tmp_path):
    lib, wid = arabic
    [team] = export_covenant(lib, wid, tmp_path / "team.pdf")
    text = pdftotext(team.path)
    # letters come back as typed (no presentation forms); the Arabic comma moves in pdftotext's
    # plain text on this mostly-English page (see the test below), so the halves are checked
    for typed in (NAME, *ROW.split("، "), "إيقاف الحملة فورا", "معدل التوقف", "فريق القيادة"):
        assert typed in text, typed
    assert not any("\ufb50" <= c <= "\ufeff" for c in text)
    for part in ("نراجع مؤشر", "SLA", "99.9%", "كل أسبوع", "CFO"):
        assert part in text, part


@needs_poppler
@pytest.mark.parametrize("sentence", [ROW, "شيء؟ ولا؛ نعم، وأيضا لا.", "أولا، ثانيا، ثالثا"])
def test_arabic_punctuation_is_drawn_and_extracted_in_its_place(lib, tmp_path, sentence):
    """The PDF holds an Arabic sentence's comma, semicolon, question mark and full stop where they
    were typed: poppler collects the line as drawn (``pdftotext -bbox``, no reordering) and gets
    exactly the typed sentence read from right to left.

    pdftotext's plain text can still move the comma and the full stop: its reordering counts a
    page's left-to-right and right-to-left letters, and on a page where Latin letters outnumber
    Arabic ones (every handout: its headings are English) it treats the characters its Unicode
    table marks as numeric, which include U+060C and ".", as left-to-right, so an Arabic
    sentence holding a comma comes out as two right-to-left pieces in the order they are drawn,
    left to right: the second clause first. That happens in poppler, after reading the PDF, and
    the same for a PDF without ActualText (Qt's own PDF writer); nothing in the PDF decides it."""
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    people.add_participant(lib, ws.id, "Amara Okafor")
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=sentence))
    [team] = export_covenant(lib, ws.id, tmp_path / "team.pdf")
    lines = drawn_rtl_lines(team.path)
    assert any(sentence in line for line in lines), lines  # the item's number "1." is drawn beside it


def drawn_rtl_lines(path) -> list[str]:
    """Each line holding right-to-left text as poppler collects it from the page, before any
    reordering (``pdftotext -bbox``: words with their boxes, characters in drawing order), read
    from right to left: the words by position, each word's characters reversed."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', out):
        rows.setdefault(round(float(y)), []).append((float(x), html.unescape(word)))
    lines = [" ".join(w[::-1] for _, w in sorted(words, reverse=True)) for _, words in sorted(rows.items())]
    return [line for line in lines if fonts.has_rtl(line)]


def test_words_of_a_mixed_line_are_in_display_order():
    # right-to-left paragraph: the first Arabic word at the right, the English kept left to right
    line = fonts.visual("نراجع مؤشر SLA كل أسبوع", True)
    assert line == "أسبوع كل SLA مؤشر نراجع"
    # left-to-right paragraph with an Arabic name: the name's words swap, each stays typed
    assert fonts.visual(f"Meet {NAME} (CEO) today", False) == "Meet العلي محمد (CEO) today"
    # Hebrew needs no shaping: reversed, brackets mirrored
    assert fonts.visual("דוד לוי (CISO)", True) == "(CISO) יול דוד"


_RTL_ALPHABET = st.sampled_from("abc 12(),.-" + "محمد العلي" + "דוד לוי" + "١٢٣")


@settings(max_examples=300, deadline=None)
@given(st.text(_RTL_ALPHABET, min_size=1, max_size=30), st.booleans())
def test_display_order_keeps_every_character_and_each_arabic_word_whole(text, rtl):
    shown = fonts.visual(text, rtl)
    mirror = str.maketrans(")", "(")  # a mirrored bracket is still a bracket
    assert sorted(shown.translate(mirror)) == sorted(text.translate(mirror))
    for word in text.split():
        arabic = "".join(c for c in word if fonts._rtl_shaped(c))
        if arabic and arabic == word:
            assert word in shown  # handed to HarfBuzz in typed order


def _strings(node):
    for item in getattr(node, "contents", []):
        if isinstance(item, String):
            yield item
        elif isinstance(item, Group):
            yield from _strings(item)


@pytest.mark.parametrize("script", ["Devanagari", "Bengali", "Tamil", "Thai"])
def test_map_labels_and_legend_are_drawn_shaped_and_whole(lib, script):
    name, role, initiative, _row, _commitment = SAMPLES[script]
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    pid = people.add_participant(lib, ws.id, name, role=role).id
    iid = people.add_initiative(lib, ws.id, initiative).id
    tension_map.place(lib, ws.id, Placement(initiative_id=iid, x=0.3, y=0.7, round="revealed", participant_id=pid))
    tension_map.place(lib, ws.id, Placement(initiative_id=iid, x=0.35, y=0.6, round="agreed"))
    drawing = map_drawing(lib, ws.id, 480)
    font = f"TD-{script}"
    drawn = [s for s in _strings(drawing) if s.fontName in (font, font + "-Bold")]
    assert drawn, "no label in the script's font"
    assert all(isinstance(s.text, ShapedStr) for s in drawn)  # HarfBuzz's glyphs, not raw characters
    shown = " ".join(fonts.actual_text(s.text) for s in drawn)
    for word in (*name.split(), *role.split(), *initiative.split()):
        assert word in shown, word  # every word drawn whole: no syllable cut or dropped
    for s in drawn:  # and drawn as HarfBuzz shapes it
        typed = fonts.actual_text(s.text)
        regular = s.fontName.replace("TD-", "NotoSans") + ("" if s.fontName.endswith("-Bold") else "-Regular")
        glyphs = [fonts._font(s.fontName).face.charToGlyph[ord(c)] for c in s.text]
        assert glyphs == harfbuzz_glyphs(f"{regular}.ttf", typed), typed
