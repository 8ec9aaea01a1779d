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


@pytest.mark.parametrize("command", [("list",), ("show", "x"), ("ingest",), ("db", "current"), ("db", "upgrade")],
                         ids=["list", "show", "ingest", "db-current", "db-upgrade"])
def test_refusing_a_foreign_database_leaves_it_byte_for_byte(tmp_path, command):
    import sqlite3

    from .helpers import run_timeline

    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    with con:
        con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO recipes (name) VALUES ('borscht')")
    con.close()
    before = foreign.read_bytes()
    assert before[18:20] == b"\x01\x01"  # a rollback-journal file (WAL would be 2, 2)
    good = tmp_path / "doc.txt"
    good.write_text("NATO met Russia in Brussels on 12 January 2022.\n", encoding="utf-8")
    args = [*command, str(good)] if command == ("ingest",) else list(command)
    result = run_timeline(*args, "--db", str(foreign))
    if command == ("db", "current"):  # it reports, and refuses nothing
        assert (result.returncode, result.stdout) == (0, "none (not a nato-timeline database)\n")
    else:
        assert result.returncode == 1, result.stderr
        (line,) = error_lines(result.stderr)
        assert line.startswith(f"error: {foreign} holds tables that are not a nato-timeline database (recipes")
    assert foreign.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "foreign.db"]


def test_reading_a_read_only_database_leaves_nothing_behind(tmp_path):
    """As an unprivileged user: ``list`` on a 0444 database creates no ``-wal`` or
    ``-shm`` file, so once the file is writable again an ingest works."""
    import shutil

    from .helpers import as_nobody, count, public_folder, run_timeline

    prefix = as_nobody()
    folder = public_folder()
    try:
        db = folder / "t.db"
        first, second = folder / "a.txt", folder / "b.txt"
        first.write_text("NATO met Russia in Riga on 2 May 2021.\n", encoding="utf-8")
        second.write_text("NATO met Russia in Oslo on 3 May 2021.\n", encoding="utf-8")
        assert run_timeline("ingest", str(first), "--db", str(db), prefix=prefix).returncode == 0
        db.chmod(0o444)
        listed = run_timeline("list", "--db", str(db), prefix=prefix)
        assert listed.returncode == 0 and "Riga" in listed.stdout, listed.stderr
        refused = run_timeline("ingest", str(second), "--db", str(db), prefix=prefix)
        assert refused.returncode == 1
        assert error_lines(refused.stderr) == ["error: cannot write to the database: attempt to write a readonly database"]
        assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "t.db"]
        db.chmod(0o644)
        again = run_timeline("ingest", str(second), "--db", str(db), prefix=prefix)
        assert again.returncode == 0, again.stderr
        assert count(db) == 2
    finally:
        shutil.rmtree(folder, ignore_errors=True)
