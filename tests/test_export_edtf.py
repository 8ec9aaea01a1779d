"""EDTF CSV: each event's date in EDTF at its precision, ``?`` when the sources
disagree, parsed back with the ``edtf`` package."""

from __future__ import annotations

import csv
import io
import json
import time

import edtf  # a test extra
import pytest

from nato_timeline.export import edtf as edtf_export

from .export_events import event


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _iso(t: time.struct_time) -> str:
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"


@pytest.mark.parametrize("date,precision,disputed,expected", [
    ("2002", "year", False, "2002"),
    ("2014-04", "month", False, "2014-04"),
    ("2022-01-12", "day", False, "2022-01-12"),
    ("2015", "year", True, "2015?"),
    ("2014-04", "month", True, "2014-04?"),
    ("2022-01-12", "day", True, "2022-01-12?"),
])
def test_value_at_precision_and_uncertain_when_disputed(date, precision, disputed, expected):
    ev = event(date, precision, disputed=disputed)
    assert edtf_export.edtf_value(ev) == expected
    parsed = edtf.parse_edtf(expected)
    assert str(parsed) == expected
    # the EDTF interval is the event's interval: nothing filled in, nothing lost
    assert _iso(parsed.lower_strict()) == ev.start
    assert _iso(parsed.upper_strict()) == ev.end
    assert isinstance(parsed, edtf.UncertainOrApproximate) is disputed


def test_undated_keeps_its_known_parts_with_the_year_unspecified():
    ev = event("XXXX-01-12", None, slug="undated-x")
    value = edtf_export.edtf_value(ev)
    assert value == "XXXX-01-12"
    parsed = edtf.parse_edtf(value)
    assert (parsed.lower_strict().tm_mon, parsed.lower_strict().tm_mday) == (1, 12)


def test_undated_value_without_edtf_form_is_left_empty():
    assert edtf_export.edtf_value(event("XXXX-WXX-3", None, slug="undated-w")) == ""


def test_csv_columns_and_formula_cells():
    ev = event(title="=HYPERLINK(\"http://x\")", disputed=True)
    [row] = rows(edtf_export.render([ev]))
    assert list(row) == list(edtf_export.COLUMNS)
    assert row["edtf"] == "2022-01-12?"
    assert row["disputed"] == "yes"
    assert row["title"].startswith("'=")
    assert row["precision"] == "day" and row["start"] == row["end"] == "2022-01-12"


def test_seed_export_every_value_parses(runner, seeded_db):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["export", "--format", "edtf", "--db", str(seeded_db)])
    assert result.exit_code == 0, result.stderr
    got = rows(result.stdout)
    listed = json.loads(runner.invoke(app, ["list", "--format", "json", "--db", str(seeded_db)]).stdout)
    assert [r["slug"] for r in got] == [e["slug"] for e in listed]
    for row, ev in zip(got, listed):
        parsed = edtf.parse_edtf(row["edtf"])
        assert _iso(parsed.lower_strict()) == ev["start"]
        assert _iso(parsed.upper_strict()) == ev["end"]
