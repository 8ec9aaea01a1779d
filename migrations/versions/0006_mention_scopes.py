"""What merging reads a mention by: ``event_sources.mention_value``, ``year``
and ``month_day``.

Merging is a function of the set of mentions (``nato_timeline.clusters``): when
a document comes or goes, the mentions of the same year (and type group), or
of the same month-day for a date without a year, are clustered again
(``nato_timeline.recluster``). ``year`` and ``month_day`` find them with an
index; ``mention_value`` keeps the date as the document gave it (a week,
``2023-W13``, is stored at its month or year, and a year-less ``XXXX-01-12``
dated from another document at that date), which the rule compares.

The columns are filled from what is stored: the year and month-day of a date a
source gives by itself, the year-less value of one dated from another
document, and the value of its date expression for a week. Then every scope
is clustered by the rule and the events it does not give are rewritten (their
members depended on the order the documents came in), and the corrections
are applied again. That step runs this version's code, so it runs only when
the tables are as this version knows them (0006 is the last revision to
apply); a database upgraded past it in one go keeps its events as they were
until documents of their scopes come or go.

Revision ID: 0006
Revises: 0005
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # a constant default and nullable columns: plain ALTER TABLEs on SQLite too
    # (no batch copy of ``event_sources``)
    op.add_column("event_sources", sa.Column("mention_value", sa.String(length=50), nullable=False,
                                             server_default=""))
    op.add_column("event_sources", sa.Column("year", sa.Integer(), nullable=True))
    op.add_column("event_sources", sa.Column("month_day", sa.String(length=5), nullable=True))
    op.execute("""
        UPDATE event_sources SET mention_value = CASE
            WHEN anchor = 'cross-document' THEN 'XXXX' || substr(date_value, 5)
            ELSE coalesce((SELECT t.value FROM timexes t
                           WHERE t.document_id = event_sources.document_id AND t.start = event_sources.timex_start
                             AND t."end" = event_sources.timex_end AND t.value LIKE '____-W__%'
                           ORDER BY t.id LIMIT 1), date_value)
            END""")
    op.execute("""
        UPDATE event_sources SET
            year = CASE WHEN precision IS NOT NULL AND anchor <> 'cross-document'
                        THEN CAST(substr(date_value, 1, 4) AS INTEGER) END,
            month_day = CASE
                WHEN precision = 'day' AND anchor <> 'cross-document' THEN substr(date_value, 6, 5)
                WHEN mention_value LIKE 'XXXX-__-__' THEN substr(mention_value, 6, 5)
            END""")
    op.create_index(op.f("ix_event_sources_year"), "event_sources", ["year"])
    op.create_index(op.f("ix_event_sources_month_day"), "event_sources", ["month_day"])
    _recluster()


def _recluster() -> None:
    from nato_timeline.recluster import recluster_stored

    recluster_stored(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_event_sources_month_day"), table_name="event_sources")
    op.drop_index(op.f("ix_event_sources_year"), table_name="event_sources")
    # not batch mode: SQLite drops a column in place since 3.35
    for column in ("month_day", "year", "mention_value"):
        op.execute(f"ALTER TABLE event_sources DROP COLUMN {column}")
