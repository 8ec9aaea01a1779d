"""Date arithmetic of anchoring: moving a date by units, the year of a year-less month or
weekday around a reference, and the calendar date of an expression already resolved."""

from __future__ import annotations

import datetime as _dt

from dateutil.relativedelta import relativedelta

from ..types import Timex, calendar_date


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _iso_week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift(d: _dt.date, unit: str, n: int) -> _dt.date:
    if unit == "D":
        return d + _dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + _dt.timedelta(weeks=n)
    if unit == "M":
        return d + relativedelta(months=n)
    if unit == "Q":
        return d + relativedelta(months=3 * n)
    if unit == "Y":
        return d + relativedelta(years=n)
    if unit == "DE":
        return d + relativedelta(years=10 * n)
    if unit == "CE":
        return d + relativedelta(years=100 * n)
    raise ValueError(unit)


def _unit_value(d: _dt.date, unit: str) -> str:
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return _iso_week(d)
    if unit == "WE":
        return _iso_week(d) + "-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    raise ValueError(unit)


def _rel(ref: _dt.date, unit: str, off: int) -> str:
    if unit == "W" and off == -1:
        # the writer's week starts on Sunday: "last week" in a Sunday report is Mon–Sat before it
        d = ref - _dt.timedelta(days=7)
        sunday = d - _dt.timedelta(days=(d.weekday() + 1) % 7)
        return _iso_week(sunday + _dt.timedelta(days=1))
    return _unit_value(_shift(ref, unit, off), unit)


#: a sentence's tense places a year-less month at most this many months from the DCT month;
#: farther than that, the nearer occurrence on the other side wins ("told of a cut in
#: September" written in August: the coming September, not eleven months back)
TENSE_REACH_MONTHS = 7


def _pick_year(month: int, day: int | None, ref: _dt.date, tense: str, direct: bool = True) -> int:
    """Year of a month(-day) nearest to ``ref`` in the tense's direction.

    A tense that is not ``direct`` (see ``tense_is_direct``) reaches at most
    ``TENSE_REACH_MONTHS`` from the DCT month."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = _dt.date(y, month, day or 15)
        except ValueError:
            continue
        cands.append((y, d))
    # compared at month level: a past event in a LATER month than the DCT month belongs to
    # the previous year, a coming one in an EARLIER month to the next year (same month: DCT year)
    ahead = (month - ref.month) % 12  # months from the DCT month forward to the named month
    if tense == "past":
        if not direct and ahead and 12 - ahead > TENSE_REACH_MONTHS:
            return ref.year if month > ref.month else ref.year + 1
        ok = [y for y, _ in cands if (y, month) <= (ref.year, ref.month)]
        return max(ok) if ok else ref.year
    if tense == "future":
        if not direct and ahead > TENSE_REACH_MONTHS:
            return ref.year if month < ref.month else ref.year - 1
        ok = [y for y, _ in cands if (y, month) >= (ref.year, ref.month)]
        return min(ok) if ok else ref.year
    if not cands:
        return ref.year
    if tense == "present":
        # the nearest occurrence, a tie going to the past
        if ahead and ahead < 12 - ahead:
            return ref.year if month > ref.month else ref.year + 1
        return ref.year if month <= ref.month else ref.year - 1
    # no tense: the DCT's year unless another year is much nearer
    best = min(cands, key=lambda c: (abs((c[1] - ref).days), c[0] != ref.year))
    return best[0] if abs((best[1] - ref).days) < 120 and best[0] != ref.year else ref.year


def _weekday(ref: _dt.date, wd: int, direction: str, tense: str) -> _dt.date:
    delta = (wd - 1) - ref.weekday()  # -6..6
    back = ref - _dt.timedelta(days=(-delta) % 7)  # most recent <= ref
    ahead = ref + _dt.timedelta(days=delta % 7)  # next >= ref
    if direction == "-1":
        return back if back < ref else back - _dt.timedelta(days=7)
    if direction == "+1":
        return ahead if ahead > ref else ahead + _dt.timedelta(days=7)
    if direction == "0":
        return ref + _dt.timedelta(days=delta)
    if tense == "future":
        return ahead
    if tense == "past" or tense == "":
        return back
    return back if (ref - back) <= (ahead - ref) else ahead


def _season(ref: _dt.date, s: str, direction: str, tense: str) -> str:
    first, last = _SEASON_MONTHS[s]
    m = ref.month if not (s == "WI" and ref.month <= 2) else ref.month + 12
    y = ref.year if not (s == "WI" and ref.month <= 2) else ref.year - 1
    if direction == "t" and first <= m <= last:
        pass  # a bare season said during it is the one under way, whatever the tense
    elif direction == "-1" or (direction == "t" and tense == "past"):
        y = y if m > last else y - 1
    elif direction == "+1" or (direction == "t" and tense == "future"):
        y = y if m < first else y + 1
    return f"{y:04d}-{s}"


_PREC = {"year": 0, "month": 1, "day": 2}


_NEED = {"D": "day", "W": "day", "M": "month", "Q": "month", "Y": "year"}


def _ctx_date(ctx: Timex | None) -> tuple[_dt.date, str] | None:
    if ctx is None:
        return None
    pd = calendar_date(ctx.value)
    if pd is None:
        return None
    return _dt.date(pd.year, pd.month or 1, pd.day or 1), pd.precision
