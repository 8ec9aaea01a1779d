"""A stored source count per event: ``events.n_sources``.

``list --min-sources N`` used to count each event's rows in ``event_sources``
while it walked the events in date order: one probe per event, and with few
events qualifying it probed all of them (about 2 s on a million events). The
count is now a column, kept exact by the write path (``store.refresh_event``
sets it from the sources it reads anyway, and the path that adds sources
without recomputing the event adds to it), and filled here from the sources
already stored.

The index serves the filter in the list's order: a partial index on
``(date_start, id, n_sources)`` over the events with more than one source.
Events with one source, most of them, are not in it; ``--min-sources N``
(N > 1) walks it in date order and stops at the limit, whatever N, without
reading the table for the count. It needs the query to say
``n_sources > 1`` in so many words, which ``queries`` does.

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The partial index's condition; the same text in ``models.Event``.
MULTI_SOURCE = "n_sources > 1"


def upgrade() -> None:
    # a NOT NULL column with a constant default: a plain ALTER TABLE on SQLite too
    op.add_column("events", sa.Column("n_sources", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE events SET n_sources = "
               "(SELECT count(*) FROM event_sources s WHERE s.event_id = events.id)")
    op.create_index(
        "ix_events_multi_source", "events", ["date_start", "id", "n_sources"],
        sqlite_where=sa.text(MULTI_SOURCE), postgresql_where=sa.text(MULTI_SOURCE),
    )


def downgrade() -> None:
    op.drop_index("ix_events_multi_source", table_name="events")
    # not batch mode: on SQLite it would recreate ``events``, and dropping the old
    # table with foreign keys on deletes every event's sources (ON DELETE
    # CASCADE); SQLite drops a column in place since 3.35
    op.execute("ALTER TABLE events DROP COLUMN n_sources")
