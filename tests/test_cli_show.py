"""``timeline show`` end to end."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def run(runner, seeded_url):
    from nato_timeline.cli import app

    def invoke(*args):
        return runner.invoke(app, [*args, "--db", seeded_url])

    return invoke


@pytest.fixture
def council(run):
    data = json.loads(run("list", "--format", "json").stdout)
    return next(e for e in data if e["date"] == "2022-01-12" and len(e["sources"]) >= 2)


def test_show_by_slug_prints_every_source(run, council):
    result = run("show", council["slug"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert council["title"] in out and "2022-01-12" in out
    for s in council["sources"]:
        assert s["document"] in out
    assert out.count("Sources (") == 1


def test_show_by_id_and_json(run, council):
    result = run("show", str(council["id"]), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == council


def test_show_by_title_words(run):
    result = run("show", "crimea", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["date"].startswith("2014")


def test_several_matches_are_listed_with_exit_1(run):
    result = run("show", "meets")
    assert result.exit_code == 1
    assert "events match" in result.stderr
    assert len([l for l in result.stdout.splitlines() if l.strip()]) >= 3


def test_no_match_suggests(run):
    result = run("show", "council meting brussles")
    assert result.exit_code == 1
    assert "no event matches" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("key", ["", "   "])
def test_empty_key_is_a_usage_error(run, key):
    result = run("show", key)
    assert result.exit_code == 2 and result.stderr.startswith("error:")


@pytest.mark.parametrize("key", ["'; DROP TABLE events; --", '"', "%", "_", "NEAR(", "*"])
def test_metacharacters_are_just_text(run, key):
    result = run("show", key)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert run("list", "--format", "json").exit_code == 0
