"""Decision hygiene and the one-page decision memo (API, CLI, through the one writer)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from tension_desktop.export.memo_pdf import MISSING, export_memo, missing_hygiene
from tension_desktop.model import DecisionRight
from tension_desktop.model.validation import ValidationError
from tension_desktop.store import StoreError, covenant, library_path, people, workshops
from tests.unit.test_cli import ENV, ROOT, one_line_failure


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


@pytest.fixture
def ws(lib):
    w = workshops.create_workshop(lib, "Team", "Offsite")
    pids = [people.add_participant(lib, w.id, n).id for n in ("Ana", "Bo <b>", "Cy")]
    covenant.add_decision(lib, w.id, DecisionRight(decision="Go live", roles={"approve": (pids[0],)}))
    d = covenant.add_decision(lib, w.id, DecisionRight(
        decision="Scale to Milan & Paris", roles={"approve": (pids[1],), "recommend": (pids[2],)},
        required_inputs="Pilot churn <3 %", decide_by="2027-02-15", escalation="Not decided by the date",
        tiebreaker_id=pids[0]))
    return lib, w.id, pids, d


def test_hygiene_fields_are_stored_edited_and_checked(ws):
    lib, wid, pids, d = ws
    got = covenant.get_decision(lib, d.id)
    assert (got.required_inputs, got.decide_by, got.escalation, got.tiebreaker_id) == \
           ("Pilot churn <3 %", "2027-02-15", "Not decided by the date", pids[0])
    covenant.update_decision(lib, d.id, tiebreaker_id=None, decide_by="2027-03-01")
    got = covenant.get_decision(lib, d.id)
    assert (got.tiebreaker_id, got.decide_by, got.required_inputs) == (None, "2027-03-01", "Pilot churn <3 %")
    assert missing_hygiene(got) == ["a tie-breaker"]
    with pytest.raises(ValidationError):
        covenant.update_decision(lib, d.id, decide_by="next spring")
    other = workshops.create_workshop(lib, "Team", "Other")
    stranger = people.add_participant(lib, other.id, "Zed").id
    with pytest.raises(ValidationError):
        covenant.update_decision(lib, d.id, tiebreaker_id=stranger)


def test_the_memo_prints_every_field_as_typed_and_what_is_missing(ws, tmp_path):
    lib, wid, pids, d = ws
    full = export_memo(lib, wid, 2, tmp_path / "m2.pdf")
    text = text_of(full.path)
    assert full.pages == 1
    for want in ("Decision memo", "Scale to Milan & Paris", "Bo <b>", "Cy", "Pilot churn <3 %", "2027-02-15",
                 "Not decided by the date", "Ana", "What we decided"):
        assert want in text, want
    assert "Not yet well made" not in text
    bare = text_of(export_memo(lib, wid, 1, tmp_path / "m1.pdf").path)
    assert "Not yet well made" in bare and bare.count(MISSING) == 4
    assert "the required inputs, a decide-by date, an escalation trigger, a tie-breaker" in bare


def test_the_memo_is_refused_for_a_missing_decision_and_over_the_library(ws, tmp_path):
    lib, wid, _pids, _d = ws
    with pytest.raises(KeyError):
        export_memo(lib, wid, 3, tmp_path / "m.pdf")
    before = lib.path.read_bytes()
    with pytest.raises((StoreError, OSError)):
        export_memo(lib, wid, 1, lib.path)
    assert lib.path.read_bytes() == before


def test_cli_export_memo(tmp_path):
    data = tmp_path / "data"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data), *args], cwd=ROOT,
                              env=ENV, capture_output=True, text=True, timeout=120)

    wid = run("demo").stdout.strip()
    out = tmp_path / "memo.pdf"
    ok = run("export", "memo", wid, "--decision", "1", "--out", str(out))
    assert ok.returncode == 0, ok.stderr
    assert "Go / no-go for usage-based pricing" in text_of(out)
    one_line_failure(run("export", "memo", wid, "--decision", "9", "--out", str(tmp_path / "x.pdf")), "decision 9")
    one_line_failure(run("export", "memo", wid, "--decision", "1", "--out", str(library_path(data))))
