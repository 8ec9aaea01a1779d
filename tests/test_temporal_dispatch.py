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


# ------------------------------------------------------------ dispatch by opening words

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from nato_timeline.temporal.dispatch import read_pattern  # noqa: E402

MORE = (
    "The year before, the year's end, then the 1990s; the 12th of May; theresa May met the "
    "press at 10.30 am. Every other Tuesday a quarter of the vote; the present day; a second "
    "chance; noon-ish, Q3-2019, FY2009, mid-March, the week-end, Easter Monday 1916, "
    "at\tthe\nend of\u00a0the year, six_years, 5\u00bd hours, İstanbul in the İyi spring, "
    "ſeptember 3, ABC-123, May be, In May, the March for Life, the_year, a day or two."
)


def _first_rule_match(rs, text, pos):
    if rs.guard.match(text, pos) is None:
        return None
    for i, rx in rs.dispatch.rules_at(text, pos):
        m = rx.match(text, pos)
        if m is not None:
            return m.span(), (f"r{i}" if i >= 0 else m.lastgroup)
    return None


#: a word or a gap longer than the dispatch reads (``WORD_CHARS``)
LONG = "x" * 45 + "January 5, " + "1" * 45 + " May 2014 " + "-" * 50 + "the year " + "JanuaryJanuary" * 4 + " 3 May"


@pytest.mark.parametrize("text", [TEXT, MORE, MORE.lower(), MORE.upper(), LONG])
def test_rules_tried_by_opening_words_agree_with_the_combined_regex_everywhere(text):
    """The rules a position is tried with are every rule that could match there: the first
    that matches is the alternative the combined regex of all rules picks, at every position."""
    rs = load()
    for pos in range(len(text)):
        full = rs.combined.match(text, pos)
        assert (full and (full.span(), full.lastgroup)) == _first_rule_match(rs, text, pos), (pos, text[pos:pos + 20])


@pytest.mark.parametrize(
    "pattern,text,tried",
    [
        (r"the\s+year\b", "the year", True),
        (r"the\s+year\b", "the years", True),  # a lookaround is not read: "years" starts like "year"
        (r"the\s+year\b", "the month", False),
        (r"the\s+year\b", "then", False),
        (r"the", "then", True),  # nothing after "the" says the word ends there
        (r"(?:early|late)\s+[0-9]+", "late 1990", True),
        (r"(?:early|late)\s+[0-9]+", "lately", False),
        (r"[a-z]+day", "someday", True),  # a run of any letters: anything may follow
        (r"[0-9]+\s*(?:am|pm)", "10 pm", True),
        (r"[0-9]+\s*(?:am|pm)", "10 years", False),
        (r"(?:\s|x)+the", " xthe", True),  # the repeated group adds a letter: read no further
    ],
)
def test_opening_words_of_a_pattern(pattern, text, tried):
    from nato_timeline.temporal.dispatch import Dispatch

    d = Dispatch([pattern], [re.compile(pattern, re.IGNORECASE)], lambda c: re.compile(f"(?P<r0>{pattern})"))
    assert bool(d.rules_at(text, 0)) is tried


def test_a_word_beyond_ascii_is_tried_with_every_rule_of_its_first_character():
    from nato_timeline.temporal.dispatch import Dispatch

    whole = re.compile("(?P<r0>september)|(?P<r1>[0-9]+)", re.IGNORECASE)
    d = Dispatch(["september", "[0-9]+"], [re.compile("september", re.I), re.compile("[0-9]+")], lambda c: whole)
    assert d.rules_at("\u017feptember", 0) == ((-1, whole),)  # the long s folds to "s"
    assert d.rules_at("İstanbul", 0) == ((-1, whole),)
    assert d.rules_at("September", 0) == ((0, d._regexes[0]),)


def test_a_pattern_too_branchy_to_read_is_tried_everywhere():
    assert read_pattern("[ab]" * 16) is None  # 2 ** 16 openings: not listed
    assert read_pattern(r"\w+") is None  # any word character may open it
    assert read_pattern("[a-z]" * 2 + "x") is not None


TE3 = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3-train" / "text"


@pytest.mark.skipif(not TE3.is_dir(), reason="TempEval-3 training data not present")
def test_dispatch_agrees_with_the_combined_regex_on_news():
    rs = load()
    for p in sorted(TE3.glob("*.txt"))[:40]:
        text = p.read_text(encoding="utf-8")
        for pos in sorted(set(_candidates(text, rs))):
            full = rs.combined.match(text, pos)
            assert (full and (full.span(), full.lastgroup)) == _first_rule_match(rs, text, pos), (p.name, pos)

