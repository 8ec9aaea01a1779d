"""iCalendar export: all-day events at the event's precision, stable UIDs, RFC 5545
line folding and escaping, parsed back with the ``icalendar`` library."""

from __future__ import annotations

import datetime as dt

import icalendar  # a test extra
import pytest

from nato_timeline.export import ical

from .export_events import HOSTILE, event, source


NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone.utc)


def parse(text: str) -> list:
    cal = icalendar.Calendar.from_ical(text)
    return list(cal.walk("VEVENT"))


@pytest.mark.parametrize("date,precision,start,end", [
    ("2022-01-12", "day", dt.date(2022, 1, 12), dt.date(2022, 1, 13)),
    ("2021-12-31", "day", dt.date(2021, 12, 31), dt.date(2022, 1, 1)),
    ("2014-04", "month", dt.date(2014, 4, 1), dt.date(2014, 5, 1)),
    ("2014-12", "month", dt.date(2014, 12, 1), dt.date(2015, 1, 1)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 3, 1)),
    ("2002", "year", dt.date(2002, 1, 1), dt.date(2003, 1, 1)),
])
def test_all_day_span_at_the_precision_with_exclusive_end(date, precision, start, end):
    text = ical.render([event(date, precision)], now=NOW)
    assert f"DTSTART;VALUE=DATE:{start:%Y%m%d}\r\n" in text
    [ev] = parse(text)
    assert ev.decoded("DTSTART") == start and not isinstance(ev.decoded("DTSTART"), dt.datetime)
    assert ev.decoded("DTEND") == end
    assert str(ev["X-NATO-TIMELINE-DATE"]) == date
    assert str(ev["X-NATO-TIMELINE-PRECISION"]) == precision


def test_fields_map_the_event():
    e = event("2022-01-13", "day", slug="2022-01-13-osce-meeting-in-vienna", title="OSCE meeting in Vienna",
              status="scheduled", disputed=True, places=("Vienna", "Brussels"),
              sources=[source("The OSCE meets in Vienna on 13 January 2022.", "13 January 2022", document="003.txt")])
    [ev] = parse(ical.render([e], now=NOW))
    assert str(ev["UID"]) == "2022-01-13-osce-meeting-in-vienna@nato-timeline"
    assert str(ev["SUMMARY"]) == "OSCE meeting in Vienna"
    assert str(ev["LOCATION"]) == "Vienna, Brussels"
    assert str(ev["STATUS"]) == "TENTATIVE"
    assert str(ev["X-NATO-TIMELINE-DISPUTED"]) == "TRUE"
    assert ev.decoded("DTSTAMP") == NOW
    description = str(ev["DESCRIPTION"])
    assert "003.txt" in description and "The OSCE meets in Vienna on 13 January 2022." in description
    assert "Sources disagree on the date." in description
    assert ev["CATEGORIES"].cats == ["meeting"]


def test_uid_depends_on_the_slug_only():
    a = event(id=1, slug="2022-01-12-council-meets")
    b = event("2022-01", "month", id=99, slug="2022-01-12-council-meets", title="Another title")
    c = event(id=1, slug="2022-01-12-other")
    uids = [str(parse(ical.render([x], now=NOW))[0]["UID"]) for x in (a, b, c)]
    assert uids[0] == uids[1] != uids[2]
    later = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    assert str(parse(ical.render([a], now=later))[0]["UID"]) == uids[0]


def test_text_escaping_round_trips():
    title = 'Talks; then a vote, a back\\slash and\na new line ' + HOSTILE
    text = ical.render([event(title=title.replace("\n", " "), summary="one\ntwo, three; four\\five")], now=NOW)
    assert "SUMMARY:Talks\\; then a vote\\, a back\\\\slash" in text.replace("\r\n ", "")
    [ev] = parse(text)
    assert str(ev["SUMMARY"]) == " ".join(title.split())
    assert "two, three; four\\five" in str(ev["DESCRIPTION"])


def test_control_characters_are_dropped():
    text = ical.render([event(title="Council\x1b[31m meets\x07")], now=NOW)
    assert "\x1b" not in text and "\x07" not in text
    assert str(parse(text)[0]["SUMMARY"]) == "Council[31m meets"


def test_lines_end_in_crlf_and_fold_at_75_octets_without_splitting_characters():
    long_quote = "Сообщение " * 40 + "on 12 January 2022 — «переговоры» 🇺🇦 " * 5
    e = event(summary=long_quote, title="Встреча Совета Россия–НАТО " * 4,
              sources=[source(long_quote, "12 January 2022")])
    text = ical.render([e], now=NOW)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
        line.encode("utf-8").decode("utf-8")  # each physical line is whole characters
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:" + " ".join(("Встреча Совета Россия–НАТО " * 4).split()) + "\r\n" in unfolded
    [ev] = parse(text)
    assert " ".join(long_quote.split()) in str(ev["DESCRIPTION"])


def test_fold_is_exact_at_the_boundary():
    assert ical.fold("X" * 75) == "X" * 75 + "\r\n"
    folded = ical.fold("X" * 76)
    assert folded == "X" * 75 + "\r\n X\r\n"


def test_undated_events_are_left_out_and_calendar_stays_valid():
    text = ical.render([event("XXXX-01-12", None, slug="undated-x")], now=NOW)
    assert parse(text) == []
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//nato-timeline//")


def test_seed_export_parses_and_reimport_keeps_uids(runner, seeded_db, tmp_path):
    import json

    from nato_timeline.cli import app

    out = tmp_path / "timeline.ics"
    result = runner.invoke(app, ["export", "--format", "ical", "-o", str(out), "--db", str(seeded_db)])
    assert result.exit_code == 0, result.stderr
    first = parse(out.read_bytes().decode("utf-8"))
    listed = json.loads(runner.invoke(app, ["list", "--format", "json", "--db", str(seeded_db)]).stdout)
    assert [str(e["UID"]) for e in first] == [f"{e['slug']}@nato-timeline" for e in listed]
    for vevent, ev in zip(first, listed):
        assert vevent.decoded("DTSTART") == dt.date.fromisoformat(ev["start"])
        assert vevent.decoded("DTEND") == dt.date.fromisoformat(ev["end"]) + dt.timedelta(days=1)
        assert str(vevent["SUMMARY"]) == ev["title"]
    result = runner.invoke(app, ["export", "--format", "ical", "--db", str(seeded_db)])
    again = parse(result.stdout)
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in first]
