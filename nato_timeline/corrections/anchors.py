"""Naming events by their quotes, and finding them again.

An anchor is ``(source_key, quote, start, timex_at)``: the document's source
(what stays the same when a file is re-ingested), the quoted sentence, its
offset in the document, and the offset of the date expression within it. It
finds the source row with the same source and quote whose date expression
stands at the same place in the quote, nearest to the old offset: text added
above the sentence moves it but does not lose it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m


@dataclass(frozen=True, slots=True)
class Anchor:
    source_key: str
    quote: str
    start: int
    timex_at: int = 0
    grp: int = 0


def of_sources(session: Session, source_ids: Iterable[int], grp: int = 0) -> list[Anchor]:
    """The anchors of the source rows ``source_ids``, in their order."""
    ids = list(source_ids)
    rows = {r.id: r for r in session.execute(
        select(m.EventSource.id, m.Document.source_key, m.EventSource.quote, m.EventSource.start,
               m.EventSource.timex_start)
        .join(m.Document, m.Document.id == m.EventSource.document_id)
        .where(m.EventSource.id.in_(ids)))}
    return [Anchor(rows[i].source_key, rows[i].quote, rows[i].start, rows[i].timex_start - rows[i].start, grp)
            for i in ids if i in rows]


def source_ids_of_event(session: Session, event_id: int) -> list[int]:
    """The event's source rows in the order ``show`` numbers them (document name, offset)."""
    return list(session.scalars(
        select(m.EventSource.id).join(m.Document, m.Document.id == m.EventSource.document_id)
        .where(m.EventSource.event_id == event_id)
        .order_by(m.Document.name, m.EventSource.start, m.EventSource.id)))


def of_event(session: Session, event_id: int, grp: int = 0) -> list[Anchor]:
    return of_sources(session, source_ids_of_event(session, event_id), grp)


def find_source(session: Session, anchor: Anchor) -> tuple[int, int] | None:
    """``(source_id, event_id)`` of the row ``anchor`` names now, or None when its quote is gone."""
    rows = session.execute(
        select(m.EventSource.id, m.EventSource.event_id, m.EventSource.start, m.EventSource.timex_start)
        .join(m.Document, m.Document.id == m.EventSource.document_id)
        .where(m.Document.source_key == anchor.source_key, m.EventSource.quote == anchor.quote)
    ).all()
    if not rows:
        return None
    best = min(rows, key=lambda r: (abs(r.timex_start - r.start - anchor.timex_at), abs(r.start - anchor.start),
                                    r.id))
    return best.id, best.event_id


def find_event(session: Session, anchors: Sequence[Anchor]) -> int | None:
    """The event most of ``anchors`` name now (ties: the first anchor's), or None."""
    found = [f[1] for a in anchors if (f := find_source(session, a)) is not None]
    if not found:
        return None
    votes = Counter(found)
    top = max(votes.values())
    return next(e for e in found if votes[e] == top)


def documents_named(anchors: Iterable[Anchor]) -> list[str]:
    """The documents' sources the anchors name, each once, in order."""
    return list(dict.fromkeys(a.source_key for a in anchors))
