"""TIMEX3 conventions added for TempEval-3 grade: signals, tense of the governing verb,
modifiers of "ago". Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import tag
from nato_timeline.temporal.types import PartialDate

OCT = PartialDate(1997, 10, 30)  # a Thursday


def one(text, dct, extent):
    ts = [t for t in tag(text, dct) if t.text == extent]
    assert len(ts) == 1, [(t.text, t.value) for t in tag(text, dct)]
    return ts[0]


# ------------------------------------------------------------------ signals
@pytest.mark.parametrize(
    "text,extent,value,point",
    [
        # later/earlier count from the last date of the narration
        ("The plant closed in June 1994 and reopened four months later.", "four months", "P4M", "1994-10"),
        ("The pact was signed on 3 May 2001; ten days earlier talks had stalled.", "ten days", "P10D", "2001-04-23"),
        ("The bank failed in 1931. Two years later a new one opened.", "Two years", "P2Y", "1933"),
        # before/after + a date: from that date
        ("The vote came two weeks after 1 March 2002 and surprised everyone.", "two weeks", "P2W", "2002-03-15"),
        ("Ships left three days before 10 July 1990.", "three days", "P3D", "1990-07-07"),
    ],
)
def test_signal_gives_the_duration_a_point(text, extent, value, point):
    t = one(text, None, extent)
    assert (t.type, t.value, t.extra.get("point"), t.extra.get("point_anchor")) == ("DURATION", value, point, "context")


@pytest.mark.parametrize(
    "text,extent",
    [
        ("A week before the summit, ministers met in secret.", "A week"),  # an event, not a date
        ("He left the town. Three days later he came back.", "Three days"),  # no narrated date
        ("In 1990 the wall fell; a month after the election the parties merged.", "a month"),
    ],
)
def test_signal_without_a_date_has_no_point(text, extent):
    t = one(text, OCT, extent)
    assert t.type == "DURATION" and "point" not in t.extra and t.point is None


def test_a_day_point_needs_a_day():
    # "ten days after" a month: no day can be computed, so no point is invented
    t = one("The strike began in May 1980 and ended ten days after.", None, "ten days")
    assert "point" not in t.extra


# ------------------------------------------------------------------ ago with a modifier
@pytest.mark.parametrize(
    "text,extent,value,mod",
    [
        ("The war ended nearly four years ago.", "nearly four years ago", "1993", "LESS_THAN"),
        ("We asked them over a year ago.", "over a year ago", "1996", "MORE_THAN"),
        ("It began about two months ago.", "about two months ago", "1997-08", "APPROX"),
    ],
)
def test_ago_keeps_its_modifier(text, extent, value, mod):
    t = one(text, OCT, extent)
    assert (t.type, t.value, t.mod) == ("DATE", value, mod)


# ------------------------------------------------------------------ tense of the governing verb
@pytest.mark.parametrize(
    "text,extent,value",
    [
        # a deadline or schedule lies ahead although the sentence has a past verb
        ("The board declared a dividend payable Dec. 12 to holders.", "Dec. 12", "1997-12-12"),
        ("Holders of record Nov. 20 get the shares, it announced.", "Nov. 20", "1997-11-20"),
        ("The offer, which was extended to Nov. 14, lapsed.", "Nov. 14", "1997-11-14"),
        ("They said the sale is to be completed by Dec. 1.", "Dec. 1", "1997-12-01"),
        ("The firm said it expects the merger to close in January.", "January", "1998-01"),
        # a participle after an auxiliary is not a past-tense verb: the auxiliary decides
        ("Results will be released in December, it added.", "December", "1997-12"),
        # a plain past verb still sends a later month to the previous year
        ("The company reported a loss in December.", "December", "1996-12"),
        ("The tender had been due to expire Friday, officials said.", "Friday", "1997-10-24"),
    ],
)
def test_tense_reads_the_verb_group(text, extent, value):
    assert one(text, OCT, extent).value == value


# ------------------------------------------------------------------ spoken years, decades, holidays
@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The plant opened in nineteen eighty-two.", "nineteen eighty-two", "1982"),
        ("Targets for the year two thousand were dropped.", "the year two thousand", "2000"),
        ("Rates peaked in March nineteen eighty.", "March nineteen eighty", "1980-03"),
        ("Prices were low in the spring of nineteen seventy-three.", "the spring of nineteen seventy-three", "1973-SP"),
        ("The scheme dates from the early seventies.", "the early seventies", "197"),
        ("Ships were sunk on Christmas Day 1941.", "Christmas Day 1941", "1941-12-25"),
        ("The vote came after Easter 2016.", "Easter 2016", "2016-03-27"),
    ],
)
def test_spoken_years_decades_holidays(text, extent, value):
    assert one(text, None, extent).value == value


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The boy was rescued on Thanksgiving Day.", "Thanksgiving Day", "1996-11-28"),  # past: last year's
        ("Talks will resume after Christmas.", "Christmas", "1997-12-25"),
        ("Shops closed last Christmas.", "last Christmas", "1996-12-25"),
        ("The deal should close by year-end.", "year-end", "1997"),
        ("Savings are due by the end of the year.", "the end of the year", "1997"),
    ],
)
def test_holidays_and_period_ends_take_the_document_year(text, extent, value):
    assert one(text, OCT, extent).value == value


def test_holiday_without_document_date_stays_unresolved():
    t = one("The boy was rescued on Thanksgiving Day.", None, "Thanksgiving Day")
    assert (t.value, t.anchor) == ("XXXX-11-XX", "unresolved")


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Reed, 61 years old, will retire.",  # an age
        "The dividend rate is $2.40 a year.",  # a rate after an amount
        "The plan saves $30 million a year.",
        "They paid nineteen ninety dollars.",  # a count, not a spoken year
    ],
)
def test_not_temporal(text):
    assert [t.text for t in tag(text, OCT)] == []


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The mill stood empty for years.", "years", "PXY"),
        ("Aid should arrive within weeks.", "weeks", "PXW"),
        ("Prices may ease in the coming months.", "the coming months", "PXM"),
    ],
)
def test_durations_of_unknown_length(text, extent, value):
    t = one(text, OCT, extent)
    assert (t.type, t.value) == ("DURATION", value)


@pytest.mark.parametrize(
    "text",
    [
        "Talks stalled in recent months.",  # vague, no measurable length: unmarked
        "After months of talks they agreed.",
        "The wine was aged for years-long periods.",
    ],
)
def test_vague_plurals_stay_unmarked(text):
    assert [t.text for t in tag(text, OCT)] == []


# ------------------------------------------------------------------ third pass
def test_a_listed_ed_form_after_a_determiner_is_an_adjective():
    # "planned" is a future cue, but "the hastily planned talks" is no verb: "began" decides
    t = one("On Friday, as the hastily planned talks began, the envoy left.", OCT, "Friday")
    assert t.value == "1997-10-24"
    # the same word as a verb still counts
    assert one("On Friday, the envoy planned to leave.", OCT, "Friday").value == "1997-10-31"


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The mayor was shot last Nov. 3 at home.", "last Nov. 3", "1996-11-03"),  # November 3 is ahead of the DCT
        ("The mayor was shot last Oct. 29 at home.", "last Oct. 29", "1997-10-29"),
        ("The vote is due next March 3, aides said.", "next March 3", "1998-03-03"),
        ("The lease ended last Feb. 29.", "last Feb. 29", "1996-02-29"),  # the latest 29 February
    ],
)
def test_month_day_with_a_direction_word(text, extent, value):
    assert one(text, OCT, extent).value == value


def test_month_day_with_a_direction_word_without_document_date_stays_unresolved():
    t = one("The mayor was shot last Oct. 23 at home.", None, "last Oct. 23")
    assert (t.value, t.anchor) == ("XXXX-10-23", "unresolved")
