"""``timeline ingest --jobs N``: extraction in worker processes, storage in one
writer in input order. The same corpus ingested with ``--jobs 1`` and with
``--jobs 3`` gives the same rows, the same summary, the same errors and the
same exit code; the corpus mixes the seeds, files of every kind, a ``.jsonl``
file with bad lines, an empty file, a binary file and a duplicate. Real
processes, real SQLite files."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from nato_timeline import ingest
from nato_timeline.read import InputError, iter_jsonl_lines, read_file

from .conftest import REPO, SEEDS
from .reliability.helpers import count

DATA = Path(__file__).resolve().parent / "data" / "ingest"

#: every table, with the columns that depend on when a row was written left out
TABLES = {
    "documents": "id, name, source_key, path, sha256, title, url, publisher, published, published_precision, "
                 "published_from, body, n_chars",
    "timexes": "*",
    "events": "id, slug, title, type, date_value, precision, date_start, date_end, month_day, summary, "
              "confidence, status, disputed",
    "event_sources": "*",
    "actors": "*",
    "places": "*",
    "event_actors": "*",
    "event_places": "*",
}


def rows(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT {cols} FROM {t} ORDER BY 1, 2").fetchall() for t, cols in TABLES.items()}
    finally:
        con.close()


def timeline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nato_timeline", *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The documents of tests/data/ingest and the seeds, with a binary file
    among them (written here: git keeps text)."""
    folder = tmp_path / "corpus"
    shutil.copytree(DATA, folder / "docs")
    (folder / "docs" / "035_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    shutil.copytree(SEEDS, folder / "seeds")
    return folder


def test_jobs_3_stores_what_jobs_1_stores(corpus, tmp_path):
    one, three = tmp_path / "one.db", tmp_path / "three.db"
    r1 = timeline("ingest", str(corpus), "--db", str(one), "--jobs", "1")
    r3 = timeline("ingest", str(corpus), "--db", str(three), "--jobs", "3")
    assert r1.returncode == r3.returncode == 1  # some inputs failed
    assert r1.stdout == r3.stdout and r1.stderr == r3.stderr
    assert "Traceback" not in r3.stderr
    errors = r1.stderr.splitlines()
    assert [e.split(": ", 2)[1].rsplit("/", 1)[-1] for e in errors] == [
        "035_binary.txt", "03_empty.txt", "04_feed.jsonl", "04_feed.jsonl"]
    assert "line 4: not valid JSON" in errors[2] and 'line 7: "text" is empty' in errors[3]
    # 3 files + 5 good jsonl lines + 5 seeds new; the copy of 02 is unchanged
    assert "13 new, 0 changed, 1 unchanged, 4 failed" in r1.stdout
    got1, got3 = rows(one), rows(three)
    assert got1 == got3
    assert len(got1["documents"]) == 13 and len(got1["events"]) > 15 and got1["actors"] and got1["places"]
    # a year-less date dated from another document, the same way in both
    assert any(r[10] == "cross-document" for r in got1["event_sources"])

    # again: everything unchanged, nothing extracted, the same report
    again1 = timeline("ingest", str(corpus), "--db", str(one), "--jobs", "1", "--format", "json")
    again3 = timeline("ingest", str(corpus), "--db", str(three), "--jobs", "3", "--format", "json")
    assert again1.returncode == again3.returncode == 1
    assert again1.stdout == again3.stdout and again1.stderr == again3.stderr
    assert json.loads(again3.stdout)["documents"] == {"new": 0, "changed": 0, "unchanged": 14, "failed": 4}
    assert rows(one) == rows(three) == got1


def test_changed_documents_are_replaced_the_same_way(corpus, tmp_path):
    one, three = tmp_path / "one.db", tmp_path / "three.db"
    for db, jobs in ((one, "1"), (three, "3")):
        assert timeline("ingest", str(corpus / "seeds"), str(corpus / "docs" / "04_feed.jsonl"),
                        "--db", str(db), "--jobs", jobs).returncode == 1
    for seed in sorted((corpus / "seeds").iterdir())[:3]:
        seed.write_text(seed.read_text(encoding="utf-8") + "\nThe council met again in Brussels on 12 January 2022.\n",
                        encoding="utf-8")
    feed = corpus / "docs" / "04_feed.jsonl"
    feed.write_text(feed.read_text(encoding="utf-8").replace("No agreement was reached.",
                                                             "Talks will resume on 14 July 2019."), encoding="utf-8")
    r1 = timeline("ingest", str(corpus / "seeds"), str(feed), "--db", str(one), "--jobs", "1")
    r3 = timeline("ingest", str(corpus / "seeds"), str(feed), "--db", str(three), "--jobs", "3")
    assert (r1.returncode, r1.stdout, r1.stderr) == (r3.returncode, r3.stdout, r3.stderr)
    assert "0 new, 4 changed, 6 unchanged, 2 failed" in r1.stdout
    assert rows(one) == rows(three)


@pytest.mark.slow
def test_ctrl_c_in_a_terminal_reaches_the_workers_too_and_they_stay_quiet(tmp_path):
    """Ctrl-C in a terminal signals the whole process group, workers included:
    they ignore it, the main process stops them and exits 130, and nothing
    prints a traceback."""
    import os
    import signal
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for i in range(300):
        (corpus / f"{i:04d}.txt").write_text(f"Copy {i}\n\n" + seeds[i % len(seeds)].read_text(encoding="utf-8"),
                                             encoding="utf-8")
    db = tmp_path / "t.db"
    proc = subprocess.Popen([sys.executable, "-m", "nato_timeline", "ingest", str(corpus), "--db", str(db),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while count(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.count("Stopping: what is stored stays") == 1  # said once, by the main process
    assert "Interrupted" in out and f"{count(db)} new" in out




def test_jobs_must_be_positive(cli):
    result = cli("ingest", str(SEEDS), "--jobs", "0")
    assert result.exit_code == 2
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr


def test_jobs_in_process_and_in_workers_with_the_library(engine, tmp_path, corpus):
    """``run`` itself, as the CLI calls it: the reports agree field by field."""
    from nato_timeline.db import open_database

    other = open_database(str(tmp_path / "other.db"))
    try:
        a = ingest.run([corpus / "docs"], engine=engine, jobs=1)
        b = ingest.run([corpus / "docs"], engine=other, jobs=2)
    finally:
        other.dispose()
    assert a == b and a.new == 8 and a.failed == 4 and a.unchanged == 1


def test_progress_counts_files_as_they_finish(engine, corpus):
    seen: list[tuple[int, int | None, str]] = []
    ingest.run([corpus / "docs"], engine=engine, jobs=2, progress=lambda *a: seen.append(a))
    files = sorted(p.name for p in (corpus / "docs").iterdir())
    assert {t for _, t, _ in seen} == {len(files)}
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)  # never goes back
    assert seen[-1][0] == len(files)
    # one call per document or failed file; the .jsonl file finishes with its last line
    assert [n for _, _, n in seen if n.startswith("04_feed")] == [
        "04_feed.jsonl:f1", "04_feed.jsonl:f2", "04_feed.jsonl:f3", "04_feed.jsonl",
        "04_feed.jsonl:f5", "04_feed.jsonl", "04_feed.jsonl:f7"]
    assert next(d for d, _, n in seen if n == "04_feed.jsonl:f7") == files.index("04_feed.jsonl") + 1


def test_stop_request_drops_queued_work(engine, corpus):
    """should_stop is asked before each document: what was stored stays, the
    queued extractions are dropped, and the report says it was interrupted."""
    calls = {"n": 0}

    def stop_after_three() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    report = ingest.run([corpus / "seeds"], engine=engine, jobs=2, should_stop=stop_after_three)
    assert report.interrupted and report.new == 3
    rerun = ingest.run([corpus / "seeds"], engine=engine, jobs=2)
    assert (rerun.new, rerun.unchanged, rerun.interrupted) == (2, 3, False)


# ---------------------------------------------------------------- streaming reads


def test_jsonl_lines_stream_the_records_read_file_parses(tmp_path):
    records = [{"id": i, "text": f"Record {i} was written on {i + 1} May 2020."} for i in range(5)]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(json.dumps(r).encode() for r in records[:2]) + b"\n\n"
                     + b"\r".join(json.dumps(r).encode() for r in records[2:]) + b"\n")
    lines = list(iter_jsonl_lines(path))
    assert [n for n, _ in lines] == [1, 2, 4, 5, 6]
    from nato_timeline.read import jsonl_record

    streamed = [jsonl_record(path, n, line) for n, line in lines]
    assert streamed == read_file(path)


@pytest.mark.parametrize(("content", "reason", "before"), [
    (b"", "empty file", 0),
    (b"\n  \n", "empty file", 0),
    (b'{"text": "One."}\n{"text": "Two\x00"}\n{"text": "Three."}\n', "binary file (contains NUL bytes), not text", 1),
])
def test_jsonl_lines_errors(tmp_path, content, reason, before):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    got = []
    with pytest.raises(InputError) as info:
        for item in iter_jsonl_lines(path):
            got.append(item)
    assert info.value.reason == reason and len(got) == before


def test_jsonl_lines_unreadable(tmp_path):
    with pytest.raises(InputError) as info:
        list(iter_jsonl_lines(tmp_path / "missing.jsonl"))
    assert info.value.reason == "no such file or directory"


def test_units_are_found_lazily(tmp_path):
    """Nothing is read before it is needed: the first unit comes before a
    later file exists."""
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "Two."}\n{"text": "Three."}\n', encoding="utf-8")
    units = ingest._units([tmp_path / "a.txt", tmp_path / "b.jsonl", tmp_path / "c.txt"], lambda sha: False)
    assert next(units).path.endswith("a.txt")
    (tmp_path / "c.txt").write_text("Four.", encoding="utf-8")
    rest = list(units)
    assert [(Path(u.path).name, u.line_no, u.last) for u in rest] == [
        ("b.jsonl", 1, False), ("b.jsonl", 2, True), ("c.txt", 0, True)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_reader_bug_fails_that_file_only(engine, corpus, monkeypatch, jobs):
    """An unexpected exception while reading (not an InputError) is reported for
    that file, the same way in the main process and in a (forked) worker."""
    real = ingest.read_file

    def fragile(path, **kwargs):
        if path.name == "02_treaty.txt":
            raise ValueError("reader bug")
        return real(path, **kwargs)

    monkeypatch.setattr(ingest, "read_file", fragile)
    report = ingest.run([corpus / "docs"], engine=engine, jobs=jobs)
    assert any(e.endswith("02_treaty.txt: could not read: ValueError: reader bug") for e in report.errors)
    # the copy of 02 is then new, not unchanged
    assert (report.new, report.unchanged, report.failed) == (8, 0, 5)


# The pool's behaviour does not depend on the backend, and on PostgreSQL the race
# between the kill and the workers finishing their five units was lost once in a
# full run; it stays on SQLite until the test holds the workers busy deliberately.
_WORK = ingest.work
_KILL_MARK: Path | None = None  # set by the test before the workers fork


def _dying_work(unit, published):
    """``ingest.work``, but the first unit of the run kills the worker holding it."""
    import os
    import signal

    try:
        os.close(os.open(_KILL_MARK, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return _WORK(unit, published)
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_worker_fails_the_units_it_held_and_the_batch_goes_on(engine, corpus, tmp_path, monkeypatch):
    """A worker that dies (here: SIGKILL, as the out-of-memory killer does)
    breaks the pool: the units in flight are reported failed, a new pool takes
    the rest, and a second run stores what failed.

    The worker kills itself on its first unit: killing a worker from outside
    raced the workers, which may have finished every unit they held by then
    (more often with a slower writer, as on PostgreSQL), leaving nothing lost."""
    once = tmp_path / "killed"
    monkeypatch.setattr(ingest, "work", _dying_work)  # pickled by name, found in the forked worker
    monkeypatch.setattr(sys.modules[__name__], "_KILL_MARK", once)
    report = ingest.run([corpus / "seeds"], engine=engine, jobs=2)
    assert once.exists()
    lost = [e for e in report.errors if "a worker process ended abruptly" in e]
    assert lost and report.failed == len(lost) and report.new == 5 - len(lost)
    monkeypatch.setattr(ingest, "work", _WORK)
    rerun = ingest.run([corpus / "seeds"], engine=engine, jobs=2)
    assert (rerun.new, rerun.unchanged, rerun.failed) == (len(lost), 5 - len(lost), 0)


def test_the_first_pass_in_workers_finds_the_lines_one_process_finds(corpus, tmp_path):
    """The repeated-lines pass runs in the workers too: each unit's lines come
    back as digests and are gathered in whatever order; the furniture found is
    that of one process, and so are the rows (the site's promo line, repeated on
    both of its pages, dates nothing either way)."""
    from nato_timeline.furniture import RepeatedLines

    site = REPO / "tests" / "data" / "site"
    paths = [site, corpus / "docs", corpus / "seeds"]
    one, three = ingest.repeated_lines_of(paths, jobs=1), ingest.repeated_lines_of(paths, jobs=3)
    assert one.pages == three.pages > 10
    docs = [d for p in sorted(site.iterdir()) for d in read_file(p)]
    docs += [d for p in sorted((corpus / "seeds").iterdir()) for d in read_file(p)]
    spans = [one.spans(d) for d in docs]
    assert [three.spans(d) for d in docs] == spans and any(spans)
    # gathered backwards, the parts give the same
    parts = [ingest.lines_of(ingest.Unit(str(p)), None) for p in sorted(site.iterdir())]
    forwards, backwards = RepeatedLines(), RepeatedLines()
    for part in parts:
        forwards.update(part)
    for part in reversed(parts):
        backwards.update(part)
    site_docs = docs[:len(parts)]
    assert [forwards.spans(d) for d in site_docs] == [backwards.spans(d) for d in site_docs] == spans[:len(parts)]
    assert all(spans[:len(parts)]), "the promo line is furniture on both pages"
    assert ingest.lines_of(ingest.Unit(str(tmp_path / "missing.txt")), None) is None
    r1 = timeline("ingest", str(site), "--db", str(tmp_path / "one.db"), "--jobs", "1")
    r3 = timeline("ingest", str(site), "--db", str(tmp_path / "three.db"), "--jobs", "3")
    assert r1.returncode == r3.returncode == 0 and r1.stdout == r3.stdout
    assert rows(tmp_path / "one.db") == rows(tmp_path / "three.db")
