"""Read-only SQL over the database, the schema as a contract, and counts.

``run_query`` runs one statement and never writes: on SQLite an authorizer
allows only reading (no INSERT, UPDATE, DELETE, CREATE, ATTACH, VACUUM or
pragma that sets a value) and ``query_only`` is on; on PostgreSQL the
statement runs alone (extended protocol: one statement) in a ``READ ONLY``
transaction that is rolled back. A statement that tries to write is a
:class:`ReadOnly` error, whatever the backend says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from .errors import DatabaseError, UsageError

SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "schema.tsv"

#: What ``timeline db stats`` counts: label → table (a table this database does
#: not have is left out).
STATS = (("documents", "documents"), ("events", "events"), ("sources", "event_sources"),
         ("actors", "actors"), ("places", "places"), ("corrections", "corrections"))

READ_ONLY_MESSAGE = "timeline query is read-only: {}; use SELECT (or WITH ... SELECT)"


class ReadOnly(UsageError):
    """The statement tries to change the database."""


def run_query(engine: Engine, sql: str) -> tuple[list[str], list[tuple]]:
    """The header and rows of one read-only statement."""
    if not sql.strip():
        raise UsageError("SQL is empty: give a statement, e.g. 'SELECT count(*) FROM events'")
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            return _sqlite(raw.driver_connection, sql)
        return _postgresql(raw.driver_connection, sql)
    finally:
        raw.close()


def _sqlite(conn, sql: str):
    import sqlite3

    reading = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}

    def authorize(action, arg1, arg2, _db, _trigger):
        if action in reading or (action == sqlite3.SQLITE_PRAGMA and arg2 is None and arg1 != "query_only"):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    conn.execute("PRAGMA query_only=ON")
    conn.set_authorizer(authorize)
    try:
        cur = conn.execute(sql)
        header = [d[0] for d in cur.description or ()]
        return header, cur.fetchall()
    except sqlite3.ProgrammingError:  # before DatabaseError, its base
        raise UsageError("sql error: give one statement at a time") from None
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "not authorized" in message or "authorization denied" in message or "readonly" in message:
            raise ReadOnly(READ_ONLY_MESSAGE.format("the statement would change the database")) from None
        raise DatabaseError(f"sql error: {message}") from None
    finally:
        conn.set_authorizer(None)
        conn.execute("PRAGMA query_only=OFF")


def _postgresql(conn, sql: str):
    import psycopg

    conn.rollback()
    conn.read_only = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql, prepare=True)  # extended protocol: exactly one statement
            header = [d.name for d in cur.description or ()]
            return header, cur.fetchall() if cur.description else []
    except psycopg.errors.ReadOnlySqlTransaction:
        raise ReadOnly(READ_ONLY_MESSAGE.format("the statement would change the database")) from None
    except psycopg.errors.SyntaxError as exc:
        if "multiple commands" in str(exc):
            raise UsageError("sql error: give one statement at a time") from None
        raise DatabaseError(f"sql error: {_first_line(exc)}") from None
    except psycopg.Error as exc:
        if "multiple commands" in str(exc):
            raise UsageError("sql error: give one statement at a time") from None
        raise DatabaseError(f"sql error: {_first_line(exc)}") from None
    finally:
        conn.rollback()
        conn.read_only = False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ---------------------------------------------------------------- the schema


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]


@lru_cache(maxsize=1)
def meanings() -> dict[tuple[str, str], str]:
    """(table, column) → meaning, from ``data/schema.tsv``; column "" for the table."""
    out = {}
    for line in SCHEMA_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, column, meaning = line.split("\t")
        out[(table, column)] = meaning
    return out


def schema() -> list[Table]:
    """Every table of the schema, its columns and their types and meanings."""
    from .models import Base

    said = meanings()
    tables = []
    for t in Base.metadata.sorted_tables:
        columns = tuple(Column(c.name, str(c.type), said.get((t.name, c.name), "")) for c in t.columns)
        tables.append(Table(t.name, said.get((t.name, ""), ""), columns))
    return tables


def schema_text(tables: list[Table]) -> str:
    lines = []
    for t in tables:
        lines.append(f"{t.name}: {t.meaning}")
        width = max(len(c.name) for c in t.columns)
        twidth = max(len(c.type) for c in t.columns)
        for c in t.columns:
            lines.append(f"  {c.name.ljust(width)}  {c.type.ljust(twidth)}  {c.meaning}".rstrip())
        lines.append("")
    return "\n".join(lines)


def stats(engine: Engine) -> list[tuple[str, int]]:
    """(label, rows) for each table :data:`STATS` names that the database has."""
    from sqlalchemy import text

    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        return [(label, conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for label, table in STATS if table in present]
