"""``list`` and ``search`` latency on a database of 1,000,000 synthetic events.

The database is built once with bulk inserts through the real schema (Alembic
head) and kept in benchmarks/out/. Each event has one to three of 60 actors,
one or (one event in a hundred) two sources, and a title and quote drawn from a Zipf-distributed vocabulary, so full-text
queries hit from a handful to a third of the events; the search index is
filled as revision 0002 fills it. Latency is measured in-process (the query and
the records) and for the whole command in a subprocess (start-up included).

    python benchmarks/list_bench.py [--events 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import subprocess
import sys
import time

from _common import machine, scratch, timeit

TYPES = ["meeting", "talks", "summit", "statement", "agreement", "suspension", "military-action"]
ACTORS = [f"Actor {i}" for i in range(60)]
#: Zipf-like: word k is drawn with weight 1/(k+1), so "w0" is common and "w4999" rare.
VOCABULARY = [f"w{k}" for k in range(5000)]
WEIGHTS = [1 / (k + 1) for k in range(5000)]
#: the same draws as ``weights=WEIGHTS``, without summing 5,000 weights on every draw
CUM_WEIGHTS = list(itertools.accumulate(WEIGHTS))


def build(path, n_events: int) -> None:
    from sqlalchemy import insert

    from nato_timeline import models as m
    from nato_timeline.db import open_database

    engine = open_database(str(path))
    rng = random.Random(42)
    start = dt.date(1990, 1, 1).toordinal()
    span = dt.date(2025, 12, 31).toordinal() - start
    with engine.begin() as conn:
        conn.execute(insert(m.Document), [{
            "name": f"doc{i}.txt", "source_key": f"/synthetic/doc{i}.txt", "path": f"/synthetic/doc{i}.txt",
            "sha256": f"{i:064x}", "body": "synthetic", "n_chars": 9, "published_from": "unknown",
            "ingested_at": dt.datetime(2025, 1, 1)} for i in range(1000)])
    with engine.begin() as conn:
        conn.execute(insert(m.Actor), [{"id": i + 1, "name": name} for i, name in enumerate(ACTORS)])
    batch = 50_000
    for lo in range(0, n_events, batch):
        events, sources, links = [], [], []
        for i in range(lo, min(lo + batch, n_events)):
            d = dt.date.fromordinal(start + rng.randrange(span))
            prec = rng.choice(("day", "day", "day", "month", "year"))
            if prec == "day":
                value, s, e = d.isoformat(), d, d
            elif prec == "month":
                value = d.isoformat()[:7]
                s = d.replace(day=1)
                e = (s.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            else:
                value, s, e = str(d.year), dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
            title = "Synthetic event " + " ".join(rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=4))
            quote = "Quote " + " ".join(rng.choices(VOCABULARY, cum_weights=CUM_WEIGHTS, k=12)) + "."
            for a in rng.sample(range(len(ACTORS)), rng.randint(1, 3)):
                links.append({"event_id": i + 1, "actor_id": a + 1})
            events.append({"id": i + 1, "slug": f"{value}-synthetic-event-{i}", "title": title,
                           "type": rng.choice(TYPES), "date_value": value, "precision": prec,
                           "date_start": s, "date_end": e, "month_day": value[5:] if prec == "day" else None,
                           "summary": quote, "confidence": 0.5, "status": "occurred",
                           "disputed": False, "created_at": dt.datetime(2025, 1, 1)})
            # one event in a hundred is reported by a second document
            n_sources = 2 if i % 100 == 99 else 1
            events[-1]["n_sources"] = n_sources
            for doc_id in rng.sample(range(1, 1001), n_sources):
                sources.append({"event_id": i + 1, "document_id": doc_id, "quote": quote,
                                "start": 0, "end": 9, "timex_start": 0, "timex_end": 4, "date_value": value,
                                "precision": prec, "anchor": "absolute", "title": title,
                                "type": "meeting", "status": "occurred", "confidence": 0.5, "actors": "",
                                "places": ""})
        with engine.begin() as conn:
            conn.execute(insert(m.Event), events)
            conn.execute(insert(m.EventSource), sources)
            conn.execute(insert(m.EventActor), links)
    with engine.begin() as conn:  # what revision 0002 does for events stored before it
        conn.exec_driver_sql(
            "INSERT INTO event_search (rowid, title, summary, quotes) "
            "SELECT e.id, e.title, coalesce(e.summary, ''), coalesce((SELECT group_concat(s.quote, char(10)) "
            "FROM event_sources s WHERE s.event_id = e.id), '') FROM events e")
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    # v3: one event in a hundred with two sources, and the stored count of revision 0003
    path = scratch() / f"list-bench-v3-{args.events}.db"
    if not path.exists():
        t0 = time.perf_counter()
        build(path, args.events)
        print(f"built {args.events:,} synthetic events in {time.perf_counter() - t0:.1f} s")

    from nato_timeline.db import open_database, session_factory
    from nato_timeline.queries import EventFilter, list_events, search_events
    from nato_timeline.temporal.types import PartialDate

    engine = open_database(str(path))
    Session = session_factory(engine)
    cases = [
        ("--limit 50", dict(limit=50)),
        ("--since 2021 --limit 50", dict(since=PartialDate(2021), limit=50)),
        ("--since 2014-04 --until 2014-04", dict(since=PartialDate(2014, 4), until=PartialDate(2014, 4))),
        ("--since 2021-06-07 --until 2021-06-07", dict(since=PartialDate(2021, 6, 7), until=PartialDate(2021, 6, 7))),
        ("--until 1990-03 --limit 100", dict(until=PartialDate(1990, 3), limit=100)),
        ("--actor 'Actor 7' --limit 50", dict(actors=("Actor 7",), limit=50)),
        ("--actor 'Actor 7' --since 2021-06 --until 2021-06", dict(actors=("Actor 7",), since=PartialDate(2021, 6),
                                                                  until=PartialDate(2021, 6))),
        ("--text w0 --limit 50 (common word)", dict(text="w0", limit=50)),
        ("--text w4321 (rare word)", dict(text="w4321")),
        ("--text '\"w1 w2\"' --limit 50 (phrase)", dict(text='"w1 w2"', limit=50)),
        ("--text 'w12*' --since 2021 --limit 50", dict(text="w12*", since=PartialDate(2021), limit=50)),
        ("--actor 'Actor 7' --text w3 --limit 50", dict(actors=("Actor 7",), text="w3", limit=50)),
        ("--min-sources 2 --limit 50 (one event in 100)", dict(min_sources=2, limit=50)),
        ("--min-sources 2 --since 2025-12 (one event in 100)", dict(min_sources=2, since=PartialDate(2025, 12))),
        ("--min-sources 3 --limit 50 (none has 3)", dict(min_sources=3, limit=50)),
    ]
    print(f"list on {args.events:,} events (in-process, query + records; median of 5):")
    for label, kw in cases:
        def q():
            with Session() as s:
                return list_events(s, EventFilter(**kw))
        n = len(q())
        med, best = timeit(q)
        print(f"  {label:<55} {n:>6} events  {med * 1000:8.1f} ms (best {best * 1000:.1f} ms)")
    print("search, best 20 by rank with snippets (in-process; median of 5):")
    for query in ("w4321", "w100 w200", "w0", '"w1 w2" OR w4999', "w12*"):
        def q():
            with Session() as s:
                return search_events(s, query, 20)
        n = len(q())
        med, best = timeit(q)
        print(f"  search {query!r:<48} {n:>6} hits    {med * 1000:8.1f} ms (best {best * 1000:.1f} ms)")
    engine.dispose()
    print("whole command in a subprocess (start-up included; median of 5):")
    for args_ in (["--since", "2021", "--limit", "50"], ["--since", "2014-04", "--until", "2014-04"],
                  ["--actor", "Actor 7", "--text", "w3", "--limit", "50"]):
        cmd = [sys.executable, "-m", "nato_timeline", "list", *args_, "--format", "json", "--db", str(path)]
        med, best = timeit(lambda: subprocess.run(cmd, check=True, capture_output=True))
        print(f"  timeline list {' '.join(args_):<31} {med * 1000:8.1f} ms (best {best * 1000:.1f} ms)")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
