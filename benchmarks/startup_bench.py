"""Start-up time: ``timeline --help``, ``timeline list --help``, ``timeline --version``
(median of 10), and a read command on a small database already at head:
``timeline list --limit 1`` as a table and as JSON (median of 5, wall time and
CPU time of the process), where the
query takes about a millisecond and the rest is the interpreter and imports.

    python benchmarks/startup_bench.py [--importtime]

The database holds the five bundled seeds, ingested by the same interpreter
into a temporary folder. ``--importtime`` also prints the ten slowest imports
(cumulative, ``python -X importtime``) of the table command.
"""

from __future__ import annotations

import argparse
import resource
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


def _cpu(cmd: list[str], repeat: int) -> float:
    """Median CPU time (user + system) of ``cmd`` over ``repeat`` runs, in seconds:
    steadier than wall time on a machine whose cores are shared."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--importtime", action="store_true", help="also list the slowest imports of `list --limit 1`")
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
        if args.importtime:
            print("slowest imports of `timeline list --limit 1` (cumulative):")
            for us, name in _importtime([sys.executable, "-m", "nato_timeline", "list", "--limit", "1", "--db", db]):
                print(f"  {us / 1000:7.1f} ms {name}")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
