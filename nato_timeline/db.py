"""Engines, sessions and migrations.

Every command that opens a database calls :func:`open_database`, which brings it
to the current Alembic revision (or refuses one written by a newer version);
with ``migrate=False`` (``--no-migrate``) it refuses an out-of-date database
instead. Alembic itself is imported only when the database is not already at
head, so read commands on an up-to-date database start fast.

SQLite and PostgreSQL are supported. ``postgresql://`` URLs use the psycopg 3
driver (the ``postgres`` extra). Writers are serialised per database so that two
``timeline ingest`` processes never create the same document or event twice:
a write transaction (:func:`session_factory` with ``write=True``) starts with
``BEGIN IMMEDIATE`` on SQLite and takes a transaction-level advisory lock on
PostgreSQL; migrations run under the same lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from . import settings
from .errors import DatabaseError, NewerDatabase, OutdatedDatabase, UsageError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker

#: The newest revision in ``migrations/versions``. A test asserts it equals the
#: script directory's head, so a new revision cannot be forgotten here.
SCHEMA_HEAD = "0007"

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Seconds to wait for a PostgreSQL server before giving up with a message.
PG_CONNECT_TIMEOUT_S = 10

#: Execution option that marks a connection as a writer (see :func:`session_factory`).
WRITE_OPTION = "timeline_write"
#: Key of the PostgreSQL advisory lock that serialises writers ("nato-tl");
#: advisory locks are scoped to one database, so other databases are not blocked.
PG_WRITE_LOCK = 0x6E61746F2D746C

POSTGRES_DRIVER_HINT = "install it with: pip install 'nato-timeline[postgres]'"


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    if _ours_or_empty(cur):  # another program's file is refused later: it must stay byte for byte
        try:
            cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        except Exception:  # a read-only file keeps its journal mode; reading still works
            pass
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a commit survives a crash of the program
    cur.close()
    # the driver's own transaction handling would BEGIN only before the first
    # write, too late to take the write lock first; _on_begin emits BEGIN instead
    dbapi_connection.isolation_level = None


def _ours_or_empty(cur) -> bool:
    """Whether the SQLite file holds no table or a nato-timeline schema (an
    ``alembic_version`` table): only then may a pragma change the file. Reading
    the schema changes nothing; a file that is not a database says so later."""
    try:
        names = {row[0] for row in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except Exception:
        return False
    return not names or "alembic_version" in names


def _on_begin(conn) -> None:
    """Start every transaction; a writer's takes the database's write lock first."""
    writer = conn.get_execution_options().get(WRITE_OPTION, False)
    backend = conn.dialect.name
    if backend == "sqlite":
        # IMMEDIATE takes the write lock now (waiting up to the busy timeout), so
        # what the transaction reads is not overtaken by another writer
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")
    elif backend == "postgresql" and writer:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean PostgreSQL through psycopg 3."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, foreign keys on, WAL and a busy timeout;
    ``postgresql://`` is mapped to the psycopg 3 driver."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UsageError(f"not a database URL or path: {url}") from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    is_pg = parsed.get_backend_name() == "postgresql"
    # a "file:" URI (sqlite:///file:x.db?mode=ro&uri=true) is left to SQLite
    if is_sqlite and parsed.database and parsed.database != ":memory:" and not parsed.query.get("uri"):
        folder = Path(parsed.database).parent
        if not folder.exists():
            if Path(parsed.database) == settings.default_db_path():
                folder.mkdir(parents=True, exist_ok=True)
            else:
                raise UsageError(f"cannot create database {parsed.database}: folder {folder} does not exist")
    if is_sqlite and parsed.database and parsed.database != ":memory:" and not parsed.query.get("uri"):
        read_only = _read_only_url(parsed.database)
        if read_only is not None:
            parsed = make_url(read_only)
    kwargs = {}
    if is_pg and "connect_timeout" not in parsed.query:
        kwargs["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, future=True, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        if is_pg and parsed.get_driver_name() == "psycopg":
            raise DatabaseError(f"PostgreSQL needs the psycopg driver, which is not installed; {POSTGRES_DRIVER_HINT}") from exc
        raise UsageError(f"no database driver for {parsed.drivername!r}: {_first_line(exc)}") from exc
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _read_only_url(path: str) -> str | None:
    """A read-only URL for a SQLite file this process cannot write, or None.
    Opened normally, SQLite would create its ``-wal`` and ``-shm`` files with
    the file's read-only mode and leave them, and every later writer would be
    refused until they were removed by hand. Read-only, it creates nothing;
    with no ``-wal`` beside the file (nobody is writing it) it is opened as
    immutable, which needs no ``-shm`` either."""
    try:
        with open(path, "r+b"):
            return None
    except FileNotFoundError:
        return None
    except OSError:
        pass
    from urllib.parse import quote

    immutable = "" if os.path.exists(path + "-wal") else "&immutable=1"
    return f"sqlite:///file:{quote(os.path.abspath(path))}?mode=ro{immutable}&uri=true"


def alembic_config(connection=None) -> Config:
    import sys

    from alembic.config import Config

    # Config's default stdout is bound when alembic is first imported; pass the current one
    cfg = Config(stdout=sys.stdout)
    cfg.set_main_option("script_location", str(settings.migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None for a database without one."""
    with engine.connect() as conn:
        # one query when the table is there, as it is on every database at head;
        # only when it fails is the schema inspected, to tell "no table" from an error
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError:
            conn.rollback()  # PostgreSQL refuses every statement of a failed transaction
            if inspect(conn).has_table("alembic_version"):
                raise
            return None
    return rows[0] if len(rows) == 1 else ",".join(sorted(rows)) or None


def describe(engine: Engine) -> str:
    """The database for messages: a SQLite file's path, or the URL without its password."""
    url = engine.url
    return url.database if url.get_backend_name() == "sqlite" and url.database else url.render_as_string(hide_password=True)


#: ``SchemaState.status`` values
HEAD, BEHIND, NEWER, FOREIGN = "head", "behind", "newer", "foreign"


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Where a database stands against this program's migrations."""

    revision: str | None  # None: no schema at all (an empty database)
    status: str  # HEAD, BEHIND (older or empty: `timeline db upgrade`), NEWER, FOREIGN
    foreign_tables: tuple[str, ...] = ()


def schema_state(engine: Engine) -> SchemaState:
    """The database's revision and whether it is at head, behind, newer or not ours."""
    rev = current_revision(engine)
    if rev == SCHEMA_HEAD:
        return SchemaState(rev, HEAD)
    if rev is None:
        with engine.connect() as conn:
            tables = tuple(sorted(set(inspect(conn).get_table_names()) - {"alembic_version"}))
        return SchemaState(None, FOREIGN, tables) if tables else SchemaState(None, BEHIND)
    from alembic.script import ScriptDirectory

    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if any(part not in known for part in rev.split(",")):
        return SchemaState(rev, NEWER)
    return SchemaState(rev, BEHIND)


def _refuse(engine: Engine, state: SchemaState) -> None:
    if state.status == NEWER:
        raise NewerDatabase(
            f"{describe(engine)} was written by a newer version of nato-timeline "
            f"(schema revision {state.revision}); upgrade the program to use it"
        )
    if state.status == FOREIGN:
        raise DatabaseError(
            f"{describe(engine)} holds tables that are not a nato-timeline database "
            f"({', '.join(state.foreign_tables[:3])}...); choose another database with --db"
        )


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest revision; refuse one that is newer than
    this program or not a nato-timeline database. Returns (from, to) revisions.

    Runs under the write lock, so two processes opening a new database at once
    migrate it once.
    """
    state = schema_state(engine)
    if state.status == HEAD:
        return state.revision, SCHEMA_HEAD
    _refuse(engine, state)
    from alembic import command

    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        # another process may have migrated it while this one waited for the lock
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            if inspect(conn).has_table("alembic_version") else None
        if rev != SCHEMA_HEAD:
            cfg = alembic_config(conn)
            command.upgrade(cfg, "head")
    return state.revision, SCHEMA_HEAD


def require_head(engine: Engine) -> None:
    """Refuse a database that is not at this program's revision, changing nothing."""
    state = schema_state(engine)
    _refuse(engine, state)
    if state.status == BEHIND:
        at = f"at schema revision {state.revision}" if state.revision else "empty (no schema)"
        raise OutdatedDatabase(
            f"{describe(engine)} is {at} and this program needs {SCHEMA_HEAD}; "
            f"run `timeline db upgrade` (not done automatically under --no-migrate)"
        )


def connect(url_option: str | None = None, *, must_exist: bool = False) -> Engine:
    """An engine for the database chosen by ``--db``/``TIMELINE_DB``, without
    migrating it. With ``must_exist``, a SQLite file that is not there is an
    error rather than created."""
    url = settings.db_url(url_option)
    if must_exist:
        try:
            parsed = make_url(normalise_url(url))
        except ArgumentError:
            parsed = None  # make_engine says what is wrong with it
        path = parsed.database if parsed is not None and parsed.get_backend_name() == "sqlite" else None
        if path and path != ":memory:" and not Path(path).exists():
            raise OutdatedDatabase(f"no database at {path}; create it with `timeline db upgrade`")
    return make_engine(url)


def open_database(url_option: str | None = None, *, migrate: bool = True) -> Engine:
    """Open (creating if needed) and migrate the database chosen by ``--db``/``TIMELINE_DB``.

    With ``migrate=False`` a database that is not at head is refused
    (:class:`OutdatedDatabase`) and a missing SQLite file is not created.
    """
    engine = connect(url_option, must_exist=not migrate)
    try:
        with guard(engine):
            try:
                if migrate:
                    upgrade(engine)
                else:
                    require_head(engine)
            except SQLAlchemyError as exc:
                fallback = _read_only_fallback(engine, exc)
                if fallback is None:
                    raise
                engine.dispose()
                return fallback
    except BaseException:
        engine.dispose()
        raise
    return engine


@contextmanager
def guard(engine: Engine) -> Iterator[None]:
    """Turn a driver error while opening ``engine`` into one line naming the database."""
    try:
        yield
    except SQLAlchemyError as exc:  # DBAPIError too: "file is not a database", permissions, no server
        raise DatabaseError(f"cannot open database {describe(engine)}: {_first_line(exc)}") from exc


def _read_only_fallback(engine: Engine, exc: SQLAlchemyError) -> Engine | None:
    """A WAL database in a folder that cannot be written, with no write-ahead log
    beside it, cannot be opened normally: SQLite must create the log's index
    there. Nobody can be writing such a file, so it is opened immutable and
    read-only; reading works, and every write says the database is read-only.
    None when that does not apply or the file is not at this program's revision."""
    url = engine.url
    path = url.database
    if url.get_backend_name() != "sqlite" or not path or url.query.get("uri") or path == ":memory:":
        return None
    if "readonly" not in _first_line(exc) or not Path(path).is_file() or Path(path + "-wal").exists():
        return None
    from urllib.parse import quote

    fallback = make_engine(f"sqlite:///file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1&uri=true")
    try:
        if schema_state(fallback).status == HEAD:
            return fallback
    except SQLAlchemyError:
        pass
    fallback.dispose()
    return None


def file_identity(engine: Engine) -> tuple[str, int, int] | None:
    """The SQLite file behind ``engine`` as (path, device, inode), or None for
    another backend, an in-memory database or a file not there (yet)."""
    url = engine.url
    path = url.database
    if url.get_backend_name() != "sqlite" or not path or path == ":memory:" or url.query.get("uri"):
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return path, st.st_dev, st.st_ino


def check_same_file(identity: tuple[str, int, int] | None) -> None:
    """Raise :class:`DatabaseError` when the file ``identity`` names was removed
    or replaced: a connection open on it keeps writing to a file nobody can
    find again, so what it stores is lost."""
    if identity is None:
        return
    path, dev, ino = identity
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DatabaseError(f"the database {path} was removed while it was being written; "
                            f"what was stored since is lost") from None
    except OSError:
        return
    if (st.st_dev, st.st_ino) != (dev, ino):
        raise DatabaseError(f"the database {path} was replaced by another file while it was being written; "
                            f"what was stored since is lost") from None


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    msg = str(orig if orig is not None else exc)
    return msg.strip().splitlines()[0] if msg.strip() else type(exc).__name__


def session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions on ``engine``. With ``write``, each transaction first takes the
    database's write lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
    PostgreSQL) and holds it until commit or rollback: use it for transactions
    that write, and keep them short."""
    from sqlalchemy.orm import sessionmaker  # the ORM only for those who use it: reading uses connections

    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False)
