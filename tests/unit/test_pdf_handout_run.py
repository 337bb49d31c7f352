"""A run of handouts reuses work from one document to the next (font subsets, their ToUnicode
CMaps and compressed streams, shaped words, cut lines); a handout written late in a run, after
another team's run in the same process, prints exactly what a fresh process prints for it.

The pages are compared as poppler renders them (the embedded font programs draw the glyphs)
and as pdftotext (ActualText spans) and pypdf (ToUnicode CMaps only) read them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.model import CovenantItem, EscalationThreshold
from tension_desktop.store import covenant, people, workshops

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")

#: Two teams whose names share scripts (so fonts are shared) but not letters (so subsets differ).
TEAM_A = ["प्रियंका क्षत्रिय", "সৌমিত্র চট্টোপাধ্যায়", "สมศักดิ์ ศรีสุข", "கார்த்திக் சுப்ரமணியம்", "Amara Okafor"]
TEAM_B = ["अर्जुन द्विवेदी", "ঋতুপর্ণা ঘোষ", "ปิยะพงษ์ ญาณวุฒิ", "வள்ளியம்மை நடேசன்", "王小明", "فاطمة الزهراء"]

#: Writes one person's handout, alone, in a fresh process (nothing cached).
_ALONE = """
import sys
from pathlib import Path
from tension_desktop.export.covenant_pdf import CovenantData, write_covenant
from tension_desktop.store import library_path, open_library
lib = open_library(library_path(Path(sys.argv[1])))
data = CovenantData.load(lib, int(sys.argv[2]))
person = next(p for p in data.participants if p.id == int(sys.argv[3]))
write_covenant(data, sys.argv[4], paper="a4", person=person)
lib.close()
"""


def team(lib, names: list[str]) -> int:
    ws = workshops.create_workshop(lib, f"Team {names[0]}", "Offsite", "2026-11-20")
    pids = [people.add_participant(lib, ws.id, n, role="VP").id for n in names]
    for n, pid in enumerate(pids):
        covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=f"{names[n]} keeps the rollback"))
        covenant.add_threshold(lib, ws.id, EscalationThreshold(metric=f"Metric {n}: {names[n]}", threshold="3 %",
                                                               lever=f"Ask {names[-1 - n]}", owner_ids=(pid,)))
    return ws.id


def pages(pdf: Path, folder: Path) -> list[bytes]:
    """Each page rendered by poppler (grayscale, 60 dpi)."""
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "60", "-gray", str(pdf), str(folder / "p")], check=True)
    return [p.read_bytes() for p in sorted(folder.glob("p*.pgm"))]


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def to_unicode_text(pdf: Path) -> str:
    """The text as readers that ignore ActualText get it (through the ToUnicode CMaps only)."""
    return "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def test_a_handout_late_in_a_run_prints_what_a_fresh_process_prints(lib, data_dir, tmp_path):
    a, b = team(lib, TEAM_A), team(lib, TEAM_B)
    export_covenant(lib, a, tmp_path / "a.pdf", per_participant=tmp_path / "a", paper="a4")
    run = export_covenant(lib, b, tmp_path / "b.pdf", per_participant=tmp_path / "b", paper="a4")
    last = people.list_participants(lib, b)[-1]  # the run's last handout
    lib.close()  # one process at a time holds the library
    alone = tmp_path / "alone.pdf"
    subprocess.run([sys.executable, "-c", _ALONE, str(data_dir), str(b), str(last.id), str(alone)], check=True,
                   cwd=Path(__file__).resolve().parents[2])
    late = run[-1].path
    assert "अर्जुन द्विवेदी" in text(late) and "प्रियंका" not in text(late)
    assert text(late) == text(alone)
    assert to_unicode_text(late) == to_unicode_text(alone)
    assert pages(late, tmp_path / "late") == pages(alone, tmp_path / "fresh")
