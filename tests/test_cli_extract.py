"""``timeline extract``: the pipeline without a database."""

from __future__ import annotations

import json

from .conftest import SEEDS


def test_extract_json_shape_and_no_database(runner, tmp_path, monkeypatch):
    from nato_timeline.cli import app

    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "must-not-exist.db"))
    result = runner.invoke(app, ["extract", str(SEEDS / "003_08fce08e132a00d2.txt"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    [doc] = json.loads(result.stdout)
    assert doc["document"] == "003_08fce08e132a00d2.txt"
    assert doc["published"] == "2022-01-12" and doc["published_from"] == "dateline"
    body = (SEEDS / "003_08fce08e132a00d2.txt").read_text(encoding="utf-8")
    for t in doc["timexes"]:
        assert body[t["start"]:t["end"]] == t["text"]
        assert t["type"] in ("DATE", "TIME", "DURATION", "SET")
        assert t["anchor"] in ("absolute", "document-date", "context", "cross-document", "unresolved")
    values = {t["text"]: t["value"] for t in doc["timexes"]}
    assert values.get("December 17, 2021") == "2021-12-17"
    assert any(v == "2022-01-10" for v in values.values())
    assert {"id", "slug", "date", "precision", "title", "type", "sources"} <= set(doc["events"][0])
    assert not (tmp_path / "must-not-exist.db").exists()


def test_extract_published_option_anchors_relative_dates(runner, tmp_path):
    from nato_timeline.cli import app

    f = tmp_path / "wire.txt"
    f.write_text("Ministers met in Vienna yesterday.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--published", "2023-03-03", "--format", "json"])
    [doc] = json.loads(result.stdout)
    assert doc["published_from"] == "command-line"
    assert [(t["text"], t["value"], t["anchor"]) for t in doc["timexes"]] == [("yesterday", "2023-03-02", "document-date")]


def test_extract_without_date_leaves_relative_unresolved(runner, tmp_path):
    from nato_timeline.cli import app

    f = tmp_path / "wire.txt"
    f.write_text("Ministers met in Vienna yesterday.\n", encoding="utf-8")
    [doc] = json.loads(runner.invoke(app, ["extract", str(f), "--format", "json"]).stdout)
    [t] = doc["timexes"]
    assert t["anchor"] == "unresolved" and "X" in t["value"]
    assert all(e["precision"] is None for e in doc["events"])


def test_extract_table(runner):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["extract", str(SEEDS / "004_be10287c07096ca6.txt")])
    assert result.exit_code == 0
    assert "Temporal expressions" in result.stdout and "2015-05-19" in result.stdout


def test_extract_missing_file(runner, tmp_path):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["extract", str(tmp_path / "gone.txt")])
    assert result.exit_code == 1 and "gone.txt" in result.stderr


def test_extract_shows_a_continuing_sentence_as_another_source_of_its_event(runner, tmp_path):
    """As storing it would: the sentence that continues an event is a second
    source of that event, not an event of its own."""
    from nato_timeline.cli import app

    doc = tmp_path / "council.txt"
    doc.write_text("Council meets\n\nThe NATO-Russia Council met in Brussels on 12 January 2022. "
                   "Jens Stoltenberg, who chaired the meeting, said the talks had been frank and useful.\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["extract", str(doc), "--published", "2022-01-13", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (event,) = json.loads(result.stdout)[0]["events"]
    assert event["date"] == "2022-01-12"
    assert [s["quote"].split()[0] for s in event["sources"]] == ["The", "Jens"]
