"""Memory stays flat whatever the corpus size: documents stream in and results
are stored as they come. Two generated ``.jsonl`` corpora, one ten times the
other, are ingested with ``--jobs 2`` in a subprocess; the peak resident size
of the command and its workers must not grow with the corpus. A test of
growth, not an absolute limit: the small run is the baseline."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

CITIES = ["Brussels", "Vienna", "Geneva", "Moscow", "Warsaw", "Riga", "Oslo", "Ankara", "Helsinki", "Tallinn"]
WHO = ["NATO", "Russia", "the alliance", "the foreign ministry", "the ambassadors", "the defence ministers"]
DID = ["met in", "held talks in", "signed an agreement in", "announced exercises near", "opened an office in"]
FILLER = [
    "Officials described the discussion as frank.",
    "No joint statement was issued.",
    "Further consultations are expected.",
    "The delegations exchanged views on security in Europe.",
    "Observers said the positions remain far apart.",
    "A spokesman declined to comment on the details.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def write_corpus(path: Path, n: int) -> int:
    """``n`` small generated articles, one a line; returns the file's size."""
    rng = random.Random(n)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            dated = [f"{rng.choice(WHO).capitalize()} {rng.choice(DID)} {rng.choice(CITIES)} on "
                     f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1995, 2024)}." for _ in range(2)]
            text = " ".join(dated + [rng.choice(FILLER) for _ in range(50)])
            f.write(json.dumps({"id": i, "text": text}) + "\n")
    return path.stat().st_size


#: runs the command and prints the peak resident size (KiB on Linux) of it and
#: of its own children (the workers), as the kernel accounts waited-for children
MEASURE = """
import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss(corpus: Path, db: Path) -> int:
    """Peak RSS in bytes of ``timeline ingest corpus --jobs 2``."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "nato_timeline", "ingest", str(corpus),
         "--db", str(db), "--jobs", "2", "-q"],
        capture_output=True, text=True, timeout=900, cwd=REPO,
    )
    assert out.returncode == 0, out.stderr
    rc, kib = out.stdout.split()
    assert rc == "0", out.stderr
    return int(kib) * 1024


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_peak_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small_size = write_corpus(small, 200)
    big_size = write_corpus(big, 2000)
    rss_small = peak_rss(small, tmp_path / "small.db")
    rss_big = peak_rss(big, tmp_path / "big.db")
    growth = rss_big - rss_small
    # ten times the documents (about 4 MB more text); holding them, their
    # extractions or the file would cost several times that
    assert rss_big / rss_small < 1.1, (rss_small, rss_big)
    assert growth < big_size - small_size, (rss_small, rss_big, big_size - small_size)
