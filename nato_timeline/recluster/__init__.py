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
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from .. import models as m
from ..clusters import Mention, cores, fits, group_key, month_events, place_year_less
from ..merge import type_group
from ..source_groups import count_in, regroup
from ..temporal.types import ANCHOR_CROSS_DOCUMENT, ANCHOR_UNRESOLVED, PartialDate
from .by_groups import ByGroups
from .mentions import (
    _DATED,
    _DATED_IN,
    _DATED_OF,
    _DATED_YEARS,
    _DAYS_ON,
    _YEAR_LESS,
    Row,
    _before_and_after,
    _mention,
    _most_held,
    _stored_month,
    mention_value,
    month_day,
    new_mention,
    order_key,
    scope_columns,
)

__all__ = ["Reclusterer", "mention_value", "month_day", "new_mention", "order_key", "scope_columns"]


class Reclusterer(ByGroups):
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


def recluster_stored(bind) -> None:
    """Cluster a whole database again and refresh what changed, for a migration that
    changes how mentions are merged. Only when the tables are those of this version's
    models: a later revision that changes them will recluster itself."""
    import sqlalchemy as sa

    from ..corrections.apply import reapply_all
    from ..store import _Names, refresh_event

    found = sa.inspect(bind)
    tables = set(found.get_table_names())
    for table in m.Base.metadata.sorted_tables:
        if table.name not in tables or {c["name"] for c in found.get_columns(table.name)} != set(table.c.keys()):
            return  # a later revision changes the tables: this version's code cannot write them
    session = Session(bind=bind)
    recluster = Reclusterer(session)
    recluster.rebuild()
    names = _Names(session)
    for event_id in sorted(recluster.touched):
        refresh_event(session, event_id=event_id, names=names)
    if recluster.touched:
        reapply_all(session)
    session.flush()
