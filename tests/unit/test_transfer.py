"""Moving a workshop between machines: .tension and .json round trips, all-or-nothing import."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension_desktop.store import ImportRefused, StoreError, open_library, transfer, workshops
from tension_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION, WORKSHOP_TABLES


def canonical(lib, workshop_id: int) -> dict[str, list[dict]]:
    """Every workshop table's rows with ids replaced by their order in the table.

    Foreign keys are replaced by the order of the row they point at, so two copies of a
    workshop compare equal exactly when they hold the same data and the same links.
    """
    order: dict[str, dict[int, int]] = {}
    raw: dict[str, list[dict]] = {}
    for table in WORKSHOP_TABLES:
        rows = lib.query(f"SELECT * FROM {table} WHERE workshop_id = ? ORDER BY rowid", (workshop_id,))
        raw[table] = rows
        order[table] = {r["id"]: i for i, r in enumerate(rows) if "id" in r}
    result = {}
    for table, rows in raw.items():
        fks = WORKSHOP_TABLES[table]
        out = []
        for r in rows:
            row = {k: v for k, v in r.items() if k not in ("id", "workshop_id")}
            for col, ref in fks.items():
                if row.get(col) is not None:
                    row[col] = (ref, order[ref][row[col]])
            out.append(row)
        result[table] = out
    return result


def dump(lib) -> list[str]:
    """The whole library as SQL text: equal dumps mean equal content."""
    return list(lib.conn.iterdump())


@pytest.fixture
def rich_lib(demo_lib):
    """The demo plus rows in the tables the demo leaves empty (merged risk, gate, pulse, settings)."""
    wid = demo_lib.demo_id
    with demo_lib.edit() as db:
        risks = [r["id"] for r in demo_lib.query("SELECT id FROM risks WHERE workshop_id = ? ORDER BY id", (wid,))]
        db.execute("UPDATE risks SET merged_into = ? WHERE id = ?", [risks[0], risks[-1]])
        db.execute("UPDATE risks SET merged_into = ? WHERE id = ?", [risks[-2], risks[1]])  # into a later one
        ini = demo_lib.query("SELECT id FROM initiatives WHERE workshop_id = ? ORDER BY id", (wid,))[0]["id"]
        pid = demo_lib.query("SELECT id FROM participants WHERE workshop_id = ? ORDER BY id", (wid,))[2]["id"]
        db.execute("INSERT INTO gate_decisions (workshop_id, initiative_id, from_stage, to_stage, evidence, owner_id,"
                   " review_date) VALUES (?, ?, 'pilot', 'validate', '4 weeks of shadow routing', ?, '2027-02-01')",
                   [wid, ini, pid])
        db.execute("INSERT INTO pulse_checks (workshop_id, participant_id, rationale, fairness, escalation) "
                   "VALUES (?, ?, 4, 3, 5)", [wid, pid])
        # private-round history: a revealed board round of one initiative, one person skipped,
        # inputs that point at an initiative, an element and a risk
        el = demo_lib.query("SELECT id FROM board_elements WHERE workshop_id = ? ORDER BY id", (wid,))[0]["id"]
        rnd = db.execute("INSERT INTO private_rounds (workshop_id, exercise, initiative_id, number, kind, revealed_at)"
                         " VALUES (?, 'board', ?, 1, 'private', '2026-11-02T10:00:00Z')", [wid, ini]).lastrowid
        db.execute("INSERT INTO private_round_turns (workshop_id, round_id, participant_id, position, status) "
                   "VALUES (?, ?, ?, 0, 'skipped')", [wid, rnd, pid])
        db.execute("INSERT INTO private_round_inputs (workshop_id, round_id, participant_id, initiative_id, element_id,"
                   " risk_id, value) VALUES (?, ?, ?, ?, ?, ?, '{\"column\": \"can_flex\"}')",
                   [wid, rnd, pid, ini, el, risks[0]])
    workshops.set_setting(demo_lib, wid, "tension_map:axis_labels", {"x": "Novelty", "y": "Blast radius"})
    # a pre-mortem card written alone, not revealed yet (a hidden draft of its writer)
    from tension_desktop.store import premortem

    premortem.add_draft(demo_lib, wid, ini, pid, premortem.lanes(demo_lib, wid)[0].key, "Hidden until the reveal")
    return demo_lib


def test_every_table_of_the_demo_has_rows_so_the_round_trip_proves_something(rich_lib):
    data = canonical(rich_lib, rich_lib.demo_id)
    empty = [t for t, rows in data.items() if not rows]
    assert empty == [], f"tables without rows in the test workshop: {empty}"


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_a_workshop_survives_the_round_trip_through_a_file_with_every_row_and_link(rich_lib, tmp_path, suffix):
    out = transfer.export_workshop(rich_lib, rich_lib.demo_id, tmp_path / f"offsite{suffix}")
    new_id = transfer.import_workshop(rich_lib, out)
    assert new_id != rich_lib.demo_id
    assert canonical(rich_lib, new_id) == canonical(rich_lib, rich_lib.demo_id)
    original, copy = workshops.get_workshop(rich_lib, rich_lib.demo_id), workshops.get_workshop(rich_lib, new_id)
    assert (copy.title, copy.date, copy.team_id) == (original.title, original.date, original.team_id)
    assert rich_lib.integrity_check() == ["ok"]


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_a_workshop_moves_to_another_library_file(rich_lib, tmp_path, suffix):
    out = transfer.export_workshop(rich_lib, rich_lib.demo_id, tmp_path / f"usb-stick{suffix}")
    other = open_library(tmp_path / "other-machine" / "library.tension-library")
    try:
        new_id = transfer.import_workshop(other, out)
        assert canonical(other, new_id) == canonical(rich_lib, rich_lib.demo_id)
        assert [t.name for t in workshops.list_teams(other)] == ["Meridian Freight - leadership team"]
    finally:
        other.close()


def test_a_tension_file_carries_the_library_identity_and_exactly_one_workshop(demo_lib, tmp_path):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "offsite.tension")
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        assert conn.execute("SELECT count(*) FROM workshops").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM teams").fetchone()[0] == 1
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "offsite.tension"]


def test_the_json_file_follows_the_documented_format(demo_lib, tmp_path):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "offsite.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "tension-desktop/workshop" and data["format_version"] == 1
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["team"] == {"name": "Meridian Freight - leadership team"}
    assert set(data["tables"]) == set(WORKSHOP_TABLES)
    assert all("workshop_id" not in row for rows in data["tables"].values() for row in rows)


def test_a_workshop_exports_while_the_app_holds_the_library(demo_lib, tmp_path):
    ro = open_library(demo_lib.path, readonly=True)  # what the CLI does while the window is open
    try:
        for suffix in (".tension", ".json"):
            out = transfer.export_workshop(ro, demo_lib.demo_id, tmp_path / f"handout{suffix}")
            new_id = transfer.import_workshop(demo_lib, out)
            assert canonical(demo_lib, new_id) == canonical(demo_lib, demo_lib.demo_id)
    finally:
        ro.close()


# -- imports that fail halfway change nothing -----------------------------------------------

def refused_without_change(lib, path: Path) -> ImportRefused:
    before = dump(lib)
    with pytest.raises(ImportRefused) as info:
        transfer.import_workshop(lib, path)
    assert dump(lib) == before, "a refused import must leave the library exactly as it was"
    assert path.name in str(info.value)
    return info.value


def exported_json(lib, tmp_path: Path) -> tuple[Path, dict]:
    out = transfer.export_workshop(lib, lib.demo_id, tmp_path / "offsite.json")
    return out, json.loads(out.read_text(encoding="utf-8"))


def test_a_json_file_whose_40th_record_is_invalid_is_refused_naming_record_and_field(demo_lib, tmp_path):
    out, data = exported_json(demo_lib, tmp_path)
    assert len(data["tables"]["placements"]) > 40
    data["tables"]["placements"][39]["x"] = 1.5
    out.write_text(json.dumps(data), encoding="utf-8")
    err = refused_without_change(demo_lib, out)
    assert (err.file, err.record, err.field) == ("offsite.json", "placements[39]", "x")
    assert "within 0..1" in str(err)


@pytest.mark.parametrize(("table", "index", "change", "field"), [
    ("participants", 5, {"name": "  "}, "name"),
    ("board_cards", 20, {"column_key": "maybe"}, "column_key"),
    ("board_cards", 3, {"participant_id": 999_999}, "participant_id"),
    ("commitments", 2, {"due_date": "soon"}, "due_date"),
    ("risks", 1, {"shoe_size": 44}, "shoe_size"),
    ("workshop_settings", 0, {"value": "{not json"}, "value"),
    ("decisions", 1, {"decision": ""}, "decision"),
    ("agenda_phases", 2, {"prompts": "Why? Why not?"}, "prompts"),
])
def test_a_json_record_breaking_a_rule_is_refused_with_its_field(demo_lib, tmp_path, table, index, change, field):
    out, data = exported_json(demo_lib, tmp_path)
    if table == "workshop_settings" and not data["tables"][table]:
        data["tables"][table] = [{"key": "tension_map:axis_labels", "value": "{}"}]
    data["tables"][table][index].update(change)
    out.write_text(json.dumps(data), encoding="utf-8")
    err = refused_without_change(demo_lib, out)
    assert (err.record, err.field) == (f"{table}[{index}]", field)


@pytest.mark.parametrize("mangle", [
    lambda d: d.update(format="something-else"),
    lambda d: d.update(team=["not", "an", "object"]),
    lambda d: d.update(workshop={"title": ""}),
    lambda d: d.update(tables=[]),
    lambda d: d["tables"].update(placements={"x": 1}),
    lambda d: d["tables"].update(invented=[]),
], ids=["format", "team", "workshop-title", "tables", "table-not-list", "unknown-table"])
def test_a_json_file_with_a_broken_outline_is_refused(demo_lib, tmp_path, mangle):
    out, data = exported_json(demo_lib, tmp_path)
    mangle(data)
    out.write_text(json.dumps(data), encoding="utf-8")
    refused_without_change(demo_lib, out)


@pytest.mark.parametrize("suffix", [".tension", ".json"])
def test_a_truncated_file_is_refused(demo_lib, tmp_path, suffix):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / f"offsite{suffix}")
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    err = refused_without_change(demo_lib, out)
    assert err.file == out.name


def test_a_tension_file_with_a_broken_link_is_refused_naming_the_record_and_field(demo_lib, tmp_path):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "offsite.tension")
    conn = sqlite3.connect(out)
    card = conn.execute("SELECT id FROM board_cards ORDER BY id LIMIT 1 OFFSET 7").fetchone()[0]
    conn.execute("UPDATE board_cards SET participant_id = 4242 WHERE id = ?", [card])
    conn.commit()
    conn.close()
    err = refused_without_change(demo_lib, out)
    assert err.record == f"board_cards id {card}"
    assert err.field == "participant_id"


def test_a_tension_file_with_two_workshops_is_refused(demo_lib, tmp_path):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "offsite.tension")
    conn = sqlite3.connect(out)
    conn.execute("INSERT INTO workshops (team_id, title) SELECT team_id, 'Second' FROM workshops")
    conn.commit()
    conn.close()
    err = refused_without_change(demo_lib, out)
    assert "holds 2 workshops" in str(err)


def test_a_whole_library_is_not_accepted_as_a_workshop_file(demo_lib, tmp_path):
    workshops.create_workshop(demo_lib, "Another team", "Kick-off")
    copy = tmp_path / "copy-of-library.tension"
    copy.write_bytes(Path(demo_lib.path).read_bytes())
    refused_without_change(demo_lib, copy)


def test_a_file_of_another_program_is_refused(demo_lib, tmp_path):
    foreign = tmp_path / "music.tension"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title)")
    conn.commit()
    conn.close()
    err = refused_without_change(demo_lib, foreign)
    assert "another program" in str(err)
    png = tmp_path / "photo.json"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    refused_without_change(demo_lib, png)


def test_a_missing_file_is_refused(demo_lib, tmp_path):
    with pytest.raises(ImportRefused, match="does not exist"):
        transfer.import_workshop(demo_lib, tmp_path / "nowhere.tension")


# -- export never overwrites what is not a workshop file -------------------------------------

@pytest.mark.parametrize("name", ["notes.json", "photo.tension", "library.tension-library"])
def test_export_never_overwrites_a_file_that_is_not_a_workshop_file(demo_lib, tmp_path, name):
    target = tmp_path / name
    if name == "notes.json":
        target.write_text('{"shopping": ["milk"]}')
    elif name == "photo.tension":
        target.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    else:  # a whole library of ours with several workshops
        other = open_library(target, lock=False)
        workshops.create_workshop(other, "A", "One")
        workshops.create_workshop(other, "B", "Two")
        other.close()
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="left untouched"):
        transfer.export_workshop(demo_lib, demo_lib.demo_id, target)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest


def test_export_refuses_to_write_over_the_open_library_itself(demo_lib):
    digest = dump(demo_lib)
    with pytest.raises(StoreError, match="left untouched"):
        transfer.export_workshop(demo_lib, demo_lib.demo_id, Path(demo_lib.path))
    assert dump(demo_lib) == digest


def test_export_replaces_an_earlier_export_of_ours(demo_lib, tmp_path):
    for suffix in (".tension", ".json"):
        target = tmp_path / f"offsite{suffix}"
        transfer.export_workshop(demo_lib, demo_lib.demo_id, target)
        workshops.rename_workshop(demo_lib, demo_lib.demo_id, f"Renamed {suffix}")
        transfer.export_workshop(demo_lib, demo_lib.demo_id, target)
        new_id = transfer.import_workshop(demo_lib, target)
        assert workshops.get_workshop(demo_lib, new_id).title == f"Renamed {suffix}"


def test_exporting_a_missing_workshop_names_it(demo_lib, tmp_path):
    with pytest.raises(KeyError, match="no workshop with id 999"):
        transfer.export_workshop(demo_lib, 999, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_the_json_example_in_the_readme_imports(lib, tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("## File formats", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.json"
    path.write_text(example, encoding="utf-8")
    new_id = transfer.import_workshop(lib, path)
    assert workshops.get_workshop(lib, new_id).title == "Innovation vs reliability offsite"
    placed = lib.query("SELECT p.x, p.y, i.title FROM placements p JOIN initiatives i ON i.id = p.initiative_id "
                       "WHERE p.workshop_id = ?", (new_id,))
    assert placed == [{"x": 0.72, "y": 0.62, "title": "Usage-based pricing"}]
    assert workshops.get_setting(lib, new_id, "tension_map:axis_labels") == {"x": "Novelty"}


def test_an_export_that_fails_midway_leaves_no_file_behind(demo_lib, tmp_path, monkeypatch):
    from tension_desktop.store import StorageFull

    def disk_full(*args, **kwargs):
        raise StorageFull("The disk is full")

    monkeypatch.setattr(transfer, "copy_workshop_rows", disk_full)
    with pytest.raises(StorageFull):
        transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "offsite.tension")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_an_export_to_a_place_that_cannot_be_written_says_so(demo_lib, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="Could not write .*Nothing was written"):
        transfer.export_workshop(demo_lib, demo_lib.demo_id, blocker / "offsite.json")


def test_a_tension_file_from_a_newer_version_is_refused(demo_lib, tmp_path):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "offsite.tension")
    conn = sqlite3.connect(out)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    err = refused_without_change(demo_lib, out)
    assert "newer Tension Desktop" in str(err)


def test_a_tension_file_from_an_older_version_is_upgraded_on_import(lib, tmp_path):
    old = open_library(tmp_path / "old.tension", lock=False, target_version=1)
    with old.edit() as db:
        team = db.execute("INSERT INTO teams (name) VALUES ('Old team')").lastrowid
        ws = db.execute("INSERT INTO workshops (team_id, title) VALUES (?, 'Old offsite')", [team]).lastrowid
        db.execute("INSERT INTO participants (workshop_id, name, colour) VALUES (?, 'Amara', '#1f77b4')", [ws])
    old.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old.close()
    digest = hashlib.sha256((tmp_path / "old.tension").read_bytes()).hexdigest()
    new_id = transfer.import_workshop(lib, tmp_path / "old.tension")
    assert [r["name"] for r in lib.query("SELECT name FROM participants WHERE workshop_id = ?", (new_id,))] == ["Amara"]
    assert hashlib.sha256((tmp_path / "old.tension").read_bytes()).hexdigest() == digest, "the file is only read"


# any text a form can hold: no lone surrogates, no NUL (the model refuses both)
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40).filter(lambda t: t.strip())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(TEXT, min_size=1, max_size=4), titles=st.lists(TEXT, min_size=1, max_size=4),
       points=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=4),
       rationale=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200), suffix=st.sampled_from(
           [".tension", ".json"]))
def test_any_text_and_any_coordinates_survive_the_round_trip(lib, tmp_path, names, titles, points, rationale,
                                                              suffix):
    from tension_desktop.model import BoardCard, Placement
    from tension_desktop.store import board, people, tension_map

    ws = workshops.create_workshop(lib, names[0], titles[0])
    pids = [people.add_participant(lib, ws.id, n, role=n[:10]).id for n in names]
    iids = [people.add_initiative(lib, ws.id, t, description=rationale).id for t in titles]
    for k, (x, y) in enumerate(points):
        tension_map.place(lib, ws.id, Placement(initiative_id=iids[k % len(iids)], x=x, y=y, round="private",
                                                participant_id=pids[k % len(pids)]))
    element = board.add_element(lib, ws.id, titles[-1])
    board.put_card(lib, ws.id, BoardCard(element_id=element.id, participant_id=pids[0], column="can_flex",
                                         rationale=rationale))
    out = transfer.export_workshop(lib, ws.id, tmp_path / f"any{suffix}")
    new_id = transfer.import_workshop(lib, out)
    assert canonical(lib, new_id) == canonical(lib, ws.id)


def test_export_onto_a_folder_is_refused(demo_lib, tmp_path):
    (tmp_path / "handouts.json").mkdir()
    with pytest.raises(StoreError, match="not a file"):
        transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "handouts.json")


def test_a_deeply_nested_json_file_is_refused_not_crashed_on(demo_lib, tmp_path):
    bomb = tmp_path / "bomb.json"
    bomb.write_text("[" * 100_000 + "]" * 100_000)
    err = refused_without_change(demo_lib, bomb)
    assert "nested too deeply" in str(err)


def test_a_json_file_saved_with_a_byte_order_mark_imports(demo_lib, tmp_path):
    out, data = exported_json(demo_lib, tmp_path)
    out.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))
    new_id = transfer.import_workshop(demo_lib, out)
    assert canonical(demo_lib, new_id) == canonical(demo_lib, demo_lib.demo_id)


def test_a_json_risk_merged_into_a_risk_that_is_not_in_the_file_is_refused(demo_lib, tmp_path):
    out, data = exported_json(demo_lib, tmp_path)
    data["tables"]["risks"][2]["merged_into"] = 987654
    out.write_text(json.dumps(data), encoding="utf-8")
    err = refused_without_change(demo_lib, out)
    assert (err.record, err.field) == ("risks[2]", "merged_into")


@pytest.mark.parametrize(("sql", "record", "field"), [
    ("UPDATE participants SET name = '   ' WHERE id = 2", "participants id 2", "name"),
    ("UPDATE participants SET colour = 'red' WHERE id = 3", "participants id 3", "colour"),
    ("UPDATE commitments SET due_date = 'someday' WHERE id = 1", "commitments id 1", "due_date"),
    ("UPDATE workshops SET title = ''", "workshop", "workshop title"),
    ("ALTER TABLE risks ADD COLUMN severity INTEGER", "risks", "severity"),
    ("UPDATE decisions SET decision = '' WHERE id = 1", "decisions id 1", "decision"),
])
def test_a_hand_made_tension_file_that_breaks_a_model_rule_is_refused(demo_lib, tmp_path, sql, record, field):
    out = transfer.export_workshop(demo_lib, demo_lib.demo_id, tmp_path / "crafted.tension")
    conn = sqlite3.connect(out)
    conn.execute(sql)
    conn.commit()
    conn.close()
    err = refused_without_change(demo_lib, out)
    assert (err.record, err.field) == (record, field)
