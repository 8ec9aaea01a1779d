"""The tables as SQLAlchemy Core ``Table`` objects, for the read side.

The read commands (``list``, ``show``, ``search``, ``sources``, ``actors``,
``export``) build their SQL from these tables with Core ``select()`` on a plain
connection, so they never import the ORM (``sqlalchemy.orm``, and the mapped
classes of :mod:`nato_timeline.models`), which would cost a quarter of their
start-up. The write side keeps the ORM models.

The columns repeat the models': ``tests/test_tables.py`` checks that every table
and column here is the models' (name, type, length, nullability, primary and
foreign keys) and that nothing is missing, and ``data/schema.tsv`` documents
both. Indexes and constraints are the migrations' business and are not
repeated here.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


def _fk(name: str, target: str, **kw) -> Column:
    return Column(name, Integer, ForeignKey(target, ondelete="CASCADE"), nullable=False, **kw)


documents = Table(
    "documents", metadata,
    _id(),
    Column("name", String(500), nullable=False),
    Column("source_key", String(2000), nullable=False),
    Column("path", String(2000), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("title", String(1000)),
    Column("url", String(2000)),
    Column("publisher", String(500)),
    Column("published", String(10)),
    Column("published_precision", String(5)),
    Column("published_from", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

timexes = Table(
    "timexes", metadata,
    _id(),
    _fk("document_id", "documents.id"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String(500), nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", String(50), nullable=False),
    Column("precision", String(5)),
    Column("anchor", String(20), nullable=False),
    Column("mod", String(20)),
    Column("rule", String(100)),
)

events = Table(
    "events", metadata,
    _id(),
    Column("slug", String(200), nullable=False),
    Column("title", String(200), nullable=False),
    Column("type", String(30), nullable=False),
    Column("date_value", String(50), nullable=False),
    Column("precision", String(5)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("month_day", String(5)),
    Column("summary", Text),
    Column("confidence", Float, nullable=False),
    Column("status", String(12), nullable=False),
    Column("disputed", Boolean, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("reviewed", Boolean, nullable=False),
    Column("rejected", Boolean, nullable=False),
    Column("rejected_reason", Text),
    Column("corrected", Text),
    Column("created_at", DateTime, nullable=False),
)

event_sources = Table(
    "event_sources", metadata,
    _id(),
    _fk("event_id", "events.id"),
    _fk("document_id", "documents.id"),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("timex_start", Integer, nullable=False),
    Column("timex_end", Integer, nullable=False),
    Column("date_value", String(50), nullable=False),
    Column("precision", String(5)),
    Column("anchor", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("type", String(30), nullable=False),
    Column("status", String(12), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("actors", Text, nullable=False),
    Column("places", Text, nullable=False),
    Column("mention_value", String(50), nullable=False, server_default=""),
    Column("year", Integer, index=True),
    Column("month_day", String(5), index=True),
)

source_groups = Table(
    "source_groups", metadata,
    _id(),
    _fk("event_id", "events.id"),
    Column("year", Integer),
    Column("month_day", String(5)),
    Column("type", String(30), nullable=False),
    Column("date_value", String(50), nullable=False),
    Column("precision", String(5)),
    Column("anchor", String(20), nullable=False),
    Column("mention_value", String(50), nullable=False),
    Column("title", String(200), nullable=False),
    Column("actors", Text, nullable=False),
    Column("places", Text, nullable=False),
    Column("n", Integer, nullable=False),
    Column("first_key", String(2000), nullable=False),
    Column("first_start", Integer, nullable=False),
    Column("first_timex_start", Integer, nullable=False),
)

actors = Table(
    "actors", metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("kind", String(20)),
)

places = Table(
    "places", metadata,
    _id(),
    Column("name", String(200), nullable=False),
)

event_actors = Table(
    "event_actors", metadata,
    _fk("event_id", "events.id", primary_key=True),
    _fk("actor_id", "actors.id", primary_key=True),
)

event_places = Table(
    "event_places", metadata,
    _fk("event_id", "events.id", primary_key=True),
    _fk("place_id", "places.id", primary_key=True),
)

corrections = Table(
    "corrections", metadata,
    _id(),
    Column("op", String(12), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("by", String(200), nullable=False),
    Column("reason", Text),
    Column("summary", Text, nullable=False),
    Column("changes", Text, nullable=False),
    Column("undone_at", DateTime),
    Column("undone_by", String(200)),
    Column("stale", Text),
)

correction_anchors = Table(
    "correction_anchors", metadata,
    _id(),
    _fk("correction_id", "corrections.id"),
    Column("grp", Integer, nullable=False),
    Column("source_key", String(2000), nullable=False),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("timex_at", Integer, nullable=False),
)
