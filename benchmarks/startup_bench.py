"""Start-up time: ``timeline --help``, ``timeline list --help``, ``timeline --version``
(median of 10), and a read command on a small database already at head:
``timeline list --limit 1`` as a table and as JSON (median of 5, wall time and
CPU time of the process), where the
query takes about a millisecond and the rest is the interpreter and imports.

Then the ratio the issue sets a goal for: the CPU time (user + system) of
``timeline list --format json --limit 1`` over that of ``sqlite-utils rows DB
events --limit 1`` (the ``bench`` extra installs sqlite-utils) on the same
database, the two run alternately, ``--rounds`` rounds (default 15), median of
each: a ratio measured in one run holds on a shared machine where absolute
times do not.

    python benchmarks/startup_bench.py [--importtime] [--rounds N]

The database holds the five bundled seeds, ingested by the same interpreter
into a temporary folder. ``--importtime`` also prints the ten slowest imports
(cumulative, ``python -X importtime``) of the table command.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import machine, timeit


def _importtime(cmd: list[str]) -> list[tuple[int, str]]:
    err = subprocess.run([sys.executable, "-X", "importtime", *cmd[1:]], check=True, capture_output=True,
                         text=True).stderr
    rows = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:10]


def _cpu_once(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _cpu(cmd: list[str], repeat: int) -> float:
    """Median CPU time (user + system) of ``cmd`` over ``repeat`` runs, in seconds:
    steadier than wall time on a machine whose cores are shared."""
    return statistics.median(_cpu_once(cmd) for _ in range(repeat))


def _sqlite_utils() -> list[str] | None:
    """The sqlite-utils command beside this interpreter (the bench extra), or on PATH."""
    beside = Path(sys.executable).with_name("sqlite-utils")
    found = str(beside) if beside.exists() else shutil.which("sqlite-utils")
    return [found] if found else None


def against_sqlite_utils(db: str, rounds: int) -> None:
    """``timeline list --format json --limit 1`` against ``sqlite-utils rows DB
    events --limit 1``, alternating, as a ratio of median CPU times."""
    other = _sqlite_utils()
    if other is None:
        print("sqlite-utils not installed (pip install -e '.[bench]'): no ratio")
        return
    ours = [sys.executable, "-m", "nato_timeline", "list", "--format", "json", "--limit", "1", "--db", db]
    theirs = [*other, "rows", db, "events", "--limit", "1"]
    _cpu_once(ours), _cpu_once(theirs)  # warm the file cache
    a, b = [], []
    for _ in range(rounds):
        a.append(_cpu_once(ours))
        b.append(_cpu_once(theirs))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"timeline list --format json --limit 1   CPU {ma * 1000:6.1f} ms (median of {rounds})")
    print(f"sqlite-utils rows DB events --limit 1   CPU {mb * 1000:6.1f} ms (same rounds, alternating)")
    print(f"ratio                                   {ma / mb:6.2f}x (goal: at most 1.5x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports of `list --limit 1`")
    ap.add_argument("--rounds", type=int, default=15, help="alternating rounds against sqlite-utils (default 15)")
    args = ap.parse_args()
    py, _ = timeit(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat=10)
    print(f"python -c pass                 {py * 1000:7.1f} ms (interpreter alone)")
    for argv in (["--help"], ["list", "--help"], ["--version"]):
        cmd = [sys.executable, "-m", "nato_timeline", *argv]
        med, best = timeit(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat=10)
        print(f"timeline {' '.join(argv):<21} {med * 1000:7.1f} ms (best {best * 1000:.1f} ms)")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "seeds.db")
        subprocess.run([sys.executable, "-m", "nato_timeline", "ingest", "-q", "--db", db], check=True)
        for argv in (["list", "--limit", "1"], ["list", "--limit", "1", "--format", "json"]):
            cmd = [sys.executable, "-m", "nato_timeline", *argv, "--db", db]
            med, best = timeit(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat=5)
            cpu = _cpu(cmd, 5)
            print(f"timeline {' '.join(argv):<21} {med * 1000:7.1f} ms (best {best * 1000:.1f} ms; "
                  f"CPU {cpu * 1000:.1f} ms; seeds, at head)")
        against_sqlite_utils(db, args.rounds)
        if args.importtime:
            print("slowest imports of `timeline list --limit 1` (cumulative):")
            for us, name in _importtime([sys.executable, "-m", "nato_timeline", "list", "--limit", "1", "--db", db]):
                print(f"  {us / 1000:7.1f} ms {name}")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
