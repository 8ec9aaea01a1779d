"""Shared fixtures. Every test runs with its own data directory and database,
so none can touch the user's real timeline, and with plain, wide output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
DEV_SET = SHARED / "data" / "nato-russia-dev"
TEMPEVAL = SHARED / "data" / "tempeval3-train"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    monkeypatch.delenv("TIMELINE_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    yield


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "timeline.db"


@pytest.fixture
def db_url(db_path) -> str:
    return f"sqlite:///{db_path}"


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli(runner, db_path):
    """Run the CLI against the test's database: ``cli("list", "--since", "2021")``."""
    from nato_timeline.cli import app

    def invoke(*args: str, db: bool = True, **kwargs):
        argv = list(args)
        if db and argv and argv[0] in {"ingest", "list", "show"}:
            argv += ["--db", str(db_path)]
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


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A database holding the five seed documents, built once per test session."""
    from typer.testing import CliRunner

    from nato_timeline.cli import app

    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    old = os.environ.get("NO_COLOR")
    os.environ["NO_COLOR"] = "1"
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", str(path)])
    if old is None:
        os.environ.pop("NO_COLOR", None)
    assert result.exit_code == 0, result.stdout + result.stderr
    return path
