"""Dates as events use them: corrections the event layer makes to anchored expressions.

The temporal engine anchors an expression on the publication date (DCT) with the tense
of its sentence. Some expressions are not governed by that tense, and the event layer,
which knows the event words, corrects them before the anchors are final. Rules of the
language only (the event nouns come from ``data/event_types.tsv``):

* **an event noun's month** ("the August war", "the November vote"): a month that
  premodifies an event noun is not in the tense of the clause's verb ("Moscow *will*
  insist on ... the August war"); it is the occurrence nearest to the DCT;
* **a starting point** ("from Tuesday", "starting Monday", "effective Friday"): a bare
  weekday that starts a new state of affairs is the coming one (at or after the DCT),
  unless it opens a closed range ("from Monday to Wednesday");
* **a reported deixis** ("... this week, NATO announced on Sept. 12"): in a sentence whose
  statement is itself dated to a day, "this week", "yesterday", "last month" count from
  that day, the speaker's now, not from the DCT.

:func:`reanchor` returns the corrected expressions by index; the pipeline puts them into
the raw list and anchors once more, so that anaphors ("since then") follow the
correction. :func:`span_date` turns a forward or backward duration from the DCT ("in
the next two weeks") into the calendar date that holds the whole span.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import replace
from typing import Sequence

from .lexicon import Lexicon
from .records import Span
from .temporal.anchor import _SINCE_BEFORE
from .temporal.anchor.tense import NOUN_CUE, noun_before
from .temporal.ranges import RANGE_DASHES
from .temporal.types import ANCHOR_CONTEXT, ANCHOR_DOCUMENT, PartialDate, Timex

_MONTH_REF = re.compile(r"^(?:month\((\d{1,2}),t\)|md\((\d{1,2}),(\d{1,2})\))$")
_WD_REF = re.compile(r"^wd\((\d),t\)$")
_REL_REF = re.compile(r"^rel\(([DWMY]),([+-]?\d+)\)$")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|this|that|its|their|his|her|our|a|an)|['’]s)\s+$", re.I)
_START_BEFORE = re.compile(r"\b(?:from|starting|beginning|effective|as\s+of)\s+(?:this\s+|next\s+)?$", re.I)
_RANGE_AFTER = re.compile(rf"^\s*(?:[{RANGE_DASHES}]|to|until|till|through|thru)\s", re.I)
_REPORT_BEFORE = re.compile(
    r"\b(?:said|announced|told(?:\s+\w+){0,2}|stated|declared|reported|confirmed|added|wrote)"
    r"(?:\s+[\w.’'-]+){0,4}?\s+(?:on\s+)?$",
    re.I,
)
_REPORT_AFTER = re.compile(
    r"^,?\s*(?:[\w.’'-]+\s+){0,4}?(?:said|announced|told|stated|declared|reported|confirmed|added)\b", re.I
)
_DURATION_FORWARD = re.compile(r"^(?:the\s+)?(?:next|coming|following)\b", re.I)
_DURATION_BACKWARD = re.compile(r"^(?:the\s+)?(?:last|past|previous)\b", re.I)
_DURATION_VALUE = re.compile(r"^P(\d+)([DWMY])$")


def _dct_day(dct: PartialDate | None) -> _dt.date | None:
    if dct is None or dct.precision != "day":
        return None
    return dct.interval()[0]


def nearest_year(month: int, day: int | None, ref: _dt.date) -> int | None:
    """The year whose ``month``(-``day``) lies nearest to ``ref`` (ties: ``ref``'s year)."""
    best: tuple[int, int] | None = None
    for y in (ref.year, ref.year - 1, ref.year + 1):
        try:
            d = _dt.date(y, month, day or 15)
        except ValueError:
            continue
        dist = abs((d - ref).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else None


def coming_weekday(iso_weekday: int, ref: _dt.date) -> _dt.date:
    """The day of ``iso_weekday`` (1 = Monday) at or after ``ref``."""
    return ref + _dt.timedelta(days=(iso_weekday - ref.isoweekday()) % 7)


def relative_value(unit: str, offset: int, ref: _dt.date) -> str:
    """TIMEX3 value of "this week" (W, 0), "yesterday" (D, -1), "last month" (M, -1)... from ``ref``."""
    if unit == "D":
        return (ref + _dt.timedelta(days=offset)).isoformat()
    if unit == "W":
        y, w, _ = (ref + _dt.timedelta(weeks=offset)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "M":
        k = ref.year * 12 + ref.month - 1 + offset
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    return f"{ref.year + offset:04d}"


def _noun_follows(text: str, end: int, lex: Lexicon) -> bool:
    """An event noun right after ``text[:end]``: "August war", "November vote", "May 5 summit"."""
    window = text[end : end + 60]
    m = re.match(r"(?:['’]s)?\s+(?:[A-Z][\w’'-]*\s+)?", window)
    if not m:
        return False
    for s, _e, t in lex.find_triggers(window):
        if s == m.end() and t.pos == "noun":
            return True
    return False


def _sentence_of(sentences: Sequence[Span], start: int) -> Span | None:
    for s in sentences:
        if s.start <= start < s.end:
            return s
    return None


def reanchor(
    raw: Sequence[Timex],
    anchored: Sequence[Timex],
    text: str,
    dct: PartialDate | None,
    sentences: Sequence[Span],
    lex: Lexicon,
) -> dict[int, Timex]:
    """Corrections to ``anchored`` (same order as ``raw``) by the rules of the module docstring.

    Returns ``{index: timex}`` with resolved values, to replace ``raw[index]`` before
    anchoring again. Without a day-precision DCT nothing is corrected.
    """
    ref = _dct_day(dct)
    if ref is None:
        return {}
    from .events.clauses import windows

    sentences = windows(text, sentences)
    parsed: dict[int, tuple] = {}  # each sentence's predicates and clauses, read once
    out: dict[int, Timex] = {}
    for i, t in enumerate(anchored):
        if t.anchor != ANCHOR_DOCUMENT or t.type not in ("DATE", "TIME"):
            continue
        rule = t.extra.get("ref", "")
        suffix = t.extra.get("suffix", "")
        m = _MONTH_REF.match(rule)
        if m and _SINCE_BEFORE.search(text, max(0, t.start - 16), t.start):
            continue  # "since the Sept. 11 attacks", "since Jan. 13": anchored before the DCT already
        if m and _DETERMINER_BEFORE.search(text[max(0, t.start - 12) : t.start]) and _noun_follows(text, t.end, lex):
            month = int(m.group(1) or m.group(2))
            day = int(m.group(3)) if m.group(3) else None
            y = nearest_year(month, day, ref)
            if y is not None:
                value = f"{y:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
                if value != t.value:
                    out[i] = replace(raw[i], value=value + suffix, anchor=ANCHOR_DOCUMENT)
            continue
        if m:
            # a month or a day without a year that a verb in the future dates lies ahead,
            # whatever the rest of the sentence says: "Clinton said ... enlargement will proceed
            # at the summit in July" (in March) is the coming July
            month = int(m.group(1) or m.group(2))
            day = int(m.group(3)) if m.group(3) else None
            future = _governing_tense(text, t, sentences, parsed) == "future"
            y = _coming_year(month, day, ref) if future else None
            if y is not None:
                value = f"{y:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
                if value != t.value.split("T")[0]:
                    out[i] = replace(raw[i], value=value + suffix, anchor=ANCHOR_DOCUMENT)
            continue
        m = _WD_REF.match(rule)
        if m and _START_BEFORE.search(text[max(0, t.start - 20) : t.start]) and not _RANGE_AFTER.match(text[t.end :]):
            value = coming_weekday(int(m.group(1)), ref).isoformat()
            if value != t.value.split("T")[0]:
                out[i] = replace(raw[i], value=value + suffix, anchor=ANCHOR_DOCUMENT)
            continue
        if m:
            # the tense of the verb the weekday dates, not of the sentence's nearest cue:
            # "On Monday evening, after talks, Erdogan agreed ..." is the past Monday; an
            # act in the simple present is one on the schedule ("ministers meet on Saturday")
            tense = _governing_tense(text, t, sentences, parsed, schedule=True)
            if tense in ("past", "future"):
                day = (latest_weekday if tense == "past" else coming_weekday)(int(m.group(1)), ref)
                if day.isoformat() != t.value.split("T")[0]:
                    out[i] = replace(raw[i], value=day.isoformat() + suffix, anchor=ANCHOR_DOCUMENT)
            continue
        m = _REL_REF.match(rule)
        if m:
            speech = _speech_date(i, anchored, text, sentences, ref)
            if speech is not None:
                value = relative_value(m.group(1), int(m.group(2)), speech)
                if value != t.value:
                    out[i] = replace(raw[i], value=value + suffix, anchor=ANCHOR_CONTEXT)
    return out


def _coming_year(month: int, day: int | None, ref: _dt.date) -> int | None:
    """The year in which ``month`` (and ``day``) is still ahead of ``ref`` or under way."""
    try:
        end = _dt.date(ref.year, month, day) if day else \
            _dt.date(ref.year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)
    except ValueError:
        return None
    return ref.year if end >= ref else ref.year + 1


#: verbs whose present passive announces what lies ahead ("a meeting is planned for Thursday")
_PLANNING = frozenset(("plan", "schedule", "expect", "set", "slate", "due", "arrange", "foresee"))


def latest_weekday(iso_weekday: int, ref: _dt.date) -> _dt.date:
    """The day of ``iso_weekday`` (1 = Monday) at or before ``ref``."""
    return ref - _dt.timedelta(days=(ref.isoweekday() - iso_weekday) % 7)


def _governing_tense(text: str, t: Timex, sentences: Sequence[Span], parsed: dict, schedule: bool = False) -> str:
    """``past``, ``future`` or ``""``: the tense of the finite verb of the clause that ``t``
    stands in (:mod:`nato_timeline.events.clauses`), from its form and auxiliaries; with
    ``schedule``, an act in the simple present is in the future ("ministers meet on
    Saturday")."""
    from .events.clauses import clauses
    from .events.grammar import predicates
    from .events.sentence import _QUOTE_SPAN

    starts = parsed.get("starts")
    if starts is None:
        starts = parsed["starts"] = [s.start for s in sentences]
    k = bisect.bisect_right(starts, t.start) - 1
    if k < 0 or not (sentences[k].start <= t.start < sentences[k].end):
        return ""
    sent = sentences[k]
    stext = text[sent.start : sent.end]
    at = t.start - sent.start
    if sent.start not in parsed:
        every = predicates(stext)
        quotes = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(stext)]
        parsed[sent.start] = (every, clauses(stext, every), quotes)
    every, found, quotes = parsed[sent.start]
    own = next((c for c in found if at in c), None)
    if own is None:
        return ""
    inside = [p for p in every if p.aux_start in own or p.start in own]
    # a quotation's verb is the speaker's, not the verb of a date outside it ("At a news
    # conference Friday, Clinton was succinct: “Enlargement will proceed.”")

    def quote_of(pos: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in quotes if a <= pos < b), None)

    here = quote_of(at)
    inside = [p for p in inside if quote_of(p.start) == here]
    if not inside:
        return ""
    # a date follows the verb it dates ("is planned in Vienna on Thursday, diplomats
    # added"): the nearest verb before it, else the nearest after it
    before = [p for p in inside if p.start < at]
    p = max(before, key=lambda p: p.start) if before else min(inside, key=lambda p: p.start)
    if before and p.kind == "comment" and p.form == "past" and _WOULD.search(stext, p.end, at):
        return "future"  # "said there would be a summit on Friday": the future of the saying
    if not p.finite:
        # what was decided or planned lies ahead of the deciding: "agreed on Tuesday to
        # hold a summit in July" is the coming July; another infinitive's time is its own
        # ("prepared to consult ... on Thursday")
        if p.form == "infinitive" and _decided_to(stext, p.aux_start):
            return "future"
        return ""
    aux = stext[p.aux_start : p.start].lower() if p.aux_start >= 0 else ""
    if p.form == "future" or re.search(r"\b(?:will|shall|is to|are to|set to|due to)\b", aux):
        return "future"
    if p.form == "passive" and re.search(r"\b(?:is|are)\b", aux) and p.lemma in _PLANNING:
        return "future"  # "is planned", "are scheduled", "is expected"
    if p.form in ("past", "perfect") or re.search(r"\b(?:was|were|had|did)\b", aux):
        return "past"
    if schedule and p.form == "present" and p.kind == "event" and not p.negated:
        return "future"
    return ""


#: "would" after a verb of saying, not "would have" (what did not happen)
_WOULD = re.compile(r"\bwould\s+(?!have\b)(?:\w+ly\s+)?[a-z]+\b[^,;:]*$", re.I)


def _decided_to(stext: str, at: int) -> bool:
    """Whether the infinitive whose "to" is at ``at`` completes a verb of deciding or
    planning ("agreed to", "decided on Tuesday to", "plans to")."""
    from .events.sentence import _PLANNERS

    head = re.sub(r"\s+(?:on|in|at)\s+\w+(?:\s+\w+)?\s*$", " ", stext[max(0, at - 60) : at])
    m = _PLANNERS.search(head)
    if m is None or re.search(r"\b(?:is|are|was|were|will|would|about|able|look|looks)\s+$", head, re.I):
        return False
    # "announced plans to", "its plans to": a noun, whose time is its verb's, not a plan's
    return not (NOUN_CUE.match(m.group()) and noun_before(head, 0, m.start()))


def _speech_date(i: int, anchored: Sequence[Timex], text: str, sentences: Sequence[Span],
                 dct: _dt.date) -> _dt.date | None:
    """The day a reporting verb of the same sentence is dated to, when it is not the DCT."""
    t = anchored[i]
    sent = _sentence_of(sentences, t.start)
    if sent is None:
        return None
    for j, r in enumerate(anchored):
        if j == i or not (sent.start <= r.start and r.end <= sent.end):
            continue
        d = r.date
        if d is None or d.precision != "day" or r.extra.get("ref", "").startswith("rel("):
            continue
        day = d.interval()[0]
        if day == dct:
            continue
        before = text[max(sent.start, r.start - 60) : r.start]
        after = text[r.end : min(sent.end, r.end + 50)]
        if _REPORT_BEFORE.search(before) or _REPORT_AFTER.match(after):
            return day
    return None


def span_date(t: Timex, dct: PartialDate | None) -> PartialDate | None:
    """The calendar date holding a duration counted from the DCT, or None.

    "(in) the next two weeks" written on 8 April 2016 runs to 22 April: ``2016-04``;
    "the past three months" written then runs from 9 January: ``2016``.
    Only durations that say their direction ("next", "coming", "last", "past") count.
    """
    ref = _dct_day(dct)
    if ref is None or t.type != "DURATION":
        return None
    m = _DURATION_VALUE.match(t.value)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    days = {"D": 1, "W": 7, "M": 30, "Y": 365}[unit] * n
    if _DURATION_FORWARD.match(t.text):
        a, b = ref, ref + _dt.timedelta(days=days)
    elif _DURATION_BACKWARD.match(t.text):
        a, b = ref - _dt.timedelta(days=days), ref
    else:
        return None
    return common_date(a, b)


def common_date(a: _dt.date, b: _dt.date) -> PartialDate | None:
    """The most precise calendar date containing both days (None across a year boundary)."""
    if a == b:
        return PartialDate.from_date(a)
    if (a.year, a.month) == (b.year, b.month):
        return PartialDate(a.year, a.month)
    if a.year == b.year:
        return PartialDate(a.year)
    return None
