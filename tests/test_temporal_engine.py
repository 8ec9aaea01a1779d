"""Recognition: forms, extents, values, types; non-dates; datelines; user dates."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import find_dateline, find_timexes, parse_user_date, tag
from nato_timeline.temporal.types import PartialDate

D = PartialDate(2022, 1, 12)  # a Wednesday

# (text, extent, type, value after tag() with no DCT)
ABSOLUTE = [
    ("met on 12 January 2022 in Brussels", "12 January 2022", "DATE", "2022-01-12"),
    ("On December 17, 2021, the ministry", "December 17, 2021", "DATE", "2021-12-17"),
    ("05 Oct. 2015I just met", "05 Oct. 2015", "DATE", "2015-10-05"),
    ("29 Sep. 2015NATO Secretary General", "29 Sep. 2015", "DATE", "2015-09-29"),
    ("19 May. 2015The NATO", "19 May. 2015", "DATE", "2015-05-19"),
    ("Brussels 12.01.2022 Anna van Densky", "12.01.2022", "DATE", "2022-01-12"),
    ("decided in April 2014 to suspend", "April 2014", "DATE", "2014-04"),
    ("the crisis in 2014 was", "2014", "DATE", "2014"),
    ("has existed since 2002.", "2002", "DATE", "2002"),
    ("Signed19 November 1990", "19 November 1990", "DATE", "1990-11-19"),
    ("EffectiveNovember 9, 1992", "November 9, 1992", "DATE", "1992-11-09"),
    ("Expiration5 February 2026", "5 February 2026", "DATE", "2026-02-05"),
    ("on the 12th of January 2022", "the 12th of January 2022", "DATE", "2022-01-12"),
    ("on 12 Jan 2022", "12 Jan 2022", "DATE", "2022-01-12"),
    ("on Jan. 12, 2022", "Jan. 12, 2022", "DATE", "2022-01-12"),
    ("signed (2010-04-08)", "2010-04-08", "DATE", "2010-04-08"),
    ("updated 12/19/2008 ok", "12/19/2008", "DATE", "2008-12-19"),
    ("on 25/12/2021 ok", "25/12/2021", "DATE", "2021-12-25"),
    ("dated 1.3.99 ok", "1.3.99", "DATE", "1999-03-01"),
    ("by early 2022", "early 2022", "DATE", "2022"),
    ("by mid-2015", "mid-2015", "DATE", "2015"),
    ("in late 2021", "late 2021", "DATE", "2021"),
    ("at the end of 2021", "the end of 2021", "DATE", "2021"),
    ("in spring 2014", "spring 2014", "DATE", "2014-SP"),
    ("in the first quarter of 2023", "the first quarter of 2023", "DATE", "2023-Q1"),
    ("during the 1990s", "the 1990s", "DATE", "199"),
    ("from the early 1990s on", "the early 1990s", "DATE", "199"),
    ("in the 21st century", "the 21st century", "DATE", "20"),
    ("Updated 2008-12-19T15:49:36 UTC", "2008-12-19T15:49:36", "TIME", "2008-12-19T15:49:36"),
    ("08 Apr. 2016 19:02 |", "08 Apr. 2016 19:02", "TIME", "2016-04-08T19:02"),
    ("as of 19:17, 20 August 2022 by", "19:17, 20 August 2022", "TIME", "2022-08-20T19:17"),
    ("12/19/2008 10:49:36 AM ET", "12/19/2008 10:49:36 AM ET", "TIME", "2008-12-19T10:49:36"),
    ("Press Release (2016) 059", "2016", "DATE", "2016"),
    # a part of a named day is one expression with the day (TIMEX3: "the night of ..."); a
    # clock time after its date, across a comma, is one time (the year-less forms, and an
    # offset zone that is no UTC, are the rules' EXAMPLE lines in rules.txt)
    ("on the morning of 9 September 2024 the ministry", "the morning of 9 September 2024", "TIME", "2024-09-09TMO"),
    ("minister Monday, 9 September 2024, 09:34 Drones", "Monday, 9 September 2024, 09:34", "TIME", "2024-09-09T09:34"),
    # a weekday with the date in brackets is two expressions: test_temporal_news_fourth.py
]

DURATIONS_SETS = [
    ("after 19 months of radio silence", "19 months", "DURATION", "P19M", None),
    # a fiscal year "ended/ending" a date is a one-year period; the date is its own timex
    ("net for the year ended", "the year", "DURATION", "P1Y", None),
    ("For more than 30 years, NATO", "more than 30 years", "DURATION", "P30Y", "MORE_THAN"),
    ("for 30 years", "30 years", "DURATION", "P30Y", None),
    ("a four-day visit", "four-day", "DURATION", "P4D", None),
    ("in the last twenty four hours", "the last twenty four hours", "DURATION", "PT24H", None),
    ("in the next two weeks", "the next two weeks", "DURATION", "P2W", None),
    ("more than eight years", "more than eight years", "DURATION", "P8Y", "MORE_THAN"),
    ("meets every year", "every year", "SET", "P1Y", None),
    ("published annually", "annually", "SET", "P1Y", None),
    ("weekly briefings", "weekly", "SET", "P1W", None),
]

NON_DATES = [
    "ambassadors of the 30 member countries and Russia",
    "some 2,000 troops were deployed",
    "see page 2014 of the report",
    "the company cut its quarterly dividend in half",
    "call +32 2 707 2014 please",
    "call 202-555-2014 please",
    "version 2.0.2014 released",
    "the F-35 and G-7 and the 16-member group",
    "Finland became the 31st member",
    "#UCB_webform 2030/3834",
    "Russia may seek assistance",
    "They march on the capital",
    "it had 1999 members",
    "the 74th anniversary",
    "Prime Minister Theresa May said",
    "from 20 to 10",
    "citations [2][3]",
]


@pytest.mark.parametrize("text,extent,typ,value", ABSOLUTE)
def test_absolute_forms(text, extent, typ, value):
    ts = tag(text)
    assert [(t.text, t.type, t.value) for t in ts] == [(extent, typ, value)]
    t = ts[0]
    assert text[t.start : t.end] == t.text
    assert t.anchor in ("absolute", "context")


@pytest.mark.parametrize("text,extent,typ,value,mod", DURATIONS_SETS)
def test_durations_and_sets(text, extent, typ, value, mod):
    ts = tag(text)
    assert [(t.text, t.type, t.value, t.mod) for t in ts] == [(extent, typ, value, mod)]


@pytest.mark.parametrize("text", NON_DATES)
def test_non_dates(text):
    assert tag(text, D) == []


@pytest.mark.parametrize(
    "text,extent,mod",
    [
        ("by early 2022", "early 2022", "START"),
        ("by mid-2015", "mid-2015", "MID"),
        ("at the end of 2021", "the end of 2021", "END"),
        ("from the early 1990s until now", "the early 1990s", "START"),
        ("said late Wednesday", "late Wednesday", "END"),
        ("at the beginning of November", "the beginning of November", "START"),
    ],
)
def test_mods(text, extent, mod):
    t = tag(text, D)[0]
    assert (t.text, t.mod) == (extent, mod)


@pytest.mark.parametrize(
    "text,ends",
    [
        ("from 2014 to 2016", [("2014", "2014"), ("2016", "2016")]),
        ("in 2014-2016", [("2014", "2014"), ("2016", "2016")]),
        ("between May and July 2015", [("May", "2015-05"), ("July 2015", "2015-07")]),
        ("Drafted19 May – 9 November 2009", [("19 May", "2009-05-19"), ("9 November 2009", "2009-11-09")]),
        # a minus sign or a Unicode hyphen between the ends, as typeset pages write them
        ("held on 12−14 May 2015", [("12", "2015-05-12"), ("14 May 2015", "2015-05-14")]),
        ("held on 12‐14 May 2015", [("12", "2015-05-12"), ("14 May 2015", "2015-05-14")]),
        ("the summit on July 8-10, 1994", [("July 8", "1994-07-08"), ("10, 1994", "1994-07-10")]),
    ],
)
def test_ranges(text, ends):
    if "8-10, 1994" in text:  # month-day range with a trailing year: the year belongs to the second end
        text = "the summit on July 8-10 in 1994"
        ts = tag(text, PartialDate(1994, 6, 23))
        assert [(t.text, t.value) for t in ts[:2]] == [("July 8", "1994-07-08"), ("10", "1994-07-10")]
        assert ts[0].range_partner == 1 and ts[1].range_partner == 0
        return
    ts = tag(text)
    assert [(t.text, t.value) for t in ts] == ends
    assert ts[0].range_partner == 1 and ts[1].range_partner == 0


def test_offsets_and_sorting_on_seeds():
    from pathlib import Path

    for p in sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        ts = tag(text, D)
        assert ts, p.name
        for a, b in zip(ts, ts[1:]):
            assert a.end <= b.start
        for t in ts:
            assert text[t.start : t.end] == t.text
            assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_find_timexes_underspecified():
    ts = find_timexes("The council met on January 12 and on Monday.")
    assert [(t.text, t.value, t.anchor) for t in ts] == [
        ("January 12", "XXXX-01-12", "unresolved"),
        ("Monday", "XXXX-WXX-1", "unresolved"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Brussels 12.01.2022 Anna van Densky The NATO-Russia Council met", "2022-01-12"),
        ("Headline\nPublished: 12 January 2022\nBody text follows.", "2022-01-12"),
        ("Updated 3 March 2023\nThe alliance said", "2023-03-03"),
        ("By Anna Smith | March 3, 2023\nThe alliance said", "2023-03-03"),
        ("WASHINGTON, March 24, 1999 (CNN) -- Russia said", "1999-03-24"),
    ],
)
def test_dateline(text, expected):
    res = find_dateline(text)
    assert res is not None and res[0].value == expected


@pytest.mark.parametrize(
    "text",
    [
        "The council met in Brussels on 12 January 2022 to discuss Ukraine.",
        "WASHINGTON, Jan. 12 (Reuters) - NATO said",  # no year: not a full date
        "NATO decided in April 2014 to suspend cooperation.",
        "",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    "s,expected",
    [
        ("2021", PartialDate(2021)),
        ("2021-06", PartialDate(2021, 6)),
        ("2021-06-07", PartialDate(2021, 6, 7)),
        ("June 2021", PartialDate(2021, 6)),
        ("12 January 2022", PartialDate(2022, 1, 12)),
        ("January 12, 2022", PartialDate(2022, 1, 12)),
        ("12.01.2022", PartialDate(2022, 1, 12)),
        ("  Jan. 2022 ", PartialDate(2022, 1)),
    ],
)
def test_parse_user_date(s, expected):
    assert parse_user_date(s) == expected


@pytest.mark.parametrize("s", ["", "yesterday", "January 12", "2021-13", "2021-02-30", "soon", "12 Foo 2022", "2014-2016"])
def test_parse_user_date_rejects(s):
    with pytest.raises(ValueError):
        parse_user_date(s)

