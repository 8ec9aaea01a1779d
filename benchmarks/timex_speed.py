"""Speed of ``tag()`` and of the whole extraction ``extract_document()`` (characters per
second, one core) on TempEval-3 training bodies.

    python benchmarks/timex_speed.py [TE3_DIR] [--dateparser-chars N]

Also times dateparser's ``search_dates`` on the same text (on a prefix of
``--dateparser-chars`` characters when it is too slow for the whole set; the
output says so), and ``tag()`` on 1 MB vs 10 MB of concatenated text.
Prints results; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval3-train"
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def bodies(folder: Path) -> list[str]:
    out = []
    for p in sorted((folder / "text").glob("*.txt")):
        raw = p.read_text(encoding="utf-8")
        m = _FRONT.match(raw)
        out.append(raw[m.end() :] if m else raw)
    return out


def best_of(fn, n=3) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--dateparser-chars", type=int, default=60_000)
    args = ap.parse_args(argv)
    from nato_timeline.temporal import tag
    from nato_timeline.temporal.loader import load

    docs = bodies(args.folder)
    total = sum(map(len, docs))
    t0 = time.perf_counter()
    load()
    print(f"rule compilation (once): {time.perf_counter() - t0:.3f}s")
    dt = best_of(lambda: [tag(d) for d in docs])
    ours = total / dt
    print(f"ours: tag() per document over {len(docs)} TE3 bodies, {total:,} chars: {dt:.3f}s = {ours:,.0f} chars/s")
    # what ingest runs on each document: reading, dates anchored, events
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_text

    read = [read_text(d) for d in docs]
    dx = best_of(lambda: [extract_document(d) for d in read])
    print(f"ours: extract_document() (dates anchored and events) on the same bodies: {dx:.3f}s = "
          f"{total / dx:,.0f} chars/s")

    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser not installed (pip install dateparser) — skipped")
    else:
        sub, n = [], 0
        for d in docs:
            if n >= args.dateparser_chars:
                break
            sub.append(d)
            n += len(d)
        t0 = time.perf_counter()
        for d in sub:
            search_dates(d, languages=["en"])
        dp = n / (time.perf_counter() - t0)
        note = "" if n >= total else f" (subset: first {len(sub)} documents, {n:,} chars)"
        print(f"dateparser search_dates: {dp:,.0f} chars/s{note}; ours is {ours / dp:,.0f}x faster")

    big = "\n\n".join(docs)
    one = (big * (1_000_000 // len(big) + 1))[:1_000_000]
    ten = (big * (10_000_000 // len(big) + 1))[:10_000_000]
    t1 = best_of(lambda: tag(one), 2)
    t10 = best_of(lambda: tag(ten), 1)
    print(f"tag() on 1 MB: {t1:.2f}s ({1e6 / t1:,.0f} chars/s); on 10 MB: {t10:.2f}s ({1e7 / t10:,.0f} chars/s); ratio {t10 / t1:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
