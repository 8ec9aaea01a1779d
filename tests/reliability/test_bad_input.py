"""Bad input files: each gets one line on stderr naming the file and the reason,
the batch goes on with the other files, the summary counts it as failed, and the
exit code is 1. Encodings other than UTF-8 are decoded only when the detector
finds exactly one fitting encoding (one ``warning:`` line says which); an
ambiguous one is refused with a conversion hint."""

from __future__ import annotations

import gc
import io
import json
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from nato_timeline.read import MAX_DOCUMENT_BYTES

from .helpers import (
    article,
    as_nobody,
    connect_ro,
    count,
    error_lines,
    prose,
    public_folder,
    run_timeline,
    without_file_privileges,
)

RUSSIAN = (
    "Совет Россия–НАТО собрался в Брюсселе 12 января 2022 года. Переговоры продолжались "
    "четыре часа. Заместитель министра иностранных дел заявил, что позиции сторон расходятся.\n"
)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", article(1))
    return buf.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(400)
FURNITURE = "Share this:\nFacebook\nTwitter\nEmail\n"

#: name, content, the reason the error line gives (after "error: PATH: ")
BAD_FILES = [
    ("photo.png", PNG, "binary file (contains NUL bytes), not text"),
    ("archive.zip", _zip(), "binary file (contains NUL bytes), not text"),
    ("scan.gif", b"GIF89a" + bytes(b for b in random.Random(2).randbytes(300) if b), "invalid UTF-8 (byte 0x"),
    ("latin.txt", "Café talks in Liège on 12 January 2022. NATO met Russia there.\n".encode("cp1252"),
     "invalid UTF-8 (byte 0xe9 at offset 3); the encoding is ambiguous (cp125"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n\t\n", "empty file"),
    ("menu.txt", FURNITURE.encode(), "only page furniture (menus, share buttons, bylines), no text to read"),
    ("front.md", b"---\ntitle x\n---\nNATO met on 1 May 2020.\n", "front matter: line 2 is not 'key: value': 'title x'"),
    ("unclosed.md", b"---\ntitle: x\nNATO met on 1 May 2020.\n", "front matter: no closing '---' line"),
    ("baddate.md", b"---\npublished: someday\n---\nNATO met on 1 May 2020.\n",
     "front matter: published is not a date: 'someday'"),
    ("notjson.jsonl", b'{"text": "NATO met on 1 May 2020."}\nnot json\n', "line 2: not valid JSON (Expecting value)"),
    ("notext.jsonl", b'{"title": "x"}\n', 'line 1: has no "text" field'),
    ("textnum.jsonl", b'{"text": 5}\n', 'line 1: "text" is not a string'),
    ("array.jsonl", b"[1, 2]\n", "line 1: not a JSON object"),
    ("menu.jsonl", json.dumps({"text": FURNITURE}).encode() + b"\n",
     "line 1: only page furniture (menus, share buttons, bylines), no text to read"),
    ("deep.jsonl", b'{"text": "NATO met.", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
     "line 1: not valid JSON (nested too deeply)"),
    ("digits.jsonl", b'{"text": "NATO met.", "id": ' + b"9" * 5000 + b"}\n",
     "line 1: not valid JSON (a number too long to read)"),
    ("surrogate.jsonl", b'{"text": "NATO met \\ud800 Russia."}\n',
     "line 1: \"text\" holds an unpaired surrogate ('\\ud800'), not text"),
]


def _good(folder: Path) -> Path:
    path = folder / "Встреча в Осло (copy) 2022.txt"  # spaces and non-ASCII in the name
    path.write_text(article(3), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_one_line_and_the_batch_goes_on(cli, query, tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = _good(tmp_path)
    result = cli("ingest", str(bad), str(good))
    assert result.exit_code == 1
    (line,) = error_lines(result.stderr)
    assert line.startswith(f"error: {bad}: {reason}")
    # a .jsonl line is a document of its own: a bad line fails alone, the good ones are stored
    good_lines = content.count(b"\n") - 1 if name.endswith(".jsonl") else 0
    new = 1 + good_lines
    assert f"Documents: {new} new, 0 changed, 0 unchanged, 1 failed." in result.stdout
    assert query("SELECT count(*) FROM documents") == [(new,)]


@pytest.mark.parametrize("kind", ["missing", "loop", "broken-link", "too-large"])
def test_bad_path_is_one_line_and_the_batch_goes_on(cli, tmp_path, kind):
    bad = tmp_path / f"{kind}.txt"
    if kind == "loop":
        bad.symlink_to(bad)
    elif kind == "broken-link":
        bad.symlink_to(tmp_path / "gone.txt")
    elif kind == "too-large":
        with open(bad, "wb") as f:  # sparse: refused by its size, before a byte is read
            f.truncate(MAX_DOCUMENT_BYTES + 50_000_000)
    reason = {
        "missing": "no such file or directory",
        "loop": "symbolic link loop",
        "broken-link": "broken symbolic link",
        "too-large": "too large (150.0 MB): a document may have at most 100.0 MB; split it",
    }[kind]
    result = cli("ingest", str(bad), str(_good(tmp_path)))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"error: {bad}: {reason}"]
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout


def test_a_loop_inside_a_folder_is_reported_and_the_rest_read(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "back").symlink_to(folder, target_is_directory=True)  # a directory loop: walked once
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"error: {folder / 'self.txt'}: symbolic link loop"]
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp1251", RUSSIAN), ("utf-16", article(4))],
)
def test_other_encodings_are_decoded_and_said(cli, query, tmp_path, encoding, text):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = cli("ingest", str(path))
    assert result.exit_code == 0, result.stderr
    if encoding == "utf-16":  # its byte-order mark says which: nothing to warn about
        assert result.stderr == ""
    else:
        assert error_lines(result.stderr) == [f"warning: {path}: not UTF-8; decoded as {encoding}"]
    assert query("SELECT body FROM documents") == [(text,)]  # every letter as written


def test_unreadable_file_as_anyone_but_root(tmp_path):
    """File modes, for real: the process runs without root's power to ignore them."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = _good(folder)
    locked = folder / "locked.txt"
    locked.write_text(article(5), encoding="utf-8")
    locked.chmod(0)
    db = tmp_path / "t.db"
    result = run_timeline("ingest", str(folder), "--db", str(db), prefix=without_file_privileges())
    locked.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert error_lines(result.stderr) == [f"error: {locked}: permission denied"]
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout
    assert count(db) == 1 and good.exists()


@pytest.fixture
def public():
    import shutil

    folder = public_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_an_unreadable_file_named_on_the_command_line_is_one_failed_input(public):
    """As an unprivileged user: one line for the file, the others ingested, exit 1;
    ``extract`` the same."""
    prefix = as_nobody()
    ok = public / "ok.txt"
    ok.write_text(article(6), encoding="utf-8")
    secret = public / "secret.txt"
    secret.write_text(article(7), encoding="utf-8")
    secret.chmod(0)
    db = public / "t.db"
    result = run_timeline("ingest", str(ok), str(secret), "--db", str(db), prefix=prefix)
    assert result.returncode == 1, result.stderr
    assert error_lines(result.stderr) == [f"error: {secret}: permission denied"]
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout
    assert count(db) == 1
    extract = run_timeline("extract", str(secret), str(ok), "--format", "json", prefix=prefix)
    assert extract.returncode == 1
    assert error_lines(extract.stderr) == [f"error: {secret}: permission denied"]
    assert [d["document"] for d in json.loads(extract.stdout)] == ["ok.txt"]


def test_one_batch_of_everything(tmp_path):
    """All the bad inputs and two good files in one real run: one line each, in
    order, nothing else on stderr but the decoding warning, exit 1."""
    folder = tmp_path / "batch"
    folder.mkdir()
    expected = []
    for name, content, reason in BAD_FILES:
        if name.endswith((".png", ".zip", ".gif")):
            name += ".txt"  # a folder is read for .txt, .md and .jsonl only
        (folder / name).write_bytes(content)
        expected.append((folder / name, reason))
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    expected.append((folder / "loop.txt", "symbolic link loop"))
    _good(folder)
    (folder / "russian.txt").write_bytes(RUSSIAN.encode("cp1251"))
    missing = tmp_path / "no such.txt"
    db = tmp_path / "t.db"
    result = run_timeline("ingest", str(folder), str(missing), "--db", str(db))
    assert result.returncode == 1
    lines = error_lines(result.stderr)
    assert f"warning: {folder / 'russian.txt'}: not UTF-8; decoded as cp1251" in lines
    errors = sorted(line for line in lines if line.startswith("error: "))
    wanted = sorted([f"error: {p}: {r}" for p, r in expected] + [f"error: {missing}: no such file or directory"])
    assert len(errors) == len(wanted) == len(lines) - 1
    for got, want in zip(errors, wanted):
        assert got.startswith(want)
    # the good files, and the good line of notjson.jsonl (a bad line fails alone)
    assert f"Documents: 3 new, 0 changed, 0 unchanged, {len(wanted)} failed." in result.stdout
    assert "Traceback" not in result.stderr


# ----------------------------------------------------------------------------- size and memory

def _traced_peak(fn) -> int:
    """The peak of the memory Python allocates while ``fn()`` runs, in bytes. Which
    blocks a given input allocates does not depend on the machine's load (a
    process's resident size does: under load a full run once saw it jump), and
    collecting first makes the collector's timing the same every time."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_is_bounded_for_huge_files_and_proportional_below_the_limit(tmp_path):
    from nato_timeline.ingest import outcomes
    from nato_timeline.pipeline import extract_document
    from nato_timeline.read import read_file

    # 150 MB and 1.5 GB (sparse): refused by their size before being read, so the peak
    # Python allocates does not grow with the file
    huge = {}
    for mb in (150, 1500):
        path = tmp_path / f"{mb}mb.txt"
        with open(path, "wb") as f:
            f.truncate(mb * 1_000_000)
        got = []
        huge[mb] = _traced_peak(lambda: got.extend(outcomes([path])))  # what ingest reads and extracts
        [(unit, outcome)] = got
        problem = unit.error or str(outcome.items[0][1])
        assert "a document may have at most" in problem, problem
    assert huge[150] < 10_000_000 and huge[1500] < huge[150] + 100_000, huge

    # below the limit the whole pipeline runs: memory grows in proportion to the text
    def extract(path: Path) -> None:
        for doc in read_file(path):
            extract_document(doc)

    sizes = {}
    for n in (1_000, 100_000, 400_000):  # the first one loads the rules and lexicon
        path = tmp_path / f"doc{n}.txt"
        path.write_text("Title\n\n" + prose(n), encoding="utf-8")
        sizes[n] = _traced_peak(lambda: extract(path))
    # 4 times the text: about 4 times the memory (measured: 4.06); quadratic would be 16
    assert 3 * sizes[100_000] < sizes[400_000] < 5 * sizes[100_000], sizes
