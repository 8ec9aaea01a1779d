"""Repository functions on a real SQLite file, with hand-built extractions so the
storage rules are tested apart from extraction."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from nato_timeline import models as m
from nato_timeline import queries, store
from nato_timeline.queries import EventFilter
from nato_timeline.records import Document, EventCandidate, Extraction
from nato_timeline.temporal.types import PartialDate, Timex


def doc(name: str, body: str, published: PartialDate | None = None) -> Document:
    return Document(name=name, path=f"/docs/{name}", body=body,
                    sha256=hashlib.sha256(body.encode()).hexdigest(), published=published)


def cand(date: str | None, title: str, type_: str, quote: str, *, start=0, value=None,
         places=(), actors=(), conf=0.8, timex=None) -> EventCandidate:
    d = PartialDate.parse(date) if date else None
    return EventCandidate(
        date=d, date_value=value or (d.value if d else "XXXX"), title=title, type=type_,
        quote=quote, start=start, end=start + len(quote),
        timex_start=timex[0] if timex else start, timex_end=timex[1] if timex else start + 4,
        actors=tuple(actors), places=tuple(places), confidence=conf,
    )


@contextmanager
def tx(session):
    """Commit what the block did (the session autobegins, as the caller owns it)."""
    yield
    session.commit()


def save(session, document: Document, *cands: EventCandidate, timexes=()):
    with tx(session):
        return store.save_extraction(
            session, extraction=Extraction(document, tuple(timexes), tuple(cands)),
            source_key=document.path)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


COUNCIL_A = "The council met in Brussels on 12 January 2022."
COUNCIL_B = "On January 12 the council met in Brussels."


def test_save_and_list(session):
    d = doc("a.txt", COUNCIL_A)
    r = save(session, d, cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A,
                              places=("Brussels",), actors=("NATO-Russia Council",)),
             timexes=[Timex(30, 45, "12 January 2022", "DATE", "2022-01-12")])
    assert (r.added, r.merged) == (1, 0)
    [ev] = queries.list_events(session)
    assert ev.date == "2022-01-12" and ev.precision == "day"
    assert ev.start == ev.end == "2022-01-12"
    assert ev.places == ("Brussels",) and ev.actors == ("NATO-Russia Council",)
    assert ev.sources[0].document == "a.txt" and ev.sources[0].quote == COUNCIL_A
    assert ev.slug.startswith("2022-01-12-")
    assert count(session, m.Timex) == 1


def test_same_event_from_two_documents_is_one_event_with_two_sources(session):
    save(session, doc("a.txt", COUNCIL_A),
         cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)))
    r = save(session, doc("b.txt", COUNCIL_B),
             cand("2022-01-12", "Council meets", "meeting", COUNCIL_B, places=("Brussels",)))
    assert (r.added, r.merged) == (0, 1)
    [ev] = queries.list_events(session)
    assert sorted(s.document for s in ev.sources) == ["a.txt", "b.txt"]


def test_month_mention_supports_a_day_event(session):
    save(session, doc("a.txt", COUNCIL_A),
         cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)))
    save(session, doc("b.txt", "The council met in Brussels in January 2022."),
         cand("2022-01", "Council meets", "meeting", "The council met in Brussels in January 2022.",
              places=("Brussels",)))
    [ev] = queries.list_events(session)
    assert ev.date == "2022-01-12" and len(ev.sources) == 2 and not ev.disputed


VAGUE = "The last formal meeting of the council took place in Brussels in January of the previous year."


def test_a_vaguer_mention_attaches_to_the_one_known_event_it_fits(session):
    save(session, doc("a.txt", COUNCIL_A),
         cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)))
    save(session, doc("c.txt", "x"), cand("2022-01-13", "OSCE meets", "meeting", "x", places=("Vienna",)))
    r = save(session, doc("b.txt", VAGUE), cand("2022-01", "Council meeting", "meeting", VAGUE, places=("Brussels",)))
    assert (r.added, r.merged) == (0, 1)
    assert [(e.date, len(e.sources)) for e in queries.list_events(session)] == [("2022-01-12", 2), ("2022-01-13", 1)]


def test_a_vaguer_mention_fitting_two_known_events_attaches_to_neither(session):
    save(session, doc("a.txt", COUNCIL_A),
         cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)))
    save(session, doc("c.txt", "x"), cand("2022-01-26", "Council meets again", "meeting", "x", places=("Brussels",)))
    r = save(session, doc("b.txt", VAGUE), cand("2022-01", "Council meeting", "meeting", VAGUE, places=("Brussels",)))
    assert (r.added, r.merged) == (1, 0)
    assert [(e.date, len(e.sources)) for e in queries.list_events(session)] == [
        ("2022-01", 1), ("2022-01-12", 1), ("2022-01-26", 1)]


def test_different_days_stay_apart(session):
    save(session, doc("a.txt", "x"), cand("2022-01-12", "Council meets", "meeting", "x", places=("Brussels",)))
    save(session, doc("b.txt", "y"), cand("2022-01-13", "Council meets", "meeting", "y", places=("Brussels",)))
    assert len(queries.list_events(session)) == 2


def test_year_less_date_is_resolved_from_another_document(session):
    save(session, doc("b.txt", COUNCIL_B),
         cand(None, "Council meets in Brussels", "meeting", COUNCIL_B, value="XXXX-01-12",
              places=("Brussels",), timex=(3, 13)),
         timexes=[Timex(3, 13, "January 12", "DATE", "XXXX-01-12", anchor="unresolved")])
    assert queries.list_events(session) == []
    [undated] = queries.list_events(session, EventFilter(include_undated=True))
    assert undated.precision is None and undated.date == "XXXX-01-12"
    # the document that gives the year dates the earlier mention as it is stored
    r = save(session, doc("a.txt", COUNCIL_A),
             cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)))
    assert (r.added, r.resolved) == (1, 1)
    [ev] = queries.list_events(session, EventFilter(include_undated=True))
    assert ev.date == "2022-01-12"
    anchors = {s.document: s.anchor for s in ev.sources}
    assert anchors["b.txt"] == "cross-document"
    row = session.scalar(select(m.Timex).where(m.Timex.text == "January 12"))
    assert (row.value, row.anchor) == ("2022-01-12", "cross-document")


def test_year_less_without_a_match_stays_undated(session):
    save(session, doc("a.txt", COUNCIL_A),
         cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)))
    save(session, doc("c.txt", "On January 12 talks opened in Geneva."),
         cand(None, "Talks open in Geneva", "talks", "On January 12 talks opened in Geneva.",
              value="XXXX-01-12", places=("Geneva",)))
    assert [e.date for e in queries.list_events(session, EventFilter(include_undated=True))] == ["2022-01-12", "XXXX-01-12"]


def test_replacing_a_document_keeps_other_sources_and_leaves_no_orphans(session):
    a = doc("a.txt", COUNCIL_A)
    save(session, a, cand("2022-01-12", "Council meets in Brussels", "meeting", COUNCIL_A, places=("Brussels",)),
         cand("2021-12-17", "Drafts published", "publication", COUNCIL_A, start=5))
    save(session, doc("b.txt", COUNCIL_B),
         cand("2022-01-12", "Council meets", "meeting", COUNCIL_B, places=("Brussels",)))
    assert count(session, m.Event) == 2
    with tx(session):
        state, existing = store.document_state(session, source_key=a.path, sha256="changed")
        assert state == "changed"
        store.delete_document(session, document_id=existing.id)
    [ev] = queries.list_events(session)
    assert [s.document for s in ev.sources] == ["b.txt"]
    assert count(session, m.Event) == 1
    assert count(session, m.EventSource) == 1


def test_actors_and_places_follow_their_sources(session):
    a = doc("a.txt", COUNCIL_A)
    save(session, a, cand("2022-01-12", "Council meets", "meeting", COUNCIL_A, places=("Brussels",),
                          actors=("NATO",)))
    save(session, doc("b.txt", COUNCIL_B), cand("2022-01-12", "Council meets", "meeting", COUNCIL_B,
                                               places=("Brussels",), actors=("NATO", "Russia")))
    [ev] = queries.list_events(session)
    assert ev.actors == ("NATO", "Russia")
    with tx(session):
        store.delete_document(session, document_id=session.scalar(select(m.Document.id).where(m.Document.name == "a.txt")))
    [ev] = queries.list_events(session)
    assert ev.actors == ("NATO", "Russia")
    assert [s.document for s in ev.sources] == ["b.txt"]


def test_document_state(session):
    a = doc("a.txt", COUNCIL_A)
    save(session, a)
    assert store.document_state(session, source_key=a.path, sha256=a.sha256)[0] == "unchanged"
    assert store.document_state(session, source_key=a.path, sha256="0" * 64)[0] == "changed"
    assert store.document_state(session, source_key="/elsewhere", sha256="0" * 64) == ("new", None)


def test_disagreeing_sources_are_kept_and_flagged(session):
    save(session, doc("a.txt", "a"), cand("2015", "Treaty signed", "agreement", "a", places=("Paris",)))
    save(session, doc("b.txt", "b"), cand("2015", "Treaty signed", "agreement", "b", places=("Paris",)))
    ev_id = session.scalar(select(m.Event.id))
    with tx(session):
        src = session.scalars(select(m.EventSource)).all()[1]
        src.date_value, src.precision = "2016", "year"
        session.flush()
        store.refresh_event(session, event_id=ev_id)
    [ev] = queries.list_events(session)
    assert ev.disputed and {s.date for s in ev.sources} == {"2015", "2016"}


@pytest.fixture
def chronology(session):
    for i, (date, title) in enumerate([("2002", "Council set up"), ("2014", "Crimea annexed"),
                                       ("2014-04", "Cooperation suspended"), ("2015-05-19", "Ministers meet"),
                                       ("2021-12-17", "Drafts published"), ("2022-01-12", "Council meets")]):
        save(session, doc(f"{i}.txt", title), cand(date, title, "other", title, places=(f"P{i}",)))
    return session


@pytest.mark.parametrize("since,until,expected", [
    (None, None, ["2002", "2014", "2014-04", "2015-05-19", "2021-12-17", "2022-01-12"]),
    ("2021", None, ["2021-12-17", "2022-01-12"]),
    ("2014-04", None, ["2014-04", "2015-05-19", "2021-12-17", "2022-01-12"]),
    (None, "2014", ["2002", "2014", "2014-04"]),
    (None, "2014-03", ["2002", "2014"]),
    ("2014", "2015-05", ["2014", "2014-04", "2015-05-19"]),
    ("2022-01-13", None, []),
])
def test_list_filters(chronology, since, until, expected):
    got = queries.list_events(chronology, EventFilter(since=PartialDate.parse(since) if since else None,
                                                      until=PartialDate.parse(until) if until else None))
    assert [e.date for e in got] == expected


def test_list_limit(chronology):
    assert [e.date for e in queries.list_events(chronology, EventFilter(limit=2))] == ["2002", "2014"]


def test_find_events(chronology):
    [ev] = queries.find_events(chronology, "crimea")
    assert ev.title == "Crimea annexed"
    assert queries.find_events(chronology, str(ev.id))[0].slug == ev.slug
    assert queries.find_events(chronology, ev.slug)[0].id == ev.id
    assert len(queries.find_events(chronology, "council")) == 2
    assert queries.find_events(chronology, "%") == []
    assert queries.find_events(chronology, "nothing like this") == []
    assert any("crimea" in s for s in queries.suggest_events(chronology, "crimean annexation"))


def test_headline_is_the_one_most_sources_give_however_many_repeat_it(session):
    """Repeated reports are read as one group with a count: three sources with
    one headline outvote two with another, even at a lower confidence."""
    for i in range(3):
        save(session, doc(f"low{i}.txt", f"low {i}"),
             cand("2022-01-12", "Council meets in Brussels", "meeting", f"low {i}", places=("Brussels",), conf=0.6))
    for i in range(2):
        save(session, doc(f"high{i}.txt", f"high {i}"),
             cand("2022-01-12", "NATO-Russia Council session", "meeting", f"high {i}", places=("Brussels",), conf=0.9))
    [ev] = queries.list_events(session, EventFilter())
    assert len(ev.sources) == 5
    assert ev.title == "Council meets in Brussels" and ev.summary.startswith("low 0") and ev.confidence == 0.9
    for i in range(2, 4):
        save(session, doc(f"high{i}.txt", f"high {i}"),
             cand("2022-01-12", "NATO-Russia Council session", "meeting", f"high {i}", places=("Brussels",), conf=0.9))
    [ev] = queries.list_events(session, EventFilter())
    assert ev.title == "NATO-Russia Council session" and ev.summary.startswith("high 0")
    assert ev.slug == "2022-01-12-nato-russia-council-session"


def _event_state(session) -> list:
    """Every event with what ``refresh_event`` computes for it: its columns, its
    names and its search text."""
    from sqlalchemy import text

    events = session.execute(text(
        "SELECT id, slug, title, type, date_value, precision, date_start, date_end, month_day, summary, "
        "confidence, status, disputed, n_sources FROM events ORDER BY id")).all()
    links = session.execute(text(
        "SELECT event_id, actor_id, 'a' FROM event_actors UNION ALL SELECT event_id, place_id, 'p' FROM event_places "
        "ORDER BY 1, 2, 3")).all()
    key = "rowid" if session.bind.dialect.name == "sqlite" else "event_id"
    search = session.execute(text(f"SELECT {key}, title, summary, quotes FROM event_search ORDER BY 1")).all()
    return [events, links, search]


def _recomputed(session) -> list:
    """The state after recomputing every event from its sources (not committed)."""
    for event_id in session.scalars(select(m.Event.id)).all():
        store.refresh_event(session, event_id=event_id)
    state = _event_state(session)
    session.rollback()
    return state


def test_a_repeated_report_leaves_each_event_as_a_recomputation_would(session):
    """A source that repeats one the event has (same date, title, names, quote)
    skips the recomputation: only its group's count grows. Whatever sources come
    in, every event stays what recomputing it from all its sources gives; and
    repeats of a headline that was outvoted still win it over once they outnumber."""
    low, high = ("low", "Council meets in Brussels", 0.6), ("high", "NATO-Russia Council session", 0.9)
    steps = [[low]] * 3 + [[high]] * 4 + [[low]] * 2 + [[low, high]] * 2 + [[high]] + [[low, high]] * 2
    titles = []
    for i, reports in enumerate(steps):
        save(session, doc(f"d{i}.txt", f"document {i}"),
             *(cand("2022-01-12", title, "meeting", f"The {quote} report.", start=100 * j, places=("Brussels",),
                    conf=conf) for j, (quote, title, conf) in enumerate(reports)),
             cand("2022-01", "Talks in Geneva", "talks", "Talks in Geneva in January.", start=40,
                  places=("Geneva",), actors=("Russia", "United States")))
        state = _event_state(session)
        assert state == _recomputed(session), f"after document {i}"
        titles.append(session.scalar(select(m.Event.title).where(m.Event.type == "meeting")))
    assert count(session, m.Event) == 2 and count(session, m.EventSource) == sum(len(r) + 1 for r in steps)
    # the votes for low to high after each document
    assert titles[2] == titles[3] == titles[4] == low[1]  # 3:0, 3:1, 3:2
    assert titles[5] == titles[6] == high[1]  # 3:3 (a tie: the more confident), 3:4
    assert titles[7] == high[1]  # 4:4, a tie again
    assert titles[8] == titles[9] == titles[10] == low[1]  # 5:4, 6:5, 7:6
    assert titles[11] == titles[12] == titles[13] == high[1]  # 7:7, then tied as before: 8:8, 9:9


def test_a_copied_corpus_leaves_each_event_as_a_recomputation_would(engine, tmp_path):
    """The same through ``ingest``: copies of the seeds (the same reports again
    and again, so most merges take the shortcut) and the documents of the ingest
    tests (other words for some of the same events)."""
    from nato_timeline.db import session_factory
    from nato_timeline.ingest import run

    from .conftest import SEEDS
    from .test_ingest_parallel import DATA

    files = []
    for i in range(3):
        for seed in sorted(SEEDS.iterdir()):
            f = tmp_path / f"{i}_{seed.name}"
            f.write_text(f"Copy {i}\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(f)
    report = run(files + sorted(DATA.glob("*.*")), engine=engine)
    assert report.events_merged > report.events_added > 15
    with session_factory(engine)() as session:
        assert _event_state(session) == _recomputed(session)


def test_a_repeat_said_earlier_in_its_document_is_not_a_mere_repeat(session):
    """Ties go to what is said earliest in a document: the same report at a
    smaller offset can change the event's headline, so it is recomputed."""
    a = ("Talks in Geneva", "The talks report.")
    b = ("Negotiations in Geneva", "The negotiations report.")
    def report(name, first, second):
        save(session, doc(name, name),
             cand("2022-01-10", first[0], "talks", first[1], start=50, places=("Geneva",)),
             cand("2022-01-10", second[0], "talks", second[1], start=200, places=("Geneva",)))
        assert _event_state(session) == _recomputed(session), name

    report("d1.txt", a, b)  # a tie: the earlier said wins
    assert session.scalar(select(m.Event.title)) == a[0]
    report("d2.txt", a, b)
    save(session, doc("d3.txt", "d3"),
         cand("2022-01-10", b[0], "talks", b[1], start=10, places=("Geneva",)),
         cand("2022-01-10", a[0], "talks", a[1], start=300, places=("Geneva",)))
    assert _event_state(session) == _recomputed(session)
    assert session.scalar(select(m.Event.title)) == b[0]  # 3:3, and b is now said earliest


def _miscounted(session) -> list:
    """Events whose stored ``n_sources`` is not the number of their source rows."""
    from sqlalchemy import text

    return session.execute(text(
        "SELECT e.id, e.n_sources, (SELECT count(*) FROM event_sources s WHERE s.event_id = e.id) AS n "
        "FROM events e WHERE e.n_sources <> (SELECT count(*) FROM event_sources s WHERE s.event_id = e.id)"
    )).all()


def test_the_stored_source_count_follows_every_write(engine, tmp_path):
    """``events.n_sources`` equals the event's rows in ``event_sources`` after
    ingesting (new events, merges, repeats that skip the recomputation, year-less
    dates resolved from another document), re-ingesting changed documents and
    deleting documents."""
    from nato_timeline.db import session_factory
    from nato_timeline.ingest import run

    from .conftest import SEEDS

    files = []
    for i in range(2):
        for seed in sorted(SEEDS.iterdir()):
            f = tmp_path / f"{i}_{seed.name}"
            f.write_text(f"Copy {i}\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(f)
    Session = session_factory(engine)

    def check() -> dict[int, int]:
        with Session() as session:
            assert _miscounted(session) == []
            return dict(session.execute(select(m.Event.id, m.Event.n_sources)).all())

    report = run(files, engine=engine)
    assert report.events_merged > 0
    first = check()
    assert max(first.values()) > 1 and min(first.values()) >= 1
    # a changed document: its old sources go, the new text's come in
    files[4].write_text("Copy 0\n\nNothing dated here.\n", encoding="utf-8")
    files[3].write_text("Changed\n\n" + files[3].read_text(encoding="utf-8") + "\n\nMore of it.\n", encoding="utf-8")
    report = run(files, engine=engine)
    assert report.changed == 2
    second = check()
    assert second != first
    # deleting every copy-1 document by hand
    with Session() as session, session.begin():
        for doc_id in session.scalars(select(m.Document.id).where(m.Document.name.like("1_%"))).all():
            store.delete_document(session, document_id=doc_id)
    third = check()
    assert sum(third.values()) < sum(second.values())


def test_min_sources_uses_the_stored_count(session):
    """The filter reads ``n_sources``: an event whose stored count says 3 is
    kept by ``--min-sources 3`` whatever its rows (the write path keeps the two
    equal; this shows which one the query reads)."""
    save(session, doc("a.txt", COUNCIL_A), cand("2022-01-12", "Council meets", "meeting", COUNCIL_A))
    save(session, doc("b.txt", COUNCIL_B), cand("2022-01-12", "Council meets", "meeting", COUNCIL_B))
    [ev] = queries.list_events(session, EventFilter(min_sources=2))
    assert queries.list_events(session, EventFilter(min_sources=3)) == []
    with tx(session):
        session.execute(m.Event.__table__.update().values(n_sources=3))
    assert [e.id for e in queries.list_events(session, EventFilter(min_sources=3))] == [ev.id]
