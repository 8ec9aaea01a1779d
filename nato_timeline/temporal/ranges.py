"""The two ends of a range, and months coordinated with a dated one.

``19 May – 9 November 2009`` is two expressions linked by ``range_partner``; the first end
takes the year the second writes. ``March and April 1918`` is two expressions that are no
range, but ``March`` shares the year written after it all the same.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .types import ANCHOR_CONTEXT, ANCHOR_UNRESOLVED, PartialDate, Timex

_DATE_VALUE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(T.*)?$")
#: the dashes that join the ends of a range: hyphen, en and em dash, minus sign, Unicode hyphens
RANGE_DASHES = "-–—−‐‑"
_RANGE_GAP = re.compile(rf"^\s*(?:[{RANGE_DASHES}]|to|and|until|till|through|thru)\s*$", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"(?:\bfrom|\bbetween)\s*$", re.IGNORECASE)
#: what stands between coordinated months: "March and April", "October, November and December"
_COORD_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:in\s+)?", re.IGNORECASE)


def link_ranges(text: str, out: list[Timex]) -> list[Timex]:
    """Set ``range_partner`` and let a first end take missing parts from the second."""
    res = list(out)
    i = 0
    while i < len(res) - 1:
        a, b = res[i], res[i + 1]
        paired = a.extra.get("range") == "first" and b.extra.get("range") == "second"
        if not paired and a.range_partner is None and a.type == b.type == "DATE":
            gap = text[a.end : b.start]
            if _RANGE_GAP.match(gap) and (gap.strip() in RANGE_DASHES or _RANGE_LEAD.search(text[max(0, a.start - 12) : a.start])):
                if not (gap.strip().lower() == "and" and not re.search(r"between\s*$", text[max(0, a.start - 12) : a.start], re.I)):
                    paired = True
        if paired:
            if a.anchor == ANCHOR_UNRESOLVED and b.anchor != ANCHOR_UNRESOLVED:
                a = fill_from(a, b)
            res[i] = replace(a, range_partner=i + 1)
            res[i + 1] = replace(b, range_partner=i)
            i += 2
        else:
            i += 1
    # "October, November and December 1919": right to left, so the year passes along the list
    for i in range(len(res) - 2, -1, -1):
        a, b = res[i], res[i + 1]
        if a.anchor == ANCHOR_UNRESOLVED and b.anchor != ANCHOR_UNRESOLVED and a.type == b.type == "DATE":
            # only from a month or a day with its year written ("April 1918"), not a bare year
            written = b.value[:4] in b.text or b.extra.get("filled_from") == "coordination"
            if a.range_partner is None and written and _DATE_VALUE.match(b.value) and _COORD_GAP.fullmatch(text, a.end, b.start):
                res[i] = fill_from(a, b, how="coordination")
    return res


def fill_from(a: Timex, b: Timex, how: str = "range") -> Timex:
    """``19 May`` of ``19 May – 9 November 2009`` takes the year of the second end."""
    mb = _DATE_VALUE.match(b.value) or re.match(r"^(\d{4})", b.value)
    ref = a.extra.get("ref", "")
    if not mb or not (ref.startswith("md(") or ref.startswith("month(")):
        return a
    year = mb.group(1)
    value = year + a.value[4:]
    if not _valid(value):
        return a
    extra = {k: v for k, v in a.extra.items() if k != "ref"}
    extra["filled_from"] = how
    return replace(a, value=value, anchor=ANCHOR_CONTEXT, extra=extra)


def _valid(value: str) -> bool:
    """Whether a calendar value names a real day (``2001-02-29`` does not)."""
    m = _DATE_VALUE.match(value)
    if not m:
        return True
    try:
        PartialDate(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    except ValueError:
        return False
    return True
