"""Reading PDF: the text layer page by page, and one clear line for a PDF that
cannot be read (no text layer, encrypted, broken). The PDFs are made here."""

from __future__ import annotations

import json

import pytest

from nato_timeline.pipeline import extract_document
from nato_timeline.read import InputError, read_file

from .reading_files import make_pdf

DECLARATION = [
    [
        "Statement by the North Atlantic Council",
        "Issued on 12 January 2022",
        "",
        "The NATO-Russia Council met in Brussels on 12 January 2022.",
        "Allies reaffirmed their commitment to the open-door policy.",
    ],
    [],  # a scanned page: no text layer
    [
        "Allies called on Russia to withdraw its forces from the border with Ukraine.",
        "Talks between Russia and the United States were held in Geneva on 10 January 2022.",
    ],
]


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_text_of_every_page_with_text_in_order(tmp_path):
    path = _write(tmp_path, "statement.pdf", make_pdf(DECLARATION, title="Statement on NATO-Russia relations"))
    [doc] = read_file(path)
    assert doc.kind == "pdf" and doc.name == "statement.pdf"
    assert doc.title == "Statement on NATO-Russia relations"
    first = doc.body.index("The NATO-Russia Council met in Brussels on 12 January 2022.")
    last = doc.body.index("Talks between Russia and the United States were held in Geneva on 10 January 2022.")
    assert 0 < first < last
    assert "open-door policy.\n\nAllies called on Russia" in doc.body  # one page to the next: a new paragraph
    assert [s.text for s in doc.sentences if "Geneva" in s.text] == [
        "Talks between Russia and the United States were held in Geneva on 10 January 2022."]


def test_the_events_of_a_pdf_and_its_dateline(tmp_path):
    path = _write(tmp_path, "statement.pdf", make_pdf(DECLARATION))
    [doc] = read_file(path)
    extraction = extract_document(doc)
    assert extraction.document.published.value == "2022-01-12"  # "Issued on 12 January 2022"
    dates = {e.date.value for e in extraction.events if e.date}
    assert {"2022-01-12", "2022-01-10"} <= dates
    assert doc.title is None or not doc.title.endswith(".pdf")


@pytest.mark.parametrize("title", ["Microsoft Word - statement_final", "Final statement v2.docx", "Untitled 3"])
def test_a_title_that_is_a_file_name_or_a_placeholder_is_not_taken(tmp_path, title):
    path = _write(tmp_path, "s.pdf", make_pdf(DECLARATION, title=title))
    [doc] = read_file(path)
    assert doc.title == "Statement by the North Atlantic Council"  # the first line, as for text


def test_a_pdf_with_an_empty_user_password_is_read(tmp_path):
    path = _write(tmp_path, "restricted.pdf", make_pdf(DECLARATION, password=""))
    [doc] = read_file(path)
    assert "met in Brussels on 12 January 2022" in doc.body


@pytest.mark.parametrize("kind, data, reason", [
    ("no text", make_pdf([[], []]),
     "no text layer in the PDF (2 pages of images?): run OCR first (e.g. ocrmypdf in.pdf out.pdf)"),
    ("encrypted", make_pdf(DECLARATION, password="secret"),
     "encrypted PDF: decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)"),
    ("broken", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF any more\n",
     "not a readable PDF ("),
    ("cut short", make_pdf(DECLARATION)[:300], "not a readable PDF ("),
])
def test_a_pdf_that_cannot_be_read_is_one_line(tmp_path, kind, data, reason):
    path = _write(tmp_path, "bad.pdf", data)
    with pytest.raises(InputError) as info:
        read_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {reason}"), message
    assert "\n" not in message


def test_ingest_reports_a_bad_pdf_and_stores_the_good_one(cli, tmp_path, query):
    _write(tmp_path, "a-scan.pdf", make_pdf([[]]))
    _write(tmp_path, "b-statement.pdf", make_pdf(DECLARATION))
    result = cli("ingest", str(tmp_path))
    assert result.exit_code == 1
    assert "1 new, 0 changed, 0 unchanged, 1 failed" in result.stdout
    assert f"error: {tmp_path / 'a-scan.pdf'}: no text layer in the PDF" in result.stderr
    [(name, body)] = query("SELECT name, body FROM documents")
    assert name == "b-statement.pdf" and "Geneva on 10 January 2022" in body


def test_extract_json_of_a_pdf(runner, tmp_path):
    from nato_timeline.cli import app

    path = _write(tmp_path, "statement.pdf", make_pdf(DECLARATION))
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    [doc] = json.loads(result.stdout)
    assert (doc["kind"], doc["url"], doc["published_from"]) == ("pdf", None, "dateline")
