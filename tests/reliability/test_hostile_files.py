"""Hostile input: damaged or tampered workshop files are imported cleanly or refused cleanly.

Hundreds of mutations of a real export (flipped bytes in a ``.tension`` file, values of
the wrong kind in a ``.json`` file) are imported. Each import either succeeds with a
library that passes its integrity check and whose rows the model accepts, or raises
:class:`ImportRefused` and leaves the library exactly as it was. Any other exception
is a bug.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest

from tension_desktop.store import ImportRefused, people, transfer

MUTATIONS = 150
ODD_VALUES = [None, "", "   ", -1, 0, 1, 2.5, 1e308, float("nan"), True, [], {}, "x" * 5000, "#zzzzzz",
              "2026-02-30", "agreed", "must_protect", 10**20, "\u202e\u0000"]


def dump(lib) -> list[str]:
    return list(lib.conn.iterdump())


def import_or_refuse(lib, path: Path) -> str:
    before = dump(lib)
    try:
        new_id = transfer.import_workshop(lib, path)
    except ImportRefused as exc:
        assert dump(lib) == before, f"refused but changed the library: {exc}"
        assert path.name in str(exc)
        return "refused"
    assert lib.integrity_check() == ["ok"]
    people.list_participants(lib, new_id)  # the model accepts what was imported
    people.list_initiatives(lib, new_id)
    return "imported"


@pytest.fixture
def exported(demo_lib, tmp_path):
    return {suffix: transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / f"source{suffix}")
            for suffix in (".tension", ".json")}


def test_a_tension_file_with_flipped_bytes_is_imported_or_refused_cleanly(demo_lib, exported, tmp_path):
    rng = random.Random(1)
    original = exported[".tension"].read_bytes()
    outcomes = {"imported": 0, "refused": 0}
    for n in range(MUTATIONS):
        data = bytearray(original)
        for _ in range(rng.choice([1, 4, 32])):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"flipped-{n}.tension"
        path.write_bytes(bytes(data))
        outcomes[import_or_refuse(demo_lib, path)] += 1
    print(f"\nflipped .tension files: {outcomes}")
    assert outcomes["refused"] > 0


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def test_a_json_file_with_values_of_the_wrong_kind_is_imported_or_refused_cleanly(demo_lib, exported, tmp_path):
    rng = random.Random(2)
    original = json.loads(exported[".json"].read_text(encoding="utf-8"))
    leaves = [p for p in _leaves(original) if p and p[0] in ("tables", "team", "workshop")]
    outcomes = {"imported": 0, "refused": 0}
    for n in range(MUTATIONS):
        data = copy.deepcopy(original)
        for _ in range(rng.choice([1, 1, 3])):
            *parents, last = rng.choice(leaves)
            node = data
            for key in parents:
                node = node[key]
            node[last] = rng.choice(ODD_VALUES)
        path = tmp_path / f"tampered-{n}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        outcomes[import_or_refuse(demo_lib, path)] += 1
    print(f"\ntampered .json files: {outcomes}")
    assert outcomes["refused"] > 0 and outcomes["imported"] > 0


def test_a_truncated_file_is_refused_unless_everything_is_still_there(demo_lib, exported, tmp_path):
    from tests.unit.test_transfer import canonical

    whole = canonical(demo_lib, demo_lib.demo_id)
    for suffix, source in exported.items():
        data = source.read_bytes()
        for cut in (1, 15, 16, 99, 100, 4096, len(data) // 3, len(data) - 4096, len(data) - 1):
            path = tmp_path / f"cut-{cut}{suffix}"
            path.write_bytes(data[:cut])
            before = {r["id"] for r in demo_lib.query("SELECT id FROM workshops")}
            if import_or_refuse(demo_lib, path) == "imported":
                # SQLite may not need the last bytes of its last page; then nothing may be missing
                (new_id,) = {r["id"] for r in demo_lib.query("SELECT id FROM workshops")} - before
                assert canonical(demo_lib, new_id) == whole, (suffix, cut)
