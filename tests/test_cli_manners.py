"""What a user of sqlite-utils expects of a command line: pipes, formats,
--fields, -q/-v everywhere, one-line usage errors, plain help, relative dates,
no database created by a read command, read-only SQL, the schema and counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from .conftest import sql as _sql


def sql(url_or_path: str, statement: str):
    from nato_timeline.settings import db_url

    return _sql(db_url(url_or_path), statement)


def _commands():
    from typer.main import get_command

    from nato_timeline.cli import app

    group = get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            for sub, subcommand in command.commands.items():
                yield f"{name} {sub}", subcommand
        else:
            yield name, command


# ---------------------------------------------------------------- pipes


@pytest.mark.parametrize("command", ["list", "sources", "actors"])
def test_a_piped_table_is_one_line_a_row_without_trailing_spaces(seeded_cli, command):
    out = seeded_cli(command).stdout
    lines = out.splitlines()
    as_json = json.loads(seeded_cli(command, "--format", "json").stdout)
    assert len(lines) == len(as_json) + 1, "a header, then one line a record"
    assert all(line == line.rstrip() for line in lines)


def test_grep_finds_a_whole_row_with_its_date(seeded_cli):
    [row] = [line for line in seeded_cli("list").stdout.splitlines() if "cooperation with Russia" in line]
    assert row.startswith("2014-04") and "NATO suspends all practical cooperation with Russia" in row


@pytest.mark.parametrize("command", [["list"], ["search", "russia"], ["sources"], ["actors"]])
def test_jsonl_is_one_object_a_line_as_json_gives_them(seeded_cli, command):
    whole = json.loads(seeded_cli(*command, "--format", "json").stdout)
    lines = seeded_cli(*command, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == whole


@pytest.mark.parametrize("command", [["list"], ["search", "russia"], ["sources"], ["actors"]])
def test_tsv_has_the_columns_of_csv(seeded_cli, command):
    as_csv = list(csv.reader(io.StringIO(seeded_cli(*command, "--format", "csv").stdout)))
    as_tsv = [line.split("\t") for line in seeded_cli(*command, "--format", "tsv").stdout.splitlines()]
    assert as_tsv[0] == as_csv[0] and len(as_tsv) == len(as_csv)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
def test_fields_choose_and_order_the_columns_in_every_format(seeded_cli, fmt):
    result = seeded_cli("list", "--fields", "title,date", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        assert list(json.loads(out)[0]) == ["title", "date"]
    elif fmt == "jsonl":
        assert list(json.loads(out.splitlines()[0])) == ["title", "date"]
    elif fmt == "csv":
        assert out.splitlines()[0] == "title,date"
    elif fmt == "tsv":
        assert out.splitlines()[0] == "title\tdate"
    elif fmt == "markdown":
        assert out.splitlines()[0] == "| title | date |"
    else:
        assert out.splitlines()[0].split() == ["title", "date"]


def test_an_unknown_field_is_a_usage_error_that_lists_the_known_ones(seeded_cli):
    result = seeded_cli("actors", "--fields", "actor,colour")
    assert result.exit_code == 2
    assert result.stderr == "error: --fields: no field 'colour'; choose from actor, kind, events, first, last\n"


def test_export_takes_fields_only_for_tabular_formats(seeded_cli):
    ok = seeded_cli("export", "--format", "tsv", "--fields", "slug,sources")
    assert ok.exit_code == 0 and ok.stdout.splitlines()[0] == "slug\tsources"
    refused = seeded_cli("export", "--format", "ical", "--fields", "slug")
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1


# ---------------------------------------------------------------- quiet and verbose


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_every_command_takes_quiet_and_verbose(name):
    command = dict(_commands())[name]
    opts = {o for p in command.params for o in p.opts}
    assert {"-q", "--quiet", "-v", "--verbose"} <= opts, name


def test_quiet_prints_nothing_but_data(cli):
    assert cli("db", "upgrade").exit_code == 0
    result = cli("list", "-q")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    loud = cli("list", "-v")
    assert "database:" in loud.stderr and "No events" in loud.stderr


# ---------------------------------------------------------------- help and usage errors


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_help_shows_no_internal_type_names_and_has_an_example(runner, name):
    from nato_timeline.cli import app

    result = runner.invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0
    for internal in ("<bool>", "<str>", "<int", "list[", "x>=", "{"):
        assert internal not in result.stdout, (name, internal)
    assert not re.search(r"\w \.(\s|$)", result.stdout), "a stray space before a full stop"
    assert "Examples:" in result.stdout and f"timeline {name}" in result.stdout


@pytest.mark.parametrize("argv,says", [
    (["list", "--format", "pdf"], "'pdf' is not one of 'table', 'json', 'jsonl', 'csv', 'tsv', 'markdown'"),
    (["list", "--limit", "0"], "--limit"),
    (["lsit"], "Did you mean 'list'"),
    (["frobnicate"], "Commands: ingest, load, list"),
    (["list", "--colour"], "No such option: --colour"),
    (["show"], "Missing argument EVENT"),
    (["export", "--format", "pdf"], "'timelinejs', 'ical'"),
])
def test_a_usage_error_is_one_line_on_stderr_with_exit_2(runner, argv, says):
    from nato_timeline.cli import app

    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert says in result.stderr


# ---------------------------------------------------------------- a missing database


@pytest.mark.parametrize("argv", [["list"], ["show", "7"], ["search", "russia"], ["sources"], ["actors"],
                                  ["export", "-f", "json"], ["query", "SELECT 1"], ["db", "stats"]])
def test_a_read_command_on_a_missing_file_says_so_and_creates_nothing(runner, tmp_path, argv):
    from nato_timeline.cli import app

    typo = tmp_path / "typo.db"
    result = runner.invoke(app, [*argv, "--db", str(typo)])
    assert result.exit_code == 1
    assert result.stderr == f"error: no database at {typo}; run `timeline ingest` first, or pass --db\n"
    assert not typo.exists()


# ---------------------------------------------------------------- relative dates


@pytest.mark.parametrize("text,expected", [
    ("yesterday", "2026-03-14"),
    ("today", "2026-03-15"),
    ("this month", "2026-03"),
    ("last month", "2026-02"),
    ("last year", "2025"),
    ("2 years ago", "2024"),
    ("two years ago", "2024"),
])
def test_relative_dates_resolve_against_today(text, expected):
    from nato_timeline.temporal.relative import relative_user_date

    assert relative_user_date(text, dt.date(2026, 3, 15)).value == expected


@pytest.mark.parametrize("text", ["soon", "the summit", "last year and this year", "next week"])
def test_what_is_not_one_relative_calendar_date_is_not_taken(text):
    from nato_timeline.temporal.relative import relative_user_date

    assert relative_user_date(text, dt.date(2026, 3, 15)) is None


def test_since_and_until_take_relative_dates(seeded_cli):
    def dates(*args):
        result = seeded_cli("list", "--format", "jsonl", "--fields", "date", *args)
        assert result.exit_code == 0, result.stderr
        return [json.loads(line)["date"] for line in result.stdout.splitlines()]

    everything = dates()
    years_back = dt.date.today().year - 2015
    assert dates("--until", f"{years_back} years ago") == [d for d in everything if d[:4] <= "2015"]
    assert dates("--since", "last year") == [d for d in everything if int(d[:4]) >= dt.date.today().year - 1]
    bad = seeded_cli("list", "--since", "soon")
    assert bad.exit_code == 2 and "yesterday, this month, last year, 2 years ago" in bad.stderr


# ---------------------------------------------------------------- query, schema, db path, db stats


def test_query_reads_in_every_format(seeded_cli):
    statement = "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
    rows = json.loads(seeded_cli("query", statement, "--format", "json").stdout)
    assert rows and list(rows[0]) == ["type", "n"] and rows[0]["n"] >= rows[-1]["n"]
    table = seeded_cli("query", statement).stdout.splitlines()
    assert table[0].split() == ["type", "n"] and len(table) == len(rows) + 1
    tsv = seeded_cli("query", statement, "--format", "tsv", "--fields", "n").stdout.splitlines()
    assert tsv == ["n"] + [str(r["n"]) for r in rows]


@pytest.mark.parametrize("statement", [
    "DELETE FROM events",
    "UPDATE events SET title = 'x'",
    "INSERT INTO places (name) VALUES ('Nowhere')",
    "DROP TABLE places",
    "CREATE TABLE notes (x INTEGER)",
    "WITH gone AS (SELECT id FROM events) DELETE FROM events WHERE id IN (SELECT id FROM gone)",
])
def test_query_refuses_a_write_and_changes_nothing(seeded_cli, seeded_url, statement):
    before = sql(seeded_url, "SELECT count(*) FROM events"), sql(seeded_url, "SELECT count(*) FROM places")
    result = seeded_cli("query", statement)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("error: timeline query is read-only")
    assert (sql(seeded_url, "SELECT count(*) FROM events"), sql(seeded_url, "SELECT count(*) FROM places")) == before


@pytest.mark.sqlite_only
def test_query_cannot_write_another_file_on_sqlite(seeded_cli, tmp_path):
    for statement in (f"VACUUM INTO '{tmp_path / 'copy.db'}'", f"ATTACH '{tmp_path / 'other.db'}' AS other"):
        assert seeded_cli("query", statement).exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_query_takes_one_statement_and_says_what_is_wrong(seeded_cli):
    two = seeded_cli("query", "SELECT 1; DELETE FROM events")
    assert two.exit_code == 2 and "one statement" in two.stderr
    bad = seeded_cli("query", "SELEC 1")
    assert bad.exit_code == 1 and bad.stderr.startswith("error: sql error:") and bad.stderr.count("\n") == 1


def test_schema_names_every_table_and_column_of_the_models_and_what_it_means():
    from nato_timeline.models import Base
    from nato_timeline.sqlquery import meanings

    said = meanings()
    expected = {(t.name, "") for t in Base.metadata.tables.values()}
    expected |= {(t.name, c.name) for t in Base.metadata.tables.values() for c in t.columns}
    assert set(said) == expected
    assert all(said.values())


def test_schema_command_prints_them(runner):
    from nato_timeline.cli import app

    text = runner.invoke(app, ["schema"]).stdout
    assert "events: A real-world event" in text and "  n_sources" in text
    tables = json.loads(runner.invoke(app, ["schema", "--format", "json"]).stdout)
    assert {t["table"] for t in tables} >= {"documents", "events", "event_sources"}


def test_db_path_prints_the_file_without_creating_it(runner, tmp_path):
    from nato_timeline.cli import app

    target = tmp_path / "t.db"
    result = runner.invoke(app, ["db", "path", "--db", str(target)])
    assert result.stdout == f"{target}\n" and not target.exists()
    default = runner.invoke(app, ["db", "path"]).stdout.strip()
    assert default.endswith("nato-timeline/timeline.db")


def test_db_path_hides_a_password(runner):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["db", "path", "--db", "postgresql://me:secret@dbhost/timeline"])
    assert "secret" not in result.stdout and "dbhost/timeline" in result.stdout


def test_db_stats_counts_what_is_stored(seeded_cli, seeded_url):
    counts = {r["what"]: r["count"] for r in json.loads(seeded_cli("db", "stats", "--format", "json").stdout)}
    assert counts["documents"] == sql(seeded_url, "SELECT count(*) FROM documents")[0][0] == 5
    assert counts["events"] == sql(seeded_url, "SELECT count(*) FROM events")[0][0]
    assert counts["sources"] == sql(seeded_url, "SELECT count(*) FROM event_sources")[0][0]


def test_in_a_terminal_the_table_stays_pretty(runner, seeded_url):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["list", "--db", seeded_url], env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    assert "Year" in header and "Event" in header and "Sources" in header
    fields = runner.invoke(app, ["list", "--fields", "slug", "--db", seeded_url], env={"FORCE_COLOR": "1"})
    assert fields.stdout.splitlines()[0] == "slug"
