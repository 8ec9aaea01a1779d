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
