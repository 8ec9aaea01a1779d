"""``make bench``: every benchmark in turn; figures are printed, never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_DATA = HERE.parent.parent / "shared" / "data"

STEPS = [
    ["startup_bench.py"],
    ["ingest_bench.py", "--jobs", "1,2,all"],
    ["dask_bench.py"],
    ["list_bench.py"],
    ["timex_speed.py"],
    ["timex_eval.py", str(SHARED_DATA / "tempeval3-train")],
    ["timex_eval.py", str(SHARED_DATA / "nato-russia-dev")],
    ["event_eval.py", str(SHARED_DATA / "nato-russia-dev")],
]


def main() -> int:
    failed = 0
    for step in STEPS:
        script = HERE / step[0]
        if not script.exists():
            continue
        absent = [a for a in step[1:] if a.startswith(str(SHARED_DATA)) and not Path(a).exists()]
        if absent:
            print(f"== {' '.join(step)}: skipped ({absent[0]} is absent)\n")
            continue
        print(f"== {' '.join(step)}", flush=True)
        rc = subprocess.call([sys.executable, str(script), *step[1:]], cwd=HERE)
        failed += rc != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
