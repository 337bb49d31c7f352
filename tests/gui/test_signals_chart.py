"""The team chart: each signal in its own band on its own scale (small multiples), so a
33 % bar is not as tall as "1 reopened" on a shared axis."""

from __future__ import annotations

from tension_desktop.gui.session.chart import SERIES, SignalsChart
from tension_desktop.model.pulse import SessionSignals


def test_each_series_has_its_own_band_and_scale(qtbot):
    chart = SignalsChart()
    qtbot.addWidget(chart)
    chart.resize(600, 360)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_signals([
        SessionSignals(1, "Kickoff", "2026-09-01", commitments_done=1, commitments_reviewed=3, decisions_reopened=1,
                       pulse={"overall": 3.0}),
        SessionSignals(2, "Follow-up", "2026-11-20", commitments_done=3, commitments_reviewed=3, decisions_reopened=0,
                       pulse={"overall": 4.5}),
    ])
    bands = chart.bands()
    keys = [k for k, _t, _c in SERIES]
    for a, b in zip(keys, keys[1:], strict=False):
        assert bands[a].bottom() < bands[b].top(), "bands do not overlap: no axis serves two units"
    marks = {(key, i): (rect, text) for key, i, rect, text in chart.marks()}
    kept_33, kept_100 = marks[("kept", 0)][0], marks[("kept", 1)][0]
    assert marks[("kept", 0)][1] == "33%"
    assert abs(kept_33.height() / kept_100.height() - 1 / 3) < 0.02, "kept on its own 0-100 % scale"
    reopened = marks[("reopened", 0)][0]
    assert bands["reopened"].contains(reopened.center()) and not bands["kept"].contains(reopened.center())
    assert abs(reopened.height() / bands["reopened"].height() - 1 / 3) < 0.02, "count on a scale of three"
    low, high = marks[("pulse", 0)][0], marks[("pulse", 1)][0]
    assert high.center().y() < low.center().y() and bands["pulse"].contains(high.center())
    image = chart.grab().toImage()  # it paints
    assert image.width() == 600
