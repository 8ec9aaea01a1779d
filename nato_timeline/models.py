"""SQLAlchemy 2.0 typed models. The schema itself is created by the Alembic
revisions in ``migrations/``; these classes describe it to the ORM, and a test
checks that the two agree (``alembic check``). The read side does not import
them: it uses the Core tables of :mod:`nato_timeline.tables`, which repeat these
columns (``tests/test_tables.py`` checks they are the same); a column added here
is added there too."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The condition of the partial index on events with more than one source
#: (revision 0003); ``queries`` adds it to the ``--min-sources`` filter.
MULTI_SOURCE = "n_sources > 1"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Document(Base):
    """One ingested document (a file, or one record of a .jsonl file)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    #: Where it was read from; with the content hash, what makes a re-ingest "changed".
    source_key: Mapped[str] = mapped_column(String(2000), unique=True)
    path: Mapped[str] = mapped_column(String(2000))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    url: Mapped[str | None] = mapped_column(String(2000))
    publisher: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[str | None] = mapped_column(String(10))  # YYYY[-MM[-DD]]
    published_precision: Mapped[str | None] = mapped_column(String(5))
    published_from: Mapped[str] = mapped_column(String(20), default="unknown")
    body: Mapped[str] = mapped_column(Text)
    n_chars: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    timexes: Mapped[list[Timex]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    sources: Mapped[list[EventSource]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class Timex(Base):
    """A temporal expression found in a document."""

    __tablename__ = "timexes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(50))
    precision: Mapped[str | None] = mapped_column(String(5))  # year/month/day when calendar
    anchor: Mapped[str] = mapped_column(String(20))
    mod: Mapped[str | None] = mapped_column(String(20))
    rule: Mapped[str | None] = mapped_column(String(100))

    document: Mapped[Document] = relationship(back_populates="timexes")


class Event(Base):
    """A real-world event, possibly reported by several documents."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_date_start_id", "date_start", "id"),
        Index("ix_events_date_end", "date_end"),
        # revision 0003 creates this index partial, over ``MULTI_SOURCE`` only,
        # to serve ``list --min-sources N`` in date order (the query repeats the
        # condition). The condition is not given here as ``sqlite_where`` and
        # ``postgresql_where``: naming a dialect's options makes SQLAlchemy import
        # that dialect, PostgreSQL's on every start-up of a read command (tens of
        # milliseconds); ``tests/test_migrations.py`` checks the index is partial.
        Index("ix_events_multi_source", "date_start", "id", "n_sources"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(30), index=True)
    #: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; or a value with X parts when undated.
    date_value: Mapped[str] = mapped_column(String(50))
    precision: Mapped[str | None] = mapped_column(String(5))  # None when undated
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    #: ``MM-DD`` of a day-precision or year-less date, to match year-less mentions.
    month_day: Mapped[str | None] = mapped_column(String(5), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    status: Mapped[str] = mapped_column(String(12), default="occurred")
    #: Sources give dates that do not agree (kept, and shown by ``show``).
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How many rows of ``event_sources`` the event has, kept by the write path
    #: (``store.refresh_event``) for ``list --min-sources``.
    n_sources: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: What a human said of it (revision 0005), set only by applying the
    #: corrections log (``corrections``): accepted, rejected (and why), and the
    #: extracted values of the fields an edit changed, as JSON (``{"title": …}``).
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    rejected: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    corrected: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    sources: Mapped[list[EventSource]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EventSource.id",
    )
    actors: Mapped[list[Actor]] = relationship(secondary="event_actors", order_by="Actor.name")
    places: Mapped[list[Place]] = relationship(secondary="event_places", order_by="Place.name")


class EventSource(Base):
    """One document's report of an event: the quote, where it is, the date it gives."""

    __tablename__ = "event_sources"
    __table_args__ = (UniqueConstraint("event_id", "document_id", "start", "timex_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    timex_start: Mapped[int] = mapped_column(Integer)
    timex_end: Mapped[int] = mapped_column(Integer)
    #: The date this source gives, at its own precision, and how it was anchored.
    date_value: Mapped[str] = mapped_column(String(50))
    precision: Mapped[str | None] = mapped_column(String(5))
    anchor: Mapped[str] = mapped_column(String(20), default="absolute")
    title: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(12), default="occurred")
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    #: Canonical actor and place names this source names, joined by "; ". The
    #: event's actors and places are the union over its sources, recomputed
    #: when a source goes, so nothing outlives the document that said it.
    actors: Mapped[str] = mapped_column(Text, default="")
    places: Mapped[str] = mapped_column(Text, default="")
    #: The date as the document gives it (revision 0006): ``2022-01-12``,
    #: ``2023-W13``, ``XXXX-01-12``, before any date taken from another document.
    mention_value: Mapped[str] = mapped_column(String(50), default="", server_default="")
    #: The scope merging reads it in (revision 0006, see ``recluster``): the year
    #: of a date it gives by itself, and the ``MM-DD`` of a day or year-less date.
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    month_day: Mapped[str | None] = mapped_column(String(5), index=True)

    event: Mapped[Event] = relationship(back_populates="sources")
    document: Mapped[Document] = relationship(back_populates="sources")


class SourceGroup(Base):
    """The sources of one event that say the same (revision 0007): what merging
    compares a new report with, so that its work grows with the different
    reports of a scope, not with their copies (``recluster``). Kept equal to a
    grouping of ``event_sources`` by ``recluster.regroup``."""

    __tablename__ = "source_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    month_day: Mapped[str | None] = mapped_column(String(5), index=True)
    type: Mapped[str] = mapped_column(String(30))
    date_value: Mapped[str] = mapped_column(String(50))
    precision: Mapped[str | None] = mapped_column(String(5))
    anchor: Mapped[str] = mapped_column(String(20))
    mention_value: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    actors: Mapped[str] = mapped_column(Text)
    places: Mapped[str] = mapped_column(Text)
    #: How many sources say it, and the first of them in the canonical order
    #: of mentions (document source, offset, date offset).
    n: Mapped[int] = mapped_column(Integer)
    first_key: Mapped[str] = mapped_column(String(2000))
    first_start: Mapped[int] = mapped_column(Integer)
    first_timex_start: Mapped[int] = mapped_column(Integer)


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str | None] = mapped_column(String(20))


class Place(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class EventActor(Base):
    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventPlace(Base):
    __tablename__ = "event_places"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Correction(Base):
    """One entry of the log (revision 0005): a human's correction, or an ingest.

    Corrections are kept apart from the extracted rows and applied again after
    every write (see :mod:`nato_timeline.corrections`). They name events through
    their ``anchors`` (document and quoted sentence), never by row id, so they
    survive re-extraction. ``undone_at`` is set by ``timeline undo``; ``stale``
    says why a correction no longer applies (a quote gone from its document).
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op: Mapped[str] = mapped_column(String(12))  # accept reject edit merge split forget ingest
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    #: What it did, in words, as ``log`` shows it.
    summary: Mapped[str] = mapped_column(Text, default="")
    #: The operation's values as JSON (an edit's fields; an ingest's counts).
    changes: Mapped[str] = mapped_column(Text, default="{}")
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(200))
    stale: Mapped[str | None] = mapped_column(Text)

    anchors: Mapped[list[CorrectionAnchor]] = relationship(
        back_populates="correction", cascade="all, delete-orphan", passive_deletes=True,
        order_by="CorrectionAnchor.id",
    )


class CorrectionAnchor(Base):
    """A quoted sentence a correction names an event by: the document's source,
    the quote and where it stood. ``grp`` numbers the events a correction names
    (merge: the events merged, 0 the one kept; split: 1 for the sources moved)."""

    __tablename__ = "correction_anchors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    correction_id: Mapped[int] = mapped_column(
        ForeignKey("corrections.id", ondelete="CASCADE"), index=True
    )
    grp: Mapped[int] = mapped_column(Integer, default=0)
    source_key: Mapped[str] = mapped_column(String(2000), index=True)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    #: Where the date expression stood in the quote (a sentence can report two events).
    timex_at: Mapped[int] = mapped_column(Integer, default=0)

    correction: Mapped[Correction] = relationship(back_populates="anchors")
