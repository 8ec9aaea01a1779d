"""An analyst's corrections: the log, its anchors, and what a human said of each event.

``corrections`` holds every correction (accept, reject, edit, merge, split,
forget) and every ingest, newest last; ``correction_anchors`` the quoted
sentences each correction names its events by, so it can be applied again
after any re-extraction. Four columns on ``events`` hold what applying them
gives: ``reviewed``, ``rejected`` with ``rejected_reason``, and ``corrected``
(the extracted values a human changed, as JSON).

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("op", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.Column("stale", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_table(
        "correction_anchors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("grp", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=2000), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("timex_at", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"],
                                name=op.f("fk_correction_anchors_correction_id_corrections"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction_anchors")),
    )
    op.create_index(op.f("ix_correction_anchors_correction_id"), "correction_anchors", ["correction_id"])
    op.create_index(op.f("ix_correction_anchors_source_key"), "correction_anchors", ["source_key"])
    # constant defaults: plain ALTER TABLEs on SQLite too (no batch copy of ``events``,
    # whose drop would cascade to every source)
    op.add_column("events", sa.Column("reviewed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("events", sa.Column("rejected", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("events", sa.Column("rejected_reason", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("corrected", sa.Text(), nullable=True))


def downgrade() -> None:
    for name in ("corrected", "rejected_reason", "rejected", "reviewed"):
        # not batch mode, as in 0003: SQLite drops a column in place since 3.35
        op.execute(f"ALTER TABLE events DROP COLUMN {name}")
    op.drop_index(op.f("ix_correction_anchors_source_key"), table_name="correction_anchors")
    op.drop_index(op.f("ix_correction_anchors_correction_id"), table_name="correction_anchors")
    op.drop_table("correction_anchors")
    op.drop_table("corrections")
