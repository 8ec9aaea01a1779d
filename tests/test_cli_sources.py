"""``timeline sources`` end to end: the documents, their publication dates and
how they were known, and what each gave, agreeing with ``list``."""

from __future__ import annotations

import csv
import io
import json


from .conftest import SEEDS


def test_table_lists_every_seed_document(seeded_cli):
    result = seeded_cli("sources")
    assert result.exit_code == 0, result.stderr
    for path in SEEDS.glob("*.txt"):
        assert path.name in result.stdout
    assert result.stdout.splitlines()[0].split() == ["document", "published", "published_from", "expressions",
                                                     "events", "quotes", "title"]


def test_json_counts_agree_with_the_chronology(seeded_cli):
    docs = json.loads(seeded_cli("sources", "--format", "json").stdout)
    events = json.loads(seeded_cli("list", "--include-undated", "--format", "json").stdout)
    assert [d["document"] for d in docs] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for d in docs:
        mine = [e for e in events if any(s["document"] == d["document"] for s in e["sources"])]
        assert d["events"] == len(mine), d["document"]
        assert d["quotes"] == sum(1 for e in events for s in e["sources"] if s["document"] == d["document"])
        assert d["expressions"] >= d["events"] > 0 or d["events"] == 0
        assert d["published_from"] in ("unknown", "dateline", "front-matter", "option", "jsonl")
        assert (d["published"] is None) == (d["published_from"] == "unknown")


def test_dateline_document(seeded_cli):
    docs = {d["document"]: d for d in json.loads(seeded_cli("sources", "--format", "json").stdout)}
    dated = [d for d in docs.values() if d["published"]]
    assert dated and all(len(d["published"]) in (4, 7, 10) for d in dated)


def test_csv_and_markdown(seeded_cli):
    rows = list(csv.DictReader(io.StringIO(seeded_cli("sources", "--format", "csv").stdout)))
    assert len(rows) == len(list(SEEDS.glob("*.txt")))
    assert {"document", "published", "published_from", "expressions", "events", "quotes", "title"} <= set(rows[0])
    md = seeded_cli("sources", "--format", "markdown").stdout
    assert md.startswith("# Sources") and "| Document | Published |" in md


def test_empty_database(cli, db_url):
    assert cli("db", "upgrade").exit_code == 0
    result = cli("sources", "--db", db_url)
    assert result.exit_code == 0 and result.stdout == "" and "No documents" in result.stderr
    assert json.loads(cli("sources", "--format", "json", "--db", db_url).stdout) == []


def test_not_a_database(runner, tmp_path):
    from nato_timeline.cli import app

    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"\x00garbage" * 500)
    result = runner.invoke(app, ["sources", "--db", str(bogus)])
    assert result.exit_code == 1 and result.stderr.startswith("error: cannot open database")
