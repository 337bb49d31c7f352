"""Pre-mortem and stage gates at full size: 12 participants x 30 risks, 200-character texts.

Figures (nothing fails on a time):
* rebuilding the pre-mortem screen (store queries, ranking, 30 cards, dots, ranked list),
  first paint included, against a bare scene of 30 wrapped text items with the same texts
  painted in the same run (the baseline);
* one undoable edit end to end: a mitigation set through the undo stack (store, rebuild,
  repaint), against repainting the same screen with no edit;
* ranking 30 risks with 36 votes (model only);
* rebuilding the stage-gate screen (8 initiatives, seeds from board and map).

Run: ``.venv/bin/python benchmarks/bench_premortem.py`` (offscreen unless DISPLAY is set).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _results import median, record  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsTextItem, QGraphicsView  # noqa: E402

from tension_desktop.model import Risk  # noqa: E402
from tension_desktop.model.premortem import CATEGORIES, rank_risks  # noqa: E402
from tension_desktop.store import library_path, open_library, people, premortem, workshops  # noqa: E402

PARTICIPANTS, RISKS, RUNS = 12, 30, 10
TEXTS = [
    "The routing model trained on summer traffic fails in winter; drivers override it silently, depot "
    "managers stop trusting the dashboard and we roll back after the anchor customers escalate twice.",
    "冬季交通数据不足导致路线模型失效，司机私下绕开系统，调度中心不再信任仪表盘，我们在两个大客户向首席执行官投诉后被迫回滚整个试点项目。",
    "فشل نموذج التوجيه في الشتاء لأن بيانات التدريب كانت صيفية فقط، وتجاهل السائقون المسارات بصمت، وفقد مديرو المستودعات الثقة",
    "Модель маршрутизации обучена на летних данных и зимой ошибается; водители молча игнорируют маршруты.",
]


def build(folder: Path):
    lib = open_library(library_path(folder))
    wid = workshops.create_workshop(lib, "Benchmark team", "12 x 30").id
    pids = [people.add_participant(lib, wid, f"Executive {n}", f"VP {n}").id for n in range(PARTICIPANTS)]
    ini = people.add_initiative(lib, wid, "Same-day delivery in 12 cities").id
    for n in range(RISKS):
        text = (TEXTS[n % 4] * 3)[:200]
        premortem.add_risk(lib, wid, Risk(text=text, category=CATEGORIES[n % 4], initiative_id=ini,
                                          author_id=pids[n % PARTICIPANTS]))
    ids = [r.id for r in premortem.list_cards(lib, wid, ini)]
    for k, pid in enumerate(pids):
        for j in range(3):
            premortem.add_dot(lib, wid, ids[(k * 7 + j * 5) % RISKS], pid)
    premortem.set_current_initiative(lib, wid, ini)
    premortem.set_revealed(lib, wid, ini, True)
    return lib, wid, ini, pids, ids


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from tension_desktop.gui.document import WorkshopDocument
    from tension_desktop.gui.premortem import PremortemView
    from tension_desktop.gui.stage_gates import StageGatesView

    with tempfile.TemporaryDirectory() as tmp:
        lib, wid, ini, pids, ids = build(Path(tmp))
        doc = WorkshopDocument(lib, wid)
        view = PremortemView(doc)
        view.resize(1920, 970)
        view.show()
        app.processEvents()
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            view.refresh()
            view.view.viewport().repaint()
            times.append((time.perf_counter() - t0) * 1000)

        scene = QGraphicsScene()
        bare = QGraphicsView(scene)
        bare.resize(1500, 970)
        bare.show()
        base = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            scene.clear()
            for n in range(RISKS):
                item = QGraphicsTextItem()
                item.setPlainText((TEXTS[n % 4] * 3)[:200])
                item.setTextWidth(280)
                item.setPos((n % 4) * 330, (n // 4) * 150)
                scene.addItem(item)
            bare.viewport().repaint()
            base.append((time.perf_counter() - t0) * 1000)
        record("premortem_rebuild_12x30_ms", median(times), "ms", baseline=median(base), goal="ratio <= 10")

        edit = []
        for n in range(RUNS):
            t0 = time.perf_counter()
            doc.apply(
                "mitigation", lambda n=n: doc.call(premortem.update_risk, ids[n], mitigation=f"m{n}"),
                lambda n=n: doc.call(premortem.update_risk, ids[n], mitigation=""))
            app.processEvents()
            edit.append((time.perf_counter() - t0) * 1000)
        paint = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            view.repaint()
            app.processEvents()
            paint.append((time.perf_counter() - t0) * 1000)
        # baseline: repainting the same screen with no edit at all
        record("premortem_edit_roundtrip_12x30_ms", median(edit), "ms", baseline=median(paint), goal="ratio <= 3")

        votes = premortem.list_votes(lib, wid, ini)
        cards = premortem.list_cards(lib, wid, ini)
        t0 = time.perf_counter()
        for _ in range(1000):
            rank_risks(cards, votes)
        record("premortem_rank_30_risks_us", (time.perf_counter() - t0) * 1000, "us")

        gates = StageGatesView(doc)
        gates.resize(1920, 970)
        gates.show()
        app.processEvents()
        g = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            gates.refresh()
            gates.view.viewport().repaint()
            g.append((time.perf_counter() - t0) * 1000)
        record("stage_gates_rebuild_ms", median(g), "ms")
        view.close()
        gates.close()
        bare.close()
        doc.deleteLater()
        lib.close()


if __name__ == "__main__":
    main()
