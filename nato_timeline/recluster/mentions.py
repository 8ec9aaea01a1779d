"""Stored sources read as mentions for reclustering (:mod:`nato_timeline.recluster`):
the rows of a scope, what a new candidate will read as once stored, a mention's
canonical place, and the events of a scope before and after a document's change."""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, func, select

from .. import models as m
from ..clusters import Core, Event, Mention, month_events, year_level
from ..temporal.types import ANCHOR_CROSS_DOCUMENT, PartialDate

_SEP = "; "


@lru_cache(maxsize=65536)
def _names(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted({x for x in (joined or "").split(_SEP) if x}))


_date = lru_cache(maxsize=65536)(PartialDate.parse)


def month_day(value: str) -> str | None:
    """``MM-DD`` of ``YYYY-MM-DD`` or ``XXXX-MM-DD``, else None."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[5:7].isdigit() and value[8:].isdigit():
        return value[5:]
    return None


def scope_columns(date: PartialDate | None, mention_value: str) -> dict:
    """The scope columns of a source row: ``year`` of a mention dated by itself,
    ``month_day`` of one dated to the day or without a year."""
    if date is not None:
        return {"year": date.year, "month_day": date.value[5:] if date.precision == "day" else None}
    return {"year": None, "month_day": month_day(mention_value) if mention_value.startswith("XXXX-") else None}


@dataclass(frozen=True, slots=True)
class Row:
    """A stored source row as reclustering needs it."""

    id: int
    event_id: int
    document_id: int
    timex_start: int
    timex_end: int
    date_value: str
    anchor: str


_COLS = (m.EventSource.id, m.EventSource.event_id, m.EventSource.document_id, m.Document.source_key,
         m.EventSource.start, m.EventSource.timex_start, m.EventSource.timex_end, m.EventSource.date_value,
         m.EventSource.precision, m.EventSource.anchor, m.EventSource.mention_value, m.EventSource.type,
         m.EventSource.title, m.EventSource.actors, m.EventSource.places)


def _select(*where):
    return (select(*_COLS).join(m.Document, m.Document.id == m.EventSource.document_id)
            .where(m.EventSource.type.in_(bindparam("types", expanding=True)), *where))


_DATED = _select(m.EventSource.year == bindparam("year"))
_DATED_OF = _select(m.EventSource.year == bindparam("year"), m.EventSource.document_id == bindparam("document_id"))
_DATED_IN = _select(m.EventSource.year == bindparam("year"), m.EventSource.precision != "year",
                    func.substr(m.EventSource.date_value, 1, 7).in_(bindparam("months", expanding=True)))
_DATED_YEARS = _select(m.EventSource.year == bindparam("year"), m.EventSource.precision == "year")
_YEAR_LESS = _select(m.EventSource.year.is_(None), m.EventSource.month_day == bindparam("md"))
_DAYS_ON = _select(m.EventSource.year.is_not(None), m.EventSource.month_day == bindparam("md"))


def order_key(source_key: str, start: int, timex_start: int, type_: str, title: str, value: str) -> tuple:
    """A mention's canonical place among others (see :mod:`nato_timeline.clusters`)."""
    return (source_key, start, timex_start, type_, title, value)


def _mention(r) -> Mention:
    """A row of ``_COLS`` as a mention (the same row read again gives the same object)."""
    return _mention_of(tuple(r))


@lru_cache(maxsize=50_000)
def _mention_of(r: tuple) -> Mention:
    (id_, event_id, document_id, source_key, start, timex_start, timex_end, date_value, precision, anchor,
     value, type_, title, actors, places) = r
    own = anchor != ANCHOR_CROSS_DOCUMENT and precision is not None
    return Mention(order_key(source_key, start, timex_start, type_, title, value),
                   _date(date_value) if own else None, value, type_, _names(places), _names(actors), title,
                   Row(id_, event_id, document_id, timex_start, timex_end, date_value, anchor))


def mention_value(c) -> str:
    """The date a candidate gives, as the document gives it (``event_sources.mention_value``)."""
    return (c.date_value or (c.date.value if c.date is not None else ""))[:50]


def new_mention(source_key: str, c, index: int) -> Mention:
    """A candidate as it will read once stored (titles and values cut as the columns cut them)."""
    title, value = c.title[:200], mention_value(c)
    return Mention(order_key(source_key, c.start, c.timex_start, c.type, title, value), c.date, value, c.type,
                   tuple(sorted(set(c.places))), tuple(sorted(set(c.actors))), title, index)


def _before_and_after(stored: Sequence[Mention], drop: int | None, new: Sequence[Mention],
                      months: set[str], scope: tuple) -> tuple[list[list[Mention]], list[list[Mention]]]:
    """The events of a scope before and after a document's change: the events of
    the ``months`` it changes are clustered twice, the others once, and the
    mentions dated to the year are placed among both."""
    sides: dict[str, tuple[list[Mention], list[Mention]]] = defaultdict(lambda: ([], []))
    for x in stored:
        key = "year" if x.date.precision == "year" else x.date.value[:7]
        sides[key][0].append(x)
        if x.ref.document_id != drop:
            sides[key][1].append(x)
    for x in new:
        sides["year" if x.date.precision == "year" else x.date.value[:7]][1].append(x)
    same = [e for v in sorted(sides) if v != "year" and v not in months for e in _stored_month(sides[v][0], (scope, v))]
    out = []
    for side in (0, 1):
        finer = same + [e for v in sorted(months)
                        for e in (_stored_month(sides[v][0], (scope, v)) if side == 0
                                  else month_events(sides[v][1]))]
        joined, own = year_level(sides["year"][side], finer)
        out.append([e.members + joined.get(i, []) for i, e in enumerate(finer)] + [e.members for e in own])
    return out[0], out[1]


#: The events of a month of stored mentions, by what they are made of (see
#: ``_stored_month``); bounded, oldest dropped first.
_MONTHS: OrderedDict[tuple, tuple[frozenset, list[tuple[list[int], list[int], list[int]]]]] = OrderedDict()
_MONTHS_KEPT = 1024


def _stored_month(mentions: Sequence[Mention], where: tuple) -> list[Event]:
    """``month_events`` of stored mentions (of the month and scope ``where``),
    remembered between the documents of a run: each document reads the months
    of its scope that it does not change again, and their events are what they
    were while their mentions are (every mention's row id, canonical place and
    what it says is compared)."""
    key = frozenset((x.ref.id, x.order, x.signature) for x in mentions)
    by_id = {x.ref.id: x for x in mentions}
    known, made = _MONTHS.get(where, (None, None))
    if known != key:
        events = month_events(mentions)
        made = [([x.ref.id for x in e.core.members], [x.ref.id for x in e.core.reps], [x.ref.id for x in e.members])
                for e in events]
        _MONTHS[where] = (key, made)
        _MONTHS.move_to_end(where)
        if len(_MONTHS) > _MONTHS_KEPT:
            _MONTHS.popitem(last=False)
        return events
    _MONTHS.move_to_end(where)
    return [Event(Core([by_id[i] for i in core], [by_id[i] for i in reps]), [by_id[i] for i in members])
            for core, reps, members in made]


def _most_held(rows: Sequence[Row], taken: set[int]) -> int | None:
    votes = Counter(r.event_id for r in rows if r.event_id not in taken)
    return min(votes, key=lambda e: (-votes[e], e)) if votes else None
