"""Command-line conventions: --version, shell completion, -q/--quiet, -v/--verbose,
NO_COLOR and --no-color, help with examples, documented exit codes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from nato_timeline import __version__

from .conftest import REPO, SEEDS

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> list[str]:
    """The SGR parameters in ``text`` that set a colour (not bold, dim or reset)."""
    found = []
    for params in SGR.findall(text):
        for p in params.split(";"):
            if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                found.append(p)
    return found


@pytest.fixture
def app():
    from nato_timeline.cli import app

    return app


def test_version(runner, app):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"timeline {__version__}"


def test_shell_completion_is_offered(runner, app):
    out = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in out and "--show-completion" in out


def test_global_options_are_listed(runner, app):
    out = runner.invoke(app, ["--help"]).stdout
    for option in ("--quiet", "-q", "--verbose", "-v", "--no-color", "--version"):
        assert option in out, option


def test_export_help_stays_lean():
    code = ("import sys\nfrom nato_timeline.cli import app\n"
            "try:\n    app(['export', '--help'])\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
    assert "Examples:" in out and "timeline export --format html" in out


# ------------------------------------------------------------------ colour


def test_colour_is_on_when_forced_and_no_one_objects(runner, app, seeded_db):
    result = runner.invoke(app, ["list", "--db", str(seeded_db)], env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code == 0
    assert colour_codes(result.stdout), "the check below must be able to fail"


def test_no_color_environment_variable(runner, app, seeded_db):
    result = runner.invoke(app, ["list", "--db", str(seeded_db)], env={"NO_COLOR": "1", "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code == 0 and "2022-01-12" in result.stdout
    assert colour_codes(result.stdout) == []


def test_no_color_option(runner, app, seeded_db):
    result = runner.invoke(app, ["--no-color", "list", "--db", str(seeded_db)],
                           env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code == 0 and "2022-01-12" in result.stdout
    assert colour_codes(result.stdout) == []


def test_no_color_also_on_stderr(runner, app, tmp_path):
    assert runner.invoke(app, ["db", "upgrade", "--db", str(tmp_path / "t.db")]).exit_code == 0
    result = runner.invoke(app, ["--no-color", "show", "nothing-like-this", "--db", str(tmp_path / "t.db")],
                           env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code == 1
    assert "no event matches" in result.stderr and colour_codes(result.stderr) == []
    coloured = runner.invoke(app, ["show", "nothing-like-this", "--db", str(tmp_path / "t.db")],
                             env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert colour_codes(coloured.stderr)


# ------------------------------------------------------------------ quiet and verbose


def test_quiet_ingest_prints_nothing_when_all_goes_well(runner, app, tmp_path):
    result = runner.invoke(app, ["-q", "ingest", str(SEEDS), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_quiet_ingest_still_prints_errors(runner, app, tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["-q", "ingest", str(SEEDS), str(missing), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr


def test_ingest_own_quiet_flag_still_works(runner, app, tmp_path):
    result = runner.invoke(app, ["ingest", str(SEEDS), "-q", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""


def test_verbose_ingest_names_the_database_and_each_document(runner, app, tmp_path):
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["-v", "ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"database: sqlite:///{db}"
    names = sorted(p.name for p in SEEDS.iterdir())
    assert lines[1:] == [f"[{i}/{len(names)}] {n}" for i, n in enumerate(names, 1)]
    assert "Documents: 5 new" in result.stdout


def test_verbose_list_names_the_database_and_keeps_stdout(runner, app, seeded_db):
    plain = runner.invoke(app, ["list", "--db", str(seeded_db)])
    loud = runner.invoke(app, ["-v", "list", "--db", str(seeded_db)])
    assert loud.exit_code == 0
    assert loud.stdout == plain.stdout
    assert loud.stderr == f"database: sqlite:///{seeded_db}\n"


def test_quiet_wins_over_verbose(runner, app, tmp_path):
    result = runner.invoke(app, ["-q", "-v", "ingest", str(SEEDS), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_quiet_export_says_nothing_but_writes(runner, app, seeded_db, tmp_path):
    out = tmp_path / "t.html"
    loud = runner.invoke(app, ["export", "-f", "html", "-o", str(out), "--db", str(seeded_db)])
    assert "Exported" in loud.stderr
    quiet = runner.invoke(app, ["-q", "export", "-f", "html", "-o", str(out), "--db", str(seeded_db)])
    assert quiet.exit_code == 0 and quiet.stderr == "" and out.stat().st_size > 0


def test_quiet_does_not_hide_errors(runner, app, seeded_db):
    result = runner.invoke(app, ["-q", "export", "-f", "html", "--since", "soon", "--db", str(seeded_db)])
    assert result.exit_code == 2 and "--since" in result.stderr


def test_state_does_not_leak_between_invocations(runner, app, seeded_db):
    runner.invoke(app, ["-q", "list", "--db", str(seeded_db)])
    after = runner.invoke(app, ["export", "-f", "html", "-o", "-", "--db", str(seeded_db)])
    assert after.exit_code == 0
    loud = runner.invoke(app, ["-v", "list", "--db", str(seeded_db)])
    assert "database:" in loud.stderr
    plain = runner.invoke(app, ["list", "--db", str(seeded_db)])
    assert plain.stderr == ""


# ------------------------------------------------------------------ exit codes


def test_exit_codes_are_documented():
    commands = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    table = commands.split("## Exit codes", 1)[1].split("\n#", 1)[0]
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in table, code


def test_usage_error_exit_code_is_2(runner, app):
    assert runner.invoke(app, ["list", "--limit", "zero"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
