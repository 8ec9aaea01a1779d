"""Repository functions over the tables: the read side.

Every function takes ``session``, a SQLAlchemy ``Connection`` (what the read
commands pass, so they never import the ORM) or an ORM ``Session``, builds its
SQL from the Core tables of :mod:`nato_timeline.tables`, and returns the plain
records of :mod:`nato_timeline.views`, never ORM objects, and never prints. Full-text
search goes through one function per need (:func:`list_events` with
``EventFilter.text``, :func:`search_events`), which choose the SQL for the
database in use: FTS5 on SQLite, a ``tsvector`` with a GIN index on
PostgreSQL (see revision 0002). The user's text is parsed by
:mod:`nato_timeline.textquery` and never reaches the database as syntax.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, column, false, func, literal_column, or_, select, table, text, true
from typing import TYPE_CHECKING, Union

from . import textquery
from .errors import DatabaseError
from .tables import actors, documents, event_actors, event_places, event_sources, events, places, timexes
from .temporal.types import PartialDate
from .views import ActorSummary, EventView, RelatedEvent, SearchHit, SourceSummary, SourceView, TypeSummary

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session as _OrmSession

    Session = Union[Connection, _OrmSession]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``list`` (and ``export``) keep. Options AND together; the names given
    to one option OR together (``types=("meeting", "summit")``)."""

    since: PartialDate | None = None  # events that start on or after the start of this date
    until: PartialDate | None = None  # events that start on or before the end of this date
    actors: tuple[str, ...] = ()  # actor names, any case
    types: tuple[str, ...] = ()  # event types, e.g. "meeting"
    places: tuple[str, ...] = ()  # place names, any case
    sources: tuple[str, ...] = ()  # document names, e.g. "003_08fce08e132a00d2.txt"
    text: str | None = None  # full-text search over titles, summaries and quotes
    min_sources: int | None = None  # at least this many source quotes
    include_undated: bool = False  # also the events whose year is unknown (listed last)
    limit: int | None = None
    include_rejected: bool = False  # also the events a human rejected
    reviewed: bool | None = None  # only reviewed (True) or unreviewed (False) events


# ---------------------------------------------------------------- list


def list_events(session: Session, flt: EventFilter | None = None) -> list[EventView]:
    """Events in chronological order that pass ``flt``; undated ones last, on request."""
    flt = flt or EventFilter()
    conds = _conditions(session, flt)
    if conds is None:
        return []
    cols = _event_columns()
    dated = select(*cols).where(events.c.date_start.is_not(None), *conds)
    if flt.since is not None:
        dated = dated.where(events.c.date_start >= flt.since.interval()[0])
    if flt.until is not None:
        dated = dated.where(events.c.date_start <= flt.until.interval()[1])
    dated = dated.order_by(events.c.date_start, events.c.id)
    if flt.limit is not None:
        dated = dated.limit(flt.limit)
    rows = list(session.execute(dated).all())
    if flt.include_undated and (flt.limit is None or len(rows) < flt.limit):
        undated = (select(*cols).where(events.c.date_start.is_(None), *conds)
                   .order_by(events.c.date_value, events.c.id))
        if flt.limit is not None:
            undated = undated.limit(flt.limit - len(rows))
        rows.extend(session.execute(undated).all())
    return _views(session, rows)


def unknown_names(session: Session, flt: EventFilter) -> list[tuple[str, str]]:
    """``(kind, name)`` for each actor, place, type or document in ``flt`` that
    the database does not know, so the command can say why nothing matched."""
    out: list[tuple[str, str]] = []
    if flt.actors:
        stored = list(session.scalars(select(actors.c.name)))
        out += [("actor", n) for n in flt.actors if not _actor_matches(n, stored)]
    if flt.places:
        known = {n.casefold() for n in session.scalars(select(places.c.name))}
        out += [("place", n) for n in flt.places if n.casefold() not in known]
    if flt.types:
        known_types = set(session.scalars(select(events.c.type).distinct()))
        out += [("type", t) for t in flt.types if _known_type(t, known_types) is None]
    if flt.sources:
        known_docs = set(session.scalars(select(documents.c.name).where(documents.c.name.in_(flt.sources))))
        out += [("document", d) for d in flt.sources if d not in known_docs]
    return out


def _conditions(session: Session, flt: EventFilter) -> list | None:
    """WHERE clauses on ``events`` for every option but the dates; None when one
    option names nothing stored, so nothing can match."""
    conds: list = []
    if not flt.include_rejected:
        conds.append(events.c.rejected == false())
    if flt.reviewed is not None:
        conds.append(events.c.reviewed == (true() if flt.reviewed else false()))
    for model, link, key, names in ((actors, event_actors, "actor_id", flt.actors),
                                    (places, event_places, "place_id", flt.places)):
        if not names:
            continue
        ids = _actor_ids(session, names) if model is actors else _ids_by_name(session, model, names)
        if not ids:
            return None
        conds.append(events.c.id.in_(select(link.c.event_id).where(link.c[key].in_(ids))))
    if flt.types:
        known_types = set(session.scalars(select(events.c.type).distinct()))
        conds.append(events.c.type.in_(sorted({_known_type(t, known_types) or t.lower() for t in flt.types})))
    if flt.sources:
        conds.append(events.c.id.in_(
            select(event_sources.c.event_id)
            .join(documents, documents.c.id == event_sources.c.document_id)
            .where(documents.c.name.in_(sorted(set(flt.sources))))
        ))
    if flt.min_sources is not None and flt.min_sources > 1:
        # the stored count (revision 0003); the condition of the partial index
        # ix_events_multi_source (``models.MULTI_SOURCE``), with its constant
        # written out rather than bound, lets the database walk that index in
        # date order
        conds += [events.c.n_sources > literal_column("1"), events.c.n_sources >= flt.min_sources]
    if flt.text is not None:
        conds.append(events.c.id.in_(_matching_ids(session, textquery.parse(flt.text))))
    return conds


def _known_type(name: str, known: set[str]) -> str | None:
    """The stored event type ``name`` means: in any case, and singular or plural
    ("Summits" is summit; "talks" is a type of its own)."""
    t = name.strip().lower()
    for form in (t, t[:-3] + "y" if t.endswith("ies") else None, t[:-2] if t.endswith("es") else None,
                 t[:-1] if t.endswith("s") else None):
        if form and form in known:
            return form
    return None


def _person(stored: str) -> str:
    """A stored actor name without the role kept with it: "Jens Stoltenberg, NATO
    Secretary General" → "Jens Stoltenberg"."""
    return stored.split(", ", 1)[0]


def _actor_forms(name: str) -> set[str]:
    """What ``name`` may mean, case-folded: itself, and the canonical actor of
    each alias it is ("the Alliance" → NATO, "Putin" → Vladimir Putin)."""
    from .lexicon import get_lexicon

    forms = {name.strip().casefold()}
    whole = [mention for mention in get_lexicon().find_actors(name.strip())
             if mention.start == 0 and mention.end == len(name.strip())]
    forms.update(mention.canonical.casefold() for mention in whole)
    return forms


def _actor_matches(name: str, stored: Sequence[str]) -> list[str]:
    """The stored actor names ``name`` finds: the same name in any case, the same
    person whatever role is stored with them, or the actor an alias names."""
    forms = _actor_forms(name)
    return [s for s in stored if s.casefold() in forms or _person(s).casefold() in forms]


def _actor_ids(session: Session, names: Sequence[str]) -> list[int]:
    rows = session.execute(select(actors.c.id, actors.c.name)).all()
    stored = [r.name for r in rows]
    found = {s for n in names for s in _actor_matches(n, stored)}
    return [r.id for r in rows if r.name in found]


def suggest_names(session: Session, kind: str, name: str, n: int = 3) -> list[str]:
    """Stored names close to ``name`` (kind ``actor``, ``place`` or ``type``), for a "did you mean"."""
    model = {"actor": actors.c.name, "place": places.c.name, "type": events.c.type}.get(kind)
    if model is None:
        return []
    stored = sorted(set(session.scalars(select(model).distinct())))
    by_key = {}
    for s in stored:
        by_key.setdefault(s.casefold(), s)
        if kind == "actor":
            by_key.setdefault(_person(s).casefold(), s)
    close = difflib.get_close_matches(name.strip().casefold(), list(by_key), n=n, cutoff=0.6)
    return list(dict.fromkeys(by_key[c] for c in close))


def _ids_by_name(session: Session, model, names: Sequence[str]) -> list[int]:
    """Ids of the rows whose name is one of ``names``, compared case-insensitively
    (in Python, so "É" and "é" compare alike on every database; these tables are small)."""
    wanted = {n.casefold() for n in names}
    return [i for i, name in session.execute(select(model.c.id, model.c.name)) if name.casefold() in wanted]


# ---------------------------------------------------------------- full-text search

_FTS = table("event_search", column("rowid"), column("title"), column("summary"), column("quotes"))
_TSV = table("event_search", column("event_id"), column("title"), column("quotes"), column("document"))
#: Weights of title, summary and quotes in SQLite's bm25 (PostgreSQL: setweight A, B, C).
_BM25 = "bm25(event_search, 10.0, 2.0, 1.0)"
#: Private-use characters that mark matches in a snippet; parsed into offsets.
_MARK_ON, _MARK_OFF = "\ue000", "\ue001"
SNIPPET_TOKENS = 24


def _dialect(session: Session) -> str:
    # a Connection has its dialect; a Session, its bind's
    name = (session.dialect if hasattr(session, "dialect") else session.get_bind().dialect).name
    if name not in ("sqlite", "postgresql"):
        raise DatabaseError(f"full-text search needs SQLite or PostgreSQL; this database is {name}")
    return name


def _matching_ids(session: Session, node: textquery.Node):
    """A SELECT of the ids of the events whose title, summary or quotes match ``node``."""
    if _dialect(session) == "sqlite":
        return select(_FTS.c.rowid).where(text("event_search MATCH :fts_query").bindparams(
            fts_query=textquery.to_fts5(node)))
    tsquery, params = textquery.to_postgres(node)
    return select(_TSV.c.event_id).where(text(f"document @@ {tsquery}").bindparams(**params))


def search_events(session: Session, query: str, limit: int | None = 20, *,
                  include_rejected: bool = False) -> list[SearchHit]:
    """Events matching ``query`` (see :mod:`~nato_timeline.textquery`), best first,
    each with a snippet and the offsets of the matches in it. Ties go to the earlier
    event. Events a human rejected are left out unless ``include_rejected``."""
    hidden = "" if include_rejected else "AND NOT e.rejected "
    node = textquery.parse(query)
    if _dialect(session) == "sqlite":
        sql = (
            f"SELECT event_search.rowid AS id, -{_BM25} AS rank, "
            f"snippet(event_search, -1, :on, :off, '…', {SNIPPET_TOKENS}) AS snippet "
            "FROM event_search JOIN events e ON e.id = event_search.rowid "
            f"WHERE event_search MATCH :q {hidden}"
            f"ORDER BY {_BM25}, e.date_start IS NULL, e.date_start, e.id"
        )
        params = {"q": textquery.to_fts5(node), "on": _MARK_ON, "off": _MARK_OFF}
    else:
        tsquery, tsparams = textquery.to_postgres(node)
        sql = (
            "SELECT s.event_id AS id, ts_rank_cd(s.document, q.q) AS rank, "
            "ts_headline('english', s.title || E'\\n' || s.quotes, q.q, :opts) AS snippet "
            "FROM event_search s JOIN events e ON e.id = s.event_id, "
            f"(SELECT {tsquery} AS q) q "
            f"WHERE s.document @@ q.q {hidden}"
            "ORDER BY rank DESC, e.date_start IS NULL, e.date_start, e.id"
        )
        params = {**tsparams,
                  "opts": f"StartSel={_MARK_ON}, StopSel={_MARK_OFF}, MaxFragments=2, "
                          f"MaxWords={SNIPPET_TOKENS}, MinWords=8, FragmentDelimiter=\" … \""}
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    found = session.execute(text(sql), params).all()
    rows = session.execute(select(*_event_columns()).where(events.c.id.in_([r.id for r in found]))).all()
    views = {v.id: v for v in _views(session, rows)}
    hits = []
    for r in found:
        snippet, marks = parse_snippet(r.snippet or "")
        hits.append(SearchHit(views[r.id], float(r.rank), snippet, marks))
    return hits


def parse_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet without its match markers, and the ``(start, end)`` of each match."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos, start = 0, None
    for ch in marked:
        if ch == _MARK_ON:
            start = pos
        elif ch == _MARK_OFF:
            if start is not None and pos > start:
                marks.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), tuple(marks)


# ---------------------------------------------------------------- sources and actors


def list_sources(session: Session) -> list[SourceSummary]:
    """Every stored document with its publication date, how it was known, and
    how many temporal expressions, events and quotes came from it."""
    d = documents.c
    n_timexes = select(func.count()).select_from(timexes).where(timexes.c.document_id == d.id).scalar_subquery()
    n_events = (select(func.count(event_sources.c.event_id.distinct()))
                .where(event_sources.c.document_id == d.id).scalar_subquery())
    n_quotes = select(func.count()).select_from(event_sources).where(event_sources.c.document_id == d.id).scalar_subquery()
    rows = session.execute(
        select(d.name, d.title, d.published, d.published_from, d.url, d.publisher,
               n_timexes.label("n_timexes"), n_events.label("n_events"), n_quotes.label("n_quotes"))
        .order_by(d.name, d.id)
    ).all()
    return [SourceSummary(r.name, r.title, r.published, r.published_from, r.n_timexes, r.n_events,
                          r.n_quotes, r.url, r.publisher) for r in rows]


def list_types(session: Session) -> list[TypeSummary]:
    """The event types with how many events each has (rejected ones not counted), most first."""
    rows = session.execute(select(events.c.type, func.count()).where(events.c.rejected == false())
                           .group_by(events.c.type)).all()
    return [TypeSummary(t, n) for t, n in sorted(rows, key=lambda r: (-r[1], r[0]))]


def list_actors(session: Session) -> list[ActorSummary]:
    """Actors that take part in at least one event, most events first, with the
    dates of their first and last dated events at those events' own precision."""
    counts = session.execute(
        select(actors.c.name, actors.c.kind, func.count().label("n"))
        .join(event_actors, event_actors.c.actor_id == actors.c.id)
        .group_by(actors.c.id, actors.c.name, actors.c.kind)
    ).all()
    order = (events.c.date_start, events.c.id)
    ranked = (
        select(event_actors.c.actor_id, events.c.date_value,
               func.row_number().over(partition_by=event_actors.c.actor_id, order_by=order).label("first"),
               func.row_number().over(partition_by=event_actors.c.actor_id,
                                      order_by=tuple(c.desc() for c in order)).label("last"))
        .join(events, events.c.id == event_actors.c.event_id)
        .where(events.c.date_start.is_not(None))
        .subquery()
    )
    ends: dict[str, dict[str, str]] = {}
    for name, value, first in session.execute(
        select(actors.c.name, ranked.c.date_value, ranked.c.first == 1)
        .join(ranked, ranked.c.actor_id == actors.c.id)
        .where(or_(ranked.c.first == 1, ranked.c.last == 1))
    ):
        ends.setdefault(name, {})["first" if first else "last"] = value
        if first and "last" not in ends[name]:
            ends[name].setdefault("last", value)
    out = [ActorSummary(r.name, r.kind, r.n, ends.get(r.name, {}).get("first"), ends.get(r.name, {}).get("last"))
           for r in counts]
    return sorted(out, key=lambda a: (-a.events, a.name.casefold()))


# ---------------------------------------------------------------- related events

#: Events this close count as near in time whatever their actors; sharing an
#: actor, events up to a year apart are considered.
NEAR_DAYS = 31
SHARED_ACTOR_DAYS = 365
_CANDIDATES = 500


def related_events(session: Session, event_id: int, n: int = 5) -> list[RelatedEvent]:
    """Events related to ``event_id``: sharing actors with it, or close to it in
    time. Score: one point per shared actor plus up to one for nearness
    (``1 / (1 + days / NEAR_DAYS)``); best first, ties to the nearer, then earlier."""
    row = session.execute(select(events.c.date_start, events.c.date_end).where(events.c.id == event_id)).one_or_none()
    if row is None or n <= 0:
        return []
    start, end = row
    actor_ids = list(session.scalars(select(event_actors.c.actor_id).where(event_actors.c.event_id == event_id)))
    shared: dict[int, int] = {}
    if actor_ids:
        q = (select(event_actors.c.event_id, func.count().label("k"))
             .join(events, events.c.id == event_actors.c.event_id)
             .where(event_actors.c.actor_id.in_(actor_ids), event_actors.c.event_id != event_id))
        if start is not None:
            q = q.where(events.c.date_start >= start - dt.timedelta(days=SHARED_ACTOR_DAYS),
                        events.c.date_start <= end + dt.timedelta(days=SHARED_ACTOR_DAYS))
        q = q.group_by(event_actors.c.event_id).order_by(func.count().desc(), event_actors.c.event_id).limit(_CANDIDATES)
        shared = {eid: k for eid, k in session.execute(q)}
    near: set[int] = set()
    if start is not None:
        near = set(session.scalars(
            select(events.c.id).where(events.c.id != event_id,
                                     events.c.date_start >= start - dt.timedelta(days=NEAR_DAYS),
                                     events.c.date_start <= end + dt.timedelta(days=NEAR_DAYS))
            .order_by(events.c.date_start, events.c.id).limit(_CANDIDATES)
        ))
    ids = sorted(set(shared) | near)
    if not ids:
        return []
    spans = {i: (s, e) for i, s, e in session.execute(
        select(events.c.id, events.c.date_start, events.c.date_end).where(events.c.id.in_(ids)))}
    scored = []
    for i in ids:
        s, e = spans[i]
        gap = None if start is None or s is None else max(0, (s - end).days, (start - e).days)
        score = shared.get(i, 0) + (1 / (1 + gap / NEAR_DAYS) if gap is not None else 0.0)
        scored.append((score, gap, s, i))
    scored.sort(key=lambda t: (-t[0], t[1] if t[1] is not None else 10**9, t[2] or dt.date.max, t[3]))
    top = scored[:n]
    rows = session.execute(select(*_event_columns()).where(events.c.id.in_([t[3] for t in top]),
                                                           events.c.rejected == false())).all()
    views = {v.id: v for v in _views(session, rows)}
    top = [t for t in top if t[3] in views]
    mine = set(session.scalars(
        select(actors.c.name).join(event_actors, event_actors.c.actor_id == actors.c.id)
        .where(event_actors.c.event_id == event_id)))
    return [RelatedEvent(views[i], tuple(a for a in views[i].actors if a in mine), gap, round(score, 4))
            for score, gap, _, i in top]


# ---------------------------------------------------------------- one event


def _event_columns():
    e = events.c
    return (e.id, e.slug, e.date_value, e.precision, e.date_start, e.date_end, e.title, e.type,
            e.status, e.confidence, e.disputed, e.summary, e.reviewed, e.rejected, e.rejected_reason, e.corrected)


def _views(session: Session, rows: Sequence) -> list[EventView]:
    ids = [r.id for r in rows]
    sources: dict[int, list[SourceView]] = {i: [] for i in ids}
    actor_names: dict[int, list[str]] = {i: [] for i in ids}
    place_names: dict[int, list[str]] = {i: [] for i in ids}
    s = event_sources.c
    for chunk in _chunks(ids, 500):
        q = (
            select(s.event_id, s.quote, s.start, s.end, s.timex_start, s.timex_end, s.date_value, s.precision,
                   s.anchor, documents.c.name, documents.c.title, documents.c.published, documents.c.url,
                   documents.c.publisher)
            .join(documents, documents.c.id == s.document_id)
            .where(s.event_id.in_(chunk))
            .order_by(s.event_id, documents.c.name, s.start)
        )
        for r in session.execute(q):
            sources[r.event_id].append(
                SourceView(r.name, r.quote, r.start, r.end, r.timex_start, r.timex_end,
                           r.date_value, r.precision, r.anchor, r.title, r.published, r.url, r.publisher)
            )
        for eid, name in session.execute(
            select(event_actors.c.event_id, actors.c.name).join(actors, actors.c.id == event_actors.c.actor_id)
            .where(event_actors.c.event_id.in_(chunk)).order_by(actors.c.name)
        ):
            actor_names[eid].append(name)
        for eid, name in session.execute(
            select(event_places.c.event_id, places.c.name).join(places, places.c.id == event_places.c.place_id)
            .where(event_places.c.event_id.in_(chunk)).order_by(places.c.name)
        ):
            place_names[eid].append(name)
    return [
        EventView(
            id=r.id, slug=r.slug, date=r.date_value, precision=r.precision,
            start=r.date_start.isoformat() if r.date_start else None,
            end=r.date_end.isoformat() if r.date_end else None,
            title=r.title, type=r.type, status=r.status, confidence=r.confidence,
            disputed=bool(r.disputed), summary=r.summary,
            actors=tuple(actor_names[r.id]), places=tuple(place_names[r.id]), sources=tuple(sources[r.id]),
            reviewed=bool(r.reviewed), rejected=bool(r.rejected), rejected_reason=r.rejected_reason,
            corrected=json.loads(r.corrected) if r.corrected else {},
        )
        for r in rows
    ]


def _chunks(items: Sequence[int], size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


#: The most words and characters ``find_events`` takes: each word is a LIKE
#: condition, and SQLite refuses an expression tree over 1,000 deep and a LIKE
#: pattern over 50,000 bytes ("show" says so before asking).
MAX_EVENT_WORDS = 32
MAX_EVENT_CHARS = 500


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_events(session: Session, key: str, *, include_rejected: bool = False) -> list[EventView]:
    """Events named by ``key``: an id, a slug, or words that all occur in the title.
    Events a human rejected are left out unless ``include_rejected``."""
    key = key.strip()
    cols = _event_columns()
    shown = [] if include_rejected else [events.c.rejected == false()]
    if key.isdigit():
        rows = session.execute(select(*cols).where(events.c.id == int(key), *shown)).all()
        if rows:
            return _views(session, rows)
    rows = session.execute(select(*cols).where(events.c.slug == key, *shown)).all()
    if rows:
        return _views(session, rows)
    if _DATE_KEY.fullmatch(key):  # the events on that date, at that precision
        rows = session.execute(select(*cols).where(events.c.date_value == key, *shown)
                               .order_by(events.c.id).limit(50)).all()
        if rows:
            return _views(session, rows)
    words = key.split()
    if not words:
        return []
    conds = [func.lower(events.c.title).like(f"%{_like_escape(w.lower())}%", escape="\\") for w in words]
    rows = session.execute(
        select(*cols).where(and_(*conds), *shown).order_by(events.c.date_start.is_(None), events.c.date_start, events.c.id).limit(50)
    ).all()
    return _views(session, rows)


_DATE_KEY = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def suggest_events(session: Session, key: str, *, n: int = 5) -> list[str]:
    """Slugs close to ``key``, for a "did you mean" line."""
    # word stems, so "crimean annexation" finds "crimea-annexed"
    words = [w.lower()[:5] for w in key.split() if len(w) > 2][:8]
    conds = [func.lower(events.c.slug).like(f"%{_like_escape(w)}%", escape="\\") for w in words]
    q = select(events.c.slug)
    if conds:
        q = q.where(or_(*conds))
    slugs = session.scalars(q.limit(5000)).all()
    close = difflib.get_close_matches(key.lower(), slugs, n=n, cutoff=0.3)
    return close or list(slugs[:n])
