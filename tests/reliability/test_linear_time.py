"""Reading and dating a document take time in proportion to its text, whatever
the text: for each hostile kind, going from 100 KB to 1 MB multiplies the time
of reading (page furniture, title, sentences) and of the temporal layer by about
what it multiplies a plain linear pass over the same text, measured in the
same test (CPU time, a ratio of ratios, never a wall-clock limit).

The event layer's part of the promise comes with its own tests."""

from __future__ import annotations

import signal
import time
import unicodedata

import pytest

from nato_timeline.read import read_text
from nato_timeline.temporal import anchor_timexes, find_timexes

from .helpers import prose

SMALL, BIG = 100_000, 1_000_000
#: A stage may grow this many times faster than the linear reference (noise,
#: caches); a quadratic one grows ten times faster.
SLACK = 3
#: How many times a linear pass over the same text the stages may take before
#: the test stops waiting (they take about 2 to 20 times).
GIVE_UP = 200

#: One unit of each kind of text, repeated to the size measured
KINDS = {
    "one line of digits": "1234567890",
    "dots": ".",
    "dashes": "-",
    "dots and spaces": ". ",
    "50,000-letter words": "a" * 50_000 + " ",
    "no sentence punctuation": "the minister said that the alliance would meet again ",
    "a run of dates": "12 March 2001 ",
    "right-to-left and combining": "שלום\u0301\u0308 \u202eالسلام ",
    "one dated sentence repeated": "NATO met Russia in Riga on 2 May 2021. ",
    "e-mail addresses": "press@nato.int a.b-c+d@x-y.example.org ",
    "at signs": "@",
    "month names": "January February March April May June ",
    "a statistical table": "2019 | 1,234 | 5.6% | 12 March\n",
    "emoji": "🇺🇦🕊️ NATO 👍🏽 ",
    "prose": None,
}


def _text(kind: str, n: int) -> str:
    unit = KINDS[kind]
    body = prose(n) if unit is None else (unit * (n // len(unit) + 1))[:n]
    return "Title\n\n" + body


def _reference(text: str) -> int:
    """A plain linear pass: one look at every character."""
    return sum(1 for c in text if unicodedata.category(c)[0] == "L")


def _read_and_date(text: str) -> None:
    doc = read_text(text)
    anchor_timexes(find_timexes(doc.body), doc.body, None, ignore=doc.in_furniture)


class _TooSlow(Exception):
    pass


def _cpu(fn, text: str, *, give_up_after: float | None = None) -> float:
    """CPU seconds of ``fn(text)``; raises :class:`_TooSlow` past ``give_up_after``
    (so a test of a quadratic stage fails in minutes, not days)."""
    def stop(*_):
        raise _TooSlow

    previous = signal.signal(signal.SIGVTALRM, stop)
    if give_up_after is not None:
        signal.setitimer(signal.ITIMER_VIRTUAL, give_up_after)
    try:
        t0 = time.process_time()
        fn(text)
        return time.process_time() - t0
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reading_and_dating_grow_linearly(kind):
    _read_and_date("NATO met Russia on 1 January 2020.\n")  # load the data once
    small, big = _text(kind, SMALL), _text(kind, BIG)
    r_small = max(_cpu(_reference, small), 1e-4)
    r_big = max(_cpu(_reference, big), 1e-3)
    ref = r_big / r_small
    try:  # a stage that is quadratic at 100 KB already is not waited for to the end
        t_small = max(min(_cpu(_read_and_date, small, give_up_after=GIVE_UP * r_small + 10) for _ in range(2)), 0.01)
    except _TooSlow:
        pytest.fail(f"{kind}: 100 KB took over {GIVE_UP} times as long as a linear pass over it")
    limit = SLACK * ref
    try:
        t_big = _cpu(_read_and_date, big, give_up_after=min(10 * limit * t_small, GIVE_UP * r_big) + 10)
    except _TooSlow:
        pytest.fail(f"{kind}: 1 MB took far longer than {limit:.0f} times as long as 100 KB ({t_small:.2f} s)")
    assert t_big / t_small < limit, (kind, t_small, t_big, ref)
