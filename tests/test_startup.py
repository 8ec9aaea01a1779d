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
