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


def test_a_crowded_map_gets_one_page_per_disputed_initiative_with_every_person_named(lib, tmp_path):
    """The step-through in print: each disputed initiative on its own page, each person's
    marker labelled with role and name, the person furthest from the group marked."""
    from tension_desktop.export.report_pdf import dispute_drawing
    from tension_desktop.model.tension_map import rank_disputes

    wid = _workshop(lib, 12, 20)
    out = tmp_path / "report.pdf"
    export_report(lib, wid, out)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages]
    placements = store.list_placements(lib, wid, ("revealed",))
    disputes = rank_disputes(placements)
    titles = {i.id: i.title for i in people.list_initiatives(lib, wid)}
    ps = {p.id: p for p in people.list_participants(lib, wid)}
    starts = [n for n, text in enumerate(pages) if "Disputed initiative " in text and " of 20" in text]
    assert len(starts) == len(disputes) == 20  # one page each, most disputed first
    for rank, (n, dp) in enumerate(zip(starts, disputes, strict=True), 1):
        text = pages[n]
        assert f"Disputed initiative {rank} of 20" in text and titles[dp.initiative_id] in text
        for p in ps.values():  # every person's marker carries their role and name
            assert f"{p.role} · {p.name}" in text
        far = ps[dp.furthest_participant_id]
        assert f"{far.role} · {far.name} ← furthest" in text
        assert f"Furthest from the group: {far.role} · {far.name}" in text
    # the labels' geometry on every such page: none overlapping another, a quadrant name or a
    # marker (each person's marker stays visible beside its label)
    for dp in disputes:
        d: dict = {}
        dispute_drawing(lib, wid, dp.initiative_id, 170 * mm, layout_out=d)
        assert d["missed"] == [] and len(d["label_boxes"]) == 12
        assert count_overlaps(list(d["label_boxes"].values()), d["bands"] + d["markers"]) == 0


def test_an_uncrowded_map_gets_no_extra_pages(demo_lib, tmp_path):
    out = tmp_path / "report.pdf"
    export_report(demo_lib, demo_lib.demo_id, out)
    assert not any("Disputed initiative" in p.extract_text() for p in PdfReader(str(out)).pages)
