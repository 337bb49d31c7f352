"""Import enforces exactly the rules the app enforces (issue 10, section 2).

One set of rules (tension_desktop/model/rules.py) is used by the model's dataclasses, the
forms, the store's settings writes and import. These tests take a real export of the demo,
break one value the way the issue found (a position that is text, dots that are text,
settings of the wrong shape, a fraction where a whole number belongs, text over the form's
limit, binary data where text belongs, a lone surrogate) and check that the import is
refused with one line naming file / record / field and the library unchanged, for
``.json`` and ``.tension`` files and through the command line.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tension_desktop.model import (
    AgendaPhase,
    CovenantItem,
    Initiative,
    Participant,
    Risk,
    Workshop,
    rules,
)
from tension_desktop.store import ImportRefused, library_path, open_library, transfer, workshops
from tension_desktop.store.schema import WORKSHOP_TABLES
from tension_desktop.store.settings_ids import SETTING_RULES
from tests.reliability import import_mutations
from tests.reliability.import_mutations import base_export, library_state, write
from tests.reliability.test_import_promise import export_everything

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    return base_export(tmp_path_factory.mktemp("base"))


def refused(lib, path: Path) -> ImportRefused:
    before = library_state(lib)
    with pytest.raises(ImportRefused) as info:
        transfer.import_workshop(lib, path)
    assert library_state(lib) == before, "a refused import changed the library"
    message = str(info.value)
    assert "\n" not in message and message.startswith(path.name)
    return info.value


def changed(base: dict, table: str, field: str, value, index: int = 0) -> dict:
    data = json.loads(json.dumps(base))
    data["tables"][table][index][field] = value
    return data


def setting(base: dict, key: str, value) -> dict:
    data = json.loads(json.dumps(base))
    data["tables"]["workshop_settings"] = [{"key": key, "value": value if isinstance(value, str) and value[:1] == "\0"
                                            else json.dumps(value)}]
    return data


# -- the rules cover the whole schema, once ----------------------------------------------------

def test_every_column_of_every_workshop_table_has_exactly_one_rule(lib):
    for table in WORKSHOP_TABLES:
        columns = {r[1] for r in lib.conn.execute(f"PRAGMA table_info({table})")} - {"workshop_id"}
        assert set(rules.table_rules()[table]) == columns, table
        for column, ref in WORKSHOP_TABLES[table].items():
            assert rules.references(table)[column] == ref, f"{table}.{column}"


def test_every_setting_the_app_copies_has_a_shape_and_every_shape_is_copied_by_a_rule():
    assert {r.key for r in SETTING_RULES} == set(rules.SETTING_SHAPES)


TEXT_COLUMNS = [(t, c, r.max_length) for t, cols in rules.table_rules().items() for c, r in cols.items()
                if isinstance(r, rules.Text) and t != "workshop_settings"]


def test_every_text_field_at_its_limit_imports_and_every_file_exports(lib, base, tmp_path):
    data = json.loads(json.dumps(base))
    for table, column, limit in TEXT_COLUMNS:
        data["tables"][table][0][column] = ("Wörd\U0001F600 " * limit)[:limit]
    new_id = transfer.import_workshop(lib, write(data, tmp_path / "full.json", ascii_only=False))
    export_everything(lib, new_id, tmp_path)


@pytest.mark.parametrize(("table", "column", "limit"), TEXT_COLUMNS)
def test_one_character_over_a_text_limit_is_refused(lib, base, tmp_path, table, column, limit):
    err = refused(lib, write(changed(base, table, column, "x" * (limit + 1)), tmp_path / "long.json",
                             ascii_only=True))
    assert (err.record, err.field) == (f"{table}[0]", column)
    assert f"at most {limit}" in str(err)


@pytest.mark.parametrize(("make", "key"), [
    (lambda v: Participant(name=v), "participants.name"),
    (lambda v: Participant(name="A", role=v), "participants.role"),
    (lambda v: Initiative(title=v), "initiatives.title"),
    (lambda v: Initiative(title="A", description=v), "initiatives.description"),
    (lambda v: Risk(text=v), "risks.text"),
    (lambda v: CovenantItem(kind="protected", text=v), "covenant_items.text"),
    (lambda v: AgendaPhase(title=v, minutes=5), "agenda_phases.title"),
    (lambda v: AgendaPhase(title="A", minutes=5, prompts=(v,)), "agenda_phases.prompt"),
    (lambda v: Workshop(team_id=1, title=v), "workshops.title"),
])
def test_the_model_refuses_one_character_over_the_same_limit(make, key):
    make("x" * rules.LENGTHS[key])
    with pytest.raises(rules.ValidationError):
        make("x" * (rules.LENGTHS[key] + 1))


# -- the examples of the issue, in a .json file ------------------------------------------------

JSON_CASES = [
    ("participants", "position", "3rd"),
    ("participants", "position", "3"),
    ("participants", "position", True),
    ("participants", "position", 2.0),
    ("participants", "position", -1),
    ("participants", "position", 2**63),
    ("risk_votes", "dots", "two"),
    ("risk_votes", "dots", 1.5),
    ("risk_votes", "dots", 10**40),
    ("agenda_phases", "minutes", 5.5),
    ("agenda_phases", "minutes", 5.0),
    ("agenda_phases", "minutes", 24 * 60 + 1),
    ("agenda_phases", "actual_seconds", -5),
    ("agenda_phases", "prompts", json.dumps({"why": "not a list"})),
    ("agenda_phases", "prompts", json.dumps(["x" * 1001])),
    ("pulse_checks", "rationale", 6),
    ("pulse_checks", "created_at", "yesterday"),
    ("placements", "x", float("nan")),
    ("placements", "y", float("inf")),
    ("placements", "x", "0.5"),
    ("participants", "name", "x" * 121),
    ("participants", "name", "Amara \ud800 Okafor"),
    ("participants", "name", "Amara\x00"),
    ("participants", "role", ["CEO"]),
    ("participants", "colour", "#12345g"),
    ("initiatives", "description", "é" * 2001),
    ("board_cards", "rationale", "\U0001F600" * 501),
    ("covenant_items", "text", None),
    ("board_cards", "element_id", 999_999),
    ("risks", "merged_into", 999_999),
    ("decision_roles", "role", "Approve"),
    ("commitments", "due_date", "20261120"),
]


@pytest.mark.parametrize(("table", "field", "value"), JSON_CASES)
def test_a_json_value_the_app_refuses_is_refused_naming_record_and_field(lib, base, tmp_path, table, field, value):
    err = refused(lib, write(changed(base, table, field, value), tmp_path / "bad.json", ascii_only=True))
    assert (err.file, err.record) == ("bad.json", f"{table}[0]")
    assert err.field == field or err.field.startswith(f"{field}["), err.field  # prompts[0]: which prompt


SETTING_CASES = [
    ("tension_map:axis_labels", ["x"]),
    ("tension_map:axis_labels", {"z": "Depth"}),
    ("tension_map:quadrant_labels", {"routine": 3}),
    ("tension_map:governance", "Full gates"),
    ("tension_map:governance", {"routine": "x" * 121}),
    ("board:scope", [7]),
    ("board:scope", {"initiative_id": "7"}),
    ("board:rationale_required", "yes"),
    ("premortem:lanes", {"technical": "Tech"}),
    ("premortem:lanes", []),
    ("premortem:lanes", [["a", "A"]] * 2),
    ("premortem:lanes", [[f"k{i}", "T"] for i in range(rules.MAX_LANES + 1)]),
    ("premortem:dots", "3"),
    ("premortem:dots", 3.0),
    ("premortem:dots", 0),
    ("premortem:dots", 21),
    ("premortem:anonymous", 1),
    ("premortem:initiative", "7"),
    ("premortem:revealed", "7"),
    ("premortem:revealed", [7]),
    ("final_question_answer", ["answer"]),
    ("close_done", False),
    ("commitment_review_notes", {"experiment": 5}),
    ("commitment_review_notes", {"other": "note"}),
    ("turns:board", {"phase": "finished"}),
]


@pytest.mark.parametrize(("key", "value"), SETTING_CASES)
def test_a_json_setting_of_the_wrong_shape_is_refused(lib, base, tmp_path, key, value):
    err = refused(lib, write(setting(base, key, value), tmp_path / "bad.json", ascii_only=True))
    assert (err.record, err.field) == ("workshop_settings[0]", "value")
    assert key in str(err)


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", "{", "", "null\u0000"])
def test_a_setting_that_is_not_json_the_app_reads_is_refused(lib, base, tmp_path, text):
    data = json.loads(json.dumps(base))
    data["tables"]["workshop_settings"][0]["value"] = text
    err = refused(lib, write(data, tmp_path / "bad.json", ascii_only=True))
    assert (err.record, err.field) == ("workshop_settings[0]", "value")


def test_unknown_settings_and_fields_are_refused_not_dropped(lib, base, tmp_path):
    err = refused(lib, write(setting(base, "someday:unknown", 1), tmp_path / "bad.json", ascii_only=True))
    assert (err.record, err.field) == ("workshop_settings[0]", "key")
    err = refused(lib, write(changed(base, "risks", "severity", 3), tmp_path / "bad.json", ascii_only=True))
    assert (err.record, err.field) == ("risks[0]", "severity")
    data = json.loads(json.dumps(base))
    data["workshop"]["venue"] = "Lyon"
    err = refused(lib, write(data, tmp_path / "bad.json", ascii_only=True))
    assert (err.record, err.field) == ("workshop", "venue")


def test_a_missing_required_field_is_refused_and_a_missing_optional_one_takes_its_default(lib, base, tmp_path):
    data = json.loads(json.dumps(base))
    del data["tables"]["participants"][0]["name"]
    err = refused(lib, write(data, tmp_path / "bad.json", ascii_only=True))
    assert (err.record, err.field) == ("participants[0]", "name")
    data = json.loads(json.dumps(base))
    del data["tables"]["participants"][0]["role"]
    new_id = transfer.import_workshop(lib, write(data, tmp_path / "ok.json", ascii_only=True))
    assert lib.query("SELECT role FROM participants WHERE workshop_id = ? ORDER BY id", (new_id,))[0]["role"] == ""


def test_odd_but_valid_text_imports_and_exports_everything(lib, base, tmp_path):
    """RTL marks, 4-byte characters, combining marks and control characters a form can hold."""
    data = json.loads(json.dumps(base))
    data["tables"]["participants"][0]["name"] = "\u202eevil\u200f \U0001D400\u0301 \x1b[2J"
    data["tables"]["initiatives"][0]["title"] = "ק\U0001F600" * 50
    data["tables"]["risks"][0]["text"] = "\r\n=1+1\t<b>x</b>"
    new_id = transfer.import_workshop(lib, write(data, tmp_path / "odd.json", ascii_only=False))
    export_everything(lib, new_id, tmp_path)


# -- the same rules for a .tension file ----------------------------------------------------------

TENSION_CASES = [
    ("UPDATE participants SET name = X'414243' WHERE id = 1", "participants id 1", "name"),
    ("UPDATE participants SET position = 'third' WHERE id = 1", "participants id 1", "position"),
    ("UPDATE risk_votes SET dots = 'two' WHERE id = 1", "risk_votes id 1", "dots"),
    ("UPDATE agenda_phases SET minutes = 5.5 WHERE id = 1", "agenda_phases id 1", "minutes"),
    ("UPDATE initiatives SET title = printf('%.201c', 'x') WHERE id = 1", "initiatives id 1", "title"),
    ("UPDATE workshop_settings SET value = '[\"x\"]' WHERE key = 'tension_map:axis_labels'",
     "workshop_settings tension_map:axis_labels", "value"),
    ("UPDATE workshop_settings SET value = X'7B7D' WHERE key = 'tension_map:axis_labels'",
     "workshop_settings tension_map:axis_labels", "value"),
    ("UPDATE workshop_settings SET value = '\"3\"' WHERE key = 'premortem:dots'",
     "workshop_settings premortem:dots", "value"),
    ("UPDATE pulse_checks SET created_at = 12 WHERE id = 1", "pulse_checks id 1", "created_at"),
    ("UPDATE risks SET merged_into = id WHERE id = 1", "risks id 1", "merged_into"),
]


@pytest.fixture(scope="module")
def tension_file(base, tmp_path_factory) -> Path:
    return import_mutations.tension_file(base, tmp_path_factory.mktemp("tension"))


@pytest.mark.parametrize(("sql", "record", "field"), TENSION_CASES)
def test_a_tension_file_row_the_app_refuses_is_refused_naming_record_and_field(lib, tension_file, tmp_path, sql,
                                                                              record, field):
    path = tmp_path / "bad.tension"
    path.write_bytes(tension_file.read_bytes())
    conn = sqlite3.connect(path)
    assert conn.execute(sql).rowcount == 1
    conn.commit()
    conn.close()
    err = refused(lib, path)
    assert (err.file, err.record, err.field) == ("bad.tension", record, field)


# -- through the command line: one line, exit 1 --------------------------------------------------

def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "tension_desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=60)


def test_the_command_line_refuses_each_example_in_one_line_and_keeps_the_library(base, tmp_path):
    data_dir = tmp_path / "data"
    assert _cli("demo", data_dir=data_dir).returncode == 0
    files = {
        "position.json": changed(base, "participants", "position", "3rd"),
        "dots.json": changed(base, "risk_votes", "dots", "two"),
        "settings.json": setting(base, "tension_map:axis_labels", ["x"]),
        "minutes.json": changed(base, "agenda_phases", "minutes", 5.5),
        "long.json": changed(base, "participants", "name", "x" * 121),
        "surrogate.json": changed(base, "participants", "name", "A\udc80"),
    }
    lib = open_library(library_path(data_dir), readonly=True)
    try:
        before = library_state(lib)
    finally:
        lib.close()
    for name, data in files.items():
        result = _cli("import", str(write(data, tmp_path / name, ascii_only=True)), data_dir=data_dir)
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"tension-desktop: {name} / "), result.stderr
    lib = open_library(library_path(data_dir), readonly=True)
    try:
        assert library_state(lib) == before
    finally:
        lib.close()


def test_the_store_refuses_what_import_refuses(lib):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    for key, value in SETTING_CASES:
        with pytest.raises(rules.ValidationError):
            workshops.set_setting(lib, ws.id, key, value)
