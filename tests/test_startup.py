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


#: What a read command must not load on a database at head: the ORM, Alembic,
#: pydantic (typer's coercion of option values), the write side.
HEAVY = ("sqlalchemy.orm", "alembic", "pydantic", "nato_timeline.models", "nato_timeline.store",
         "nato_timeline.merge", "nato_timeline.ingest")

READ_COMMANDS = [
    ["list", "--limit", "1", "--format", "json"],
    ["list", "--since", "2014", "--actor", "Russia", "--type", "meeting", "--text", "council", "--min-sources", "2"],
    ["list"],
    ["show", "2022-01-12-nato-russia-council-meets-in-brussels"],
    ["show", "4", "--format", "json"],
    ["search", "council brussels", "--limit", "5"],
    ["sources", "--format", "csv"],
    ["actors"],
    ["export", "--format", "json"],
    ["export", "--format", "csv", "--fields", "date,title"],
]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda argv: " ".join(argv))
def test_a_read_command_on_a_database_at_head_imports_nothing_heavy(seeded_db, argv):
    """Each read command, in a new process as a user runs it, on a database at
    head: none of the heavy modules is loaded, and the command did its work."""
    code = (
        "import sys\n"
        "from nato_timeline.cli import main\n"
        f"sys.argv = ['timeline', *{argv!r}, '--db', {str(seeded_db)!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        f"heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in {HEAVY!r}))\n"
        "print('HEAVY', heavy, 'EXIT', code, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY [] EXIT 0" in run.stderr, run.stderr
    assert run.stdout.strip(), "it printed what it read"


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


_SAMPLES = ["", "0", "1", "7", "007", "-1", "+5", " 5", "1_000", "5.0", "x", "table", "json", "JSON", "pdf",
            "html", "text", "a b", "-", "/tmp", "2022-01-12", "é"]


def test_values_read_without_pydantic_are_what_typer_reads():
    """Every parameter of every command, given each sample value (and lists of
    them): the plain coercion returns what typer's returns, or fails with the
    same message."""
    from typer._click import Context
    from typer._click.exceptions import BadParameter
    from typer._coercion import build_runtime_param
    from typer.main import get_command

    from nato_timeline.cli import app
    from nato_timeline.clikit import PlainCoercion

    def outcome(runtime, value, param, ctx):
        try:
            return "ok", runtime.coerce(value, param=param, ctx=ctx)
        except BadParameter as exc:
            return "error", exc.format_message()

    def commands(group):
        for command in group.commands.values():
            yield from commands(command) if hasattr(command, "commands") else [command]

    checked = 0
    for command in commands(get_command(app)):
        ctx = Context(command)
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None or descriptor.file_annotation is not None:
                continue
            multi = param.multiple or param.nargs == -1
            values = [tuple(_SAMPLES[i:i + 2]) for i in range(len(_SAMPLES))] if multi else _SAMPLES
            for value in [None, param.default, *values]:
                plain = outcome(PlainCoercion(descriptor), value, param, ctx)
                typer_own = outcome(build_runtime_param(descriptor), value, param, ctx)
                assert plain == typer_own, (command.name, param.name, value)
                checked += 1
    assert checked > 500
