"""Pipes and FIFOs: a file that can be read only once is read once, and its
text is used by every pass over the batch (``ingest /dev/stdin``, ``ingest
<(...)``, a named FIFO)."""

from __future__ import annotations

import json
import os
import threading

import pytest

from .helpers import count, error_lines, run_timeline

TEXT = "NATO met Russia in Riga on 2 May 2021.\n"


def _writer(fifo, text: str) -> threading.Thread:
    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as f:  # waits for the reader
            f.write(text)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_is_read_once(tmp_path, jobs):
    fifo = tmp_path / "wire.txt"
    os.mkfifo(fifo)
    other = tmp_path / "other.txt"
    other.write_text("NATO met Russia in Oslo on 3 May 2021.\n", encoding="utf-8")
    db = tmp_path / "t.db"
    writer = _writer(fifo, TEXT)
    result = run_timeline("ingest", str(fifo), str(other), "--db", str(db), "--jobs", jobs, timeout=120)
    writer.join(timeout=5)
    assert result.returncode == 0, result.stderr
    assert "2 new, 0 changed, 0 unchanged, 0 failed" in result.stdout
    assert count(db) == 2
    writer = _writer(fifo, TEXT)
    extract = run_timeline("extract", str(fifo), "--format", "json", timeout=120)
    writer.join(timeout=5)
    assert extract.returncode == 0, extract.stderr
    assert [e["title"] for e in json.loads(extract.stdout)[0]["events"]] != []


def test_standard_input_is_read_once(tmp_path):
    db = tmp_path / "t.db"
    result = run_timeline("ingest", "/dev/stdin", "--db", str(db), input=TEXT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert error_lines(result.stderr) == []
    assert count(db) == 1
    lines = json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": "Russia met NATO in Oslo on 3 May 2021."}) + "\n"
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    writer = _writer(fifo, lines)
    result = run_timeline("ingest", str(fifo), "--db", str(db), timeout=120)
    writer.join(timeout=5)
    assert result.returncode == 0, result.stderr
    assert count(db) == 3
    assert "2 new, 0 changed, 0 unchanged, 0 failed" in result.stdout
