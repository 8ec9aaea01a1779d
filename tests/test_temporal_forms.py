"""Day ranges before a month, a date with its clock time, the reporting year, plural
weekends, "future" as a noun, seasons under way. Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import tag
from nato_timeline.temporal.types import PartialDate

APR = PartialDate(2015, 4, 24)  # a Friday in spring


def values(text: str, dct: PartialDate = APR) -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, dct)}


@pytest.mark.parametrize(
    "text,first,second",
    [
        ("The trade fair runs from 10-12 October at the harbour.", ("10", "2015-10-10"), ("12 October", "2015-10-12")),
        ("Ministers will meet from 3 to 5 May in Vienna.", ("3", "2015-05-03"), ("5 May", "2015-05-05")),
        ("The exercise will run 19–22 Sept. near the border.", ("19", "2015-09-19"), ("22 Sept.", "2015-09-22")),
    ],
)
def test_a_range_of_days_before_one_month(text, first, second) -> None:
    got = values(text)
    assert got.get(first[0]) == ("DATE", first[1]), got
    assert got.get(second[0]) == ("DATE", second[1]), got
    a, b = (t for t in tag(text, APR) if t.text in (first[0], second[0]))
    assert a.range_partner is not None and b.range_partner is not None


def test_a_range_of_days_with_its_year_keeps_the_year() -> None:
    got = values("The offensive lasted from 23-28 March 1951 and failed.")
    assert got.get("23") == ("DATE", "1951-03-23"), got
    assert got.get("28 March 1951") == ("DATE", "1951-03-28"), got


@pytest.mark.parametrize(
    "text",
    [
        "Scores were 10-12 in October.",  # a score, then a month
        "Chapter 3 to 5 May be read later.",  # the modal
    ],
)
def test_numbers_before_a_month_that_are_no_range(text: str) -> None:
    got = values(text)
    assert not any(v[1].endswith("-10-10") or v[1].endswith("-05-03") for v in got.values()), got


def test_a_full_date_with_its_clock_time() -> None:
    got = values("The workshop is on June 6, 2015 3pm at the studio.")
    assert got == {"June 6, 2015 3pm": ("TIME", "2015-06-06T15:00")}


@pytest.mark.parametrize(
    "text,extent",
    [
        ("Profit for the full year rose 4%.", "the full year"),
        ("Margins should improve throughout the fiscal year.", "the fiscal year"),
    ],
)
def test_the_reporting_year(text: str, extent: str) -> None:
    assert values(text).get(extent) == ("DATE", "2015")


def test_the_fiscal_year_ended_is_left_to_its_own_rule() -> None:
    got = values("Profit for the fiscal year ended June 30 rose.")
    assert got.get("the fiscal year") == ("DURATION", "P1Y"), got


@pytest.mark.parametrize(
    "text",
    ["The market is busiest on weekends.", "We spend our weekends by the sea."],
)
def test_plural_weekends_are_a_set(text: str) -> None:
    assert values(text).get("weekends") == ("SET", "XXXX-WE")


@pytest.mark.parametrize(
    "text",
    ["#weekends are for hiking", "Two weekends ago the roads were closed."],
)
def test_weekends_as_a_label_or_a_count(text: str) -> None:
    assert values(text).get("weekends") is None


@pytest.mark.parametrize(
    "text",
    [
        "We hope to work with the ministry more in future.",
        "Nobody knows what our future will bring.",
        "They talked about the country's future and its borders.",
        "A bright future, a calm sea.",
    ],
)
def test_future_as_a_noun_is_the_future(text: str) -> None:
    assert values(text).get("future") == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize(
    "text",
    [
        "Our future plans include a new office.",
        "Her future husband was at the party.",
        "The contract covers future deliveries.",
    ],
)
def test_future_before_a_noun_stays_a_word(text: str) -> None:
    assert "future" not in values(text)


@pytest.mark.parametrize(
    "text,dct,value",
    [
        # said during the season: the season under way, whatever the tense
        ("New colours for the coming spring collection arrive in spring.", APR, "2015-SP"),
        ("We walked in the park; spring was lovely.", PartialDate(2015, 5, 2), "2015-SP"),
        ("The harvest will be good this summer? No, in summer it rained.", PartialDate(2014, 7, 1), "2014-SU"),
    ],
)
def test_a_season_said_during_it(text: str, dct: PartialDate, value: str) -> None:
    got = [t.value for t in tag(text, dct) if t.text.lower().endswith(("spring", "summer")) and t.rule == "season_bare"]
    assert got and all(v == value for v in got), [(t.text, t.value, t.rule) for t in tag(text, dct)]


@pytest.mark.parametrize(
    "text,dct,value",
    [
        ("The troops had left in summer.", APR, "2014-SU"),  # past: the last one
        ("The troops will leave in autumn.", APR, "2015-FA"),  # future: the next one
    ],
)
def test_a_season_outside_it_follows_the_tense(text: str, dct: PartialDate, value: str) -> None:
    got = [t.value for t in tag(text, dct) if t.rule == "season_bare"]
    assert got == [value]


@pytest.mark.parametrize(
    "text,extent,value",
    [
        # invitations and suggestions point ahead, like "will"
        ("How about Sunday night at the pier?", "Sunday night", "2015-04-26TNI"),
        ("We're gonna climb the hill on Tuesday", "Tuesday", "2015-04-28"),
        ("See you on Wednesday, bring snacks", "Wednesday", "2015-04-29"),
        ("Can't wait for Monday", "Monday", "2015-04-27"),
    ],
)
def test_spoken_forms_that_point_ahead(text: str, extent: str, value: str) -> None:
    assert values(text).get(extent, (None, None))[1] == value, values(text)


def test_a_month_with_its_year_after_this() -> None:
    got = values("The gallery shows her prints this August 2016 in the old mill.")
    assert got == {"August 2016": ("DATE", "2016-08")}


@pytest.mark.parametrize(
    "text",
    ["For the week, the index fell 2%.", "A treat to end off the week!", "I will be posting photos over the week."],
)
def test_the_week_under_way(text: str) -> None:
    assert values(text).get("the week") == ("DATE", "2015-W17")


@pytest.mark.parametrize(
    "text",
    [
        "In the week before the vote the streets were quiet.",
        "The hearing is set for the week of March 6.",
        "Prices doubled the level of the week following the storm.",
        "During the week-long visit they toured the port.",
    ],
)
def test_a_week_named_by_what_follows(text: str) -> None:
    assert "the week" not in values(text)


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The mission needs two more weeks.", "two more weeks", "P2W"),
        ("The base stays for at least 20 more years.", "at least 20 more years", "P20Y"),
        ("One more day to the final!", "One more day", "P1D"),
        # abbreviated hours and minutes
        ("The queue took 7hrs in the rain.", "7hrs", "PT7H"),
        ("It was a 2 hr drive.", "2 hr", "PT2H"),
        ("Rest for 10 mins between sets.", "10 mins", "PT10M"),
        ("We hiked for 2.5 hrs to the hut.", "2.5 hrs", "PT2.5H"),
    ],
)
def test_more_durations(text: str, extent: str, value: str) -> None:
    assert values(text).get(extent) == ("DURATION", value), values(text)


def test_a_clock_time_written_with_hrs_is_no_duration() -> None:
    got = values("The column marched from 19:00 to 03:00hrs.")
    assert not any(t == "DURATION" for t, _ in got.values()), got


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Patrols leave every morning from the gate.", "every morning", "XXXX-XX-XXTMO"),
        ("The ferry sails each night.", "each night", "XXXX-XX-XXTNI"),
    ],
)
def test_a_part_of_every_day_is_a_set(text: str, extent: str, value: str) -> None:
    assert values(text).get(extent) == ("SET", value)


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Live on 14th December Friday from the hall.", "14th December Friday", "2015-12-14"),
        ("Talks were held on 12 January 2022, Wednesday, in Geneva.", "12 January 2022, Wednesday", "2022-01-12"),
    ],
)
def test_a_date_with_its_weekday_after_it_is_one_date(text: str, extent: str, value: str) -> None:
    got = values(text)
    assert got == {extent: ("DATE", value)}, got


def test_a_clock_time_keeps_its_seconds() -> None:
    assert values("The bell rang at 9:05:30 sharp.") == {"9:05:30": ("TIME", "2015-04-24T09:05:30")}


def test_a_fraction_before_a_unit_is_no_count() -> None:
    # "1/2 day" is half a day, not two days
    assert values("He was on 1/2 day leave.") == {}


@pytest.mark.parametrize(
    "text,extent,value",
    [
        # hours and minutes run together or with a dot before am/pm
        ("Doors open at 430pm, come early.", "430pm", "2015-04-24T16:30"),
        ("We left the bar at 1130pm.", "1130pm", "2015-04-24T23:30"),
        ("The ferry leaves at 7.30am daily.", "7.30am", "2015-04-24T07:30"),
        # noon as a clock time
        ("The shop reopens at 12 noon.", "12 noon", "2015-04-24T12:00"),
        ("Bids close at noon.", "noon", "2015-04-24T12:00"),
    ],
)
def test_clock_times_written_short(text: str, extent: str, value: str) -> None:
    assert values(text).get(extent) == ("TIME", value), values(text)


def test_noon_as_a_figure_of_speech_is_no_time() -> None:
    assert values("For the party it was high noon.") == {}


def test_end_of_the_month_without_its_article() -> None:
    (t,) = tag("Both outlets close by end of the month.", APR)
    assert (t.text, t.value, t.mod) == ("end of the month", "2015-04", "END")


def test_a_holiday_in_capitals() -> None:
    assert values("HALLOWEEN PARTY AT THE CLUB") == {"HALLOWEEN": ("DATE", "2015-10-31")}


@pytest.mark.parametrize(
    "text,extent,value,point",
    [
        # "earlier" is a signal after a count of years too, as after months or days
        ("In June 1997 the council met; two years earlier the talks had failed.", "two years", "P2Y", "1995"),
        ("The treaty was signed in 1990. Twenty years earlier, the war had ended.", "Twenty years", "P20Y", "1970"),
    ],
)
def test_years_earlier_are_a_duration_with_its_point(text: str, extent: str, value: str, point: str) -> None:
    (t,) = [t for t in tag(text, APR) if t.text == extent]
    assert (t.type, t.value, t.extra.get("point")) == ("DURATION", value, point)


def test_a_year_earlier_stays_the_compared_period() -> None:
    got = values("Net was 5 million dollars, up from 3 million dollars a year earlier.")
    assert got == {"a year earlier": ("DATE", "2014")}


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Fighting raged in March and April 1918 along the front.", "March", "1918-03"),
        ("Talks were held in October, November and December 1919.", "October", "1919-10"),
        ("Talks were held in October, November and December 1919.", "November", "1919-11"),
        ("The army moved in June or July 1940.", "June", "1940-06"),
    ],
)
def test_coordinated_months_share_the_year_written_after_them(text: str, extent: str, value: str) -> None:
    (t,) = [t for t in tag(text, APR) if t.text == extent]
    assert t.value == value and t.range_partner is None


def test_a_bare_year_after_a_month_gives_it_no_year() -> None:
    got = values("He arrived in March, and in 1990 he left.")
    assert got.get("March") == ("DATE", "2015-03"), got


@pytest.mark.parametrize(
    "text",
    [
        "Protesters joined the annual March for Life downtown.",
        "The retreat known as the Long March ended in a valley.",
        "The March to the Sea burned a path across the state.",
    ],
)
def test_marches_named_as_events_are_no_month(text: str) -> None:
    assert values(text) == {}


@pytest.mark.parametrize(
    "text,extent",
    [
        ("Figures for the March to April period were weak.", "March"),
        ("They met at the end of March in Rome.", "the end of March"),
        ("The first March meeting was cancelled.", "March"),
    ],
)
def test_march_the_month_stays_a_month(text: str, extent: str) -> None:
    assert extent in values(text)


@pytest.mark.parametrize(
    "text,first,second",
    [
        ("The revolt lasted from 499 to 493 BC in Ionia.", "499", "493 BC"),
        ("The Mercenary War (240-238 BC) followed.", "240", "238 BC"),
    ],
)
def test_a_range_of_years_before_the_common_era(text: str, first: str, second: str) -> None:
    got = values(text)
    assert got.get(first) == ("DATE", "BC0" + first), got
    assert got.get(second) == ("DATE", "BC0" + second.split()[0]), got


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The strike began at 5:34 a.m. on March 20, 2003.", "5:34 a.m. on March 20, 2003", "2003-03-20T05:34"),
        ("The offer expires at 5 p.m. EST, Dec. 4, 2003.", "5 p.m. EST, Dec. 4, 2003", "2003-12-04T17:00"),
        ("The blast at 10:40 on 5 May 2015 was heard.", "10:40 on 5 May 2015", "2015-05-05T10:40"),
    ],
)
def test_a_clock_time_before_its_full_date_is_one_time(text: str, extent: str, value: str) -> None:
    assert values(text) == {extent: ("TIME", value)}


@pytest.mark.parametrize(
    "text",
    [
        "For the year, pet food volume was flat.",
        "Sales in the first nine months of the year rose.",
        "Planting was delayed earlier in the year by rain.",
    ],
)
def test_the_year_on_its_own_is_the_reported_year(text: str) -> None:
    assert values(text).get("the year") == ("DATE", "2015")


@pytest.mark.parametrize(
    "text",
    [
        "Profit was down from the year before.",
        "He was named Man of the Year by the magazine.",
        "The Constitution of the Year III was adopted.",
        "It was the year of the dragon.",
        "It happened in the year 1990.",
        "The year-ago results were restated.",
    ],
)
def test_a_year_named_by_what_follows_or_a_title(text: str) -> None:
    got = values(text)
    assert got.get("the year") != ("DATE", "2015") and got.get("The year") != ("DATE", "2015"), got
