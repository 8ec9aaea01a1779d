"""``timeline actors`` end to end: event counts and the dates of first and last
events, each at its own precision, agreeing with ``list``."""

from __future__ import annotations

import csv
import io
import json


def test_json_agrees_with_the_chronology(seeded_cli):
    result = seeded_cli("actors", "--format", "json")
    assert result.exit_code == 0, result.stderr
    actors = json.loads(result.stdout)
    events = json.loads(seeded_cli("list", "--include-undated", "--format", "json").stdout)
    assert actors
    for a in actors:
        mine = [e for e in events if a["actor"] in e["actors"]]
        dated = [e for e in mine if e["precision"]]
        assert a["events"] == len(mine), a["actor"]
        assert a["first"] == (dated[0]["date"] if dated else None), a["actor"]
        assert a["last"] == (dated[-1]["date"] if dated else None), a["actor"]
    every = {name for e in events for name in e["actors"]}
    assert {a["actor"] for a in actors} == every
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)


def test_dates_keep_their_precision(seeded_cli):
    actors = json.loads(seeded_cli("actors", "--format", "json").stdout)
    firsts = {a["first"] for a in actors if a["first"]}
    assert any(len(f) == 4 for f in firsts), "a year-precision first event stays a year"


def test_table_csv_markdown(seeded_cli):
    table = seeded_cli("actors").stdout
    assert table.splitlines()[0].split() == ["actor", "events", "first", "last"]  # piped: the field names
    assert "Russia" in table
    rows = list(csv.DictReader(io.StringIO(seeded_cli("actors", "--format", "csv").stdout)))
    assert rows and set(rows[0]) == {"actor", "kind", "events", "first", "last"}
    assert seeded_cli("actors", "--format", "markdown").stdout.startswith("# Actors")


def test_empty_database(cli, db_url):
    assert cli("db", "upgrade").exit_code == 0
    result = cli("actors", "--db", db_url)
    assert result.exit_code == 0 and result.stdout == "" and "No actors" in result.stderr
    assert json.loads(cli("actors", "--format", "json", "--db", db_url).stdout) == []


def test_bad_format_is_a_usage_error(seeded_cli):
    result = seeded_cli("actors", "--format", "xml")
    assert result.exit_code == 2
