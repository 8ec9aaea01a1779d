"""Shared fixtures. Every test runs with its own data directory and database,
so none can touch the user's real timeline, and with plain, wide output.

Storage and CLI tests run on both backends: any test that uses ``db_url``
(directly or through ``engine``, ``session``, ``cli``, ``query``,
``seeded_url``) is run twice, with ids ``sqlite`` and ``pg``. The PostgreSQL
runs use one real PostgreSQL 16 server started for the test session
(``pgserver``, from the test extras) and stopped at its end; each test gets a
fresh database cloned from a migrated template. A server that does not start
fails those tests with the reason, it never skips them.

Tests about SQLite files themselves (``PRAGMA``s, a file that is not a
database, file paths in messages) use ``db_path`` and are marked
``sqlite_only``: the marker keeps only their ``sqlite`` run. Tests of what only
PostgreSQL does (its error codes) are marked ``pg_only``.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
DEV_SET = SHARED / "data" / "nato-russia-dev"
TEMPEVAL = SHARED / "data" / "tempeval3-train"

BACKENDS = ("sqlite", "pg")
PG_TEMPLATE = "timeline_template"


def pytest_generate_tests(metafunc):
    """Run every test that needs a database (``backend``) once per backend."""
    if "backend" in metafunc.fixturenames:
        backends = BACKENDS
        if metafunc.definition.get_closest_marker("sqlite_only"):
            backends = ("sqlite",)
        elif metafunc.definition.get_closest_marker("pg_only"):
            backends = ("pg",)
        metafunc.parametrize("backend", backends)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    monkeypatch.delenv("TIMELINE_DEBUG", raising=False)
    monkeypatch.delenv("TIMELINE_NO_MIGRATE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    yield


# ---------------------------------------------------------------- PostgreSQL


class PgServer:
    """The session's PostgreSQL server: URLs, and databases made and dropped on it."""

    def __init__(self, server) -> None:
        self.server = server
        self._n = itertools.count(1)

    def url(self, database: str = "postgres") -> str:
        """A ``postgresql://`` URL (the form users give) for ``database``."""
        return self.server.get_uri(database)

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create(self, *, template: str | None = PG_TEMPLATE, prefix: str = "t") -> str:
        """A new database (a copy of the migrated template, or empty); returns its name."""
        name = f"{prefix}_{next(self._n)}"
        self.admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def drop(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg():
    """Start one PostgreSQL server for the session; stop it and delete its data at the end."""
    import logging
    import shutil
    import tempfile
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs, when XDG_RUNTIME_DIR is unset
            import pgserver
    except ImportError as exc:
        pytest.fail(f"the PostgreSQL tests need pgserver and psycopg: pip install -e '.[test]' ({exc})",
                    pytrace=False)
    # not under pytest's basetemp: pytest makes that private to root (0700) at every
    # start, and the server runs as an unprivileged user when the tests run as root
    parent = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
    errors: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: errors.append(record.getMessage())  # pgserver logs the server's stderr
    logging.getLogger("pgserver").addHandler(handler)
    try:
        server = pgserver.get_server(parent / "data", cleanup_mode="delete")
    except Exception as exc:  # fail every PostgreSQL test with the reason, never skip them
        shutil.rmtree(parent, ignore_errors=True)
        detail = "\n".join(errors)[-3000:] or "(pgserver logged nothing)"
        pytest.fail(f"the PostgreSQL test server did not start: {type(exc).__name__}: {exc}\n{detail}",
                    pytrace=False)
    finally:
        logging.getLogger("pgserver").removeHandler(handler)
    try:
        pg = PgServer(server)
        # a throwaway server: durability is not needed, and without fsync a
        # CREATE DATABASE per test is quick on a busy disk
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            pg.admin(f"ALTER SYSTEM SET {setting} = off")
        pg.admin("SELECT pg_reload_conf()")
        pg.admin(f"CREATE DATABASE {PG_TEMPLATE}")
        from nato_timeline.db import open_database

        open_database(pg.url(PG_TEMPLATE)).dispose()  # migrated once; every test database copies it
        yield pg
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


# ---------------------------------------------------------------- one database per test


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "timeline.db"


@pytest.fixture
def db_url(request, backend, db_path):
    """The test's own database, on the test's backend: a SQLite file not yet
    created, or a fresh PostgreSQL database already at the current schema."""
    if backend == "sqlite":
        yield f"sqlite:///{db_path}"
        return
    pg: PgServer = request.getfixturevalue("pg")
    name = pg.create()
    yield pg.url(name)
    pg.drop(name)


@pytest.fixture
def empty_db_url(request, backend, db_path):
    """Like ``db_url``, but a PostgreSQL database without any schema (as a new server gives)."""
    if backend == "sqlite":
        yield f"sqlite:///{db_path}"
        return
    pg: PgServer = request.getfixturevalue("pg")
    name = pg.create(template="template0", prefix="empty")
    yield pg.url(name)
    pg.drop(name)


def sql(url: str, statement: str, **params) -> list[tuple]:
    """Run one SQL statement on the database at ``url`` (committed); rows as tuples."""
    from sqlalchemy import text

    from nato_timeline.db import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def table_names(url: str) -> list[str]:
    """The tables of the database at ``url``; [] for a SQLite file that does not exist."""
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url

    from nato_timeline.db import make_engine, normalise_url

    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database).exists():
        return []
    engine = make_engine(url)
    try:
        return sorted(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture
def query(db_url):
    """Run SQL on the test's database: ``query("SELECT count(*) FROM events")`` gives rows as tuples."""
    return lambda statement, **params: sql(db_url, statement, **params)


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli(runner, db_url):
    """Run the CLI against the test's database: ``cli("list", "--since", "2021")``."""
    from nato_timeline.cli import app

    def invoke(*args: str, db: bool = True, **kwargs):
        argv = list(args)
        command = next((a for a in argv if not a.startswith("-")), None)  # after global options
        if db and command in {"ingest", "load", "list", "show", "search", "sources", "actors", "export", "types", "log",
                              "db"}:
            argv += ["--db", db_url]
        return runner.invoke(app, argv, **kwargs)

    return invoke


@pytest.fixture
def engine(db_url):
    from nato_timeline.db import open_database

    eng = open_database(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    from nato_timeline.db import session_factory

    with session_factory(engine)() as s:
        yield s


# ---------------------------------------------------------------- the seeds, ingested once per backend


def _ingest_seeds(url: str) -> None:
    from typer.testing import CliRunner

    from nato_timeline.cli import app

    old = os.environ.get("NO_COLOR")
    os.environ["NO_COLOR"] = "1"
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", url])
    if old is None:
        os.environ.pop("NO_COLOR", None)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A SQLite database holding the five seed documents, built once per test session."""
    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    _ingest_seeds(str(path))
    return path


@pytest.fixture(scope="session")
def seeded_pg(pg) -> str:
    """A PostgreSQL database holding the five seed documents, built once per test session."""
    url = pg.url(pg.create(prefix="seeded"))
    _ingest_seeds(url)
    return url


@pytest.fixture
def seeded_url(request, backend) -> str:
    """The seeded database of the test's backend (read it, do not change it)."""
    if backend == "sqlite":
        return str(request.getfixturevalue("seeded_db"))
    return request.getfixturevalue("seeded_pg")


@pytest.fixture
def seeded_cli(runner, seeded_url):
    """Run the CLI on the seeded database of the test's backend: ``seeded_cli("actors")``."""
    from nato_timeline.cli import app

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--db", seeded_url])

    return invoke
