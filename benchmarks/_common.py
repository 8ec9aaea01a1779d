"""Helpers shared by the benchmarks: timing and where scratch files go."""

from __future__ import annotations

import platform
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SHARED = ROOT.parent / "shared"


def scratch() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def timeit(fn, repeat: int = 5) -> tuple[float, float]:
    """Median and best wall time of ``fn()`` over ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def machine() -> str:
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite via {platform.system()}"
