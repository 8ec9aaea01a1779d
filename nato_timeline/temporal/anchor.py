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

The tense is read from cue words (``data/en/norm/tense.tsv``) nearest to the timex in
its sentence, plus lower-case past participles/past forms ending in ``-ed`` (a capitalised word such as
``United`` is a name, not a verb).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from dateutil.relativedelta import relativedelta

from .loader import DATA_DIR, read_norm
from .types import (
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

_FN = re.compile(r"^(\w+)\(([^)]*)\)$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘(])|\n\s*\n|\n(?=[A-Z•\-*])")


@lru_cache(maxsize=1)
def _tense_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    table = read_norm(DATA_DIR / "en" / "norm" / "tense.tsv")
    words = sorted(table, key=len, reverse=True)
    alts = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in words)
    pat = re.compile(rf"(?<![\w'’])(?:(?P<w>{alts})(?![\w])|(?P<ed>(?-i:[a-z]{{3,}}ed))\b)", re.IGNORECASE)
    return pat, {k.lower(): v for k, v in table.items()}


#: an auxiliary (or "to be") right before an -ed word: "was extended", "to be completed",
#: "would be paid", "has been delayed"; the -ed word is then a participle, not a past form
_AUX_BEFORE = re.compile(
    r"(?<![\w'’])(?:be|been|being|is|are|am|was|were|has|have|had|get|gets|got|'s|'re)"
    r"(?:\s+(?:not|also|now|already|still|just|since|being|been|\w+ly))*\s+$",
    re.IGNORECASE,
)


#: a determiner (and adverbs) right before an -ed word: "the planned merger", "an
#: unexpected loss", "a still unspecified date"; the -ed word is then an adjective
_DET_BEFORE = re.compile(
    r"(?<![\w'’])(?:a|an|the|its|their|his|her|our|this|that|these|those)(?:\s+(?:still|yet|\w+ly))*\s+$",
    re.IGNORECASE,
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _SENT_END.finditer(text, lo, start):
        s = m.end()
    m = _SENT_END.search(text, end, min(len(text), end + 400))
    e = m.start() + 1 if m else min(len(text), end + 400)
    return s, e


def tense_of(text: str, start: int, end: int) -> str:
    """``past``, ``future``, ``present`` or ``""`` for the sentence around text[start:end]."""
    s, e = sentence_bounds(text, start, end)
    pat, table = _tense_regex()
    best: tuple[int, str] | None = None
    for m in pat.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        if m.group("w"):
            t = table[re.sub(r"\s+", " ", m.group("w").lower())]
            if t == "none":
                continue  # a phrase that only looks like a cue ("next to the embassy")
            if m.group("w").lower().endswith("ed") and _DET_BEFORE.search(text, max(s, m.start() - 40), m.start()):
                continue  # "the hastily planned trip": a listed -ed form used as an adjective
        elif _AUX_BEFORE.search(text, max(s, m.start() - 40), m.start()):
            continue  # a participle after an auxiliary: the auxiliary carries the tense
        elif _DET_BEFORE.search(text, max(s, m.start() - 40), m.start()):
            continue  # an adjective after a determiner ("a still unspecified date"), no verb
        else:
            t = "past"
        # a cue after the timex ("..., officials said") counts only when none comes before it
        dist = start - m.end() if m.end() <= start else (m.start() - end) + 1000
        if best is None or dist < best[0]:
            best = (int(dist), t)
    return best[1] if best else ""


# ----------------------------------------------------------------- date arithmetic


def _iso_week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift(d: _dt.date, unit: str, n: int) -> _dt.date:
    if unit == "D":
        return d + _dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + _dt.timedelta(weeks=n)
    if unit == "M":
        return d + relativedelta(months=n)
    if unit == "Q":
        return d + relativedelta(months=3 * n)
    if unit == "Y":
        return d + relativedelta(years=n)
    if unit == "DE":
        return d + relativedelta(years=10 * n)
    if unit == "CE":
        return d + relativedelta(years=100 * n)
    raise ValueError(unit)


def _unit_value(d: _dt.date, unit: str) -> str:
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return _iso_week(d)
    if unit == "WE":
        return _iso_week(d) + "-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    raise ValueError(unit)


def _rel(ref: _dt.date, unit: str, off: int) -> str:
    if unit == "W" and off == -1:
        # the writer's week starts on Sunday: "last week" in a Sunday report is Mon–Sat before it
        d = ref - _dt.timedelta(days=7)
        sunday = d - _dt.timedelta(days=(d.weekday() + 1) % 7)
        return _iso_week(sunday + _dt.timedelta(days=1))
    return _unit_value(_shift(ref, unit, off), unit)


#: a sentence's tense places a year-less month at most this many months from the DCT month;
#: farther than that, the nearer occurrence on the other side wins ("told of a cut in
#: September" written in August: the coming September, not eleven months back)
TENSE_REACH_MONTHS = 7


_WORD = re.compile(r"[\w'’]+")


def tense_is_direct(text: str, start: int) -> bool:
    """Whether a tense cue stands within the eight words before ``start`` ("ended March 31",
    "bought it in February"): the verb then governs the date itself, not a clause around it."""
    s, _ = sentence_bounds(text, start, start)
    lo = max(s, start - 80)
    words = list(_WORD.finditer(text, lo, start))[-8:]
    pat, table = _tense_regex()
    for w in words:
        m = pat.fullmatch(w.group())
        if not m:
            continue
        if m.group("ed"):
            before = text[max(lo, w.start() - 40) : w.start()]
            if not (_AUX_BEFORE.search(before) or _DET_BEFORE.search(before)):
                return True
        elif table.get(w.group().lower()) in ("past", "future"):
            return True
    return False


def _pick_year(month: int, day: int | None, ref: _dt.date, tense: str, direct: bool = True) -> int:
    """Year of a month(-day) nearest to ``ref`` in the tense's direction.

    A tense that is not ``direct`` (see ``tense_is_direct``) reaches at most
    ``TENSE_REACH_MONTHS`` from the DCT month."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = _dt.date(y, month, day or 15)
        except ValueError:
            continue
        cands.append((y, d))
    # compared at month level: a past event in a LATER month than the DCT month belongs to
    # the previous year, a coming one in an EARLIER month to the next year (same month: DCT year)
    ahead = (month - ref.month) % 12  # months from the DCT month forward to the named month
    if tense == "past":
        if not direct and ahead and 12 - ahead > TENSE_REACH_MONTHS:
            return ref.year if month > ref.month else ref.year + 1
        ok = [y for y, _ in cands if (y, month) <= (ref.year, ref.month)]
        return max(ok) if ok else ref.year
    if tense == "future":
        if not direct and ahead > TENSE_REACH_MONTHS:
            return ref.year if month < ref.month else ref.year - 1
        ok = [y for y, _ in cands if (y, month) >= (ref.year, ref.month)]
        return min(ok) if ok else ref.year
    if not cands:
        return ref.year
    if tense == "present":
        # the nearest occurrence, a tie going to the past
        if ahead and ahead < 12 - ahead:
            return ref.year if month > ref.month else ref.year + 1
        return ref.year if month <= ref.month else ref.year - 1
    # no tense: the DCT's year unless another year is much nearer
    best = min(cands, key=lambda c: (abs((c[1] - ref).days), c[0] != ref.year))
    return best[0] if abs((best[1] - ref).days) < 120 and best[0] != ref.year else ref.year


def _weekday(ref: _dt.date, wd: int, direction: str, tense: str) -> _dt.date:
    delta = (wd - 1) - ref.weekday()  # -6..6
    back = ref - _dt.timedelta(days=(-delta) % 7)  # most recent <= ref
    ahead = ref + _dt.timedelta(days=delta % 7)  # next >= ref
    if direction == "-1":
        return back if back < ref else back - _dt.timedelta(days=7)
    if direction == "+1":
        return ahead if ahead > ref else ahead + _dt.timedelta(days=7)
    if direction == "0":
        return ref + _dt.timedelta(days=delta)
    if tense == "future":
        return ahead
    if tense == "past" or tense == "":
        return back
    return back if (ref - back) <= (ahead - ref) else ahead


def _season(ref: _dt.date, s: str, direction: str, tense: str) -> str:
    first, last = _SEASON_MONTHS[s]
    m = ref.month if not (s == "WI" and ref.month <= 2) else ref.month + 12
    y = ref.year if not (s == "WI" and ref.month <= 2) else ref.year - 1
    if direction == "-1" or (direction == "t" and tense == "past"):
        y = y if m > last else y - 1
    elif direction == "+1" or (direction == "t" and tense == "future"):
        y = y if m < first else y + 1
    return f"{y:04d}-{s}"


# ----------------------------------------------------------------- resolution


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?-i:[a-z])")
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
    if fn == "ctx":
        unit, off = args[0], int(args[1])
        if ctx is not None and ctx_date is not None:
            d, prec = ctx_date
            need = {"D": "day", "W": "day", "WE": "day", "M": "month", "Q": "month"}.get(unit, "year")
            if _PREC[prec] >= _PREC[need]:
                return done(_rel(d, unit, off), ANCHOR_CONTEXT)
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
            y = _pick_year(month, day, dct, tense, tense_is_direct(text, t.start) and not attributive)
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


_PREC = {"year": 0, "month": 1, "day": 2}

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
        if t.extra.get("ref", "").startswith(("rel(", "wd(", "weekend(")):
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


def _story_for(t: Timex, text: str, dct: _dt.date | None, last_ctx: Timex | None, narrative: bool) -> tuple[_dt.date, str] | None:
    """The story's time when ``t`` belongs to it rather than to the document date.

    In a narrative (``is_narrative``) always, whatever the tense: a future in a story is a
    future of the past ("the front would hold until December"). Elsewhere only when the
    date the text reached lies far from the document date, names a month or a day, stands
    in the same sentence, and that sentence is in the past tense ("The council first met
    in June 1997 and on 12 June agreed a text")."""
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


def _ctx_date(ctx: Timex | None) -> tuple[_dt.date, str] | None:
    if ctx is None:
        return None
    pd = calendar_date(ctx.value)
    if pd is None:
        return None
    return _dt.date(pd.year, pd.month or 1, pd.day or 1), pd.precision


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
    for i in order:
        t = res[i]
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
        try:
            story = _story_for(t, text, dct_date, story_at, narrative)
            r = _resolve(t, text, dct_date, last_ctx, prev, last_q, story)
        except (ValueError, OverflowError, KeyError, IndexError):
            r = t  # an argument the arithmetic cannot use (e.g. "several years ago") stays unresolved
        res[i] = r
        rref = r.extra.get("ref", "")
        if ignore(r.start, r.end):
            continue
        if _is_context_source(r) and not rref.startswith(("anaphor(", "cmp(")):
            if not (narrative and r.anchor == ANCHOR_DOCUMENT):  # a story is not moved by its writer's present
                last_ctx = r
                if _moves_story(r, text, story_at):
                    story_at = r
        if rref.startswith(("cmp(", "present", "ref")):
            continue
        prev = r
        if _QUARTER.match(r.value) and not rref.startswith("anaphor("):
            last_q = r
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


_DUR_UNITS = re.compile(r"^P(\d+)([YMWDQ])$")
_NEED = {"D": "day", "W": "day", "M": "month", "Q": "month", "Y": "year"}
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
