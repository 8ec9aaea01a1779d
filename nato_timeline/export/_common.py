"""Small text helpers the export renderers share (no Rich, no database)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..views import EventView

# the same characters render.clean removes: controls, escape sequences, bidi overrides
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def clean(text: str | None) -> str:
    """``text`` without control characters and bidi overrides (newlines and tabs kept)."""
    return _CONTROL.sub("", text or "")


def one_line(text: str | None) -> str:
    return " ".join(clean(text).split())


def cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def date_parts(ev: EventView) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) with only the parts the event's precision gives; None when undated."""
    if not ev.precision:
        return None
    m = _DATE.match(ev.date)
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if ev.precision == "year":
        return year, None, None
    if ev.precision == "month":
        return year, month, None
    return year, month, day


def documents(ev: EventView) -> list[str]:
    """The event's source documents, each once, in source order."""
    return list(dict.fromkeys(s.document for s in ev.sources))


def summary_adds(ev: EventView) -> bool:
    """Whether the summary says something the quotes do not (it is often the first quote)."""
    summary = one_line(ev.summary)
    return bool(summary) and all(one_line(s.quote) != summary for s in ev.sources)


def quote_parts(quote: str, start: int, timex_start: int, timex_end: int) -> tuple[str, str, str]:
    """``quote`` split around its date expression: (before, date, after); the date is
    empty when the offsets do not fall inside the quote."""
    a, b = timex_start - start, timex_end - start
    if 0 <= a < b <= len(quote):
        return quote[:a], quote[a:b], quote[b:]
    return quote, "", ""


def count_documents(events: Iterable[EventView]) -> int:
    return len({s.document for e in events for s in e.sources})
