"""The printed covenant keeps its signature block together, with its heading: with 7 or more
people no signature line sits alone on a page (checked page by page with pdftotext)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.model import CovenantItem
from tension_desktop.store import covenant, people, workshops

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


@pytest.mark.parametrize(("n_people", "n_items"), [(7, 0), (7, 6), (7, 12), (9, 9), (12, 4), (12, 14)])
def test_every_signature_line_is_on_the_page_of_the_heading(lib, tmp_path, n_people, n_items):
    ws = workshops.create_workshop(lib, "T", f"Sign {n_people}/{n_items}")
    names = [f"Person{i:02d} Example" for i in range(n_people)]
    for name in names:
        people.add_participant(lib, ws.id, name, "Role")
    for i in range(n_items):
        covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=f"Item {i} " + "word " * 30))
    [res] = export_covenant(lib, ws.id, tmp_path / "c.pdf")
    pages = _pages(res.path)
    [heading_page] = [n for n, page in enumerate(pages) if "Signatures" in page]
    for name in names:
        where = [n for n, page in enumerate(pages) if name in page and n >= heading_page]
        assert where == [heading_page], f"{name}'s signature line is on page {where}, the heading on {heading_page}"
