"""Value types of the temporal engine: partial calendar dates and TIMEX3 expressions.

A :class:`PartialDate` is a calendar date known to a precision of a year, a month
or a day. It never carries a part the text did not give: ``PartialDate(2014, 4)``
is April 2014, not 1 April 2014. Its :meth:`PartialDate.interval` is the first
and last day it covers, which is what sorting and filtering use.

A :class:`Timex` is one temporal expression found in a text, with its TIMEX3
``type`` and ``value`` and how the value was anchored.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field, replace

PRECISIONS = ("year", "month", "day")

#: How a timex value was obtained.
ANCHOR_ABSOLUTE = "absolute"  # the expression fixes its value by itself
ANCHOR_DOCUMENT = "document-date"  # needs the document's publication date
ANCHOR_CONTEXT = "context"  # needs another date of the same text
ANCHOR_CROSS_DOCUMENT = "cross-document"  # taken from a matching event of another document
ANCHOR_UNRESOLVED = "unresolved"  # could not be anchored; value keeps X for unknown parts
ANCHORS = (
    ANCHOR_ABSOLUTE,
    ANCHOR_DOCUMENT,
    ANCHOR_CONTEXT,
    ANCHOR_CROSS_DOCUMENT,
    ANCHOR_UNRESOLVED,
)

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date at year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day out of range: {self.year}-{self.month:02d}-{self.day}")

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def value(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.value

    def interval(self) -> tuple[_dt.date, _dt.date]:
        """First and last day covered, both inclusive."""
        if self.month is None:
            return _dt.date(self.year, 1, 1), _dt.date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return _dt.date(self.year, self.month, 1), _dt.date(self.year, self.month, last)
        d = _dt.date(self.year, self.month, self.day)
        return d, d

    def contains(self, other: PartialDate) -> bool:
        """True when ``other`` lies within this date (a month contains its days)."""
        s, e = self.interval()
        os_, oe = other.interval()
        return s <= os_ and oe <= e

    def compatible(self, other: PartialDate) -> bool:
        """True when one date contains the other (same real-world time, less or more precise)."""
        return self.contains(other) or other.contains(self)

    @classmethod
    def from_date(cls, d: _dt.date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        m = _ISO_PARTIAL.fullmatch(value.strip())
        if not m:
            raise ValueError(f"not a calendar date value: {value!r}")
        y, mo, d = m.group(1), m.group(2), m.group(3)
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    def with_precision(self, precision: str) -> PartialDate:
        """The same date cut down to a coarser precision."""
        if precision == "year":
            return replace(self, month=None, day=None)
        if precision == "month":
            return replace(self, day=None)
        return self


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-WE)?")
_SEASON_OR_PART = re.compile(r"(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T.*")


def calendar_date(value: str) -> PartialDate | None:
    """The calendar date (year, month or day precision) that a TIMEX3 value denotes.

    Day, month and year values map to themselves; a time maps to its day; an ISO
    week maps to its month when it lies in one month, otherwise to its year; a
    season, quarter or half maps to its year. Decades, centuries, reference
    words (``PRESENT_REF``) and values with unknown parts (``XXXX-01-12``) have
    no calendar date at these precisions and give ``None``.
    """
    value = value.strip()
    try:
        if _ISO_PARTIAL.fullmatch(value):
            return PartialDate.parse(value)
        m = _WITH_TIME.fullmatch(value)
        if m:
            return PartialDate.parse(m.group(1))
        m = _WEEK.fullmatch(value)
        if m:
            year, week = int(m.group(1)), int(m.group(2))
            monday = _dt.date.fromisocalendar(year, week, 1)
            sunday = monday + _dt.timedelta(days=6)
            if (monday.year, monday.month) == (sunday.year, sunday.month):
                return PartialDate(monday.year, monday.month)
            if monday.year == sunday.year:
                return PartialDate(monday.year)
            return None
        m = _SEASON_OR_PART.fullmatch(value)
        if m:
            return PartialDate(int(m.group(1)))
    except ValueError:
        return None
    return None


def holiday_date(code: str, year: int) -> _dt.date:
    """The day of a holiday in ``year``: ``MM-DD`` for a fixed one, or a movable one's code
    (``TG`` US Thanksgiving, the fourth Thursday of November; ``EA`` Easter Sunday;
    ``GF`` Good Friday; ``EM`` Easter Monday; ``ED`` US Election Day, the Tuesday after the
    first Monday of November)."""
    if code == "TG":
        first = _dt.date(year, 11, 1)
        return first + _dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if code == "ED":
        first = _dt.date(year, 11, 1)
        return first + _dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    if code in ("EA", "GF", "EM"):
        from dateutil.easter import easter

        return easter(year) + _dt.timedelta(days={"EA": 0, "GF": -2, "EM": 1}[code])
    month, day = code.split("-")
    return _dt.date(year, int(month), int(day))


#: the month a holiday falls in (for choosing its year by tense), by code
HOLIDAY_MONTH = {"TG": 11, "ED": 11, "EA": 4, "GF": 4, "EM": 4}


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression in a text.

    ``start``/``end`` are character offsets into the text the engine was given
    (end exclusive, ``text == body[start:end]``). ``value`` is a TIMEX3 value:
    fully specified after anchoring, or with ``X`` for unknown parts when it
    could not be anchored (``anchor == "unresolved"``).
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    anchor: str = ANCHOR_ABSOLUTE
    mod: str | None = None  # START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...
    rule: str = ""  # the name of the rule that found it
    #: For the two ends of a range ("from 2014 to 2016"): the index, in the same
    #: list, of the other end; ``None`` for a lone expression.
    range_partner: int | None = None
    #: Free-form extras (e.g. ``freq`` of a set, the tense used to anchor).
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def date(self) -> PartialDate | None:
        """The calendar date this expression denotes, if it is a resolved DATE or TIME."""
        if self.type not in ("DATE", "TIME"):
            return None
        return calendar_date(self.value)

    @property
    def point(self) -> PartialDate | None:
        """For a duration followed by a signal ("three years later"), the date it reaches."""
        p = self.extra.get("point")
        return calendar_date(p) if p else None

    @property
    def resolved(self) -> bool:
        return self.anchor != ANCHOR_UNRESOLVED
