"""What is particular to PostgreSQL: the URL forms, the driver, an unreachable
server, and the same chronology as SQLite from the same documents."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from nato_timeline import db

from .conftest import REPO


@pytest.mark.parametrize("given,expected", [
    ("postgresql://u@dbhost/timeline", "postgresql+psycopg://u@dbhost/timeline"),
    ("postgres://u@dbhost:5433/timeline", "postgresql+psycopg://u@dbhost:5433/timeline"),
    ("postgresql+psycopg://u@dbhost/timeline", "postgresql+psycopg://u@dbhost/timeline"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_postgresql_urls_use_psycopg(given, expected):
    assert db.normalise_url(given) == expected
    if given.startswith("postgres"):
        engine = db.make_engine(given)  # no connection is made yet
        assert engine.url.drivername == "postgresql+psycopg"
        engine.dispose()


def _one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["list"], ["ingest"], ["db", "check"], ["db", "upgrade"]])
def test_unreachable_server_is_one_line_without_the_password(runner, command):
    from nato_timeline.cli import app

    # nothing listens on port 1 of this machine: the connection is refused at once
    result = runner.invoke(app, [*command, "--db", "postgresql://timeline:s3cret@127.0.0.1:1/timeline"])
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "cannot open database postgresql+psycopg://timeline:***@127.0.0.1:1/timeline" in line
    assert "s3cret" not in result.stderr + result.stdout


def test_a_database_missing_on_the_server(runner, pg):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["list", "--db", pg.url("no_such_database")])
    assert result.exit_code == 1
    assert 'database "no_such_database" does not exist' in _one_error_line(result)


def test_missing_psycopg_says_which_extra_to_install(tmp_path):
    # a real interpreter in which importing psycopg fails, as where it is not installed
    code = ("import sys\nsys.modules['psycopg'] = None\n"
            "from nato_timeline.cli import main\n"
            "sys.argv = ['timeline', 'list', '--db', 'postgresql://timeline@127.0.0.1:1/timeline']\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, NO_COLOR="1"))
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: PostgreSQL needs the psycopg driver, which is not installed; "
                                     "install it with: pip install 'nato-timeline[postgres]'")


def test_another_missing_driver_is_named(runner):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["list", "--db", "postgresql+nosuchdriver://u@127.0.0.1:1/x"])
    assert result.exit_code == 2
    assert "no database driver for 'postgresql+nosuchdriver'" in _one_error_line(result)


def test_the_same_documents_give_the_same_chronology_on_both_backends(runner, seeded_db, seeded_pg):
    from nato_timeline.cli import app

    def listed(url):
        result = runner.invoke(app, ["list", "--include-undated", "--format", "json", "--db", url])
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    on_sqlite, on_pg = listed(str(seeded_db)), listed(seeded_pg)
    assert on_sqlite and on_pg == on_sqlite
    shown = [runner.invoke(app, ["show", "crimea", "--format", "json", "--db", url]).stdout
             for url in (str(seeded_db), seeded_pg)]
    assert shown[0] == shown[1] and json.loads(shown[0])["date"].startswith("2014")


@pytest.mark.pg_only
def test_alembic_command_line_accepts_a_postgresql_url(db_url):
    alembic = os.path.join(os.path.dirname(sys.executable), "alembic")
    result = subprocess.run([alembic, "-x", f"db={db_url}", "current"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert db_url.startswith("postgresql://") and f"{db.SCHEMA_HEAD} (head)" in result.stdout
