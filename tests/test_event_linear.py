"""The event layer's cost grows linearly with its input, also for one endless sentence.

Each case extracts a hostile text at two sizes, four times apart, and compares the CPU time
it took with the growth of the size: a linear pass takes about four times as long, a
quadratic one sixteen times. The bound (nine) sits between the two, so a busy machine that
slows both runs alike does not fail it; no wall-clock limit is asserted.
"""

from __future__ import annotations

import random
import time

import pytest

from nato_timeline.pipeline import extract_document
from nato_timeline.read import read_text
from nato_timeline.temporal.types import PartialDate

SMALL, FACTOR = 25_000, 4


def _no_punctuation(n: int) -> str:
    rng = random.Random(7)
    words = ("the envoys met in geneva on monday and agreed to suspend the talks after a "
             "long dispute over the treaty signed in march").split()
    out, size = [], 0
    while size < n:
        w = rng.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)


def _dates(n: int) -> str:
    return ("12 March 2001 " * (n // 14 + 1))[:n]


def _one_clause_chain(n: int) -> str:
    part = "which the council, meeting on Tuesday, said was signed on 4 May 2002 and "
    return ("The accord " + part * (n // len(part) + 1))[:n]


def _cpu(body: str) -> float:
    doc = read_text(body, name="hostile.txt", published=PartialDate(2022, 1, 13))
    best = float("inf")
    for _ in range(2):
        t = time.process_time()
        extract_document(doc)
        best = min(best, time.process_time() - t)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("make", [_no_punctuation, _dates, _one_clause_chain], ids=lambda f: f.__name__)
def test_growth_is_linear(make):
    _cpu(make(2_000))  # load word lists and compile patterns outside the measurement
    small = _cpu(make(SMALL))
    big = _cpu(make(SMALL * FACTOR))
    assert big / max(small, 1e-3) < 9, f"{FACTOR}x the text took {big / small:.1f}x the time"


def _steps_cpu(n: int) -> float:
    """CPU time of looking up, for every sentence of one endless timeline line, the entry it
    continues: each look must stay short however far the line runs."""
    from nato_timeline.events.entry_steps import entry_of
    from nato_timeline.events.layout import Entry
    from nato_timeline.records import Span
    from nato_timeline.temporal.types import Timex

    step = "Sweden hosts a radar. "
    body = "2010: Norway offers a ferry. " + step * n
    entry = Entry(Timex(0, 4, "2010", "DATE", "2010"), 0, 29, 6, "date-led")
    spans = [Span(29 + i * len(step), 29 + (i + 1) * len(step) - 1, step.strip()) for i in range(n)]
    t = time.process_time()
    for sp in spans:
        entry_of([entry], [0], body, sp)
    return time.process_time() - t


@pytest.mark.slow
def test_looking_up_an_entry_s_steps_grows_linearly():
    _steps_cpu(1_000)
    small = _steps_cpu(20_000)
    big = _steps_cpu(20_000 * FACTOR)
    assert big / max(small, 1e-3) < 9, f"{FACTOR}x the sentences took {big / small:.1f}x the time"
