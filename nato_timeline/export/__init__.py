"""Exports to formats other tools read: TimelineJS 3 JSON, iCalendar, an EDTF
CSV and a self-contained HTML page.

Each module is a pure renderer, ``render(events, ...) -> str`` over
:class:`~nato_timeline.views.EventView` records; none touches a database or
imports anything heavy, so the CLI loads only the one it needs.
"""

from __future__ import annotations

#: format name -> module in this package (json, csv and markdown are the ``list`` renderers)
MODULES = {"timelinejs": "timelinejs", "ical": "ical", "edtf": "edtf", "html": "html"}

#: formats that can only place an event with a year; undated events are left out of them
NEED_A_YEAR = frozenset({"timelinejs", "ical"})
