"""Extraction on a Dask cluster: ``timeline ingest --dask-scheduler`` against a
local cluster of 1 and of 2 worker processes (one thread each), as speed-ups
over ``timeline ingest --jobs 1`` measured in the same run.

The corpus is the seeds multiplied (``ingest_bench.build_corpus``: distinct
content, so every document is extracted and stored). The three set-ups run in
alternating rounds, each into a new database, and the median wall time of each
is compared, so that load on a shared machine falls on all three alike; a first
round, not counted, lets the workers import the program and load its rules.
The databases are compared too: they must be identical.

    python benchmarks/dask_bench.py [--docs 400] [--rounds 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time

from _common import machine, scratch
from ingest_bench import build_corpus, cores, dump


def ingest(folder, db, *options: str) -> float:
    """Wall time of one ``timeline ingest`` into a new database."""
    for suffix in ("", "-wal", "-shm"):
        (db.parent / (db.name + suffix)).unlink(missing_ok=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nato_timeline", "ingest", str(folder), "--db", str(db), "-q", *options],
                   check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    try:
        from distributed import LocalCluster
    except ImportError:
        print("skipped: Dask is not installed (pip install 'nato-timeline[dask]')")
        return 0

    logging.getLogger("distributed").setLevel(logging.ERROR)  # the clusters' closing talk
    folder = build_corpus(args.docs)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
    print(f"corpus: {args.docs:,} documents, {chars:,} characters; {cores()} cores; load average "
          f"{os.getloadavg()[0]:.1f} at the start")
    clusters = {n: LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                                silence_logs=logging.ERROR) for n in (1, 2)}
    setups = {"--jobs 1": ("--jobs", "1")}
    setups.update({f"Dask, {n} worker{'s' * (n > 1)}": ("--dask-scheduler", c.scheduler_address)
                   for n, c in clusters.items()})
    times: dict[str, list[float]] = {name: [] for name in setups}
    dumps = {}
    try:
        for round_ in range(args.rounds + 1):  # the first round warms up: workers import and load the rules
            for i, (name, options) in enumerate(setups.items()):
                db = scratch() / f"dask-bench-{i}.db"
                wall = ingest(folder, db, *options)
                if round_:
                    times[name].append(wall)
                dumps[name] = dump(db)
    finally:
        for c in clusters.values():
            c.close()
    base = statistics.median(times["--jobs 1"])
    print(f"{'set-up':<16}  {'median wall':>11}  {'documents/s':>11}  {'speed-up over --jobs 1':>22}")
    for name, walls in times.items():
        wall = statistics.median(walls)
        print(f"{name:<16}  {wall:>10.2f}s  {args.docs / wall:>11.1f}  {base / wall:>21.2f}x")
    two, one = statistics.median(times["Dask, 2 workers"]), statistics.median(times["Dask, 1 worker"])
    print(f"2 workers over 1 worker: {one / two:.2f}x")
    same = all(d == dumps["--jobs 1"] for d in dumps.values())
    print(f"databases identical to --jobs 1: {'yes' if same else 'NO'}")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
