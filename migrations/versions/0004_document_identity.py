"""A document's identity is its resolved absolute path: ``documents.source_key``.

Keys used to be the path as it was typed, relative to the folder the command
ran in, so the same file named from two folders was two documents, and two
files named ``doc.txt`` in two folders one. Keys are now absolute, with links
resolved (a ``.jsonl`` line's key adds ``#name:id``; a URL is its own key).
This revision resolves the stored relative keys against the folder the
migration runs in, which is where they were typed in the usual case. A key
that would then equal another document's key is left as it was: neither
document is lost, and the next ingest of that file replaces the one that has
the absolute key. Downgrading makes the keys of files under the folder it runs
in relative to it again, as the earlier program typed them.

Revision ID: 0004
Revises: 0003
"""
import os
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def resolved_key(key: str) -> str:
    """``key`` with its path made absolute and its links resolved; a URL and an
    absolute key are left alone."""
    if "://" in key or os.path.isabs(key):
        return key
    path, record = key, ""
    # a .jsonl line's key is "PATH#NAME:ID" where NAME is PATH's file name
    for i in (i for i, c in enumerate(key) if c == "#"):
        if key[i + 1:].startswith(os.path.basename(key[:i]) + ":"):
            path, record = key[:i], key[i:]
            break
    return os.path.realpath(path) + record


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, source_key, ingested_at FROM documents ORDER BY ingested_at DESC, id DESC")).all()
    taken = {key for _, key, _ in rows}
    update = sa.text("UPDATE documents SET source_key = :key WHERE id = :id")
    for doc_id, key, _ in rows:  # the latest first: it gets the key when two resolve to one
        new = resolved_key(key)
        if new != key and new not in taken:
            conn.execute(update, {"key": new, "id": doc_id})
            taken.add(new)


def downgrade() -> None:
    conn = op.get_bind()
    here = os.path.realpath(os.getcwd())
    rows = conn.execute(sa.text("SELECT id, source_key FROM documents")).all()
    taken = {key for _, key in rows}
    update = sa.text("UPDATE documents SET source_key = :key WHERE id = :id")
    for doc_id, key in rows:
        if "://" in key or not key.startswith(here + os.sep):
            continue
        relative = key[len(here) + 1:]
        if relative not in taken:
            conn.execute(update, {"key": relative, "id": doc_id})
            taken.add(relative)
