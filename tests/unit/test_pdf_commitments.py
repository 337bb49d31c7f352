"""Closing commitments on the handouts: the Close tab creates all three empty, and an
empty one must read as not yet agreed, never as a row of dashes (read back with pypdf)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.export.report_pdf import export_report
from tension_desktop.store import people, session, workshops


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def section(text: str) -> str:
    """The covenant's commitments section: from its heading to the signatures."""
    start = text.index("5. Closing commitments")
    return text[start:text.index("Signatures", start)]


def workshop(lib) -> tuple[int, list[int]]:
    ws = workshops.create_workshop(lib, "Meridian", "Offsite", "2026-11-20")
    pids = [people.add_participant(lib, ws.id, name, role=role).id
            for name, role in (("Priya Raman", "COO"), ("Tom Okafor", "CFO"))]
    return ws.id, pids


def test_three_empty_commitments_print_one_line_saying_none_is_agreed(lib, tmp_path):
    wid, _ = workshop(lib)
    assert len(session.ensure_commitments(lib, wid)) == 3  # what opening the Close tab does
    [res] = export_covenant(lib, wid, tmp_path / "c.pdf")
    part = section(text_of(res.path))
    assert "No closing commitments agreed yet." in " ".join(part.split())
    assert "—" not in part and "Experiment" not in part.split("agreed yet.")[0]
    assert "What" not in part  # no table at all


def test_an_empty_commitment_beside_an_agreed_one_reads_not_yet_agreed(lib, tmp_path):
    wid, pids = workshop(lib)
    experiment, safeguard, _communication = session.ensure_commitments(lib, wid)
    session.update_commitment(lib, experiment.id, text="Pilot in Lyon for six weeks", owner_id=pids[0],
                              due_date="2026-12-15")
    session.update_commitment(lib, safeguard.id, owner_id=pids[1])  # an owner, no 'what' yet
    [res] = export_covenant(lib, wid, tmp_path / "c.pdf")
    part = section(text_of(res.path))
    assert "Pilot in Lyon for six weeks" in part and "2026-12-15" in part
    assert part.count("Not yet agreed") == 2
    squashed = "".join(part.split())  # pypdf gives one line per table cell line
    assert "ReliabilitysafeguardNotyetagreedTomOkafor" in squashed  # the owner picked early is kept
    # nothing after it in its row: then the signatures, or the page's footer (the signature
    # block is kept together and may start the next page)
    assert re.search(r"CommunicationstepNotyetagreed(Signatures|Page\d|$)", squashed)
    assert "—" not in part  # no rows of dashes


def test_a_personal_copy_names_an_owned_but_empty_commitment_as_not_yet_agreed(lib, tmp_path):
    wid, pids = workshop(lib)
    _e, safeguard, _c = session.ensure_commitments(lib, wid)
    session.update_commitment(lib, safeguard.id, owner_id=pids[1])
    results = export_covenant(lib, wid, per_participant=tmp_path / "copies")
    tom = next(r for r in results if "Tom" in r.path.name)
    text = " ".join(text_of(tom.path).split())
    assert "Your commitments" in text and "Reliability safeguard — not yet agreed —" in text


def test_the_report_lists_the_commitments_not_yet_agreed_as_open_points(lib, tmp_path):
    wid, pids = workshop(lib)
    experiment, _s, _c = session.ensure_commitments(lib, wid)
    session.update_commitment(lib, experiment.id, text="Pilot in Lyon", owner_id=pids[0], due_date="2026-12-15")
    res = export_report(lib, wid, tmp_path / "r.pdf")
    text = " ".join(text_of(res.path).split())
    assert "Closing commitments not yet agreed: reliability safeguard, communication step." in text
    assert text.count("Not yet agreed") == 2
