"""Applying the log to the stored events, after every write.

:func:`reapply` is given the events a write touched (and the documents it
replaced). It gathers every live correction that names one of them, and the
other events those corrections name, until nothing new is found; recomputes
those events from their sources (:func:`nato_timeline.store.refresh_event`),
which undoes whatever was applied before; then applies the corrections in log
order. Applying is idempotent: a merge whose events are already one does
nothing, a split whose sources are already apart does nothing.

Like the store, it takes the caller's session and never commits.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from .. import models as m
from .. import store
from ..temporal.types import PartialDate
from . import APPLIED_OPS
from .anchors import Anchor, documents_named, find_event, find_source

#: What an edit may change, in the order ``show`` lists them.
FIELDS = ("date", "title", "type", "status", "summary", "actors", "places")


def _live():
    return (m.Correction.op.in_(APPLIED_OPS), m.Correction.undone_at.is_(None))


def has_live(session: Session) -> bool:
    return session.execute(select(m.Correction.id).where(*_live()).limit(1)).first() is not None


def events_of_source(session: Session, source_key: str) -> set[int]:
    """The events the document stored from ``source_key`` reports."""
    return set(session.scalars(select(m.EventSource.event_id).distinct()
                               .join(m.Document, m.Document.id == m.EventSource.document_id)
                               .where(m.Document.source_key == source_key)))


def _naming(session: Session, event_ids: set[int], source_keys: set[str]) -> set[int]:
    """Live corrections with an anchor on a source of ``event_ids`` or in ``source_keys``."""
    found: set[int] = set()
    a = m.CorrectionAnchor
    ids = sorted(event_ids)
    for i in range(0, len(ids), 500):
        found.update(session.scalars(
            select(a.correction_id).distinct()
            .join(m.Correction, m.Correction.id == a.correction_id)
            .join(m.Document, m.Document.source_key == a.source_key)
            .join(m.EventSource, (m.EventSource.document_id == m.Document.id) & (m.EventSource.quote == a.quote))
            .where(m.EventSource.event_id.in_(ids[i:i + 500]), *_live())))
    if source_keys:
        found.update(session.scalars(
            select(a.correction_id).distinct().join(m.Correction, m.Correction.id == a.correction_id)
            .where(a.source_key.in_(sorted(source_keys)), *_live())))
    return found


def anchors_of(session: Session, correction_ids: Iterable[int]) -> dict[int, list[Anchor]]:
    out: dict[int, list[Anchor]] = defaultdict(list)
    ids = sorted(correction_ids)
    if ids:
        for r in session.scalars(select(m.CorrectionAnchor).where(m.CorrectionAnchor.correction_id.in_(ids))
                                 .order_by(m.CorrectionAnchor.id)):
            out[r.correction_id].append(Anchor(r.source_key, r.quote, r.start, r.timex_at, r.grp))
    return out


def reapply(session: Session, *, event_ids: Iterable[int] = (), source_keys: Iterable[str] = (),
            force: bool = False) -> list[str]:
    """Apply again every live correction naming ``event_ids`` or the documents
    ``source_keys``; returns a line for each correction that stopped applying.
    With ``force`` the events are recomputed even when no correction is left
    (after the last one is undone)."""
    events, keys = set(event_ids), set(source_keys)
    if not (events or keys) or not (force or has_live(session)):
        return []
    chosen: set[int] = set()
    while True:
        found = _naming(session, events, keys)
        if found <= chosen:
            break
        chosen |= found
        for anchors in anchors_of(session, found).values():
            events.update(e for a in anchors if (f := find_source(session, a)) is not None for e in [f[1]])
    return _apply(session, sorted(chosen), events)


def reapply_all(session: Session) -> list[str]:
    """Apply every live correction again (after writes that move sources between events)."""
    if not has_live(session):
        return []
    ids = list(session.scalars(select(m.Correction.id).where(*_live()).order_by(m.Correction.id)))
    events = {f[1] for anchors in anchors_of(session, ids).values() for a in anchors
              if (f := find_source(session, a)) is not None}
    return _apply(session, ids, events)


def _apply(session: Session, correction_ids: list[int], events: set[int]) -> list[str]:
    names = store._Names(session)
    for event_id in sorted(events):
        if store.refresh_event(session, event_id=event_id, names=names):
            session.execute(update(m.Event).where(m.Event.id == event_id)
                            .values(reviewed=False, rejected=False, rejected_reason=None, corrected=None))
    anchors = anchors_of(session, correction_ids)
    rows = {c.id: c for c in session.execute(
        select(m.Correction.id, m.Correction.op, m.Correction.reason, m.Correction.changes, m.Correction.stale)
        .where(m.Correction.id.in_(correction_ids)))}
    lost = []
    for cid in correction_ids:
        c = rows[cid]
        applied = _APPLY[c.op](session, cid, anchors[cid], c, names)
        stale = None if applied else _stale_reason(anchors[cid])
        if stale != c.stale:
            session.execute(update(m.Correction).where(m.Correction.id == cid).values(stale=stale))
            if stale:
                lost.append(f"correction {cid} ({c.op}) no longer applies: {stale}")
    return lost


def _stale_reason(anchors: list[Anchor]) -> str:
    docs = ", ".join(_short(k) for k in documents_named(anchors))
    return f"its quotes are no longer in {docs}"


def _short(source_key: str) -> str:
    return os.path.basename(source_key) or source_key


def _groups(anchors: list[Anchor]) -> dict[int, list[Anchor]]:
    out: dict[int, list[Anchor]] = defaultdict(list)
    for a in anchors:
        out[a.grp].append(a)
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- one operation each
# Each returns whether the correction applied (False: none of its quotes is found).


def _accept(session, cid, anchors, c, names) -> bool:
    event = find_event(session, anchors)
    if event is not None:
        session.execute(update(m.Event).where(m.Event.id == event)
                        .values(reviewed=True, rejected=False, rejected_reason=None))
    return event is not None


def _reject(session, cid, anchors, c, names) -> bool:
    event = find_event(session, anchors)
    if event is not None:
        session.execute(update(m.Event).where(m.Event.id == event)
                        .values(rejected=True, rejected_reason=c.reason))
    return event is not None


def _edit(session, cid, anchors, c, names) -> bool:
    event = find_event(session, anchors)
    if event is not None:
        edit_event(session, event, json.loads(c.changes or "{}"), names)
    return event is not None


def _merge(session, cid, anchors, c, names) -> bool:
    found = [find_event(session, g) for g in _groups(anchors).values()]
    events = list(dict.fromkeys(e for e in found if e is not None))
    if not events:
        return False
    target = events[0]
    for other in events[1:]:
        move_sources(session, select(m.EventSource.id).where(m.EventSource.event_id == other), target)
        store.refresh_event(session, event_id=other, names=names)
    store.refresh_event(session, event_id=target, names=names)
    date = json.loads(c.changes or "{}").get("date")
    if date:
        edit_event(session, target, {"date": date}, names)
    return True


def _split(session, cid, anchors, c, names) -> bool:
    moved = [f for a in _groups(anchors).get(1, []) if (f := find_source(session, a)) is not None]
    if not moved:
        return False
    ids = sorted({s for s, _ in moved})
    froms = sorted({e for _, e in moved})
    if len(froms) == 1 and set(session.scalars(
            select(m.EventSource.id).where(m.EventSource.event_id == froms[0]))) == set(ids):
        return True  # already apart
    new = new_event(session)
    move_sources(session, ids, new)
    for event_id in [*froms, new]:
        store.refresh_event(session, event_id=event_id, names=names)
    return True


_APPLY = {"accept": _accept, "reject": _reject, "edit": _edit, "merge": _merge, "split": _split}


# ---------------------------------------------------------------- the writes they share


def new_event(session: Session) -> int:
    """An empty event for sources to move into; ``refresh_event`` fills it in (and
    gives it its slug: the title and date it starts with are empty)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    slug = f"new-{now.timestamp():.6f}-{os.getpid()}"
    return session.execute(insert(m.Event).returning(m.Event.id), {
        "slug": slug, "title": "", "type": "other", "date_value": "", "precision": None,
        "confidence": 0.0, "status": "occurred", "disputed": False, "n_sources": 0, "created_at": now,
    }).scalar_one()


def move_sources(session: Session, source_ids, target: int) -> None:
    """Move source rows to event ``target``; a row that repeats one ``target`` has
    (the same document, sentence and date expression) is dropped instead."""
    s = m.EventSource
    ids = list(session.scalars(source_ids)) if not isinstance(source_ids, list) else source_ids
    have = {(r.document_id, r.start, r.timex_start) for r in session.execute(
        select(s.document_id, s.start, s.timex_start).where(s.event_id == target))}
    rows = session.execute(select(s.id, s.document_id, s.start, s.timex_start).where(s.id.in_(ids))).all()
    repeats = [r.id for r in rows if (r.document_id, r.start, r.timex_start) in have]
    if repeats:
        session.execute(delete(s).where(s.id.in_(repeats)))
    keep = [r.id for r in rows if r.id not in set(repeats)]
    if keep:
        session.execute(update(s).where(s.id.in_(keep)).values(event_id=target))


def edit_event(session: Session, event_id: int, changes: dict, names) -> None:
    """Set the fields ``changes`` gives on the event, recording in ``corrected`` the
    value each had before a human changed it."""
    e = m.Event
    row = session.execute(select(e.date_value, e.title, e.type, e.status, e.summary, e.corrected)
                          .where(e.id == event_id)).one()
    current = {"date": row.date_value, "title": row.title, "type": row.type, "status": row.status,
               "summary": row.summary, "actors": _names(session, m.EventActor, m.Actor, "actor_id", event_id),
               "places": _names(session, m.EventPlace, m.Place, "place_id", event_id)}
    corrected = json.loads(row.corrected or "{}")
    values: dict = {}
    for field in FIELDS:
        if field not in changes:
            continue
        corrected.setdefault(field, current[field])
        new = changes[field]
        if field == "date":
            date = PartialDate.parse(new)
            start, end = date.interval()
            values.update(date_value=date.value, precision=date.precision, date_start=start, date_end=end,
                          month_day=date.value[5:] if date.precision == "day" else None, disputed=False)
        elif field in ("actors", "places"):
            model, link, column = (m.Actor, m.EventActor, "actor_id") if field == "actors" else \
                (m.Place, m.EventPlace, "place_id")
            store._set_links(session, link, column, event_id, sorted(set(names.many(model, new))))
        else:
            values[field] = new
    values["corrected"] = json.dumps(corrected, ensure_ascii=False, sort_keys=True)
    session.execute(update(e).where(e.id == event_id).values(**values))
    if "title" in values or "summary" in values:
        quotes = "\n".join(dict.fromkeys(session.scalars(
            select(m.EventSource.quote).where(m.EventSource.event_id == event_id).order_by(m.EventSource.id))))
        store._index_event(session, event_id, title=values.get("title", row.title),
                           summary=values.get("summary", row.summary) or "", quotes=quotes)


def _names(session: Session, link, model, column: str, event_id: int) -> list[str]:
    return list(session.scalars(select(model.name).join(link, getattr(link, column) == model.id)
                                .where(link.event_id == event_id).order_by(model.name)))
