"""Engines, sessions and migrations.

Every command that opens a database calls :func:`open_database`, which brings it
to the current Alembic revision (or refuses one written by a newer version).
Alembic itself is imported only when the database is not already at head, so
read commands on an up-to-date database start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from . import settings
from .errors import DatabaseError, NewerDatabase, UsageError

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest revision in ``migrations/versions``. A test asserts it equals the
#: script directory's head, so a new revision cannot be forgotten here.
SCHEMA_HEAD = "0001"

SQLITE_BUSY_TIMEOUT_MS = 30_000


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    try:
        cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    except Exception:  # a read-only file keeps its journal mode; reading still works
        pass
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a commit survives a crash of the program
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, foreign keys on, WAL and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UsageError(f"not a database URL or path: {url}") from exc
    is_sqlite = parsed.get_backend_name() == "sqlite"
    # a "file:" URI (sqlite:///file:x.db?mode=ro&uri=true) is left to SQLite
    if is_sqlite and parsed.database and parsed.database != ":memory:" and not parsed.query.get("uri"):
        folder = Path(parsed.database).parent
        if not folder.exists():
            if Path(parsed.database) == settings.default_db_path():
                folder.mkdir(parents=True, exist_ok=True)
            else:
                raise UsageError(f"cannot create database {parsed.database}: folder {folder} does not exist")
    try:
        engine = create_engine(url, future=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise UsageError(f"no database driver for {parsed.get_backend_name()!r}: {exc}") from exc
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


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
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else ",".join(sorted(rows)) or None


def _describe(engine: Engine) -> str:
    url = engine.url
    return url.database if url.get_backend_name() == "sqlite" and url.database else url.render_as_string(hide_password=True)


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest revision; refuse one that is newer than this program."""
    rev = current_revision(engine)
    if rev == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    known = {r.revision for r in script.walk_revisions()}
    if rev is not None and any(part not in known for part in rev.split(",")):
        raise NewerDatabase(
            f"{_describe(engine)} was written by a newer version of nato-timeline "
            f"(schema revision {rev}); upgrade the program to use it"
        )
    if rev is None:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        if tables:
            raise DatabaseError(
                f"{_describe(engine)} holds tables that are not a nato-timeline database "
                f"({', '.join(sorted(tables)[:3])}...); choose another file with --db"
            )
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(url_option: str | None = None) -> Engine:
    """Open (creating if needed) and migrate the database chosen by ``--db``/``TIMELINE_DB``."""
    url = settings.db_url(url_option)
    engine = make_engine(url)
    try:
        upgrade(engine)
    except SQLAlchemyError as exc:  # DBAPIError too: "file is not a database", permissions
        engine.dispose()
        fallback = _read_only_fallback(engine, exc)
        if fallback is None:
            raise DatabaseError(f"cannot open database {_describe(engine)}: {_first_line(exc)}") from exc
        engine = fallback
    return engine


def _read_only_fallback(engine: Engine, exc: SQLAlchemyError) -> Engine | None:
    """A WAL database in a folder that cannot be written, with no write-ahead log
    beside it, cannot be opened normally: SQLite must create the log's index
    there. Nobody can be writing such a file, so it is opened immutable and
    read-only; reading works, and every write says the database is read-only."""
    url = engine.url
    path = url.database
    if url.get_backend_name() != "sqlite" or not path or url.query.get("uri") or path == ":memory:":
        return None
    if "readonly" not in _first_line(exc) or not Path(path).is_file() or Path(path + "-wal").exists():
        return None
    from urllib.parse import quote

    fallback = make_engine(f"sqlite:///file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1&uri=true")
    try:
        upgrade(fallback)
    except SQLAlchemyError:
        fallback.dispose()
        return None
    return fallback


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    msg = str(orig if orig is not None else exc)
    return msg.strip().splitlines()[0] if msg.strip() else type(exc).__name__


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
