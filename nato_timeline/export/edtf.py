"""CSV with an EDTF date for each event (Extended Date/Time Format, ISO 8601-2).

The ``edtf`` column is Level 1: ``2014`` (year), ``2014-04`` (month),
``2022-01-12`` (day), with ``?`` (uncertain) appended when the sources disagree
on the date (the event's ``disputed`` flag): ``2015?``. An undated event
(only with ``--include-undated``) keeps its known parts with the year
unspecified, ``XXXX-01-12``; unspecified digits in that place are EDTF Level 2.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from ..textsafe import cell, one_line
from ..views import EventView
from ._common import date_parts, documents

COLUMNS = ("edtf", "slug", "title", "type", "date", "precision", "disputed", "start", "end",
           "status", "sources", "documents")

_UNDATED = re.compile(r"^XXXX(?:-\d{2}(?:-\d{2})?)?$")


def edtf_value(ev: EventView) -> str:
    """The EDTF string for ``ev``'s date; empty when it has no EDTF form."""
    parts = date_parts(ev)
    if parts is None:
        return ev.date if _UNDATED.match(ev.date or "") else ""
    year, month, day = parts
    value = f"{year:04d}"
    if month is not None:
        value += f"-{month:02d}"
    if day is not None:
        value += f"-{day:02d}"
    return value + "?" if ev.disputed else value


def render(events: Sequence[EventView]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in events:
        writer.writerow((
            edtf_value(e), cell(e.slug), cell(one_line(e.title)), cell(e.type), cell(e.date),
            e.precision or "", "yes" if e.disputed else "no", e.start or "", e.end or "",
            cell(e.status), len(e.sources), cell("; ".join(documents(e))),
        ))
    return out.getvalue()
