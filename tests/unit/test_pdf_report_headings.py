"""The session report never leaves a section heading alone at the foot of a page."""

import pytest
from pypdf import PdfReader

from tension_desktop.export.report_pdf import export_report

SECTION_HEADINGS = ("Tension map", "Most disputed initiatives", "Board: where we agree and where we differ",
                    "Pre-mortem: top risks", "Reliability covenant")


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_report_section_heading_ends_a_page(demo_lib, tmp_path, paper):
    res = export_report(demo_lib, demo_lib.demo_id, tmp_path / "r.pdf", paper=paper)
    for page in PdfReader(str(res.path)).pages:
        lines = [ln.strip() for ln in page.extract_text().splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("Page ") and "Innovation vs reliability offsite" not in ln]
        assert body and body[-1] not in SECTION_HEADINGS, body[-3:]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_heading_of_any_section_ends_a_page(demo_lib, tmp_path, paper, monkeypatch):
    """Every heading the report prints (each exercise's section and sub-section: the
    diagnosis's scorecard, the readiness plan's closing question...), as the report makes them."""
    from tension_desktop.export import covenant_pdf

    headings: set[str] = set()
    fixed = covenant_pdf.Story.fixed

    def record(self, text, style="body"):
        if style in ("h2", "h3"):
            headings.add(text)
        return fixed(self, text, style)

    monkeypatch.setattr(covenant_pdf.Story, "fixed", record)
    res = export_report(demo_lib, demo_lib.demo_id, tmp_path / "r.pdf", paper=paper)
    assert "Scorecard: the three structural conditions" in headings
    for n, page in enumerate(PdfReader(str(res.path)).pages, 1):
        lines = [ln.strip() for ln in page.extract_text().splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("Page ") and "Innovation vs reliability offsite" not in ln]
        assert body and not any(h == body[-1] or h.endswith(" " + body[-1]) for h in headings), (n, body[-3:])
