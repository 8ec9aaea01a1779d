"""Several writers on one database, for real: two ``timeline ingest`` processes
on overlapping documents end with the rows one ingest of the union gives, and
a document's transaction that loses a race is rolled back and tried again. On
a SQLite file and on a PostgreSQL database."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import SEEDS, sql

COPIES = 6  # of each seed document: 30 documents, every event reported by 6 of them


def _corpus(folder: Path) -> list[Path]:
    """Copies of the seeds that differ in their first line: different documents
    (own hash, own path) reporting the same events, so that two writers keep
    creating and merging into the same events at the same time."""
    folder.mkdir()
    files = []
    for seed in sorted(SEEDS.iterdir()):
        for i in range(COPIES):
            f = folder / f"{i:02d}_{seed.name}"
            f.write_text(f"Copy {i}\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(f)
    return files


def _rows(url: str) -> dict[str, list]:
    """Everything stored, without ids (which depend on who wrote first)."""
    q = lambda s: sorted(tuple(str(v) for v in r) for r in sql(url, s))  # noqa: E731
    return {
        "documents": q("SELECT source_key, sha256, name, title, published, published_from, n_chars FROM documents"),
        "timexes": q("SELECT d.source_key, t.start, t.\"end\", t.text, t.value, t.precision, t.anchor "
                     "FROM timexes t JOIN documents d ON d.id = t.document_id"),
        "events": q("SELECT slug, date_value, precision, date_start, date_end, month_day, title, type, status, "
                    "confidence, disputed, summary FROM events"),
        "sources": q("SELECT e.slug, d.source_key, s.start, s.\"end\", s.timex_start, s.timex_end, s.date_value, "
                     "s.precision, s.anchor, s.title FROM event_sources s JOIN events e ON e.id = s.event_id "
                     "JOIN documents d ON d.id = s.document_id"),
        "actors": q("SELECT e.slug, a.name FROM event_actors x JOIN events e ON e.id = x.event_id "
                    "JOIN actors a ON a.id = x.actor_id"),
        "places": q("SELECT e.slug, p.name FROM event_places x JOIN events e ON e.id = x.event_id "
                    "JOIN places p ON p.id = x.place_id"),
    }


def _ingest(url: str, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "nato_timeline", "ingest", *map(str, files), "--db", url, "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert err == "", err
    return json.loads(out)


@pytest.fixture
def second_url(request, backend, tmp_path):
    """Another empty database on the same backend, for the single ingest to compare with."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'union.db'}"
        return
    pg = request.getfixturevalue("pg")
    name = pg.create(template="template0", prefix="union")
    yield pg.url(name)
    pg.drop(name)


@pytest.mark.slow
def test_two_ingests_on_overlapping_documents_equal_one_ingest_of_the_union(empty_db_url, second_url, tmp_path):
    files = _corpus(tmp_path / "corpus")
    third = len(files) // 3
    first, second = files[:2 * third], files[third:]  # a third of the documents in both
    # both start on a database without a schema: they also race to migrate it;
    # the second goes through its documents backwards, so the two meet in the middle
    a, b = _ingest(empty_db_url, first), _ingest(empty_db_url, second[::-1])
    report_a, report_b = _finish(a), _finish(b)
    union = _finish(_ingest(second_url, files))

    docs_a, docs_b = report_a["documents"], report_b["documents"]
    assert docs_a["failed"] == docs_b["failed"] == 0
    assert docs_a["new"] + docs_b["new"] == len(files) == union["documents"]["new"]
    assert docs_a["unchanged"] + docs_b["unchanged"] == third, "each shared document stored by one of them"
    assert docs_a["new"] and docs_b["new"], "both wrote"

    together, alone = _rows(empty_db_url), _rows(second_url)
    assert len(together["documents"]) == len(files)
    slugs = [e[0] for e in together["events"]]
    assert len(slugs) == len(set(slugs))
    for table in together:
        assert together[table] == alone[table], table


def _blocker_insert(conn, path: Path) -> None:
    """Insert ``path`` as a stored document, the way another writer would, without committing."""
    import datetime as dt
    import hashlib

    from sqlalchemy import text

    body = path.read_text(encoding="utf-8")
    conn.execute(text(
        "INSERT INTO documents (name, source_key, path, sha256, published_from, body, n_chars, ingested_at) "
        "VALUES (:name, :key, :key, :sha, 'unknown', :body, :n, :at)"),
        {"name": path.name, "key": str(path), "sha": hashlib.sha256(path.read_bytes()).hexdigest(),
         "body": body, "n": len(body), "at": dt.datetime(2024, 1, 1)})


def _waiting_on_a_lock(url: str) -> bool:
    rows = sql(url, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE 'INSERT INTO documents%' AND datname = current_database()")
    return rows[0][0] > 0


def test_a_document_stored_meanwhile_by_another_writer_is_not_stored_twice(db_url, backend, engine, tmp_path):
    """Another writer holds the same document in an uncommitted transaction. On
    PostgreSQL the ingest's insert waits on the unique index, fails when the other
    commits, and its retry finds the document stored; on SQLite the ingest waits
    for the write lock. Either way: one document, counted as unchanged, no error."""
    from nato_timeline.ingest import run

    doc = tmp_path / "note.txt"
    doc.write_text("The NATO-Russia Council met in Brussels on 12 January 2022.\n", encoding="utf-8")
    blocker = engine.connect()
    tx = blocker.begin()
    _blocker_insert(blocker, doc)  # on SQLite this takes the write lock; it takes no advisory lock
    result = {}
    worker = threading.Thread(target=lambda: result.update(report=run([doc], engine=engine)))
    worker.start()
    deadline = time.monotonic() + 30
    if backend == "pg":
        while not _waiting_on_a_lock(db_url) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_a_lock(db_url), "the ingest's insert should wait for the other writer"
    else:
        time.sleep(1.0)
    assert worker.is_alive(), "the ingest waits for the other writer, it does not fail"
    tx.commit()
    blocker.close()
    worker.join(60)
    report = result["report"]
    assert (report.new, report.unchanged, report.failed) == (0, 1, 0), report.errors
    assert sql(db_url, "SELECT count(*) FROM documents") == [(1,)]
    assert sql(db_url, "SELECT count(*) FROM events") == [(0,)]


# two reports of one meeting whose titles (and so slugs) differ: no unique
# constraint can tell they are the same event, only the merge can
REPORT_A = "The NATO-Russia Council met in Brussels on 12 January 2022 to discuss the situation in Ukraine."
REPORT_B = "A meeting in Brussels on 12 January 2022 brought the NATO-Russia Council together."


def _waiting_for_the_write_lock(url: str) -> bool:
    rows = sql(url, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory' "
                    "AND datname = current_database()")
    return rows[0][0] > 0


def test_a_writer_waits_for_an_open_write_and_merges_into_its_new_event(db_url, backend, engine, tmp_path):
    """One writer has created an event and not committed yet; a second writer
    with another report of the same event (another title, another slug) waits
    for the write lock instead of creating a second event, then merges."""
    from nato_timeline import store
    from nato_timeline.db import session_factory
    from nato_timeline.ingest import run, source_key
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_file

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"Council\n\n{REPORT_A}\n", encoding="utf-8")
    b.write_text(f"Brussels\n\n{REPORT_B}\n", encoding="utf-8")
    [doc_a] = read_file(a)
    extraction = extract_document(doc_a)
    assert {e.title for e in extraction.events} != {e.title for e in extract_document(read_file(b)[0]).events}
    writer = session_factory(engine, write=True)()
    writer.begin()
    saved = store.save_extraction(writer, extraction=extraction, source_key=source_key(doc_a))
    assert saved.added == 1
    result = {}
    worker = threading.Thread(target=lambda: result.update(report=run([b], engine=engine)))
    worker.start()
    deadline = time.monotonic() + 30
    if backend == "pg":
        while not _waiting_for_the_write_lock(db_url) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_for_the_write_lock(db_url)
    else:
        time.sleep(1.0)
    assert worker.is_alive(), "the second writer waits for the first"
    writer.commit()
    writer.close()
    worker.join(60)
    report = result["report"]
    assert (report.new, report.failed, report.events_added, report.events_merged) == (1, 0, 0, 1), report.errors
    [(event_id, n_sources)] = sql(db_url, "SELECT e.id, count(s.id) FROM events e "
                                          "JOIN event_sources s ON s.event_id = e.id GROUP BY e.id")
    assert n_sources == 2


def _pg_trigger(url: str, body: str) -> None:
    sql(url, "CREATE SEQUENCE attempts")
    sql(url, f"CREATE FUNCTION conflict() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NEW; END $$")
    sql(url, "CREATE TRIGGER conflict BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION conflict()")


@pytest.mark.pg_only
def test_serialization_failure_is_retried(db_url, cli, tmp_path):
    """A PostgreSQL serialization failure (40001) on the first try: the second stores the document."""
    _pg_trigger(db_url, "IF nextval('attempts') = 1 THEN "
                        "RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END IF;")
    doc = tmp_path / "note.txt"
    doc.write_text("The NATO-Russia Council met in Brussels on 12 January 2022.\n", encoding="utf-8")
    result = cli("ingest", str(doc))
    assert result.exit_code == 0, result.stderr
    assert "1 new" in result.stdout
    assert sql(db_url, "SELECT last_value FROM attempts") == [(2,)]
    assert sql(db_url, "SELECT count(*) FROM documents") == [(1,)]


def test_a_conflict_that_persists_fails_that_document_after_bounded_retries(db_url, backend, engine, cli, query,
                                                                           tmp_path):
    """A trigger that always refuses the insert: each document is tried
    ``STORE_ATTEMPTS`` times (counted on PostgreSQL by a sequence, which a
    rollback does not undo), then reported as failed; the batch goes on."""
    from nato_timeline.ingest import STORE_ATTEMPTS

    if backend == "pg":
        _pg_trigger(db_url, "PERFORM nextval('attempts'); "
                            "RAISE EXCEPTION 'UNIQUE constraint failed' USING ERRCODE = 'unique_violation';")
    else:
        query("CREATE TRIGGER conflict BEFORE INSERT ON documents "
              "BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed'); END")
    doc = tmp_path / "note.txt"
    doc.write_text("The NATO-Russia Council met in Brussels on 12 January 2022.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Russia annexed Crimea in March 2014.\n", encoding="utf-8")
    result = cli("ingest", str(doc), str(other))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2, errors
    assert all(e.startswith("error: ") and "could not store: UNIQUE constraint failed" in e for e in errors), errors
    assert "2 failed" in result.stdout
    assert query("SELECT count(*) FROM documents") == [(0,)]
    if backend == "pg":
        assert query("SELECT last_value FROM attempts") == [(2 * STORE_ATTEMPTS,)]


def test_the_order_documents_arrive_in_does_not_change_what_is_stored(empty_db_url, second_url, tmp_path):
    """Merging chooses among equals by what they say, not by which came first:
    the same documents ingested forwards into one database and in another order
    into a second give the same rows (the event each report joins, its title,
    quote, summary, slug, names and dates). The documents are the copies of the
    seeds, and the other documents of the ingest tests, which report some of
    the same events in other words."""
    import random

    from nato_timeline.db import open_database
    from nato_timeline.ingest import run

    from .test_ingest_parallel import DATA

    # 06 is a byte copy of 02: stored once, under the path that comes first
    files = _corpus(tmp_path / "corpus") + sorted(p for p in DATA.glob("*.*") if p.name != "06_treaty_copy.txt")
    other = files[::-1]
    random.Random(7).shuffle(other)
    assert other != files
    counts = []
    for url, order in ((empty_db_url, files), (second_url, other)):
        engine = open_database(url)
        try:
            report = run(order, engine=engine)
        finally:
            engine.dispose()
        # (how many events a run added and merged depends on the order: a year-less
        # mention may make an event that a later document's date then merges away)
        counts.append((report.new, report.unchanged, report.failed))
    assert counts[0] == counts[1] and counts[0][0] > len(files) and counts[0][1] == 0
    first, second = _rows(empty_db_url), _rows(second_url)
    assert len(first["events"]) > 15
    for table in first:
        assert first[table] == second[table], table
