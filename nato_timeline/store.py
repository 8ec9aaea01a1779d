"""Repository functions over the models: the write side.

Every function takes the ``session`` and never commits: the caller owns the
transaction (``ingest`` opens one per document). The read side (listing,
searching, finding events) is :mod:`nato_timeline.queries`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from . import models as m
from .merge import event_slug, group_candidates, match_year_less, same_event, summarize
from .records import EventCandidate, Extraction
from .temporal.types import (
    ANCHOR_CROSS_DOCUMENT,
    ANCHOR_UNRESOLVED,
    PartialDate,
    calendar_date,
)

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
    names = _Names(session)
    for event_id in event_ids:
        refresh_event(session, event_id=event_id, names=names)


def save_extraction(session: Session, *, extraction: Extraction, source_key: str) -> SaveResult:
    """Store a document with its temporal expressions and events, merging each
    event into a stored one when they denote the same real-world occurrence.

    Written with Core statements in bulk: one insert for the document, one for
    its temporal expressions, and per event a match query, the sources' insert
    and a recompute of the event from its sources.
    """
    doc = extraction.document
    document_id = session.execute(
        insert(m.Document).returning(m.Document.id),
        [{
            "name": _cut(m.Document.name, doc.name), "source_key": source_key, "path": doc.path,
            "sha256": doc.sha256, "title": _cut(m.Document.title, doc.title), "url": _cut(m.Document.url, doc.url),
            "publisher": _cut(m.Document.publisher, doc.publisher),
            "published": doc.published.value if doc.published else None,
            "published_precision": doc.published.precision if doc.published else None,
            "published_from": doc.published_from, "body": doc.body, "n_chars": len(doc.body),
            "ingested_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        }],
    ).scalar_one()
    if extraction.timexes:
        session.execute(insert(m.Timex), [_timex_row(document_id, t) for t in extraction.timexes])
    anchors = {(t.start, t.end): t.anchor for t in extraction.timexes}
    result = SaveResult()
    names = _Names(session)
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
        rows = [_source_row(target, document_id, c, anchors.get((c.timex_start, c.timex_end), "absolute"),
                            resolved if c.date is None else None) for c in members]
        session.execute(insert(m.EventSource), _dedupe(rows))
        if resolved is not None:
            _mark_timexes_cross_document(session, document_id, members, resolved)
        refresh_event(session, event_id=target, names=names)
    return result


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


def _dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        k = (r["start"], r["timex_start"])
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _key(c: EventCandidate) -> EventKey:
    return EventKey(c.date, c.type, tuple(c.places), tuple(c.actors), c.title, c.date_value)


_EVENT_KEY_COLS = (m.Event.id, m.Event.date_value, m.Event.precision, m.Event.type, m.Event.title)


def _event_keys(session: Session, rows: Sequence) -> list[EventKey]:
    """EventKeys for event rows (``_EVENT_KEY_COLS``), with actors and places in two queries."""
    ids = [r.id for r in rows]
    actors: dict[int, list[str]] = {i: [] for i in ids}
    places: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for eid, name in session.execute(
            select(m.EventActor.event_id, m.Actor.name).join(m.Actor, m.Actor.id == m.EventActor.actor_id)
            .where(m.EventActor.event_id.in_(ids))
        ):
            actors[eid].append(name)
        for eid, name in session.execute(
            select(m.EventPlace.event_id, m.Place.name).join(m.Place, m.Place.id == m.EventPlace.place_id)
            .where(m.EventPlace.event_id.in_(ids))
        ):
            places[eid].append(name)
    return [
        EventKey(PartialDate.parse(r.date_value) if r.precision else None, r.type, tuple(places[r.id]),
                 tuple(actors[r.id]), r.title, r.date_value, r.id)
        for r in rows
    ]


def _match_stored(session: Session, cand: EventCandidate) -> tuple[int | None, PartialDate | None]:
    """The id of the stored event ``cand`` reports, and the date it gives a year-less ``cand``."""
    key = _key(cand)
    if cand.date is not None:
        start, end = cand.date.interval()
        rows = session.execute(
            select(*_EVENT_KEY_COLS)
            .where(m.Event.date_start <= end, m.Event.date_end >= start)
            .order_by(m.Event.id)
            .limit(500)
        ).all()
        matches = [k for k in _event_keys(session, rows) if same_event(key, k)]
        if not matches:
            return None, None
        best = max(matches, key=lambda k: (k.date_value == cand.date_value,
                                           _PRECISION_RANK[k.date.precision if k.date else None], -(k.id or 0)))
        return best.id, None
    month_day = _month_day(cand.date_value)
    if month_day is None:
        return None, None
    rows = session.execute(select(*_EVENT_KEY_COLS).where(m.Event.month_day == month_day).order_by(m.Event.id)).all()
    keys = _event_keys(session, rows)
    dated = [k for k in keys if k.date is not None and k.date.precision == "day"]
    year = match_year_less(key, dated) if dated else None
    if year is not None:
        full = EventKey(year, key.type, key.places, key.actors, key.title, year.value)
        for k in dated:
            if k.date == year and same_event(full, k):
                return k.id, year
    # the same year-less mention from another document: one undated event
    for k in keys:
        if k.date is None and k.date_value == cand.date_value and k.type == cand.type:
            if not k.places or not cand.places or set(k.places) & set(cand.places):
                return k.id, None
    return None, None


def _month_day(value: str) -> str | None:
    """``MM-DD`` of ``YYYY-MM-DD`` or ``XXXX-MM-DD``."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[5:7].isdigit() and value[8:].isdigit():
        return value[5:]
    return None


def _new_event(session: Session, cand: EventCandidate) -> int:
    """Insert a placeholder row for a new event; ``refresh_event`` fills it from its sources."""
    return session.execute(
        insert(m.Event).returning(m.Event.id),
        [{
            "slug": _unique_slug(session, event_slug(cand.date, cand.title)),
            "title": cand.title[:200], "type": cand.type,
            "date_value": cand.date.value if cand.date else cand.date_value,
            "precision": cand.precision, "confidence": cand.confidence, "status": cand.status,
            "disputed": False, "created_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        }],
    ).scalar_one()


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
    }


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
    pattern = _like_escape(base) + "-%"
    taken = set(
        session.scalars(
            select(m.Event.slug).where(
                or_(m.Event.slug == base, m.Event.slug.like(pattern, escape="\\")),
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


class _Names:
    """Actor and place ids by name, created on first use, for one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[tuple[type, str], int] = {}

    def id(self, model, name: str) -> int:
        key = (model, name)
        if key not in self.ids:
            found = self.session.scalar(select(model.id).where(model.name == name))
            if found is None:
                found = self.session.execute(insert(model).returning(model.id), [{"name": name}]).scalar_one()
            self.ids[key] = found
        return self.ids[key]


_SOURCE_COLS = (m.EventSource.id, m.EventSource.date_value, m.EventSource.precision, m.EventSource.anchor,
                m.EventSource.confidence, m.EventSource.title, m.EventSource.type, m.EventSource.quote,
                m.EventSource.status, m.EventSource.actors, m.EventSource.places)


def refresh_event(session: Session, *, event_id: int, names: _Names | None = None) -> bool:
    """Recompute an event from its sources; delete it when none is left.

    The date is the most precise one a source gives by itself (sources dated
    only through another document do not count); when sources give dates that
    do not contain each other the event is flagged ``disputed``. Returns False
    when the event was deleted.
    """
    names = names or _Names(session)
    sources = session.execute(
        select(*_SOURCE_COLS).where(m.EventSource.event_id == event_id).order_by(m.EventSource.id)
    ).all()
    if not sources:
        _unindex_event(session, event_id)
        session.execute(delete(m.Event).where(m.Event.id == event_id))
        return False
    own = [s for s in sources if s.precision and s.anchor != ANCHOR_CROSS_DOCUMENT]
    if own:
        best = max(own, key=lambda s: (_PRECISION_RANK[s.precision], s.confidence, -s.id))
        date: PartialDate | None = PartialDate.parse(best.date_value)
        dates = list({PartialDate.parse(s.date_value) for s in own})
        disputed = any(not a.compatible(b) for i, a in enumerate(dates) for b in dates[i + 1:])
        value = date.value
    else:
        best = max(sources, key=lambda s: (s.confidence, -s.id))
        date, disputed = None, False
        value = "XXXX" + best.date_value[4:] if best.anchor == ANCHOR_CROSS_DOCUMENT else best.date_value
        # nothing dates them by itself any more: back to year-less
        session.execute(
            update(m.EventSource)
            .where(m.EventSource.event_id == event_id, m.EventSource.anchor == ANCHOR_CROSS_DOCUMENT)
            .values(date_value="XXXX" + func.substr(m.EventSource.date_value, 5), precision=None,
                    anchor=ANCHOR_UNRESOLVED)
        )
    # the headline most sources agree on, among those at the event's precision
    peers = [s for s in sources if s.precision == (date.precision if date else s.precision)] or list(sources)
    votes = Counter(s.title for s in peers)
    best = max(peers, key=lambda s: (votes[s.title], s.confidence, -s.id))
    old_value, old_title = session.execute(
        select(m.Event.date_value, m.Event.title).where(m.Event.id == event_id)).one()
    values = {
        "title": best.title, "type": best.type,
        "summary": summarize([best.quote] + [s.quote for s in sorted(sources, key=lambda s: -s.confidence)]),
        "confidence": max(s.confidence for s in sources),
        "status": "occurred" if any(s.status == "occurred" for s in sources) else best.status,
        "disputed": disputed, "date_value": value,
        "precision": date.precision if date else None,
        "date_start": date.interval()[0] if date else None,
        "date_end": date.interval()[1] if date else None,
        "month_day": (value[5:] if date.precision == "day" else None) if date else _month_day(value),
    }
    if value != old_value or best.title != old_title:
        values["slug"] = _unique_slug(session, event_slug(date, best.title), exclude_id=event_id)
    session.execute(update(m.Event).where(m.Event.id == event_id).values(**values))
    actor_ids = sorted({names.id(m.Actor, a) for s in sources for a in _split(s.actors)})
    place_ids = sorted({names.id(m.Place, p) for s in sources for p in _split(s.places)})
    _set_links(session, m.EventActor, "actor_id", event_id, actor_ids)
    _set_links(session, m.EventPlace, "place_id", event_id, place_ids)
    _index_event(session, event_id, title=best.title, summary=best.quote,
                 quotes="\n".join(s.quote for s in sources))
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
    have = set(session.scalars(select(getattr(model, column)).where(model.event_id == event_id)).all())
    want = set(ids)
    if have - want:
        session.execute(delete(model).where(model.event_id == event_id, getattr(model, column).in_(have - want)))
    if want - have:
        session.execute(insert(model), [{"event_id": event_id, column: i} for i in sorted(want - have)])


def resolve_year_less(session: Session) -> int:
    """Date the stored year-less events from matching fully dated events of other
    documents (same month and day, kind of event and place). Returns how many."""
    count = 0
    names = _Names(session)
    undated = session.execute(
        select(*_EVENT_KEY_COLS).where(m.Event.precision.is_(None), m.Event.month_day.is_not(None)).order_by(m.Event.id)
    ).all()
    for key in _event_keys(session, undated):
        month_day = key.date_value[5:]
        rows = session.execute(
            select(*_EVENT_KEY_COLS).where(m.Event.month_day == month_day, m.Event.precision == "day").order_by(m.Event.id)
        ).all()
        if not rows:
            continue
        dated = _event_keys(session, rows)
        year = match_year_less(key, dated)
        if year is None:
            continue
        full = EventKey(year, key.type, key.places, key.actors, key.title, year.value)
        target = next((k for k in dated if k.date == year and same_event(full, k)), None)
        if target is None:
            continue
        for document_id, t_start, t_end in session.execute(
            select(m.EventSource.document_id, m.EventSource.timex_start, m.EventSource.timex_end)
            .where(m.EventSource.event_id == key.id)
        ).all():
            session.execute(
                update(m.Timex)
                .where(m.Timex.document_id == document_id, m.Timex.start == t_start, m.Timex.end == t_end)
                .values(value=year.value, precision="day", anchor=ANCHOR_CROSS_DOCUMENT)
            )
        session.execute(
            update(m.EventSource).where(m.EventSource.event_id == key.id)
            .values(event_id=target.id, date_value=year.value, precision="day", anchor=ANCHOR_CROSS_DOCUMENT)
        )
        refresh_event(session, event_id=key.id, names=names)
        refresh_event(session, event_id=target.id, names=names)
        count += 1
    return count


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
