"""Merging is a function of the set of mentions: the same documents ingested in
any order, split into any number of ingests, or by two processes at once, give
the events (date, title, type, and the quotes of each) one ingest of them all
gives; an analyst's corrections still apply after the events are re-clustered.
On a SQLite file and on a PostgreSQL database.

The documents report a few events in ways where the order used to decide:
reports of one day whose names chain (NATO, the NATO-Russia Council, Russia),
a month and a year mention that fit one or several finer events, and dates
without a year that another document dates.
"""

from __future__ import annotations

import json
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import sql
from .test_concurrent_ingest import _finish, _ingest

DOCUMENTS = {
    "01_council.txt": "Council in Brussels\n\n"
                      "The NATO-Russia Council met in Brussels on 12 January 2022 to discuss Ukraine.\n",
    "02_again.txt": "Second session\n\nThe NATO-Russia Council met in Brussels again on 26 January 2022.\n",
    "03_month.txt": "Looking back\n\nThe NATO-Russia Council met in Brussels in January 2022, diplomats said.\n",
    "04_year.txt": "A year of meetings\n\nIn 2022 the NATO-Russia Council met in Brussels.\n",
    "05_no_year.txt": "Without a year\n\nOn January 12 the NATO-Russia Council met in Brussels.\n",
    "06_geneva.txt": "Geneva\n\nRussia and the United States held talks in Geneva on 10 January 2022. "
                     "Russia annexed Crimea in March 2014.\n",
    "07_allies.txt": "Allies\n\nNATO held a meeting in Brussels on 12 January 2022.\n",
    "08_moscow.txt": "Moscow view\n\nRussia attended a meeting in Brussels on 12 January 2022.\n",
    "09_crimea.txt": "Annexation\n\nIn 2014 Russia annexed Crimea. "
                     "NATO suspended all practical cooperation with Russia in April 2014.\n",
    "10_april.txt": "Suspension\n\nOn 1 April 2014 NATO suspended practical cooperation with Russia.\n",
    "11_talks.txt": "Talks\n\nRussia and the United States held talks in Geneva on January 10.\n",
    "12_vienna.txt": "Vienna\n\nThe OSCE met in Vienna in January 2022. "
                     "The NATO-Russia Council met in Brussels on 12 January 2022.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("merge-order")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def extracted(corpus) -> dict[Path, tuple]:
    """Each document read and extracted once: what ``ingest`` stores for it."""
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_file

    out = {}
    for path in corpus:
        [doc] = read_file(path)
        out[path] = (doc, extract_document(doc))
    return out


def dump(url: str) -> dict[str, list]:
    """The events with their sources, and the date expressions, without ids."""
    events: dict[int, tuple] = {}
    sources: dict[int, list] = {}
    for eid, date, title, type_, name, quote, value, anchor in sql(url, (
            "SELECT e.id, e.date_value, e.title, e.type, d.name, s.quote, s.date_value, s.anchor "
            "FROM events e JOIN event_sources s ON s.event_id = e.id JOIN documents d ON d.id = s.document_id")):
        events[eid] = (date, title, type_)
        sources.setdefault(eid, []).append((name, quote, value, anchor))
    timexes = sql(url, "SELECT d.name, t.start, t.value, t.precision, t.anchor FROM timexes t "
                       "JOIN documents d ON d.id = t.document_id")
    return {"events": sorted((*events[e], tuple(sorted(sources[e]))) for e in events),
            "timexes": sorted(tuple(str(v) for v in r) for r in timexes)}


@contextmanager
def fresh_database(request, backend: str):
    """A new empty database on the backend (one per example, not per test)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="merge-order-") as folder:
            yield f"sqlite:///{folder}/t.db"
        return
    pg = request.getfixturevalue("pg")
    name = pg.create(prefix="order")
    try:
        yield pg.url(name)
    finally:
        pg.drop(name)


def store_in_batches(url: str, extracted: dict, batches: list[list[Path]]) -> None:
    """One ``ingest`` per batch, each storing its documents one transaction each,
    with the storing loop ``ingest`` and ``load`` use."""
    from nato_timeline.db import open_database
    from nato_timeline.ingest import Outcome, Unit, store_outcomes

    engine = open_database(url)
    try:
        for batch in batches:
            found = ((Unit(str(p)), Outcome((extracted[p],))) for p in batch)
            report = store_outcomes(engine, found)
            assert report.failed == 0, report.errors
    finally:
        engine.dispose()


@pytest.fixture
def union(request, backend, corpus) -> dict:
    """What one ``ingest`` of every document, in name order, stores."""
    from nato_timeline.db import open_database
    from nato_timeline.ingest import run

    with fresh_database(request, backend) as url:
        engine = open_database(url)
        try:
            report = run(corpus, engine=engine)
        finally:
            engine.dispose()
        assert report.new == len(corpus) and report.failed == 0
        return dump(url)


@st.composite
def orders_and_splits(draw, n: int = len(DOCUMENTS)):
    """A permutation of the documents' indexes cut into one or more ingests
    (a document may also come twice: the second time it is unchanged)."""
    order = draw(st.permutations(range(n)))
    again = draw(st.lists(st.integers(0, n - 1), max_size=2))
    sequence = list(order) + again
    cuts = sorted(set(draw(st.lists(st.integers(1, len(sequence) - 1), max_size=4))))
    bounds = [0, *cuts, len(sequence)]
    return [sequence[a:b] for a, b in zip(bounds, bounds[1:])]


def test_the_union_is_what_the_rule_gives(union):
    """The events one ingest stores, spelled out: the chained reports of January
    12 are two events (NATO's and the council's, and Russia's), the month and the
    year mentions fit several events and stay apart, the dates without a year
    are taken from the one event each fits."""
    by = {}
    for date, title, _type, sources in union["events"]:
        by.setdefault(date, []).append((title, sorted({s[0] for s in sources})))
    assert sorted(by["2022-01-12"]) == [
        ("NATO-Russia Council meets in Brussels",
         ["01_council.txt", "05_no_year.txt", "07_allies.txt", "12_vienna.txt"]),
        ("Russia meets in Brussels", ["08_moscow.txt"])]
    assert [docs for _, docs in by["2022-01"] if "03_month.txt" in docs] == [["03_month.txt"]]
    assert by["2022"] == [("NATO-Russia Council meets in Brussels", ["04_year.txt"])]
    assert by["2022-01-10"] == [("Russia and the United States hold talks in Geneva",
                                 ["06_geneva.txt", "11_talks.txt"])]
    assert [d for d in by if d.startswith("XXXX")] == []
    assert any(t[0] == "05_no_year.txt" and t[2] == "2022-01-12" and t[4] == "cross-document"
               for t in union["timexes"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=orders_and_splits())
def test_any_order_and_split_gives_the_union(request, backend, corpus, extracted, union, plan):
    batches = [[corpus[i] for i in batch] for batch in plan]
    with fresh_database(request, backend) as url:
        store_in_batches(url, extracted, batches)
        assert dump(url) == union


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=orders_and_splits(), drop=st.sampled_from(sorted(DOCUMENTS)))
def test_replacing_and_forgetting_a_document_gives_the_union_of_the_rest(request, backend, corpus, extracted,
                                                                          plan, drop):
    """A document stored in any order and then forgotten leaves what one ingest
    without it gives."""
    from nato_timeline.corrections import ops
    from nato_timeline.db import open_database, session_factory

    batches = [[corpus[i] for i in batch] for batch in plan]
    kept = [p for p in corpus if p.name != drop]
    with fresh_database(request, backend) as url, fresh_database(request, backend) as other:
        store_in_batches(url, extracted, batches)
        engine = open_database(url)
        try:
            with session_factory(engine, write=True).begin() as session:
                ops.forget(session, [drop])
        finally:
            engine.dispose()
        store_in_batches(other, extracted, [kept])
        assert dump(url) == dump(other)


def test_two_processes_at_once_give_the_union(request, backend, corpus, union):
    """Two ``timeline ingest`` processes on overlapping halves, one of them
    backwards, on one database: the events of one ingest of the union."""
    half = len(corpus) // 2
    first, second = corpus[:half + 2], corpus[half - 2:][::-1]
    with fresh_database(request, backend) as url:
        # on PostgreSQL the database has its schema: the two race for the write lock, not the migration
        a, b = _ingest(url, first), _ingest(url, second)
        reports = [_finish(a), _finish(b)]
        assert sum(r["documents"]["new"] for r in reports) == len(corpus)
        assert dump(url) == union


def test_corrections_still_apply_after_the_events_are_clustered_again(runner, db_url, corpus):
    """An accepted event that gains a report stays accepted; a merge of two
    events and a rejection survive documents that change the clusters around
    them (a third report of a day that splits what a vaguer mention fitted)."""
    from nato_timeline.cli import app

    def cli(*args: str):
        return runner.invoke(app, [*args, "--db", db_url])

    by_name = {p.name: str(p) for p in corpus}
    assert cli("ingest", by_name["02_again.txt"], by_name["03_month.txt"], by_name["06_geneva.txt"]).exit_code == 0
    listed = json.loads(cli("list", "--format", "json").stdout)
    # the month mention fits the only council meeting known: it is a report of it
    [jan26] = [e for e in listed if e["date"] == "2022-01-26"]
    assert {s["document"] for s in jan26["sources"]} == {"02_again.txt", "03_month.txt"}
    assert cli("accept", jan26["slug"]).exit_code == 0
    [talks] = [e for e in listed if e["type"] == "talks"]
    [crimea] = [e for e in listed if e["type"] == "annexation"]
    assert cli("reject", crimea["slug"], "--reason", "background").exit_code == 0
    assert cli("merge", jan26["slug"], talks["slug"]).exit_code == 0
    # another council meeting that month: the month mention now fits two and stands alone
    r = cli("ingest", by_name["01_council.txt"], by_name["09_crimea.txt"], by_name["11_talks.txt"])
    assert r.exit_code == 0, r.stderr
    events = json.loads(cli("list", "--format", "json", "--include-rejected").stdout)
    [merged] = [e for e in events if "02_again.txt" in {s["document"] for s in e["sources"]}]
    assert {s["document"] for s in merged["sources"]} == {"02_again.txt", "06_geneva.txt", "11_talks.txt"}
    assert merged["reviewed"] is True
    [month] = [e for e in events if e["date"] == "2022-01"]
    assert [s["document"] for s in month["sources"]] == ["03_month.txt"] and month["reviewed"] is False
    rejected = [e for e in events if e.get("rejected")]
    assert [e["type"] for e in rejected] == ["annexation"]
    assert {s["document"] for s in rejected[0]["sources"]} >= {"06_geneva.txt"}
