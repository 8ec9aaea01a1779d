"""Which of a clause's dates date its event, and at what precision.

A date in a clause is not always the time of what the clause says happened:

* a bound: "after 2008", "before 9 May", "prior to March" (the event lies beyond it);
* the time of a starting value: "raised spending to 2.1% in 2024 from 1.2% in 2014";
* a deadline: "agreed Sunday to make the system operational by 2015", or "by 2035" in a
  clause that has a date of its own for the act;
* the start of a period: "had met Putin on numerous occasions since 1999" (after the
  perfect of an act; after a state, "has existed since 2002", the date is its onset);
* alternatives: "at the end of January or early February" (the writer does not know when);
* the start of a count: "the 10th NATO summit since 1949";
* a year inside a name: "the Zapad 2017 exercise" dates the exercise, no verb; one that
  opens a name ("the 1987 Intermediate-Range Nuclear Forces Treaty") no noun before it.

Of two dates one predicate takes, one holding the other, the finer stays ("In 2019 ... on
4 May"; a heading's range "2017-2019: ... In May 2018"). The second end of a range dates
nothing of its own: a range within one month dates its event by its first day, what a
clause set at a gathering says was done there by the month, and a longer range by the
calendar unit holding both ends.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..eventdates import common_date
from ..temporal.ranges import RANGE_DASHES
from ..temporal.types import PartialDate
from .grammar import closed_classes, verb_kinds, verb_tags
from .sentence import _Tx


#: two dates offered as alternatives: "at the end of January or early February"
_OR_BETWEEN = re.compile(r"\s*,?\s+or\s+(?:(?:in|on|at|by|during)\s+)?(?:the\s+)?$", re.I)


def alternatives(text: str, txs: Sequence[_Tx]) -> set[int]:
    """The starts of dates offered as alternatives ("in January or February"): the writer
    does not know when, so neither dates an event."""
    out: set[int] = set()
    for a, b in zip(txs, txs[1:]):
        if _OR_BETWEEN.fullmatch(text, a.end, b.start):
            out.update((a.start, b.start))
    return out


#: a date that only bounds its event: "after 2008", "before 9 May", "prior to March"
_BOUND_BEFORE = re.compile(r"\b(?:after|before|prior\s+to)\s+$", re.I)


#: the start of a count: "the 10th summit since 1949", "the third visit since 2014" (the thing
#: counted is not dated by it; "the first meeting since July 2019" says one was held then)
_COUNT_SINCE_BEFORE = re.compile(
    r"\b(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))"
    r"(?:\s+[\w’'-]+){0,4}?\s+since\s+$", re.I)


#: the starting value of a change: "rose to 2% from 1.4% in 2014", "from $1 billion a year ago"
_BASELINE_BEFORE = re.compile(r"\bfrom\s+[$€£]?\d[\d.,]*\s*(?:%|percent|per\s+cent|[a-z]+)?\s+(?:in\s+|on\s+)?$", re.I)


#: the deadline of a goal an infinitive sets: "agreed Sunday to make the system operational by 2015"
_GOAL_DEADLINE_BEFORE = re.compile(r"\w\s+to\s+[a-z]+\s+(?:[\w’'-]+\s+){0,6}?by\s+$")


#: "since" a date after a perfect that is no state ("had met with Putin on numerous occasions
#: since 1999"): the date opens the period the acts fall in; "has been a member since" is a
#: state whose onset the date is (read elsewhere)
_PERFECT_SINCE_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?!been\b)(?:[a-z]+ly\s+)?([a-z]+)\b[^.;:]{0,100}?\bsince\s+$",
                                   re.I)


def _acts_since(text: str, x: _Tx) -> bool:
    """Whether the date follows "since" after the perfect of a verb of action ("had met ...
    since 1999"), not of a state ("has existed since 2002", whose onset the date is)."""
    m = _PERFECT_SINCE_BEFORE.search(text, max(0, x.start - 140), x.start)
    if m is None:
        return False
    lemma = verb_tags(m.group(1).lower())[0]
    return bool(lemma) and lemma not in verb_kinds()["state"]


#: a capitalised word right before a year: "Zapad 2017", "Vision 2030"
_NAME_WORD_BEFORE = re.compile(r"\b([A-Z][\w-]*)\s$")


_BY_BEFORE = re.compile(r"\w\s+by\s+(?:the\s+end\s+of\s+)?$", re.I)


def without_deadlines(text: str, ctx: list[_Tx]) -> list[_Tx]:
    """A clause's dates without its deadlines ("agreed on Wednesday to ..., backing a new
    goal of 5% of GDP by 2035") when it has a date of its own for the act; a deadline that
    opens the clause ("By May 1991, the nations had eliminated ...") is its only date."""
    deadlines = [x for x in ctx if _BY_BEFORE.search(text, max(0, x.start - 30), x.start)]
    if not deadlines or len(deadlines) == len(ctx):
        return ctx
    return [x for x in ctx if x not in deadlines]


def bound_only(text: str, x: _Tx) -> bool:
    """Whether the date is the bound an event came after or before, the deadline of a
    goal, the start of the period a perfect's acts fall in, or the time of the value a
    change started from, not the time of the event (a clock time keeps its day: "after
    10 p.m. on Tuesday" is still Tuesday)."""
    if "counted_back" in x.timex.extra:
        return False  # "two years after the invasion": the date of the invasion itself
    return x.timex.type == "DATE" and bool(_BOUND_BEFORE.search(text, max(0, x.start - 16), x.start)
                                           or _BASELINE_BEFORE.search(text, max(0, x.start - 40), x.start)
                                           or _GOAL_DEADLINE_BEFORE.search(text, max(0, x.start - 80), x.start)
                                           or _COUNT_SINCE_BEFORE.search(text, max(0, x.start - 80), x.start)
                                           or _acts_since(text, x))


#: a year between an article and a name: "the 1987 Intermediate-Range Nuclear Forces Treaty"
_ARTICLE_BEFORE = re.compile(r"\b(?:the|its|their)\s$", re.I)
_NAME_AFTER = re.compile(r"\s[A-Z][\w-]*\s+[A-Z]")


def opens_name(text: str, x: _Tx) -> bool:
    """Whether a bare year opens a name of several capitalised words after an article ("in
    the 1987 Intermediate-Range Nuclear Forces Treaty"): it dates what the name names, not
    a noun before it ("the suspension of its part in the 1987 ... Treaty")."""
    return bool(re.fullmatch(r"\d{4}", x.timex.text) and _ARTICLE_BEFORE.search(text, max(0, x.start - 6), x.start)
                and _NAME_AFTER.match(text, x.end))


def year_in_name(text: str, x: _Tx) -> bool:
    """Whether a bare year follows a capitalised word of a name ("the Zapad 2017 exercise",
    "the NATO 2024 Washington summit"): the year dates the thing it names, a noun, and no
    verb. A function word ("In 2015", "The 2014 summit") or a word that opens the sentence
    is no name."""
    m = _NAME_WORD_BEFORE.search(text, max(0, x.start - 30), x.start)
    if m is None or not re.fullmatch(r"\d{4}", x.timex.text) or not text[: m.start()].strip() \
            or not re.match(r" [\w“\"]", text[x.end : x.end + 2]):
        return False  # a year that ends its line or phrase may be a table's date ("Partnership for Peace 1994")
    word = m.group(1).lower()
    classes = closed_classes()
    return not any(word in classes[k] for k in ("determiner", "preposition", "subordinator", "pronoun",
                                                "clause_adverb", "conditional"))


def drop_range_ends(text: str, txs: list[_Tx]) -> list[_Tx]:
    """Keep the first end of a range. A range within one month dates its event by the
    first day ("July 8-10" → July 8), but what a clause set at a gathering says was done
    there by the month (the day of the act is not given); a longer one dates by the
    calendar unit holding both ends ("19 May – 9 November 2009" → 2009), since no single
    day is the event's."""
    out: list[_Tx] = []
    for x in txs:
        if out:
            prev = out[-1]
            between = text[prev.end : x.start]
            if re.fullmatch(rf"\s*(?:[{RANGE_DASHES}]|to|until|till|through)\s*", between, re.I) or (
                    x.timex.extra.get("range") == "second" and re.fullmatch(r"\s*and\s*", between)):
                a, b = prev.date, x.date
                if a is not None and b is not None and a.interval()[0] < b.interval()[1]:
                    # the range's last day, for a finer date inside it (see finest)
                    prev = out[-1] = _Tx(prev.start, prev.end, replace(
                        prev.timex, extra={**prev.timex.extra, "range_until": b.value}), prev.date)
                if a is not None and b is not None and a.precision == b.precision == "day":
                    whole = common_date(a.interval()[0], b.interval()[0])
                    if whole is not None and whole.precision != "month":
                        out[-1] = _Tx(prev.start, prev.end, replace(prev.timex, value=whole.value), whole)
                    elif whole is not None:
                        # a gathering of several days is dated by its first; what a clause set
                        # at it says was done there, by the month both days share (see
                        # extract._candidate)
                        extra = {**prev.timex.extra, "range_whole": whole.value}
                        out[-1] = _Tx(prev.start, prev.end, replace(prev.timex, extra=extra), prev.date)
                continue
        out.append(x)
    return out


def finest(txs: list[_Tx]) -> list[_Tx]:
    """The dates one predicate takes, without one that holds another of them: "the speech
    at the conference in 2007 was delivered on 10 February 2007" is one delivery, on the
    day; a heading's range ("2017-2019: ... In May 2018, Norway reopened ...") holds the
    date inside it."""
    out = []
    for x in txs:
        if x.date is not None and any(y is not x and y.date is not None and y.date != x.date
                                      and _holds(_span(x), y.date.interval()) for y in txs):
            continue
        out.append(x)
    return out


def _span(x: _Tx):
    """The days ``x`` covers: its date, to the last day of its range when it opens one."""
    lo, hi = x.date.interval()
    until = x.timex.extra.get("range_until")
    if until:
        end = PartialDate.parse(until)
        if end is not None:
            hi = max(hi, end.interval()[1])
    return lo, hi


def _holds(outer, inner) -> bool:
    lo, hi = outer
    a, b = inner
    return lo <= a and b <= hi and (lo, hi) != (a, b)
