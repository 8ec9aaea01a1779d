"""Small promises of the command line: an empty ``--db`` is a usage error, a
file name is shown on one line whatever it holds, and ``export -o`` writes
through a symbolic link."""

from __future__ import annotations

import os

from .helpers import error_lines, run_timeline


def test_an_empty_db_option_is_a_usage_error(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    for command in (["list"], ["ingest", str(tmp_path)], ["db", "current"]):
        result = run_timeline(*command, "--db", "")
        assert result.returncode == 2, (command, result.stderr)
        assert error_lines(result.stderr) == [
            "error: --db is empty: give a database file or URL, or leave --db out for the default"]
    assert not data.exists()  # the default database was not created


def test_a_file_name_with_a_newline_is_one_line_of_progress(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "two\nlines\t.txt").write_text("NATO met Russia in Riga on 2 May 2021.\n", encoding="utf-8")
    (folder / "three\nlines\n.txt").write_bytes(b"")
    result = run_timeline("-v", "ingest", str(folder), "--db", str(tmp_path / "t.db"))
    assert result.returncode == 1, result.stderr
    lines = error_lines(result.stderr)
    assert f"error: {folder}/three\\nlines\\n.txt: empty file" in lines
    assert "[2/2] two\\nlines\\t.txt" in lines
    assert not [line for line in lines if line.startswith("lines")]


def test_export_writes_through_a_symbolic_link(tmp_path):
    from .helpers import make_corpus

    db = tmp_path / "t.db"
    assert run_timeline("ingest", str(make_corpus(tmp_path / "in", 3)), "--db", str(db)).returncode == 0
    target = tmp_path / "site" / "chronology.html"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    result = run_timeline("export", "--format", "html", "-o", str(link), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert sorted(p.name for p in target.parent.iterdir()) == ["chronology.html"]
