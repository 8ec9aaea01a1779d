"""TimeML conventions of news reports (TempEval-3): the rules of the third round of issue 15."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import tag
from nato_timeline.temporal.types import PartialDate

DCT = PartialDate(2000, 2, 24)  # a Thursday


def values(text: str, dct: PartialDate | None = DCT) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, dct)}


def test_a_day_counted_from_a_month_keeps_the_month_and_leaves_the_day_unknown() -> None:
    v = values("The clinic was attacked last October, and the name was crossed out that same day.")
    assert v["last October"] == "1999-10"
    assert v["that same day"] == "1999-10-XX"
    assert values("The war began in 1980. The next day the army crossed the border.")["The next day"] == "1980-XX-XX"
    # a day before it still gives the day
    assert values("Troops crossed on 3 March 1998; the next day they left.")["the next day"] == "1998-03-04"


def test_in_a_narrative_the_next_morning_follows_the_day_named_last() -> None:
    history = (
        "The exiles arrived in 1962 and 1965. The first wave came in 1959, a second in 1966, "
        "and more in 1971, 1980 and 1994. By 1990 the community was large. "
    )
    text = history + "The day before last Tuesday's hearing he fell ill, but he appeared in court the next morning."
    v = values(text)
    assert v["last Tuesday"] == "2000-02-22"
    assert v["the next morning"] == "2000-02-23"


@pytest.mark.parametrize(
    "sentence,extent,value",
    [
        # the middle of the day and of its parts
        ("He appeared before the judge at midday.", "midday", "2000-02-24T12:00"),
        ("By mid afternoon the shelling had stopped.", "mid afternoon", "2000-02-24TAF"),
        ("Shares slid until mid-afternoon yesterday.", "mid-afternoon yesterday", "2000-02-23TAF"),
        # a month of every year
        ("The fair is held each July in the old town.", "each July", "XXXX-07"),
        ("They met every March.", "every March", "XXXX-03"),
        # the near future and the short term are the future
        ("A deal is expected in the near future.", "the near future", "FUTURE_REF"),
        ("Profits will suffer in the near term.", "the near term", "FUTURE_REF"),
        ("The plan calms shareholders in the short term.", "the short term", "FUTURE_REF"),
        # durations with a count word of their own
        ("The lease may be extended for an additional year.", "an additional year", "P1Y"),
        ("The strike went on for another week.", "another week", "P1W"),
        ("Prices should hold over the next couple of years.", "the next couple of years", "P2Y"),
        ("Eight trading days after the crash, the index had recovered.", "Eight trading days", "P8D"),
        ("Payment is due within three business days.", "three business days", "P3D"),
        ("Funds may have to sell bonds in the weeks ahead.", "the weeks ahead", "PXW"),
    ],
)
def test_news_forms(sentence: str, extent: str, value: str) -> None:
    assert values(sentence).get(extent) == value


def test_earlier_that_day_is_the_narrated_day() -> None:
    v = values("The doctor was shot on 23 October 1998. Earlier that day he had gone to a service.")
    assert v["Earlier that day"] == "1998-10-23"
    # "that day" alone stays unmarked, as the TempEval-3 and WikiWars gold leave it
    assert "that day" not in values("The doctor was shot on 23 October 1998. He had gone to a service that day.")


def test_words_that_only_look_like_these_stay_words() -> None:
    assert values("The midday sun was hot.") == {}
    assert values("Each may bring a guest.") == {}
    assert values("a short term paper on the near east") == {}


def test_working_words_alone_are_no_durations() -> None:
    assert values("The business day began with a working breakfast.") == {}
    assert values("He asked for further details.") == {}


def test_rates_titles_and_the_present_age_are_no_times() -> None:
    assert values("The airline will add 700 seats a week on the route.") == {}
    assert "3 days" in values("He works 3 days a week.")  # a count of days is no rate of things
    assert values('Baker said on ABC\'s "This Week," that the request was made.') == {}
    assert values("Gonzalez said on CBS's ''60 Minutes'' that he would wait.") == {}
    assert values("The case is for today's youth what the blockade was for their parents.") == {}
    # the day itself stays
    assert values("The offer was advertised in today's editions.")["today"] == "2000-02-24"
    assert values("We met this week.")["this week"] == "2000-W08"


def test_the_quarter_a_year_ago_is_the_reported_quarter_a_year_before() -> None:
    q3 = "Third-quarter net income rose 5% on Oct. 20. "  # the third quarter of 1999
    assert values(q3 + "For the quarter a year ago, the bank earned $5 million.")["the quarter a year ago"] == "1998-Q3"
    v = values(q3 + "Sales were up from the corresponding period last year.")
    assert v["the corresponding period last year"] == "1998-Q3"
    assert "last year" not in v


def test_two_quarters_of_a_year_are_its_half() -> None:
    v = values("Sales will stay weak through the first two quarters of 1990.")
    assert v["the first two quarters of 1990"] == "1990-H1"
    assert values("Sales picked up in the last two quarters of 2001.")["the last two quarters of 2001"] == "2001-H2"
    # without a year they stay a duration
    assert values("over the next two quarters")["the next two quarters"] == "P2Q"


def test_a_month_that_opens_its_sentence_takes_the_tense_of_the_verb_after_it() -> None:
    # October 1989: January is nine months back, beyond the reach of a distant verb, but the
    # verb right after a fronted "In January," governs the month itself
    dct = PartialDate(1989, 10, 27)
    v = values("The merger follows months of talks. In January, the company brought in a new chief.", dct)
    assert v["January"] == "1989-01"
    # a verb more than FRONTED_WORDS words on is not taken as governing it: the reach rule applies
    far = "In January, after talks that the two sides, their lawyers and the board held in Paris, a deal was done."
    assert values(far, dct)["January"] == "1990-01"


def test_a_preposition_that_opens_the_sentence_with_the_date_is_no_tense() -> None:
    # Friday 7 May 1999: "until" alone would point ahead; the clause after it is past
    dct = PartialDate(1999, 5, 7)
    assert values("Until Thursday, they had not called him a suspect.", dct)["Thursday"] == "1999-05-06"
    assert values("The offer runs until Thursday.", dct)["Thursday"] == "1999-05-13"


def test_a_year_before_a_colon_that_opens_a_title_or_a_list_is_a_year() -> None:
    assert values("Security Threats in 2015: What the Experts Predict")["2015"] == "2015"
    assert values("Samsung COMEX 2014: do not miss the deals")["2014"] == "2014"
    # a colon with digits after it is a clock or a ratio, not a year
    assert "2015" not in values("the score was 2015:30 at the end")


def test_election_day_is_the_tuesday_after_the_first_monday_of_november() -> None:
    v = values("It will be a theme of the campaign up to Election Day.", PartialDate(1998, 10, 26))
    assert v["Election Day"] == "1998-11-03"
    assert values("Turnout on Election Day was high.", PartialDate(2016, 11, 20))["Election Day"] == "2016-11-08"
    assert values("the town's election day passed quietly") == {}  # a generic, lower-case day


def test_the_previous_or_following_weekday_counts_from_the_day_the_text_is_at() -> None:
    dct = PartialDate(1989, 11, 1)
    v = values("The index fell on Friday, Oct. 27, after a rise the previous Friday.", dct)
    assert v["the previous Friday"] == "1989-10-20"
    v = values("The talks opened on 3 March 1998, a Tuesday, and ended the following Monday.", dct)
    assert v["the following Monday"] == "1998-03-09"
    # without a day in the text, the document date
    assert values("They will meet the following Monday.", dct)["the following Monday"] == "1989-11-06"


def test_a_dateline_of_the_day_before_is_the_story_s_today() -> None:
    # a morning paper of Thursday 24 February prints Wednesday's story under its dateline
    story = "Thursday, February 24, 2000\n\nOSLO, Feb. 23 -- The harbour council met today and again tonight.\n"
    v = values(story)
    assert v["today"] == "2000-02-23" and v["tonight"] == "2000-02-23TNI"
    # a dateline of the document's own day, or one further back, changes nothing
    assert values("OSLO, Feb. 24 -- The council met today.\n")["today"] == "2000-02-24"
    assert values("OSLO, Feb. 10 -- The council met today.\n")["today"] == "2000-02-24"
    # a month-day inside the text is no dateline
    assert values("The council, which met on Feb. 23 -- its third session -- sits today.\n")["today"] == "2000-02-24"


def test_a_day_or_month_after_since_lies_before_the_document_date() -> None:
    # a period runs from a past date: "since the Sept. 11 attacks" in May 2002 is 2001
    text = "Relations have improved since the Sept. 11 terror attacks, the minister said."
    assert values(text, PartialDate(2002, 5, 28))["Sept. 11"] == "2001-09-11"
    assert values("Ties have cooled since November, officials said.", PartialDate(2002, 5, 28))["November"] == "2001-11"
    # without "since", a month that names a coming event keeps its own year
    assert values("The ministers prepare for the November summit.", PartialDate(2002, 5, 28))["November"] == "2002-11"


def test_agreed_to_before_a_noun_is_no_future() -> None:
    # "agreed to" before an infinitive points ahead; before a noun phrase it is a past act
    dct = PartialDate(2024, 2, 26)
    assert values("Turkey agreed to Sweden's accession in January.", dct)["January"] == "2024-01"
    assert values("The ministers agreed to meet in January.", dct)["January"] == "2025-01"


def test_a_month_of_the_year_before_or_of_the_story_is_one_expression() -> None:
    dct = PartialDate(2024, 2, 26)
    assert values("Finland joined in April of last year.", dct) == {"April of last year": "2023-04"}
    text = "The jet fired a missile on 29 September 2022. The minister reported it at the end of that October."
    assert values(text, PartialDate(2025, 10, 20))["that October"] == "2022-10"


def test_the_last_day_of_something_is_not_yesterday() -> None:
    text = "On 17 December, the last day of his stay in Oslo, the envoy met the mayor."
    assert values(text, PartialDate(2009, 12, 17)) == {"17 December": "2009-12-17"}
    # "last week", "last month" are still counted back from the document date
    assert values("The envoy left last week.", PartialDate(2009, 12, 17)) == {"last week": "2009-W50"}


def test_a_number_beside_a_currency_is_an_amount() -> None:
    text = "He was fined 17,500 kroons (1120 Euros, 1620 US$) in 2008 for his part in the attack."
    assert values(text, PartialDate(2008, 1, 10)) == {"2008": "2008"}
    assert values("The fee was $2014 a head in 2014.", PartialDate(2015, 1, 1)) == {"2014": "2014"}


def test_a_range_across_new_year_starts_in_the_year_before() -> None:
    text = "The ministers met from 30 December to 2 January 2023."
    assert values(text, PartialDate(2023, 1, 20)) == {"30 December": "2022-12-30", "2 January 2023": "2023-01-02"}
    # a range within one year keeps the year for both ends
    assert values("The ministers met from 31 March to 1 April 2023.", PartialDate(2023, 4, 20))["31 March"] == "2023-03-31"
