"""The Core tables the read side uses describe the same columns as the ORM
models the write side uses (and the migrations create: ``alembic check`` in
tests/test_migrations.py compares those with the models)."""

from __future__ import annotations

import pytest

from nato_timeline import models, tables


def _describe(table):
    return {
        c.name: (type(c.type).__name__, getattr(c.type, "length", None), c.nullable, c.primary_key,
                 tuple(sorted(fk.target_fullname for fk in c.foreign_keys)))
        for c in table.columns
    }


def test_the_core_tables_are_the_models_tables():
    assert sorted(tables.metadata.tables) == sorted(models.Base.metadata.tables)


@pytest.mark.parametrize("name", sorted(models.Base.metadata.tables))
def test_each_core_table_has_the_models_columns(name):
    mine, theirs = _describe(tables.metadata.tables[name]), _describe(models.Base.metadata.tables[name])
    assert list(mine) == list(theirs), "the same columns, in the same order"
    for column in theirs:
        assert mine[column] == theirs[column], (name, column)


def test_the_core_tables_do_not_import_the_orm():
    import subprocess
    import sys

    code = ("import sys\nimport nato_timeline.tables, nato_timeline.queries\n"
            "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.orm') or m == 'nato_timeline.models'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
