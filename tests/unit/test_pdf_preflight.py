"""PDFs that pass a print shop's preflight: every font embedded, and a text layer that
extracts what was printed, characters beyond U+FFFF included (checked with poppler's
``pdffonts`` and ``pdftotext``, as a print shop or a screen reader would read the file)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tension_desktop.export import fonts
from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.export.report_pdf import export_report
from tension_desktop.model import CovenantItem
from tension_desktop.store import covenant, people, workshops

pytestmark = pytest.mark.skipif(not shutil.which("pdffonts") or not shutil.which("pdftotext"),
                                reason="poppler-utils (pdffonts, pdftotext) not installed")


def font_rows(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def assert_all_embedded(path) -> None:
    rows = font_rows(path)
    assert rows, "a PDF with text lists its fonts"
    for row in rows:
        # name type [type] encoding emb sub uni object ID: emb is the fifth column from the end
        assert row[-5] == "yes", f"{path.name}: font {row[0]} is not embedded"
        assert "Helvetica" not in row[0]


def text_of(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def beyond_bmp(font: str, count: int) -> str:
    """Characters beyond U+FFFF that the bundled ``font`` really has (printable, not marks)."""
    import unicodedata

    covered = fonts._coverage(font)
    if font == fonts.SANS:  # also in the bold face, where the text may be a heading
        covered = covered & fonts._coverage(fonts.SANS_BOLD)
    chars = [chr(c) for c in sorted(covered) if c > 0xFFFF
             and unicodedata.category(chr(c)).startswith(("L", "S", "N"))]
    assert chars, f"{font} has no characters beyond U+FFFF"
    step = max(1, len(chars) // count)
    return "".join(chars[::step][:count])


def test_every_pdf_of_the_demo_embeds_every_font(demo_lib, tmp_path):
    wid = demo_lib.demo_id
    results = export_covenant(demo_lib, wid, tmp_path / "team.pdf", per_participant=tmp_path / "each")
    results.append(export_report(demo_lib, wid, tmp_path / "report.pdf"))
    assert len(results) > 3
    for r in results:
        assert_all_embedded(r.path)


def test_all_scripts_and_characters_beyond_bmp_are_embedded_and_extract_exactly(lib, tmp_path):
    names = {
        "astral": "Zoë " + beyond_bmp(fonts.SANS, 6),
        "astral fallback": "Deseret " + beyond_bmp(fonts.CJK, 3),
        "cjk": "王小明",
        "hangul": "김민준",
        "greek": "Ελένη Παπαδοπούλου",
    }
    ws = workshops.create_workshop(lib, "Team", "Offsite " + beyond_bmp(fonts.SANS, 2))
    for name in names.values():
        people.add_participant(lib, ws.id, name, "Exec")
    initiative = "Launch " + beyond_bmp(fonts.SANS, 4)
    people.add_initiative(lib, ws.id, initiative)
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text="Uptime " + beyond_bmp(fonts.SANS, 3)))
    [team] = export_covenant(lib, ws.id, tmp_path / "team.pdf")
    report = export_report(lib, ws.id, tmp_path / "report.pdf")
    for path in (team.path, report.path):
        assert_all_embedded(path)
    text = text_of(team.path)
    for name in names.values():
        assert name in text, f"{name!r} does not extract from the covenant"
    assert "Uptime " + beyond_bmp(fonts.SANS, 3) in text
    report_text = text_of(report.path)
    assert initiative in report_text and ws.title in report_text


def test_to_unicode_cmap_writes_surrogate_pairs():
    cmap = fonts.to_unicode_cmap("AAAAAA+Test", [0x41, 0x1F600, 0x1D400, 0xE9])
    assert "<00> <0041>" in cmap
    assert "<01> <D83DDE00>" in cmap
    assert "<02> <D835DC00>" in cmap
    assert "<03> <00E9>" in cmap
    assert "4 beginbfchar" in cmap
