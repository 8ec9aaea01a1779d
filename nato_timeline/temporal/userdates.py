"""Dates typed by a user on the command line (``--since``, ``--until``, ``--published``)."""

from __future__ import annotations

import re

from .types import ANCHOR_ABSOLUTE, PartialDate, calendar_date

_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")

_HELP = (
    "expected a date such as 2021, 2021-06, 2021-06-07, June 2021, 12 January 2022, "
    "January 12, 2022 or 12.01.2022"
)


def parse_user_date(s: str) -> PartialDate:
    """Parse a user-typed date at the precision given; never fills in a day or month.

    ``"June 2021"`` → ``PartialDate(2021, 6)``. Raises :class:`ValueError` with a
    helpful message for anything else (relative words, ranges, partial dates
    without a year, invalid days).
    """
    if not isinstance(s, str) or not s.strip():
        raise ValueError(f"empty date; {_HELP}")
    text = s.strip()
    m = _ISO.fullmatch(text)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            return PartialDate(int(y), int(mo) if mo else None, int(d) if d else None)
        except ValueError as exc:
            raise ValueError(f"invalid date {s!r}: {exc}") from None
    from .engine import find_timexes

    found = [t for t in find_timexes(text) if t.type in ("DATE", "TIME")]
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        t = found[0]
        pd = calendar_date(t.value)
        if t.anchor == ANCHOR_ABSOLUTE and pd is not None and re.fullmatch(r"\d{4}(-\d{2}){0,2}", t.value):
            return pd
        raise ValueError(f"{s!r} is not a calendar date with a year ({t.value}); {_HELP}")
    raise ValueError(f"cannot read {s!r} as a date; {_HELP}")
