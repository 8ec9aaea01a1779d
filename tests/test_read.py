"""Reading files: discovery, front matter, jsonl, encodings and errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nato_timeline.read import (
    SUPPORTED_SUFFIXES,
    DecodedWarning,
    InputError,
    discover,
    iter_documents,
    parse_published,
    read_file,
    read_text,
)
from nato_timeline.temporal.types import PartialDate

ARTICLE = "Ministers meet in Oslo\n\nThe ministers met in Oslo on 2 May 2020. They agreed to meet again.\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def check_offsets(doc) -> None:
    for s in doc.sentences:
        assert doc.body[s.start : s.end] == s.text
    for f in doc.furniture:
        assert doc.body[f.start : f.end] == f.text


# ----------------------------------------------------------------- front matter


@pytest.mark.parametrize(
    ("front", "published", "title", "url", "publisher"),
    [
        ("---\npublished: 2020-05-02\ntitle: Oslo talks\nurl: https://example.org/a\npublisher: Example\n---\n",
         PartialDate(2020, 5, 2), "Oslo talks", "https://example.org/a", "Example"),
        ("---\npublished: 2020-05\n---\n", PartialDate(2020, 5), None, None, None),
        ("---\npublished: 2020\n---\n", PartialDate(2020), None, None, None),
        ("---\npublished: '2022-01-12T10:00:00Z'\n---\n", PartialDate(2022, 1, 12), None, None, None),
        ("---\npublished: 2022-01-12T23:30:00+02:00\n---\n", PartialDate(2022, 1, 12), None, None, None),
        ("---\nauthor: Someone\nlayout: post\n# a comment\n\ntitle: \"Quoted: title\"\n---\n", None, "Quoted: title", None, None),
    ],
)
def test_front_matter_good(tmp_path, front, published, title, url, publisher) -> None:
    path = write(tmp_path, "a.md", front + ARTICLE)
    (doc,) = read_file(path)
    assert doc.body == ARTICLE
    assert doc.published == published
    assert doc.published_from == ("front-matter" if published else "unknown")
    assert doc.title == (title or "Ministers meet in Oslo")
    assert doc.url == url and doc.publisher == publisher
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.name == "a.md" and doc.path == str(path)
    check_offsets(doc)
    assert doc.sentences[1].text == "The ministers met in Oslo on 2 May 2020."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\npublished: 2020-05-02\n" + ARTICLE, "no closing '---'"),
        ("---\npublished 2020-05-02\n---\n" + ARTICLE, "line 2 is not 'key: value'"),
        ("---\npublished: yesterday\n---\n" + ARTICLE, "front matter: published is not a date: 'yesterday'"),
        ("---\npublished: 2020-13-01\n---\n" + ARTICLE, "published is not a date"),
        ("---\npublished: 12/05/2020\n---\n" + ARTICLE, "published is not a date"),
        ("---\ntitle: Only a header\n---\n\n", "no text after the front matter"),
    ],
)
def test_front_matter_malformed(tmp_path, text, reason) -> None:
    path = write(tmp_path, "bad.txt", text)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert reason in str(info.value)
    assert str(info.value).startswith(f"{path}: ")
    assert info.value.path == str(path)


def test_command_line_published_wins(tmp_path) -> None:
    path = write(tmp_path, "a.txt", "---\npublished: 2020-05-02\n---\n" + ARTICLE)
    (doc,) = read_file(path, published=PartialDate(2021, 1, 1))
    assert doc.published == PartialDate(2021, 1, 1)
    assert doc.published_from == "command-line"


def test_no_front_matter_and_dashes_later(tmp_path) -> None:
    text = ARTICLE + "\n---\nnot: front matter\n---\n"
    (doc,) = read_file(write(tmp_path, "a.txt", text))
    assert doc.body == text and doc.published is None and doc.published_from == "unknown"


def test_read_text_defaults_and_crlf() -> None:
    doc = read_text("Headline here\r\n\r\nFirst sentence. Second one.\r\n", name="x")
    assert "\r" not in doc.body
    assert doc.title == "Headline here"
    assert [s.text for s in doc.sentences] == ["Headline here", "First sentence.", "Second one."]
    assert doc.published_from == "unknown" and len(doc.sha256) == 64
    doc = read_text("Text.", published=PartialDate(2020), title="T", url="u", publisher="p")
    assert (doc.published_from, doc.title, doc.url, doc.publisher) == ("command-line", "T", "u", "p")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2014", "2014"), ("2014-03", "2014-03"), ("2014-03-18", "2014-03-18"),
     ("2014-03-18T10:00:00Z", "2014-03-18"), ("2014-03-18 10:00", "2014-03-18")],
)
def test_parse_published(value, expected) -> None:
    assert parse_published(value).value == expected


@pytest.mark.parametrize("value", ["March 2014", "14-03-18", "2014-3-18", "", "2014-02-30"])
def test_parse_published_rejects(value) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


# ----------------------------------------------------------------- jsonl


def test_jsonl_good(tmp_path) -> None:
    records = [
        {"id": "r1", "text": ARTICLE, "title": "Given title", "url": "https://e.org/1", "publisher": "E", "published": "2020-05-02"},
        {"text": "No metadata here. Just text."},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path = write(tmp_path, "batch.jsonl", lines[0] + "\n\n" + lines[1] + "\n")
    docs = read_file(path)
    assert [d.name for d in docs] == ["batch.jsonl:r1", "batch.jsonl:3"]
    assert docs[0].title == "Given title" and docs[0].url == "https://e.org/1" and docs[0].publisher == "E"
    assert docs[0].published == PartialDate(2020, 5, 2) and docs[0].published_from == "metadata"
    assert docs[1].published is None and docs[1].published_from == "unknown"
    assert docs[0].sha256 == hashlib.sha256(lines[0].encode()).hexdigest()
    for d in docs:
        check_offsets(d)
    docs = read_file(path, published=PartialDate(2019))
    assert {(d.published, d.published_from) for d in docs} == {(PartialDate(2019), "command-line")}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "Fine."}\n{not json}\n', "line 2: not valid JSON"),
        ('{"text": "Fine."}\n{"title": "no text"}\n', 'line 2: has no "text" field'),
        ('{"text": 5}\n', 'line 1: "text" is not a string'),
        ('["a list"]\n', "line 1: not a JSON object"),
        ('{"text": "Fine.", "published": "soon"}\n', "line 1: published is not a date"),
        ("\n\n", "empty file"),
    ],
)
def test_jsonl_bad(tmp_path, content, reason) -> None:
    path = write(tmp_path, "bad.jsonl", content)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert reason in info.value.reason


# ----------------------------------------------------------------- encodings


def test_utf8_and_bom(tmp_path) -> None:
    text = "Sinirlioğlu meets Лавров\n\nThe ministers met in Ankara. They talked.\n"
    plain = read_file(write(tmp_path, "plain.txt", text.encode("utf-8")))[0]
    bom = read_file(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")))[0]
    assert plain.body == bom.body == text
    assert plain.title == "Sinirlioğlu meets Лавров"
    assert plain.sha256 != bom.sha256  # of the raw bytes


def test_bom_before_front_matter(tmp_path) -> None:
    path = write(tmp_path, "a.md", b"\xef\xbb\xbf---\npublished: 2020\n---\n" + ARTICLE.encode())
    assert read_file(path)[0].published == PartialDate(2020)


def test_latin1_refused_without_detector(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # import fails
    path = write(tmp_path, "latin.txt", "Caf\xe9 talks in Li\xe8ge. They ended.\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_file(path)
    assert "invalid UTF-8" in info.value.reason and "0xe9" in info.value.reason


def test_other_encoding_detected(tmp_path) -> None:
    text = (
        "Совет Россия–НАТО собрался в Брюсселе 12 января 2022 года. Переговоры продолжались "
        "четыре часа. Заместитель министра иностранных дел заявил, что позиции сторон расходятся.\n"
    )
    path = write(tmp_path, "ru.txt", text.encode("cp1251"))
    with pytest.warns(DecodedWarning) as record:
        (doc,) = read_file(path)
    assert record[0].message.encoding == "cp1251"
    assert doc.body == text


def test_ambiguous_encoding_refused(tmp_path) -> None:
    # cp1250 and cp1252 fit this short text equally well and differ on "è"
    path = write(tmp_path, "latin.txt", "Caf\xe9 talks in Li\xe8ge. They ended.\n".encode("cp1252"))
    with pytest.raises(InputError) as info:
        read_file(path)
    assert "the encoding is ambiguous (cp125" in info.value.reason and "--encoding NAME" in info.value.reason


def test_utf16_with_byte_order_mark(tmp_path) -> None:
    path = write(tmp_path, "u16.txt", ARTICLE.encode("utf-16"))
    (doc,) = read_file(path)
    assert doc.body == ARTICLE.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t\n", "empty file"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00binarystuff\x00\x00", "binary file"),
        (bytes(range(1, 32)) * 20, "binary file"),
    ],
)
def test_bad_bytes(tmp_path, content, reason) -> None:
    path = write(tmp_path, "x.txt", content)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert reason in info.value.reason


# ----------------------------------------------------------------- file system


def test_permission_denied(tmp_path) -> None:
    """File modes enforced for real: as root, in a process without the
    capabilities that let root ignore them."""
    from .reliability.helpers import without_file_privileges

    path = write(tmp_path, "locked.txt", ARTICLE)
    path.chmod(0)
    code = (
        "import sys; from nato_timeline.read import InputError, iter_documents, read_file\n"
        "try:\n    read_file(sys.argv[1])\nexcept InputError as e:\n    print(e)\n"
        "print(type(list(iter_documents([sys.argv[1]]))[0]).__name__)\n"
    )
    try:
        done = subprocess.run([*without_file_privileges(), sys.executable, "-c", code, str(path)],
                              capture_output=True, text=True, timeout=60)
    finally:
        path.chmod(0o644)
    assert done.stdout.splitlines() == [f"{path}: permission denied", "InputError"], done.stderr


def test_missing_path(tmp_path) -> None:
    missing = tmp_path / "nope.txt"
    (err,) = list(discover([missing]))
    assert isinstance(err, InputError)
    assert str(err) == f"{missing}: no such file or directory"


def test_discover_walks_sorted_and_filters(tmp_path) -> None:
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "sub/c.jsonl", json.dumps({"text": "Hello there."}) + "\n")
    write(tmp_path, "sub/skip.png", b"\x89PNG")
    write(tmp_path, ".hidden/d.txt", ARTICLE)
    write(tmp_path, ".e.txt", ARTICLE)
    write(tmp_path, "UPPER.TXT", ARTICLE)
    explicit = write(tmp_path / "other", "notes.log", "A log line about a meeting.\n")
    found = list(discover([tmp_path, explicit]))
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["UPPER.TXT", "a.md", "b.txt", "sub/c.jsonl", "other/notes.log"]
    assert all(p.suffix.lower() in SUPPORTED_SUFFIXES + (".log",) for p in found)
    assert read_file(explicit)[0].sentences[0].text == "A log line about a meeting."


def test_symlink_loop(tmp_path) -> None:
    root = tmp_path / "root"
    write(root, "a.txt", ARTICLE)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    found = list(discover([root]))
    files = [p for p in found if isinstance(p, Path)]
    errors = [e for e in found if isinstance(e, InputError)]
    assert files == [root / "a.txt"]
    assert [e.reason for e in errors] == ["symbolic link loop"]
    (err,) = list(discover([root / "self.txt"]))
    assert isinstance(err, InputError) and "loop" in err.reason


def test_names_with_spaces_and_non_ascii(tmp_path) -> None:
    path = write(tmp_path, "dossier ü/Встреча в Осло 2020.txt", ARTICLE)
    (found,) = list(discover([tmp_path]))
    assert found == path
    (doc,) = read_file(found)
    assert doc.name == "Встреча в Осло 2020.txt"


def test_iter_documents_streams_errors(tmp_path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.jsonl", '{"id": 7, "text": "One."}\n{"id": 8, "text": "Two."}\n')
    items = list(iter_documents([tmp_path, tmp_path / "missing"], published=PartialDate(2020)))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "InputError", "Document", "Document", "InputError"]
    assert items[1].reason == "empty file"
    assert [items[2].name, items[3].name] == ["c.jsonl:7", "c.jsonl:8"]


def test_read_directory_explicitly(tmp_path) -> None:
    with pytest.raises(InputError) as info:
        read_file(tmp_path)
    assert info.value.reason == "is a directory"
