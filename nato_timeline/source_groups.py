"""``source_groups``: the sources of each event that say the same, one row per
event and distinct report, with how many sources say it and the first of them
in the canonical order of mentions (revision 0007).

Clustering (:mod:`nato_timeline.clusters`) reads of a stored source only what
it says (its signature) and its canonical place, and mentions that say the
same go where the first of them goes. So a scope read as groups clusters as it
does read source by source, and the work of a document grows with the distinct
reports of its scopes, not with their copies (:mod:`nato_timeline.recluster`).

The rows are kept equal to a grouping of ``event_sources``: a source inserted
is counted in its group (:func:`count_in`); after sources are moved, updated
or deleted, the groups of their events are computed again from their sources
(:func:`regroup`), which ``store.refresh_event`` also does for every event it
recomputes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from . import models as m

#: What a group is made of: the sources of one event that agree on all of these.
SAID = ("year", "month_day", "type", "date_value", "precision", "anchor", "mention_value", "title", "actors",
        "places")


@dataclass(frozen=True, slots=True)
class Group:
    """A stored group as reclustering reads it: ``n`` sources of event ``event_id``."""

    id: int
    event_id: int
    n: int
    date_value: str
    anchor: str


def columns():
    """The columns read of a group: its id, event and count, its first source's
    place, and what it says."""
    g = m.SourceGroup
    return (g.id, g.event_id, g.n, g.first_key, g.first_start, g.first_timex_start,
            *(getattr(g, c) for c in SAID))


def _said(row: dict) -> tuple:
    return tuple(row[c] for c in SAID)


def grouping_sql(dialect: str, where: str = "") -> str:
    """The statement that makes the groups of the sources ``where`` selects (all
    without it) from those sources; the first source of a group is the first in
    the canonical order, source keys compared by code point (as Python compares
    them). Revision 0007 fills the table with it."""
    collate = {"sqlite": " COLLATE BINARY", "postgresql": ' COLLATE "C"'}.get(dialect, "")
    cols = ", ".join(SAID)
    inner = ", ".join(f"s.{c}" for c in SAID)
    return f"""
        INSERT INTO source_groups (event_id, {cols}, n, first_key, first_start, first_timex_start)
        SELECT event_id, {cols}, n, source_key, start, timex_start FROM (
            SELECT s.event_id, {inner}, d.source_key, s.start, s.timex_start,
                   row_number() OVER (PARTITION BY s.event_id, {inner}
                                      ORDER BY d.source_key{collate}, s.start, s.timex_start) AS k,
                   count(*) OVER (PARTITION BY s.event_id, {inner}) AS n
            FROM event_sources s JOIN documents d ON d.id = s.document_id {where}) AS g
        WHERE k = 1"""


@cache
def _regroup_sql(dialect: str):
    """Make the groups of the events ``:ids`` again from their sources."""
    ids = bindparam("ids", expanding=True)
    return text(grouping_sql(dialect, "WHERE s.event_id IN :ids")).bindparams(ids)


def regroup(session: Session, event_ids: Iterable[int]) -> None:
    """Make the groups of ``event_ids`` again from their sources (after sources
    were moved, updated or deleted)."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    conn = session.connection()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        conn.execute(delete(m.SourceGroup).where(m.SourceGroup.event_id.in_(chunk)))
        conn.execute(_regroup_sql(session.bind.dialect.name), {"ids": chunk})


@cache
def _groups_of():
    g = m.SourceGroup
    return select(g.id, g.n, g.first_key, g.first_start, g.first_timex_start,
                  *(getattr(g, c) for c in SAID)).where(g.event_id == bindparam("event_id"))


@cache
def _recount():
    t = m.SourceGroup.__table__
    return update(t).where(t.c.id == bindparam("b_id"))


def count_in(session: Session, event_id: int, rows: Sequence[dict], firsts: Sequence[tuple]) -> None:
    """Count ``rows``, sources just inserted into event ``event_id``, in its
    groups; ``firsts`` gives each row's place (source key, offset, date offset)."""
    conn = session.connection()
    ids: dict[tuple, int] = {}
    counts: dict[tuple, int] = {}
    places: dict[tuple, tuple] = {}
    for r in conn.execute(_groups_of(), {"event_id": event_id}):
        said = tuple(r[5:])
        ids[said], counts[said], places[said] = r.id, r.n, (r.first_key, r.first_start, r.first_timex_start)
    changed: dict[tuple, None] = {}
    for row, first in zip(rows, firsts):
        said = _said(row)
        counts[said] = counts.get(said, 0) + 1
        places[said] = min(places.get(said, first), first)
        changed[said] = None
    if updated := [said for said in changed if said in ids]:
        conn.execute(_recount(), [{"b_id": ids[said], "n": counts[said], **_first(places[said])} for said in updated])
    if added := [said for said in changed if said not in ids]:
        conn.execute(insert(m.SourceGroup), [{"event_id": event_id, **dict(zip(SAID, said)), "n": counts[said],
                                              **_first(places[said])} for said in added])


def _first(place: tuple) -> dict:
    return {"first_key": place[0], "first_start": place[1], "first_timex_start": place[2]}


def forget_event(session: Session, event_id: int) -> None:
    """Delete the groups of an event that is deleted."""
    session.connection().execute(delete(m.SourceGroup).where(m.SourceGroup.event_id == event_id))
