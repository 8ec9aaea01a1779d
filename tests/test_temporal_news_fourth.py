"""TimeML conventions of news reports, fourth round of issue 15: cases where HeidelTime's value
and the TempEval-3 gold agree and this engine's did not. Every sentence is written for the test."""

from __future__ import annotations

from nato_timeline.temporal import tag
from nato_timeline.temporal.types import PartialDate

MON = PartialDate(2001, 2, 26)  # a Monday


def values(text: str, dct: PartialDate | None = MON) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, dct)}


def test_a_time_word_tells_the_tense_only_when_no_verb_does() -> None:
    # "last" belongs to "last Monday"/"last Friday", not to the verb that governs March 9
    v = values("Ministers said they would move the summit, which was to open last Monday, to March 9.")
    assert v["March 9"] == "2001-03-09"
    v = values("The union said it would extend the strike, due to end last Friday, to March 9.")
    assert v["March 9"] == "2001-03-09"
    # with no verb cue in the sentence the time word still tells it
    assert values("Talks last week, and a vote on March 9.")["March 9"] == "2000-03-09"
    assert values("Talks next week, and a vote on March 9?")["March 9"] == "2001-03-09"


def test_a_vague_count_before_ago_is_the_past_and_before_from_now_the_future() -> None:
    assert values("Support rose from a third several years ago to half this year.")["several years ago"] == "PAST_REF"
    assert values("The mill shut a few months ago.")["a few months ago"] == "PAST_REF"
    assert values("A cure may come some years from now.")["some years from now"] == "FUTURE_REF"
    # a number makes it a date
    assert values("The mill shut two years ago.")["two years ago"] == "1999"


def test_a_clock_time_with_a_bracketed_zone_time_falls_on_the_weekday_after_them() -> None:
    sat = PartialDate(1998, 8, 8)
    v = values("The blast in the port came at about 10:35 a.m. (0735 GMT) Friday, killing two.", sat)
    assert (v["10:35 a.m."], v["0735 GMT"], v["Friday"]) == ("1998-08-07T10:35", "1998-08-07T07:35Z", "1998-08-07")
    # 8 p.m. local on Tuesday is 0100 GMT on Wednesday
    v = values("Polls closed at 8 p.m. (0100 GMT) Tuesday.", sat)
    assert (v["8 p.m."], v["0100 GMT"]) == ("1998-08-04T20:00", "1998-08-05T01:00Z")
    # without a weekday after them, the document's day
    v = values("The statement came at 10:18 p.m. EST (0318 GMT).", sat)
    assert (v["10:18 p.m. EST"], v["0318 GMT"]) == ("1998-08-08T22:18", "1998-08-09T03:18Z")


def test_a_weekday_with_its_date_in_brackets_is_that_date_and_the_two_are_apart() -> None:
    v = values("The council met on Thursday (4 March 2010) and again a week later.")
    assert (v["Thursday"], v["4 March 2010"]) == ("2010-03-04", "2010-03-04")
    v = values("Talks opened on Monday (Sept. 13, 1993) in Oslo.")
    assert (v["Monday"], v["Sept. 13, 1993"]) == ("1993-09-13", "1993-09-13")
    # a weekday and its date with a comma stay one expression
    assert values("The council met on Thursday, 4 March 2010.")["Thursday, 4 March 2010"] == "2010-03-04"


def test_written_forms_of_dates_and_times() -> None:
    # a day range in one month with its year after it: both ends take month and year
    v = values("- June 3-5, 1997: the council meets in Sintra.")
    assert (v["June 3"], v["5, 1997"]) == ("1997-06-03", "1997-06-05")
    # B.C with its last dot left out, as at the end of a bracket
    v = values("Polybius (200–118 B.C) saw Carthage fall.")
    assert (v["200"], v["118 B.C"]) == ("BC0200", "BC0118")
    # a day, a month name and a year joined by hyphens
    assert values("Last updated: 14-Feb-2003 by the press office")["14-Feb-2003"] == "2003-02-14"
    # seconds after a full date's clock time are kept
    assert values("Posted March 2, 2004 09:15:42 by staff")["March 2, 2004 09:15:42"] == "2004-03-02T09:15:42"


def test_a_daily_newspaper_is_a_paper_not_a_recurrence() -> None:
    assert values("The Polish daily newspaper Rzeczpospolita ran the story.") == {}
    assert values("She wrote for a weekly magazine.") == {}
    # the recurrence stays
    assert values("The patrols now run daily.")["daily"] == "P1D"


def test_the_last_century_is_the_century_before_the_writers() -> None:
    v = values("Two world wars marked the last century.", PartialDate(2004, 3, 30))
    assert v["the last century"] == "19"
    v = values("Wages lost ground to prices in the last decade.", PartialDate(1998, 2, 6))
    assert v["the last decade"] == "198"
    assert values("Wages lost ground over the past decade.")["the past decade"] == "P10Y"
    # the last year, decade or century and a half stay stretches of time
    assert values("Prices rose over the last year.")["the last year"] == "P1Y"
    assert values("Borders moved often in the last century and a half.")["the last century"] == "P100Y"


def test_a_frequency_word_before_a_payment_a_period_s_figures_or_an_amount_is_no_recurrence() -> None:
    assert values("The bank declared a quarterly cash dividend of 9 cents.") == {}
    assert values("The maker posted its first quarterly loss as a public firm.") == {}
    assert values("Turnover was above the average daily volume of 80 million shares.") == {}
    # a recurrence stays one
    assert values("The reserve will be reviewed quarterly.")["quarterly"] == "P3M"
    assert values("Weekly meetings of the council resumed.")["Weekly"] == "P1W"


def test_all_the_time_and_speeds_are_no_times() -> None:
    assert values("Marshals guarded the clinic 24 hours a day.") == {}
    assert values("The hotline is staffed seven days a week.") == {}
    assert values("The new chip handles 20 million instructions per second.") == {}
    assert values("Gusts reached 80 miles per hour.") == {}
    # a count of times per unit stays a set, a stretch of hours a duration
    assert values("Buses leave 4 times per hour.")["4 times per hour"] == "PT1H"
    assert values("The strike lasted 24 hours.")["24 hours"] == "PT24H"


def test_a_year_after_post_or_pre_is_that_year() -> None:
    assert values("The post-1991 order in Europe held.")["post-1991"] == "1991"
    assert values("Kyiv wants a return to pre-2014 borders.")["pre-2014"] == "2014"
    assert values("He left the post office in 1999.")["1999"] == "1999"
