"""Dates counted back from a clause's own: "two years after Russia's invasion", "Forty-six
years after it was established".

A length before "after" says how long before the time of its sentence the thing after
"after" happened: in a sentence dated 11 March 2024, "two years after Russia's invasion of
Ukraine" puts the invasion in 2022; in a report of Wednesday 31 May 1995, "Forty-six years
after it was established" puts the founding in 1949. The sentence's time is its own date
(the first in it) or, with none, the document's. The date counted is as precise as the
length's unit allows (years give a year, months a month), never more precise than the date
it is counted from. What has a date of its own after "after" ("half a year after Trump
stated on 2 February") is dated by it, and nothing is counted.

The counted date is given as a date expression over the length and "after" ("two years
after"), standing right before what it dates, so the sentence reader attaches it like any
date of that word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Sequence

from ..records import Document
from ..temporal.types import ANCHOR_CONTEXT, PartialDate, Timex

_LENGTH = re.compile(r"P(\d+)([YM])$")
#: what follows the length: "after" and what happened (not "after that", "after all")
_AFTER = re.compile(r"\s+after\s+(?!(?:that|this|all|which)\b)(?=\S)", re.I)


def counted_back(doc: Document, timexes: Sequence[Timex], usable: Sequence[Timex]) -> list[Timex]:
    """A date expression over each "LENGTH after" of ``timexes`` that stands before an X,
    valued by counting the length back from the sentence's time (``usable`` sorted by
    start: each sentence's own date is found by bisection)."""
    body = doc.body
    starts = [s.start for s in doc.sentences]
    dated = [u for u in usable if u.date is not None and u.type == "DATE"]
    dated_starts = [u.start for u in dated]
    out = []
    for t in timexes:
        # "more than eight years", "almost a decade": a length not given gives no date
        m = _LENGTH.match(t.value) if t.type == "DURATION" and t.point is None and not t.mod else None
        after = _AFTER.match(body, t.end) if m else None
        if after is None:
            continue
        k = bisect_right(starts, t.start) - 1
        lo, hi = (doc.sentences[k].start, doc.sentences[k].end) if k >= 0 else (0, len(body))
        j = bisect_left(dated_starts, lo)
        own = dated[j] if j < len(dated) and dated[j].start < hi else None
        if own is not None and own.start > t.end and not re.search(r"[,;:]", body[t.end : own.start]):
            continue  # "half a year after Trump stated on 2 February that ...": dated by its own date
        ref = own.date if own is not None else doc.published
        if ref is None:
            continue
        n, unit = int(m.group(1)), m.group(2)
        if unit == "Y":
            date = PartialDate(ref.year - n)
        elif ref.month is not None:
            months = ref.year * 12 + ref.month - 1 - n
            date = PartialDate(months // 12, months % 12 + 1)
        else:
            continue
        at = after.end() - 1
        out.append(replace(t, end=at, text=body[t.start : at], type="DATE", value=date.value, anchor=ANCHOR_CONTEXT,
                           extra={**t.extra, "counted_back": t.value}))
    return out
