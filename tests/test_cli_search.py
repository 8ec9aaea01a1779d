"""``timeline search`` end to end on the seed database: ranking, snippets,
formats, exit codes (no hit is 1 like grep, bad syntax is 2) and metacharacters."""

from __future__ import annotations

import csv
import io
import json

import pytest


def test_table_lists_hits_best_first_with_snippets(seeded_cli):
    result = seeded_cli("search", "council brussels")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "id", "title", "snippet"]
    assert "NATO-Russia Council meets in" in lines[1]


def test_json_hits_have_rank_snippet_and_highlights(seeded_cli):
    result = seeded_cli("search", "council brussels", "--format", "json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["title"] == "NATO-Russia Council meets in Brussels"
    ranks = [h["rank"] for h in hits]
    assert ranks == sorted(ranks, reverse=True)
    for h in hits:
        assert {"id", "slug", "date", "sources", "rank", "snippet", "highlights"} <= set(h)
        marked = {h["snippet"][a:b].lower() for a, b in h["highlights"]}
        assert marked and marked <= {"council", "brussels"}
        text = (h["title"] + " " + " ".join(s["quote"] for s in h["sources"])).lower()
        assert "council" in text and "brussels" in text


def test_every_hit_has_all_words_and_list_agrees(seeded_cli):
    hits = json.loads(seeded_cli("search", "russia talks", "--format", "json").stdout)
    listed = json.loads(seeded_cli("list", "--text", "russia talks", "--include-undated", "--format", "json").stdout)
    assert sorted(h["id"] for h in hits) == sorted(e["id"] for e in listed)
    assert hits


def test_syntax_or_and_prefix(seeded_cli):
    either = {h["id"] for h in json.loads(seeded_cli("search", "crimea OR geneva", "--format", "json").stdout)}
    one = {h["id"] for h in json.loads(seeded_cli("search", "crimea", "--format", "json").stdout)}
    other = {h["id"] for h in json.loads(seeded_cli("search", "geneva", "--format", "json").stdout)}
    assert either == one | other and one and other
    prefix = json.loads(seeded_cli("search", "annex*", "--format", "json").stdout)
    assert any("annex" in h["title"].lower() for h in prefix)


def test_limit_and_csv(seeded_cli):
    assert len(json.loads(seeded_cli("search", "russia", "--limit", "2", "--format", "json").stdout)) == 2
    rows = list(csv.DictReader(io.StringIO(seeded_cli("search", "russia", "--format", "csv").stdout)))
    assert rows and {"rank", "id", "slug", "date", "title", "snippet"} <= set(rows[0])


def test_no_hit_exits_1_like_grep(seeded_cli):
    result = seeded_cli("search", "zeppelin")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == "error: no event matches 'zeppelin'"
    result = seeded_cli("search", "zeppelin", "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


@pytest.mark.parametrize("query,message", [
    ('"security guarantees', "a double quote is not closed"),
    ("NEAR(", "a '(' is not closed"),
    ("talks OR", "OR needs words on both sides"),
    ("--", "no words to search for"),
    ("*", "no words to search for"),
    ("-crimea", "add a word to search for"),
])
def test_syntax_errors_exit_2_with_one_line(runner, seeded_db, query, message):
    from nato_timeline.cli import app

    # after "--", so that a query starting with "-" is not read as an option
    result = runner.invoke(app, ["search", "--db", str(seeded_db), "--", query])
    assert result.exit_code == 2, result.stdout
    err = result.stderr.strip()
    assert err.startswith("error: search text") and message in err and len(err.splitlines()) == 1


def test_a_syntax_error_opens_no_database(runner, tmp_path):
    from nato_timeline.cli import app

    target = tmp_path / "never.db"
    result = runner.invoke(app, ["search", '"open', "--db", str(target)])
    assert result.exit_code == 2 and not target.exists()


@pytest.mark.parametrize("query", ["'", "'; DROP TABLE events; --", 'russia "*"', "russia NEAR(a b)", "council*'", "%_\\"])
def test_metacharacters_are_text_or_usage_errors(seeded_cli, query):
    result = seeded_cli("search", query)
    assert result.exit_code in (0, 1, 2), result.stdout
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert json.loads(seeded_cli("list", "--format", "json").stdout)  # nothing was dropped


def test_empty_database_has_no_hits(cli, db_url):
    assert cli("db", "upgrade").exit_code == 0
    result = cli("search", "russia", "--db", db_url)
    assert result.exit_code == 1 and "no event matches" in result.stderr
