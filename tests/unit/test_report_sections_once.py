"""Every section of the session report is printed once: no exercise's section is repeated
(the allocation round once came out twice, a merge's leftover)."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest

from tension_desktop.export import covenant_pdf
from tension_desktop.export.report_pdf import export_report


def test_no_section_heading_is_printed_twice(demo_lib, tmp_path, monkeypatch):
    headings: list[str] = []
    heading = covenant_pdf.Story.heading

    def record(self, text, level=None):
        headings.append(text)
        return heading(self, text, level)

    monkeypatch.setattr(covenant_pdf.Story, "heading", record)
    export_report(demo_lib, demo_lib.demo_id, tmp_path / "report.pdf", paper="a4")
    assert {"Allocation: the portfolio and our time", "90-day readiness plan",
            "Constraint diagnosis: behavioural or structural?"} <= set(headings), headings
    assert [h for h, n in Counter(headings).items() if n > 1] == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_new_exercises_sections_read_once_in_the_text_layer(demo_lib, tmp_path):
    report = export_report(demo_lib, demo_lib.demo_id, tmp_path / "report.pdf", paper="a4")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(report.path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for title in ("Polarity map: Innovation and Execution", "Allocation: the portfolio and our time",
                  "Constraint diagnosis: behavioural or structural?", "90-day readiness plan"):
        assert text.count(title) == 1, title
