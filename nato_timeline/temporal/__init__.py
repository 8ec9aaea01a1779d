"""The temporal-expression engine: recognition (rules as data), anchoring, datelines.

Public API::

    find_timexes(text) -> list[Timex]
    anchor_timexes(timexes, text, dct, *, ignore=...) -> list[Timex]
    tag(text, dct=None, *, ignore=...) -> list[Timex]
    find_dateline(text, timexes=None) -> tuple[PartialDate, Timex] | None
    parse_user_date(s) -> PartialDate
"""

from .anchor import anchor_timexes
from .engine import find_dateline, find_timexes, tag
from .types import PartialDate, Timex, calendar_date
from .userdates import parse_user_date

__all__ = [
    "PartialDate",
    "Timex",
    "anchor_timexes",
    "calendar_date",
    "find_dateline",
    "find_timexes",
    "parse_user_date",
    "tag",
]
