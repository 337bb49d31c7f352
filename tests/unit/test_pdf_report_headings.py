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
