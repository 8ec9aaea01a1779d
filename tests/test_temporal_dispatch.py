"""The per-first-character regexes (``RuleSet.by_first``) must match exactly what the
combined regex of all rules matches, at every position a scan may try."""

from __future__ import annotations

import pytest

from nato_timeline.temporal.engine import _candidates
from nato_timeline.temporal.loader import first_key, load

TEXT = (
    "On Tuesday, 12 January 2022, the ministers met; last week's talks (3-4 May) failed. "
    "By mid-2015, about three-quarters of the funds were spent. A second team came at 10 p.m. "
    "Wednesday and left two and a half hours later. Kelvin \u212a and the long s \u017fix, "
    "Éire in the spring, #tag 2014, +32 2 707 2014, Q1 2023, the '80s, nineteen ninety-six, "
    "EffectiveNovember 9, Signed19 November 2019, the 1988 third quarter, 2 1/2 years."
)


@pytest.mark.parametrize(
    "c,key",
    [("a", "a"), ("Q", "q"), ("7", "digit"), ("É", "alpha"), ("\u212a", "alpha"), ("(", "other"), ("’", "other")],
)
def test_first_key(c, key):
    assert first_key(c) == key


def test_by_first_agrees_with_the_combined_regex_everywhere():
    rs = load()
    positions = set(_candidates(TEXT, rs)) | set(range(len(TEXT)))
    for pos in sorted(positions):
        full = rs.combined.match(TEXT, pos)
        part = rs.by_first[first_key(TEXT[pos])].match(TEXT, pos)
        assert (full and (full.span(), full.lastgroup)) == (part and (part.span(), part.lastgroup)), (pos, TEXT[pos:pos + 20])
