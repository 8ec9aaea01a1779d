"""Keeping the stored events equal to the clustering of all stored mentions
(:mod:`nato_timeline.clusters`), one document at a time.

When a document's mentions come in (or go, when it is replaced or forgotten),
only their *scopes* can change: the dated mentions of the same year and type
group, and the year-less mentions of the same month-day and type group. Each
scope is read whole (one indexed query: ``event_sources.year`` or
``event_sources.month_day``), clustered before and after the change, and only
the events whose members differ are rewritten, in the document's transaction:

* an event whose mentions are the same before and after is not touched: it
  keeps its id, and what corrections did to it stays;
* a changed event keeps the id that most of its mentions had (ties: the
  smallest), unless an unchanged event or an earlier changed one holds it;
  otherwise it gets a new id. So an event that gains or loses a report keeps
  its id; when two events become one, the one with more mentions keeps its id
  and the other's id is gone; when one becomes two, the larger part keeps it.

The caller refreshes the events in :attr:`Reclusterer.touched` (and applies
the corrections naming them); :attr:`Reclusterer.inserted` holds the rows
each gained by insertion alone, for the events not in
:attr:`Reclusterer.rewritten` (created, or with rows moved, updated or
deleted), so that a caller can tell an event that only gained repeats of
reports it has. Two writers never recluster at once: every write
transaction holds the database's write lock (``db.session_factory``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from . import models as m
from .clusters import (
    Core,
    Event,
    Mention,
    cores,
    dated_events,
    fits,
    group_key,
    month_events,
    place_year_less,
    year_level,
)
from .merge import type_group
from .source_groups import Group, count_in, regroup
from .source_groups import columns as group_columns
from .temporal.types import ANCHOR_CROSS_DOCUMENT, ANCHOR_UNRESOLVED, PartialDate

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


def _group_select(*where):
    return select(*group_columns()).where(m.SourceGroup.type.in_(bindparam("types", expanding=True)), *where)


_GROUPS_DATED = _group_select(m.SourceGroup.year == bindparam("year"))
_GROUPS_YEAR_LESS = _group_select(m.SourceGroup.year.is_(None), m.SourceGroup.month_day == bindparam("md"))
_GROUPS_DAYS_ON = _group_select(m.SourceGroup.year.is_not(None), m.SourceGroup.month_day == bindparam("md"))


def _group_mention(r) -> Mention:
    """A row of ``source_groups`` as a mention: what its sources say, at the place
    of the first of them."""
    (id_, event_id, n, key, start, timex_start, _year, _md, type_, date_value, precision, anchor, value, title,
     actors, places) = r
    own = anchor != ANCHOR_CROSS_DOCUMENT and precision is not None
    return Mention(order_key(key, start, timex_start, type_, title, value), _date(date_value) if own else None,
                   value, type_, _names(places), _names(actors), title, Group(id_, event_id, n, date_value, anchor))


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


def _alike(undated: Sequence[Sequence[Mention]]) -> bool:
    """Whether undated events made of groups are those their rows make: one per
    date and type, each mention's places sharing one with every other's (then
    every row joins the first of its date and type, whatever the order)."""
    keys = [(e[0].date_value, e[0].type) for e in undated]
    if len(set(keys)) != len(keys):
        return False
    for members in undated:
        named = list({x.places for x in members if x.places})
        if any(not set(a) & set(b) for i, a in enumerate(named) for b in named[i + 1:]):
            return False
    return True


def _most_held_of(mentions: Sequence[Mention], taken: set[int]) -> int | None:
    """``_most_held`` of the stored groups among ``mentions``, each counted as its sources."""
    votes: Counter[int] = Counter()
    for x in mentions:
        if isinstance(x.ref, Group) and x.ref.event_id not in taken:
            votes[x.ref.event_id] += x.ref.n
    return min(votes, key=lambda e: (-votes[e], e)) if votes else None


def _most_held(rows: Sequence[Row], taken: set[int]) -> int | None:
    votes = Counter(r.event_id for r in rows if r.event_id not in taken)
    return min(votes, key=lambda e: (-votes[e], e)) if votes else None


class Reclusterer:
    """One document's change to the stored mentions, applied scope by scope.

    ``make_row(index, event_id, resolved)`` gives the ``event_sources`` row of the
    new candidate ``index`` in event ``event_id`` (``resolved``: the date a
    year-less one takes from another document)."""

    def __init__(self, session: Session, make_row: Callable[[int, int, PartialDate | None], dict] | None = None):
        self.session = session
        self.make_row = make_row
        self.touched: set[int] = set()
        self.inserted: dict[int, list[dict]] = defaultdict(list)
        self.rewritten: set[int] = set()
        self._dirty: set[int] = set()  # events whose groups are to be made again from their sources
        self.added = self.merged = self.resolved = 0
        self._days: set[tuple[str, str]] = set()  # (month-day, group) of day events that changed

    def _run(self, statement, params=None):
        return self.session.connection().execute(statement, params)

    # ------------------------------------------------------------ entry points

    def add(self, mentions: Sequence[Mention]) -> None:
        """Store new mentions (``ref``: their candidate index) where clustering puts them."""
        dated: dict[tuple, list[Mention]] = defaultdict(list)
        year_less: dict[tuple, list[Mention]] = defaultdict(list)
        for x in mentions:
            md = month_day(x.date_value) if x.date is None else None
            if x.date is not None:
                dated[(x.date.year, group_key(x.type))].append(x)
            elif md is not None:
                year_less[(md, group_key(x.type))].append(x)
            else:  # nothing to place it by: an event of its own
                dated[("undated", x.ref)].append(x)
        # scopes in the order the document first mentions them, so that new events
        # are numbered in the document's order
        for scope in sorted(dated, key=lambda k: min(x.ref for x in dated[k])):
            if scope[0] == "undated":
                self._insert(dated[scope], self._new_event())
                self.added += 1
            elif not self._dated_by_groups(scope, dated[scope]):
                self._dated(scope, dated[scope], drop=None)
        for scope in sorted(set(year_less) | self._days):
            if not self._year_less_by_groups(scope, year_less.get(scope, [])):
                self._year_less(scope, year_less.get(scope, []))
        self._regroup()

    def remove(self, document_id: int) -> None:
        """Delete a document's source rows, and recluster what they were part of."""
        rows = self._run(select(m.EventSource.event_id, m.EventSource.type, m.EventSource.year,
                                m.EventSource.month_day).where(m.EventSource.document_id == document_id)).all()
        self.touched.update(r.event_id for r in rows)
        self.rewritten.update(r.event_id for r in rows)
        for scope in sorted({(r.year, group_key(r.type)) for r in rows if r.year is not None}):
            self._dated(scope, [], drop=document_id)
        self._run(delete(m.EventSource).where(m.EventSource.document_id == document_id))
        self._dirty.update(r.event_id for r in rows)
        year_less = {(r.month_day, group_key(r.type)) for r in rows if r.year is None and r.month_day}
        for scope in sorted(year_less | self._days):
            self._year_less(scope, [])
        self._regroup()

    def rebuild(self) -> None:
        """Cluster every scope again and rewrite every event the rule does not
        give (a database stored by an earlier version, whose events depended on
        the order its documents came in)."""
        dated = self._run(select(m.EventSource.year, m.EventSource.type)
                          .where(m.EventSource.year.is_not(None)).distinct()).all()
        for scope in sorted({(y, group_key(t)) for y, t in dated}):
            self._dated(scope, [], drop=None, force=True)
        year_less = self._run(select(m.EventSource.month_day, m.EventSource.type)
                              .where(m.EventSource.year.is_(None), m.EventSource.month_day.is_not(None))
                              .distinct()).all()
        for scope in sorted({(md, group_key(t)) for md, t in year_less}):
            self._year_less(scope, [])
        self._regroup()

    # ------------------------------------------------------------ dated scopes

    def _dated(self, scope: tuple[int, str], new: Sequence[Mention], drop: int | None,
               force: bool = False) -> None:
        year, group = scope
        types = sorted(type_group(group))
        params = {"year": year, "types": types}
        gone = [_mention(r) for r in self._run(_DATED_OF, {**params, "document_id": drop})] if drop else []
        # the months whose events can change; the others' are the same before and after
        months = {x.date.value[:7] for x in [*new, *gone] if x.date.precision != "year"}
        year_level_changes = any(x.date.precision == "year" for x in [*new, *gone])
        whole = force or year_level_changes
        if not whole:
            stored = [_mention(r) for r in self._run(_DATED_IN, {**params, "months": sorted(months)})]
            whole = self._year_level_moves(stored, drop, new, months, params, scope)
        if whole:  # mentions dated to the year fit events of any month: every month is read
            stored = [_mention(r) for r in self._run(_DATED, params)]
        if force:
            months = {x.date.value[:7] for x in stored if x.date.precision != "year"}
        before, after = _before_and_after(stored, drop, new, months, scope)

        known: dict[int, frozenset[int]] = {}

        def rows_of(event) -> frozenset[int]:
            got = known.get(id(event))
            if got is None:
                got = known[id(event)] = frozenset(x.ref.id for x in event
                                                   if isinstance(x.ref, Row) and x.ref.document_id != drop)
            return got

        old = {rows_of(e) for e in before}
        mixed: set[int] = set()
        if force:  # unchanged: the dated mentions of an event of its own
            held = self._dated_rows_of({x.ref.event_id for x in stored})
            whole_in = {next(iter(ids)): len(e) for e in after if len(ids := {x.ref.event_id for x in e}) == 1}
            mixed = {e for e, n in held.items() if whole_in.get(e) != n}
            old = {rows_of(e) for e in after
                   if len(ids := {x.ref.event_id for x in e}) == 1 and not ids & mixed}
        changed, reserved = [], set(mixed)
        for event in after:
            if len(rows_of(event)) == len(event) and rows_of(event) in old:
                reserved.update(x.ref.event_id for x in event)
            else:
                changed.append(event)
        now = {rows_of(e) for e in after}
        for event in [*changed, *(e for e in before if rows_of(e) not in now)]:
            self._days.update((x.date.value[5:], group) for x in event if x.date.precision == "day")
        rows_in = [[x.ref for x in event if isinstance(x.ref, Row)] for event in changed]
        targets: list[int | None] = [None] * len(changed)
        # the event with more of the stored mentions keeps the id they had
        for i in sorted(range(len(changed)), key=lambda i: -len(rows_in[i])):
            targets[i] = _most_held(rows_in[i], reserved)
            if targets[i] is not None:
                reserved.add(targets[i])
        # new ids in the order the document gives its mentions
        first_new = [min((x.ref for x in e if not isinstance(x.ref, Row)), default=len(new)) for e in changed]
        for i in sorted(range(len(changed)), key=lambda i: first_new[i]):
            if targets[i] is None:
                targets[i] = self._new_event()
        for event, rows, target in zip(changed, rows_in, targets):
            event = self._once(event)
            rows = [x.ref for x in event if isinstance(x.ref, Row)]
            fresh = [x for x in event if not isinstance(x.ref, Row)]
            self._move([r for r in rows if r.event_id != target], target)
            if fresh:
                self._insert(fresh, target)
                if rows:
                    self.merged += len(fresh)
                else:
                    self.added += 1
                    self.merged += len(fresh) - 1

    def _once(self, event: list[Mention]) -> list[Mention]:
        """The mentions of one event, each sentence and date expression of a document
        once (a source row is unique by them): a repeat is dropped, a stored one deleted."""
        seen, out, extra = set(), [], []
        for x in sorted(event, key=lambda x: x.order):
            k = (x.ref.document_id if isinstance(x.ref, Row) else None, x.order[0], x.order[1], x.order[2])
            if k in seen:
                if isinstance(x.ref, Row):
                    extra.append(x.ref.id)
                continue
            seen.add(k)
            out.append(x)
        if extra:
            self._run(delete(m.EventSource).where(m.EventSource.id.in_(extra)))
            gone = {x.ref.event_id for x in event if isinstance(x.ref, Row) and x.ref.id in extra}
            self.rewritten.update(gone)
            self._dirty.update(gone)
        return out

    def _year_level_moves(self, stored: Sequence[Mention], drop: int | None, new: Sequence[Mention],
                          months: set[str], params: dict, scope: tuple) -> bool:
        """Whether a mention dated to the year may go elsewhere when the events of
        ``months`` change: only if it fits one of them, before or after. (A year
        core that fits none keeps the events it fits, and so its place.)"""
        years = [_mention(r) for r in self._run(_DATED_YEARS, params)]
        if not years:
            return False
        side: dict[str, tuple[list[Mention], list[Mention]]] = defaultdict(lambda: ([], []))
        for x in stored:
            side[x.date.value[:7]][0].append(x)
            if x.ref.document_id != drop:
                side[x.date.value[:7]][1].append(x)
        for x in new:
            side[x.date.value[:7]][1].append(x)
        changing = [e for v in sorted(months) for e in (*_stored_month(side[v][0], (scope, v)),
                                                               *month_events(side[v][1]))]
        return any(fits(c, e.core) for c in cores(years) for e in changing)

    def _dated_rows_of(self, event_ids: set[int]) -> dict[int, int]:
        """How many mentions dated by themselves each of the events has, in any scope."""
        if not event_ids:
            return {}
        return dict(self._run(select(m.EventSource.event_id, func.count())
                              .where(m.EventSource.event_id.in_(sorted(event_ids)), m.EventSource.year.is_not(None))
                              .group_by(m.EventSource.event_id)).all())

    # ------------------------------------------------------------ by groups

    def _dated_by_groups(self, scope: tuple[int, str], new: Sequence[Mention]) -> bool:
        """Store new mentions of a dated scope that repeat what stored ones say,
        reading the scope's groups (``source_groups``) only; False, with nothing
        written, when the rows must be read (``_dated``).

        When each new mention says what a stored one said before it in the
        canonical order, the clusters are those of the stored mentions, and
        each new one joins the event of those that say the same. When that
        event's stored mentions all hold one id that no other event of the
        scope holds, ``_dated`` keeps it there and inserts the new ones into
        it, which is all that is done here."""
        year, group = scope
        self._regroup()
        stored = [_group_mention(r) for r in self._run(_GROUPS_DATED, {"year": year, "types": sorted(type_group(group))})]
        first: dict[tuple, tuple] = {}
        for x in stored:
            sig = x.signature
            if sig not in first or x.order < first[sig]:
                first[sig] = x.order
        if not all(first.get(x.signature, x.order) < x.order for x in new):
            return False
        events = dated_events(stored)
        event_of: dict[tuple, int] = {}
        holders: dict[int, set[int]] = defaultdict(set)
        for i, event in enumerate(events):
            for x in event:
                event_of[x.signature] = i
                holders[x.ref.event_id].add(i)
        fresh: dict[int, list[Mention]] = defaultdict(list)
        for x in new:
            fresh[event_of[x.signature]].append(x)
        targets = {}
        for i in fresh:
            ids = {x.ref.event_id for x in events[i]}
            if len(ids) != 1 or holders[next(iter(ids))] != {i}:
                return False
            targets[i] = next(iter(ids))
        # ``_dated`` lists the events of the months the document does not change
        # first, then those of the months it changes, then the year's own
        months = {x.date.value[:7] for x in new if x.date.precision != "year"}

        def place(i: int) -> tuple[int, int]:
            core = events[i][0].date
            return (2 if core.precision == "year" else 1 if core.value[:7] in months else 0), i

        for i in sorted(fresh, key=place):
            self._days.update((x.date.value[5:], group) for x in [*events[i], *fresh[i]]
                              if x.date.precision == "day")
            kept, seen = [], set()
            for x in sorted(fresh[i], key=lambda x: x.order):  # as ``_once`` keeps them
                if (x.order[0], x.order[1], x.order[2]) not in seen:
                    seen.add((x.order[0], x.order[1], x.order[2]))
                    kept.append(x)
            self._insert(kept, targets[i])
            self.merged += len(kept)
        return True

    def _year_less_by_groups(self, scope: tuple[str, str], new: Sequence[Mention]) -> bool:
        """Place a year-less scope's new mentions reading its groups and those of
        the days they may take a year from; False, with nothing written, when
        ``_year_less`` must read the rows: when a stored one is to move, or when
        the undated events could depend on more than what each mention says
        (two mentions of one date and type, going to no dated event, name
        places that share none)."""
        md, group = scope
        self._regroup()
        params = {"md": md, "types": sorted(type_group(group))}
        stored = [_group_mention(r) for r in self._run(_GROUPS_YEAR_LESS, params)]
        if not stored and not new:
            return True
        days = [_group_mention(r) for r in self._run(_GROUPS_DAYS_ON, params)]
        placed = place_year_less([*stored, *new], days)
        events_of: dict[int, int] = {}
        places = []
        for x, core in placed.dated:
            if id(core) not in events_of:
                events_of[id(core)] = _most_held_of(core.members, set())
            target = events_of[id(core)]
            if isinstance(x.ref, Group) and not (x.ref.event_id == target and x.ref.date_value == core.date.value
                                                 and x.ref.anchor == ANCHOR_CROSS_DOCUMENT):
                return False
            places.append((x, target, core.date))
        if not _alike(placed.undated):
            return False
        undated = []
        taken: set[int] = set()
        for members in placed.undated:
            held = [x for x in members if isinstance(x.ref, Group)]
            dated_events = set(self._run(
                select(m.EventSource.event_id).where(m.EventSource.event_id.in_({x.ref.event_id for x in held}),
                                                     m.EventSource.year.is_not(None)).distinct()
            ).scalars()) if held else set()
            target = _most_held_of(held, taken | dated_events)
            if any(x.ref.event_id != target or x.ref.anchor == ANCHOR_CROSS_DOCUMENT for x in held):
                return False
            if target is not None:
                taken.add(target)
            undated.append((target, members))
        for x, target, date in places:
            if not isinstance(x.ref, Group):
                self._place(x, target, date)
        for target, members in undated:
            if target is None:  # new mentions alone: an event of their own
                target = self._new_event()
                self.added += 1
                self.merged -= 1
            for x in sorted(members, key=lambda x: x.order):
                if not isinstance(x.ref, Group):
                    self._place(x, target, None)
        return True

    # ------------------------------------------------------------ year-less scopes

    def _year_less(self, scope: tuple[str, str], new: Sequence[Mention]) -> None:
        md, group = scope
        types = sorted(type_group(group))
        stored = [_mention(r) for r in self._run(_YEAR_LESS, {"md": md, "types": types})]
        if not stored and not new:
            return
        days = [_mention(r) for r in self._run(_DAYS_ON, {"md": md, "types": types})]
        placed = place_year_less([*stored, *new], days)
        events_of: dict[int, int] = {}  # the event of each day core, by id(core)
        for x, core in placed.dated:
            if id(core) not in events_of:
                events_of[id(core)] = _most_held([d.ref for d in core.members], set())
            self._place(x, events_of[id(core)], core.date)
        taken: set[int] = set()
        for members in placed.undated:
            rows = [x.ref for x in members if isinstance(x.ref, Row)]
            dated_events = set(self._run(
                select(m.EventSource.event_id).where(m.EventSource.event_id.in_({r.event_id for r in rows}),
                                                     m.EventSource.year.is_not(None)).distinct()
            ).scalars()) if rows else set()
            target = _most_held(rows, taken | dated_events)
            if target is None:
                target = self._new_event()
                if not rows:
                    self.added += 1
                    self.merged -= 1
            taken.add(target)
            for x in self._once(members):
                self._place(x, target, None)

    def _place(self, x: Mention, target: int, date: PartialDate | None) -> None:
        """Put a year-less mention in event ``target``, dated ``date`` (None: undated)."""
        if not isinstance(x.ref, Row):
            row = self.make_row(x.ref, target, date)
            self.session.connection().execute(insert(m.EventSource), [row])
            self._count_in(target, [row], [x])
            self.inserted[target].append(row)
            self._mark_timex(row, x.date_value, date)
            self.touched.add(target)
            self.merged += 1
            return
        r = x.ref
        is_dated = r.anchor == ANCHOR_CROSS_DOCUMENT
        if r.event_id == target and is_dated == (date is not None) and (date is None or r.date_value == date.value):
            return
        if date is not None and not is_dated:
            self.resolved += 1
        values = ({"date_value": date.value, "precision": date.precision, "anchor": ANCHOR_CROSS_DOCUMENT}
                  if date is not None else {"date_value": x.date_value, "precision": None,
                                            "anchor": ANCHOR_UNRESOLVED})
        self._run(update(m.EventSource).where(m.EventSource.id == r.id).values(event_id=target, **values))
        self.rewritten.update((r.event_id, target))
        self._dirty.update((r.event_id, target))
        self._mark_timex({"document_id": r.document_id, "timex_start": r.timex_start, "timex_end": r.timex_end},
                         x.date_value, date)
        self.touched.update((r.event_id, target))

    def _mark_timex(self, row: dict, value: str, date: PartialDate | None) -> None:
        """The date expression says what its mention now gives: the date taken from
        another document, or its year-less value again."""
        t = m.Timex
        values = ({"value": date.value, "precision": date.precision, "anchor": ANCHOR_CROSS_DOCUMENT}
                  if date is not None else {"value": value, "precision": None, "anchor": ANCHOR_UNRESOLVED})
        self._run(update(t).where(t.document_id == row["document_id"], t.start == row["timex_start"],
                                  t.end == row["timex_end"]).values(**values))

    # ------------------------------------------------------------ writes

    def _move(self, rows: Sequence[Row], target: int) -> None:
        if rows:
            self._run(update(m.EventSource).where(m.EventSource.id.in_([r.id for r in rows]))
                      .values(event_id=target))
            self.touched.update(r.event_id for r in rows)
            self.touched.add(target)
            self.rewritten.update(r.event_id for r in rows)
            self.rewritten.add(target)
            self._dirty.update({target, *(r.event_id for r in rows)})

    def _insert(self, mentions: Sequence[Mention], target: int) -> None:
        rows = [self.make_row(x.ref, target, None) for x in mentions]
        self._run(insert(m.EventSource), rows)
        self._count_in(target, rows, mentions)
        self.inserted[target].extend(rows)
        self.touched.add(target)

    def _count_in(self, target: int, rows: Sequence[dict], mentions: Sequence[Mention]) -> None:
        """Count inserted rows in their groups, unless the event's groups are to be
        made again from its sources anyway."""
        if target not in self._dirty:
            count_in(self.session, target, rows, [x.order[:3] for x in mentions])

    def _regroup(self) -> None:
        """Make the groups of the events whose sources moved or changed again,
        before groups are read."""
        regroup(self.session, self._dirty)
        self._dirty.clear()

    def _new_event(self) -> int:
        """An empty event for mentions to go to; ``store.refresh_event`` fills it in
        (its slug too: the placeholder's title is empty)."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        event_id = self._run(insert(m.Event).returning(m.Event.id), {
            "slug": f"new-{uuid.uuid4().hex}", "title": "", "type": "other", "date_value": "", "precision": None,
            "confidence": 0.0, "status": "occurred", "disputed": False, "n_sources": 0, "created_at": now,
        }).scalar_one()
        self.rewritten.add(event_id)
        return event_id
