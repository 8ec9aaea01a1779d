"""Ingest throughput: the seeds multiplied into a 1,000-document corpus.

Each copy gets a distinct header line so that the content hashes differ and
every document is really extracted and stored (not skipped as unchanged).

    python benchmarks/ingest_bench.py [--docs 1000] [--jobs-free]
"""

from __future__ import annotations

import argparse
import shutil
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()
    from nato_timeline.db import open_database
    from nato_timeline.ingest import run

    folder = build_corpus(args.docs)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
    db = scratch() / "ingest-bench.db"
    for suffix in ("", "-wal", "-shm"):
        (db.parent / (db.name + suffix)).unlink(missing_ok=True)
    engine = open_database(str(db))
    t0 = time.perf_counter()
    report = run([str(folder)], engine=engine)
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    again = run([str(folder)], engine=engine)
    rerun = time.perf_counter() - t1
    engine.dispose()
    print(f"ingest: {report.new} documents, {chars:,} characters in {elapsed:.2f} s "
          f"-> {report.new / elapsed:,.0f} documents/s, {chars / elapsed:,.0f} characters/s "
          f"({report.events_added} events added, {report.events_merged} merged)")
    print(f"ingest again (all unchanged): {again.unchanged} documents in {rerun:.2f} s")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
