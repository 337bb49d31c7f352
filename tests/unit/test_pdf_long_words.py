"""A word taller than a page, in any script, at every field's limit: every PDF with tables
(team covenant, personal handouts, session report, decision memo) finishes and prints all of it.

An unbroken lever of 1,800 "W" once made the personal handout place empty boxes page after
page forever (ReportLab's in-row split made no progress: export/grid.py). Each export runs
in a subprocess with a timeout, so a regression fails here instead of hanging the suite; the
text layer (poppler's pdftotext) must hold every character, in order.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata

import pytest

from tension_desktop.model.rules import LENGTHS
from tests.unit.test_cli import ENV, ROOT

#: one cluster of each script, repeated into a single word with no break opportunity
CLUSTERS = {
    "Latin W": "W",
    "CJK": "漢",
    "Hebrew": "ק",
    "Arabic": "ب",          # every letter joins: one long run of medial forms
    "emoji": "😀",
    "Devanagari": "क्ष",
    "Thai": "กำ",
}

#: the fields each export prints, at their limits (characters, as the forms allow)
FIELDS = {"lever": LENGTHS["thresholds.lever"], "item": LENGTHS["covenant_items.text"],
          "limit": LENGTHS["covenant_items.limit_text"], "decision": LENGTHS["decisions.decision"],
          "inputs": LENGTHS["decisions.required_inputs"], "commitment": LENGTHS["commitments.text"],
          "metric": LENGTHS["thresholds.metric"]}
COVENANT = ("item", "limit", "metric", "lever", "decision", "commitment")
#: what each PDF prints: the team covenant; the handout adds the person's box (metric, lever,
#: decision, commitment again); the report holds the covenant; the memo its decision
PRINTS = {"team": COVENANT, "handout": (*COVENANT, "metric", "lever", "decision", "commitment"),
          "report": COVENANT, "memo": ("decision", "inputs")}

WORKER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from tension_desktop.export.covenant_pdf import export_covenant
    from tension_desktop.export.memo_pdf import export_memo
    from tension_desktop.export.report_pdf import export_report
    from tension_desktop.model import Commitment, CovenantItem, DecisionRight, EscalationThreshold
    from tension_desktop.store import covenant, library_path, open_library, people, session, workshops

    out = Path(sys.argv[1])
    texts = json.loads((out / "texts.json").read_text(encoding="utf-8"))
    with open_library(library_path(out / "data")) as lib:
        ws = workshops.create_workshop(lib, "Team", "Offsite")
        pid = people.add_participant(lib, ws.id, "Ana").id
        covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=texts["item"]))
        covenant.add_item(lib, ws.id, CovenantItem(kind="degradable", text="Latency", limit=texts["limit"]))
        covenant.add_threshold(lib, ws.id, EscalationThreshold(metric=texts["metric"], threshold="3 %",
                                                               lever=texts["lever"], owner_ids=(pid,)))
        covenant.add_decision(lib, ws.id, DecisionRight(decision=texts["decision"], roles={"approve": (pid,)},
                                                        required_inputs=texts["inputs"]))
        session.add_commitment(lib, ws.id, Commitment(kind="experiment", text=texts["commitment"], owner_id=pid))
        paths = [r.path for r in export_covenant(lib, ws.id, out / "team.pdf", per_participant=out / "each")]
        paths.append(export_report(lib, ws.id, out / "report.pdf").path)
        paths.append(export_memo(lib, ws.id, 1, out / "memo.pdf").path)
    print(json.dumps([str(p) for p in paths]))
""")


def squash(text: str) -> str:
    """Text without white space or the direction marks pdftotext adds around RTL lines."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if not c.isspace() and c not in "\u202a\u202b\u202c")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("script", list(CLUSTERS))
def test_an_unbroken_word_at_every_field_limit_prints_whole_in_every_pdf(tmp_path, script):
    cluster = CLUSTERS[script]
    texts = {name: cluster * (limit // len(cluster)) for name, limit in FIELDS.items()}
    try:
        (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", WORKER, str(tmp_path)], cwd=ROOT, env=ENV,
                              capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{script}: the exports did not finish in 240 s (layout loops)")
    assert done.returncode == 0, done.stderr[-2000:]
    paths = json.loads(done.stdout.splitlines()[-1])
    assert len(paths) == 4  # team, one handout, report, memo
    for kind, path in zip(PRINTS, paths, strict=True):
        text = squash(subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                                     check=True).stdout)
        # the word wraps over lines and pages (footers, repeated table heads come between its
        # pieces): every cluster printed, none lost, split or doubled
        pieces = re.findall(f"(?:{re.escape(cluster)}){{2,}}", text)
        printed = sum(len(p) for p in pieces) // len(cluster)
        assert printed == sum(len(texts[f]) // len(cluster) for f in PRINTS[kind]), (script, kind)
