"""Storing a document costs the same however many stored documents report the
same days: merging compares its reports with the distinct reports of their
scopes (``source_groups``), not with every copy. Measured in work, never in
time: SQL statements and SQLite virtual-machine steps per document, with 40
and with 160 documents stored. And the groups always equal a grouping of the
stored sources, whatever wrote them (ingest, a replaced or forgotten document,
an analyst's merge or split), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import sql
from .test_merge_order import dump

#: Reports of a few days, in the ways documents give them: a day, the same day
#: again in other words, a month, a year, a day without a year that another
#: document dates, and one that no document dates.
REPORT = ("Report {i}\n\n"
          "The NATO-Russia Council met in Brussels on 12 January 2022 to discuss Ukraine. "
          "Russia and the United States held talks in Geneva on 10 January 2022. "
          "NATO held a meeting in Brussels on 12 January 2022. "
          "The council met in Brussels in January 2022, diplomats said. "
          "In 2022 the NATO-Russia Council met in Brussels. "
          "On January 12 the NATO-Russia Council met in Brussels. "
          "On March 3 the OSCE met in Vienna.\n")


def corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"report_{i:04d}.txt"
        path.write_text(REPORT.format(i=i), encoding="utf-8")
        paths.append(path)
    return paths


def extracted(paths: list[Path]) -> list[tuple]:
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_file

    out = []
    for path in paths:
        [doc] = read_file(path)
        out.append((path, doc, extract_document(doc)))
    return out


def store(engine, items) -> None:
    from nato_timeline.ingest import Outcome, Unit, store_outcomes

    report = store_outcomes(engine, ((Unit(str(p)), Outcome(((doc, ex),))) for p, doc, ex in items))
    assert report.failed == 0, report.errors


class Work:
    """Statements run and SQLite virtual-machine steps (in thousands) on an engine."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.statements = self.steps = 0

        def count(*_args) -> None:
            self.statements += 1

        def step() -> int:
            self.steps += 1
            return 0

        def watch(dbapi_connection, _record, _proxy) -> None:
            dbapi_connection.set_progress_handler(step, 1000)

        event.listen(engine, "before_cursor_execute", count)
        event.listen(engine, "checkout", watch)
        engine.dispose()  # every connection from now on is watched

    def of(self, fn) -> tuple[int, int]:
        s0, v0 = self.statements, self.steps
        fn()
        return self.statements - s0, self.steps - v0


@pytest.mark.sqlite_only
def test_the_work_of_a_document_does_not_grow_with_the_copies_stored(backend, db_url, tmp_path):
    from nato_timeline.db import open_database

    items = extracted(corpus(tmp_path / "docs", 180))
    engine = open_database(db_url)
    try:
        work = Work(engine)
        store(engine, items[:30])
        early = work.of(lambda: store(engine, items[30:40]))
        store(engine, items[40:150])
        late = work.of(lambda: store(engine, items[150:160]))
    finally:
        engine.dispose()
    # every copy merged: the same few events however many documents report them
    assert sql(db_url, "SELECT count(*) FROM documents") == [(160,)]
    events = sql(db_url, "SELECT count(*) FROM events")[0][0]
    assert events < 10
    assert sql(db_url, "SELECT max(n_sources) FROM events")[0][0] >= 160
    # with four times the copies stored, a document costs the same statements and
    # about the same SQLite work (B-tree depth aside); reading the sources of its
    # days row by row made the work grow with the copies (288 to 1,180 thousand
    # steps for these ten documents, the same statements)
    assert late[0] <= early[0]
    assert late[1] <= early[1] * 1.5, (early, late)


def _groups(url: str) -> list[tuple]:
    return sorted(map(tuple, sql(url, "SELECT event_id, year, month_day, type, date_value, precision, anchor, "
                                      "mention_value, title, actors, places, n, first_key, first_start, "
                                      "first_timex_start FROM source_groups")), key=repr)


def _regrouped(url: str) -> list[tuple]:
    """The groups made again from the sources, in a transaction rolled back."""
    from sqlalchemy import select

    from nato_timeline import models as m
    from nato_timeline.db import open_database, session_factory
    from nato_timeline.source_groups import regroup

    engine = open_database(url)
    try:
        with session_factory(engine, write=True)() as session:
            regroup(session, session.execute(select(m.Event.id)).scalars())
            rows = session.execute(select(m.SourceGroup.event_id, m.SourceGroup.year, m.SourceGroup.month_day,
                                          m.SourceGroup.type, m.SourceGroup.date_value, m.SourceGroup.precision,
                                          m.SourceGroup.anchor, m.SourceGroup.mention_value, m.SourceGroup.title,
                                          m.SourceGroup.actors, m.SourceGroup.places, m.SourceGroup.n,
                                          m.SourceGroup.first_key, m.SourceGroup.first_start,
                                          m.SourceGroup.first_timex_start)).all()
            session.rollback()
    finally:
        engine.dispose()
    return sorted((tuple(r) for r in rows), key=repr)


def test_the_groups_are_a_grouping_of_the_sources_after_every_kind_of_write(runner, db_url, tmp_path):
    from nato_timeline.cli import app

    def cli(*args: str):
        result = runner.invoke(app, [*args, "--db", db_url])
        assert result.exit_code == 0, result.stderr
        return result

    paths = corpus(tmp_path / "docs", 6)
    cli("ingest", *map(str, paths[:4]))
    assert _groups(db_url) == _regrouped(db_url) != []
    # a copy with an earlier key than every stored one: the first of its groups changes
    early = tmp_path / "docs" / "a_first.txt"
    early.write_text(REPORT.format(i="A"), encoding="utf-8")
    cli("ingest", str(early), str(paths[4]))
    assert _groups(db_url) == _regrouped(db_url)
    # a document replaced by another text, and one forgotten
    paths[1].write_text("Changed\n\nRussia and the United States held talks in Geneva on 10 January 2022.\n",
                        encoding="utf-8")
    cli("ingest", str(paths[1]))
    cli("forget", str(paths[2]))
    assert _groups(db_url) == _regrouped(db_url)
    # an analyst's merge and split move sources between events
    import json

    listed = json.loads(cli("list", "--format", "json").stdout)
    [talks] = [e for e in listed if e["type"] == "talks"]
    [vienna] = [e for e in listed if "Vienna" in e["title"]]
    cli("merge", talks["slug"], vienna["slug"])
    assert _groups(db_url) == _regrouped(db_url)
    cli("split", talks["slug"], "--source", "1")
    cli("ingest", str(paths[5]))
    assert _groups(db_url) == _regrouped(db_url)


@pytest.mark.sqlite_only
def test_copies_in_any_order_give_one_database(backend, tmp_path):
    """The copies in name order, in reverse, and interleaved with an early key,
    give the same events and sources: the groups' first copies are what the
    order of mentions reads, whatever order they came in."""
    from nato_timeline.db import open_database

    items = extracted(corpus(tmp_path / "docs", 12) + [_early(tmp_path)])
    dumps = []
    for order in (items, items[::-1], items[6:] + items[:6]):
        url = f"sqlite:///{tmp_path}/t{len(dumps)}.db"
        engine = open_database(url)
        try:
            for item in order:  # one ingest each: every document merges into stored ones
                store(engine, [item])
        finally:
            engine.dispose()
        dumps.append(dump(url))
    assert dumps[0] == dumps[1] == dumps[2]
    assert len(dumps[0]["events"]) < 10


def _early(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / "a_first.txt"
    path.write_text(REPORT.format(i="A").replace("Brussels on 12", "Brussels on Wednesday, 12"), encoding="utf-8")
    return path
