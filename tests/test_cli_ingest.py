"""``timeline ingest`` end to end on real SQLite files."""

from __future__ import annotations

import json
import shutil
import sqlite3

from .conftest import SEEDS


def _counts(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "timexes", "events", "event_sources")}
    finally:
        con.close()


def test_ingest_seeds_then_again_is_unchanged(cli, db_path):
    first = cli("ingest", str(SEEDS))
    assert first.exit_code == 0, first.stderr
    assert "5 new" in first.stdout and "0 failed" in first.stdout
    before = _counts(db_path)
    assert before["documents"] == 5 and before["events"] > 0
    second = cli("ingest", str(SEEDS))
    assert second.exit_code == 0
    assert "5 unchanged" in second.stdout and "0 new" in second.stdout
    assert "0 added, 0 merged" in second.stdout
    assert _counts(db_path) == before


def test_ingest_without_path_reads_the_bundled_seeds(cli, db_path):
    result = cli("ingest")
    assert result.exit_code == 0, result.stderr
    assert "5 new" in result.stdout
    assert _counts(db_path)["documents"] == 5


def test_ingest_uses_timeline_db_env(runner, tmp_path, monkeypatch):
    from nato_timeline.cli import app

    target = tmp_path / "env.db"
    monkeypatch.setenv("TIMELINE_DB", str(target))
    result = runner.invoke(app, ["ingest", str(SEEDS / "004_be10287c07096ca6.txt")])
    assert result.exit_code == 0, result.stderr
    assert _counts(target)["documents"] == 1


def test_changed_file_replaces_its_earlier_version(cli, db_path, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    f = folder / "note.txt"
    f.write_text("The NATO-Russia Council met in Brussels on 12 January 2022.\n", encoding="utf-8")
    assert cli("ingest", str(folder)).exit_code == 0
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM events WHERE date_value='2022-01-12'").fetchone()[0] == 1
    con.close()
    f.write_text("Russia annexed Crimea in March 2014.\n", encoding="utf-8")
    result = cli("ingest", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "1 changed" in result.stdout
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM events WHERE date_value='2022-01-12'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM events WHERE date_value='2014-03'").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM event_sources WHERE event_id NOT IN (SELECT id FROM events)").fetchone()[0] == 0
    con.close()


def test_missing_path_fails_that_path_only(cli, db_path, tmp_path):
    result = cli("ingest", str(tmp_path / "nope.txt"), str(SEEDS / "004_be10287c07096ca6.txt"))
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr
    assert "1 new" in result.stdout and "1 failed" in result.stdout
    assert _counts(db_path)["documents"] == 1


def test_only_missing_paths_is_a_usage_error(cli, db_path, tmp_path):
    result = cli("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert not db_path.exists()


def test_bad_file_in_a_batch_does_not_stop_the_others(cli, db_path, tmp_path):
    folder = tmp_path / "batch"
    shutil.copytree(SEEDS, folder)
    (folder / "zz_empty.txt").write_text("")
    (folder / "zz_binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00junk")
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert "5 new" in result.stdout and "2 failed" in result.stdout
    errors = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(errors) == 2 and all("zz_" in l for l in errors)
    assert _counts(db_path)["documents"] == 5


def test_ingest_json_summary(cli):
    result = cli("ingest", str(SEEDS), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["documents"] == {"new": 5, "changed": 0, "unchanged": 0, "failed": 0}
    assert data["events"]["added"] > 0 and data["events"]["merged"] >= 1


def test_ingest_published_option(cli, db_path, tmp_path):
    f = tmp_path / "wire.txt"
    f.write_text("The council met in Brussels yesterday to discuss Ukraine.\n", encoding="utf-8")
    result = cli("ingest", str(f), "--published", "2022-01-13")
    assert result.exit_code == 0, result.stderr
    con = sqlite3.connect(db_path)
    row = con.execute("SELECT published, published_from FROM documents").fetchone()
    assert row == ("2022-01-13", "command-line")
    assert con.execute("SELECT value, anchor FROM timexes WHERE text='yesterday'").fetchone() == ("2022-01-12", "document-date")
    con.close()


def test_ingest_bad_published_is_a_usage_error(cli, db_path):
    result = cli("ingest", str(SEEDS), "--published", "the day after tomorrow-ish")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error:") and len(result.stderr.strip().splitlines()) == 1
    assert not db_path.exists()


def test_ingest_into_a_file_that_is_not_a_database(runner, tmp_path):
    from nato_timeline.cli import app

    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello " * 1000)
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(bogus)])
    assert result.exit_code == 1
    assert "cannot open database" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert bogus.read_text().startswith("hello")


def test_jsonl_input(cli, db_path, tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        json.dumps({"id": "a1", "text": "Russia annexed Crimea in March 2014.", "published": "2014-04-01"}) + "\n"
        + json.dumps({"id": "a2", "text": "NATO suspended cooperation with Russia in April 2014."}) + "\n",
        encoding="utf-8")
    result = cli("ingest", str(f))
    assert result.exit_code == 0, result.stderr
    assert "2 new" in result.stdout
    assert _counts(db_path)["documents"] == 2


def test_lines_repeated_across_a_site_are_furniture(cli, db_path):
    from .conftest import REPO

    site = REPO / "tests" / "data" / "site"
    result = cli("ingest", str(site))
    assert result.exit_code == 0, result.stderr
    con = sqlite3.connect(db_path)
    try:
        dates = {r[0] for r in con.execute("SELECT date_value FROM events")}
    finally:
        con.close()
    assert dates == {"2021-03-03", "2021-03-04"}  # the promo line of both pages dates nothing


def test_one_page_alone_keeps_its_dated_promo_line(cli, db_path):
    from .conftest import REPO

    result = cli("ingest", str(REPO / "tests" / "data" / "site" / "a.txt"))
    assert result.exit_code == 0, result.stderr
    con = sqlite3.connect(db_path)
    try:
        dates = {r[0] for r in con.execute("SELECT date_value FROM events")}
    finally:
        con.close()
    assert "2022-06-29" in dates
