"""Start-up time of ``timeline --help`` and ``timeline list --help`` (median of 10)."""

from __future__ import annotations

import subprocess
import sys

from _common import machine, timeit


def main() -> None:
    py, _ = timeit(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat=10)
    print(f"python -c pass                 {py * 1000:7.1f} ms (interpreter alone)")
    for argv in (["--help"], ["list", "--help"], ["--version"]):
        cmd = [sys.executable, "-m", "nato_timeline", *argv]
        med, best = timeit(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat=10)
        print(f"timeline {' '.join(argv):<21} {med * 1000:7.1f} ms (best {best * 1000:.1f} ms)")
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
