"""Standard input, the size of a document, the kind of an input, and a bad
``.jsonl`` line in ``extract``."""

from __future__ import annotations

import json

import pytest

from nato_timeline.read import MAX_DOCUMENT_BYTES, InputError, detect_kind, read_file

from .reading_files import ATOM, NEWS_PAGE, RSS, make_pdf
from .reliability.helpers import prose

WIRE = "Brussels, 12 January 2022\n\nThe NATO-Russia Council met in Brussels today for four hours.\n"


def test_extract_reads_standard_input(runner):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=NEWS_PAGE)
    assert result.exit_code == 0, result.stderr
    [doc] = json.loads(result.stdout)
    assert doc["kind"] == "html" and doc["source"] == "-"
    assert doc["document"].startswith("stdin-")
    assert doc["url"] == "https://observer.example.org/2022/01/nato-russia-council-meets"
    assert doc["published"] == "2022-01-12" and doc["published_from"] == "json-ld"


def test_ingest_reads_standard_input_and_one_piped_document_does_not_replace_another(cli, query):
    first = cli("ingest", "-", input=WIRE)
    assert first.exit_code == 0, first.stderr
    assert "1 new, 0 changed, 0 unchanged, 0 failed" in first.stdout
    assert "0 new, 0 changed, 1 unchanged" in cli("ingest", "-", input=WIRE).stdout
    other = WIRE.replace("four hours", "five hours")
    assert "1 new, 0 changed, 0 unchanged" in cli("ingest", "-", input=other).stdout
    rows = query("SELECT path, body FROM documents ORDER BY id")
    assert [path for path, _ in rows] == ["-", "-"]
    assert "four hours" in rows[0][1] and "five hours" in rows[1][1]


def test_empty_standard_input_is_one_failed_input(cli, tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    result = cli("ingest", "-", str(tmp_path / "wire.txt"), input="  \n")
    assert result.exit_code == 1
    assert "error: -: empty input" in result.stderr
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout


def test_extract_reports_a_bad_jsonl_line_and_reads_the_others(runner, tmp_path):
    from nato_timeline.cli import app

    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": WIRE}),
        '{"id": "b", "text": "cut short',
        json.dumps({"id": "c", "text": "Ministers met in Riga on 29 November 2022."}),
        json.dumps({"id": "d"}),
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {path}: line 2: not valid JSON (Unterminated string starting at)",
        f'error: {path}: line 4: has no "text" field',
    ]
    assert [d["document"] for d in json.loads(result.stdout)] == ["batch.jsonl:a", "batch.jsonl:c"]
    assert {d["kind"] for d in json.loads(result.stdout)} == {"jsonl"}


def test_a_document_of_three_megabytes_is_read(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Annual report on the Alliance\n\n" + prose(3_000_000), encoding="utf-8")
    [doc] = read_file(path)
    assert len(doc.body) > 3_000_000 and doc.sentences[-1].end > 2_990_000
    assert doc.title == "Annual report on the Alliance"


def test_a_document_past_the_cap_is_refused_by_its_size_before_it_is_read(tmp_path):
    assert MAX_DOCUMENT_BYTES >= 100_000_000
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:  # sparse: nothing is written, and nothing may be read
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert str(info.value) == f"{path}: too large (100.0 MB): a document may have at most 100.0 MB; split it"


@pytest.mark.parametrize("data, suffix, content_type, kind", [
    (make_pdf([["A page."]]), "", None, "pdf"),
    (make_pdf([["A page."]]), ".txt", "text/plain", "pdf"),  # the bytes say it beyond doubt
    (RSS.encode(), ".xml", None, "feed"),
    (ATOM.encode(), "", "text/html", "feed"),  # a server that calls every answer HTML
    (NEWS_PAGE.encode(), "", None, "html"),
    (NEWS_PAGE.encode(), ".xml", "application/xml", "html"),
    (b"<p>A fragment</p> saved as notes", ".txt", None, "text"),
    (b"Plain words about the Council.", "", "application/octet-stream", "text"),
    (WIRE.encode(), ".md", None, "text"),
    (b'{"text": "One line."}\n', ".jsonl", None, "jsonl"),
    (b"<!-- saved -->\n<!DOCTYPE html><html><body><p>Hi</p></body></html>", "", None, "html"),
])
def test_the_kind_of_an_input(data, suffix, content_type, kind):
    assert detect_kind(data, suffix=suffix, content_type=content_type) == kind


def test_standard_input_from_a_terminal_is_refused_not_waited_for():
    import os
    import pty
    import subprocess
    import sys

    main, terminal = pty.openpty()
    try:
        out = subprocess.run([sys.executable, "-m", "nato_timeline", "--no-color", "extract", "-"], stdin=terminal,
                             capture_output=True, text=True, timeout=120)
    finally:
        os.close(main)
        os.close(terminal)
    assert out.returncode == 1
    assert out.stderr.strip() == ("error: -: standard input is a terminal: pipe a document into it "
                                  "(curl -s URL | timeline ingest -)")
