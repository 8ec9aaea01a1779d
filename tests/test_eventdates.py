"""The event layer's date corrections, on small documents run through the whole pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from nato_timeline.eventdates import common_date, coming_weekday, nearest_year, relative_value, span_date
from nato_timeline.pipeline import extract_document
from nato_timeline.read import read_text
from nato_timeline.temporal.types import PartialDate, Timex


def run(text: str, published: str | None):
    doc = read_text(text, name="t.txt", path="t.txt",
                             published=PartialDate.parse(published) if published else None)
    return extract_document(doc)


def timex(ex, text: str):
    (t,) = [t for t in ex.timexes if t.text == text]
    return t


# ------------------------------------------------------------------ pure helpers
def test_nearest_year_goes_either_way():
    assert nearest_year(8, None, dt.date(2008, 12, 19)) == 2008  # August: four months back
    assert nearest_year(11, None, dt.date(2024, 7, 14)) == 2024  # November: four months ahead
    assert nearest_year(1, None, dt.date(2008, 12, 19)) == 2009  # January: one month ahead
    assert nearest_year(2, 29, dt.date(2023, 3, 1)) == 2024  # only leap years have the day


def test_coming_weekday_includes_today():
    monday = dt.date(2014, 4, 7)
    assert coming_weekday(2, monday) == dt.date(2014, 4, 8)
    assert coming_weekday(1, monday) == monday
    assert coming_weekday(7, monday) == dt.date(2014, 4, 13)


def test_relative_value_units():
    ref = dt.date(2025, 9, 12)
    assert relative_value("W", 0, ref) == "2025-W37"
    assert relative_value("D", -1, ref) == "2025-09-11"
    assert relative_value("M", -1, dt.date(2025, 1, 5)) == "2024-12"
    assert relative_value("Y", 1, ref) == "2026"


def test_common_date():
    assert common_date(dt.date(2009, 5, 19), dt.date(2009, 11, 9)) == PartialDate(2009)
    assert common_date(dt.date(2016, 4, 8), dt.date(2016, 4, 22)) == PartialDate(2016, 4)
    assert common_date(dt.date(2016, 4, 8), dt.date(2016, 4, 8)) == PartialDate(2016, 4, 8)
    assert common_date(dt.date(2015, 12, 20), dt.date(2016, 1, 3)) is None


@pytest.mark.parametrize("text,value,expected", [
    ("the next two weeks", "P2W", "2016-04"),
    ("the coming three days", "P3D", "2016-04"),
    ("the past three months", "P3M", "2016"),
    ("the next ten months", "P10M", None),  # runs into 2017
    ("two weeks", "P2W", None),  # no direction
])
def test_span_date(text, value, expected):
    t = Timex(0, len(text), text, "DURATION", value)
    got = span_date(t, PartialDate(2016, 4, 8))
    assert (got.value if got else None) == expected


def test_span_date_needs_a_day_dct():
    t = Timex(0, 18, "the next two weeks", "DURATION", "P2W")
    assert span_date(t, None) is None
    assert span_date(t, PartialDate(2016, 4)) is None


# ------------------------------------------------------------------ through the pipeline
def test_event_noun_month_is_the_nearest_not_the_tense_of_the_clause():
    ex = run("Moscow will insist on finding the cause of the August war in Georgia, "
             "and contacts have been frozen since then.", "2008-12-19")
    assert timex(ex, "August").value == "2008-08"
    assert timex(ex, "then").value == "2008-08"  # the anaphor follows the correction
    assert [e.date_value for e in ex.events if e.type == "military-action"] == ["2008-08"]


def test_event_noun_month_ahead_of_a_past_report():
    ex = run("Russia will carefully observe the November vote, the spokesman said.", "2024-07-14")
    assert timex(ex, "November").value == "2024-11"


def test_month_that_is_not_a_noun_modifier_keeps_the_tense():
    ex = run("Russia will hold a vote in August on the question.", "2008-12-19")
    assert timex(ex, "August").value == "2009-08"


def test_starting_weekday_is_the_coming_one():
    ex = run("NATO has decided to limit access to its headquarters to Russian diplomats from Tuesday.",
             "2014-04-07")
    assert timex(ex, "Tuesday").value == "2014-04-08"
    (e,) = ex.events
    assert e.date_value == "2014-04-08"


def test_closed_range_from_weekday_stays_in_the_past():
    ex = run("Troops exercised near the border from Tuesday to Thursday.", "2014-04-11")
    assert timex(ex, "Tuesday").value == "2014-04-08"


def test_deixis_of_a_dated_statement_counts_from_its_day():
    ex = run("NATO will strengthen its eastern flank following the intrusion of drones into Polish "
             "airspace this week, NATO announced on Sept. 12.", "2025-10-15")
    assert timex(ex, "this week").value == "2025-W37"
    assert PartialDate(2025, 9) in {e.date for e in ex.events if e.type == "military-action"}


def test_deixis_without_a_dated_statement_counts_from_the_dct():
    ex = run("Drones entered Polish airspace this week.", "2025-10-15")
    assert timex(ex, "this week").value == "2025-W42"


def test_duration_ahead_dates_a_planned_meeting_at_its_month():
    ex = run("The ministers' meeting is expected within the next two weeks, in Brussels, officials said.",
             "2016-04-08")
    (e,) = ex.events
    assert (e.date_value, e.type, e.status) == ("2016-04", "meeting", "scheduled")
    assert timex(ex, "the next two weeks").type == "DURATION"  # the stored expression is untouched


def test_duration_without_a_dct_dates_nothing():
    ex = run("The ministers' meeting will take place in the next two weeks in Brussels.", None)
    assert ex.events == ()


def test_long_range_dates_its_event_by_the_year():
    ex = run("The treaty was drafted 19 May – 9 November 2009 in Geneva.", None)
    assert [e.date_value for e in ex.events] == ["2009"]


def test_short_range_dates_its_event_by_the_first_day():
    ex = run("The G-7 summit will take place on July 8-10 in Naples.", "1994-06-23")
    assert [e.date_value for e in ex.events] == ["1994-07-08"]


def test_a_month_a_future_verb_dates_lies_ahead():
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_text

    body = "Report.\n\nThe envoy said that enlargement will proceed at the Riga summit in July.\n"
    doc = read_text(body, published=PartialDate(1997, 3, 21))
    dates = {c.date.value for c in extract_document(doc).events if c.date}
    assert "1997-07" in dates and "1996-07" not in dates, dates


def test_what_was_decided_lies_ahead_of_the_deciding():
    doc = read_text("The harbour states agreed on Tuesday to hold a summit in Bergen in July.", name="t.txt",
                    published=PartialDate(2023, 1, 10))
    july = [c for c in extract_document(doc).events if c.date is not None and c.date.month == 7]
    assert [(c.date.value, c.status) for c in july] == [("2023-07", "scheduled")], july
    # an infinitive that completes no decision keeps its own time
    doc = read_text("The envoys were prepared to sign the accord in July.", name="t.txt",
                    published=PartialDate(2023, 1, 10))
    assert all(c.date is None or c.date.value != "2023-07" for c in extract_document(doc).events)


def test_a_quoted_verb_does_not_date_a_weekday_outside_the_quotation():
    # a Saturday report: the quotation's future is the speaker's, the Friday is yesterday's
    ex = run("At a news conference Friday, the mayor was brief: “The new quay will open.” "
             "And with that the dispute ended.", "1997-03-22")
    assert timex(ex, "Friday").value == "1997-03-21"


def test_an_act_in_the_simple_present_on_a_weekday_is_on_the_schedule():
    # a Friday report: "meet on Saturday" is the coming Saturday, "met on Saturday" the last one
    ex = run("Harbour ministers of Norway and Sweden meet in Oslo on Saturday for the first time since the storm.",
             "2009-06-26")
    assert timex(ex, "Saturday").value == "2009-06-27"
    ex = run("Harbour ministers of Norway and Sweden met in Oslo on Saturday.", "2009-06-26")
    assert timex(ex, "Saturday").value == "2009-06-20"



@pytest.mark.parametrize(
    "sentence, published, expression, value",
    [
        # a Thursday report: "said there would be a meeting on Friday" is the coming Friday
        ("The mayor said there would be an emergency meeting of the harbour board on Friday.", "2022-02-24",
         "Friday", "2022-02-25"),
        # "would have" tells what did not happen, and a plain past stays in the past
        ("The mayor said the board would have met on Friday if the ferry had come.", "2022-02-24",
         "Friday", "2022-02-18"),
        ("The mayor said the board met on Friday.", "2022-02-24", "Friday", "2022-02-18"),
        # an event noun's month after "since" lies before the report; without "since" it
        # is the nearest one
        ("Ties between the two ports have cooled since the September talks.", "2002-05-28",
         "September", "2001-09"),
        ("The mayor spoke about the September talks.", "2002-05-28", "September", "2002-09"),
        # a March report: "allowed to carry out an inspection since Jan. 13" is this January,
        # though an infinitive of planning stands before it
        ("It was the first time the envoy had been allowed to carry out an inspection since Jan. 13.",
         "1998-03-06", "Jan. 13", "1998-01-13"),
        # "announced plans to": a noun after a past verb, whose time is the announcing;
        # "plans to" after a subject is a plan, ahead
        ("The mayor announced plans to close the ferry line on October 20.", "2018-12-04",
         "October 20", "2018-10-20"),
        ("The mayor plans to close the ferry line on October 20.", "2018-12-04", "October 20", "2019-10-20"),
    ],
)
def test_the_verb_of_saying_and_since_place_a_date_without_its_year(sentence, published, expression, value):
    assert timex(run(sentence, published), expression).value == value
