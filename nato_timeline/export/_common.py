"""Small text helpers the export renderers share (no Rich, no database)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from ..textsafe import clean, one_line
from ..views import EventView

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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


def h(text: object) -> str:
    """Document text for HTML: cleaned of control characters, then escaped."""
    return escape(clean(str(text) if text is not None else ""), quote=True)


def who_line(ev: EventView) -> str | None:
    """"Actors: … · Places: …" as HTML, or None when the event has neither."""
    who = []
    if ev.actors:
        who.append("Actors: " + h(", ".join(ev.actors)))
    if ev.places:
        who.append("Places: " + h(", ".join(ev.places)))
    return " · ".join(who) or None
