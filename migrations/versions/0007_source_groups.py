"""The sources of each event that say the same, grouped: ``source_groups``.

Merging compares a document's reports with the stored reports of their scope
(``nato_timeline.recluster``). Read row by row, that costs every document the
copies of its days, so a corpus whose documents report the same days costs
more per document the more of them are stored. Clustering depends only on
what each distinct report says and on the first of its copies in the
canonical order (``nato_timeline.clusters``): one row per event and distinct
report, with its number of sources and its first one, is what a document's
reports are compared with.

The rows are filled from the stored sources. Then every scope is clustered
again as in 0006, when the tables are as this version knows them (a database
upgraded from before 0006 in one go skips that step in 0006, whose code now
knows this table).

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "source_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("month_day", sa.String(length=5), nullable=True),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("date_value", sa.String(length=50), nullable=False),
        sa.Column("precision", sa.String(length=5), nullable=True),
        sa.Column("anchor", sa.String(length=20), nullable=False),
        sa.Column("mention_value", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("places", sa.Text(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("first_key", sa.String(length=2000), nullable=False),
        sa.Column("first_start", sa.Integer(), nullable=False),
        sa.Column("first_timex_start", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_source_groups_event_id_events"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_groups")),
    )
    op.create_index(op.f("ix_source_groups_event_id"), "source_groups", ["event_id"])
    op.create_index(op.f("ix_source_groups_year"), "source_groups", ["year"])
    op.create_index(op.f("ix_source_groups_month_day"), "source_groups", ["month_day"])
    from nato_timeline.source_groups import grouping_sql

    op.execute(grouping_sql(op.get_bind().dialect.name))
    _recluster()


def _recluster() -> None:
    from nato_timeline.recluster import recluster_stored

    recluster_stored(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_source_groups_month_day"), table_name="source_groups")
    op.drop_index(op.f("ix_source_groups_year"), table_name="source_groups")
    op.drop_index(op.f("ix_source_groups_event_id"), table_name="source_groups")
    op.drop_table("source_groups")
