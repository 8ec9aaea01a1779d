"""The database file itself: removed or replaced under a running ingest, a
foreign SQLite file, a read-only one. The program notices, says so in one line
and leaves what it did not create as it was."""

from __future__ import annotations

import os
import subprocess

import pytest

from .helpers import error_lines, make_corpus, timeline_argv


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_database_removed_during_an_ingest_is_an_error(tmp_path, how):
    corpus = make_corpus(tmp_path / "corpus", 300)
    db = tmp_path / "t.db"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    proc = subprocess.Popen([*timeline_argv("-v", "ingest", str(corpus), "--db", str(db), "--jobs", "2")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    for line in proc.stderr:  # each stored document prints "[done/total] name"
        lines.append(line)
        if line.startswith("[5/"):
            break
    assert proc.poll() is None, "the ingest finished before the database could be removed"
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{db}{suffix}")
        except FileNotFoundError:
            pass
    if how == "replaced":
        db.write_bytes(b"")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err[-2000:]
    errors = [line for line in error_lines(err) if line.startswith("error:")]
    word = "removed" if how == "removed" else "replaced by another file"
    assert errors == [f"error: the database {db} was {word} while it was being written; what was stored since is lost"]
    assert "Traceback" not in err
