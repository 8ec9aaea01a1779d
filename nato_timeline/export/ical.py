"""iCalendar (RFC 5545): one all-day VEVENT per dated event.

- Day precision: ``DTSTART;VALUE=DATE`` on the day and an exclusive ``DTEND`` on
  the next day (RFC 5545 3.6.1: an all-day event's DTEND is not included).
- Month and year precision: the event spans the whole month or year (DTEND is
  the first day after it); ``X-NATO-TIMELINE-DATE`` and
  ``X-NATO-TIMELINE-PRECISION`` keep the exact value (``2014-04``) and its
  precision, so a reader can tell "some day in April 2014" from "all of April".
- ``UID`` is built from the slug alone, so importing a newer export updates the
  events already in a calendar instead of adding them twice.
- Lines are folded at 75 octets (never inside a UTF-8 sequence) and end with
  CRLF; TEXT values escape backslash, ``;``, ``,`` and newlines (3.3.11).

Undated events cannot be placed on a calendar and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from .. import __version__
from ..textsafe import clean, one_line
from ..views import EventView
from ._common import date_parts, summary_adds

PRODID = f"-//nato-timeline//timeline {__version__}//EN"
UID_DOMAIN = "nato-timeline"


def escape_text(value: str | None) -> str:
    """A TEXT value (RFC 5545 3.3.11): control characters dropped, ``\\ ; ,`` and newlines escaped."""
    text = clean((value or "").replace("\r\n", "\n").replace("\r", "\n"))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """``line`` folded into CRLF-separated pieces of at most 75 octets (3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    pieces: list[bytes] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        # never split a multi-octet character: back up to a lead byte
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        pieces.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with one space
    return "\r\n ".join(p.decode("utf-8") for p in pieces) + "\r\n"


def span(ev: EventView) -> tuple[dt.date, dt.date] | None:
    """(DTSTART, exclusive DTEND) for ``ev`` at its precision; None when undated."""
    parts = date_parts(ev)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if day is None:
        start = dt.date(year, month, 1)
        return start, (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1))
    start = dt.date(year, month, day)
    return start, start + dt.timedelta(days=1)


def uid(ev: EventView) -> str:
    return f"{ev.slug}@{UID_DOMAIN}"


def description(ev: EventView) -> str:
    lines: list[str] = []
    if summary_adds(ev):
        lines += [one_line(ev.summary), ""]
    if ev.disputed:
        lines += ["Sources disagree on the date.", ""]
    if ev.actors:
        lines.append("Actors: " + ", ".join(ev.actors))
    lines.append(f"Date: {ev.date} ({ev.precision} precision)")
    lines.append("")
    lines.append(f"Sources ({len(ev.sources)}):")
    for i, s in enumerate(ev.sources, 1):
        head = f"{i}. {one_line(s.citation)} ({s.document})"
        lines.append(f"{head}, chars {s.start}-{s.end}, date {s.date} ({s.anchor}):")
        lines.append(f"   \u201c{one_line(s.quote)}\u201d")
    return "\n".join(lines)


def _vevent(ev: EventView, stamp: str) -> Iterable[str]:
    start, end = span(ev)  # type: ignore[misc]  # only called for dated events
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(uid(ev))}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{start:%Y%m%d}"
    yield f"DTEND;VALUE=DATE:{end:%Y%m%d}"
    yield f"SUMMARY:{escape_text(one_line(ev.title))}"
    yield f"DESCRIPTION:{escape_text(description(ev))}"
    if ev.places:
        yield f"LOCATION:{escape_text(', '.join(ev.places))}"
    yield f"CATEGORIES:{escape_text(ev.type)}"
    yield "STATUS:TENTATIVE" if ev.status == "scheduled" else "STATUS:CONFIRMED"
    yield "TRANSP:TRANSPARENT"
    yield f"X-NATO-TIMELINE-DATE:{escape_text(ev.date)}"
    yield f"X-NATO-TIMELINE-PRECISION:{ev.precision}"
    if ev.disputed:
        yield "X-NATO-TIMELINE-DISPUTED:TRUE"
    yield "END:VEVENT"


def render(
    events: Sequence[EventView],
    *,
    name: str = "NATO–Russia relations",
    now: dt.datetime | None = None,
) -> str:
    """A VCALENDAR with one all-day VEVENT per dated event. ``now`` (UTC) is the DTSTAMP."""
    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    stamp = f"{when:%Y%m%dT%H%M%SZ}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for ev in events:
        if span(ev) is not None:
            lines.extend(_vevent(ev, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
