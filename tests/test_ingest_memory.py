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


#: extracts one document as ``timeline extract`` and ``ingest`` do and prints
#: the peak of what Python allocated meanwhile (tracemalloc: which blocks a given
#: text allocates does not depend on the machine's load); a first small document
#: loads the rules and the lexicon, which are not the document's
EXTRACT_PEAK = """
import gc, sys, tracemalloc
from pathlib import Path
from nato_timeline.pipeline import extract_document
from nato_timeline.read import read_file

def extract(path):
    return [extract_document(doc) for doc in read_file(Path(path))]

extract(sys.argv[1])
gc.collect()
tracemalloc.start()
found = extract(sys.argv[2])
print(tracemalloc.get_traced_memory()[1], sum(len(x.events) for x in found), len(found[0].document.body))
"""


def write_document(path: Path, chars: int) -> int:
    """One long report, dated sentences among plain ones, of about ``chars`` characters."""
    rng = random.Random(chars)
    parts, size = ["Chronology of NATO-Russia contacts\n\n"], 0
    while size < chars:
        if rng.random() < 0.2:
            s = (f"{rng.choice(WHO).capitalize()} {rng.choice(DID)} {rng.choice(CITIES)} on "
                 f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1995, 2024)}.")
        else:
            s = rng.choice(FILLER)
        parts.append(s + ("\n\n" if rng.random() < 0.1 else " "))
        size += len(parts[-1])
    path.write_text("".join(parts), encoding="utf-8")
    return path.stat().st_size


@pytest.mark.slow
def test_a_3_mb_document_is_read_and_extracted_in_memory_proportional_to_it(tmp_path):
    """A single 3 MB document is accepted, and extracting it takes memory in
    proportion to its text: three times the text of a 1 MB one, about three
    times the peak (quadratic growth would be nine times)."""
    warm = tmp_path / "warm.txt"
    write_document(warm, 2_000)
    peaks, bodies = {}, {}
    for mb in (1, 3):
        path = tmp_path / f"report-{mb}mb.txt"
        assert write_document(path, mb * 1_000_000) >= mb * 1_000_000
        out = subprocess.run([sys.executable, "-c", EXTRACT_PEAK, str(warm), str(path)],
                             capture_output=True, text=True, timeout=900, cwd=REPO)
        assert out.returncode == 0, out.stderr
        peak, events, body = (int(x) for x in out.stdout.split())
        assert events > 1000 * mb, "the dated sentences were read as events"
        peaks[mb], bodies[mb] = peak, body
    assert bodies[3] > 2.9 * bodies[1]
    assert 2.0 < peaks[3] / peaks[1] < 4.5, peaks
