"""Golden test: the chronology the bundled seeds must give (issue "Timeline v0.1")."""

from __future__ import annotations

import json

import pytest

# date, precision, words of which one must occur in the event's title, places or quote
EXPECTED = [
    ("2002", "year", ["council"], "the NATO-Russia Council is set up in its current form"),
    ("2014", "year", ["crimea"], "Russia annexes Crimea"),
    ("2014-04", "month", ["suspend"], "NATO suspends all practical cooperation with Russia"),
    ("2015-05-19", "day", ["lavrov"], "Stoltenberg meets Lavrov in Brussels"),
    ("2015-09-29", "day", ["new york"], "Stoltenberg meets world leaders in New York"),
    ("2015-10-05", "day", ["turkey", "turkish"], "meeting with Turkey's foreign minister"),
    ("2021-12-17", "day", ["draft"], "Russia publishes its draft security agreements"),
    ("2022-01-10", "day", ["geneva"], "US-Russia talks in Geneva"),
    ("2022-01-12", "day", ["council"], "the NATO-Russia Council meets in Brussels"),
    ("2022-01-13", "day", ["osce", "vienna"], "OSCE Permanent Council in Vienna"),
]


@pytest.fixture
def events(seeded_url):
    from typer.testing import CliRunner

    from nato_timeline.cli import app

    result = CliRunner().invoke(app, ["list", "--format", "json", "--db", seeded_url])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _text(ev) -> str:
    return " ".join([ev["title"], " ".join(ev["places"])] + [s["quote"] for s in ev["sources"]]).lower()


def _matching(events, date, precision, words):
    return [e for e in events
            if e["date"] == date and e["precision"] == precision and any(w in _text(e) for w in words)]


@pytest.mark.parametrize("date,precision,words,what", EXPECTED, ids=[e[3] for e in EXPECTED])
def test_expected_event_is_listed(events, date, precision, words, what):
    assert _matching(events, date, precision, words), f"missing: {date} {what}"


def test_titles_are_short_headlines(events):
    for e in events:
        assert 0 < len(e["title"]) <= 90, e["title"]
        assert "\n" not in e["title"]


def test_council_meeting_is_one_event_with_sources_from_both_reports(events):
    council = [e for e in events if e["date"] == "2022-01-12" and e["type"] in ("meeting", "talks", "summit")
               and "brussels" in _text(e)]
    assert len(council) == 1, [e["title"] for e in council]
    docs = {s["document"] for s in council[0]["sources"]}
    assert {"002_c0b99a5c2a1c6c87.txt", "003_08fce08e132a00d2.txt"} <= docs


def test_nothing_dated_from_page_furniture(events):
    assert not [e for e in events if e["date"].startswith("2017")], "a date from an author bio became an event"
    for e in events:
        for s in e["sources"]:
            q = s["quote"].lower()
            assert "author:" not in q and "e-mail" not in q and "commenting using" not in q, q


def test_quotes_are_the_documents_own_text(events):
    from .conftest import SEEDS

    bodies = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for e in events:
        for s in e["sources"]:
            assert bodies[s["document"]][s["start"]:s["end"]] == s["quote"]
            assert s["start"] <= s["date_start"] < s["date_end"] <= s["end"]


def test_every_date_has_its_precision(events):
    lengths = {"year": 4, "month": 7, "day": 10}
    for e in events:
        assert len(e["date"]) == lengths[e["precision"]], e
