"""``timeline list`` end to end: formats, filters and errors."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def lst(runner, seeded_url):
    from nato_timeline.cli import app

    def invoke(*args):
        return runner.invoke(app, ["list", *args, "--db", seeded_url])

    return invoke


def test_table_is_grouped_by_year_with_dates_at_their_precision(lst):
    result = lst()
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for token in ("2002", "2014-04", "2015-05-19", "2022-01-12"):
        assert token in out
    assert "2014-04-01" not in out
    lines = out.splitlines()
    year_rows = [l.split()[0] for l in lines if l[:4].isdigit() and len(l.split()[0]) == 4]
    assert year_rows == sorted(set(year_rows)), "each year heads its group once, in order"


def test_json_contract(lst):
    data = json.loads(lst("--format", "json").stdout)
    assert data, "seeds give events"
    for ev in data:
        assert {"id", "slug", "date", "precision", "title", "type", "sources"} <= set(ev)
        assert ev["precision"] in ("year", "month", "day")
        for s in ev["sources"]:
            assert {"document", "quote", "start", "end"} <= set(s)
    starts = [e["start"] for e in data]
    assert starts == sorted(starts)


@pytest.mark.parametrize("since,until,lo,hi", [
    ("2021", None, "2021-01-01", "9999"),
    ("2015-05", "2015-12", "2015-05-01", "2015-12-31"),
    ("June 2021", None, "2021-06-01", "9999"),
    (None, "12 January 2022", "0000", "2022-01-12"),
    ("2021-12-17", "2021-12-17", "2021-12-17", "2021-12-17"),
])
def test_since_until(lst, since, until, lo, hi):
    args = []
    if since:
        args += ["--since", since]
    if until:
        args += ["--until", until]
    result = lst(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data
    assert all(lo <= e["start"] <= hi for e in data)


def test_limit(lst):
    data = json.loads(lst("--limit", "3", "--format", "json").stdout)
    assert len(data) == 3
    full = json.loads(lst("--format", "json").stdout)
    assert data == full[:3]


def test_undated_are_left_out_unless_asked(lst):
    dated = json.loads(lst("--format", "json").stdout)
    everything = json.loads(lst("--include-undated", "--format", "json").stdout)
    assert all(e["precision"] for e in dated)
    assert len(everything) >= len(dated)
    assert everything[:len(dated)] == dated


def test_csv(lst):
    rows = list(csv.DictReader(io.StringIO(lst("--format", "csv").stdout)))
    assert rows and {"id", "slug", "date", "precision", "title", "type", "quote"} <= set(rows[0])


def test_markdown(lst):
    out = lst("--format", "markdown").stdout
    assert out.startswith("# Chronology") and "## 2022" in out and "| Date | Type | Event | Sources |" in out


@pytest.mark.parametrize("args", [["--since", "not a date"], ["--until", "2021-13"], ["--since", "2022", "--until", "2021"]])
def test_bad_dates_are_usage_errors(lst, args):
    result = lst(*args)
    assert result.exit_code == 2
    err = result.stderr.strip()
    assert err.startswith("error:") and len(err.splitlines()) == 1 and "Traceback" not in err


def test_empty_database_says_so(cli):
    result = cli("list")
    assert result.exit_code == 0
    assert "No events" in result.stderr and result.stdout == ""
    assert json.loads(cli("list", "--format", "json").stdout) == []


@pytest.mark.sqlite_only
def test_list_on_a_file_that_is_not_a_database(runner, tmp_path):
    from nato_timeline.cli import app

    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"\x00garbage" * 500)
    result = runner.invoke(app, ["list", "--db", str(bogus)])
    assert result.exit_code == 1 and "cannot open database" in result.stderr
