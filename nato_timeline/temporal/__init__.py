"""The temporal-expression engine: recognition (rules as data), anchoring, datelines.

Public API::

    find_timexes(text, *, day_first=None) -> list[Timex]
    day_first_hint(url, publisher) -> bool | None
    anchor_timexes(timexes, text, dct, *, ignore=...) -> list[Timex]
    tag(text, dct=None, *, ignore=...) -> list[Timex]
    find_dateline(text, timexes=None) -> tuple[PartialDate, Timex] | None
    parse_user_date(s) -> PartialDate
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .types import PartialDate, Timex, calendar_date

# The engine compiles its rules on first use; importing it is deferred too, so
# a command that only parses a --since date does not load the anchoring code.
_LAZY = {
    "anchor_timexes": ".anchor",
    "day_first_hint": ".engine",
    "find_dateline": ".engine",
    "find_timexes": ".engine",
    "tag": ".engine",
    "parse_user_date": ".userdates",
}

if TYPE_CHECKING:
    from .anchor import anchor_timexes
    from .engine import day_first_hint, find_dateline, find_timexes, tag
    from .userdates import parse_user_date


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "PartialDate",
    "Timex",
    "anchor_timexes",
    "calendar_date",
    "day_first_hint",
    "find_dateline",
    "find_timexes",
    "parse_user_date",
    "tag",
]
