"""No catastrophic backtracking: time grows linearly with input size (ratio, not wall clock)."""

from __future__ import annotations

import time

import pytest

from nato_timeline.temporal import tag

UNITS = {
    "digits": "1234567890" * 5 + " ",
    "dots": "12.01.2022." * 3 + "1.1.1.1.1. ",
    "dashes": "2014-2015-2016--12-01- ",
    "months": "January February March 12 May 2014 June, July ",
    "mixed": "the end of the beginning of more than 30 last next 12/19/20 10:10:10 p.m. ",
    "nospace": "1" * 2000 + "January" * 50,
}


def _best(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        tag(text)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(UNITS))
def test_linear_growth(name):
    unit = UNITS[name]
    small = (unit * (250_000 // len(unit) + 1))[:250_000]
    big = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    t_small = max(_best(small), 1e-4)
    t_big = _best(big)
    assert t_big / t_small < 8, (name, t_small, t_big)
