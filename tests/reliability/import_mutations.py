"""Mutations of a valid workshop export, for the import promise: "any workshop that
imports opens every screen and exports every file without an exception".

:func:`base_export` builds a real library on disk with the demo, gives every table rows
and every workshop setting a value (through the store, the way the app writes them) and
exports the follow-up workshop as JSON. :func:`mutated` is a hypothesis strategy that
applies one to three mutations to a copy: wrong types, texts at and over their length
limits, odd shapes of JSON settings, removed and extra keys, odd Unicode (lone
surrogates, NUL, RTL marks, 4-byte characters, control characters), negative and huge
numbers, NaN, dangling and duplicate references, removed rows.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from hypothesis import strategies as st

from tension_desktop.model import Placement, rules
from tension_desktop.model.covenant import OWNER_LIMITS
from tension_desktop.model.premortem import Lane
from tension_desktop.model.stage_gate import EDITABLE
from tension_desktop.model.workshop import STAGES
from tension_desktop.store import (
    covenant,
    library_path,
    open_library,
    premortem,
    rounds,
    session,
    stage_gates,
    tension_map,
    transfer,
    workshops,
)
from tension_desktop.store.demo import create_demo

ODD_CHARS = ["\ud800", "\udfff", "a\udc00b", "\x00", "\u202e", "\u200f", "\u200b", "\ufeff", "\U0001F600",
             "\U0001D400", "\u0301", "\x1b[2J", "\x07", "\r", "\n", "\t", "\x7f", "\x85", "=", "<b>", "&amp;",
             "%s", "{}", "\\", '"', "'", "ﷺ", "𒐫", "ק", "\ufffd", "\uffff"]

ODD_TEXT = st.one_of(
    st.sampled_from(ODD_CHARS),
    st.lists(st.sampled_from(ODD_CHARS) | st.text(max_size=3), min_size=1, max_size=8).map("".join),
    st.text(max_size=40),
    st.sampled_from(["", " ", "   ", "\u3000", "null", "[]", "{}", "0", "1.5", "NaN", "2026-13-45", "2026-11-20",
                     "#GGGGGG", "#12345", "#0b4f8a", "red", "must_protect", "private", "agreed", "approve"]),
)

NUMBERS = st.one_of(
    st.sampled_from([0, -1, 1, 2, 5, 20, 21, 1440, 1441, 2**31, 2**53, 2**53 + 1, 2**63 - 1, 2**63, 2**64,
                     -(2**63), 10**30, -(10**30)]),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1.0, 0.5, -0.0, 1.0000001, 3.0, float("nan"), float("inf"), float("-inf")]),
)

TOP_TEXT = st.sampled_from(["x" * 200, "x" * 201, "\U0001F600" * 200, "\u202eevil", "  "])

SCALARS = st.one_of(ODD_TEXT, NUMBERS, st.booleans(), st.none())
ANY_VALUE = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.text(max_size=5), SCALARS, max_size=2))

SETTING_WORDS = ["x", "y", "routine", "safe_to_experiment", "protect_and_run", "bet_with_guardrails",
                 "initiative_id", "experiment", "safeguard", "communication", "exercise", "order", "index",
                 "phase", "None", "technical"]
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(SETTING_WORDS) | st.text(max_size=6),
                                                                inner, max_size=4),
    max_leaves=8,
)


def _settings(lib, wid: int) -> None:
    """Give every workshop setting the app reads a value, the way the app writes them."""
    iids = [r["id"] for r in lib.query("SELECT id FROM initiatives WHERE workshop_id = ? ORDER BY id", (wid,))]
    pids = [r["id"] for r in lib.query("SELECT id FROM participants WHERE workshop_id = ? ORDER BY id", (wid,))]
    tension_map.set_labels(lib, wid, axes={"x": "Novelty", "y": "Blast radius"},
                           quadrants={"routine": "Routine ✓"}, governance={"bet_with_guardrails": "Full gates"})
    workshops.set_setting(lib, wid, "board:scope", {"initiative_id": iids[0]})
    workshops.set_setting(lib, wid, "board:rationale_required", True)
    premortem.set_lanes(lib, wid, [Lane(k, t) for k, t in
                                   (("technical", "Tech"), ("customer", "Customers"), ("regulatory", "Regulator"))])
    premortem.set_dots_allowance(lib, wid, 5)
    premortem.set_anonymous(lib, wid, True)
    premortem.set_current_initiative(lib, wid, iids[1])
    premortem.set_revealed(lib, wid, iids[1], True)
    premortem.set_revealed(lib, wid, None, True)
    session.set_final_answer(lib, wid, "Lyon gets AI routes if dispatch can switch back the same day.")
    session.set_close_done(lib, wid, True)
    workshops.set_setting(lib, wid, "commitment_review_notes", {"experiment": "Done on time"})
    workshops.set_setting(lib, wid, "turns:board", {"exercise": "board", "order": pids[:3], "index": 1,
                                                    "phase": "turn"})
    covenant.set_owner_limit(lib, wid, 2)
    stage_gates.set_own_criteria(lib, wid, {"pilot": {"reliability_evidence": "Rollback drilled in Lyon"}})
    from tension_desktop.store import allocation

    allocation.set_category_names(lib, wid, {"operate": "Run", "improve": "Grow", "innovate": "Transform"})
    allocation.set_target(lib, wid, {"operate": 50, "improve": 30, "innovate": 20})
    missing = [k for k in rules.SETTING_SHAPES
               if not lib.query("SELECT 1 FROM workshop_settings WHERE workshop_id = ? AND key LIKE ?",
                                (wid, k + ("%" if k.endswith(":") else "")))]
    assert not missing, f"the base export lacks settings {missing}"


def _private_round_history(lib, wid: int) -> None:
    """A revealed private round of the map with one person skipped, on top of the demo's
    placements (kept as an earlier open round), so every round-history table has rows."""
    pids = [r["id"] for r in lib.query("SELECT id FROM participants WHERE workshop_id = ? ORDER BY id", (wid,))]
    before = [p for p in tension_map.list_placements(lib, wid) if p.participant_id is not None]
    rounds.start_round(lib, wid, "tension_map", None, pids)
    rounds.mark_turn(lib, wid, "tension_map", None, pids[-1], "skipped")
    for p in before:
        if p.participant_id != pids[-1]:
            tension_map.place(lib, wid, Placement(initiative_id=p.initiative_id, x=p.x, y=p.y, round="private",
                                                  participant_id=p.participant_id))
    for pid in pids[:-1]:
        rounds.mark_turn(lib, wid, "tension_map", None, pid, "done")
    rounds.reveal(lib, wid, "tension_map", None, "turns:tension_map")


def _hidden_cards(lib, wid: int) -> None:
    """A pre-mortem card written alone and not revealed yet (a hidden draft)."""
    from tension_desktop.store import people, premortem

    pid = people.list_participants(lib, wid)[0].id
    iid = people.list_initiatives(lib, wid)[0].id
    premortem.add_draft(lib, wid, iid, pid, premortem.lanes(lib, wid)[0].key, "Written alone, not revealed yet")


def base_export(folder: Path) -> dict:
    """The demo's follow-up workshop with every table and every setting filled, as JSON data."""
    folder.mkdir(parents=True, exist_ok=True)
    lib = open_library(library_path(folder / "base"))
    try:
        wid = create_demo(lib)
        with lib.edit() as db:
            risks = [r["id"] for r in lib.query("SELECT id FROM risks WHERE workshop_id = ? ORDER BY id", (wid,))]
            db.execute("UPDATE risks SET merged_into = ? WHERE id = ?", [risks[-2], risks[1]])  # into a later one
            db.execute("UPDATE agenda_phases SET actual_seconds = 301 WHERE workshop_id = ? AND position = 0", [wid])
            db.execute("UPDATE board_elements SET agreed_column = 'can_flex' WHERE workshop_id = ? AND position = 0",
                       [wid])
        _private_round_history(lib, wid)
        _settings(lib, wid)
        _hidden_cards(lib, wid)
        out = transfer.export_workshop(lib, wid, folder / "base.json")
    finally:
        lib.close()
    data = json.loads(out.read_text(encoding="utf-8"))
    empty = [t for t, rows in data["tables"].items() if not rows]
    assert not empty, f"the base export has empty tables {empty}"
    return data


#: Text any form could hold: every character but lone surrogates and NUL, weighted to the odd.
FORM_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
PRINTABLE_ODD = ["\u202e", "\u200f", "\u200b", "\U0001F600", "\U0001D400", "\u0301", "ק", "ﷺ", "𒐫", "\ufffd",
                 "\x1b[2J", "\x07", "\r\n", "\t", "\x85", "=", "<b>", "&amp;", "%s", "\\", '"', "é", "\u3000"]


def _valid_text(rule: rules.Text, draw) -> str:
    """Odd text within the rule (for a required field, not blank)."""
    limit = rule.max_length
    text = draw(st.one_of(
        st.lists(st.sampled_from(PRINTABLE_ODD) | st.text(FORM_CHARS, max_size=4), min_size=1, max_size=10).map("".join),
        st.text(FORM_CHARS, min_size=1, max_size=40),
        # long texts come in words: one unbreakable word of thousands of characters makes
        # ReportLab's line breaking take minutes (a PDF layout defect reported separately)
        st.sampled_from(PRINTABLE_ODD).map(lambda c: ((c * 20 + " ") * limit)[:limit]),
    ))[:limit]
    if rule.required and not text.strip():
        text = ("x" + text)[:limit]
    return text


def _valid_value(rule, draw, targets: list[int]) -> object:
    """A value the rule allows, at its edges where it has some."""
    if isinstance(rule, rules.Text):
        return _valid_text(rule, draw)
    if isinstance(rule, rules.Ref):
        return draw(st.sampled_from(targets + ([None] if rule.nullable else []))) if targets else None
    if isinstance(rule, rules.Whole):
        lo, hi = rule.minimum or 0, min(rule.maximum or 2**53, 2**53)
        return draw(st.sampled_from([lo, hi, (lo + hi) // 2]))
    if isinstance(rule, rules.Unit):
        return draw(st.sampled_from([0, 1, 0.0, 1.0, 0.5, 1e-300, 0.9999999999999999]))
    if isinstance(rule, rules.Choice):
        return draw(st.sampled_from(list(rule.options) + ([None] if rule.nullable else [])))
    if isinstance(rule, rules.Date):
        return draw(st.sampled_from(["", "2028-02-29", "9999-12-31", "0001-01-01"]))
    if isinstance(rule, rules.Stamp):
        return draw(st.sampled_from(["2026-11-20T10:40:00.000Z", "0001-01-01", "9999-12-31T23:59:59+14:00"]))
    if isinstance(rule, rules.Number):  # an indicator's reading
        return draw(st.sampled_from([0, 0.5, -rule.limit, rule.limit, 1e-9] + ([None] if rule.nullable else [])))
    if isinstance(rule, rules.JsonText):
        prompt = rules.Text(rules.LENGTHS["agenda_phases.prompt"])
        count = draw(st.sampled_from([0, 1, 3, rules.MAX_PROMPTS]))
        return json.dumps([_valid_text(prompt, draw) for _ in range(count)], ensure_ascii=False)
    raise AssertionError(rule)


def _valid_setting(key: str, draw, tables: dict) -> object:
    """A value of setting ``key`` the app could have written (ids may be dangling)."""
    iids = [r["id"] for r in tables["initiatives"] if "id" in r] + [999_999]
    pids = [r["id"] for r in tables["participants"] if "id" in r] + [999_999]
    label = rules.Text(rules.LENGTHS["setting.map_label"], required=True)
    if key.startswith("tension_map:"):
        keys = ["x", "y"] if key.endswith("axis_labels") else ["routine", "safe_to_experiment", "protect_and_run",
                                                               "bet_with_guardrails"]
        chosen = draw(st.lists(st.sampled_from(keys), unique=True))
        return {k: _valid_text(label, draw) for k in chosen}
    if key == "board:scope":
        return {"initiative_id": draw(st.sampled_from([*iids, None]))}
    if key in ("board:rationale_required", "premortem:anonymous"):
        return draw(st.booleans())
    if key == "premortem:lanes":
        n = draw(st.integers(1, rules.MAX_LANES))
        lane_key = rules.Text(rules.LENGTHS["setting.lane_key"], required=True)
        lane_title = rules.Text(rules.LENGTHS["setting.lane_title"], required=True)
        return [[f"{i}{_valid_text(lane_key, draw)}"[:60], _valid_text(lane_title, draw)] for i in range(n)]
    if key == "premortem:dots":
        return draw(st.sampled_from([1, rules.MAX_DOTS]))
    if key == "premortem:initiative":
        return draw(st.sampled_from(iids))
    if key == "premortem:revealed":
        return draw(st.lists(st.sampled_from([str(i) for i in iids] + ["None"]), unique=True))
    if key == "final_question_answer":
        return _valid_text(rules.Text(rules.LENGTHS["setting.final_answer"], required=True), draw)
    if key == "close_done":
        return True
    if key == "commitment_review_notes":
        note = rules.Text(rules.LENGTHS["setting.review_note"], required=True)
        return {k: _valid_text(note, draw) for k in draw(st.lists(st.sampled_from(["experiment", "safeguard",
                                                                                    "communication"]), unique=True))}
    if key == "allocation:categories":
        name = rules.Text(rules.LENGTHS["setting.category_name"], required=True)
        return {c: _valid_text(name, draw) for c in ("operate", "improve", "innovate")}
    if key == "allocation:target":
        first = draw(st.integers(0, 100))
        second = draw(st.integers(0, 100 - first))
        return {"operate": first, "improve": second, "innovate": 100 - first - second}
    if key == "polarity:poles":
        name = rules.Text(rules.LENGTHS["setting.pole_name"], required=True)
        return {"a": _valid_text(name, draw), "b": _valid_text(name, draw)}
    if key.startswith("turns:"):
        order = draw(st.lists(st.sampled_from(pids), max_size=4))
        return {"exercise": key[6:], "order": order, "index": draw(st.integers(0, len(order))),
                "phase": draw(st.sampled_from(["handover", "turn", "finished"]))}
    if key == "covenant:owner_limit":
        return draw(st.integers(*OWNER_LIMITS))
    if key == "stage_gate:criteria":
        criterion = rules.Text(rules.LENGTHS["setting.gate_criterion"], required=True)
        stages = draw(st.lists(st.sampled_from(STAGES), unique=True))
        return {s: {k: _valid_text(criterion, draw)
                    for k in draw(st.lists(st.sampled_from(sorted(EDITABLE)), unique=True, min_size=1))}
                for s in stages}
    raise AssertionError(key)


def _value_for(rule, draw) -> object:
    """A value near the edges of ``rule`` (valid or just not), or anything at all."""
    if isinstance(rule, rules.Text):
        n = draw(st.sampled_from([rule.max_length, rule.max_length + 1, 1]))
        ch = draw(st.sampled_from(["x", "\U0001F600", "\u202e", "é", "\u200f"]))
        return draw(st.sampled_from([((ch * 20 + " ") * n)[:n], ("x " * n)[: n - 1] + ch]))
    if isinstance(rule, rules.Whole):
        lo, hi = rule.minimum or 0, rule.maximum or 2**53
        return draw(st.sampled_from([lo, hi, lo - 1, hi + 1, float(lo), str(lo), True]))
    if isinstance(rule, rules.Unit):
        return draw(st.sampled_from([0, 1, 0.0, 1.0, 1e-300, 0.9999999999, -1e-9, 1.0000001, "0.5"]))
    if isinstance(rule, rules.Choice):
        return draw(st.sampled_from([*rule.options, rule.options[0].upper(), " " + rule.options[0], ""]))
    if isinstance(rule, rules.Date | rules.Stamp):
        return draw(st.sampled_from(["", "2027-02-29", "2028-02-29", "2026-11-20T10:40:00.000Z", "9999-12-31",
                                     "0001-01-01", "20261120", "2026-11-20 10:40", "2026-11-20T25:00"]))
    return draw(ANY_VALUE)


@st.composite
def mutated(draw, base: dict) -> tuple[dict, list[str]]:
    """A mutated copy of ``base`` and a description of what was changed."""
    data = copy.deepcopy(base)
    tables = data["tables"]
    done: list[str] = []
    table_rules = rules.table_rules()
    valid_only = draw(st.booleans())  # half the examples only make changes the app could have made
    for _ in range(draw(st.integers(1, 4 if valid_only else 3))):
        kinds = (["valid", "valid", "valid_setting"] if valid_only else
                 ["edge", "edge", "any", "any", "remove", "extra", "setting", "setting", "ref", "drop_row",
                  "dup_row", "top"])
        kind = draw(st.sampled_from(kinds))
        if kind == "valid_setting":
            settings = tables["workshop_settings"]
            at = draw(st.integers(0, len(settings) - 1))
            settings[at]["value"] = json.dumps(_valid_setting(settings[at]["key"], draw, tables), ensure_ascii=False)
            done.append(f"setting {settings[at]['key']} = {settings[at]['value'][:80]}")
            continue
        table = draw(st.sampled_from(sorted(tables)))
        rows = tables[table]
        if not rows:
            continue
        index = draw(st.integers(0, len(rows) - 1))
        row = rows[index]
        columns = sorted(table_rules[table])
        if kind == "valid":
            if table == "workshop_settings":
                continue  # settings change through "valid_setting"
            column = draw(st.sampled_from([c for c in columns if c != "id"]))
            rule = table_rules[table][column]
            targets = [r["id"] for r in tables[rule.table] if "id" in r] if isinstance(rule, rules.Ref) else []
            row[column] = _valid_value(rule, draw, targets)
            done.append(f"{table}[{index}].{column} = {row[column]!r}"[:120])
        elif kind in ("edge", "any"):
            column = draw(st.sampled_from(columns))
            row[column] = _value_for(table_rules[table][column], draw) if kind == "edge" else draw(ANY_VALUE)
            done.append(f"{table}[{index}].{column} = {row[column]!r}"[:120])
        elif kind == "remove":
            column = draw(st.sampled_from(columns))
            row.pop(column, None)
            done.append(f"del {table}[{index}].{column}")
        elif kind == "extra":
            key = draw(st.sampled_from(["workshop_id", "notes", "ID", "\ud800", ""]) | st.text(max_size=6))
            row[key] = draw(SCALARS)
            done.append(f"{table}[{index}][{key!r}] added")
        elif kind == "setting":
            settings = tables["workshop_settings"]
            at = draw(st.integers(0, len(settings) - 1))
            value = draw(JSON_VALUES)
            text = json.dumps(value) if draw(st.booleans()) else draw(st.sampled_from(["{", "NaN", "", "[1,]"]))
            settings[at]["value"] = text
            done.append(f"setting {settings[at]['key']} = {text[:80]}")
        elif kind == "ref":
            refs = rules.references(table)
            if not refs:
                continue
            column = draw(st.sampled_from(sorted(refs)))
            targets = [r["id"] for r in tables[refs[column]] if "id" in r]
            row[column] = draw(st.sampled_from([*targets, 0, -1, 999_999, None]))
            done.append(f"{table}[{index}].{column} -> {row[column]!r}")
        elif kind == "drop_row":
            rows.pop(index)
            done.append(f"{table}[{index}] removed")
        elif kind == "dup_row":
            rows.append(copy.deepcopy(row) | draw(st.sampled_from([{}, {"id": 10_000 + index}])))
            done.append(f"{table}[{index}] duplicated")
        elif kind == "top":
            where = draw(st.sampled_from([("team", "name"), ("workshop", "title"), ("workshop", "date"),
                                          ("workshop", "extra"), (None, "format_version"), (None, "surprise")]))
            target = data if where[0] is None else data[where[0]]
            target[where[1]] = draw(ANY_VALUE | TOP_TEXT)
            done.append(f"{where} = {target[where[1]]!r}"[:120])
    return data, done


def write(data: dict, path: Path, *, ascii_only: bool) -> Path:
    """Write the JSON file (lone surrogates can only be written as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=ascii_only or _has_surrogate(data))
    path.write_text(text, encoding="utf-8")
    return path


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def library_state(lib) -> tuple[list, str]:
    """The workshop list and a checksum of every table's content."""
    digest = hashlib.sha256()
    for (table,) in lib.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        for row in lib.conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode("utf-8", "backslashreplace"))
    return workshops.list_workshops(lib), digest.hexdigest()


def tension_file(base: dict, folder: Path) -> Path:
    """The base workshop as a ``.tension`` file: imported from JSON into a real library on
    disk, then exported (the start of every ``.tension`` mutation)."""
    from tension_desktop.store import library_path, open_library, transfer

    lib = open_library(library_path(folder / "lib"))
    try:
        wid = transfer.import_workshop(lib, write(base, folder / "base.json", ascii_only=False))
        return transfer.export_workshop(lib, wid, folder / "base.tension")
    finally:
        lib.close()
