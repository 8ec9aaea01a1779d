"""Ctrl-C during ingest: stops after the current document, keeps what was stored,
exits 130, and a rerun finishes the batch without duplicates. A real process
and a real signal, on a SQLite file and on a PostgreSQL database."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from .conftest import SEEDS, sql
from .reliability.helpers import count


def _documents(url: str, backend: str, path) -> int:
    if backend == "sqlite":  # read-only, so the file is not created before the ingest does
        return count(Path(path))
    try:
        return sql(url, "SELECT count(*) FROM documents")[0][0]
    except SQLAlchemyError:
        return 0


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_stops_after_the_current_document(tmp_path, db_url, db_path, backend, jobs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.iterdir())
    n = 200
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (corpus / f"{i:04d}.txt").write_text(f"Copy {i}\n\n{text}", encoding="utf-8")
    count = lambda: _documents(db_url, backend, db_path)  # noqa: E731
    proc = subprocess.Popen([sys.executable, "-m", "nato_timeline", "ingest", str(corpus), "--db", db_url,
                             "--jobs", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while count() < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Interrupted" in out and "Traceback" not in err
    stored = count()
    assert 3 <= stored < n
    assert f"{stored} new" in out
    if backend == "sqlite":
        con = sqlite3.connect(db_path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    rerun = subprocess.run([sys.executable, "-m", "nato_timeline", "ingest", str(corpus), "--db", db_url],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - stored} new" in rerun.stdout and f"{stored} unchanged" in rerun.stdout
    assert count() == n


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_stops_inside_a_long_document(tmp_path, jobs):
    """A document that takes long to extract is not waited for: the first Ctrl-C
    drops it, keeps the documents stored before it and exits 130. Proved without a
    clock: had the program waited for the document, it would have stored it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, place in enumerate(("Riga", "Oslo")):
        (corpus / f"{i}.txt").write_text(f"NATO met Russia in {place} on {i + 2} May 2021.\n", encoding="utf-8")
    (corpus / "9-long.txt").write_text("Long\n\n" + "NATO met Russia in Riga on 2 May 2021. " * 23_000
                                       + "\n" + "1" * 60_000 + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    proc = subprocess.Popen([sys.executable, "-m", "nato_timeline", "ingest", str(corpus), "--db", str(db),
                             "--jobs", jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while count(db) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)  # a guard against a hang, not a measure
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "Interrupted" in out and "2 new" in out
    assert count(db) == 2  # the long document was dropped, not finished and stored
