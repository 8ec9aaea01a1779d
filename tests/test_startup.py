"""Start-up stays lean: help never imports the database layer."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("argv", [["--help"], ["list", "--help"], ["ingest", "--help"], ["--version"]])
def test_help_imports_neither_sqlalchemy_nor_alembic(argv):
    code = (
        "import sys\n"
        "from nato_timeline.cli import app\n"
        f"try:\n    app({argv!r})\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
        "print('HEAVY', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


@pytest.mark.sqlite_only
def test_reading_a_database_at_head_imports_only_what_reading_needs(seeded_db):
    """``list`` on a database already at head: no Alembic (no migration to run),
    no write side (``store`` and the merging rules behind it), no PostgreSQL
    dialect for a SQLite file."""
    code = (
        "import sys\n"
        "from nato_timeline.cli import app\n"
        f"try:\n    app(['list', '--limit', '1', '--format', 'json', '--db', {str(seeded_db)!r}])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'alembic' or m in "
        "('nato_timeline.store', 'nato_timeline.merge', 'nato_timeline.ingest', 'sqlalchemy.dialects.postgresql'))\n"
        "print('EXTRA', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "EXTRA []" in out, out
    assert '"title"' in out  # it did list an event


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "nato_timeline", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("timeline ")


def test_every_command_help_has_an_example():
    from typer.main import get_command

    from nato_timeline.cli import app

    group = get_command(app)
    for name, command in group.commands.items():
        assert "Examples:" in (command.help or ""), name
        assert f"timeline {name}" in command.help, name
