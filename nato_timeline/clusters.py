"""Which mentions are one event: a function of the set of mentions, never of the
order they arrived in. Pure functions; :mod:`nato_timeline.recluster` keeps the
database equal to them.

A *mention* is one document's report of an event (a stored source, or a
candidate about to be stored). Its place among others is decided by what it
says and by a canonical order (its document's source, its offset in it), so
that ingesting documents one by one, in any order, in several runs or several
processes at once, gives the events one ingest of them all gives.

The rule, for the dated mentions of one year and one group of compatible types
(``merge.TYPE_GROUPS``; mentions of two years or two groups are never one
event, so each such *scope* is clustered alone):

1. **Cores.** The mentions of one day are clustered among themselves, in
   canonical order: a mention joins the first cluster whose every member it is
   the same event as (``merge.same_event``), else starts one. So are the
   mentions of one month (dated to the month), and those of one year.
2. **Months.** A month core that fits (every member with every member) exactly
   one day core of its month is a vaguer report of it and joins its event;
   fitting none or several ("the meeting in January" beside meetings on January
   10 and January 20), it is an event of its own.
3. **Years.** A year core joins the one finer event (a day event, or a month
   event of its own) it fits, when there is exactly one; else it is its own.

A mention without a year (``XXXX-01-12``) takes its year from the day events on
that month and day, across years (``merge.match_year_less``: exactly one year
must fit), and joins the first fitting one; otherwise it is one undated event
with the other year-less mentions of that day, type and places. It never
changes a dated event's members, so it is placed after them.

Work: each mention is compared with the cores of its own day, month or year
only, and mentions that say the same thing (same date, type, names, title) are
compared once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .merge import _related, match_year_less, same_event, type_group
from .temporal.types import PartialDate


@dataclass(frozen=True, slots=True)
class Mention:
    """What clustering reads of one report: ``order`` is its canonical place
    (document source, offset, date offset, then what it says), ``ref`` what the
    caller knows it by (a source row id, or a new candidate's index)."""

    order: tuple
    date: PartialDate | None
    date_value: str  # the date as the document gives it: 2022-01-12, 2023-W13, XXXX-01-12
    type: str
    places: tuple[str, ...]
    actors: tuple[str, ...]
    title: str
    ref: Any = None

    @property
    def signature(self) -> tuple:
        """What ``same_event`` reads: mentions with one signature behave alike."""
        return (self.date, self.date_value, self.type, self.places, self.actors, self.title)


def group_key(type_: str) -> str:
    """The name of the type group a type belongs to: scopes are per group."""
    return min(type_group(type_))


@dataclass(slots=True)
class Core:
    """Mentions of one date clustered together; ``reps`` one per distinct signature."""

    members: list[Mention] = field(default_factory=list)
    reps: list[Mention] = field(default_factory=list)
    _signatures: tuple | None = None

    @property
    def date(self) -> PartialDate:
        return self.members[0].date

    @property
    def signatures(self) -> tuple:
        if self._signatures is None or len(self._signatures) != len(self.reps):
            self._signatures = tuple(r.signature for r in self.reps)
        return self._signatures

    def admits(self, m: Mention) -> bool:
        return all(same_event(m, r) for r in self.reps)


#: ``fits`` by the signatures of the two cores' representatives: the cores a
#: document's scope is made of are mostly those of the document before, so
#: each pair is compared once in a run. Bounded: emptied when full.
_FITS: dict[tuple[tuple, tuple], bool] = {}
_FITS_KEPT = 200_000


def fits(a: Core, b: Core) -> bool:
    """Every member of ``a`` is the same event as every member of ``b``."""
    key = (a.signatures, b.signatures)
    known = _FITS.get(key)
    if known is None:
        known = all(same_event(x, y) for x in a.reps for y in b.reps)
        if len(_FITS) >= _FITS_KEPT:
            _FITS.clear()
        _FITS[key] = known
    return known


def cores(mentions: Iterable[Mention]) -> list[Core]:
    """The cores of mentions of one date, in canonical order (see the module)."""
    out: list[Core] = []
    where: dict[tuple, Core] = {}
    for m in sorted(mentions, key=lambda m: m.order):
        sig = m.signature
        core = where.get(sig)
        if core is None:
            core = next((c for c in out if c.admits(m)), None)
            if core is None:
                core = Core()
                out.append(core)
            core.reps.append(m)
            where[sig] = core
        core.members.append(m)
    return out


@dataclass(slots=True)
class Event:
    """An event of a scope: the core it is made around, and all its mentions."""

    core: Core
    members: list[Mention]


def month_events(mentions: Iterable[Mention]) -> list[Event]:
    """The events of the mentions of one month (dated to its days or to it): the
    day events, each with the month cores that fit it alone, then the month
    cores that are events of their own."""
    days: dict[str, list[Mention]] = defaultdict(list)
    month: list[Mention] = []
    for m in mentions:
        (days[m.date.value] if m.date.precision == "day" else month).append(m)
    events = [Event(c, list(c.members)) for v in sorted(days) for c in cores(days[v])]
    own = []
    for c in cores(month):
        fit = [e for e in events if fits(c, e.core)]
        if len(fit) == 1:
            fit[0].members.extend(c.members)
        else:
            own.append(Event(c, list(c.members)))
    return events + own


def year_level(mentions: Iterable[Mention], finer: Sequence[Event]) -> tuple[dict[int, list[Mention]], list[Event]]:
    """Where the mentions dated to the year go: the year cores that fit exactly
    one of the ``finer`` events (by index), and those that are events of their own."""
    index = _Index(finer)
    joined: dict[int, list[Mention]] = defaultdict(list)
    own = []
    for c in cores(mentions):
        fit = [i for i in index.candidates(c) if fits(c, finer[i].core)]
        if len(fit) == 1:
            joined[fit[0]].extend(c.members)
        else:
            own.append(Event(c, list(c.members)))
    return joined, own


def dated_events(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """The events of dated mentions of one scope (one year, one type group), each
    a list of mentions, core first."""
    months: dict[str, list[Mention]] = defaultdict(list)
    years: list[Mention] = []
    for m in mentions:
        (years if m.date.precision == "year" else months[m.date.value[:7]]).append(m)
    finer = [e for v in sorted(months) for e in month_events(months[v])]
    joined, own = year_level(years, finer)
    return [e.members + joined.get(i, []) for i, e in enumerate(finer)] + [e.members for e in own]


class _Index:
    """The events a core could fit, found by their places and actors: ``same_event``
    needs a shared place when both name places, and a shared (or related) actor
    when both name actors, so an event none of whose reports passes either test
    is never compared. A superset: what it gives is then compared in full."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.all = set(range(len(events)))
        self.no_places: set[int] = set()
        self.no_actors: set[int] = set()
        self.by_place: dict[str, set[int]] = defaultdict(set)
        self.by_actor: dict[str, set[int]] = defaultdict(set)
        for i, e in enumerate(events):
            for r in e.core.reps:
                if not r.places:
                    self.no_places.add(i)
                for p in r.places:
                    self.by_place[p].add(i)
                if not r.actors:
                    self.no_actors.add(i)
                for a in r.actors:
                    self.by_actor[a].add(i)

    def candidates(self, core: Core) -> list[int]:
        out = self.all
        for r in core.reps:
            if r.places:
                out = out & self.no_places.union(*(self.by_place.get(p, ()) for p in r.places))
            if r.actors:
                names = [b for b in self.by_actor if any(a == b or _related(a, b) for a in r.actors)]
                out = out & self.no_actors.union(*(self.by_actor[b] for b in names))
        return sorted(out)


@dataclass(frozen=True, slots=True)
class _Key:
    """A day core as ``match_year_less`` reads an event: its names are the union of its members'."""

    date: PartialDate
    type: str
    places: tuple[str, ...]
    actors: tuple[str, ...]


def _key(core: Core) -> _Key:
    first = core.members[0]
    return _Key(core.date, first.type, tuple(sorted({p for m in core.members for p in m.places})),
                tuple(sorted({a for m in core.members for a in m.actors})))


@dataclass(frozen=True, slots=True)
class YearLess:
    """Where the year-less mentions of one month-day and type group go:
    ``dated`` pairs each with the day core it joins (and the date it takes),
    ``undated`` are the undated events they make otherwise."""

    dated: list[tuple[Mention, Core]]
    undated: list[list[Mention]]


def place_year_less(year_less: Sequence[Mention], day_mentions: Sequence[Mention]) -> YearLess:
    """Place mentions without a year (``XXXX-MM-DD``, one month-day, one type
    group) among the day mentions of that month-day in every year (see the module)."""
    by_day: dict[str, list[Mention]] = defaultdict(list)
    for m in day_mentions:
        by_day[m.date.value].append(m)
    day_cores = [c for v in sorted(by_day) for c in cores(by_day[v])]
    keys = [_key(c) for c in day_cores]
    dated: list[tuple[Mention, Core]] = []
    undated: list[tuple[list[Mention], set[str]]] = []
    joins: dict[tuple, Core | None] = {}  # the core a mention joins depends on what it says only
    for x in sorted(year_less, key=lambda m: m.order):
        sig = x.signature
        if sig not in joins:
            year = match_year_less(x, keys) if keys else None
            core = None
            if year is not None:
                full = Mention(x.order, year, year.value, x.type, x.places, x.actors, x.title, x.ref)
                core = next((c for c in day_cores if c.date == year and all(same_event(full, r) for r in c.reps)),
                            None)
            joins[sig] = core
        core = joins[sig]
        if core is not None:
            dated.append((x, core))
            continue
        for members, places in undated:
            first = members[0]
            if first.date_value == x.date_value and first.type == x.type and \
                    (not places or not x.places or places & set(x.places)):
                members.append(x)
                places.update(x.places)
                break
        else:
            undated.append(([x], set(x.places)))
    return YearLess(dated, [members for members, _ in undated])
