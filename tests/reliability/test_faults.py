"""Faults while ingesting: a killed process, a read-only database, a full disk,
an I/O error. Real processes, real signals, real file modes and filesystems.

Ctrl-C (stop after the current document, exit 130) is tested in
``tests/test_cli_interrupt.py``; two ingests at once on one database are
tested on another branch (``tests/test_concurrent*.py``).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .helpers import (
    article,
    count,
    error_lines,
    has_table,
    integrity,
    make_corpus,
    per_document,
    run_timeline,
    timeline_argv,
    without_file_privileges,
)
from ..conftest import SEEDS

N_DOCS = 100


def _events_without_ids(db: Path) -> list[dict]:
    result = run_timeline("list", "--include-undated", "--format", "json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    for e in events:
        e.pop("id")
    return events


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus and one uninterrupted ingest of it."""
    root = tmp_path_factory.mktemp("reference")
    corpus = make_corpus(root / "corpus", N_DOCS)
    db = root / "reference.db"
    result = run_timeline("ingest", str(corpus), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert f"{N_DOCS} new" in result.stdout
    return corpus, db


# ----------------------------------------------------------------------------- SIGKILL


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its new parent has not reaped it yet


def _wait_gone(pids: list[int], within: float = 30) -> None:
    """Every process of ``pids`` ends soon after their parent was killed: none
    is left waiting for work forever."""
    deadline = time.monotonic() + within
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in pids if _alive(p)], "worker processes outlived the killed ingest"


@pytest.mark.slow
def test_sigkill_at_any_moment_keeps_every_commit_and_a_rerun_finishes(reference, tmp_path):
    corpus, ref_db = reference
    expected = per_document(ref_db)
    db = tmp_path / "killed.db"
    env = {**os.environ, "NO_COLOR": "1"}
    # kill points: while starting (creating the schema), early, late in the batch
    for stored_before_kill in (0, 5, 60):
        # two extraction workers: they must not outlive the process that started them
        proc = subprocess.Popen(timeline_argv("ingest", str(corpus), "--db", str(db), "--jobs", "2"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 120
        if stored_before_kill == 0:
            while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
        else:
            while count(db) < stored_before_kill and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
        committed = count(db)  # what a reader saw committed before the kill
        assert proc.poll() is None, "the ingest finished before it could be killed"
        workers = _children(proc.pid)
        assert workers or stored_before_kill == 0, "no worker processes to watch"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        _wait_gone(workers)

        if not db.exists():
            continue
        check, broken_links = integrity(db)
        assert check == "ok" and broken_links == []
        if not has_table(db, "documents"):
            assert committed == 0  # killed while creating the schema: nothing was there yet
            continue
        stored = per_document(db)
        assert len(stored) >= committed, "a committed document was lost"
        # nothing half-written: every stored document has all its rows, as in one clean run
        for key, rows in stored.items():
            assert rows == expected[key], key

    done_before = count(db)
    assert 60 <= done_before < N_DOCS
    rerun = run_timeline("ingest", str(corpus), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_DOCS - done_before} new, 0 changed, {done_before} unchanged, 0 failed" in rerun.stdout
    assert per_document(db) == expected
    assert _events_without_ids(db) == _events_without_ids(ref_db)  # no duplicate, nothing missing


# ----------------------------------------------------------------------------- read-only


@pytest.fixture
def seeded_copy(tmp_path, seeded_db):
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "t.db"
    shutil.copy(seeded_db, db)
    return db


def _new_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text(article(7), encoding="utf-8")
    return path


def _settle(db: Path) -> int:
    """Documents in ``db``, read by a connection that checkpoints and removes the
    write-ahead log on closing, as the program does when it exits."""
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("what", ["file", "folder", "both"])
def test_read_only_database_reads_and_refuses_to_write(what, seeded_copy, tmp_path):
    db = seeded_copy
    before = _settle(db)
    assert not db.with_name(db.name + "-wal").exists()
    locked = {"file": [db], "folder": [db.parent], "both": [db, db.parent]}[what]
    modes = [p.stat().st_mode for p in locked]
    for p in locked:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        as_anyone = without_file_privileges()
        # opening for writing (file) or creating a file (folder) must fail, or the test proves nothing
        for p in locked:
            target = f": > '{p / 'probe'}'" if p.is_dir() else f": >> '{p}'"
            probe = subprocess.run([*as_anyone, "sh", "-c", target], capture_output=True)
            assert probe.returncode != 0, f"{p} is still writable"

        listed = run_timeline("list", "--format", "json", "--db", str(db), prefix=as_anyone)
        assert listed.returncode == 0, listed.stderr
        events = json.loads(listed.stdout)
        assert len(events) > 5
        shown = run_timeline("show", str(events[0]["id"]), "--db", str(db), prefix=as_anyone)
        assert shown.returncode == 0 and events[0]["title"] in shown.stdout, shown.stderr

        ingested = run_timeline("ingest", str(_new_file(tmp_path)), "--db", str(db), prefix=as_anyone)
        assert ingested.returncode == 1
        assert error_lines(ingested.stderr) == [
            "error: cannot write to the database: attempt to write a readonly database"
        ]
    finally:
        for p, mode in zip(locked, modes):
            p.chmod(mode)
    assert _settle(db) == before


def test_read_only_uri_reads_and_refuses_to_write(seeded_copy, tmp_path):
    db = seeded_copy
    before = count(db)
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    listed = run_timeline("list", "--limit", "3", "--db", url)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) >= 3, listed.stderr
    ingested = run_timeline("ingest", str(_new_file(tmp_path)), "--db", url)
    assert ingested.returncode == 1
    assert error_lines(ingested.stderr) == ["error: cannot write to the database: attempt to write a readonly database"]
    # nothing to write (every document unchanged) is not an error
    again = run_timeline("ingest", str(SEEDS), "--db", url)
    assert again.returncode == 0 and "5 unchanged" in again.stdout, again.stderr
    assert count(db) == before


# ----------------------------------------------------------------------------- disk full, I/O error


@pytest.mark.slow
def test_disk_full_rolls_back_the_document_and_keeps_the_others(reference, seeded_db, tmp_path):
    """A real full filesystem: a tmpfs 200 kB larger than the seeded database
    (room for a few documents of the batch, not all), mounted in a private mount
    namespace (it vanishes with the process; nothing is mounted on this machine)."""
    corpus, ref_db = reference
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    size = seeded_db.stat().st_size // 1024 + 200
    script = (
        f"mount -t tmpfs -o size={size}k tmpfs '{mnt}' || exit 99; cp '{seeded_db}' '{mnt}/t.db'; "
        f"{' '.join(timeline_argv('ingest', str(corpus), '--db', str(mnt / 't.db')))} >'{out}/stdout' 2>'{out}/stderr'; "
        f"rc=$?; cp '{mnt}'/t.db* '{out}/'; exit $rc"
    )
    done = subprocess.run(["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode != 99, f"cannot mount a tmpfs here: {done.stderr}"
    result = subprocess.CompletedProcess([], done.returncode, (out / "stdout").read_text(), (out / "stderr").read_text())
    _check_failed_run(out / "t.db", result, seeded_db, ref_db, "database or disk is full")


@pytest.mark.slow
def test_io_error_rolls_back_the_document_and_keeps_the_others(reference, seeded_copy):
    """A real write error: the process may not grow a file past a size (RLIMIT_FSIZE),
    so SQLite's write fails with EFBIG while the database's log grows."""
    corpus, ref_db = reference
    db = seeded_copy
    seed_db_copy = db.with_name("seeds.db")
    shutil.copy(db, seed_db_copy)
    limit = db.stat().st_size + 100_000

    def cap_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = run_timeline("ingest", str(corpus), "--db", str(db), preexec_fn=cap_file_size)
    _check_failed_run(db, result, seed_db_copy, ref_db, "disk I/O error")


def _check_failed_run(db: Path, result, seeds_db: Path, ref_db: Path, reason: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert error_lines(result.stderr) == [f"error: cannot write to the database: {reason}"]
    check, broken_links = integrity(db)
    assert check == "ok" and broken_links == []
    before, after, expected = per_document(seeds_db), per_document(db), per_document(ref_db)
    assert before.items() <= after.items(), "a document stored before the failure was lost or changed"
    written = {k: v for k, v in after.items() if k not in before}
    assert 0 < len(written) < N_DOCS, "the failure did not come in the middle of the batch"
    for key, rows in written.items():  # whole documents only, never part of one
        assert rows == expected[key], key
