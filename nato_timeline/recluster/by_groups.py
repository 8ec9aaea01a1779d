"""Placing a document's mentions from the groups of their scopes
(``source_groups``), without reading every stored source: the part of
:class:`nato_timeline.recluster.Reclusterer` that handles mentions repeating
what stored ones say. Each method returns False, having written nothing, when
the rows must be read instead."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from sqlalchemy import bindparam, select

from .. import models as m
from ..clusters import Mention, dated_events, place_year_less
from ..merge import type_group
from ..source_groups import Group
from ..source_groups import columns as group_columns
from ..temporal.types import ANCHOR_CROSS_DOCUMENT
from .mentions import _date, _names, order_key


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


class ByGroups:
    """The group-reading half of ``Reclusterer`` (which supplies ``_run``,
    ``_regroup``, ``_insert``, ``_place``, ``_new_event``, ``_days`` and the
    counts)."""

    def _dated_by_groups(self, scope: tuple[int, str], new: Sequence[Mention]) -> bool:
        """Store new mentions of a dated scope that repeat what stored ones say,
        reading the scope's groups (``source_groups``) only; False, with nothing
        written, when the rows must be read (``_dated``).

        When each new mention says what a stored one said before it in the
        canonical order, the clusters are those of the stored mentions, and
        each new one joins the event of those that say the same. When that
        event's stored mentions all hold one id that no other event of the
        scope holds, ``_dated`` keeps it there and inserts the new ones into
        it, which is all that is done here (an event never holds two sources of
        one sentence and date expression of a document, so ``_once`` has no
        stored one to drop)."""
        year, group = scope
        self._regroup()
        params = {"year": year, "types": sorted(type_group(group))}
        stored = [_group_mention(r) for r in self._run(_GROUPS_DATED, params)]
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
            g = m.SourceGroup  # the events that also hold dated sources
            dated_events = set(self._run(
                select(g.event_id).where(g.event_id.in_({x.ref.event_id for x in held}), g.year.is_not(None))
                .distinct()).scalars()) if held else set()
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
