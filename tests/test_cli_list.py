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
    assert lines[0].split() == ["date", "type", "title", "sources"]
    dates = [l.split()[0] for l in lines[1:]]
    assert all(d[:4].isdigit() for d in dates), "piped, every row is one line that starts with its date"
    assert [d[:4] for d in dates] == sorted(d[:4] for d in dates)


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
    assert cli("db", "upgrade").exit_code == 0
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


# ---------------------------------------------------------------- filters


def _json(lst, *args):
    result = lst(*args, "--include-undated", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def everything(lst):
    return _json(lst)


def _ids(events):
    return [e["id"] for e in events]


def test_actor_filter_any_case_and_repeated(lst, everything):
    russia = _json(lst, "--actor", "russia")
    assert russia and _ids(russia) == _ids([e for e in everything if "Russia" in e["actors"]])
    either = _json(lst, "--actor", "Russia", "--actor", "OSCE")
    assert _ids(either) == _ids([e for e in everything if {"Russia", "OSCE"} & set(e["actors"])])
    assert len(either) > len(russia)


def test_type_filter_repeated_is_or(lst, everything):
    both = _json(lst, "--type", "meeting", "--type", "talks")
    assert both and _ids(both) == _ids([e for e in everything if e["type"] in ("meeting", "talks")])
    assert {e["type"] for e in both} == {"meeting", "talks"}


def test_place_and_source_filters(lst, everything):
    brussels = _json(lst, "--place", "BRUSSELS")
    assert brussels and _ids(brussels) == _ids([e for e in everything if "Brussels" in e["places"]])
    doc = everything[-1]["sources"][0]["document"]
    from_doc = _json(lst, "--source", doc)
    assert from_doc and _ids(from_doc) == _ids([e for e in everything if doc in {s["document"] for s in e["sources"]}])


def test_min_sources(lst, everything):
    two = _json(lst, "--min-sources", "2")
    assert two and _ids(two) == _ids([e for e in everything if len(e["sources"]) >= 2])
    assert _json(lst, "--min-sources", "1") == everything


def test_text_filter(lst, everything):
    found = _json(lst, "--text", "geneva")
    expected = [e for e in everything
                if "geneva" in (e["title"] + " " + " ".join(s["quote"] for s in e["sources"])).lower()]
    assert found and _ids(found) == _ids(expected)
    assert _json(lst, "--text", '"security guarantees" OR crimea')


def test_filters_combine_with_and(lst, everything):
    args = [("--actor", "Russia"), ("--type", "meeting"), ("--place", "Brussels"), ("--text", "council"),
            ("--min-sources", "2"), ("--since", "2022")]
    single = {a: set(_ids(_json(lst, *a))) for a in args}
    for i, a in enumerate(args):
        for b in args[i + 1:]:
            got = _ids(_json(lst, *a, *b))
            assert set(got) == single[a] & single[b], (a, b)
            assert got == [i for i in _ids(everything) if i in set(got)]  # still chronological


def test_unknown_name_is_an_empty_result_with_a_note(lst):
    result = lst("--actor", "Atlantis Council", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "note: no actor named 'Atlantis Council' is stored (timeline actors lists them)" in result.stderr
    result = lst("--type", "picnic")
    assert result.exit_code == 0 and "no type named 'picnic'" in result.stderr and "No events" in result.stderr


@pytest.mark.parametrize("args,message", [
    (["--actor", ""], "--actor is empty"),
    (["--place", "  "], "--place is empty"),
    (["--text", '"unclosed'], "--text: search text"),
    (["--text", "NEAR("], "a '(' is not closed"),
    (["--text", "*"], "no words to search for"),
])
def test_bad_filter_values_are_usage_errors(lst, args, message):
    result = lst(*args)
    assert result.exit_code == 2
    err = result.stderr.strip()
    assert err.startswith("error:") and message in err and len(err.splitlines()) == 1


def test_min_sources_below_one_is_a_usage_error(lst):
    assert lst("--min-sources", "0").exit_code == 2


def test_a_bad_filter_opens_no_database(runner, tmp_path):
    from nato_timeline.cli import app

    target = tmp_path / "never.db"
    assert runner.invoke(app, ["list", "--text", "(", "--db", str(target)]).exit_code == 2
    assert not target.exists()


@pytest.mark.parametrize("option", ["--actor", "--type", "--place", "--source", "--text"])
@pytest.mark.parametrize("value", ["'; DROP TABLE events; --", 'x" OR "1"="1', "NEAR(a b)", "%", "a*"])
def test_metacharacters_in_every_text_option(lst, option, value):
    result = lst(option, value, "--format", "json")
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if result.exit_code == 0:
        json.loads(result.stdout)
    assert json.loads(lst("--format", "json").stdout)  # nothing was dropped


def test_event_filter_helper_is_shared(lst):
    """The helper other commands use gives the same filter list builds."""
    from nato_timeline.cli import event_filter
    from nato_timeline.queries import EventFilter
    from nato_timeline.temporal.types import PartialDate

    flt = event_filter(since="2021", actor=["NATO", "NATO"], type_=["meeting"], text="council", min_sources=2)
    assert flt == EventFilter(since=PartialDate(2021), actors=("NATO",), types=("meeting",), text="council",
                              min_sources=2)
