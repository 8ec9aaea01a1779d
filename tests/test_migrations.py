"""The schema comes from Alembic revisions, and every open brings a database to
head; on SQLite and on PostgreSQL, except the tests about SQLite files."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from nato_timeline import db, settings
from nato_timeline.errors import DatabaseError, NewerDatabase

from .conftest import sql, table_names

EXPECTED_TABLES = {
    "alembic_version", "documents", "timexes", "events", "event_sources",
    "actors", "places", "event_actors", "event_places", "event_search",
    "corrections", "correction_anchors",
}


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(db.alembic_config())


def test_schema_head_constant_matches_the_scripts():
    assert _script().get_current_head() == db.SCHEMA_HEAD


def test_empty_database_is_migrated_to_head(empty_db_url):
    assert table_names(empty_db_url) == []
    engine = db.open_database(empty_db_url)
    try:
        assert db.current_revision(engine) == db.SCHEMA_HEAD
        tables = set(inspect(engine).get_table_names())
        assert EXPECTED_TABLES <= tables
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db_url):
    """``alembic check``: autogenerate finds nothing to add on a migrated database."""
    from alembic import command

    engine = db.open_database(db_url)
    try:
        with engine.begin() as conn:
            command.check(db.alembic_config(conn))
    finally:
        engine.dispose()


def test_downgrade_then_upgrade_round_trip(db_url):
    from alembic import command

    engine = db.open_database(db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(db.alembic_config(conn), "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert db.current_revision(engine) is None
        db.upgrade(engine)
        assert db.current_revision(engine) == db.SCHEMA_HEAD
        assert EXPECTED_TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_every_revision_has_a_downgrade():
    for rev in _script().walk_revisions():
        source = open(rev.path, encoding="utf-8").read()
        assert "def downgrade" in source and "pass\n" not in source.split("def downgrade")[1][:40], rev.path


@pytest.mark.sqlite_only
def test_sqlite_pragmas(db_url):
    engine = db.open_database(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar().lower() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    finally:
        engine.dispose()


def test_newer_database_is_refused_and_left_alone(db_url, query):
    db.open_database(db_url).dispose()
    query("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    with pytest.raises(NewerDatabase, match="newer version"):
        db.open_database(db_url)
    assert query("SELECT version_num FROM alembic_version") == [("ffff_from_the_future",)]


@pytest.mark.sqlite_only
def test_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database\n" * 100)
    with pytest.raises(DatabaseError, match="cannot open database"):
        db.open_database(str(bogus))
    assert bogus.read_text().startswith("this is not a database")


def test_foreign_database_is_not_touched(empty_db_url):
    sql(empty_db_url, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(DatabaseError, match="not a nato-timeline database"):
        db.open_database(empty_db_url)
    assert table_names(empty_db_url) == ["recipes"]


@pytest.mark.sqlite_only
def test_missing_folder_is_a_usage_error(tmp_path):
    from nato_timeline.errors import UsageError

    with pytest.raises(UsageError, match="does not exist"):
        db.open_database(str(tmp_path / "no" / "such" / "dir" / "x.db"))


@pytest.mark.sqlite_only
def test_default_database_lives_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    engine = db.open_database(None)
    engine.dispose()
    assert (tmp_path / "data" / "nato-timeline" / "timeline.db").exists()
    assert settings.default_db_path() == tmp_path / "data" / "nato-timeline" / "timeline.db"


def test_a_0001_database_with_events_upgrades_and_its_events_are_searchable(db_url, runner):
    """Revision 0002 builds the search index from the events already stored."""
    from alembic import command
    from sqlalchemy import func, select

    from nato_timeline import models as m
    from nato_timeline import queries
    from nato_timeline.cli import app

    from .conftest import SEEDS

    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db_url]).exit_code == 0
    engine = db.open_database(db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(db.alembic_config(conn), "0001")
        assert db.current_revision(engine) == "0001"
        assert "event_search" not in inspect(engine).get_table_names()
        with engine.connect() as conn:
            n_events = conn.scalar(select(func.count()).select_from(m.Event))
        assert n_events > 5
    finally:
        engine.dispose()

    engine = db.open_database(db_url)  # what every command does: upgrade on open
    try:
        assert db.current_revision(engine) == db.SCHEMA_HEAD
        with db.session_factory(engine)() as session:
            assert session.execute(text("SELECT count(*) FROM event_search")).scalar() == n_events
            for ev in queries.list_events(session, queries.EventFilter(include_undated=True)):
                by_title = {h.event.id for h in queries.search_events(session, f'"{ev.title}"', limit=None)}
                assert ev.id in by_title, ev.title
                last_quote = " ".join(ev.sources[-1].quote.split()[:12])
                by_quote = {h.event.id for h in queries.search_events(session, f'"{last_quote}"', limit=None)}
                assert ev.id in by_quote, last_quote
    finally:
        engine.dispose()


def test_a_0002_database_with_events_upgrades_with_its_source_counts(db_url, runner):
    """Revision 0003 adds ``events.n_sources`` and fills it from the sources
    already stored; downgrading to 0002 and back loses no source."""
    from alembic import command

    from nato_timeline import queries
    from nato_timeline.cli import app

    from .conftest import SEEDS

    counts = ("SELECT e.id, (SELECT count(*) FROM event_sources s WHERE s.event_id = e.id) "
              "FROM events e ORDER BY e.id")
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db_url]).exit_code == 0
    engine = db.open_database(db_url)
    try:
        with engine.connect() as conn:
            before = conn.execute(text(counts)).all()
        with engine.begin() as conn:
            command.downgrade(db.alembic_config(conn), "0002")
        assert db.current_revision(engine) == "0002"
        assert "n_sources" not in {c["name"] for c in inspect(engine).get_columns("events")}
        assert "ix_events_multi_source" not in {i["name"] for i in inspect(engine).get_indexes("events")}
        with engine.connect() as conn:
            assert conn.execute(text(counts)).all() == before  # nothing cascaded away
    finally:
        engine.dispose()
    assert max(n for _, n in before) > 1 and min(n for _, n in before) >= 1

    engine = db.open_database(db_url)  # what every command does: upgrade on open
    try:
        assert db.current_revision(engine) == db.SCHEMA_HEAD
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT id, n_sources FROM events ORDER BY id")).all()
        assert stored == before
        assert "ix_events_multi_source" in {i["name"] for i in inspect(engine).get_indexes("events")}
        with engine.connect() as conn:  # partial: the models do not say so (see models.Event)
            ddl = conn.execute(text(
                "SELECT sql FROM sqlite_master WHERE name = 'ix_events_multi_source'"
                if engine.dialect.name == "sqlite" else
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_events_multi_source'")).scalar()
        assert "WHERE" in ddl.upper() and "n_sources > 1" in ddl.replace("(", "").replace(")", "")
        with db.session_factory(engine)() as session:
            for k in (2, 3):
                got = [e.id for e in queries.list_events(session, queries.EventFilter(min_sources=k,
                                                                                       include_undated=True))]
                assert sorted(got) == sorted(i for i, n in before if n >= k)
    finally:
        engine.dispose()


def test_a_0005_database_upgrades_to_events_that_do_not_depend_on_order(db_url, runner):
    """Revision 0006 fills the columns merging reads mentions by and clusters
    every stored mention again: events an earlier version made out of the order
    documents came in (here, two reports of one meeting kept apart, and a vaguer
    one joined to the wrong day by hand) become what the rule gives."""
    from alembic import command

    from nato_timeline.cli import app

    from .conftest import SEEDS

    events = ("SELECT e.date_value, e.title, d.name, s.start, s.date_value, s.anchor FROM events e "
              "JOIN event_sources s ON s.event_id = e.id JOIN documents d ON d.id = s.document_id "
              "ORDER BY 3, 4, 5")
    columns = "SELECT mention_value, year, month_day FROM event_sources ORDER BY id"
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db_url]).exit_code == 0
    engine = db.open_database(db_url)
    try:
        with engine.connect() as conn:
            before, filled = conn.execute(text(events)).all(), conn.execute(text(columns)).all()
        with engine.begin() as conn:
            command.downgrade(db.alembic_config(conn), "0005")
            # what arrival order could make: the two sources of an event apart, and a
            # source moved into an event it is no report of
            two = conn.execute(text("SELECT event_id FROM event_sources GROUP BY event_id "
                                    "HAVING count(*) = 2 ORDER BY event_id")).scalars().first()
            [moved] = conn.execute(text("SELECT max(id) FROM event_sources WHERE event_id = :e"), {"e": two}).one()
            other = conn.execute(text("SELECT min(id) FROM events WHERE id <> :e"), {"e": two}).scalar()
            conn.execute(text("UPDATE event_sources SET event_id = :o WHERE id = :s"), {"o": other, "s": moved})
        with engine.connect() as conn:
            assert conn.execute(text(events)).all() != before
    finally:
        engine.dispose()

    engine = db.open_database(db_url)  # what every command does: upgrade on open
    try:
        assert db.current_revision(engine) == db.SCHEMA_HEAD
        with engine.connect() as conn:
            assert conn.execute(text(columns)).all() == filled
            assert [tuple(r[2:]) for r in conn.execute(text(events))] == [tuple(r[2:]) for r in before]
            after = conn.execute(text(events)).all()
        assert sorted(after) == sorted(before)
    finally:
        engine.dispose()
