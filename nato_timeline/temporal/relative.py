"""Relative dates a user types on the command line ("last year", "2 years ago",
"yesterday", "this month"), resolved against today.

The same engine that reads documents finds the expression; the same anchoring
that resolves "last year" against a document's date resolves it against
today's. Only an expression that covers the whole input and gives a calendar
year, month or day is accepted.
"""

from __future__ import annotations

import datetime as _dt
import re

from .types import PartialDate, calendar_date


def relative_user_date(text: str, today: _dt.date | None = None) -> PartialDate | None:
    """``text`` as a date relative to ``today`` (default: the local date), at
    the precision it names; None when it is not a relative date."""
    from .anchor import anchor_timexes
    from .engine import find_timexes

    text = text.strip()
    today = today or _dt.date.today()
    found = [t for t in find_timexes(text) if t.type in ("DATE", "TIME")]
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        return None
    [resolved] = anchor_timexes(found, text, PartialDate(today.year, today.month, today.day))
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", resolved.value):
        return None
    return calendar_date(resolved.value)
