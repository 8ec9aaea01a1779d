"""Year-less dates in narratives: the story's time or the document date."""

from __future__ import annotations

import datetime as dt

import pytest

from nato_timeline.temporal import find_timexes, tag
from nato_timeline.temporal.anchor import is_narrative
from nato_timeline.temporal.types import PartialDate

SAVED = PartialDate(2009, 12, 19)  # the day a history page was saved

HISTORY = (
    "The alliance was founded in April 1949. In May 1955 the other side answered with a pact of its own. "
    "A wall divided the city from August 1961. The crisis of October 1962 brought both sides close to war. "
    "Talks on forces opened in 1973 and ran on for years. The pact dissolved itself in 1991. "
)


def values(text: str, dct: PartialDate | None) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, dct)}


@pytest.mark.parametrize(
    "sentence,extent,value",
    [
        # the year of the last date the story reached
        ("In 1990 the treaty was signed. On 19 November the leaders met in Paris.", "19 November", "1990-11-19"),
        ("In 1990 the treaty was signed. In June the troops left.", "June", "1990-06"),
        # a story moves forward: after November, the coming March is the next year's
        ("The offensive began in November 1990. In March the front collapsed.", "March", "1991-03"),
        # ... but a month just before the story's month is a look back in the same year
        ("The landing came on 6 June 1990. In May the weather had been poor.", "May", "1990-05"),
        ("In 1990 the army crossed the river. That summer it reached the capital.", "That summer", "1990-SU"),
        ("The siege started on 3 March 1990, a Saturday. On Monday the town fell.", "Monday", "1990-03-05"),
    ],
)
def test_a_history_dates_year_less_days_by_its_story(sentence: str, extent: str, value: str) -> None:
    assert values(HISTORY + sentence, SAVED)[extent] == value


def test_a_story_reads_its_futures_as_futures_of_the_past() -> None:
    text = HISTORY + "In 1990 the treaty was signed. The troops would stay until December."
    assert values(text, SAVED)["December"] == "1990-12"


NEWS_START = "The ministers met on Monday in Brussels and again yesterday. "


def test_a_news_report_dates_by_a_far_date_of_the_same_past_sentence() -> None:
    text = NEWS_START + "The council first met in June 1997 and on 12 June it agreed a founding text."
    assert values(text, SAVED)["12 June"] == "1997-06-12"


@pytest.mark.parametrize(
    "sentence,extent,value",
    [
        # the present or future tense: the writer's time
        ("The act, signed in May 1997, will be reviewed on 12 June.", "12 June", "2010-06-12"),
        # the far date only names its year, or stands in an earlier sentence
        ("The council, founded in 1997, met on 12 June.", "12 June", "2009-06-12"),
        ("The council first met in May 1997. It met again on 12 June.", "12 June", "2009-06-12"),
    ],
)
def test_a_news_report_keeps_the_document_date_otherwise(sentence: str, extent: str, value: str) -> None:
    assert values(NEWS_START + sentence, SAVED)[extent] == value


def test_a_news_report_that_recalls_a_year_keeps_the_document_date() -> None:
    text = (
        "The ministers met on Monday in Brussels. The council, founded in 1997, said on Tuesday "
        "that the talks set for March would go ahead. The alliance suspended them in August."
    )
    got = values(text, PartialDate(2009, 6, 3))
    assert got["Monday"] == "2009-06-01"
    assert got["August"] == "2008-08"


def test_the_shape_of_a_document() -> None:
    dct = dt.date(2009, 12, 19)
    assert is_narrative(find_timexes(HISTORY), dct)
    news = "The ministers met on Monday and again yesterday. In 1997 they had signed an act. Talks resume next week."
    assert not is_narrative(find_timexes(news), dct)
    # a few old years in a short report do not make a story
    assert not is_narrative(find_timexes("Founded in 1949, enlarged in 1999 and 2004, it met today."), dct)


def test_without_a_document_date_the_one_year_named_later_gives_the_year() -> None:
    text = ("Tromso reported a drone over its port on September 9. On September 13, jets met a second one. "
            "The town has reported five such flights in 2025.")
    got = values(text, None)
    assert (got["September 9"], got["September 13"]) == ("2025-09-09", "2025-09-13"), got
    # two years named: no year is given to what came before them
    text = "Tromso reported a drone on September 9. Flights rose from 2024 to 2025."
    assert values(text, None)["September 9"] == "XXXX-09-09"


def test_without_a_document_date_the_story_still_gives_the_year() -> None:
    assert values("The treaty was signed in 1990. On 19 November the leaders met.", None)["19 November"] == "1990-11-19"
    # a year that names something in passing does not move the story, with no document date too
    text = ("The venue was announced in May 2024. The last conference held there was the 2014 Harbour Summit. "
            "The king visited the venue on 23 June.")
    assert values(text, None)["23 June"] == "2024-06-23"


@pytest.mark.parametrize(
    "sentence,extent,value",
    [
        # a bare year inside a clause is an aside: the story stays in March 1990
        ("The siege began on 3 March 1990, before a campaign planned for 1994. On 9 April the town fell.", "9 April", "1990-04-09"),
        # at the head of a sentence it moves the story
        ("The siege began on 3 March 1990. In 1994, on 9 April, the town fell.", "9 April", "1994-04-09"),
        # clock times and "the end of the year" in a story belong to its day and year
        ("The guns fell silent on 11 November 1990 at 11 a.m.", "11 a.m.", "1990-11-11T11:00"),
        ("The front held from 3 March 1990 until the end of the year.", "the end of the year", "1990"),
        # "today" stays the writer's
        ("The siege began on 3 March 1990. The town is a museum today.", "today", "2009-12-19"),
    ],
)
def test_what_moves_a_story_and_what_belongs_to_it(sentence: str, extent: str, value: str) -> None:
    assert values(HISTORY + sentence, SAVED)[extent] == value


@pytest.mark.parametrize(
    "sentence,extent,value",
    [
        ("The war began in 1990. In August of that year the army withdrew.", "August of that year", "1990-08"),
        ("The war began in 1990. On July 25 of the same year a truce was signed.", "July 25 of the same year", "1990-07-25"),
        ("The war began in 1990. It had been planned in January of the previous year.", "January of the previous year", "1989-01"),
        ("The offensives of 1916–17 failed.", "17", "1917"),
    ],
)
def test_months_of_the_narrated_year(sentence: str, extent: str, value: str) -> None:
    assert values(sentence, SAVED)[extent] == value


def test_years_before_the_common_era() -> None:
    got = values("Carthage fell in 146 B.C. after a siege; the first war had ended in 241 BC.", SAVED)
    assert got["146 B.C."] == "BC0146" and got["241 BC"] == "BC0241"
    assert values("It sank in 1990 with 241 BCE coins aboard.", SAVED).get("241 BCE") == "BC0241"


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("The truce was signed on 3 May 1945; that same day the guns fell silent.", "that same day", "1945-05-03"),
        ("The fort fell on 14 July 1789; that afternoon the crowd marched.", "that afternoon", "1789-07-14TAF"),
        ("Envoys met on 2 March 1921 and that morning agreed on a text.", "that morning", "1921-03-02TMO"),
    ],
)
def test_that_same_day_and_that_afternoon_are_the_narrated_day(text: str, extent: str, value: str) -> None:
    got = {t.text: t.value for t in tag(text, PartialDate(2009, 12, 19))}
    assert got.get(extent) == value, got


def test_that_day_alone_is_left_unmarked() -> None:
    got = {t.text for t in tag("He never forgot that day.", PartialDate(2009, 12, 19))}
    assert "that day" not in got


# ------------------------------------------------------------------ chronology entries
REPORTED = PartialDate(2016, 8, 12)  # the day a page of key dates was published


@pytest.mark.parametrize(
    "text,dct,expected",
    [
        # a year that heads the list (here glued to its introduction) dates its entries and
        # what the entries' lines tell, however far it lies from the page's own date
        ("Key dates since the harbour opened: 2011\nMarch 3: The ferry sails.\n"
         "April 9: The quay closes. In mid-May, talks fail.\nJune 2: Work resumes.\n",
         REPORTED, {"March 3": "2011-03-03", "April 9": "2011-04-09", "mid-May": "2011-05", "June 2": "2011-06-02"}),
        # without a year, the first entry is the past one and the list goes on in order
        ("Timeline of the strike\n\n* Nov 21: The board resigns.\n\n* Nov 30: Police clear the quay.\n\n"
         "* Jan 22: Talks fail.\n", PartialDate(2014, 4, 27),
         {"Nov 21": "2013-11-21", "Nov 30": "2013-11-30", "Jan 22": "2014-01-22"}),
        # a page's stamp starts no list: the entries are the page's year
        ("Ferry chronology\nPosted: May 15, 1999 | Last Updated: November 11, 2000\n"
         "March 24 - The ferry sails.\nApril 1 - The quay closes.\n", PartialDate(1999, 5, 15),
         {"March 24": "1999-03-24", "April 1": "1999-04-01"}),
        # a year on the heading above the list dates it, a page stamp between them does not
        ("Chronology of the harbour strike 2011\n12.06.2016 | 5 min read\n"
         "March 3 - The ferry sails.\nApril 9 - The quay closes.\n", REPORTED,
         {"March 3": "2011-03-03", "April 9": "2011-04-09"}),
    ],
)
def test_a_chronology_s_entries_go_on_from_its_year_and_from_each_other(
        text: str, dct: PartialDate, expected: dict[str, str]) -> None:
    found = values(text, dct)
    assert {k: found.get(k) for k in expected} == expected


def test_a_date_with_a_colon_inside_running_text_is_no_entry() -> None:
    # a colon after a date that does not lead its line: no list, so the year 2011 before it
    # (which an entry would take) does not date it; the page's own year does
    text = "The harbour opened in 2011. By March 3: a quay.\n"
    (day,) = [t for t in tag(text, REPORTED) if t.text == "March 3"]
    assert day.value == "2016-03-03"
    # ... while the same date leading its line is an entry and takes the year above it
    (day,) = [t for t in tag("The harbour opened in 2011.\nMarch 3: a quay.\n", REPORTED) if t.text == "March 3"]
    assert day.value == "2011-03-03"


def test_a_clock_time_that_leads_an_entry_is_on_the_day_of_the_last_entry() -> None:
    # a date told inside an entry ("On Oct. 2, the board said ...") is an aside: the hours
    # that lead the next entries are still on the entry's day
    text = ("Strike timeline\n\nSept. 4: Crews walk out in Bergen.\n\n"
            "Sept. 6: Talks open. On Oct. 2, the board said it had expected the strike.\n\n"
            "9 PM: The union leaves the talks.\n\n11:30 PM: Police clear the quay.\n")
    found = values(text, PartialDate(2016, 11, 25))
    assert found["9 PM"] == "2016-09-06T21:00" and found["11:30 PM"] == "2016-09-06T23:30", found
    # a clock time inside an entry's running text is no entry's head: the rule leaves it alone
    found = values("Strike timeline\n\nSept. 6: Talks open. On Oct. 2, the board met. At 9 PM, the union left.\n",
                   PartialDate(2016, 11, 25))
    assert not found["9 PM"].startswith("2016-09-06"), found
