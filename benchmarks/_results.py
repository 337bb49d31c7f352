"""Shared by every benchmark: print a table row and merge figures into benchmarks/results.json.

A figure: name, value, unit and, where it has them, baseline, ratio (value / baseline) and
goal (a text such as "ratio <= 1.5"). Benchmarks never fail on a time.
"""

from __future__ import annotations

import fcntl
import json
import platform
import statistics
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100), nearest-rank."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


def record(name: str, value: float, unit: str, *, baseline: float | None = None, goal: str | None = None) -> dict:
    """Print one figure and merge it (by name) into results.json."""
    fig: dict = {"name": name, "value": round(value, 4), "unit": unit}
    if baseline is not None:
        fig["baseline"] = round(baseline, 4)
        fig["ratio"] = round(value / baseline, 3) if baseline else None
    if goal:
        fig["goal"] = goal
    fig["machine"] = f"{platform.machine()} {platform.python_version()}"
    line = f"{name:<55} {value:>12.3f} {unit:<6}"
    if baseline is not None:
        line += f" baseline {baseline:>10.3f}  ratio {fig['ratio']}"
    if goal:
        line += f"  (goal: {goal})"
    print(line, flush=True)
    RESULTS.touch(exist_ok=True)
    with RESULTS.open("r+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        text = fh.read()
        figures = json.loads(text) if text.strip() else []
        figures = [f for f in figures if f.get("name") != name] + [fig]
        fh.seek(0)
        fh.truncate()
        json.dump(figures, fh, indent=2)
    return fig
