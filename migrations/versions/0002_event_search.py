"""Full-text search over events: title, summary and every source quote.

SQLite: an FTS5 table ``event_search(title, summary, quotes)`` whose rowid is
the event id, with the Porter stemmer over unicode61 (diacritics folded). It
keeps its own copy of the text: the quotes live in ``event_sources``, so there
is no single row an external-content table could point at, and a contentless
table could neither give snippets nor delete rows on SQLite before 3.43.

PostgreSQL: a table ``event_search`` with the same three columns and a stored
generated ``tsvector`` (title weighted A, summary B, quotes C) under a GIN index.

Both are kept in sync by the write path, not by triggers: ``store.refresh_event``
is the one place an event is recomputed from its sources (after every insert,
merge or removal of a source) and the one place an event is deleted, so it
rewrites or removes the event's row there, once per event rather than once per
source row. No trigger on ``events`` also means a later batch migration, which
recreates the table on SQLite, cannot silently drop one. On PostgreSQL the
foreign key cascades as well. This revision fills the table from the events
already stored. Other databases get no search table; searching them is refused
with a message.

Revision ID: 0002
Revises: 0001
"""
from typing import Sequence, Union

from alembic import op


revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE event_search USING fts5("
            "title, summary, quotes, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO event_search (rowid, title, summary, quotes) "
            "SELECT e.id, e.title, coalesce(e.summary, ''), "
            "coalesce((SELECT group_concat(q.quote, char(10)) FROM "
            "(SELECT s.quote FROM event_sources s WHERE s.event_id = e.id ORDER BY s.id) q), '') "
            "FROM events e"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TABLE event_search ("
            "event_id integer PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE, "
            "title text NOT NULL, summary text NOT NULL, quotes text NOT NULL, "
            "document tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', title), 'A') || "
            "setweight(to_tsvector('english', summary), 'B') || "
            "setweight(to_tsvector('english', quotes), 'C')) STORED)"
        )
        op.execute("CREATE INDEX ix_event_search_document ON event_search USING gin (document)")
        op.execute(
            "INSERT INTO event_search (event_id, title, summary, quotes) "
            "SELECT e.id, e.title, coalesce(e.summary, ''), "
            "coalesce((SELECT string_agg(s.quote, E'\\n' ORDER BY s.id) FROM event_sources s "
            "WHERE s.event_id = e.id), '') FROM events e"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS event_search")
    elif dialect == "postgresql":
        op.execute("DROP TABLE IF EXISTS event_search")
