"""Property tests: written forms round-trip; tag() never raises."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from nato_timeline.temporal import parse_user_date, tag
from nato_timeline.temporal.types import PartialDate

MONTHS = [calendar.month_name[i] for i in range(1, 13)]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _ord(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


days = st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2099, 12, 31))

DAY_FORMS = [
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {ABBR[d.month - 1]}. {d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"the {_ord(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{ABBR[d.month - 1]}. {d.day}, {d.year}",
]


@settings(max_examples=300, deadline=None)
@given(days, st.sampled_from(range(len(DAY_FORMS))))
def test_day_forms_round_trip(d, i):
    s = DAY_FORMS[i](d)
    text = f"The council met on {s} in Brussels."
    ts = tag(text)
    assert [(t.text, t.value) for t in ts] == [(s, d.isoformat())]
    assert parse_user_date(s) == PartialDate.from_date(d)


@settings(max_examples=200, deadline=None)
@given(st.integers(1700, 2099), st.integers(1, 12))
def test_month_and_year_forms_round_trip(y, m):
    s = f"{MONTHS[m - 1]} {y}"
    ts = tag(f"It happened in {s}, officials said.")
    assert [(t.text, t.value) for t in ts] == [(s, f"{y:04d}-{m:02d}")]
    assert parse_user_date(s) == PartialDate(y, m)
    ts = tag(f"It happened in {y}, officials said.")
    assert [(t.text, t.value) for t in ts] == [(str(y), f"{y:04d}")]
    assert parse_user_date(str(y)) == PartialDate(y)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tag_never_raises(text):
    for dct in (None, PartialDate(2022, 1, 12)):
        ts = tag(text, dct)
        for a, b in zip(ts, ts[1:]):
            assert a.end <= b.start
        for t in ts:
            assert text[t.start : t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["12", " ", "January", ".", "-", "2022", "May", "last", "week", "the", "of", "(", ")", ",", "Monday", "ago", "3", "/"]), max_size=30))
def test_tag_never_raises_on_date_like_soup(parts):
    text = "".join(parts)
    ts = tag(text, PartialDate(2020, 2, 29))
    for t in ts:
        assert text[t.start : t.end] == t.text
