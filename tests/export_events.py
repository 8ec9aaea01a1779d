"""EventView records for the export tests, built the way the store builds them."""

from __future__ import annotations

import calendar

from nato_timeline.views import EventView, SourceView


def source(quote: str = "The NATO-Russia Council met in Brussels on 12 January 2022.",
           date_text: str = "12 January 2022", *, document: str = "002_brussels.txt",
           date: str = "2022-01-12", precision: str | None = "day", start: int = 100,
           title: str | None = "NATO-Russia Council meets", published: str | None = "2022-01-12",
           anchor: str = "absolute") -> SourceView:
    at = quote.find(date_text) if date_text else -1
    ts, te = (start + at, start + at + len(date_text)) if at >= 0 else (start, start)
    return SourceView(document, quote, start, start + len(quote), ts, te, date, precision, anchor,
                      title, published)


def span(date: str, precision: str | None) -> tuple[str | None, str | None]:
    if not precision:
        return None, None
    y = int(date[:4])
    if precision == "year":
        return f"{y}-01-01", f"{y}-12-31"
    m = int(date[5:7])
    if precision == "month":
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return date, date


def event(date: str = "2022-01-12", precision: str | None = "day", *, id: int = 1,
          slug: str | None = None, title: str = "NATO-Russia Council meets in Brussels",
          type: str = "meeting", status: str = "occurred", disputed: bool = False,
          summary: str | None = None, actors=("NATO", "Russia"), places=("Brussels",),
          sources=None) -> EventView:
    start, end = span(date, precision)
    srcs = tuple(sources) if sources is not None else (source(date=date, precision=precision),)
    return EventView(
        id=id, slug=slug or f"{date.lower()}-{title.lower().replace(' ', '-')}", date=date,
        precision=precision, start=start, end=end, title=title, type=type, status=status,
        confidence=0.9, disputed=disputed, summary=summary if summary is not None else srcs[0].quote,
        actors=tuple(actors), places=tuple(places), sources=srcs,
    )


#: a title, quote and document name that try to inject markup
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)"> & "quoted", semi;colon\\back'
