"""The story's time: when a year-less or relative expression belongs to the narrative rather
than to the document date (``docs/dates.md``).

A document is a narrative when most of its dates lie far from its own date
(``is_narrative``); there year-less expressions take the last date the story reached
(``_story_for``), which bare years inside a clause do not move (``_moves_story``).
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..ranges import RANGE_DASHES
from ..types import ANCHOR_ABSOLUTE, ANCHOR_CONTEXT, ANCHOR_UNRESOLVED, PartialDate, Timex, holiday_date
from .calendar import _NEED, _PREC, _ctx_date, _rel, _shift, _weekday
from .tense import sentence_bounds, tense_of


#: a story's time at least this many days from the document date is "far": year-less dates
#: after it may belong to the story rather than to the writer's present
STORY_FAR_DAYS = 365


#: a narrative holds at least this many far dates with their year, more than twice as many as
#: its dates near the document date (with "yesterday", weekdays and the like)
NARRATIVE_MIN_FAR = 5


def _far(story: tuple[_dt.date, str], dct: _dt.date) -> bool:
    d, prec = story
    first = d
    last = _dt.date(d.year, 12, 31) if prec == "year" else (_shift(d, "M", 1) - _dt.timedelta(days=1) if prec == "month" else d)
    gap = (dct - last).days if last < dct else (first - dct).days if first > dct else 0
    return gap > STORY_FAR_DAYS


def is_narrative(timexes: list[Timex], dct: _dt.date) -> bool:
    """Whether a document tells a story far from its own date: most of its dates that carry
    their year lie more than ``STORY_FAR_DAYS`` from the document date (a history, a
    chronology), not around it (a news report that recalls a past year or two)."""
    far = near = 0
    for t in timexes:
        ref = t.extra.get("ref", "")
        if ref.startswith(("rel(", "wd(", "weekend(")) and ",c" not in ref:
            near += 1  # "yesterday", "on Monday", "last week": the writer's present
            continue
        if t.anchor != ANCHOR_ABSOLUTE or t.type not in ("DATE", "TIME"):
            continue
        cd = _ctx_date(t)
        if cd is None:
            continue
        if _far(cd, dct):
            far += 1
        else:
            near += 1
    return far >= NARRATIVE_MIN_FAR and far > 2 * near


#: a framing year heads its sentence ("In 1793, ...", "By 1916 the ...")
_CLAUSE_HEAD = re.compile(r"(?:^|[.;!?]\s+|\n)\W*(?:(?:in|by|during|from|until|after|before|since)\s+)?(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


def _moves_story(t: Timex, text: str, story: Timex | None) -> bool:
    """Whether a resolved date moves the story's time. A bare year does when it frames its
    sentence from its head ("In 1793, ..."); inside a clause ("a campaign planned in 1976",
    "the first since 1614") it is mostly an aside and leaves a finer story where it is."""
    if story is None or not re.fullmatch(r"\d{4}", t.value):
        return True
    at = _ctx_date(story)
    if at is not None and at[1] == "year":
        return True
    return bool(_CLAUSE_HEAD.search(text, max(0, t.start - 30), t.start))


#: a date that leads its line and is followed by a colon or a dash: a chronology's entry
#: ("* Nov 21: Kiev announces ...", "February 27-28: Russian troops ...")
_ENTRY_AFTER = re.compile(rf"(?:\s*[{RANGE_DASHES}]\s*\d{{1,2}}(?!\d))?\s*(?::|\s[-–—]{{1,2}}\s)")
_ENTRY_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–—][ \t]+)?$")


def leads_entry(t: Timex, text: str) -> bool:
    """Whether ``t`` is the date of a chronology entry: it starts its line (after a bullet)
    and a colon or a dash follows it, or the end of its range."""
    return _ENTRY_AFTER.match(text, t.end) is not None and \
        _ENTRY_BEFORE.search(text, max(0, t.start - 8), t.start) is not None


def entry_lines(timexes: Sequence[Timex], text: str) -> Callable[[Timex], bool]:
    """A test of whether an expression stands on a line that a chronology entry's date leads
    ("October 26: Pro-Western parties win ... On November 2 separatists win ...")."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    led = {bisect_left(newlines, t.start) for t in timexes if leads_entry(t, text)}
    return lambda t: bool(led) and bisect_left(newlines, t.start) in led


#: the most words, and characters, of a heading line ("Timeline of the August war 2008")
HEADING_WORDS = 10
HEADING_CHARS = 120


def is_heading_year(t: Timex, text: str) -> bool:
    """Whether ``t`` is a year on a heading line: a short line with no sentence stop at its
    end ("Timeline of the August war 2008"). It frames the chronology under it. (Only
    ``HEADING_CHARS`` around the year are looked at: a longer line is no heading.)"""
    if not re.fullmatch(r"\d{4}", t.value) or t.anchor != ANCHOR_ABSOLUTE:
        return False
    lo = max(0, t.start - HEADING_CHARS)
    start = text.rfind("\n", lo, t.start) + 1
    if start == 0 and lo > 0:
        return False
    end = text.find("\n", t.end, t.end + HEADING_CHARS)
    if end < 0:
        if t.end + HEADING_CHARS < len(text):
            return False
        end = len(text)
    line = text[start:end].strip()
    return len(line.split()) <= HEADING_WORDS and line[-1:] not in ".!?"


def _story_for(t: Timex, text: str, dct: _dt.date | None, last_ctx: Timex | None, narrative: bool,
               in_entry: Callable[[Timex], bool] = lambda t: False,
               heading: Timex | None = None) -> tuple[_dt.date, str] | None:
    """The story's time when ``t`` belongs to it rather than to the document date.

    In a narrative (``is_narrative``) always, whatever the tense: a future in a story is a
    future of the past ("the front would hold until December"). Elsewhere only when the
    date the text reached lies far from the document date, names a month or a day, stands
    in the same sentence, and that sentence is in the past tense ("The council first met
    in June 1997 and on 12 June agreed a text"). A chronology's entry (``entry_lines``) after a year
    (a heading, "key dates ... since Moscow annexed Crimea: 2014") or after another entry: the
    list goes on from there (a page's stamp "Last Updated: November 11, 2000" starts no list),
    or from the year of a heading above it (``heading``: "Timeline of the August war 2008" over
    a page stamped 08.08.2019)."""
    if dct is None or last_ctx is None or t.anchor != ANCHOR_UNRESOLVED:
        return None
    ref = t.extra.get("ref", "")
    if ref.split("(", 1)[0] not in _STORY_FNS:
        return None
    story = _ctx_date(last_ctx)
    if story is None:
        return None
    if narrative:
        return story  # near the document date or not: the story's own dates come first
    if in_entry(t):
        if story[1] == "year" or in_entry(last_ctx):
            return story
        return _ctx_date(heading) if heading is not None else None
    if not _far(story, dct):
        return None
    if story[1] == "year" or last_ctx.end < sentence_bounds(text, t.start, t.end)[0]:
        return None
    if tense_of(text, t.start, t.end) != "past":
        return None
    return story


#: the expressions that may take the story's time instead of the document date
_STORY_FNS = frozenset({"md", "month", "wd", "season", "hol", "quarter", "rel"})


#: a relative expression that names no "now": a clock time ("at 11 a.m.": the suffix is a time)
#: or a definite unit ("the end of the year"); "this", "today", "tonight" point at the writer's time
_ANAPHORIC_REL = re.compile(r"(?i:the\b)|.*T\d\d:\d\d$", re.S)


def _nearest_year(month: int, story: _dt.date, prec: str) -> int:
    """The year of ``month`` nearest to the story's time, a tie going forward (stories move on):
    after "November 1939", "March" is 1940; after "June 1944", "May" is 1944."""
    if prec == "year":
        return story.year
    ahead = (month - story.month) % 12
    if ahead == 0:
        return story.year
    if ahead <= 12 - ahead:
        return story.year if month > story.month else story.year + 1
    return story.year if month < story.month else story.year - 1


def _resolve_on_story(t: Timex, fn: str, args: list[str], story: tuple[_dt.date, str], suffix: str) -> Timex | None:
    """Resolve a year-less expression against the story's time (``None``: it cannot be)."""
    d, prec = story
    direction = args[1] if len(args) > 1 else "t"
    if fn == "md" and (len(args) < 3 or args[2] in ("", "t")):
        month, day = int(args[0]), int(args[1])
        value = f"{_nearest_year(month, d, prec):04d}-{month:02d}-{day:02d}"
    elif fn == "month" and direction in ("t", ""):
        month = int(args[0])
        value = f"{_nearest_year(month, d, prec):04d}-{month:02d}"
    elif fn == "season" and direction == "t":
        value = f"{d.year:04d}-{args[0]}"
    elif fn == "wd" and direction == "t" and prec == "day":
        value = _weekday(d, int(args[0]), "t", "present").isoformat()
    elif fn == "hol" and direction in ("t", ""):
        value = holiday_date(args[0], d.year).isoformat()
    elif fn == "quarter":
        value = f"{d.year:04d}-Q{int(args[0])}"
    elif fn == "rel" and args[1] == "0" and _ANAPHORIC_REL.match(t.text + suffix) and _PREC[prec] >= _PREC[_NEED.get(args[0], "year")]:
        # a clock time or "the end of the year" in a story; "today", "this year" stay the writer's
        value = _rel(d, args[0], 0)
    else:
        return None
    if fn in ("md", "month"):
        try:
            PartialDate.parse(value)
        except ValueError:
            return None  # "29 February" in a year without it
    return replace(t, value=value + suffix, anchor=ANCHOR_CONTEXT, extra=dict(t.extra, story="1"))
