"""TIMEX3 value conventions (TimeML annotation guidelines), each from a sentence written
for the test: year-less months near the document date, reference words, times on weekdays,
TIMEX3 granularity of compared periods."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import tag
from nato_timeline.temporal.types import PartialDate

AUG = PartialDate(2003, 8, 20)  # a Wednesday
OCT = PartialDate(2011, 10, 28)  # a Friday


def one(text, dct, extent):
    ts = [t for t in tag(text, dct) if t.text == extent]
    assert len(ts) == 1, [(t.text, t.value) for t in tag(text, dct)]
    return ts[0]


# ------------------------------------------------------------------ year-less months
@pytest.mark.parametrize(
    "text,dct,extent,value",
    [
        # the past verb governs the clause, not the month: the coming September is nearer
        ("The ministry told farmers about a cut in water supplies in September.", AUG, "September", "2003-09"),
        ("The court ordered him to stay in the country until March 6.", PartialDate(2004, 1, 9), "March 6", "2004-03-06"),
        ("The bank agreed to buy the insurer in January.", OCT, "January", "2012-01"),
        # a future verb far from the month: the recent occurrence is nearer
        ("Officials will study the causes of the August floods.", PartialDate(2010, 12, 2), "August", "2010-08"),
        # present tense: the nearest occurrence
        ("Prices have fallen from the middle of October.", PartialDate(2004, 2, 10), "the middle of October", "2003-10"),
        ("The plan is to repay the loan by February.", OCT, "February", "2012-02"),
        # a past verb right before the date governs it: the previous occurrence however far
        ("The group bought the mill in December.", OCT, "December", "2010-12"),
        ("For the fiscal year ended Nov. 30, sales rose.", OCT, "Nov. 30", "2010-11-30"),
        # a past verb within reach keeps the past occurrence
        ("The strike that began in June hurt output.", OCT, "June", "2011-06"),
    ],
)
def test_year_less_month_nearest_within_tense_reach(text, dct, extent, value):
    assert one(text, dct, extent).value == value


# ------------------------------------------------------------------ reference words
@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The envoy recently met the minister.", "recently", "PAST_REF"),
        ("Until recently the port was closed.", "recently", "PAST_REF"),
        ("Peace seems far away at the present time.", "the present", "PRESENT_REF"),
        ("From the past to the present, little changed.", "the present", "PRESENT_REF"),
    ],
)
def test_reference_words(text, extent, value):
    t = one(text, OCT, extent)
    assert (t.type, t.value) == ("DATE", value)


@pytest.mark.parametrize("text", ["The present owner sold the farm.", "It breaks the present rules of the club."])
def test_the_present_before_a_noun_is_not_a_time(text):
    assert [t.text for t in tag(text, OCT)] == []


# ------------------------------------------------------------------ a clock time with its day
@pytest.mark.parametrize(
    "text,extent,type_,value",
    [
        ("The ferry sank at 11 p.m. Monday, the coast guard said.", "11 p.m. Monday", "TIME", "2003-08-18T23:00"),
        ("Polls will open at 7:30 a.m. Saturday.", "7:30 a.m. Saturday", "TIME", "2003-08-23T07:30"),
        ("The strike began at noon Tuesday.", "noon Tuesday", "TIME", "2003-08-19T12:00"),
        ("Bids are due by 5 p.m. EDT, Sept. 2.", "5 p.m. EDT, Sept. 2", "TIME", "2003-09-02T17:00"),
        ("He stays until 9 a.m. Friday.", "9 a.m. Friday", "TIME", "2003-08-22T09:00"),
        # a weekday with its month and day: the date, whatever the tense says
        ("The paper wrote in an editorial on Sunday, Aug. 24:", "Sunday, Aug. 24", "DATE", "2003-08-24"),
    ],
)
def test_clock_time_or_date_with_weekday(text, extent, type_, value):
    t = one(text, AUG, extent)
    assert (t.type, t.value) == (type_, value)


# ------------------------------------------------------------------ compared periods
def test_year_ago_compares_with_the_reported_quarter_across_other_dates():
    text = (
        "Second-quarter profit at the brewer rose 8% to $40 million, the company said on Oct. 3. "
        "The results include a gain from the sale of a plant in June. Revenue was $1.1 billion, "
        "up from $900 million a year earlier."
    )
    t = one(text, PartialDate(2007, 10, 4), "a year earlier")
    assert (t.value, t.anchor) == ("2006-Q2", "context")


def test_year_ago_without_a_quarter_is_a_year():
    t = one("Sales rose on Oct. 3, against a weak month a year earlier.", PartialDate(2007, 10, 4), "a year earlier")
    assert t.value == "2006"


# ------------------------------------------------------------------ quarters and halves
@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The bank took a charge in the 2010 fourth quarter.", "the 2010 fourth quarter", "2010-Q4"),
        ("The spin-off could be done in next year's first quarter.", "next year's first quarter", "2012-Q1"),
        ("Margins fell in last year's third quarter.", "last year's third quarter", "2010-Q3"),
        ("Exports slowed in the last half of 2009.", "the last half of 2009", "2009-H2"),
    ],
)
def test_quarters_and_halves(text, extent, value):
    t = one(text, OCT, extent)
    assert (t.type, t.value) == ("DATE", value)


# ------------------------------------------------------------------ tense cues
def test_next_to_is_a_place_not_the_future():
    t = one("The blast hit the market next to the station on Friday.", AUG, "Friday")
    assert t.value == "2003-08-15"


def test_next_week_is_still_the_future():
    t = one("Talks resume on Friday and again next week.", AUG, "Friday")
    assert t.value == "2003-08-22"


def test_a_year_earlier_adjective_is_the_compared_period_not_a_duration():
    t = one("Third-quarter net was $3 million, against a year-earlier loss of $1 million.", PartialDate(1995, 11, 2), "year-earlier")
    assert (t.type, t.value) == ("DATE", "1994-Q3")


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The plant opened in March 1994. Later that year it was sold.", "Later that year", "1994"),
        ("Talks failed on 4 June 2001; that month the army moved in.", "that month", "2001-06"),
    ],
)
def test_that_year_takes_the_narrated_date(text, extent, value):
    t = one(text, OCT, extent)
    assert (t.value, t.anchor) == (value, "context")


def test_that_year_in_a_noun_phrase_is_not_a_date():
    assert [t.text for t in tag("He won that year's prize.", None)] == []


def test_an_ed_adjective_after_a_determiner_is_no_past_verb():
    # "unspecified" is an adjective: "would" decides, and January is the coming one
    t = one("The bonus would be paid on a still unspecified date in January.", OCT, "January")
    assert t.value == "2012-01"
    t = one("The bonus was paid in January.", OCT, "January")
    assert t.value == "2011-01"


# ------------------------------------------------------------------ half units
@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Refugees spent 4 1/2 years in the camps.", "4 1/2 years", "P4Y6M"),
        ("The hearing ran for six and a half hours.", "six and a half hours", "PT6H30M"),
        ("The speech lasted a minute and a half.", "a minute and a half", "PT1M30S"),
        ("Talks went on for a year and a half.", "a year and a half", "P1Y6M"),
    ],
)
def test_half_units(text, extent, value):
    t = one(text, None, extent)
    assert (t.type, t.value) == ("DURATION", value)


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The club meets on Thursdays.", "Thursdays", "XXXX-WXX-4"),
        ("Trains run late on Saturday nights.", "Saturday nights", "XXXX-WXX-6TNI"),
    ],
)
def test_plural_weekday_is_a_set(text, extent, value):
    t = one(text, OCT, extent)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    "text", ["The region grows about three-quarters of the wheat.", "More than a quarter of its staff left."]
)
def test_a_fraction_of_something_is_not_a_duration(text):
    assert [t.text for t in tag(text, OCT)] == []


def test_three_quarters_of_a_year_stays_a_duration():
    assert [t.text for t in tag("Sales rose in three quarters of 2010.", OCT)] == ["three quarters", "2010"]


# ------------------------------------------------------------------ seasons and the current year
@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Orders picked up over the summer.", "the summer", "2011-SU"),
        ("Prices were low in the early summer.", "the early summer", "2011-SU"),
        ("The fleet will sail in winter.", "winter", "2011-WI"),
        ("Profit should rise in the current fiscal year.", "the current fiscal year", "2011"),
    ],
)
def test_bare_seasons_and_current_fiscal_year(text, extent, value):
    assert one(text, OCT, extent).value == value


@pytest.mark.parametrize("text", ["Leaves fall in October.", "Activists held a Spring of Life march."])
def test_fall_verb_and_season_names_are_not_seasons(text):
    assert [t.text for t in tag(text, OCT) if t.value.endswith(("FA", "SP"))] == []


def test_the_year_period_is_the_reported_quarter_of_that_year():
    text = "Fourth-quarter profit was $8 million, against $6 million in the 2004 period. In the quarter, sales rose."
    ts = {t.text: t for t in tag(text, PartialDate(2006, 2, 1))}
    assert (ts["the 2004 period"].value, ts["the 2004 period"].anchor) == ("2004-Q4", "context")
    # the compared period does not become the quarter that "the quarter" refers to
    assert ts["the quarter"].value == ts["Fourth-quarter"].value == "2005-Q4"


def test_the_year_period_without_a_quarter_keeps_the_year():
    assert one("Sales fell from the 2004 period.", None, "the 2004 period").value == "2004-QX"


def test_possessive_weekday_is_not_governed_by_the_clause_tense():
    # DCT Wednesday 2003-08-20: "Monday's ruling" is the ruling already made
    t = one("Lawyers will appeal Monday's ruling next month.", AUG, "Monday")
    assert t.value == "2003-08-18"
    # without the possessive the future verb still decides
    assert one("Lawyers will appeal on Monday.", AUG, "Monday").value == "2003-08-25"


def test_a_superseded_schedule_is_past():
    t = one("The offer had been scheduled to expire Friday, but it was extended.", AUG, "Friday")
    assert t.value == "2003-08-15"


def test_a_past_verb_eight_words_back_still_governs_the_month():
    t = one("The allies suspended the formal work of the council in August.", PartialDate(2009, 6, 3), "August")
    assert t.value == "2008-08"


@pytest.mark.parametrize("text", [
    "The minister said he had confirmed that the talks will proceed at the Oslo summit in July.",
    "The minister said that the Oslo summit will gather several hundred envoys in July.",
])
def test_a_word_that_only_ends_like_a_past_is_no_past(text):
    # "proceed", "hundred": the ending is no past form; the future is nearer
    assert one(text, PartialDate(1997, 3, 21), "July").value == "1997-07"


def test_a_month_naming_an_event_takes_the_nearest_occurrence():
    # "the August war": the clause's future verb does not move the war into the next August
    t = one("Moscow will insist on finding the cause of the August war.", PartialDate(2008, 12, 19), "August")
    assert t.value == "2008-08"
    t = one("The aide declined to say what would change after the November vote.", PartialDate(2024, 7, 14), "November")
    assert t.value == "2024-11"
    # ... also when the event is named by a range of days ("the July 8-9 summit")
    t = one("They were discussing preparations for the July 8-9 summit.", PartialDate(2016, 5, 31), "July 8")
    assert t.value == "2016-07-08"


@pytest.mark.parametrize("text", ["A second team of inspectors arrived.", "It would be a second defeat for him."])
def test_a_second_as_an_ordinal_is_not_a_duration(text):
    assert [t.text for t in tag(text, OCT)] == []


def test_a_second_as_a_unit_stays_a_duration():
    assert [(t.text, t.value) for t in tag("The light flashed for a second and died.", OCT)] == [("a second", "PT1S")]
