"""Databases the program cannot use: one clear line, exit 1, nothing overwritten.

Also tested elsewhere, not repeated here: a file that is not a database
(``tests/test_migrations.py::test_file_that_is_not_a_database``,
``tests/test_cli_ingest.py::test_ingest_into_a_file_that_is_not_a_database``,
``tests/test_cli_list.py::test_list_on_a_file_that_is_not_a_database``), another
program's SQLite database
(``tests/test_migrations.py::test_foreign_sqlite_database_is_not_touched``) and a
newer schema through the library
(``tests/test_migrations.py::test_newer_database_is_refused_and_left_alone``).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from .helpers import article, error_lines

COMMANDS = {
    "list": lambda db, tmp: ["list", "--db", db],
    "show": lambda db, tmp: ["show", "1", "--db", db],
    "ingest": lambda db, tmp: ["ingest", tmp, "--db", db],
}


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _damage(db: Path, kind: str) -> None:
    con = sqlite3.connect(db)
    if kind == "newer":
        con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    else:
        con.execute("DROP TABLE event_sources")
    con.commit()
    con.close()


EXPECTED = {
    ("newer", "list"): "was written by a newer version of nato-timeline (schema revision ffff_from_the_future); upgrade the program to use it",
    ("newer", "show"): "was written by a newer version of nato-timeline",
    ("newer", "ingest"): "was written by a newer version of nato-timeline",
    ("missing-table", "list"): "error: database error: no such table: event_sources (the database is incomplete or damaged",
    ("missing-table", "show"): "error: database error: no such table: event_sources (the database is incomplete or damaged",
    ("missing-table", "ingest"): "error: cannot write to the database: no such table: event_sources",
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", ["newer", "missing-table"])
def test_unusable_database_is_one_line_and_left_as_it_was(cli, runner, tmp_path, seeded_db, kind, command):
    from nato_timeline.cli import app

    db = tmp_path / "t.db"
    shutil.copy(seeded_db, db)
    _damage(db, kind)
    before = _dump(db)
    doc = tmp_path / "new.txt"
    doc.write_text(article(9), encoding="utf-8")
    result = runner.invoke(app, COMMANDS[command](str(db), str(doc)))
    assert result.exit_code == 1
    (line,) = error_lines(result.stderr)
    assert line.startswith("error: ") and EXPECTED[kind, command] in line
    assert "Traceback" not in result.stderr and "[SQL:" not in line
    assert _dump(db) == before


def test_show_on_a_file_that_is_not_a_database(runner, tmp_path):
    from nato_timeline.cli import app

    bogus = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 200
    bogus.write_bytes(content)
    result = runner.invoke(app, ["show", "1", "--db", str(bogus)])
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"error: cannot open database {bogus}: file is not a database"]
    assert bogus.read_bytes() == content
