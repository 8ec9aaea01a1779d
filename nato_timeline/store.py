"""Repository functions over the models: the write side.

Every function takes the ``session`` and never commits: the caller owns the
transaction (``ingest`` opens one per document). The read side (listing,
searching, finding events) is :mod:`nato_timeline.queries`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import bindparam, delete, func, insert, literal, or_, select, text, union_all, update
from sqlalchemy.orm import Session

from . import models as m
from .merge import PRECISION_RANK as _PRECISION_RANK
from .merge import event_slug, summarize
from .queries import _like_escape
from .recluster import Reclusterer, mention_value, month_day, new_mention, scope_columns
from .records import EventCandidate, Extraction
from .source_groups import forget_event, regroup
from .temporal.types import (
    ANCHOR_CROSS_DOCUMENT,
    ANCHOR_UNRESOLVED,
    PartialDate,
    calendar_date,
)

_SEP = "; "


@dataclass(slots=True)
class SaveResult:
    added: int = 0  # new events
    merged: int = 0  # mentions that joined an event already known (from this document or another)
    resolved: int = 0  # year-less mentions of other documents this one dated
    touched: set[int] = field(default_factory=set)  # events written (gone ones included)


def _run(session: Session, statement, params=None):
    """Execute a Core statement on the session's connection, in its transaction.

    The write path handles rows, never ORM objects, so it skips the ORM layer
    of ``Session.execute``, which costs more than the statement itself.
    """
    return session.connection().execute(statement, params)


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(x for x in (joined or "").split(_SEP) if x)


# ---------------------------------------------------------------- documents


def document_state(session: Session, *, source_key: str, sha256: str,
                   published: str | None = None) -> tuple[str, m.Document | None]:
    """``("unchanged", doc)`` when this content is stored, ``("changed", doc)`` when
    the same source holds other content, or the same content with another
    publication date than ``published`` (given with ``--published``), else
    ``("new", None)``."""
    same, earlier = _run(session, _document_ids(), {"sha256": sha256, "source_key": source_key}).one()
    if same is not None:
        doc = session.get(m.Document, same)
        if published is not None and doc.published != published:
            return "changed", doc
        return "unchanged", doc
    if earlier is not None:
        return "changed", session.get(m.Document, earlier)
    return "new", None


@cache
def _document_ids():
    """The id of the document with ``:sha256``, and of the one from ``:source_key``."""
    return select(
        select(m.Document.id).where(m.Document.sha256 == bindparam("sha256")).scalar_subquery(),
        select(m.Document.id).where(m.Document.source_key == bindparam("source_key")).scalar_subquery(),
    )


def is_stored(session: Session, *, sha256: str, published: str | None = None) -> bool:
    """Whether a document with this content is stored (with the publication date
    ``published``, when given)."""
    if published is None:
        return _run(session, _document_ids(), {"sha256": sha256, "source_key": ""}).one()[0] is not None
    return _run(session, select(m.Document.id).where(m.Document.sha256 == sha256,
                                                     m.Document.published == published)).first() is not None


def delete_document(session: Session, *, document_id: int) -> set[int]:
    """Remove a document and everything that came from it; events it alone
    reported go, the others are clustered again without its mentions and
    recomputed from their sources. Returns the events written (gone ones included)."""
    recluster = Reclusterer(session)
    recluster.remove(document_id)
    _run(session, delete(m.Timex).where(m.Timex.document_id == document_id))
    _run(session, delete(m.Document).where(m.Document.id == document_id))
    session.expire_all()
    names = _Names(session)
    for event_id in sorted(recluster.touched):
        refresh_event(session, event_id=event_id, names=names)
    return recluster.touched


def save_extraction(session: Session, *, extraction: Extraction, source_key: str) -> SaveResult:
    """Store a document with its temporal expressions and events, merging each
    event into a stored one when they denote the same real-world occurrence.

    Written with Core statements in bulk: one insert for the document, one for
    its temporal expressions, and per event a match query, the sources' insert
    and a recompute of the event from its sources.
    """
    doc = extraction.document
    document_id = _run(
        session,
        insert(m.Document).returning(m.Document.id),
        {
            "name": _cut(m.Document.name, doc.name), "source_key": source_key, "path": doc.path,
            "sha256": doc.sha256, "title": _cut(m.Document.title, doc.title), "url": _cut(m.Document.url, doc.url),
            "publisher": _cut(m.Document.publisher, doc.publisher),
            "published": doc.published.value if doc.published else None,
            "published_precision": doc.published.precision if doc.published else None,
            "published_from": doc.published_from, "body": doc.body, "n_chars": len(doc.body),
            "ingested_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        },
    ).scalar_one()
    if extraction.timexes:
        _run(session, insert(m.Timex), [_timex_row(document_id, t) for t in extraction.timexes])
    anchors = {(t.start, t.end): t.anchor for t in extraction.timexes}
    cands = _distinct(extraction.events)

    def make_row(i: int, event_id: int, resolved: PartialDate | None) -> dict:
        c = cands[i]
        return _source_row(event_id, document_id, c, anchors.get((c.timex_start, c.timex_end), "absolute"), resolved)

    recluster = Reclusterer(session, make_row)
    recluster.add([new_mention(source_key, c, i) for i, c in enumerate(cands)])
    names = _Names(session)
    for event_id in sorted(recluster.touched):
        rows = recluster.inserted.get(event_id)
        if rows and event_id not in recluster.rewritten and _repeat_reports(session, event_id, rows):
            # not recomputed: only the stored count of its sources moves
            _run(session, _add_sources(), {"b_event_id": event_id, "k": len(rows)})
        else:
            refresh_event(session, event_id=event_id, names=names)
    return SaveResult(recluster.added, recluster.merged, recluster.resolved, recluster.touched)


def _distinct(cands: Sequence[EventCandidate]) -> list[EventCandidate]:
    """The candidates but those that repeat an earlier one of the same sentence and
    date expression as the same event: one report, stored once."""
    from .merge import same_event

    seen: dict[tuple[int, int], list[EventCandidate]] = {}
    out = []
    for c in cands:
        earlier = seen.setdefault((c.start, c.timex_start), [])
        if not any(same_event(c, e) or (c.date is None and e.date is None and c.type == e.type) for e in earlier):
            earlier.append(c)
            out.append(c)
    return out


def _cut(column, value: str | None) -> str | None:
    """``value`` cut to the column's VARCHAR length: PostgreSQL refuses a longer
    value, SQLite would keep it; both store the same this way."""
    return value[:column.type.length] if value is not None else None


def _timex_row(document_id: int, t) -> dict:
    cal = calendar_date(t.value) if t.type in ("DATE", "TIME") else None
    return {
        "document_id": document_id, "start": t.start, "end": t.end, "text": t.text[:500],
        "type": t.type, "value": t.value[:50], "precision": cal.precision if cal else None,
        "anchor": t.anchor, "mod": t.mod, "rule": t.rule[:100] if t.rule else None,
    }


@cache
def _names_of():
    """``(event_id, is_actor, name)`` for the actors and the places of the events
    ``:ids``. The hot statements of the write path are built once (``@cache``)
    with bound parameters: building a statement costs more than running it."""
    ids = bindparam("ids", expanding=True)
    actors = (select(m.EventActor.event_id, literal(1).label("is_actor"), m.Actor.name)
              .join(m.Actor, m.Actor.id == m.EventActor.actor_id).where(m.EventActor.event_id.in_(ids)))
    places = (select(m.EventPlace.event_id, literal(0).label("is_actor"), m.Place.name)
              .join(m.Place, m.Place.id == m.EventPlace.place_id).where(m.EventPlace.event_id.in_(ids)))
    return union_all(actors, places)


def _source_row(event_id: int, document_id: int, cand: EventCandidate, anchor: str,
                resolved: PartialDate | None) -> dict:
    date_value, precision = (cand.date.value, cand.date.precision) if cand.date else (cand.date_value, None)
    if resolved is not None:
        date_value, precision, anchor = resolved.value, resolved.precision, ANCHOR_CROSS_DOCUMENT
    return {
        "event_id": event_id, "document_id": document_id, "quote": cand.quote,
        "start": cand.start, "end": cand.end, "timex_start": cand.timex_start, "timex_end": cand.timex_end,
        "date_value": date_value, "precision": precision, "anchor": anchor, "title": cand.title[:200],
        "type": cand.type, "status": cand.status, "confidence": cand.confidence,
        "actors": _SEP.join(cand.actors), "places": _SEP.join(cand.places),
        "mention_value": mention_value(cand), **scope_columns(cand.date, mention_value(cand)),
    }


@cache
def _slugs_like():
    return select(m.Event.slug).where(
        or_(m.Event.slug == bindparam("base"), m.Event.slug.like(bindparam("pattern"), escape="\\")),
        m.Event.id != bindparam("exclude_id"),
    )


def _unique_slug(session: Session, base: str, *, exclude_id: int | None = None) -> str:
    pattern = _like_escape(base) + "-%"
    taken = set(
        _run(session, _slugs_like(), {"base": base, "pattern": pattern, "exclude_id": exclude_id or -1})
        .scalars().all()
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


class _Names:
    """Actor and place ids by name, created on first use, for one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[tuple[type, str], int] = {}

    def id(self, model, name: str) -> int:
        return self.many(model, [name])[0]

    def many(self, model, names: Sequence[str]) -> list[int]:
        """The ids of ``names`` (in that order), looked up in one query; missing
        names are inserted in the order given."""
        missing = list(dict.fromkeys(n for n in names if (model, n) not in self.ids))
        if missing:
            for found_id, name in _run(self.session,
                select(model.id, model.name).where(model.name.in_(missing))
            ):
                self.ids[(model, name)] = found_id
            for name in missing:
                if (model, name) not in self.ids:
                    self.ids[(model, name)] = _run(self.session,
                        insert(model).returning(model.id), [{"name": name}]
                    ).scalar_one()
        return [self.ids[(model, n)] for n in names]


#: What ``refresh_event`` reads of an event's sources: rows that agree on all of
#: these are one group, with its size and its first source's id, so the work
#: grows with the number of different reports, not with the number of sources.
_GROUP_COLS = (m.EventSource.date_value, m.EventSource.precision, m.EventSource.anchor,
               m.EventSource.confidence, m.EventSource.title, m.EventSource.status,
               m.EventSource.actors, m.EventSource.places)


@cache
def _source_groups():
    return (select(*_GROUP_COLS, func.count().label("n"), func.min(m.EventSource.start).label("first"))
            .where(m.EventSource.event_id == bindparam("event_id"))
            .group_by(*_GROUP_COLS))


def _group_order(g) -> tuple:
    """Groups in the order of what they say (their ``_GROUP_COLS``), so that ties
    between them break the same way whatever order their sources arrived in.
    Before this order, ties go to the group said earliest in its document
    (``first``, the smallest offset of its sources): a lead before a later
    mention."""
    return tuple("" if v is None else v for v in (g.date_value, g.precision, g.anchor, g.title, g.status,
                                                  g.actors, g.places)) + (g.confidence,)


@cache
def _distinct_quotes():
    """The distinct quotes of event ``:event_id`` with their highest confidence and
    their smallest offset in a document."""
    return (select(m.EventSource.quote, func.max(m.EventSource.confidence), func.min(m.EventSource.start))
            .where(m.EventSource.event_id == bindparam("event_id"))
            .group_by(m.EventSource.quote))


@cache
def _group_sources():
    """The distinct ``(start, quote, type)`` of the sources of event ``:event_id`` in
    the group the bound ``_GROUP_COLS`` give, with the event's stored date and title."""
    same = [c.is_not_distinct_from(bindparam(c.key)) for c in _GROUP_COLS]
    return (select(m.EventSource.start, m.EventSource.quote, m.EventSource.type, m.Event.date_value, m.Event.title)
            .join(m.Event, m.Event.id == m.EventSource.event_id)
            .where(m.EventSource.event_id == bindparam("event_id"), *same).distinct())


#: What a new source must say the same as a stored one of its event to leave
#: the event as ``refresh_event`` computed it.
_REPEAT_COLS = (*_GROUP_COLS, m.EventSource.quote, m.EventSource.type)


@cache
def _repeat_of_stored():
    """Event ``:event_id``'s title and precision, and whether it has a source of
    another document than ``:document_id`` that says what the bound
    ``_REPEAT_COLS`` say, at an offset in its document no later than ``:start``."""
    same = [c.is_not_distinct_from(bindparam(c.key)) for c in _REPEAT_COLS]
    return select(
        m.Event.title, m.Event.precision,
        select(m.EventSource.id).where(m.EventSource.event_id == bindparam("event_id"), *same,
                                       m.EventSource.document_id != bindparam("document_id"),
                                       m.EventSource.start <= bindparam("start")).exists(),
    ).where(m.Event.id == bindparam("event_id"))


@cache
def _title_votes(dated: bool):
    """How many sources of event ``:event_id`` give each of the titles ``:titles``:
    those at the precision ``:precision`` when the event is ``dated``, else all.
    Counted from its groups (``source_groups``), not its sources."""
    g = m.SourceGroup
    where = [g.event_id == bindparam("event_id"), g.title.in_(bindparam("titles", expanding=True))]
    if dated:
        where.append(g.precision == bindparam("precision"))
    return select(g.title, func.sum(g.n)).where(*where).group_by(g.title)


@cache
def _add_sources():
    """Add ``:k`` to the stored source count of event ``:b_event_id``."""
    t = m.Event.__table__
    return update(t).where(t.c.id == bindparam("b_event_id")).values(n_sources=t.c.n_sources + bindparam("k"))


def _repeat_reports(session: Session, event_id: int, rows: list[dict]) -> bool:
    """Whether ``rows``, the sources a document just added to event ``event_id``
    (and nothing else changed in it), leave it as ``refresh_event`` computed it:
    each repeats a source of another document (the same ``_REPEAT_COLS``, said
    no later in its document), and the event's title keeps more votes than any
    title they add to, or as many as one it was already tied with.

    Then the groups of ``refresh_event`` are the same and only their counts
    grow; counts vote for the headline alone, which keeps its lead; no group,
    quote or source is said earlier than before, so ties break as before; the
    quotes, the summary, the names and the search index are the same. Only the
    source count changes, found with a few indexed lookups whatever the number
    of sources (the recomputation reads them all)."""
    title = precision = None
    for k in dict.fromkeys(tuple(r[c.key] for c in _REPEAT_COLS) + (r["start"], r["document_id"]) for r in rows):
        params = {"event_id": event_id, **dict(zip([c.key for c in _REPEAT_COLS] + ["start", "document_id"], k))}
        title, precision, repeats = _run(session, _repeat_of_stored(), params).one()
        if not repeats:
            return False
    # votes are counted among the sources at the event's precision (all, when undated)
    added = Counter(r["title"] for r in rows if precision is None or r["precision"] == precision)
    others = [t for t in added if t != title]
    if not others:
        return True
    # the counts include the rows added: before them each title had ``added`` fewer
    votes = dict(_run(session, _title_votes(precision is not None),
                      {"event_id": event_id, "titles": [title, *others], "precision": precision}).all())
    lead = votes.get(title, 0)
    return all(lead > votes.get(t, 0) or (lead == votes.get(t, 0) and added[title] == added[t])
               for t in others)


@cache
def _update_event():
    """Set the columns given as parameters on event ``:b_event_id``."""
    return update(m.Event.__table__).where(m.Event.__table__.c.id == bindparam("b_event_id"))


def refresh_event(session: Session, *, event_id: int, names: _Names | None = None) -> bool:
    """Recompute an event from its sources; delete it when none is left.

    The date is the most precise one a source gives by itself (sources dated
    only through another document do not count); when sources give dates that
    do not contain each other the event is flagged ``disputed``. Returns False
    when the event was deleted.

    Sources that report the same thing the same way (date, anchor, confidence,
    title, status, actors, places) are read as one group with a count, so
    merging the thousandth copy of a report costs about as much as the second.
    """
    names = names or _Names(session)
    groups = sorted(_run(session, _source_groups(), {"event_id": event_id}).all(), key=_group_order)
    if not groups:
        _unindex_event(session, event_id)
        forget_event(session, event_id)
        _run(session, delete(m.Event).where(m.Event.id == event_id))
        return False
    own = [g for g in groups if g.precision and g.anchor != ANCHOR_CROSS_DOCUMENT]
    if own:
        best = max(own, key=lambda g: (_PRECISION_RANK[g.precision], g.confidence, -g.first))
        date: PartialDate | None = PartialDate.parse(best.date_value)
        dates = list({PartialDate.parse(g.date_value) for g in own})
        disputed = any(not a.compatible(b) for i, a in enumerate(dates) for b in dates[i + 1:])
        value = date.value
    else:
        best = max(groups, key=lambda g: (g.confidence, -g.first))
        date, disputed = None, False
        value = "XXXX" + best.date_value[4:] if best.anchor == ANCHOR_CROSS_DOCUMENT else best.date_value
        # nothing dates them by itself any more: back to year-less
        _run(session,
            update(m.EventSource)
            .where(m.EventSource.event_id == event_id, m.EventSource.anchor == ANCHOR_CROSS_DOCUMENT)
            .values(date_value="XXXX" + func.substr(m.EventSource.date_value, 5), precision=None,
                    anchor=ANCHOR_UNRESOLVED)
        )
    # the headline most sources agree on, among those at the event's precision
    peers = [g for g in groups if g.precision == (date.precision if date else g.precision)] or list(groups)
    votes: Counter[str] = Counter()
    for g in peers:
        votes[g.title] += g.n
    # (among headlines as well supported and as early, the longer says more)
    best = max(peers, key=lambda g: (votes[g.title], g.confidence, -g.first, len(g.title)))
    # the group's quote and type: the one said earliest in its document, then the
    # first in code-point order (the same on every backend, whatever the collation,
    # and whatever order the sources came in)
    _, best_quote, best_type, old_value, old_title = min(_run(
        session, _group_sources(), {"event_id": event_id, **{c.key: getattr(best, c.key) for c in _GROUP_COLS}}
    ).all(), key=lambda r: (r.start, r.quote, r.type))
    # every distinct quote, most confident first, then the earliest said, then in
    # code-point order: the summary is drawn from them and the search index covers them all
    quotes = [q for q, _, _ in sorted(_run(session, _distinct_quotes(), {"event_id": event_id}).all(),
                                      key=lambda r: (-r[1], r[2], r[0]))]
    summary = summarize([best_quote, *quotes])
    values = {
        "title": best.title, "type": best_type, "summary": summary,
        "confidence": max(g.confidence for g in groups),
        "status": "occurred" if any(g.status == "occurred" for g in groups) else best.status,
        "disputed": disputed, "date_value": value, "n_sources": sum(g.n for g in groups),
        "precision": date.precision if date else None,
        "date_start": date.interval()[0] if date else None,
        "date_end": date.interval()[1] if date else None,
        "month_day": (value[5:] if date.precision == "day" else None) if date else month_day(value),
    }
    if value != old_value or best.title != old_title:
        values["slug"] = _unique_slug(session, event_slug(date, best.title), exclude_id=event_id)
    _run(session, _update_event(), {**values, "b_event_id": event_id})
    # the union of the names the sources give, in the order the sources give them
    want_actors = list(dict.fromkeys(a for g in groups for a in _split(g.actors)))
    want_places = list(dict.fromkeys(p for g in groups for p in _split(g.places)))
    have_actors: set[str] = set()
    have_places: set[str] = set()
    for _, is_actor, name in _run(session, _names_of(), {"ids": [event_id]}):
        (have_actors if is_actor else have_places).add(name)
    if set(want_actors) != have_actors:
        _set_links(session, m.EventActor, "actor_id", event_id, sorted(set(names.many(m.Actor, want_actors))))
    if set(want_places) != have_places:
        _set_links(session, m.EventPlace, "place_id", event_id, sorted(set(names.many(m.Place, want_places))))
    _index_event(session, event_id, title=best.title, summary=summary, quotes="\n".join(quotes))
    # its sources may have been moved here or changed by a correction, or by the line above
    regroup(session, [event_id])
    return True


# The full-text search table of revision 0002: an FTS5 table keyed by rowid on
# SQLite, a table with a generated tsvector on PostgreSQL, none elsewhere. Kept
# in sync here, where every event is recomputed or deleted (see the revision).


def _index_event(session: Session, event_id: int, *, title: str, summary: str, quotes: str) -> None:
    dialect = session.bind.dialect.name
    row = {"id": event_id, "title": title, "summary": summary or "", "quotes": quotes}
    if dialect == "sqlite":
        session.execute(text("DELETE FROM event_search WHERE rowid = :id"), row)
        session.execute(text("INSERT INTO event_search (rowid, title, summary, quotes) "
                             "VALUES (:id, :title, :summary, :quotes)"), row)
    elif dialect == "postgresql":
        session.execute(text(
            "INSERT INTO event_search (event_id, title, summary, quotes) VALUES (:id, :title, :summary, :quotes) "
            "ON CONFLICT (event_id) DO UPDATE SET title = excluded.title, summary = excluded.summary, "
            "quotes = excluded.quotes"), row)


def _unindex_event(session: Session, event_id: int) -> None:
    dialect = session.bind.dialect.name
    if dialect == "sqlite":
        session.execute(text("DELETE FROM event_search WHERE rowid = :id"), {"id": event_id})
    elif dialect == "postgresql":
        session.execute(text("DELETE FROM event_search WHERE event_id = :id"), {"id": event_id})


def _set_links(session: Session, model, column: str, event_id: int, ids: list[int]) -> None:
    have = set(_run(session, select(getattr(model, column)).where(model.event_id == event_id)).scalars().all())
    want = set(ids)
    if have - want:
        _run(session, delete(model).where(model.event_id == event_id, getattr(model, column).in_(have - want)))
    if want - have:
        _run(session, insert(model), [{"event_id": event_id, column: i} for i in sorted(want - have)])
