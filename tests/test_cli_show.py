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


def test_show_prints_the_summary_of_several_sources(run, council):
    result = run("show", council["slug"])
    assert result.exit_code == 0, result.stderr
    assert "Summary" in result.stdout
    # the summary is drawn from the sources: its first words open one of them
    first = " ".join(council["summary"].split()[:6])
    assert any(" ".join(s["quote"].split()[:6]) == first for s in council["sources"])
    assert len(council["summary"]) <= 600


def test_related_events_are_listed(run, council):
    result = run("show", council["slug"])
    out = result.stdout
    assert "Related events (" in out
    related = out.split("Related events (", 1)[1]
    assert "Russia-US talks in Geneva" in related and "shares Russia" in related and "days apart" in related


def test_related_can_be_turned_off_and_json_is_unchanged(run, council):
    assert "Related events" not in run("show", council["slug"], "--related", "0").stdout
    assert "Related events" not in run("show", str(council["id"]), "--format", "json").stdout
    lines = run("show", council["slug"], "--related", "1").stdout.split("Related events (1)", 1)[1]
    assert len([l for l in lines.splitlines() if l.startswith("- ")]) == 1
