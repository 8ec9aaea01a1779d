"""Repository functions over the models.

Every function takes the ``session`` and never commits: the caller owns the
transaction (``ingest`` opens one per document). Query functions return the
plain records of :mod:`nato_timeline.views`, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from . import models as m
from .merge import event_slug, group_candidates, match_year_less, same_event
from .records import EventCandidate, Extraction
from .temporal.types import (
    ANCHOR_CROSS_DOCUMENT,
    ANCHOR_UNRESOLVED,
    PartialDate,
    calendar_date,
)
from .views import EventView, SourceView

_PRECISION_RANK = {None: 0, "year": 1, "month": 2, "day": 3}
_SEP = "; "


@dataclass(frozen=True, slots=True)
class EventKey:
    """What merging compares: the shape ``merge.same_event`` reads."""

    date: PartialDate | None
    type: str
    places: tuple[str, ...]
    actors: tuple[str, ...]
    title: str
    date_value: str = ""
    id: int | None = None


@dataclass(slots=True)
class SaveResult:
    added: int = 0  # new events
    merged: int = 0  # mentions that joined an event already known (from this document or another)


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(x for x in (joined or "").split(_SEP) if x)


# ---------------------------------------------------------------- documents


def document_state(session: Session, *, source_key: str, sha256: str) -> tuple[str, m.Document | None]:
    """``("unchanged", doc)`` when this content is stored, ``("changed", doc)`` when
    the same source holds other content, else ``("new", None)``."""
    same = session.scalar(select(m.Document).where(m.Document.sha256 == sha256))
    if same is not None:
        return "unchanged", same
    earlier = session.scalar(select(m.Document).where(m.Document.source_key == source_key))
    if earlier is not None:
        return "changed", earlier
    return "new", None


def delete_document(session: Session, *, document_id: int) -> None:
    """Remove a document and everything that came from it; events it alone
    reported go, events other documents report too are recomputed from theirs."""
    event_ids = session.scalars(
        select(m.EventSource.event_id).where(m.EventSource.document_id == document_id).distinct()
    ).all()
    session.execute(delete(m.EventSource).where(m.EventSource.document_id == document_id))
    session.execute(delete(m.Timex).where(m.Timex.document_id == document_id))
    session.execute(delete(m.Document).where(m.Document.id == document_id))
    session.expire_all()
    for event_id in event_ids:
        refresh_event(session, event_id=event_id)


def save_extraction(session: Session, *, extraction: Extraction, source_key: str) -> SaveResult:
    """Store a document with its temporal expressions and events, merging each
    event into a stored one when they denote the same real-world occurrence."""
    doc = extraction.document
    row = m.Document(
        name=doc.name,
        source_key=source_key,
        path=doc.path,
        sha256=doc.sha256,
        title=doc.title,
        url=doc.url,
        publisher=doc.publisher,
        published=doc.published.value if doc.published else None,
        published_precision=doc.published.precision if doc.published else None,
        published_from=doc.published_from,
        body=doc.body,
        n_chars=len(doc.body),
    )
    session.add(row)
    session.flush()
    if extraction.timexes:
        session.execute(
            insert(m.Timex),
            [
                {
                    "document_id": row.id,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text[:500],
                    "type": t.type,
                    "value": t.value[:50],
                    "precision": (calendar_date(t.value).precision if t.type in ("DATE", "TIME") and calendar_date(t.value) else None),
                    "anchor": t.anchor,
                    "mod": t.mod,
                    "rule": t.rule[:100] if t.rule else None,
                }
                for t in extraction.timexes
            ],
        )
    anchors = {(t.start, t.end): t.anchor for t in extraction.timexes}
    result = SaveResult()
    cands = list(extraction.events)
    for cluster in group_candidates(cands):
        members = [cands[i] for i in cluster]
        rep = max(members, key=lambda c: (_PRECISION_RANK[c.precision], c.confidence))
        target, resolved = _match_stored(session, rep)
        # every mention beyond the first of a new event joins an event already known
        if target is None:
            target = _new_event(session, rep)
            result.added += 1
            result.merged += len(members) - 1
        else:
            result.merged += len(members)
        for c in members:
            _add_source(session, event=target, document_id=row.id, cand=c,
                        anchor=anchors.get((c.timex_start, c.timex_end), "absolute"),
                        resolved=resolved if c.date is None else None)
        if resolved is not None:
            _mark_timexes_cross_document(session, row.id, members, resolved)
        session.flush()
        refresh_event(session, event_id=target.id)
    return result


def _key(c: EventCandidate) -> EventKey:
    return EventKey(c.date, c.type, tuple(c.places), tuple(c.actors), c.title, c.date_value)


def _event_key(ev: m.Event) -> EventKey:
    date = PartialDate.parse(ev.date_value) if ev.precision else None
    return EventKey(date, ev.type, tuple(p.name for p in ev.places), tuple(a.name for a in ev.actors),
                    ev.title, ev.date_value, ev.id)


def _match_stored(session: Session, cand: EventCandidate) -> tuple[m.Event | None, PartialDate | None]:
    """The stored event ``cand`` reports, and the date it gives a year-less ``cand``."""
    if cand.date is not None:
        start, end = cand.date.interval()
        rows = session.scalars(
            select(m.Event)
            .where(m.Event.date_start <= end, m.Event.date_end >= start)
            .order_by(m.Event.id)
            .limit(500)
        ).all()
        key = _key(cand)
        matches = [ev for ev in rows if same_event(key, _event_key(ev))]
        if not matches:
            return None, None
        best = max(matches, key=lambda ev: (ev.date_value == cand.date_value, _PRECISION_RANK[ev.precision], -ev.id))
        return best, None
    month_day = _month_day(cand.date_value)
    if month_day is None:
        return None, None
    rows = session.scalars(select(m.Event).where(m.Event.month_day == month_day).order_by(m.Event.id)).all()
    dated = [_event_key(ev) for ev in rows if ev.precision == "day"]
    year = match_year_less(_key(cand), dated) if dated else None
    if year is not None:
        full = _key(cand)
        full = EventKey(year, full.type, full.places, full.actors, full.title)
        for ev in rows:
            if ev.precision == "day" and ev.date_value == year.value and same_event(full, _event_key(ev)):
                return ev, year
    # the same year-less mention from another document: one undated event
    for ev in rows:
        if ev.precision is None and ev.date_value == cand.date_value and ev.type == cand.type:
            ev_places = {p.name for p in ev.places}
            if not ev_places or not cand.places or ev_places & set(cand.places):
                return ev, None
    return None, None


def _month_day(value: str) -> str | None:
    """``MM-DD`` of ``YYYY-MM-DD`` or ``XXXX-MM-DD``."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[5:7].isdigit() and value[8:].isdigit():
        return value[5:]
    return None


def _new_event(session: Session, cand: EventCandidate) -> m.Event:
    ev = m.Event(
        slug=_unique_slug(session, event_slug(cand.date, cand.title)),
        title=cand.title,
        type=cand.type,
        date_value=cand.date.value if cand.date else cand.date_value,
        precision=cand.precision,
        confidence=cand.confidence,
        status=cand.status,
    )
    session.add(ev)
    session.flush()
    return ev


def _add_source(session: Session, *, event: m.Event, document_id: int, cand: EventCandidate,
                anchor: str, resolved: PartialDate | None) -> None:
    exists = session.scalar(
        select(m.EventSource.id).where(
            m.EventSource.event_id == event.id,
            m.EventSource.document_id == document_id,
            m.EventSource.start == cand.start,
            m.EventSource.timex_start == cand.timex_start,
        )
    )
    if exists is not None:
        return
    date_value, precision = (cand.date.value, cand.date.precision) if cand.date else (cand.date_value, None)
    if resolved is not None:
        date_value, precision, anchor = resolved.value, resolved.precision, ANCHOR_CROSS_DOCUMENT
    session.add(
        m.EventSource(
            event_id=event.id,
            document_id=document_id,
            quote=cand.quote,
            start=cand.start,
            end=cand.end,
            timex_start=cand.timex_start,
            timex_end=cand.timex_end,
            date_value=date_value,
            precision=precision,
            anchor=anchor,
            title=cand.title[:200],
            type=cand.type,
            status=cand.status,
            confidence=cand.confidence,
            actors=_SEP.join(cand.actors),
            places=_SEP.join(cand.places),
        )
    )


def _mark_timexes_cross_document(session: Session, document_id: int, members: Iterable[EventCandidate],
                                 resolved: PartialDate) -> None:
    for c in members:
        if c.date is None:
            session.execute(
                update(m.Timex)
                .where(m.Timex.document_id == document_id, m.Timex.start == c.timex_start, m.Timex.end == c.timex_end)
                .values(value=resolved.value, precision=resolved.precision, anchor=ANCHOR_CROSS_DOCUMENT)
            )


def _unique_slug(session: Session, base: str, *, exclude_id: int | None = None) -> str:
    taken = set(
        session.scalars(
            select(m.Event.slug).where(
                or_(m.Event.slug == base, m.Event.slug.like(base.replace("%", "").replace("_", "-") + "-%")),
                m.Event.id != (exclude_id or -1),
            )
        ).all()
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _get_or_create(session: Session, model, name: str, cache: dict) -> object:
    if name in cache:
        return cache[name]
    obj = session.scalar(select(model).where(model.name == name))
    if obj is None:
        obj = model(name=name)
        session.add(obj)
    cache[name] = obj
    return obj


def refresh_event(session: Session, *, event_id: int) -> m.Event | None:
    """Recompute an event from its sources; delete it when none is left.

    The date is the most precise one a source gives by itself (sources dated
    only through another document do not count); when sources give dates that
    do not contain each other the event is flagged ``disputed``.
    """
    ev = session.get(m.Event, event_id)
    if ev is None:
        return None
    sources = session.scalars(select(m.EventSource).where(m.EventSource.event_id == event_id).order_by(m.EventSource.id)).all()
    if not sources:
        session.delete(ev)
        session.flush()
        return None
    own = [s for s in sources if s.precision and s.anchor != ANCHOR_CROSS_DOCUMENT]
    if own:
        best = max(own, key=lambda s: (_PRECISION_RANK[s.precision], s.confidence, -s.id))
        date: PartialDate | None = PartialDate.parse(best.date_value)
        dates = [PartialDate.parse(s.date_value) for s in own]
        disputed = any(not a.compatible(b) for i, a in enumerate(dates) for b in dates[i + 1:])
    else:
        best = max(sources, key=lambda s: (s.confidence, -s.id))
        date, disputed = None, False
        for s in sources:  # nothing dates them any more: back to year-less
            if s.anchor == ANCHOR_CROSS_DOCUMENT:
                s.date_value, s.precision, s.anchor = "XXXX" + s.date_value[4:], None, ANCHOR_UNRESOLVED
        best_value = best.date_value
    old_value = ev.date_value
    ev.title = best.title
    ev.type = best.type
    ev.summary = best.quote
    ev.confidence = max(s.confidence for s in sources)
    ev.status = "occurred" if any(s.status == "occurred" for s in sources) else best.status
    ev.disputed = disputed
    if date is not None:
        ev.date_value, ev.precision = date.value, date.precision
        ev.date_start, ev.date_end = date.interval()
        ev.month_day = date.value[5:] if date.precision == "day" else None
    else:
        ev.date_value, ev.precision = best_value, None
        ev.date_start = ev.date_end = None
        ev.month_day = _month_day(best_value)
    if ev.date_value != old_value or not ev.slug:
        ev.slug = _unique_slug(session, event_slug(date, ev.title), exclude_id=ev.id)
    actors: dict[str, object] = {}
    places: dict[str, object] = {}
    actor_names = sorted({a for s in sources for a in _split(s.actors)})
    place_names = sorted({p for s in sources for p in _split(s.places)})
    ev.actors = [_get_or_create(session, m.Actor, n, actors) for n in actor_names]
    ev.places = [_get_or_create(session, m.Place, n, places) for n in place_names]
    session.flush()
    return ev


def resolve_year_less(session: Session) -> int:
    """Date the stored year-less events from matching fully dated events of other
    documents (same month and day, kind of event and place). Returns how many."""
    count = 0
    undated = session.scalars(
        select(m.Event).where(m.Event.precision.is_(None), m.Event.month_day.is_not(None)).order_by(m.Event.id)
    ).all()
    for ev in undated:
        key = _event_key(ev)
        rows = session.scalars(
            select(m.Event).where(m.Event.month_day == ev.month_day, m.Event.precision == "day").order_by(m.Event.id)
        ).all()
        if not rows:
            continue
        year = match_year_less(key, [_event_key(r) for r in rows])
        if year is None:
            continue
        full = EventKey(year, key.type, key.places, key.actors, key.title)
        target = next((r for r in rows if r.date_value == year.value and same_event(full, _event_key(r))), None)
        if target is None:
            continue
        sources = session.scalars(select(m.EventSource).where(m.EventSource.event_id == ev.id)).all()
        for s in sources:
            s.event_id = target.id
            s.date_value, s.precision, s.anchor = year.value, "day", ANCHOR_CROSS_DOCUMENT
            session.execute(
                update(m.Timex)
                .where(m.Timex.document_id == s.document_id, m.Timex.start == s.timex_start, m.Timex.end == s.timex_end)
                .values(value=year.value, precision="day", anchor=ANCHOR_CROSS_DOCUMENT)
            )
        session.flush()
        session.expire(ev)
        refresh_event(session, event_id=ev.id)
        refresh_event(session, event_id=target.id)
        count += 1
    return count


# ---------------------------------------------------------------- queries


def list_events(
    session: Session,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    limit: int | None = None,
    include_undated: bool = False,
) -> list[EventView]:
    """Events in chronological order: those that start on or after the start of
    ``since`` and on or before the end of ``until``; undated ones last, on request."""
    cols = _event_columns()
    dated = select(*cols).where(m.Event.date_start.is_not(None))
    if since is not None:
        dated = dated.where(m.Event.date_start >= since.interval()[0])
    if until is not None:
        dated = dated.where(m.Event.date_start <= until.interval()[1])
    dated = dated.order_by(m.Event.date_start, m.Event.id)
    if limit is not None:
        dated = dated.limit(limit)
    rows = list(session.execute(dated).all())
    if include_undated and (limit is None or len(rows) < limit):
        undated = select(*cols).where(m.Event.date_start.is_(None)).order_by(m.Event.date_value, m.Event.id)
        if limit is not None:
            undated = undated.limit(limit - len(rows))
        rows.extend(session.execute(undated).all())
    return _views(session, rows)


def _event_columns():
    e = m.Event
    return (e.id, e.slug, e.date_value, e.precision, e.date_start, e.date_end, e.title, e.type,
            e.status, e.confidence, e.disputed, e.summary)


def _views(session: Session, rows: Sequence) -> list[EventView]:
    ids = [r.id for r in rows]
    sources: dict[int, list[SourceView]] = {i: [] for i in ids}
    actors: dict[int, list[str]] = {i: [] for i in ids}
    places: dict[int, list[str]] = {i: [] for i in ids}
    for chunk in _chunks(ids, 500):
        q = (
            select(m.EventSource, m.Document.name, m.Document.title, m.Document.published)
            .join(m.Document, m.Document.id == m.EventSource.document_id)
            .where(m.EventSource.event_id.in_(chunk))
            .order_by(m.EventSource.event_id, m.Document.name, m.EventSource.start)
        )
        for s, name, title, published in session.execute(q):
            sources[s.event_id].append(
                SourceView(name, s.quote, s.start, s.end, s.timex_start, s.timex_end,
                           s.date_value, s.precision, s.anchor, title, published)
            )
        for eid, name in session.execute(
            select(m.EventActor.event_id, m.Actor.name).join(m.Actor, m.Actor.id == m.EventActor.actor_id)
            .where(m.EventActor.event_id.in_(chunk)).order_by(m.Actor.name)
        ):
            actors[eid].append(name)
        for eid, name in session.execute(
            select(m.EventPlace.event_id, m.Place.name).join(m.Place, m.Place.id == m.EventPlace.place_id)
            .where(m.EventPlace.event_id.in_(chunk)).order_by(m.Place.name)
        ):
            places[eid].append(name)
    return [
        EventView(
            id=r.id, slug=r.slug, date=r.date_value, precision=r.precision,
            start=r.date_start.isoformat() if r.date_start else None,
            end=r.date_end.isoformat() if r.date_end else None,
            title=r.title, type=r.type, status=r.status, confidence=r.confidence,
            disputed=bool(r.disputed), summary=r.summary,
            actors=tuple(actors[r.id]), places=tuple(places[r.id]), sources=tuple(sources[r.id]),
        )
        for r in rows
    ]


def _chunks(items: Sequence[int], size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_events(session: Session, key: str) -> list[EventView]:
    """Events named by ``key``: an id, a slug, or words that all occur in the title."""
    key = key.strip()
    cols = _event_columns()
    if key.isdigit():
        rows = session.execute(select(*cols).where(m.Event.id == int(key))).all()
        if rows:
            return _views(session, rows)
    rows = session.execute(select(*cols).where(m.Event.slug == key)).all()
    if rows:
        return _views(session, rows)
    words = key.split()
    if not words:
        return []
    conds = [func.lower(m.Event.title).like(f"%{_like_escape(w.lower())}%", escape="\\") for w in words]
    rows = session.execute(
        select(*cols).where(and_(*conds)).order_by(m.Event.date_start.is_(None), m.Event.date_start, m.Event.id).limit(50)
    ).all()
    return _views(session, rows)


def suggest_events(session: Session, key: str, *, n: int = 5) -> list[str]:
    """Slugs close to ``key``, for a "did you mean" line."""
    # word stems, so "crimean annexation" finds "crimea-annexed"
    words = [w.lower()[:5] for w in key.split() if len(w) > 2][:8]
    conds = [func.lower(m.Event.slug).like(f"%{_like_escape(w)}%", escape="\\") for w in words]
    q = select(m.Event.slug)
    if conds:
        q = q.where(or_(*conds))
    slugs = session.scalars(q.limit(5000)).all()
    close = difflib.get_close_matches(key.lower(), slugs, n=n, cutoff=0.3)
    return close or list(slugs[:n])


