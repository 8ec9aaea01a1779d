"""Ingest throughput: the seeds multiplied into a 1,000-document corpus, ingested
with 1, 2 and all cores (``timeline ingest --jobs N`` in a subprocess, a new
database each time).

Each copy gets a distinct header line so that the content hashes differ and
every document is really extracted and stored (not skipped as unchanged).
Besides the wall time, the CPU time of the main process (the writer) and of
the workers is printed: on a shared machine the wall time depends on the
other load, the CPU time much less.

    python benchmarks/ingest_bench.py [--docs 1000] [--jobs 1,2,all] [--store-only]

``--store-only`` reads and extracts the corpus first, then times storing
alone (``ingest.store_outcomes``, one transaction a document, CPU time of this
process) on a new SQLite database: the writer's own work, without extraction.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time

from _common import ROOT, machine, scratch


def build_corpus(n_docs: int):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    folder = scratch() / f"corpus-{n_docs}"
    if folder.exists() and len(list(folder.iterdir())) == n_docs:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(n_docs):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8")
        (folder / f"{i:05d}_{seed.name}").write_text(f"Copy {i}\n\n{text}", encoding="utf-8")
    return folder


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def ingest(folder, db, jobs: int) -> tuple[float, float, float, str]:
    """Wall time, CPU time of the command, CPU time of its workers, and its summary."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # the workers are children of the command: timed apart through the wrapper
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(folder), str(db), str(jobs)],
        capture_output=True, text=True, check=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary, main_cpu = out.stdout.rsplit("\n", 2)[-2].split("\t")
    workers = max(0.0, total - float(main_cpu))
    return wall, float(main_cpu), workers, summary


#: runs one ingest in this process and prints its summary and the CPU time of
#: this process alone (the workers' time is what the caller sees on top of it)
_WRAPPER = """
import resource, sys
from nato_timeline.db import open_database
from nato_timeline.ingest import run
engine = open_database(sys.argv[2])
report = run([sys.argv[1]], engine=engine, jobs=int(sys.argv[3]))
engine.dispose()
me = resource.getrusage(resource.RUSAGE_SELF)
print(f"{report.new} new, {report.unchanged} unchanged, {report.events_added} events added, "
      f"{report.events_merged} merged\\t{me.ru_utime + me.ru_stime}")
"""


def dump(db) -> list:
    con = sqlite3.connect(db)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("timexes", "event_sources", "actors", "places", "event_actors", "event_places")] + [
            con.execute("SELECT id, slug, title, date_value, summary, confidence FROM events ORDER BY id").fetchall()]
    finally:
        con.close()


def store_only(folder) -> tuple[float, str]:
    """CPU seconds of storing the extracted corpus, and what was stored."""
    from nato_timeline.db import open_database
    from nato_timeline.ingest import Outcome, Unit, store_outcomes
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_file

    items = []
    for path in sorted(folder.iterdir()):
        [doc] = read_file(path)
        items.append((Unit(str(path)), Outcome(((doc, extract_document(doc)),))))
    db = scratch() / "ingest-bench-store.db"
    for suffix in ("", "-wal", "-shm"):
        (db.parent / (db.name + suffix)).unlink(missing_ok=True)
    engine = open_database(f"sqlite:///{db}")
    try:
        t0 = time.process_time()
        report = store_outcomes(engine, (item for item in items))
        cpu = time.process_time() - t0
    finally:
        engine.dispose()
    return cpu, f"{report.new} new, {report.events_added} events added, {report.events_merged} merged"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--jobs", default="1,2,all", help="comma-separated job counts; 'all' is the number of cores")
    ap.add_argument("--store-only", action="store_true", help="time storing the extracted corpus alone")
    args = ap.parse_args()
    if args.store_only:
        folder = build_corpus(args.docs)
        cpu, summary = store_only(folder)
        print(f"storing {args.docs:,} extracted documents: {cpu:.2f} s CPU ({cpu / args.docs * 1000:.2f} ms a "
              f"document); {summary}; load average {os.getloadavg()[0]:.1f}")
        return
    counts = list(dict.fromkeys(cores() if j == "all" else int(j) for j in args.jobs.split(",")))

    folder = build_corpus(args.docs)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
    print(f"corpus: {args.docs:,} documents, {chars:,} characters; {cores()} cores; load average "
          f"{os.getloadavg()[0]:.1f} at the start")
    print(f"{'jobs':>4}  {'wall':>8}  {'documents/s':>11}  {'speed-up':>8}  {'CPU writer':>10}  {'CPU workers':>11}  "
          f"{'again (unchanged)':>17}")
    first = None
    dumps = []
    for jobs in counts:
        db = scratch() / f"ingest-bench-{jobs}.db"
        for suffix in ("", "-wal", "-shm"):
            (db.parent / (db.name + suffix)).unlink(missing_ok=True)
        wall, main_cpu, workers, summary = ingest(folder, db, jobs)
        again, *_ = ingest(folder, db, jobs)
        first = first or wall
        print(f"{jobs:>4}  {wall:>7.2f}s  {args.docs / wall:>11.1f}  {first / wall:>7.2f}x  {main_cpu:>9.2f}s  "
              f"{workers:>10.2f}s  {again:>16.2f}s")
        dumps.append(dump(db))
    print(f"each run: {summary}")
    print(f"databases identical across job counts: {'yes' if all(d == dumps[0] for d in dumps) else 'NO'}")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
