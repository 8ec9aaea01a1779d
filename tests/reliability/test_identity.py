"""A document's identity is its resolved absolute path (a ``.jsonl`` line's adds
its ``id`` or line number): the same file named from another folder, by its
absolute path or through a link is the same document, and two files of the
same name in two folders are two documents. A database whose keys are the
relative paths of earlier versions is migrated (revision 0004)."""

from __future__ import annotations

import os
import sqlite3

from nato_timeline import db

from .helpers import article, connect_ro, run_timeline


def _keys(path) -> list[tuple[str, str]]:
    con = connect_ro(path)
    try:
        return sorted(con.execute("SELECT source_key, sha256 FROM documents"))
    finally:
        con.close()


def test_the_same_name_in_two_folders_is_two_documents(tmp_path):
    dbfile = tmp_path / "t.db"
    for folder, i in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc.txt").write_text(article(i), encoding="utf-8")
    for folder in ("a", "b"):
        result = run_timeline("ingest", "doc.txt", "--db", str(dbfile), cwd=tmp_path / folder)
        assert result.returncode == 0, result.stderr
        assert "1 new, 0 changed, 0 unchanged, 0 failed" in result.stdout
    assert [k for k, _ in _keys(dbfile)] == [str((tmp_path / f / "doc.txt").resolve()) for f in ("a", "b")]


def test_the_same_file_by_another_name_is_the_same_document(tmp_path):
    dbfile = tmp_path / "t.db"
    (tmp_path / "a").mkdir()
    doc = tmp_path / "a" / "doc.txt"
    doc.write_text(article(1), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(doc)
    assert run_timeline("ingest", "a/doc.txt", "--db", str(dbfile), cwd=tmp_path).returncode == 0
    doc.write_text(article(2), encoding="utf-8")
    result = run_timeline("ingest", str(doc), "--db", str(dbfile))
    assert "0 new, 1 changed, 0 unchanged, 0 failed" in result.stdout, result.stdout + result.stderr
    result = run_timeline("ingest", "link.txt", "--db", str(dbfile), cwd=tmp_path)
    assert "0 new, 0 changed, 1 unchanged, 0 failed" in result.stdout, result.stdout + result.stderr
    (key, _), = _keys(dbfile)
    assert key == str(doc.resolve())


def test_a_jsonl_line_is_its_file_and_its_id_or_line_number(tmp_path):
    dbfile = tmp_path / "t.db"
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x1", "text": "NATO met Russia in Brussels on 12 January 2022."}\n'
                    '{"text": "Russia met NATO in Geneva on 10 January 2022."}\n', encoding="utf-8")
    assert run_timeline("ingest", "feed.jsonl", "--db", str(dbfile), cwd=tmp_path).returncode == 0
    real = str(feed.resolve())
    assert [k for k, _ in _keys(dbfile)] == [f"{real}#feed.jsonl:2", f"{real}#feed.jsonl:x1"]


def test_relative_keys_of_an_earlier_database_are_migrated(tmp_path):
    """A 0003 database with a relative key and an absolute one that the relative
    one resolves to as well: the first is made absolute, nothing is lost."""
    from alembic import command

    dbfile = tmp_path / "t.db"
    (tmp_path / "a").mkdir()
    for name, i in (("doc.txt", 1), ("feed.jsonl", 2)):
        (tmp_path / "a" / name).write_text(article(i), encoding="utf-8")
    engine = db.make_engine(f"sqlite:///{dbfile}")
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), "0003")
    engine.dispose()
    con = sqlite3.connect(dbfile)
    insert = ("INSERT INTO documents (name, source_key, path, sha256, published_from, body, n_chars, ingested_at) "
              "VALUES (?, ?, ?, ?, 'unknown', 'x', 1, ?)")
    with con:
        con.execute(insert, ("doc.txt", "a/doc.txt", "a/doc.txt", "1" * 64, "2024-01-01 00:00:00"))
        con.execute(insert, ("feed.jsonl:7", "a/feed.jsonl#feed.jsonl:7", "a/feed.jsonl", "2" * 64, "2024-01-01 00:00:00"))
        con.execute(insert, ("doc.txt", "./a/../a/doc.txt", "./a/../a/doc.txt", "3" * 64, "2023-01-01 00:00:00"))
    con.close()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        engine = db.open_database(str(dbfile))
        engine.dispose()
    finally:
        os.chdir(here)
    a = (tmp_path / "a").resolve()
    assert sorted(k for k, _ in _keys(dbfile)) == sorted([
        f"{a}/doc.txt", f"{a}/feed.jsonl#feed.jsonl:7", "./a/../a/doc.txt"])
    result = run_timeline("ingest", str(a / "doc.txt"), "--db", str(dbfile))
    assert "0 new, 1 changed, 0 unchanged, 0 failed" in result.stdout, result.stdout + result.stderr
