"""The stored shape of a library (store/shape.py) is what this version's migrations build.

Opening a library checks its tables against that shape; a migration that adds a table or
a column without updating store/shape.py would make every new library look damaged (or let
a damaged one through). This test fails then, and prints the text to paste."""

from __future__ import annotations

from tension_desktop.store import identity
from tension_desktop.store.schema import SCHEMA_VERSION
from tension_desktop.store.shape import SHAPE, SHAPE_VERSION


def _source(shape: dict[str, frozenset[str]]) -> str:
    rows = "\n".join(f"    {t!r}: {tuple(sorted(cols))!r}," for t, cols in sorted(shape.items()))
    return f"SHAPE_VERSION = {SCHEMA_VERSION}\nSHAPE = {{\n{rows}\n}}"


def test_stored_shape_is_what_the_migrations_build() -> None:
    built = identity.build_shape()
    stored = {table: frozenset(columns) for table, columns in SHAPE.items()}
    assert SHAPE_VERSION == SCHEMA_VERSION and stored == built, (
        "store/shape.py is out of date with the migrations; replace its values with:\n" + _source(built))


def test_the_check_uses_the_stored_shape() -> None:
    identity._expected_shape.cache_clear()
    try:
        assert identity._expected_shape() == {t: frozenset(c) for t, c in SHAPE.items()}
    finally:
        identity._expected_shape.cache_clear()
