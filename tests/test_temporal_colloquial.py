"""Short and colloquial time words of posts, captions and transcripts."""

from __future__ import annotations

import pytest

from nato_timeline.temporal import tag
from nato_timeline.temporal.types import PartialDate

FRI = PartialDate(2015, 4, 24)  # a Friday


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Dinner with the team tmr!", "tmr", "2015-04-25"),
        ("off to the museum tmrw", "tmrw", "2015-04-25"),
        ("so hot tdy", "tdy", "2015-04-24"),
        ("party 2nite", "2nite", "2015-04-24TNI"),
        ("can't sleep after last nite", "last nite", "2015-04-23TNI"),
        ("see you tmr night", "tmr night", "2015-04-25TNI"),
        ("Our xmas market opens soon", "xmas", "2015-12-25"),
        # a clock time and its day word, either way round, are one time on that day
        ("Meet at 6pm tmr", "6pm tmr", "2015-04-25T18:00"),
        ("kick-off at 7:30pm tomorrow", "7:30pm tomorrow", "2015-04-25T19:30"),
        ("Gates open at 8 pm tonight, come early", "8 pm tonight", "2015-04-24T20:00"),
        # a clock time after its day word stays its own expression, on that day
        ("Preorders start tomorrow at 10am sharp", "10am", "2015-04-25T10:00"),
        ("Polls closed yesterday, 9:30 p.m. local time", "9:30 p.m.", "2015-04-23T21:30"),
        ("Polls closed yesterday, 9:30 p.m. local time", "yesterday", "2015-04-23"),
        # short weekday names where a determiner or a clock time shows a day is meant
        ("Free concert this Sat, bring friends", "this Sat", "2015-04-25"),
        ("Open house Sun 1:00pm onwards", "Sun 1:00pm", "2015-04-19T13:00"),
        ("Doors open Sat 7pm", "Sat 7pm", "2015-04-18T19:00"),
        ("Judging this Sat, 7pm at the theatre", "this Sat, 7pm", "2015-04-25T19:00"),
        ("Gates open this Sat, 430pm", "this Sat, 430pm", "2015-04-25T16:30"),
        ("Malls are full this long weekend", "this long weekend", "2015-W17-WE"),
        ("Home after a very long day in school", "a very long day", "P1D"),
        ("Please drive carefully at night", "night", "2015-04-24TNI"),
        ("A long walk in the night", "the night", "2015-04-24TNI"),
        ("Great weekend staycation!", "weekend", "2015-W16-WE"),
    ],
)
def test_colloquial_forms(text: str, extent: str, value: str) -> None:
    got = {t.text: t.value for t in tag(text, FRI)}
    assert got.get(extent) == value, got


@pytest.mark.parametrize(
    "text",
    [
        "She sat on the bench.",  # a verb, not Saturday
        "The sun rose over the hills.",
        "They wed in a small church.",
        "It was a great day for the alliance.",  # names the day itself, not a duration
        "Happy #Friday all!",  # a hashtag is a label
        "Lights up inside a #Christmas tree",
        "Happy birthday! May Allah bless you.",  # the modal, not the month
    ],
)
def test_words_that_only_look_like_short_forms(text: str) -> None:
    assert tag(text, FRI) == []


WED = PartialDate(2000, 4, 5)


@pytest.mark.parametrize(
    "text,extent,value",
    [
        ("Dealers placed orders in the morning.", "the morning", "2000-04-05TMO"),
        ("He will leave at 4 in the morning.", "4 in the morning", "2000-04-05T04:00"),
        ("The offer expired at midnight Friday.", "midnight Friday", "2000-03-31T24"),
        ("Voting closes midnight!", "midnight", "2000-04-05T00:00"),
        ("He met the judge on 3 April 2000 and flew home the next morning.", "the next morning", "2000-04-04"),
    ],
)
def test_parts_of_the_day(text: str, extent: str, value: str) -> None:
    got = {t.text: t.value for t in tag(text, WED)}
    assert got.get(extent) == value, got


def test_a_morning_of_something_is_no_time() -> None:
    assert tag("He spoke in the morning of his career.", WED) == []
