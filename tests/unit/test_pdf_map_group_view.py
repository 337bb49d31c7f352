"""The report's tension map uses the legible group view: every initiative's whole title once,
no two labels overlapping, none on a quadrant name, and the twelve marker identities."""

from __future__ import annotations

import random

from pypdf import PdfReader
from reportlab.lib.units import mm

from tension_desktop.export.report_pdf import export_report, map_drawing
from tension_desktop.model import Placement
from tension_desktop.model.label_layout import count_overlaps
from tension_desktop.store import people, workshops
from tension_desktop.store import tension_map as store
from tests.unit.test_label_layout import TITLES


def _workshop(lib, n_people: int, n_initiatives: int) -> int:
    rnd = random.Random(5)
    wid = workshops.create_workshop(lib, "Team", "Offsite").id
    pids = [people.add_participant(lib, wid, f"Exec {n}", f"VP {n}").id for n in range(n_people)]
    for n in range(n_initiatives):
        iid = people.add_initiative(lib, wid, TITLES[n % len(TITLES)]).id
        cx, cy = rnd.random(), rnd.random()
        for pid in pids:
            store.place(lib, wid, Placement(initiative_id=iid, x=min(1, max(0, rnd.gauss(cx, 0.12))),
                                            y=min(1, max(0, rnd.gauss(cy, 0.12))), round="revealed",
                                            participant_id=pid))
    return wid


def test_the_demo_map_labels_every_initiative_once_without_overlaps(demo_lib, tmp_path):
    d: dict = {}
    map_drawing(demo_lib, demo_lib.demo_id, 170 * mm, layout_out=d)
    inits = people.list_initiatives(demo_lib, demo_lib.demo_id)
    assert set(d["label_boxes"]) == {i.id for i in inits}
    assert count_overlaps(list(d["label_boxes"].values()), d["bands"]) == 0
    out = tmp_path / "report.pdf"
    export_report(demo_lib, demo_lib.demo_id, out)
    page = " ".join(PdfReader(str(out)).pages[0].extract_text().split())
    for i in inits:  # whole titles: every word is there, nothing cut with an ellipsis
        for word in i.title.split():
            assert word in page
    assert "…" not in page.split("Innovation intensity")[0]


def test_a_twelve_person_twenty_initiative_map_has_no_overlapping_labels(lib):
    wid = _workshop(lib, 12, 20)
    d: dict = {}
    map_drawing(lib, wid, 170 * mm, layout_out=d)
    assert count_overlaps(list(d["label_boxes"].values()), d["bands"]) == 0
    assert len(d["label_boxes"]) == 20
