"""``timeline db upgrade|current|check`` and ``--no-migrate``/``TIMELINE_NO_MIGRATE``,
end to end on a SQLite file and a PostgreSQL database."""

from __future__ import annotations

import pytest

from nato_timeline.db import SCHEMA_HEAD

from .conftest import SEEDS, sql, table_names

ONE_SEED = str(SEEDS / "004_be10287c07096ca6.txt")


@pytest.fixture
def on_empty(runner, empty_db_url):
    """Run the CLI against a database without a schema (no SQLite file yet; an empty PostgreSQL database)."""
    from nato_timeline.cli import app

    def invoke(*args: str, env=None):
        return runner.invoke(app, [*args, "--db", empty_db_url], env=env)

    return invoke


def _one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_upgrade_creates_the_schema_then_is_a_no_op(on_empty, empty_db_url):
    first = on_empty("db", "upgrade")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip().endswith(f"upgraded from empty to {SCHEMA_HEAD} (head)")
    assert "documents" in table_names(empty_db_url)
    again = on_empty("db", "upgrade")
    assert again.exit_code == 0
    assert again.stdout.strip().endswith(f"already at {SCHEMA_HEAD} (head)")


def test_current_and_check_at_head(cli):
    assert cli("db", "upgrade").exit_code == 0
    current = cli("db", "current")
    assert (current.exit_code, current.stdout) == (0, f"{SCHEMA_HEAD} (head)\n")
    check = cli("db", "check")
    assert check.exit_code == 0 and check.stdout.strip().endswith(f"at {SCHEMA_HEAD} (head)")


def test_current_and_check_on_an_empty_database_change_nothing(on_empty, empty_db_url, backend):
    if backend == "pg":
        current = on_empty("db", "current")
        assert current.exit_code == 0
        assert current.stdout == f"none (behind head {SCHEMA_HEAD}: run `timeline db upgrade`)\n"
        check = on_empty("db", "check")
        assert check.exit_code == 1
        assert _one_error_line(check).endswith(f"is empty, behind head {SCHEMA_HEAD}: run `timeline db upgrade`")
    else:  # no file: it is not created
        for args in (("db", "current"), ("db", "check")):
            result = on_empty(*args)
            assert result.exit_code == 1
            assert "no database at" in _one_error_line(result) and "timeline db upgrade" in result.stderr
    assert table_names(empty_db_url) == []


def test_check_after_a_downgrade_says_behind_and_upgrade_repairs_it(cli, db_url, query):
    from alembic import command

    from nato_timeline import db

    assert cli("ingest", ONE_SEED).exit_code == 0
    engine = db.make_engine(db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(db.alembic_config(conn), "base")
    finally:
        engine.dispose()
    check = cli("db", "check")
    assert check.exit_code == 1 and "behind head" in _one_error_line(check)
    assert cli("db", "current").stdout.startswith("none (behind head")
    upgrade = cli("db", "upgrade")
    assert upgrade.exit_code == 0 and f"from empty to {SCHEMA_HEAD}" in upgrade.stdout
    assert cli("db", "check").exit_code == 0
    assert query("SELECT count(*) FROM documents") == [(0,)]


def test_a_newer_database_is_exit_2_for_check_and_refused_by_upgrade(cli, query):
    assert cli("db", "upgrade").exit_code == 0
    query("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    check = cli("db", "check")
    assert check.exit_code == 2
    assert "written by a newer version" in _one_error_line(check)
    assert cli("db", "current").stdout == f"ffff_from_the_future (newer than this program's head {SCHEMA_HEAD})\n"
    for args in (("db", "upgrade"), ("list",), ("--no-migrate", "list")):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert "newer version of nato-timeline" in _one_error_line(result)
    assert query("SELECT version_num FROM alembic_version") == [("ffff_from_the_future",)]


def test_a_foreign_database_is_exit_2_for_check_and_left_alone(on_empty, empty_db_url):
    sql(empty_db_url, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    check = on_empty("db", "check")
    assert check.exit_code == 2 and "is not a nato-timeline database" in _one_error_line(check)
    assert on_empty("db", "current").stdout == "none (not a nato-timeline database)\n"
    upgrade = on_empty("db", "upgrade")
    assert upgrade.exit_code == 1 and "not a nato-timeline database" in _one_error_line(upgrade)
    assert table_names(empty_db_url) == ["recipes"]


@pytest.mark.parametrize("how", ["option", "env"])
@pytest.mark.parametrize("command", [["list"], ["show", "council"], ["ingest", ONE_SEED]])
def test_no_migrate_refuses_a_database_without_the_schema(on_empty, empty_db_url, how, command):
    args = ["--no-migrate", *command] if how == "option" else command
    result = on_empty(*args, env={"TIMELINE_NO_MIGRATE": "1"} if how == "env" else None)
    assert result.exit_code == 1
    assert "timeline db upgrade" in _one_error_line(result)
    assert table_names(empty_db_url) == [], "nothing created or migrated"


def test_no_migrate_works_on_a_database_at_head(on_empty, empty_db_url):
    assert on_empty("db", "upgrade").exit_code == 0
    ingest = on_empty("--no-migrate", "ingest", ONE_SEED)
    assert ingest.exit_code == 0, ingest.stderr
    assert "1 new" in ingest.stdout
    listed = on_empty("list", "--format", "json", env={"TIMELINE_NO_MIGRATE": "1"})
    assert listed.exit_code == 0 and listed.stdout.startswith("[")
    assert sql(empty_db_url, "SELECT count(*) FROM documents") == [(1,)]


def test_no_migrate_off_by_env_migrates_as_usual(on_empty, empty_db_url):
    result = on_empty("ingest", ONE_SEED, env={"TIMELINE_NO_MIGRATE": "0"})
    assert result.exit_code == 0, result.stderr
    assert "documents" in table_names(empty_db_url)


@pytest.mark.parametrize("args", [["db", "check"], ["db", "current"], ["--no-migrate", "list"]])
def test_a_sqlite_file_in_a_missing_folder_is_not_created(runner, tmp_path, args):
    from nato_timeline.cli import app

    target = tmp_path / "no" / "such" / "folder" / "t.db"
    result = runner.invoke(app, [*args, "--db", str(target)])
    assert result.exit_code == 1
    assert _one_error_line(result) == f"error: no database at {target}; create it with `timeline db upgrade`"
    assert not (tmp_path / "no").exists()


def test_a_bad_no_migrate_value_is_a_usage_error(runner, tmp_path):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["list", "--db", str(tmp_path / "t.db")], env={"TIMELINE_NO_MIGRATE": "perhaps"})
    assert result.exit_code == 2 and "--no-migrate" in result.stderr
    assert not (tmp_path / "t.db").exists()


def test_db_subcommands_have_examples():
    from typer.main import get_command

    from nato_timeline.cli import app

    group = get_command(app).commands["db"]
    assert set(group.commands) == {"upgrade", "current", "check", "path", "stats"}
    for name, command in group.commands.items():
        assert "Examples:" in command.help and f"timeline db {name}" in command.help, name


def test_db_help_does_not_import_the_database_layer():
    import subprocess
    import sys

    code = ("import sys\nfrom nato_timeline.cli import app\n"
            "for argv in (['db', '--help'], ['db', 'check', '--help']):\n"
            "    try:\n        app(argv)\n    except SystemExit:\n        pass\n"
            "print('HEAVY', sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_check_on_a_database_at_head_does_not_import_alembic(cli, db_url):
    import subprocess
    import sys

    assert cli("db", "upgrade").exit_code == 0
    code = ("import sys\nfrom nato_timeline.cli import app\n"
            f"try:\n    app(['db', 'check', '--db', {db_url!r}])\nexcept SystemExit as e:\n    print('EXIT', e.code)\n"
            "print('ALEMBIC', any(m.split('.')[0] == 'alembic' for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "EXIT 0" in out and "ALEMBIC False" in out
