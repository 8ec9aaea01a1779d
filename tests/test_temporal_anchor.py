"""Anchoring against the document date (DCT), the tense and the context."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import anchor_timexes, find_timexes, tag
from nato_timeline.temporal.types import PartialDate

WED = PartialDate(2022, 1, 12)  # Wednesday


def one(text, dct, extent=None):
    ts = tag(text, dct)
    if extent is not None:
        ts = [t for t in ts if t.text == extent]
    assert len(ts) == 1, [(t.text, t.value) for t in ts]
    return ts[0]


@pytest.mark.parametrize(
    "text,dct,extent,value,anchor",
    [
        ("He said today that", WED, "today", "2022-01-12", "document-date"),
        ("He said yesterday that", WED, "yesterday", "2022-01-11", "document-date"),
        ("They will meet tomorrow.", WED, "tomorrow", "2022-01-13", "document-date"),
        ("They met on Monday.", WED, "Monday", "2022-01-10", "document-date"),
        ("They will meet on Monday.", WED, "Monday", "2022-01-17", "document-date"),
        ("The officials said Wednesday that", WED, "Wednesday", "2022-01-12", "document-date"),
        ("He arrived last week.", WED, "last week", "2022-W01", "document-date"),
        ("The meeting is this week.", WED, "this week", "2022-W02", "document-date"),
        ("Sales rose this month.", WED, "this month", "2022-01", "document-date"),
        ("Elections are due next year.", WED, "next year", "2023", "document-date"),
        ("It happened two years ago.", WED, "two years ago", "2020", "document-date"),
        ("Prices rose earlier this year.", WED, "earlier this year", "2022", "document-date"),
        ("Relations are bad now.", WED, "now", "PRESENT_REF", "document-date"),
        ("The talks were held on January 10 in Geneva.", WED, "January 10", "2022-01-10", "document-date"),
        # past event in a month later than the DCT month: previous year
        ("The war broke out in August.", PartialDate(2009, 6, 3), "August", "2008-08", "document-date"),
        # coming month earlier in the year than the DCT month: next year
        ("Talks will resume in January.", PartialDate(2008, 12, 19), "January", "2009-01", "document-date"),
        ("They will meet next month.", PartialDate(2008, 12, 19), "next month", "2009-01", "document-date"),
        ("The ministers met last summer.", PartialDate(2009, 6, 3), "last summer", "2008-SU", "document-date"),
        # "last week" in a Sunday report: the writer's Sunday-start week → ISO week of the DCT
        ("At last week's summit", PartialDate(2024, 7, 14), "last week", "2024-W28", "document-date"),
        ("The new banner goes up Tuesday afternoon.", PartialDate(2023, 4, 4), "Tuesday afternoon", "2023-04-04TAF", "document-date"),
        ("A ceremony is scheduled for 1330 GMT.", PartialDate(2023, 4, 4), "1330 GMT", "2023-04-04T13:30Z", "document-date"),
        # "a year ago/earlier" after a quarter compares with that quarter one year before
        ("Third-quarter net rose to $5 million from $4 million a year ago.", PartialDate(1989, 11, 2), "a year ago", "1988-Q3", "context"),
        ("Third-quarter net was $5 million, against $4 million a year earlier.", PartialDate(1989, 11, 2), "a year earlier", "1988-Q3", "context"),
        ("In the third quarter sales fell from the year-earlier quarter.", PartialDate(1989, 11, 2), "the year-earlier quarter", "1988-Q3", "context"),
        # without a compared quarter: a year before the DCT
        ("Prices are higher than a year ago.", PartialDate(1989, 11, 2), "a year ago", "1988", "document-date"),
        # "the quarter" is the quarter last mentioned
        ("Third-quarter profit rose; in the quarter, sales fell.", PartialDate(1989, 11, 2), "the quarter", "1989-Q3", "context"),
        # a capitalised word ending in -ed ("United") is a name, not a past-tense verb
        ("He would be traveling to the United States Thursday.", PartialDate(2000, 4, 5), "Thursday", "2000-04-06", "document-date"),
        ("The group could leave as soon as Tuesday.", PartialDate(2000, 4, 3), "Tuesday", "2000-04-04", "document-date"),
        ("He spoke to reporters this morning.", WED, "this morning", "2022-01-12TMO", "document-date"),
        ("The talks ended last night.", WED, "last night", "2022-01-11TNI", "document-date"),
        ("Third-quarter net rose. Sales in the latest period were flat.", WED, "the latest period", "2021-Q3", "context"),
        # "the weekend": past → the latest weekend, future → the coming one
        ("Talks were held over the weekend.", PartialDate(1990, 8, 13), "the weekend", "1990-W32-WE", "document-date"),
        ("Talks will be held over the weekend.", PartialDate(1990, 8, 13), "the weekend", "1990-W33-WE", "document-date"),
    ],
)
def test_dct_anchoring(text, dct, extent, value, anchor):
    t = one(text, dct, extent)
    assert (t.value, t.anchor) == (value, anchor)


@pytest.mark.parametrize(
    "text,extent,xvalue",
    [
        ("He said yesterday that", "yesterday", "XXXX-XX-XX"),
        ("They met on Monday.", "Monday", "XXXX-WXX-1"),
        ("The council met on January 12, to discuss", "January 12", "XXXX-01-12"),
        ("He arrived last week.", "last week", "XXXX-WXX"),
        ("Elections are due next year.", "next year", "XXXX"),
        ("The war broke out in August.", "August", "XXXX-08"),
    ],
)
def test_without_dct_unresolved(text, extent, xvalue):
    t = one(text, None, extent)
    assert (t.value, t.anchor) == (xvalue, "unresolved")


def test_gmt_next_day():
    text = "late Wednesday, March 24, 1999, at 10:18 p.m. EST (0318 GMT)."
    ts = tag(text, PartialDate(1999, 3, 24))
    vals = {t.text: t.value for t in ts}
    assert vals["10:18 p.m. EST"] == "1999-03-24T22:18"
    assert vals["0318 GMT"] == "1999-03-25T03:18Z"


@pytest.mark.parametrize("dct", [None, PartialDate(2023, 5, 1)])
def test_context_next_day(dct):
    text = "On 10 March 2015 Russia announced the halt, effective as of the next day."
    t = one(text, dct, "the next day")
    assert (t.value, t.anchor) == ("2015-03-11", "context")


def test_context_years_later():
    # TimeML: "later" is a signal; the expression is the duration, which reaches a point
    text = "The treaty was signed in November 1990, but ratified three years later."
    t = one(text, None, "three years")
    assert (t.type, t.value, t.anchor) == ("DURATION", "P3Y", "absolute")
    assert t.extra["point"] == "1993" and t.point == PartialDate(1993)


def test_month_day_takes_year_of_preceding_date_without_dct():
    text = "The treaty was signed on 8 April 2010. It entered into force on February 5."
    t = one(text, None, "February 5")
    assert (t.value, t.anchor) == ("2010-02-05", "context")


def test_since_then_and_at_the_time():
    text = "Contacts were suspended after the war in August 2008 and frozen since then."
    t = one(text, None, "then")
    assert (t.value, t.anchor) == ("2008-08", "context")
    text = "The ministry expelled eight diplomats on October 6. It also stated at the time that"
    t = one(text, PartialDate(2021, 10, 18), "the time")
    assert (t.value, t.anchor) == ("2021-10-06", "context")


def test_ignore_excludes_context():
    text = "He has been at the USTV since 2017. Two years later he left."
    both = tag(text)
    assert [(t.value, t.extra.get("point")) for t in both] == [("2017", None), ("P2Y", "2019")]
    bio = text.index("2017")
    ignored = tag(text, ignore=lambda s, e: s <= bio < e)
    later = [t for t in ignored if t.text == "Two years"][0]
    assert later.value == "P2Y" and "point" not in later.extra and later.point is None


def test_anchor_timexes_on_found_list():
    text = "The NRC met on January 12 and will meet again on Monday."
    found = find_timexes(text)
    res = anchor_timexes(found, text, WED)
    assert [(t.value, t.anchor) for t in res] == [("2022-01-12", "document-date"), ("2022-01-17", "document-date")]
    assert [t.value for t in found] == ["XXXX-01-12", "XXXX-WXX-1"]  # input untouched


def test_range_first_end_takes_year_from_second():
    text = "between May and July 2015 the talks stalled"
    ts = tag(text, WED)
    assert [(t.value, t.anchor) for t in ts] == [("2015-05", "context"), ("2015-07", "absolute")]


def test_a_plan_named_by_a_noun_takes_the_tense_of_the_verb_before_it() -> None:
    # "announced plans to", "its plans to": the noun's verb tells the time; "plans to"
    # after its subject is a plan, ahead of the report
    dct = PartialDate(2018, 12, 4)
    (t,) = tag("The mayor announced plans to close the port on October 20.", dct)
    assert t.value == "2018-10-20"
    (t,) = tag("The mayor plans to close the port on October 20.", dct)
    assert t.extra["tense"] == "future"


def test_a_month_whose_noun_phrase_ends_in_a_year_is_of_that_year() -> None:
    dct = PartialDate(2019, 8, 8)  # a page stamped years after what it tells
    assert {t.text: t.value for t in tag("Timeline of the August strike 2008", dct)}["August"] == "2008-08"
    assert {t.text: t.value for t in tag("The March ferry protests of 2011 ended.", dct)}["March"] == "2011-03"
    # a year of another clause is not the month's
    assert {t.text: t.value for t in tag("In August the ferry sailed, and in 2008 it sank.", dct)}["August"] \
        == "2019-08"
