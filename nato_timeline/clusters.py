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

from .merge import match_year_less, same_event, type_group
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

    @property
    def date(self) -> PartialDate:
        return self.members[0].date

    def admits(self, m: Mention) -> bool:
        return all(same_event(m, r) for r in self.reps)


def fits(a: Core, b: Core) -> bool:
    """Every member of ``a`` is the same event as every member of ``b``."""
    return all(same_event(x, y) for x in a.reps for y in b.reps)


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


def dated_events(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """The events of dated mentions of one scope (one year, one type group), each
    a list of mentions, core first, in canonical order."""
    by_date: dict[str, dict[str, list[Mention]]] = {"day": defaultdict(list), "month": defaultdict(list),
                                                    "year": defaultdict(list)}
    for m in mentions:
        by_date[m.date.precision][m.date.value].append(m)
    days = {v: cores(ms) for v, ms in sorted(by_date["day"].items())}
    events: list[tuple[Core, list[Mention]]] = []
    day_events_of_month: dict[str, list[int]] = defaultdict(list)
    for v, cs in days.items():
        for c in cs:
            day_events_of_month[v[:7]].append(len(events))
            events.append((c, list(c.members)))
    for v, ms in sorted(by_date["month"].items()):
        for c in cores(ms):
            fit = [i for i in day_events_of_month.get(v, ()) if fits(c, events[i][0])]
            if len(fit) == 1:
                events[fit[0]][1].extend(c.members)
            else:
                events.append((c, list(c.members)))
    finer = len(events)
    for _, ms in sorted(by_date["year"].items()):
        for c in cores(ms):
            fit = [i for i in range(finer) if fits(c, events[i][0])]
            if len(fit) == 1:
                events[fit[0]][1].extend(c.members)
            else:
                events.append((c, list(c.members)))
    return [members for _, members in events]


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
    for x in sorted(year_less, key=lambda m: m.order):
        year = match_year_less(x, keys) if keys else None
        core = None
        if year is not None:
            full = Mention(x.order, year, year.value, x.type, x.places, x.actors, x.title, x.ref)
            core = next((c for c in day_cores if c.date == year and all(same_event(full, r) for r in c.reps)), None)
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
