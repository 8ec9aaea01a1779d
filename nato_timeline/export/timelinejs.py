"""Knight Lab TimelineJS 3 JSON.

The format (timeline.knightlab.com, "JSON data format"): an object with a
required ``events`` list of slides and an optional ``title`` slide. A slide's
``start_date`` is a date object whose ``year`` is a required number and whose
``month`` and ``day`` are optional numbers; ``text.headline`` and ``text.text``
are rendered as HTML by TimelineJS, so every piece of document text is
HTML-escaped here.

Mapping: ``start_date`` carries only the parts the event's precision gives,
``display_date`` the date as ``timeline list`` shows it, ``text.headline`` the
title, ``text.text`` the summary and each source quote with its document,
``group`` the event type and ``unique_id`` the slug. Undated events cannot be
placed and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..textsafe import one_line, to_json
from ..views import EventView
from ._common import count_documents, date_parts, h, quote_parts, summary_adds, who_line


def date_object(ev: EventView) -> dict | None:
    """The TimelineJS date object for ``ev``'s date at its precision, or None when undated."""
    parts = date_parts(ev)
    if parts is None:
        return None
    year, month, day = parts
    obj: dict = {"year": year}
    if month is not None:
        obj["month"] = month
    if day is not None:
        obj["day"] = day
    obj["display_date"] = ev.date
    return obj


def slide_text(ev: EventView) -> str:
    """The slide's body as HTML: summary, flags, then every quote with its document."""
    parts: list[str] = []
    if summary_adds(ev):
        parts.append(f"<p>{h(one_line(ev.summary))}</p>")
    notes = []
    if ev.disputed:
        notes.append("Sources disagree on the date.")
    if ev.status == "scheduled":
        notes.append("Scheduled at the time of reporting.")
    if notes:
        parts.append(f"<p><em>{' '.join(notes)}</em></p>")
    if who := who_line(ev):
        parts.append(f"<p>{who}</p>")
    for s in ev.sources:
        before, date, after = quote_parts(s.quote, s.start, s.timex_start, s.timex_end)
        body = f"{h(before)}<strong>{h(date)}</strong>{h(after)}" if date else h(before)
        body = " ".join(body.split())
        cite = f"{h(one_line(s.citation))} ({h(s.document)})"
        cite += f"; date given {h(s.date)} ({h(s.anchor)})"
        parts.append(f"<blockquote>{body}</blockquote><p>— {cite}</p>")
    return "".join(parts)


def slide(ev: EventView) -> dict | None:
    start = date_object(ev)
    if start is None:
        return None
    return {
        "start_date": start,
        "display_date": ev.date,
        "text": {"headline": h(one_line(ev.title)), "text": slide_text(ev)},
        "group": ev.type,
        "unique_id": ev.slug,
        "autolink": False,
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render(events: Sequence[EventView], *, title: str = "NATO–Russia relations: a chronology") -> str:
    slides = [s for s in (slide(e) for e in events) if s is not None]
    n_docs = count_documents(e for e in events if e.precision)
    doc = {
        "title": {
            "text": {
                "headline": h(title),
                "text": f"<p>{_count(len(slides), 'event')} from {_count(n_docs, 'document')}, "
                        "each with the quotes behind it.</p>",
            }
        },
        "events": slides,
    }
    return to_json(doc) + "\n"
