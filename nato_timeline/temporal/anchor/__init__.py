"""Anchoring: resolve underspecified values against the document date or the context.

Rules (nato-russia-dev guidelines):

* a bare weekday takes the nearest such day around the document date (DCT) that fits
  the tense of its sentence: past → the most recent one (may be the DCT itself),
  future → the next one (may be the DCT itself), present/unknown → the nearest;
* a month or month-day without a year takes the occurrence nearest to the DCT in the
  direction of the tense (past → at or before the DCT month, future → at or after);
* ``last week`` is the week before the writer's (Sunday-start) week, valued with the
  ISO week that holds its working days; ``this week`` is the ISO week of the DCT;
* ``ctx(...)`` expressions (``the next day``, ``two years later``) and anaphors
  (``since then``, ``at the time``) take the closest preceding resolved date of the
  text that ``ignore`` does not exclude; without one, ``ctx`` falls back to the DCT;
* without a DCT, a month-day or month takes the year of the closest preceding dated
  expression (context); everything else stays unresolved with its X value.
* in a narrative (a history, a chronology), year-less expressions take the story's
  time instead of the DCT (``story.py``, ``docs/dates.md``).

The tense is read in ``tense.py``; date arithmetic is in ``calendar.py``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from typing import Callable

from ..ranges import RANGE_DASHES
from ..types import (
    HOLIDAY_MONTH,
    holiday_date,
    ANCHOR_ABSOLUTE,
    ANCHOR_CONTEXT,
    ANCHOR_DOCUMENT,
    ANCHOR_UNRESOLVED,
    PartialDate,
    Timex,
    calendar_date,
)
from .calendar import _NEED, _PREC, _ctx_date, _iso_week, _pick_year, _rel, _season, _shift, _unit_value, _weekday
from .story import _STORY_FNS, _moves_story, _resolve_on_story, _story_for, entry_lines, is_heading_year, leads_entry, is_narrative
from .tense import tense_is_direct, tense_of

__all__ = ["anchor_timexes", "is_narrative", "resolved_or_absolute", "tense_of"]


_FN = re.compile(r"^(\w+)\(([^)]*)\)$")


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


_POSSESSIVE_AFTER = re.compile(r"['’]s\b")


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


_NOUN_AFTER = re.compile(rf"(?:\s*[{RANGE_DASHES}]\s*\d{{1,2}}\b)?\s+(?-i:[a-z])")  # "the July 8-9 summit"


#: how far back (characters) a compared quarter ("a year ago" after "third-quarter") may be
CMP_WINDOW = 1200


def _resolve(
    t: Timex,
    text: str,
    dct: _dt.date | None,
    ctx: Timex | None,
    prev: Timex | None = None,
    last_q: Timex | None = None,
    story: tuple[_dt.date, str] | None = None,
    writer_ctx: Timex | None = None,
    in_entry: bool = False,
) -> Timex:
    ref = t.extra.get("ref")
    if not ref or t.anchor != ANCHOR_UNRESOLVED:
        return t
    suffix = t.extra.get("suffix", "")
    if ref == "present" or ref == "ref":
        return replace(t, anchor=ANCHOR_DOCUMENT) if dct else t
    m = _FN.match(ref)
    if not m:
        return t
    fn, args = m.group(1), m.group(2).split(",") if m.group(2) else []
    if story is not None and fn in _STORY_FNS:
        told = _resolve_on_story(t, fn, args, story, suffix)
        if told is not None:
            return told
    tense = ""
    if dct is not None and fn in ("md", "month", "wd", "season", "quarter", "weekend", "hol"):
        tense = tense_of(text, t.start, t.end)
        if fn == "wd" and _POSSESSIVE_AFTER.match(text, t.end):
            tense = ""  # "Wednesday's ruling": a noun modifier, the clause's tense is not its own
    extra = dict(t.extra)
    if tense:
        extra["tense"] = tense
    ctx_date = _ctx_date(ctx)

    def done(value: str, anchor: str) -> Timex:
        return replace(t, value=value + suffix, anchor=anchor, extra=extra)

    if fn == "anaphor" and args:
        # "the quarter": the quarter last mentioned; "the 1988 period": that quarter in 1988
        if args[0] == "Q" and last_q is not None:
            if len(args) > 1 and args[1]:
                return done(f"{args[1]}-Q{last_q.value[-1]}", ANCHOR_CONTEXT)
            return done(last_q.value, ANCHOR_CONTEXT)
        return t
    if fn == "cmp":
        # "a year ago/earlier" compares with the reported period: after a quarter (the last one
        # mentioned, within CMP_WINDOW, other dates between allowed) it is that quarter shifted
        # ("third-quarter ... on Oct. 2 ... a year ago" → the third quarter a year before)
        unit, off, kind = args[0], int(args[1]), args[2]
        mq = _QUARTER.match(last_q.value) if last_q is not None and t.start - last_q.end <= CMP_WINDOW else None
        if unit == "Y" and mq:
            return done(f"{int(mq.group(1)) + off:04d}-Q{mq.group(2)}", ANCHOR_CONTEXT)
        fn, args = kind, [unit, str(off)]
    if fn == "anaphor":
        if ctx is not None:
            return done(ctx.value.split("T")[0] if t.type == "DATE" else ctx.value, ANCHOR_CONTEXT)
        return t
    if fn == "wd" and args[1].startswith("c"):
        # "the previous Friday", "the following Monday" (wd(5,c-1)): the weekday before (after)
        # the day the text is at; without one, before (after) the document date
        wd, step = int(args[0]), int(args[1][1:])
        if ctx_date is not None and ctx_date[1] == "day":
            ref_day, anchor = ctx_date[0], ANCHOR_CONTEXT
        elif dct is not None:
            ref_day, anchor = dct, ANCHOR_DOCUMENT
        else:
            return t
        return done(_weekday(ref_day, wd, "-1" if step < 0 else "+1", "").isoformat(), anchor)
    if fn == "ctx":
        unit, off = args[0], int(args[1])
        need = {"D": "day", "W": "day", "WE": "day", "M": "month", "Q": "month"}.get(unit, "year")
        if writer_ctx is not None and (ctx is None or writer_ctx.start > ctx.start):
            # a narrative's "last Tuesday ... the next morning": the day named last, although
            # the story's time was not moved by it (it was counted from the document date)
            named = _ctx_date(writer_ctx)
            finer = named is not None and (ctx_date is None or _PREC[named[1]] > _PREC[ctx_date[1]])
            if finer and _PREC[named[1]] >= _PREC[need]:
                ctx, ctx_date = writer_ctx, named
        if ctx is not None and ctx_date is not None:
            d, prec = ctx_date
            if _PREC[prec] >= _PREC[need]:
                return done(_rel(d, unit, off), ANCHOR_CONTEXT)
            if unit == "D" and abs(off) <= 1:
                # "in October ... that same day", "the next day": a day of the month (year) the
                # text is at, its day unknown (TimeML keeps the known part: 1998-10-XX)
                known = f"{d.year:04d}-{d.month:02d}" if prec == "month" else f"{d.year:04d}-XX"
                return done(known + "-XX", ANCHOR_CONTEXT)
            return t
        if dct is not None:
            return done(_rel(dct, unit, off), ANCHOR_DOCUMENT)
        return t
    if fn in ("md", "month"):
        month = int(args[0])
        day = int(args[1]) if fn == "md" else None
        of_year = args[-1] if len(args) > 1 + (fn == "md") and args[-1].startswith("c") else ""
        if of_year:  # "August of that year": the year the narration is at, moved
            if ctx_date is None:
                return t
            value = f"{ctx_date[0].year + int(of_year[1:] or 0):04d}-{month:02d}" + (f"-{day:02d}" if day else "")
            try:
                PartialDate.parse(value)
            except ValueError:
                return t
            return done(value, ANCHOR_CONTEXT)
        if fn == "month" and args[1] not in ("t", ""):
            if dct is None:
                return t
            direction = int(args[1])
            y = dct.year
            if direction < 0:
                y = dct.year if month < dct.month else dct.year - 1
            elif direction > 0:
                y = dct.year if month > dct.month else dct.year + 1
            return done(f"{y:04d}-{month:02d}", ANCHOR_DOCUMENT)
        if fn == "md" and len(args) > 2 and args[2] in ("-1", "+1") and dct is not None:
            # "last Oct. 23": the latest such day before the DCT; "next March 3": the first after
            step = int(args[2])
            for k in range(9):  # 29 February may lie up to eight years away
                try:
                    d = _dt.date(dct.year + step * k, month, day or 1)
                except ValueError:
                    continue
                if (d < dct) if step < 0 else (d > dct):
                    return done(d.isoformat(), ANCHOR_DOCUMENT)
            return t
        if dct is not None:
            # "the August war": a month naming an event is no object of the clause's verb
            attributive = bool(_THE_BEFORE.search(text, max(0, t.start - 5), t.start) and _NOUN_AFTER.match(text, t.end))
            if in_entry or _SINCE_BEFORE.search(text, max(0, t.start - 16), t.start):
                # "since the Sept. 11 attacks", "since March": a period runs from a past date;
                # a chronology's entry tells what had happened by the time it was written
                y = _pick_year(month, day, dct, "past", True)
            else:
                y = _pick_year(month, day, dct, tense, tense_is_direct(text, t.start, t.end) and not attributive)
            anchor = ANCHOR_DOCUMENT
        elif ctx_date is not None:
            y = ctx_date[0].year
            anchor = ANCHOR_CONTEXT
        else:
            return t
        value = f"{y:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        try:
            PartialDate.parse(value)
        except ValueError:
            return t
        return done(value, anchor)
    if fn == "season" and args[1].startswith("c"):  # "that summer", "the following spring"
        if ctx_date is not None:
            return done(f"{ctx_date[0].year + int(args[1][1:] or 0):04d}-{args[0]}", ANCHOR_CONTEXT)
        args[1] = "t"
    if dct is None:
        return t
    if fn == "rel":
        return done(_rel(dct, args[0], int(args[1])), ANCHOR_DOCUMENT)
    if fn == "wd":
        return done(_weekday(dct, int(args[0]), args[1], tense).isoformat(), ANCHOR_DOCUMENT)
    if fn == "season":
        return done(_season(dct, args[0], args[1], tense), ANCHOR_DOCUMENT)
    if fn == "weekend":
        # past (or no tense) → the latest weekend at or before the DCT; future → the next one
        sat = dct + _dt.timedelta(days=(5 - dct.weekday()) % 7)
        if tense != "future" and sat > dct:
            sat -= _dt.timedelta(days=7)
        return done(_iso_week(sat) + "-WE", ANCHOR_DOCUMENT)
    if fn == "hol":
        code, direction = args[0], (args[1] if len(args) > 1 else "") or "t"
        this = holiday_date(code, dct.year)
        if direction in ("-1", "past") or (direction == "t" and tense == "past"):
            y = dct.year if this <= dct else dct.year - 1
        elif direction in ("+1",) or (direction == "t" and tense == "future"):
            y = dct.year if this >= dct else dct.year + 1
        elif direction == "t" and tense == "":
            month = HOLIDAY_MONTH.get(code) or int(code.split("-")[0])
            y = _pick_year(month, None, dct, "")
        else:
            y = dct.year
        return done(holiday_date(code, y).isoformat(), ANCHOR_DOCUMENT)
    if fn == "quarter":
        q = int(args[0])
        cur = (dct.month - 1) // 3 + 1
        y = dct.year - 1 if (tense != "future" and q > cur) else dct.year
        return done(f"{y:04d}-Q{q}", ANCHOR_DOCUMENT)
    return t


def _is_context_source(t: Timex) -> bool:
    if t.type not in ("DATE", "TIME") or t.anchor == ANCHOR_UNRESOLVED:
        return False
    return calendar_date(t.value) is not None


def _fix_gmt(res: list[Timex], text: str) -> None:
    """A GMT time right after a local time of the same day can fall on the next/previous day."""
    for i in range(1, len(res)):
        a, b = res[i - 1], res[i]
        if a.type != "TIME" or b.type != "TIME" or not b.value.endswith("Z") or b.start - a.end > 4:
            continue
        ma = re.match(r"(\d{4}-\d{2}-\d{2})T(\d{2})", a.value)
        mb = re.match(r"(\d{4}-\d{2}-\d{2})T(\d{2})(.*)", b.value)
        if not ma or not mb or ma.group(1) != mb.group(1):
            continue
        diff = int(mb.group(2)) - int(ma.group(2))
        days = 1 if diff < -12 else -1 if diff > 12 else 0
        if days:
            d = _dt.date.fromisoformat(mb.group(1)) + _dt.timedelta(days=days)
            res[i] = replace(b, value=f"{d.isoformat()}T{mb.group(2)}{mb.group(3)}")


def anchor_timexes(
    timexes: list[Timex],
    text: str,
    dct: PartialDate | None,
    *,
    ignore: Callable[[int, int], bool] = lambda start, end: False,
) -> list[Timex]:
    """Resolve underspecified values; see the module docstring for the rules."""
    dct_date: _dt.date | None = None
    if dct is not None:
        dct_date = _dt.date(dct.year, dct.month or 1, dct.day or 1)
        if dct.precision != "day":
            dct_date = None  # relative expressions need a day; month/year-only DCTs stay unused
    order = sorted(range(len(timexes)), key=lambda i: timexes[i].start)
    res = list(timexes)
    last_ctx: Timex | None = None
    prev: Timex | None = None  # the last expression that is not itself a comparison or "now"
    last_q: Timex | None = None  # the last quarter value
    narrative = dct_date is not None and is_narrative(timexes, dct_date)
    story_at: Timex | None = None  # the date the story has reached (see _moves_story)
    heading: Timex | None = None  # the last year on a heading line (see is_heading_year)
    entry_day: Timex | None = None  # the last day that leads a chronology's entry
    writer_ctx: Timex | None = None  # in a narrative, the last date counted from the document date
    dateline = _dateline(timexes, order, text, dct_date)
    on_entry_line = entry_lines(timexes, text)
    for pos, i in enumerate(order):
        t = res[i]
        if dateline is not None and t.start == dateline[0]:
            dct_date = dateline[1]  # the story's own day: its "today" and "tonight" from here on
        partner = t.range_partner
        if (
            t.anchor == ANCHOR_UNRESOLVED
            and partner is not None
            and t.extra.get("range") == "second"
            and 0 <= partner < len(res)
            and res[partner].anchor != ANCHOR_UNRESOLVED
        ):
            filled = _fill_year(t, res[partner])
            if filled is not None:
                res[i] = filled
                continue
        if pos + 1 < len(order) and t.anchor == ANCHOR_UNRESOLVED:
            filled = _year_of_phrase(t, res[order[pos + 1]], text)
            if filled is not None:
                res[i] = filled  # "the August war 2008": the year the phrase names
                t = filled
        try:
            at, ctx = story_at, last_ctx
            if entry_day is not None and _clock_entry(t, text):
                at = ctx = entry_day
            story = _story_for(t, text, dct_date, at, narrative, on_entry_line, heading)
            fn = _FN.match(t.extra.get("ref") or "")
            if dct_date is None and story_at is not None and fn is not None and fn.group(1) in ("md", "month"):
                # with no document date, a day or month without a year is in the story's
                # year; a year that names something in passing ("the 2014 Nuclear Security
                # Summit") does not move the story (see _moves_story)
                ctx = story_at
            r = _resolve(t, text, dct_date, ctx, prev, last_q, story, writer_ctx, on_entry_line(t))
        except (ValueError, OverflowError, KeyError, IndexError):
            r = t  # an argument the arithmetic cannot use (e.g. "several years ago") stays unresolved
        res[i] = r
        rref = r.extra.get("ref", "")
        if ignore(r.start, r.end):
            continue
        if is_heading_year(r, text):
            heading = r
        if r.date is not None and r.date.precision == "day" and leads_entry(r, text):
            entry_day = r
        if _is_context_source(r) and not rref.startswith(("anaphor(", "cmp(")):
            if narrative and r.anchor == ANCHOR_DOCUMENT:  # a story is not moved by its writer's present
                writer_ctx = r
            else:
                last_ctx = r
                if _moves_story(r, text, story_at):
                    story_at = r
        if rref.startswith(("cmp(", "present", "ref")):
            continue
        prev = r
        if _QUARTER.match(r.value) and not rref.startswith("anaphor("):
            last_q = r
    if dct_date is None:
        _one_year_for_all(res, ignore)
    _anchor_signalled_durations(res, text, dct_date, ignore)
    # first ends of ranges take missing parts from their resolved second end
    for i, t in enumerate(res):
        p = t.range_partner
        if p is not None and p > i and t.anchor == ANCHOR_UNRESOLVED and res[p].anchor != ANCHOR_UNRESOLVED:
            filled = _fill_year(t, res[p])
            if filled is not None:
                res[i] = filled
    _fix_gmt(res, text)
    return res


#: one or two lower-case words between a month and a year of one noun phrase ("the August
#: war 2008", "the March protests of 2011")
_PHRASE_TO_YEAR = re.compile(r"\s+(?:[a-z][a-z-]*\s+){1,2}(?:of\s+|in\s+)?")


def _year_of_phrase(t: Timex, nxt: Timex, text: str) -> Timex | None:
    """A month without a year whose noun phrase ends in a year ("the August war 2008") is
    of that year, whatever the document's date or the story's."""
    m = _FN.match(t.extra.get("ref") or "")
    if m is None or m.group(1) != "month" or not t.value.startswith("XXXX-") \
            or nxt.anchor != ANCHOR_ABSOLUTE or not re.fullmatch(r"\d{4}", nxt.value):
        return None
    gap = _PHRASE_TO_YEAR.fullmatch(text, t.end, nxt.start)
    if gap is None or any(w in _CLAUSE_WORDS for w in gap.group().split()):
        return None
    return replace(t, value=nxt.value + t.value[4:], anchor=ANCHOR_CONTEXT)


#: words that end a noun phrase: a verb or a conjunction between a month and a year
_CLAUSE_WORDS = frozenset("and or but was were is are had has have will would said says began ended".split())


def _clock_entry(t: Timex, text: str) -> bool:
    """Whether ``t`` is a clock time that leads a chronology's entry ("7 PM: Saakashvili
    announces ..."): it is on the day of the last entry, whatever date was told inside an
    entry in between ("Aug. 7: ... 1 PM: ... On Sept. 15, Georgia says it had known ...")."""
    return t.extra.get("ref") == "rel(D,0)" and t.extra.get("suffix", "").startswith("T") \
        and leads_entry(t, text)


def _one_year_for_all(res: list[Timex], ignore: Callable[[int, int], bool]) -> None:
    """With no document date, a year-less day or month the text reached before any year is
    in the one year the document names, when it names only one ("On September 19 ... four
    times in 2025"): a report of one year gives its year once. Two years name nothing."""
    years = {t.value[:4] for t in res if t.anchor != ANCHOR_UNRESOLVED and t.type in ("DATE", "TIME")
             and re.match(r"\d{4}", t.value) and not ignore(t.start, t.end)}
    if len(years) != 1:
        return
    (year,) = years
    for i, t in enumerate(res):
        m = _FN.match(t.extra.get("ref") or "")
        if t.anchor == ANCHOR_UNRESOLVED and m is not None and m.group(1) in ("md", "month") \
                and t.value.startswith("XXXX-"):
            value = year + t.value[4:]
            try:
                PartialDate.parse(value.split("T")[0])
            except ValueError:
                continue
            res[i] = replace(t, value=value, anchor=ANCHOR_CONTEXT)


#: "since" before a date, with "the" before a noun it names ("since the Sept. 11 attacks")
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


#: a dateline before a story: "BRUSSELS, JUNE 22 --", "MOSCOW, March 24 –" at a line's start
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .'’-]{1,40},[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:--|[–—-])[ \t]")
#: how many days a dateline may lie before the document's date (a morning paper's story of the day before)
_DATELINE_DAYS = 2


def _dateline(timexes: list[Timex], order: list[int], text: str, dct: _dt.date | None):
    """``(start, day)`` of a story's dateline that names a day just before the document's
    date ("BRUSSELS, JUNE 22 -- Russia entered a partnership today", printed on June 23):
    "today", "tonight" and the weekdays of the story after it count from that day. A
    dateline with the document's own day, or none, changes nothing."""
    if dct is None:
        return None
    for i in order[:12]:
        t = timexes[i]
        m = _FN.match(t.extra.get("ref") or "")
        if m is None or m.group(1) != "md" or not _DATELINE_BEFORE.search(text, max(0, t.start - 50), t.start) \
                or not _DATELINE_AFTER.match(text, t.end):
            continue
        month, day = (int(a) for a in m.group(2).split(","))
        try:
            told = _dt.date(dct.year - (1 if month > dct.month else 0), month, day)
        except ValueError:
            return None
        return (t.start, told) if 0 < (dct - told).days <= _DATELINE_DAYS else None
    return None


_DUR_UNITS = re.compile(r"^P(\d+)([YMWDQ])$")


_BEFORE_AFTER_GAP = re.compile(r"^\s+(?:before|after)\s+(?:the\s+)?$", re.IGNORECASE)


def _point(ref: PartialDate, unit: str, n: int) -> str | None:
    """``ref`` moved by ``n`` units, at the unit's precision (years → a year, never a month)."""
    if _PREC[ref.precision] < _PREC[_NEED[unit]]:
        return None
    d = _dt.date(ref.year, ref.month or 1, ref.day or 1)
    moved = _shift(d, unit, n)
    return _unit_value(moved, {"W": "D", "Q": "M"}.get(unit, unit))


def _anchor_signalled_durations(
    res: list[Timex], text: str, dct: _dt.date | None, ignore: Callable[[int, int], bool]
) -> None:
    """Give a duration followed by a signal the point it reaches (TimeML begin/end point).

    ``three days later`` / ``a year earlier``: from the closest preceding resolved date of the
    text (never the document date: "later" counts from a narrated time); ``two days before/after`` + a date (``two days after
    5 March``): from that date; ``a week before the summit`` (an event, not a date): no point.
    """
    order = sorted(range(len(res)), key=lambda i: res[i].start)
    last: PartialDate | None = None
    for k, i in enumerate(order):
        t = res[i]
        sig = t.extra.get("signal")
        m = _DUR_UNITS.match(t.value) if t.type == "DURATION" and sig else None
        if m:
            n, unit = int(m.group(1)), m.group(2)
            sign = 1 if sig in ("later", "after") else -1
            ref: PartialDate | None = None
            if sig in ("later", "earlier"):
                ref = last  # a narrated time, never the document date ("He left. Days later...")
            elif k + 1 < len(order):
                nxt = res[order[k + 1]]
                if _BEFORE_AFTER_GAP.match(text[t.end : nxt.start]) and _is_context_source(nxt):
                    ref = calendar_date(nxt.value)
            point = _point(ref, unit, sign * n) if ref is not None else None
            if point is not None:
                extra = dict(t.extra, point=point, point_anchor=ANCHOR_CONTEXT)
                res[i] = replace(t, extra=extra)
            continue
        if not ignore(t.start, t.end) and _is_context_source(t) and not t.extra.get("ref", "").startswith(("anaphor(", "cmp(")):
            last = calendar_date(t.value)


def _fill_year(t: Timex, other: Timex) -> Timex | None:
    ref = t.extra.get("ref", "")
    if not (ref.startswith("md(") or ref.startswith("month(")) or not re.match(r"\d{4}", other.value):
        return None
    value = other.value[:4] + t.value[4:]
    try:
        PartialDate.parse(value)
    except ValueError:
        return None
    return replace(t, value=value, anchor=ANCHOR_CONTEXT)


def resolved_or_absolute(t: Timex) -> bool:
    return t.anchor in (ANCHOR_ABSOLUTE, ANCHOR_DOCUMENT, ANCHOR_CONTEXT)
